"""Documents people upload into the programme's records (meeting attachments, initiative
documents, evaluation and action-item evidence, agreements) are internal: they live in private
storage and are served only through `document_download`, to those who may see the record, as
downloads with safe headers. Only partner logos are public media.

`DOCUMENTS` names each kind once: the model, its file field, and who may download it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse


class PrivateFileStorage(FileSystemStorage):
    """Files under settings.PRIVATE_FILES_ROOT, read when used rather than when the models
    load (a model field evaluates its storage once), so a changed setting is followed."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_FILES_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> Any:
    """Where private files live: outside MEDIA_ROOT (or in the private bucket with
    MEDIA_STORAGE=s3), only ever served through views that check who asks."""
    from django.core.files.storage import storages

    if "private" in settings.STORAGES:  # object storage (MEDIA_STORAGE=s3)
        return storages["private"]
    return PrivateFileStorage()


def move_to_private_storage(model_label: str, field: str) -> Any:
    """A migration step: move the files of `field` kept so far in public media to private
    storage (same names), for the records that have one."""

    def move(apps: Any, schema_editor: Any) -> None:
        from django.core.files.storage import default_storage

        model = apps.get_model(model_label)
        target = private_storage()
        for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True).iterator():
            if not name or not default_storage.exists(name) or target.exists(name):
                continue
            with default_storage.open(name, "rb") as source:
                target.save(name, source)
            default_storage.delete(name)

    return move


def _staff(user: Any, record: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_staff_member


def _practice_reader(user: Any, attachment: Any) -> bool:
    from learningcity.collaboration.permissions import visible_practices

    return visible_practices(user).filter(pk=attachment.practice_id).exists()


def _channel_reader(user: Any, post: Any) -> bool:
    from learningcity.collaboration.permissions import can_use_channel, is_manager

    return can_use_channel(user, post.track) and (post.hidden_at is None or is_manager(user))


@dataclass(frozen=True)
class DocumentKind:
    model: str  # app_label.ModelName
    field: str
    may_download: Callable[[Any, Any], bool] = _staff


DOCUMENTS = {
    "meeting-attachment": DocumentKind("coordination.MeetingAttachment", "file"),
    "action-evidence": DocumentKind("coordination.ActionItemUpdate", "evidence"),
    "initiative-document": DocumentKind("programme.InitiativeDocument", "file"),
    "evaluation-evidence": DocumentKind("programme.Evaluation", "evidence"),
    "agreement": DocumentKind("partners.Agreement", "document"),
    "measurement-evidence": DocumentKind("indicators.Measurement", "evidence"),
    "practice-attachment": DocumentKind("collaboration.PracticeAttachment", "file", _practice_reader),
    "channel-attachment": DocumentKind("collaboration.ChannelPost", "attachment", _channel_reader),
}


def document_url(kind: str, record: Any) -> str:
    return reverse("core:document", args=[kind, record.pk])


def document_download(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    document = DOCUMENTS.get(kind)
    if document is None:
        raise Http404
    record = get_object_or_404(apps.get_model(document.model), pk=pk)
    if not document.may_download(request.user, record):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    stored = getattr(record, document.field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # Always a download, never rendered in the platform's origin: an uploaded HTML or SVG file
    # cannot run script here. The sandbox covers a browser that renders it anyway.
    response = FileResponse(handle, as_attachment=True, filename=PurePosixPath(stored.name).name)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
