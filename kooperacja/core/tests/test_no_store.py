"""No page or download with personal data stays in a shared computer's browser cache.

The URL-walking access test checks the headers on every response it gets for a signed-in user; these tests
cover what it does not: a page that opens, a download, the anonymous login page.
"""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.test import Client, RequestFactory

from conftest import login
from kooperacja.core.cache_headers import NoStoreMiddleware
from kooperacja.core.tests.test_access_rules import ALL, _example_path


def assert_not_stored(response, label: str = "") -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert "no-store" in directives, (label, response.get("Cache-Control"))
    assert response.get("Pragma") == "no-cache", label


@pytest.mark.django_db
def test_pages_of_a_signed_in_user_are_not_stored(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/pulpit/")
    assert response.status_code == 200
    assert_not_stored(response)


@pytest.mark.django_db
def test_downloads_are_not_stored(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/instytucje/import/wzor.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_not_stored(response)


def test_file_responses_are_not_stored():
    """Uploaded documents are sent as FileResponse (documents.uploads.private_file_response)."""
    middleware = NoStoreMiddleware(lambda request: FileResponse(ContentFile(b"%PDF-1.7", name="x.pdf")))
    assert_not_stored(middleware(RequestFactory().get("/")))


@pytest.mark.django_db
def test_login_page_with_its_csrf_token_is_not_stored(client):
    response = client.get("/konto/logowanie/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert_not_stored(response)


def test_static_files_are_answered_before_the_rule_and_keep_their_cache():
    """WhiteNoise serves static files (no personal data) before the middleware that forbids storing."""
    order = settings.MIDDLEWARE
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < order.index(
        "kooperacja.core.cache_headers.NoStoreMiddleware"
    )


@pytest.mark.django_db
def test_every_url_a_signed_in_user_opens_is_not_stored(coordinator_ops, admin_user):
    """Every route of the URLconf, as a coordinator and as an administrator: whatever comes back (a page, a
    download, a redirect, 403, 404, 405, even an error page) carries no-store."""
    for user in (coordinator_ops, admin_user):
        client = login(Client(raise_request_exception=False), user)
        for route, _namespace, _pattern in ALL:
            if "wyloguj" in route or "logout" in route:
                continue  # would end the session the walk needs
            response = client.get(_example_path(route))
            assert response.status_code != 302 or "/konto/logowanie/" not in response["Location"], route
            assert_not_stored(response, route)
