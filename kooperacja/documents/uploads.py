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


# --- Attachments of case messages --------------------------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ATTACHMENT_TYPES = {  # kind found in the content → (the extensions it may carry, its content type)
    "pdf": ((".pdf",), "application/pdf"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
    "png": ((".png",), "image/png"),
    "odt": ((".odt",), ODT_MIMETYPE.decode()),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
_ZIP_MEMBER_MAX = 512 * 1024  # the entries read below are a few hundred bytes; refuse a suspiciously large one


def _office_kind(upload) -> str | None:
    """ODT or DOCX — both ZIP containers — told apart by what is inside, not by the name."""
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())

            def small_entry(name: str) -> bytes | None:
                if name in names and archive.getinfo(name).file_size <= _ZIP_MEMBER_MAX:
                    return archive.read(name)
                return None

            if (small_entry("mimetype") or b"").strip() == ODT_MIMETYPE:
                return "odt"
            if b"wordprocessingml" in (small_entry("[Content_Types].xml") or b""):
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    return None


def attachment_kind(upload) -> str | None:
    """What the content of ``upload`` is — pdf, jpeg, png, odt, docx — or None for anything else."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    return None


def check_message_attachment(upload, *, field: str | None = None) -> str:
    """A PDF, JPEG, PNG, ODT or DOCX of at most 10 MB whose content is what its name says; returns its content
    type, raises a ValidationError in Polish (on ``field`` when given)."""

    def refuse(message, code):
        raise ValidationError({field: message} if field else message, code=code)

    extension = Path(upload.name or "").suffix.lower()
    if not any(extension in extensions for extensions, _type in ATTACHMENT_TYPES.values()):
        refuse(_("Send a PDF, JPEG, PNG, ODT or DOCX file."), "extension")
    if upload.size > ATTACHMENT_MAX_BYTES:
        refuse(_("The file is too large: at most 10 MB."), "size")
    kind = attachment_kind(upload)
    if kind is None or extension not in ATTACHMENT_TYPES[kind][0]:
        refuse(_("The file is not a PDF, JPEG, PNG, ODT or DOCX document, whatever its name says."), "content")
    return ATTACHMENT_TYPES[kind][1]
