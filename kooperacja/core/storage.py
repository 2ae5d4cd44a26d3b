"""Where uploaded documents are kept: the file system under MEDIA_ROOT (one machine), or an S3-compatible bucket
through django-storages (several application servers share it). Importable from the settings modules.

Either way the files are private: nothing links to them, and they are handed out only by the views that check
access first (``documents.uploads.private_file_response``, which reads through ``storage.open``). On S3 that
means a bucket that is not public (the objects get no ACL of their own, so they inherit the bucket's — private by
default on AWS, MinIO, Ceph and Garage), and ``url()`` gives at most a signed link valid for a minute, which the
application never hands out."""

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
ADDRESSING_STYLES = ("auto", "path", "virtual")


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
    prefix: str = "",
    addressing_style: str = "",
) -> dict:
    """The ``STORAGES["default"]`` entry for a private S3-compatible bucket.

    Without keys boto3 finds its own credentials (an instance role, ``AWS_*`` variables); without an endpoint it
    talks to AWS. ``addressing_style="path"`` is for servers without per-bucket host names (most MinIO set-ups)."""
    if not bucket:
        raise ImproperlyConfigured("STORAGE_S3_BUCKET must name a bucket.")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY go together: set both or neither."
        )
    if addressing_style and addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"STORAGE_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}, got {addressing_style!r}."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "location": prefix.strip("/"),
        "signature_version": "s3v4",
        "addressing_style": addressing_style or None,
        # No ACL on the objects: they inherit the bucket's (private). Some services refuse ACLs altogether.
        "default_acl": None,
        # Like the file system: a second upload with the same name gets a new name, never replaces the first.
        "file_overwrite": False,
        # url() is never used to serve a file; if something ever calls it, the link is signed and short-lived.
        "querystring_auth": True,
        "querystring_expire": 60,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def filesystem_storage() -> dict:
    """The ``STORAGES["default"]`` entry for files under MEDIA_ROOT, served by no web server."""
    return {"BACKEND": FILESYSTEM_BACKEND}
