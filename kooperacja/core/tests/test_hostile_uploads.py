"""Hostile input at the edges: a 200 MB upload is refused before it is read, whatever page it is sent to, and the
upload checks refuse a too large or disguised file by its size and first bytes, never by reading it whole."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import login
from kooperacja.documents import uploads

SIZE = 200 * 1024 * 1024
BOUNDARY = "hostile-boundary"


class SparseBody:
    """A multipart body around a 200 MB sparse file, read lazily; counts what the server read."""

    def __init__(self, path, field: str, filename: str):
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.file = open(path, "rb")  # noqa: SIM115 — closed by the test
        self.length = len(self.head) + SIZE + len(self.tail)
        self.read_bytes = 0

    def read(self, size=-1):
        chunk = b""
        if self.read_bytes < len(self.head):
            chunk = self.head[self.read_bytes : self.read_bytes + (size if size >= 0 else len(self.head))]
        else:
            chunk = self.file.read(size if size >= 0 else SIZE)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


@pytest.fixture
def sparse_file(tmp_path):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as handle:
        handle.truncate(SIZE)  # sparse: no 200 MB written to the disk
    return path


def _upload_urls(cooperation, case, analysis_id):
    return [
        (reverse("directory:import"), "file"),
        (reverse("diagnosis:problem_import", args=[analysis_id]), "file"),
        (reverse("cases:messages", args=[case.pk]), "attachment"),
        (reverse("cooperation:agreement_party_scan", args=[cooperation.pk, 1]), "scan"),
    ]


@pytest.mark.django_db
def test_a_200_mb_upload_is_refused_unread_on_every_upload_page(
    client, coordinator_ops, cooperation, case, sparse_file
):
    from kooperacja.diagnosis.models import Analysis
    from kooperacja.directory.models import Institution

    ops = Institution.objects.get(name="OPS testowy")
    analysis = Analysis.objects.create(unit=cooperation.unit, year=2026, is_current=True, owner=ops)
    login(client, coordinator_ops)
    for url, field in _upload_urls(cooperation, case, analysis.pk):
        body = SparseBody(sparse_file, field, "big.pdf")
        try:
            content_type = f"multipart/form-data; boundary={BOUNDARY}"
            extra = {"CONTENT_LENGTH": str(body.length), "wsgi.input": body}
            response = client.generic("POST", url, content_type=content_type, **extra)
        finally:
            body.file.close()
        assert response.status_code == 413, url
        page = response.content.decode()
        assert "Plik jest za duży" in page and "Nic nie zostało zapisane" in page, url
        assert body.read_bytes == 0, url  # refused before a byte of the body was read


class Unreadable:
    """An uploaded file that says it is 200 MB and must not be read to be refused."""

    def __init__(self, name: str):
        self.name = name
        self.size = SIZE

    def read(self, *args):
        raise AssertionError("a too large upload was read")

    seek = read


@pytest.mark.parametrize("name", ["skan.pdf", "zdjecie.jpg"])
def test_a_too_large_document_is_refused_by_its_size(name):
    with pytest.raises(ValidationError) as error:
        uploads.check_document(Unreadable(name))
    assert error.value.code == "size"


@pytest.mark.parametrize("name", ["pismo.pdf", "notatka.docx"])
def test_a_too_large_attachment_is_refused_by_its_size(name):
    with pytest.raises(ValidationError) as error:
        uploads.check_message_attachment(Unreadable(name))
    assert error.value.code == "size"


class Upload:
    def __init__(self, name: str, content: bytes):
        import io

        self.name, self._io, self.size = name, io.BytesIO(content), len(content)

    def read(self, *args):
        return self._io.read(*args)

    def seek(self, *args):
        return self._io.seek(*args)

    def tell(self):
        return self._io.tell()


DISGUISED = {
    "binary garbage": bytes(range(256)) * 64,
    "UTF-16 text": "Zaświadczenie o dochodach".encode("utf-16"),
    "Windows-1250 text": "Zaświadczenie o dochodach".encode("cp1250"),
    "a ZIP that is not a document": b"PK\x03\x04" + b"\x00" * 200,
}


@pytest.mark.parametrize("content", DISGUISED.values(), ids=DISGUISED.keys())
@pytest.mark.parametrize("name", ["skan.pdf", "notatka.docx", "pismo.odt", "zdjecie.png"])
def test_a_disguised_file_is_refused_with_a_polish_message(content, name):
    with pytest.raises(ValidationError) as error:
        uploads.check_message_attachment(Upload(name, content))
    assert error.value.code == "content"
    if name.endswith(".pdf") or name.endswith(".png"):
        with pytest.raises(ValidationError) as error:
            uploads.check_document(Upload(name, content))
        assert error.value.code == "content"
