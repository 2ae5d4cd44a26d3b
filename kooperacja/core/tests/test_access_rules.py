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
# JSON endpoints (accounts.access.allow_api) refuse with 401/403 in JSON instead of redirecting to the login page.
PAGES = [(route, p) for route, p in NON_PUBLIC if not getattr(p.callback, "json_api", False)]
JSON_API = [(route, p) for route, p in NON_PUBLIC if getattr(p.callback, "json_api", False)]


@pytest.mark.django_db
@pytest.mark.parametrize("route, pattern", PAGES, ids=[r for r, _ in PAGES])
def test_anonymous_request_to_non_public_url_goes_to_login(client, route, pattern):
    for method in (client.get, client.post):
        response = method(_example_path(route))
        assert response.status_code == 302, route
        assert response["Location"].startswith("/konto/logowanie/?next="), route


@pytest.mark.django_db
def test_django_admin_sends_anonymous_to_platform_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/logowanie/?next=/admin/")


@pytest.mark.django_db
@pytest.mark.parametrize("route, pattern", JSON_API, ids=[r for r, _ in JSON_API])
def test_anonymous_request_to_a_json_endpoint_gets_401_in_json(client, route, pattern):
    for method in (client.get, client.post):
        response = method(_example_path(route))
        assert response.status_code == 401, route
        assert response["Content-Type"] == "application/json" and response.json()["detail"], route


SECOND_FACTOR_ROUTES = [(route, p) for route, p in PAGES if p.callback.access_rule.second_factor]


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


# --- Least privilege around a cooperation (docs/security.md, "cooperation") ---------------------------
# Every URL that names a cooperation or one of its objects (steps, people, application, consents, agreement and
# its parties, team, goals, activities, meetings with agendas, invitations, minutes and tasks, evaluation, costs)
# is walked with the ids of real objects as three outsiders: a worker of an unrelated gmina, an institution of
# the county outside the team (its director), and the ROPS of another voivodeship. Each gets 404 — 403 only
# where the URL's own rule closes that kind of page to them whatever the object, 405 where the method is not
# the page's — so not even the existence of the cooperation is revealed. The lists of the same namespaces show
# them nothing of it. The coordinator opens every one of these URLs (so the ids are live).

COOPERATION_NAMESPACES = {"cooperation", "meetings"}
COOPERATION_KWARGS = {"cooperation_id", "meeting_id", "application_id"}

# Pages meant for the whole platform: they hold no cooperation's data and every signed-in worker (of the
# voivodeship, for the tool base) reads them. The tool base carries the good practices ROPS published.
PLATFORM_WIDE = {
    "regional:tools": "tool base (published tools and good practices)",
    "regional:tool": "a published tool or good practice",
    "regional:tool_file": "its file",
    "regional:tool_version_file": "a version's file",
    "directory:list": "directory of institutions (no client's data)",
    "directory:cards": "resource cards of the region",
    "territory:search": "TERYT register",
}


def _kwargs_of(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


COOPERATION_ROUTES = [
    (route, ns, p)
    for route, ns, p in APP
    if (ns in COOPERATION_NAMESPACES or set(_kwargs_of(route)) & COOPERATION_KWARGS)
    and "case_id" not in _kwargs_of(route)  # a case's pages follow the stricter rule of cases
]


@pytest.fixture
def outsiders(territory, institutions):
    from kooperacja.accounts.models import Role
    from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

    def actor(institution, role, last_name):
        user = UserFactory(first_name="Obca", last_name=last_name)
        MembershipFactory(user=user, institution=institution, role=role)
        return user

    police = InstitutionFactory(name="Komenda Powiatowa Policji", kind="police", unit=territory["county"])
    voivodeship = UnitFactory(code="14", level="wojewodztwo", kind="wojewodztwo", name="mazowieckie", parent=None)
    rops = InstitutionFactory(name="ROPS mazowiecki", kind="rops", unit=voivodeship)
    return {
        "worker of an unrelated gmina": actor(institutions["ops_other"], Role.COORDINATOR, "Gminna"),
        "county institution outside the team": actor(police, Role.DIRECTOR, "Powiatowa"),
        "ROPS of another voivodeship": actor(rops, Role.ROPS_ANIMATOR, "Regionalna"),
    }


@pytest.fixture
def cooperation_world(cooperation, coordinator_ops, teacher_school, institutions, territory):
    """One object of every kind a cooperation URL names, the school in its team and agreement."""
    import datetime

    from django.core.files.base import ContentFile

    from kooperacja.cooperation import models
    from kooperacja.meetings import services as meetings
    from kooperacja.meetings.models import ActionItem, Minutes
    from kooperacja.regional.models import TeamCost

    def pdf():
        return ContentFile(b"%PDF-1.4 test", name="dokument.pdf")

    agreement = models.Agreement.objects.create(cooperation=cooperation, kind="agreement", title="Porozumienie tajne")
    party = models.AgreementParty.objects.create(agreement=agreement, institution=institutions["school"], scan=pdf())
    team = models.Team.objects.create(cooperation=cooperation, agreement=agreement, kind="pzk")
    member = models.TeamMember.objects.create(team=team, institution=institutions["school"], membership="core")
    starts = datetime.datetime(2026, 5, 5, 11, tzinfo=datetime.UTC)
    meeting = meetings.meeting_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="institutions",
        title="Spotkanie tajne",
        starts_at=starts,
        duration_minutes=60,
        place="sala 12",
        agenda="Tajny punkt",
    )
    invitation = meetings.invitation_add(actor=coordinator_ops, meeting=meeting, user=teacher_school)
    Minutes.objects.create(meeting=meeting, text="Tajny protokół", drafted_by=coordinator_ops, drafted_at=starts)
    return {
        "cooperation_id": cooperation.pk,
        "step_id": cooperation.steps.first().pk,
        "role_id": models.CooperationRole.objects.get(cooperation=cooperation).pk,
        "application_id": models.RopsApplication.objects.create(
            cooperation=cooperation, status="submitted", agreement_file=pdf()
        ).pk,
        "kind": "wniosek",
        "consent_id": models.AuthorityConsent.objects.create(
            cooperation=cooperation,
            authority="burmistrz",
            unit=territory["gmina"],
            person_name="Jan Burmistrz",
            decision="accepted",
            decided_on=datetime.date(2026, 3, 10),
            document=pdf(),
        ).pk,
        "party_id": party.pk,
        "member_id": member.pk,
        "goal_id": models.TeamGoal.objects.create(team=team, area="families", text="Cel").pk,
        "activity_id": models.TeamActivity.objects.create(
            team=team, area="families", kind="other", title="Działanie"
        ).pk,
        "meeting_id": meeting.pk,
        "invitation_id": invitation.pk,
        "item_id": ActionItem.objects.create(
            meeting=meeting, description="Zadanie", owner=teacher_school, deadline=datetime.date(2026, 6, 1)
        ).pk,
        "cost_id": TeamCost.objects.create(cooperation=cooperation, kind="travel", amount=10).pk,
        "secrets": ("Kooperacja w Kowalewie Pomorskim", "Porozumienie tajne", "Spotkanie tajne"),
    }


def _live_path(route: str, world: dict) -> str:
    path = route
    for name in _kwargs_of(route):
        path = re.sub(rf"<(\w+:)?{name}>", str(world.get(name, 1)), path)
    return "/" + path


def test_cooperation_urls_are_classified():
    assert len(COOPERATION_ROUTES) > 60
    routes = {f"{ns}:{p.name}" for _, ns, p in APP}
    assert set(PLATFORM_WIDE) <= routes
    cooperation = {f"{ns}:{p.name}" for _, ns, p in COOPERATION_ROUTES}
    assert not cooperation & set(PLATFORM_WIDE)


@pytest.mark.django_db
def test_outsiders_get_404_on_every_cooperation_url(client, cooperation_world, outsiders, coordinator_ops):
    world = cooperation_world
    for who, user in outsiders.items():
        login(client, user)
        for route, _ns, pattern in COOPERATION_ROUTES:
            path, rule = _live_path(route, world), pattern.callback.access_rule
            for method in (client.get, client.post):
                response = method(path)
                _assert_not_stored(response, path)
                allowed = {404, 405} | ({403} if not rule.test(user) else set())
                if not _kwargs_of(route) and response.status_code == 200:  # a list: shows nothing of it
                    html = response.content.decode()
                    assert not any(secret in html for secret in world["secrets"]), (who, path)
                    continue
                assert response.status_code in allowed, (who, method.__name__, path, response.status_code)
        client.logout()
    login(client, coordinator_ops)
    for route, _ns, _pattern in COOPERATION_ROUTES:
        path = _live_path(route, world)
        assert client.get(path).status_code != 404, ("the coordinator opens", path)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PLATFORM_WIDE))
def test_platform_wide_pages_open_for_a_worker_outside_every_cooperation(client, outsiders, name):
    route = next(route for route, ns, p in APP if f"{ns}:{p.name}" == name)
    login(client, outsiders["worker of an unrelated gmina"])
    status = client.get(_example_path(route)).status_code
    assert status == 200 or (status == 404 and _kwargs_of(route)), (name, status)  # no such tool: 404, not 403
