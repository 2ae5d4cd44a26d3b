"""`make bench`: production behaviour (DEBUG off, the real password hasher, manifest-free static files) on a
bench database named by DATABASE_URL, plus the floor view (config/urls_bench.py).

The data sets are fictional (``seed_scale``); a fixed key is used unless one is given, so that a data set built by
one run is readable by the next (encrypted fields, key check).
"""

import os
import warnings

os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key-fictional-data-0123456789-abcdefghijklmnop")
os.environ["DEBUG"] = "false"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import ALLOWED_HOSTS  # noqa: E402

ROOT_URLCONF = "config.urls_bench"
# The test client's host, for the in-process measurements.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# Served from the app folders by whitenoise's finders: no collectstatic needed before a run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# WeasyPrint's notice about its font subsetter would be printed for every PDF timed.
LOGGING["loggers"]["weasyprint"]["level"] = "ERROR"  # noqa: F405
# Static files come from the app folders (WHITENOISE_USE_FINDERS): no collected STATIC_ROOT is expected.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
