"""Test run: like dev, with a fast password hasher and e-mail kept in memory."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ["DEBUG"] = "false"

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import DATABASES  # noqa: E402

# The replica alias of production (kooperacja/core/replica.py) as a second connection to the test database, read
# only on PostgreSQL like a hot standby. Dormant: with DATABASE_REPLICA_ALIAS empty nothing reads from it, so tests
# that do not ask for it never touch it; tests/test_scaling_replica.py turns it on.
DATABASES["replica"] = {
    **DATABASES["default"],
    "OPTIONS": {**DATABASES["default"].get("OPTIONS", {})},
    "TEST": {"MIRROR": "default"},
}
if "postgresql" in DATABASES["replica"]["ENGINE"]:
    DATABASES["replica"]["OPTIONS"]["options"] = "-c default_transaction_read_only=on"
DATABASE_REPLICA_ALIAS = ""
MEDIA_ROOT = tempfile.mkdtemp(prefix="kooperacja-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
