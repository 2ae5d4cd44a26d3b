"""Nothing in the app is reachable without the right role: every URL declares its rule, and it holds."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import login
from kooperacja.accounts.access import PUBLIC

ADMIN_NAMESPACE = "admin"  # governed by KooperacjaAdminSite.has_permission (administrator + second factor)


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p


def _example_path(route: str) -> str:
    """A concrete URL for a route: converters replaced by plausible values."""
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(str:)?(uidb64|token)>", "x", route)
    route = re.sub(r"<(\w+:)?\w+>", "1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route.replace("\\", "")


def _assert_not_stored(response, route: str) -> None:
    """Whatever a signed-in user gets, no browser or proxy keeps a copy (core.cache_headers)."""
    assert "no-store" in response.get("Cache-Control", ""), route
    assert response.get("Pragma") == "no-cache", route


ALL = list(_walk(get_resolver().url_patterns))
APP = [(route, ns, p) for route, ns, p in ALL if ns != ADMIN_NAMESPACE]


def test_every_view_declares_its_access_rule():
    missing = [route for route, ns, p in APP if not hasattr(p.callback, "access_rule")]
    assert not missing, f"views without allow(RULE): {missing}"
    assert len(APP) > 20


NON_PUBLIC = [(route, p) for route, ns, p in APP if p.callback.access_rule is not PUBLIC]


@pytest.mark.django_db
@pytest.mark.parametrize("route, pattern", NON_PUBLIC, ids=[r for r, _ in NON_PUBLIC])
def test_anonymous_request_to_non_public_url_goes_to_login(client, route, pattern):
    for method in (client.get, client.post):
        response = method(_example_path(route))
        assert response.status_code == 302, route
        assert response["Location"].startswith("/konto/logowanie/?next="), route


@pytest.mark.django_db
def test_django_admin_sends_anonymous_to_platform_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/logowanie/?next=/admin/")


SECOND_FACTOR_ROUTES = [(route, p) for route, p in NON_PUBLIC if p.callback.access_rule.second_factor]


@pytest.mark.django_db
@pytest.mark.parametrize("route, pattern", SECOND_FACTOR_ROUTES, ids=[r for r, _ in SECOND_FACTOR_ROUTES])
def test_password_alone_is_not_enough(client, admin_user, route, pattern):
    client.post("/konto/logowanie/", {"username": admin_user.email, "password": "Haslo-testowe-2026!"})
    response = client.get(_example_path(route))
    assert response.status_code == 302, route
    assert response["Location"] == "/konto/weryfikacja/", route
    _assert_not_stored(response, route)


ADMIN_ONLY = [(route, p) for route, p in NON_PUBLIC if p.callback.access_rule.name == "administrator"]


@pytest.mark.django_db
@pytest.mark.parametrize("route, pattern", ADMIN_ONLY, ids=[r for r, _ in ADMIN_ONLY])
def test_administrator_pages_are_forbidden_to_other_roles(client, coordinator_ops, route, pattern):
    login(client, coordinator_ops)
    response = client.get(_example_path(route))
    assert response.status_code == 403, route
    _assert_not_stored(response, route)


@pytest.mark.django_db
def test_django_admin_is_for_administrators_only(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403  # signed in, but not an administrator
    assert "Brak dostępu" in response.content.decode()


@pytest.mark.django_db
def test_django_admin_opens_for_administrator_in_polish(client, admin_user):
    login(client, admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Kooperacja — administracja" in response.content.decode()
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 200


@pytest.mark.django_db
def test_forbidden_page_is_polish_without_details(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/konto/uzytkownicy/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Brak dostępu" in html and "Traceback" not in html


@pytest.mark.django_db
def test_admin_logout_and_password_change_use_the_platform_views(client, admin_user):
    from kooperacja.audit.models import AuditEvent

    login(client, admin_user)
    assert client.get("/admin/password_change/")["Location"] == "/konto/konto/haslo/"
    client.post("/admin/logout/")
    assert AuditEvent.objects.filter(action="logout", actor=admin_user).exists()
    assert client.get("/pulpit/").status_code == 302
