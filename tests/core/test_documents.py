"""Documents uploaded into the programme's records are private: kept outside public media,
downloaded through a view that checks who asks, as attachments that cannot run in the
platform's origin."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from learningcity.coordination.models import MeetingAttachment
from tests.conftest import client_for
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def attachment(settings):
    meeting = MeetingFactory()
    return MeetingAttachment.objects.create(
        meeting=meeting, title="محضر", file=ContentFile(b"%PDF-1.7 minutes", name="minutes.pdf")
    )


def test_a_document_is_kept_outside_public_media(attachment, settings):
    assert (Path(settings.PRIVATE_FILES_ROOT) / attachment.file.name).exists()
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()


def test_staff_download_it_as_an_attachment_that_cannot_run_here(attachment, viewer):
    response = client_for(viewer).get(f"/ar/documents/meeting-attachment/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="minutes')
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 minutes"


def test_an_unknown_kind_or_record_is_not_found(attachment, manager):
    client = client_for(manager)
    assert client.get(f"/ar/documents/partner-logo/{attachment.pk}/").status_code == 404
    assert client.get(f"/ar/documents/meeting-attachment/{attachment.pk + 99}/").status_code == 404
