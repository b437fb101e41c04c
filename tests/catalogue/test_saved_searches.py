"""Following a search: saved from a page with no result, told once when a matching
opportunity is published, kept to learners, in the data download, gone with the account."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learningcity.catalogue.models import SavedSearch, SessionStatus
from learningcity.catalogue.services.opportunities import opportunity_set_status
from learningcity.catalogue.services.personal_data import anonymise_learner, learner_data_export
from learningcity.catalogue.services.saved_searches import (
    MAX_SAVED_SEARCHES,
    saved_search_create,
    saved_search_delete,
)
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lexical_only(settings):
    settings.SEARCH_SEMANTIC = False


def _publish(django_capture_on_commit_callbacks, by, **fields):
    opportunity = OpportunityFactory(status="draft", **fields)
    SessionFactory(opportunity=opportunity, status=SessionStatus.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_set_status(opportunity=opportunity, status="published", by=by)
    return opportunity


def test_a_learner_is_told_when_an_opportunity_answering_their_search_is_published(
    django_capture_on_commit_callbacks, manager
):
    follower = LearnerFactory()
    other = LearnerFactory()
    saved_search_create(query="دورة الخط العربي", by=follower.user, language="ar")
    saved_search_create(query="السباحة", by=other.user, language="en")
    _publish(django_capture_on_commit_callbacks, manager, title_ar="أساسيات التصوير")
    assert not Notification.objects.exists()
    opportunity = _publish(django_capture_on_commit_callbacks, manager, title_ar="الخط العربي للمبتدئين")
    told = Notification.objects.get()
    assert told.recipient == follower.user and told.url == opportunity.get_absolute_url()
    assert "الخط العربي للمبتدئين" in told.title and "دورة الخط العربي" in told.title
    assert SavedSearch.objects.get(learner=follower).last_notified_at is not None


def test_only_learners_follow_searches_and_only_their_own(coordinator_a):
    learner = LearnerFactory()
    with pytest.raises(PermissionDenied):
        saved_search_create(query="الخط", by=coordinator_a, language="ar")
    saved = saved_search_create(query="الخط", by=learner.user, language="ar")
    assert saved_search_create(query="  الخط ", by=learner.user, language="ar") == saved  # once
    with pytest.raises(PermissionDenied):
        saved_search_delete(saved_search=saved, by=LearnerFactory().user)
    with pytest.raises(ValidationError):
        saved_search_create(query="!!!", by=learner.user, language="ar")
    for number in range(MAX_SAVED_SEARCHES - 1):
        saved_search_create(query=f"موضوع {number}", by=learner.user, language="ar")
    with pytest.raises(ValidationError):
        saved_search_create(query="موضوع آخر", by=learner.user, language="ar")
    saved_search_delete(saved_search=saved, by=learner.user)
    assert learner.saved_searches.count() == MAX_SAVED_SEARCHES - 1


def test_saved_searches_are_in_the_data_download_and_gone_with_the_account():
    learner = LearnerFactory()
    saved_search_create(query="الخط", by=learner.user, language="ar")
    assert [s["query"] for s in learner_data_export(learner=learner)["saved_searches"]] == ["الخط"]
    anonymise_learner(learner=learner, reason="test")
    assert not SavedSearch.objects.exists()


def test_the_page_with_no_result_offers_near_matches_kinds_and_following(client):
    OpportunityFactory(title_ar="الخط العربي للأطفال")
    body = client.get("/ar/opportunities/", {"q": "الخط الكوفي"}).content.decode()
    assert "لا توجد نتائج تطابق «الخط الكوفي»" in body
    assert "نتائج قريبة مما طلبت" in body and "الخط العربي للأطفال" in body
    assert "تصفّح حسب النوع" in body and "?type=workshop" in body
    assert "أخبرني عندما تتوفر فرصة مثل هذه" in body and "/ar/accounts/login/?next=" in body

    learner = LearnerFactory()
    signed_in = client_for(learner.user)
    response = signed_in.post("/ar/opportunities/saved-searches/", {"q": "الخط الكوفي"})
    assert response.status_code == 302 and learner.saved_searches.get().query == "الخط الكوفي"
    page = signed_in.get(response["Location"]).content.decode()
    assert "أنت تتابع «الخط الكوفي»" in page
    assert "الخط الكوفي" in signed_in.get("/ar/learn/my-learning/").content.decode()


def test_bookable_opportunities_come_first_unless_the_filter_is_off(client):
    bookable = OpportunityFactory(title_ar="الخط العربي في ينبع")
    SessionFactory(opportunity=bookable)
    OpportunityFactory(title_ar="الخط العربي وتاريخه", description_ar="الخط العربي الخط العربي")
    from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions

    refresh_upcoming_sessions()
    body = client.get("/ar/opportunities/", {"q": "الخط العربي"}).content.decode()
    assert body.index("الخط العربي في ينبع") < body.index("نتائج مطابقة أخرى ليس لها جلسة قادمة بعد")
    assert body.index("نتائج مطابقة أخرى") < body.index("الخط العربي وتاريخه")
    off = client.get("/ar/opportunities/", {"q": "الخط العربي", "filtered": "1"}).content.decode()
    assert "نتائج مطابقة أخرى" not in off and "الخط العربي وتاريخه" in off


def test_runs_of_one_course_are_one_card_with_links_to_the_other_places(client):
    first = OpportunityFactory(title_ar="السباحة للمبتدئين")
    second = OpportunityFactory(title_ar="السباحة للمبتدئين")
    body = client.get("/ar/opportunities/", {"q": "السباحة", "filtered": "1"}).content.decode()
    assert body.count('class="card h-100 opportunity-card"') == 1
    assert "تُقام أيضًا في:" in body
    assert second.get_absolute_url() in body and first.get_absolute_url() in body
