"""Success stories: written by coordinators for their entity, published after a programme
manager's review, photos only with recorded consent, figures drawn live from the platform,
Open Graph tags for sharing and an Atom feed."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from learningcity.catalogue.models import Registration, RegistrationStatus
from learningcity.collaboration.models import ReviewStatus, Story
from learningcity.notifications.models import Notification
from tests.collaboration.conftest import queries_for
from tests.conftest import client_for
from tests.factories import InitiativeFactory, LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _png(name: str = "class.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 93, 75)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def _form(entity, **changes):
    return {
        "kind": "learner", "title_ar": "أم سعد تتعلم الحاسب في الستين", "title_en": "Learning computers at sixty",
        "summary_ar": "من أول دورة إلى أول مشروع منزلي", "body_ar": "بدأت أم سعد دورة المهارات الرقمية…",
        "entity": entity.pk, **changes,
    }  # fmt: skip


def _published(entity, **values) -> Story:
    defaults = {
        "kind": "initiative", "title_ar": "الأسرة المتعلمة", "summary_ar": "ثلاثمئة أسرة",
        "body_ar": "نص القصة", "status": ReviewStatus.PUBLISHED, "published_at": timezone.now(),
    }  # fmt: skip
    return Story.objects.create(entity=entity, **{**defaults, **values})


def test_a_coordinators_story_is_public_only_once_a_manager_publishes_it(coordinator_a, entity_a, manager):
    response = client_for(coordinator_a).post("/ar/stories/new/", _form(entity_a))
    story = Story.objects.get()
    assert response.status_code == 302 and story.status == ReviewStatus.SUBMITTED
    assert Notification.objects.filter(recipient=manager, kind="story.submitted").exists()
    public = client_for(None)
    assert public.get(story.get_absolute_url()).status_code == 404
    assert "أم سعد" not in public.get("/ar/stories/").content.decode()
    assert (
        client_for(coordinator_a).post(f"/ar/stories/{story.pk}/review/", {"decision": "publish"}).status_code
        == 403
    )
    client_for(manager).post(f"/ar/stories/{story.pk}/review/", {"decision": "publish"})
    story.refresh_from_db()
    assert story.status == ReviewStatus.PUBLISHED and story.published_at is not None
    assert public.get(story.get_absolute_url()).status_code == 200
    assert "أم سعد" in public.get("/ar/stories/").content.decode()
    assert Notification.objects.filter(recipient=coordinator_a, kind="story.reviewed").exists()


def test_a_photo_needs_recorded_consent_and_a_description(coordinator_a, entity_a):
    client = client_for(coordinator_a)
    response = client.post(
        "/ar/stories/new/", _form(entity_a, photo=_png(), photo_description_ar="متعلمة أمام الحاسب")
    )
    assert response.status_code == 400 and not Story.objects.exists()
    page = response.content.decode()
    assert "بموافقة من يظهرون فيها" in page and "أم سعد تتعلم الحاسب في الستين" in page
    response = client.post(
        "/ar/stories/new/",
        _form(entity_a, photo=_png(), photo_consent="on", consent_record="نموذج موقّع لدى الجهة"),
    )
    assert response.status_code == 400 and "صِف الصورة" in response.content.decode()
    response = client.post(
        "/ar/stories/new/",
        _form(
            entity_a,
            photo=_png(),
            photo_consent="on",
            consent_record="نموذج موقّع لدى الجهة",
            photo_description_ar="متعلمة أمام الحاسب",
        ),  # fmt: skip
    )
    assert response.status_code == 302
    assert Story.objects.get().photo.name.endswith(".png")


def test_a_file_that_is_not_an_image_or_is_too_large_is_refused(coordinator_a, entity_a, settings):
    consent = {"photo_consent": "on", "consent_record": "موافقة خطية", "photo_description_ar": "صورة"}
    fake = SimpleUploadedFile("photo.png", b"this is not a picture", "image/png")
    response = client_for(coordinator_a).post("/ar/stories/new/", _form(entity_a, photo=fake, **consent))
    assert response.status_code == 400 and not Story.objects.exists()
    assert "ليس صورة" in response.content.decode() or "صورة يمكن فتحها" in response.content.decode()
    settings.MAX_IMAGE_UPLOAD_MB = 0
    response = client_for(coordinator_a).post("/ar/stories/new/", _form(entity_a, photo=_png(), **consent))
    assert response.status_code == 400 and not Story.objects.exists()


def test_no_one_writes_for_another_entity(coordinator_b, entity_a, learner):
    assert client_for(coordinator_b).post("/ar/stories/new/", _form(entity_a)).status_code == 400
    assert client_for(learner).get("/ar/stories/new/").status_code == 403
    story = _published(entity_a)
    assert client_for(coordinator_b).post(f"/ar/stories/{story.pk}/edit/", _form(entity_a)).status_code == 403
    assert not Story.objects.exclude(pk=story.pk).exists()


def test_figures_are_drawn_live_from_the_registrations(entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity_a, initiative=initiative, hours=12)
    )
    story = _published(entity_a, initiative=initiative)
    page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert "المبادرة بالأرقام" in page
    learners = [LearnerFactory() for _ in range(3)]
    for number, learner in enumerate(learners):
        Registration.objects.create(
            learner=learner, session=session, status=RegistrationStatus.CONFIRMED,
            completed_at=timezone.now() if number < 2 else None,
        )  # fmt: skip
    from learningcity.collaboration.selectors import story_figures

    figures = story_figures(story)
    assert (figures.learners, figures.completions, figures.hours) == (3, 2, 24)


def test_a_story_page_has_open_graph_tags_and_the_feed_lists_published_stories(entity_a):
    story = _published(
        entity_a, title_en="The learning family", summary_en="Three hundred families", photo=_png(),
        photo_consent=True, consent_record="نموذج", photo_description_ar="أسرة تقرأ",
    )  # fmt: skip
    _published(entity_a, title_ar="قصة لم تُنشر", status=ReviewStatus.SUBMITTED, published_at=None)
    page = client_for(None).get(f"/en{story.get_absolute_url()[3:]}").content.decode()
    assert '<meta property="og:title" content="The learning family">' in page
    base = settings.PLATFORM_BASE_URL  # the public address, not the request's host
    assert f'<meta property="og:url" content="{base}/en/stories/{story.pk}/">' in page
    assert f'<meta property="og:image" content="{base}/' in page
    feed = client_for(None).get("/ar/stories/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")]
    assert titles == ["الأسرة المتعلمة"]


def test_the_story_list_keeps_its_query_count(entity_a):
    for number in range(2):
        _published(entity_a, title_ar=f"قصة {number}")
    client = client_for(None)
    few = queries_for(client, "/ar/stories/")
    for number in range(10):
        _published(entity_a, title_ar=f"قصة أخرى {number}")
    assert queries_for(client, "/ar/stories/") == few
