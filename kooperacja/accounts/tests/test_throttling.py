"""Login throttling holds whatever address or browser an attacker uses, and says what is true.

Every attempt here comes from a new browser (own cookies), a new network address (``X-Real-IP``, as nginx
sets it) and a new User-Agent, unless a test is about one address.
"""

import itertools
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.db.models import F
from django.test import Client

from conftest import current_code
from kooperacja.audit.models import AuditEvent
from kooperacja.notifications.services import outbox_process
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WRONG_PASSWORD_TEXT = "Nieprawidłowy adres e-mail lub hasło"
ACCOUNT_THROTTLED_TEXT = "Logowanie na to konto jest zablokowane na"
ADDRESS_THROTTLED_TEXT = "Logowanie z tego miejsca jest wstrzymane na"

_devices = itertools.count(1)


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    """As in production behind nginx: the client's address comes from X-Real-IP."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _device(ip: str | None = None) -> tuple[Client, dict]:
    n = next(_devices)
    headers = {"HTTP_X_REAL_IP": ip or f"10.{n // 250}.{n % 250}.7", "HTTP_USER_AGENT": f"Browser/{n}.0 (test {n})"}
    return Client(), headers


def _attempt(email: str, password: str, *, ip: str | None = None):
    client, headers = _device(ip)
    response = client.post("/konto/logowanie/", {"username": email, "password": password}, **headers)
    return client, response


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _lock(email: str) -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        # Upper and lower case, from new devices: all count against the same account.
        _, response = _attempt(email.upper() if i % 2 else email, "zle-haslo")
    assert response.status_code == 429


def test_failures_count_per_account_whatever_the_address_and_browser(coordinator_ops):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _, response = _attempt(coordinator_ops.email, "zle-haslo")
        assert response.status_code == 200
        assert WRONG_PASSWORD_TEXT in response.content.decode()
    _, response = _attempt(coordinator_ops.email, "zle-haslo")
    assert response.status_code == 429
    assert ACCOUNT_THROTTLED_TEXT in response.content.decode()


def test_during_a_throttle_the_correct_password_logs_in_from_nowhere(coordinator_ops):
    _lock(coordinator_ops.email)
    for email in (coordinator_ops.email, coordinator_ops.email.upper(), f"  {coordinator_ops.email} "):
        client, response = _attempt(email, PASSWORD)
        assert response.status_code == 429
        assert ACCOUNT_THROTTLED_TEXT in response.content.decode()
        assert not _logged_in(client)
        assert client.get("/pulpit/").status_code == 302
    assert not AuditEvent.objects.filter(action="login").exists()


def test_the_page_says_how_long_the_throttle_still_lasts(coordinator_ops):
    _lock(coordinator_ops.email)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    _, response = _attempt(coordinator_ops.email, PASSWORD)
    assert response.status_code == 429
    assert f"{ACCOUNT_THROTTLED_TEXT} {settings.AXES_COOLOFF_TIME // timedelta(minutes=1) - 10} min" in (
        response.content.decode()
    )


def test_messages_tell_throttled_from_wrong_password(coordinator_ops, teacher_school):
    _lock(coordinator_ops.email)
    # Another account, another device: a wrong password is just that — nothing is locked for it.
    _, response = _attempt(teacher_school.email, "zle-haslo")
    html = response.content.decode()
    assert response.status_code == 200
    assert WRONG_PASSWORD_TEXT in html and ACCOUNT_THROTTLED_TEXT not in html
    client, response = _attempt(teacher_school.email, PASSWORD)
    assert response.status_code == 302 and _logged_in(client)
    # The throttled account says so, for a wrong password as for the right one.
    _, response = _attempt(coordinator_ops.email, "inne-zle-haslo")
    assert response.status_code == 429
    assert ACCOUNT_THROTTLED_TEXT in response.content.decode()


def _page_text(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_unknown_address_is_throttled_the_same_way_and_nobody_is_mailed(coordinator_ops):
    pages = {}
    for email in (coordinator_ops.email, "nikt-taki@test.example"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _, response = _attempt(email, "zle-haslo")
        _, pages[email] = _attempt(email, PASSWORD)
    known, unknown = pages[coordinator_ops.email], pages["nikt-taki@test.example"]
    assert known.status_code == unknown.status_code == 429
    assert _page_text(known) == _page_text(unknown)  # nothing tells whether the account exists
    assert outbox_process() == 1
    assert [m.to for m in mail.outbox] == [[coordinator_ops.email]]


def test_owner_gets_one_notice_per_lockout_with_a_link_to_set_a_new_password(coordinator_ops):
    _lock(coordinator_ops.email)
    for _ in range(3):  # more attempts during the same lockout, from elsewhere
        _attempt(coordinator_ops.email, "zle-haslo")
        _attempt(coordinator_ops.email, PASSWORD)
    assert outbox_process() == 1
    notice = mail.outbox[0]
    assert notice.to == [coordinator_ops.email]
    assert "zablokowane" in notice.subject
    assert coordinator_ops.first_name not in notice.body and coordinator_ops.last_name not in notice.body
    assert AuditEvent.objects.filter(action="lockout", actor_email=coordinator_ops.email).count() == 1

    # The lockout ends; a new series of failures is a new lockout, with its own notice.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    _, response = _attempt(coordinator_ops.email, "zle-haslo")
    assert response.status_code == 200 and WRONG_PASSWORD_TEXT in response.content.decode()
    _lock(coordinator_ops.email)
    assert outbox_process() == 1
    assert len(mail.outbox) == 2

    # The link in the notice sets a new password, and the owner can log in at once.
    link = next(line for line in mail.outbox[1].body.splitlines() if "/konto/haslo/ustaw/" in line)
    client, headers = _device()
    response = client.get(link[link.index("/konto/") :], follow=True, **headers)
    new_password = "Nowe-bezpieczne-haslo-2026"
    client.post(
        response.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}, **headers
    )
    client, response = _attempt(coordinator_ops.email, new_password)
    assert response.status_code == 302 and _logged_in(client)


def test_spraying_from_one_address_pauses_that_address_only(settings, coordinator_ops):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT + 1
    for i in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):  # one password tried over many accounts
        _, response = _attempt(f"osoba{i}@test.example", "Haslo-z-wycieku-1", ip="203.0.113.9")
        assert response.status_code == 200
    # From that address nothing logs in now, whatever the browser; the page says it is about the address.
    client, response = _attempt(coordinator_ops.email, PASSWORD, ip="203.0.113.9")
    html = response.content.decode()
    assert response.status_code == 429
    assert ADDRESS_THROTTLED_TEXT in html and ACCOUNT_THROTTLED_TEXT not in html
    assert not _logged_in(client)
    # The account itself is not locked: from another address its owner logs in.
    client, response = _attempt(coordinator_ops.email, PASSWORD, ip="198.51.100.4")
    assert response.status_code == 302 and _logged_in(client)


def test_session_id_changes_at_the_password_and_at_the_second_factor(client, coordinator_ops):
    client.get("/konto/logowanie/")
    session_class = client.session.__class__
    before = client.session.session_key  # e.g. planted by someone who had the computer earlier
    client.post("/konto/logowanie/", {"username": coordinator_ops.email, "password": PASSWORD})
    after_password = client.session.session_key
    assert after_password != before
    assert not session_class().exists(before)
    client.post("/konto/weryfikacja/", {"token": current_code(coordinator_ops)})
    after_second_factor = client.session.session_key
    assert after_second_factor != after_password
    assert not session_class().exists(after_password)
    assert client.get("/pulpit/").status_code == 200
