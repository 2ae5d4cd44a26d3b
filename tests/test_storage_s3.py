"""Uploads on S3-compatible object storage (docs/scaling.md): with STORAGE_S3_BUCKET set, documents go to a bucket
through django-storages and come back only through the views that check access — never by a public link.

The bucket is moto's S3 server, started in this process on a free local port: no network, no account."""

import datetime
import runpy
import uuid
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from conftest import login
from kooperacja.cases.intake.retention import case_anonymise
from kooperacja.cases.models import Case, MessageAttachment
from kooperacja.core.storage import S3_BACKEND, s3_storage

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "config" / "settings" / "base.py"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REGION = "eu-central-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}
PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A fresh private bucket, and the application configured to keep its uploads there (MEDIA_ROOT an empty
    folder, to see that nothing lands in it)."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    settings.MEDIA_ROOT = str(tmp_path)
    name = f"kooperacja-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        region_name=REGION,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket=name, endpoint_url=s3_endpoint, region=REGION, prefix="uploads", **KEYS),
    }
    return SimpleNamespace(name=name, client=client)


def keys_in(bucket) -> list[str]:
    return [item["Key"] for item in bucket.client.list_objects_v2(Bucket=bucket.name).get("Contents", [])]


def post_attachment(client, case, *, name="opinia.pdf", data=PDF):
    response = client.post(
        f"/sprawy/{case.pk}/wiadomosci/",
        {"body": "Opinia w załączniku.", "attachment": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )
    assert response.status_code == 302, response.content[:500]
    return MessageAttachment.objects.get(message__case=case)


def test_an_attachment_goes_to_the_bucket_and_comes_back_only_through_the_access_check(
    client, bucket, case, coordinator_ops, teacher_school, worker_other_gmina, settings
):
    login(client, coordinator_ops)
    attachment = post_attachment(client, case, name="Kowalska-opinia.pdf")

    # In the bucket, under the configured prefix, with the bytes sent; nothing written to the local folder.
    key = f"uploads/{attachment.file.name}"
    assert keys_in(bucket) == [key]
    assert bucket.client.get_object(Bucket=bucket.name, Key=key)["Body"].read() == PDF
    assert "Kowalska" not in key  # the person's name stays in the encrypted column, not in the object's name
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]

    # Private: the object has no grant of its own to everyone or to any AWS user.
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GROUPS]

    # A member of the case group reads it back through the application's view…
    client.logout()
    login(client, teacher_school)
    download = client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Length"] == str(len(PDF))

    # …and a worker of another gmina does not, though the object is right there in the bucket.
    client.logout()
    login(client, worker_other_gmina)
    assert client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/").status_code == 404


def test_an_object_missing_from_the_bucket_is_a_404_not_an_error(client, bucket, case, coordinator_ops):
    login(client, coordinator_ops)
    attachment = post_attachment(client, case)
    bucket.client.delete_object(Bucket=bucket.name, Key=f"uploads/{attachment.file.name}")
    assert client.get(f"/sprawy/{case.pk}/wiadomosci/zalacznik/{attachment.pk}/").status_code == 404


def test_retention_erases_the_attachment_from_the_bucket(client, bucket, case, coordinator_ops):
    login(client, coordinator_ops)
    post_attachment(client, case)
    assert len(keys_in(bucket)) == 1
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date.today())
    assert case_anonymise(case_id=case.pk) is True
    assert keys_in(bucket) == []


def test_two_uploads_with_the_same_name_never_replace_each_other(bucket):
    first = default_storage.save("tools/wzor.pdf", SimpleUploadedFile("wzor.pdf", PDF))
    second = default_storage.save("tools/wzor.pdf", SimpleUploadedFile("wzor.pdf", PDF + b"%v2"))
    assert first != second
    assert sorted(keys_in(bucket)) == sorted([f"uploads/{first}", f"uploads/{second}"])


def test_a_link_to_an_object_is_signed_and_short_lived(bucket):
    name = default_storage.save("tools/wzor.pdf", SimpleUploadedFile("wzor.pdf", PDF))
    url = default_storage.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url


# --- Configuration from the environment ------------------------------------------------------------------------


def test_storage_s3_bucket_switches_uploads_to_the_bucket(monkeypatch):
    monkeypatch.setenv("STORAGE_S3_BUCKET", "kooperacja-pliki")
    monkeypatch.setenv("STORAGE_S3_ENDPOINT_URL", "https://s3.example.pl")
    monkeypatch.setenv("STORAGE_S3_ACCESS_KEY_ID", "id")
    monkeypatch.setenv("STORAGE_S3_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("STORAGE_S3_REGION", "pl-waw")
    monkeypatch.setenv("STORAGE_S3_ADDRESSING_STYLE", "path")
    default = runpy.run_path(str(BASE_SETTINGS))["STORAGES"]["default"]
    assert default["BACKEND"] == S3_BACKEND
    options = default["OPTIONS"]
    assert options["bucket_name"] == "kooperacja-pliki" and options["endpoint_url"] == "https://s3.example.pl"
    assert options["region_name"] == "pl-waw" and options["addressing_style"] == "path"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_without_a_bucket_uploads_stay_in_the_media_folder(monkeypatch):
    monkeypatch.delenv("STORAGE_S3_BUCKET", raising=False)
    default = runpy.run_path(str(BASE_SETTINGS))["STORAGES"]["default"]
    assert default == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bucket": ""},
        {"bucket": "b", "access_key": "id"},  # a key without its secret
        {"bucket": "b", "addressing_style": "sideways"},
    ],
)
def test_a_half_configured_bucket_stops_the_start(kwargs):
    with pytest.raises(ImproperlyConfigured):
        s3_storage(**kwargs)
