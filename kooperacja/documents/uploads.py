"""Uploaded documents (scans of signed agreements, the authorities' decisions): what is accepted, and how a
stored file is handed back. MEDIA_ROOT is private — the web server never serves it; a view checks access and
then answers with ``private_file_response``."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# How each accepted kind of file begins: a renamed program is refused whatever its name says.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def check_document(upload, *, field: str | None = None) -> None:
    """A PDF, JPEG or PNG of at most 5 MB whose first bytes match its extension; raises a ValidationError in
    Polish (on ``field`` when given)."""
    if not upload:
        return

    def refuse(message, code):
        raise ValidationError({field: message} if field else message, code=code)

    extension = Path(upload.name or "").suffix.lower()
    if extension not in SIGNATURES:
        refuse(_("Send a PDF, JPEG or PNG file."), "extension")
    if upload.size > MAX_BYTES:
        refuse(_("The file is too large: at most 5 MB."), "size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        refuse(_("The file is not a PDF, JPEG or PNG document, whatever its name says."), "content")


def private_file_response(field, *, filename: str | None = None) -> FileResponse:
    """The stored file of ``field`` as a download (call after the access check); 404 when there is none."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = filename or field.name.rsplit("/", 1)[-1]
    if filename and not Path(filename).suffix:
        name += Path(field.name).suffix.lower()
    return FileResponse(handle, as_attachment=True, filename=name)
