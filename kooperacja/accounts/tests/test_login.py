import base64

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import current_code, login
from kooperacja.accounts.services import backup_codes_issue
from kooperacja.audit.models import AuditEvent
from kooperacja.notifications.models import OutboxMessage
from kooperacja.notifications.services import outbox_process
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _password_step(client, user, password=PASSWORD):
    return client.post("/konto/logowanie/", {"username": user.email, "password": password})


def test_password_alone_does_not_open_the_dashboard(client, coordinator_ops):
    _password_step(client, coordinator_ops)
    response = client.get("/pulpit/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/weryfikacja/"


def test_login_with_second_factor_opens_dashboard_and_is_audited(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/pulpit/")
    assert response.status_code == 200
    assert "Katarzyna" in response.content.decode()
    event = AuditEvent.objects.get(action="login", actor=coordinator_ops)
    assert event.ip_address == "127.0.0.1"


def test_login_returns_to_the_page_asked_for(client, coordinator_ops):
    client.post("/konto/logowanie/", {"username": coordinator_ops.email, "password": PASSWORD, "next": "/teryt/"})
    response = client.post("/konto/weryfikacja/", {"token": current_code(coordinator_ops)})
    assert response["Location"] == "/teryt/"


def test_login_never_redirects_to_another_site(client, coordinator_ops):
    client.post(
        "/konto/logowanie/", {"username": coordinator_ops.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    response = client.post("/konto/weryfikacja/", {"token": current_code(coordinator_ops)})
    assert response["Location"] == "/pulpit/"


def test_email_is_case_insensitive_at_login(client, coordinator_ops):
    response = client.post("/konto/logowanie/", {"username": coordinator_ops.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_keeps_email_shows_polish_error_and_is_audited(client, coordinator_ops):
    response = _password_step(client, coordinator_ops, password="zle-haslo")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieprawidłowy adres e-mail lub hasło" in html
    assert f'value="{coordinator_ops.email}"' in html  # nothing the user typed is lost
    assert AuditEvent.objects.filter(action="login_failed", actor_email=coordinator_ops.email).exists()


def test_wrong_code_does_not_log_in(client, coordinator_ops):
    _password_step(client, coordinator_ops)
    good = current_code(coordinator_ops)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post("/konto/weryfikacja/", {"token": wrong})
    assert response.status_code == 200
    assert "Ten kod jest nieprawidłowy" in response.content.decode()
    assert client.get("/pulpit/").status_code == 302
    assert AuditEvent.objects.filter(action="otp_failed", actor=coordinator_ops).exists()


def test_lockout_after_five_failures_for_fifteen_minutes(client, coordinator_ops):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, coordinator_ops, password="zle-haslo")
    response = _password_step(client, coordinator_ops)  # even the right password is refused now
    html = response.content.decode()
    assert response.status_code == 429
    assert "zablokowane na 15 min" in html
    assert client.get("/pulpit/").status_code == 302
    assert AuditEvent.objects.filter(action="lockout").exists()


def test_lockout_of_one_account_does_not_block_another(client, coordinator_ops, teacher_school):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, coordinator_ops, password="zle-haslo")
    other = client.__class__(HTTP_USER_AGENT="another-browser")
    assert _password_step(other, teacher_school).status_code == 302


def test_backup_code_logs_in_once(client, coordinator_ops):
    codes = backup_codes_issue(user=coordinator_ops)
    assert len(codes) == 10
    _password_step(client, coordinator_ops)
    assert client.post("/konto/weryfikacja/", {"token": codes[0]}).status_code == 302
    client.post("/konto/wyloguj/")
    _password_step(client, coordinator_ops)
    response = client.post("/konto/weryfikacja/", {"token": codes[0]})
    assert response.status_code == 200  # used already


def test_logout_is_audited_and_ends_the_session(client, coordinator_ops):
    login(client, coordinator_ops)
    client.post("/konto/wyloguj/")
    assert client.get("/pulpit/").status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor=coordinator_ops).exists()


def test_session_expires_after_configured_inactivity(client, coordinator_ops):
    login(client, coordinator_ops)
    client.get("/pulpit/")
    assert settings.SESSION_IDLE_MINUTES == 30
    assert client.session.get_expiry_age() == 30 * 60
    # Activity pushes the expiry 30 minutes ahead, at most once a minute (test_session_refresh.py).
    assert settings.SESSION_REFRESH_SECONDS == 60


def _secret_from_page(html: str) -> bytes:
    start = html.index('id="totp-secret">') + len('id="totp-secret">')
    secret = html[start : html.index("<", start)].replace(" ", "").strip()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def test_new_account_enrols_the_authenticator_app_with_a_local_qr_code(client):
    user = UserFactory(with_totp=False)
    response = _password_step(client, user)
    assert client.get("/konto/weryfikacja/")["Location"] == "/konto/drugi-skladnik/"
    page = client.get("/konto/drugi-skladnik/").content.decode()
    assert 'src="data:image/svg+xml' in page  # QR drawn by the server, no outside service
    key = _secret_from_page(page)
    response = client.post("/konto/drugi-skladnik/", {"token": "000000" if totp(key) != 0 else "111111"})
    assert "Kod się nie zgadza" in response.content.decode()
    # django-otp slows down guessing after a wrong code; a person waits a moment before the next try.
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post("/konto/drugi-skladnik/", {"token": f"{totp(key):06d}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<li>") >= 10  # the backup codes, shown once
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/pulpit/").status_code == 200
    assert AuditEvent.objects.filter(action="otp_enrolled", actor=user).exists()


def test_enrolment_cannot_replace_a_device_without_the_second_factor(client, coordinator_ops):
    _password_step(client, coordinator_ops)
    assert client.get("/konto/drugi-skladnik/")["Location"] == "/konto/weryfikacja/"


def test_password_reset_by_email_without_personal_data(client, coordinator_ops):
    response = client.post("/konto/haslo/reset/", {"email": coordinator_ops.email})
    assert response["Location"] == "/konto/haslo/reset/wyslano/"
    assert outbox_process() == 1
    message = mail.outbox[0]
    assert message.to == [coordinator_ops.email]
    assert coordinator_ops.first_name not in message.body and coordinator_ops.last_name not in message.body
    link = next(line for line in message.body.splitlines() if "/konto/haslo/ustaw/" in line)
    path = link[link.index("/konto/") :]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "Nowe-bezpieczne-haslo-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/konto/haslo/ustawione/"
    assert _password_step(client, coordinator_ops, password=new_password).status_code == 302


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/konto/haslo/reset/", {"email": "nikt@test.example"})
    assert response["Location"] == "/konto/haslo/reset/wyslano/"
    assert not OutboxMessage.objects.exists()


def test_weak_password_is_refused_in_polish(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post(
        "/konto/konto/haslo/", {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "To hasło jest za krótkie" in html or "zbyt krótkie" in html or "za krótkie" in html


def test_backup_codes_can_be_renewed_from_the_account_page(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.post("/konto/konto/kody-zapasowe/")
    assert response.status_code == 200
    assert "Twoje kody zapasowe" in response.content.decode()
