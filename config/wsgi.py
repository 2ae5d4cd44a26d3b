import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Refuse to serve with a key that does not decrypt the database's key-check value (gunicorn then stops with
# the message): a wrong key must stop the server, not make the encrypted fields unreadable page by page.
from kooperacja.core.key_check import key_check_or_raise  # noqa: E402

key_check_or_raise()
