"""Checks on uploaded files: by content, not by the name the user's computer gave them."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

DOCUMENT_TYPES = {
    ".pdf": "PDF",
    ".docx": "Word",
    ".xlsx": "Excel",
    ".pptx": "PowerPoint",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
}
_OOXML_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
_IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _pending_upload(value: object) -> UploadedFile | None:
    """The new upload behind a form or model value; None for a file stored earlier."""
    if isinstance(value, UploadedFile):
        return value
    if isinstance(value, FieldFile) and not getattr(value, "_committed", True):
        inner = getattr(value, "file", None)
        return inner if isinstance(inner, UploadedFile) else None
    return None


def _check_size(upload: UploadedFile, limit_mb: int) -> None:
    if upload.size is not None and upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large: the limit is %(limit)s MB.") % {"limit": limit_mb},
            code="file_too_large",
        )


def _read_head(upload: UploadedFile, size: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def validate_document(value: object) -> None:
    """PDF, Office documents and images only, at most MAX_DOCUMENT_UPLOAD_MB, and really what the
    extension says."""
    upload = _pending_upload(value)
    if upload is None:
        return
    _check_size(upload, settings.MAX_DOCUMENT_UPLOAD_MB)
    extension = _extension(upload.name or "")
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": ", ".join(sorted(set(DOCUMENT_TYPES.values())))},
            code="file_type",
        )
    head = _read_head(upload)
    genuine = True
    if extension == ".pdf":
        genuine = head.startswith(b"%PDF-")
    elif extension in _OOXML_PART:
        genuine = head.startswith(b"PK") and _zip_has_part(upload, _OOXML_PART[extension])
    elif extension == ".png":
        genuine = head.startswith(b"\x89PNG\r\n\x1a\n")
    elif extension in {".jpg", ".jpeg"}:
        genuine = head.startswith(b"\xff\xd8\xff")
    if not genuine:
        raise ValidationError(
            _("The file's content does not match its name (%(extension)s). Please upload the original file.")
            % {"extension": extension},
            code="file_content",
        )


def _zip_has_part(upload: UploadedFile, prefix: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            found = any(name.startswith(prefix) for name in archive.namelist())
    except zipfile.BadZipFile:
        found = False
    upload.seek(0)
    return found


def validate_image(value: object) -> None:
    """PNG, JPEG or WebP only, at most MAX_IMAGE_UPLOAD_MB, and decodable."""
    upload = _pending_upload(value)
    if upload is None:
        return
    _check_size(upload, settings.MAX_IMAGE_UPLOAD_MB)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not an image that can be opened."), code="not_image") from exc
    finally:
        upload.seek(0)
    if image_format not in _IMAGE_FORMATS:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."), code="image_type")
