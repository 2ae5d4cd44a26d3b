"""Freshness of the directory: when each entry was last confirmed and by whom, the entries not confirmed for
DIRECTORY_CONFIRM_MONTHS months, the button on the institution page and the monthly reminder to its own workers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import login
from kooperacja.audit.models import AuditEvent
from kooperacja.directory import freshness, services
from kooperacja.directory.models import Institution
from kooperacja.directory.selectors import institution_search
from kooperacja.notifications.models import Notification, OutboxMessage
from kooperacja.notifications.periodic import periodic_run


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert freshness.months_before(datetime.date(2026, 12, 7), 12) == datetime.date(2025, 12, 7)
    assert freshness.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert freshness.months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


def test_entries_not_confirmed_for_the_set_months_are_found(institutions, settings):
    today = timezone.localdate()
    ops, school = institutions["ops"], institutions["school"]
    Institution.objects.filter(pk=ops.pk).update(confirmed_at=today - datetime.timedelta(days=10))
    Institution.objects.filter(pk=school.pk).update(confirmed_at=freshness.months_before(today, 13))
    stale = set(freshness.stale_institutions().values_list("name", flat=True))
    assert ops.name not in stale and school.name in stale  # confirmed 13 months ago, or never (the others)
    assert institutions["rops"].name in stale
    settings.DIRECTORY_CONFIRM_MONTHS = 24
    assert school.name not in set(freshness.stale_institutions().values_list("name", flat=True))
    # A service not confirmed makes its institution one to check.
    settings.DIRECTORY_CONFIRM_MONTHS = 12
    services.service_save(actor=None, institution=ops, name="Praca socjalna")
    assert ops.name in set(institution_search(not_confirmed=True).values_list("name", flat=True))


def test_confirming_records_who_and_when_for_the_institution_and_its_services(institutions, coordinator_ops):
    ops = institutions["ops"]
    service = services.service_save(actor=None, institution=ops, name="Praca socjalna")
    version = Institution.objects.get(pk=ops.pk).edit_version
    freshness.institution_confirm(actor=coordinator_ops, institution=ops, edit_version=version)
    ops.refresh_from_db()
    service.refresh_from_db()
    assert ops.confirmed_at == timezone.localdate() and ops.confirmed_by == coordinator_ops
    assert service.confirmed_at == timezone.localdate() and service.confirmed_by == coordinator_ops
    assert AuditEvent.objects.filter(object_id=str(ops.pk), details__services_confirmed=1).exists()
    with pytest.raises(ValidationError):  # a page opened before the entry was changed
        freshness.institution_confirm(actor=coordinator_ops, institution=ops, edit_version=version)


def test_own_workers_are_reminded_once_a_month_without_personal_data_in_the_mail(institutions, coordinator_ops):
    now = timezone.now()
    first = periodic_run(now=now)["directory_confirmations"]
    assert first >= 1
    notice = Notification.objects.get(user=coordinator_ops, kind=Notification.Kind.DIRECTORY_CONFIRM)
    assert institutions["ops"].name in notice.message and notice.url == f"/instytucje/{institutions['ops'].pk}/"
    mail = OutboxMessage.objects.filter(to_email=coordinator_ops.email).latest("id")
    assert institutions["ops"].name not in mail.body and institutions["ops"].name not in mail.subject
    assert periodic_run(now=now)["directory_confirmations"] == 0  # idempotent within the month
    freshness.institution_confirm(actor=coordinator_ops, institution=institutions["ops"])
    Notification.objects.all().delete()
    assert periodic_run(now=now + datetime.timedelta(days=40))["directory_confirmations"] == 0
    # Nobody is told about an institution they do not work in.
    assert not Notification.objects.filter(user=coordinator_ops).exists()


def test_the_page_shows_freshness_and_confirms_with_one_click(
    client, institutions, coordinator_ops, worker_other_gmina
):
    ops = institutions["ops"]
    login(client, coordinator_ops)
    page = client.get(f"/instytucje/{ops.pk}/").content.decode()
    assert "data-not-confirmed" in page and f'action="/instytucje/{ops.pk}/potwierdzenie/"' in page
    listing = client.get("/instytucje/?not_confirmed=on").content.decode()
    assert f'href="/instytucje/{ops.pk}/"' in listing and "data-not-confirmed" in listing
    response = client.post(f"/instytucje/{ops.pk}/potwierdzenie/", {"edit_version": ops.edit_version})
    assert response.status_code == 302
    page = client.get(f"/instytucje/{ops.pk}/").content.decode()
    assert "data-not-confirmed" not in page and coordinator_ops.get_full_name() in page
    assert f'href="/instytucje/{ops.pk}/"' not in client.get("/instytucje/?not_confirmed=on").content.decode()
    # A stale page: refused with a message, nothing confirmed twice.
    response = client.post(f"/instytucje/{ops.pk}/potwierdzenie/", {"edit_version": ops.edit_version}, follow=True)
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    # A worker of another gmina may not confirm this institution.
    client.logout()
    login(client, worker_other_gmina)
    assert f"/instytucje/{ops.pk}/potwierdzenie/" not in client.get(f"/instytucje/{ops.pk}/").content.decode()
    assert client.post(f"/instytucje/{ops.pk}/potwierdzenie/", {"edit_version": 99}).status_code == 403
