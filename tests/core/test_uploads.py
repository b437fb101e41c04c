import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from learningcity.core.uploads import validate_document, validate_image


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_genuine_files_pass():
    validate_document(SimpleUploadedFile("mou.pdf", b"%PDF-1.7\n..."))
    validate_document(SimpleUploadedFile("mou.docx", _docx()))
    validate_image(SimpleUploadedFile("logo.png", _png()))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("mou.exe", b"MZ...", "file_type"),
        ("mou.pdf", b"<html>not a pdf</html>", "file_content"),
        ("mou.docx", b"PK\x03\x04 broken zip", "file_content"),
        ("photo.jpg", _png(), "file_content"),
    ],
)
def test_wrong_documents_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_oversized_document_is_refused(settings):
    settings.MAX_DOCUMENT_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1)))
    assert error.value.code == "file_too_large"


def test_non_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("logo.png", b"GIF89a not really"))
    assert error.value.code == "not_image"
