"""Whole public pages kept for anonymous visitors (core/public_pages.py): served again without
rendering and without the rest of the middleware, the same bytes for every visitor (nothing of
theirs is in them), never to someone signed in, and fresh once the catalogue changes."""

import time

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learningcity.collaboration.models import ReviewStatus, Story
from learningcity.core.models import CacheGeneration
from learningcity.core.public_pages import PublicPagesMiddleware, public_page
from tests.conftest import client_for
from tests.factories import CampaignFactory, EntityFactory, LearnerFactory, OpportunityFactory, SessionFactory

# Committed as a request commits: the generations move on at once (core/cache.py).
pytestmark = pytest.mark.django_db(transaction=True)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(
    "path", ["/ar/", "/en/opportunities/", "/ar/opportunities/?q=%D8%A8%D8%B1%D9%85%D8%AC%D8%A9"]
)
def test_a_public_page_is_rendered_once_and_served_again(path):
    SessionFactory(opportunity=OpportunityFactory(title_ar="برمجة للمبتدئين"))
    first, rendered = _queries(Client(), path)
    again, served = _queries(Client(), path)
    assert served == 1 and rendered > 1, (rendered, served)  # the generation, nothing else
    assert again.content == first.content
    # The headers the rest of the stack gave the page come with it.
    for header in ("Content-Security-Policy", "Content-Language", "X-Frame-Options", "Permissions-Policy"):
        assert again[header] == first[header]


def test_a_kept_page_holds_nothing_of_the_visitor_and_sets_no_cookie():
    SessionFactory()
    one, two = Client(), Client()
    page_one, page_two = one.get("/ar/opportunities/"), two.get("/ar/opportunities/")
    assert page_one.content == page_two.content
    assert not page_one.cookies and not page_two.cookies
    assert "csrfmiddlewaretoken" not in page_two.content.decode()
    assert "X-CSRFToken" not in page_two.content.decode()
    # The language switch is a link to the same page in English.
    assert 'href="/en/opportunities/" lang="en" hreflang="en"' in page_two.content.decode()


def test_someone_signed_in_never_gets_the_anonymous_page_nor_leaves_theirs():
    SessionFactory()
    learner = LearnerFactory(user__username="salma-alharbi")
    Client().get("/ar/")
    signed_in = client_for(learner.user)
    page = signed_in.get("/ar/").content.decode()
    assert "salma-alharbi" in page  # their own page, with their name in the menu
    assert "X-CSRFToken" in page  # and the token their htmx requests send
    assert "salma-alharbi" not in Client().get("/ar/").content.decode()


def test_a_change_to_the_catalogue_shows_at_once():
    Client().get("/en/opportunities/")
    SessionFactory(opportunity=OpportunityFactory(title_en="Calligraphy for beginners"))
    assert "Calligraphy for beginners" in Client().get("/en/opportunities/").content.decode()


def _anonymous_get(path):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_page_with_a_message_or_a_cookie_of_its_own_is_not_kept():
    """What the view told this visitor, or a cookie it gave them, is theirs alone."""
    rendered = []

    @public_page("catalogue")
    def view(request):
        rendered.append(request.get_full_path())
        if request.GET.get("say"):
            messages.success(request, "Saved.")
        response = HttpResponse("page")
        if request.GET.get("cookie"):
            response.set_cookie("chosen", "1")
        return response

    middleware = PublicPagesMiddleware(view)
    for path in ["/ar/a/?say=1", "/ar/a/?say=1", "/ar/a/?cookie=1", "/ar/a/?cookie=1", "/ar/a/", "/ar/a/"]:
        middleware(_anonymous_get(path))
    assert rendered == ["/ar/a/?say=1", "/ar/a/?say=1", "/ar/a/?cookie=1", "/ar/a/?cookie=1", "/ar/a/"]


def _published_story(title_en):
    return Story.objects.create(
        entity=EntityFactory(), kind="initiative", title_ar="الأسرة المتعلمة", title_en=title_en,
        summary_ar="ثلاثمئة أسرة", body_ar="نص القصة", status=ReviewStatus.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip


def test_every_public_page_is_kept_and_read_back_with_its_generations_alone():
    """The pages the issue names: opportunity, provider, campaigns, stories and open data —
    each served again with one read per generation it shows, and nothing else."""
    session = SessionFactory()
    session.opportunity.campaigns.add(CampaignFactory(slug="reading-month"))
    story = _published_story("The learning family")
    pages = {
        f"/en/opportunities/{session.opportunity.pk}/": 1,
        f"/en/opportunities/providers/{session.opportunity.provider.pk}/": 1,
        "/en/campaigns/": 1,
        "/en/campaigns/reading-month/": 1,
        "/en/stories/": 1,
        f"/en/stories/{story.pk}/": 1,
        "/en/open-data/": 3,  # the catalogue's, the indicators' and the programme's
    }
    for path, reads in pages.items():
        first, rendered = _queries(Client(), path)
        again, served = _queries(Client(), path)
        assert (served, again.content) == (reads, first.content), path
        assert rendered > served, path


def test_a_story_published_shows_on_the_kept_list_at_once():
    Client().get("/en/stories/")
    _published_story("Reading circles in Yanbu")
    assert "Reading circles in Yanbu" in Client().get("/en/stories/").content.decode()


def test_a_process_trusts_the_generations_it_read_for_a_second_and_its_own_changes_at_once(settings):
    """GENERATION_RECENT_SECONDS: a kept page is served with no query at all while the
    reading is recent; a change committed by another process (which this one learns of only
    from the database) shows once the reading is old; a change of its own shows at once."""
    settings.GENERATION_RECENT_SECONDS = 1
    SessionFactory(opportunity=OpportunityFactory(title_en="Calligraphy for beginners"))
    _queries(Client(), "/en/opportunities/")  # rendered and kept
    _queries(Client(), "/en/opportunities/")  # the generation read and trusted from now on
    assert _queries(Client(), "/en/opportunities/")[1] == 0
    # Another process's change: the counter moves on in the database alone.
    CacheGeneration.objects.filter(name="catalogue").update(value=F("value") + 1)
    assert _queries(Client(), "/en/opportunities/")[1] == 0  # still within the second
    time.sleep(1)
    assert _queries(Client(), "/en/opportunities/")[1] > 1  # read again, rendered afresh
    # This process's own change: seen at once.
    SessionFactory(opportunity=OpportunityFactory(title_en="Pottery at the heritage village"))
    assert "Pottery at the heritage village" in Client().get("/en/opportunities/").content.decode()
