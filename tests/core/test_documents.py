"""Documents uploaded into the programme's records are private: kept outside public media,
downloaded through a view that checks who asks, as attachments that cannot run in the
platform's origin. Files kept in public media before are moved by the migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from learningcity.coordination.models import MeetingAttachment
from learningcity.core.migrations._move_to_private_storage import move_to_private_storage
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


def test_the_migration_moves_files_kept_in_public_media(attachment, settings):
    old_name = default_storage.save("meetings/attachments/old.svg", ContentFile(SVG_WITH_SCRIPT))
    MeetingAttachment.objects.filter(pk=attachment.pk).update(file=old_name)

    move_to_private_storage("coordination.MeetingAttachment", "file")(apps, None)

    assert not default_storage.exists(old_name)
    assert (Path(settings.PRIVATE_FILES_ROOT) / old_name).read_bytes() == SVG_WITH_SCRIPT
    # Moving again finds nothing left to move and leaves the private copy alone.
    move_to_private_storage("coordination.MeetingAttachment", "file")(apps, None)
    assert (Path(settings.PRIVATE_FILES_ROOT) / old_name).exists()
