import pytest

from conftest import current_code, login
from kooperacja.audit.models import AuditEvent


@pytest.mark.django_db
def test_password_alone_does_not_open_the_dashboard(client, coordinator_ops):
    client.post("/konto/logowanie/", {"username": coordinator_ops.email, "password": "Haslo-testowe-2026!"})
    response = client.get("/pulpit/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/weryfikacja/"


@pytest.mark.django_db
def test_login_with_second_factor_opens_dashboard_and_is_audited(client, coordinator_ops):
    login(client, coordinator_ops)
    response = client.get("/pulpit/")
    assert response.status_code == 200
    assert "Katarzyna" in response.content.decode()
    assert AuditEvent.objects.filter(action="login", actor=coordinator_ops).exists()
