"""Consent (R-30): nothing is shared with a group member before a consent covers their institution, except by a
recorded override on a legal basis; withdrawal ends the joint work. Break glass: an administrator reads a case
only with a written reason, for an hour, logged and shown to the coordinator."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from conftest import login
from kooperacja.accounts.access import AnalysisAccess, case_access_to, case_for_user
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.intake import services
from kooperacja.cases.models import BreakGlass, Case, Consent
from kooperacja.cases.services import case_open, group_member_add
from kooperacja.notifications.models import Notification

pytestmark = pytest.mark.django_db


def fresh(case):
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def new_case(cooperation, coordinator_ops, teacher_school, institutions):
    case = case_open(actor=coordinator_ops, cooperation=cooperation)
    group_member_add(
        actor=coordinator_ops, group=case.groups.get(), user=teacher_school, institution=institutions["school"]
    )
    return case


def test_consent_scope_decides_who_reads(new_case, coordinator_ops, teacher_school, institutions):
    assert case_access_to(teacher_school, fresh(new_case)) == AnalysisAccess.NONE
    services.consent_record(
        actor=coordinator_ops,
        case=new_case,
        given_on=datetime.date.today(),
        given_by="Anna Kowalska",
        institutions=[institutions["ops"]],
    )
    assert case_access_to(teacher_school, fresh(new_case)) == AnalysisAccess.NONE
    consent = services.consent_record(
        actor=coordinator_ops,
        case=new_case,
        given_on=datetime.date.today(),
        given_by="Anna Kowalska",
        institutions=[institutions["school"]],
    )
    assert case_access_to(teacher_school, fresh(new_case)) == AnalysisAccess.READ
    services.consent_withdraw(actor=coordinator_ops, consent=consent, withdrawn_on=datetime.date.today())
    assert case_access_to(teacher_school, fresh(new_case)) == AnalysisAccess.NONE
    assert fresh(new_case).status == Case.Status.INTAKE  # the case stays as it is
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=coordinator_ops, consent=consent, withdrawn_on=datetime.date.today())


def test_consent_needs_an_institution_and_the_coordinator(new_case, coordinator_ops, teacher_school, institutions):
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=coordinator_ops, case=new_case, given_on=datetime.date.today(), given_by="A", institutions=[]
        )
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=teacher_school,
            case=new_case,
            given_on=datetime.date.today(),
            given_by="A",
            institutions=[institutions["school"]],
        )


def test_an_override_on_a_legal_basis_shares_without_consent(new_case, coordinator_ops, teacher_school, institutions):
    with pytest.raises(ValidationError):
        services.consent_override_record(
            actor=coordinator_ops, case=new_case, institution=institutions["school"], legal_basis="", reason=""
        )
    override = services.consent_override_record(
        actor=coordinator_ops,
        case=new_case,
        institution=institutions["school"],
        legal_basis="art. 9a ustawy o przeciwdziałaniu przemocy w rodzinie",
        reason="Dziecko zagrożone przemocą",
    )
    assert case_access_to(teacher_school, fresh(new_case)) == AnalysisAccess.READ
    assert AuditEvent.objects.filter(object_type="cases.consentoverride", object_id=str(override.pk)).exists()


def test_consent_through_the_pages(client, new_case, coordinator_ops, institutions):
    login(client, coordinator_ops)
    url = f"/sprawy/{new_case.pk}/zgody/nowa/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "given_on": "2026-03-02",
            "given_by": "Anna Kowalska",
            "institutions": [institutions["ops"].pk, institutions["school"].pk],
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(case=new_case)
    assert set(consent.institutions.all()) == {institutions["ops"], institutions["school"]}
    assert (
        client.post(
            f"/sprawy/{new_case.pk}/zgody/{consent.pk}/wycofaj/", {"withdrawn_on": "2026-03-10", "note": "ustna"}
        ).status_code
        == 302
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 3, 10)
    response = client.post(
        f"/sprawy/{new_case.pk}/udostepnienie/",
        {"institution": institutions["school"].pk, "legal_basis": "art. 12", "reason": "zagrożenie"},
    )
    assert response.status_code == 302 and new_case.consent_overrides.count() == 1


def test_break_glass_is_logged_notified_shown_and_expires(client, case, admin_user, coordinator_ops):
    with pytest.raises(Http404):
        case_for_user(user=admin_user, case_id=case.pk)
    with pytest.raises(ValidationError):
        services.break_glass_open(actor=admin_user, case=case, reason="krótko")
    with pytest.raises(ValidationError):
        services.break_glass_open(actor=coordinator_ops, case=case, reason="Chcę zobaczyć tę sprawę teraz")
    glass = services.break_glass_open(actor=admin_user, case=case, reason="Wniosek sądu o udostępnienie akt sprawy")
    assert case_for_user(user=admin_user, case_id=case.pk).access == AnalysisAccess.READ
    assert AuditEvent.objects.filter(object_type="cases.breakglass", object_id=str(glass.pk), actor=admin_user).exists()
    note = Notification.objects.get(user=coordinator_ops, url=f"/sprawy/{case.pk}/")
    assert case.reference in note.message
    BreakGlass.objects.filter(pk=glass.pk).update(at=timezone.now() - datetime.timedelta(minutes=61))
    with pytest.raises(Http404):
        case_for_user(user=admin_user, case_id=case.pk)
    login(client, coordinator_ops)
    assert "Wniosek sądu o udostępnienie akt sprawy" in client.get(f"/sprawy/{case.pk}/").content.decode()


def test_break_glass_page(client, case, admin_user):
    login(client, admin_user)
    url = f"/sprawy/{case.pk}/dostep-awaryjny/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.get(f"/sprawy/{case.pk}/").status_code == 404
    response = client.post(url, {"reason": "Kontrola PUODO: wniosek o wgląd w sprawę"})
    assert response.status_code == 302 and response["Location"] == f"/sprawy/{case.pk}/"
    page = client.get(f"/sprawy/{case.pk}/").content.decode()
    assert "Anna" in page and "85010112345" not in page  # reads, masked
    assert client.get(f"/sprawy/{case.pk}/osoby/nowa/").status_code == 403
