"""Secure case messages: attachments checked by content, notices without names, the thread seen
only by the group, read-only once the case is closed, a fixed number of queries."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from conftest import login
from kooperacja.cases import services as case_services
from kooperacja.cases.messages.services import message_post
from kooperacja.cases.models import CaseMessage, GroupMembership, MessageAttachment
from kooperacja.documents.uploads import ATTACHMENT_MAX_BYTES, check_message_attachment
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import outbox_process

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def minimal_docx() -> bytes:
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def minimal_odt() -> bytes:
    return zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- Attachments by content ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("opinia.pdf", PDF, "application/pdf"),
        ("zdjecie.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
        ("skan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png"),
        ("notatka.docx", minimal_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("notatka.odt", minimal_odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_real_documents_are_accepted(name, data, expected):
    assert check_message_attachment(upload(name, data)) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notatka.docx", EXE),  # a program renamed
        ("notatka.odt", EXE),
        ("opinia.pdf", EXE),
        ("notatka.docx", zip_bytes({"evil.exe": EXE})),  # a ZIP, but not a Word document
        ("notatka.odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        ("notatka.docx", minimal_odt()),  # content and name disagree
        ("program.exe", PDF),  # the name is not an accepted kind
        ("notatka.docx", b"PK\x03\x04broken"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError):
        check_message_attachment(upload(name, data))


def test_ten_megabytes_is_the_limit():
    check_message_attachment(upload("duzy.pdf", PDF + b"0" * (ATTACHMENT_MAX_BYTES - len(PDF))))
    with pytest.raises(ValidationError, match="10 MB"):
        check_message_attachment(upload("za-duzy.pdf", PDF + b"0" * (ATTACHMENT_MAX_BYTES - len(PDF) + 1)))


# --- Posting, notices ----------------------------------------------------------------------------------


def test_message_is_encrypted_and_the_others_are_told_without_names(case, coordinator_ops, teacher_school, settings):
    message = message_post(
        actor=teacher_school,
        case=case,
        body="Anna Kowalska nie była w szkole od tygodnia.",
        attachments=[upload("Kowalska-opinia.pdf", PDF)],
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM cases_casemessage")
        assert "Kowalska" not in cursor.fetchone()[0]
        cursor.execute("SELECT original_name, file FROM cases_messageattachment")
        stored_name, path = cursor.fetchone()
    assert "Kowalska" not in stored_name and "Kowalska" not in path
    assert CaseMessage.objects.get().body.startswith("Anna Kowalska")
    attachment = MessageAttachment.objects.get()
    assert attachment.original_name == "Kowalska-opinia.pdf" and attachment.size == len(PDF)
    assert attachment.file.read() == PDF

    notices = Notification.objects.all()
    assert [n.user for n in notices] == [coordinator_ops]  # the author is not told
    assert case.reference in notices[0].message and "Kowalska" not in notices[0].message
    assert notices[0].url == f"/sprawy/{case.pk}/wiadomosci/"
    assert outbox_process() == 1
    sent = mail.outbox[0]
    assert sent.to == [coordinator_ops.email]
    assert "Kowalska" not in sent.subject + sent.body and "Anna" not in sent.body
    assert message.pk


def test_members_who_left_and_strangers_cannot_post(case, teacher_school, worker_other_gmina):
    with pytest.raises(ValidationError):
        message_post(actor=worker_other_gmina, case=case, body="Dzień dobry")
    GroupMembership.objects.filter(user=teacher_school).update(left_on="2026-04-01")
    case.__dict__.pop("_access_cache", None)
    with pytest.raises(ValidationError):
        message_post(actor=teacher_school, case=case, body="Dzień dobry")


def test_closed_case_thread_is_read_only(case, coordinator_ops):
    case.status = case.Status.CLOSED
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="zamknięta|closed"):
        message_post(actor=coordinator_ops, case=case, body="Jeszcze jedno")


def test_empty_message_and_bad_attachment_are_refused(case, coordinator_ops):
    with pytest.raises(ValidationError):
        message_post(actor=coordinator_ops, case=case, body="  ")
    with pytest.raises(ValidationError):
        message_post(actor=coordinator_ops, case=case, body="Plik", attachments=[upload("a.docx", EXE)])
    assert not CaseMessage.objects.exists()


# --- Pages -----------------------------------------------------------------------------------------------


def test_member_reads_posts_and_downloads(client, case, teacher_school, coordinator_ops):
    message_post(actor=coordinator_ops, case=case, body="Proszę o opinię.", attachments=[upload("o.pdf", PDF)])
    login(client, teacher_school)
    response = client.get(f"/sprawy/{case.pk}/wiadomosci/")
    assert response.status_code == 200 and "Proszę o opinię." in response.text
    attachment = MessageAttachment.objects.get()
    download = client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert f"zalacznik-{case.pk}-{attachment.pk}.pdf" in download["Content-Disposition"]

    response = client.post(
        f"/sprawy/{case.pk}/wiadomosci/", {"body": "Przesyłam", "attachment": upload("n.docx", minimal_docx())}
    )
    assert response.status_code == 302
    assert CaseMessage.objects.filter(author=teacher_school, attachments__isnull=False).exists()
    refused = client.post(f"/sprawy/{case.pk}/wiadomosci/", {"body": "", "attachment": upload("n.docx", EXE)})
    assert refused.status_code == 400 and CaseMessage.objects.count() == 2


@pytest.mark.parametrize("stranger", ["worker_other_gmina", "animator_rops", "animator_pcpr", "admin_user"])
def test_others_get_404_everywhere(client, case, coordinator_ops, stranger, request):
    message_post(actor=coordinator_ops, case=case, body="Tajne", attachments=[upload("o.pdf", PDF)])
    attachment = MessageAttachment.objects.get()
    login(client, request.getfixturevalue(stranger))
    assert client.get(f"/sprawy/{case.pk}/wiadomosci/").status_code == 404
    assert client.post(f"/sprawy/{case.pk}/wiadomosci/", {"body": "x"}).status_code == 404
    assert client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/").status_code == 404


def test_attachment_of_another_case_is_404(client, case, coordinator_ops, cooperation):
    other = case_services.case_open(actor=coordinator_ops, cooperation=cooperation)
    message_post(actor=coordinator_ops, case=other, body="Inna", attachments=[upload("o.pdf", PDF)])
    attachment = MessageAttachment.objects.get()
    login(client, coordinator_ops)
    assert client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/").status_code == 404


def test_closed_case_page_has_no_form(client, case, coordinator_ops):
    case.status = case.Status.CLOSED
    case.save(update_fields=["status"])
    login(client, coordinator_ops)
    response = client.get(f"/sprawy/{case.pk}/wiadomosci/")
    assert response.status_code == 200 and 'name="body"' not in response.text
    assert client.post(f"/sprawy/{case.pk}/wiadomosci/", {"body": "x"}).status_code == 400
    assert not CaseMessage.objects.exists()


def test_thread_queries_do_not_grow_with_messages(
    client, case, coordinator_ops, teacher_school, django_assert_max_num_queries
):
    login(client, coordinator_ops)
    message_post(actor=teacher_school, case=case, body="Pierwsza", attachments=[upload("o.pdf", PDF)])
    with django_assert_max_num_queries(40) as few:
        client.get(f"/sprawy/{case.pk}/wiadomosci/")
    for n in range(6):
        message_post(actor=teacher_school, case=case, body=f"Kolejna {n}", attachments=[upload("o.pdf", PDF)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/sprawy/{case.pk}/wiadomosci/")
    assert response.text.count("Kolejna") == 6
