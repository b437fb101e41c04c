"""Documents people upload into the programme's records (meeting attachments, initiative
documents, evaluation and action-item evidence, agreements) are internal: they live in private
storage and are served only through `document_download`, to those who may see the record, as
downloads with safe headers. Only partner logos are public media.

Each app registers its kinds once (`register_document` in its ready()): the model, its file
field, and who may download it.
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
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.core.permissions import is_staff
from learningcity.core.uploads import validate_document


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


def private_document_field(verbose_name: Any, upload_to: str, *, blank: bool = False) -> models.FileField:
    """A document kept in a record: in private storage, served only by `document_download`,
    and only the document formats core.uploads accepts."""
    return models.FileField(
        verbose_name,
        upload_to=upload_to,
        storage=private_storage,
        blank=blank,
        validators=[validate_document],
    )


class AttachedDocument(models.Model):
    """A titled document attached to a record (a meeting, an initiative, a practice), and who
    uploaded it when. A subclass adds the record and `file = private_document_field(...)`."""

    title = models.CharField(_("title"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


def staff_only(user: Any, record: Any) -> bool:
    return is_staff(user)


@dataclass(frozen=True)
class DocumentKind:
    model: str  # app_label.ModelName
    field: str
    may_download: Callable[[Any, Any], bool] = staff_only


# Filled by each app's ready() (register_document): core serves the files without knowing the
# apps, as it registers computed indicators and periodic jobs.
DOCUMENTS: dict[str, DocumentKind] = {}


def register_document(
    key: str, model: str, field: str, may_download: Callable[[Any, Any], bool] = staff_only
) -> None:
    """Serve `model`'s `field` at /documents/<key>/<pk>/ to whoever `may_download(user, record)`."""
    DOCUMENTS[key] = DocumentKind(model, field, may_download)


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
