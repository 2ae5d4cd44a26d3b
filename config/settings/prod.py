"""Production: HTTPS-only defaults. SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL must come from the environment."""

import os

os.environ.setdefault("SECURE", "true")
os.environ.setdefault("DEBUG", "false")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import DEBUG, SECRET_KEY  # noqa: E402

if DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DEBUG must be false in production.")
for _name in ("ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL", "FIELD_ENCRYPTION_KEY", "SEARCH_HASH_KEY"):
    if not os.environ.get(_name):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{_name} must be set in the environment in production.")
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters in production.")
