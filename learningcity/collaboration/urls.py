from django.urls import path

from learningcity.collaboration.views import channels, marketplace, practices, stories

app_name = "collaboration"

urlpatterns = [
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/new/", practices.practice_create, name="practice_create"),
    path("practices/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/review/", practices.practice_review, name="practice_review"),
    path("practices/<int:pk>/attach/", practices.practice_attach, name="practice_attach"),
    path("practices/<int:pk>/useful/", practices.practice_mark, name="practice_mark"),
    path("practices/<int:pk>/comment/", practices.practice_comment, name="practice_comment"),
    path("channels/", channels.channel_list, name="channel_list"),
    path("channels/<int:pk>/", channels.channel, name="channel"),
    path("channels/<int:pk>/post/", channels.channel_post, name="channel_post"),
    path("channels/posts/<int:pk>/hide/", channels.channel_hide, name="channel_hide"),
    path("marketplace/", marketplace.need_list, name="need_list"),
    path("marketplace/contributions/", marketplace.contributions, name="contributions"),
    path("marketplace/needs/new/", marketplace.need_create, name="need_create"),
    path("marketplace/needs/<int:pk>/", marketplace.need_detail, name="need_detail"),
    path("marketplace/needs/<int:pk>/edit/", marketplace.need_edit, name="need_edit"),
    path("marketplace/needs/<int:pk>/close/", marketplace.need_close, name="need_close"),
    path("marketplace/needs/<int:pk>/pledge/", marketplace.pledge_create, name="pledge_create"),
    path("marketplace/pledges/<int:pk>/decide/", marketplace.pledge_decide, name="pledge_decide"),
    path("marketplace/pledges/<int:pk>/withdraw/", marketplace.pledge_withdraw, name="pledge_withdraw"),
    path("marketplace/pledges/<int:pk>/delivered/", marketplace.pledge_delivered, name="pledge_delivered"),
    path("stories/", stories.story_list, name="story_list"),
    path("stories/feed/", stories.story_feed, name="story_feed"),
    path("stories/new/", stories.story_create, name="story_create"),
    path("stories/<int:pk>/", stories.story_detail, name="story_detail"),
    path("stories/<int:pk>/edit/", stories.story_edit, name="story_edit"),
    path("stories/<int:pk>/review/", stories.story_review, name="story_review"),
]
