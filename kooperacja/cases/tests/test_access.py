"""Who sees a case (R-50): its coordinator, its group's members once consent covers their institution, the OPS
staff named on it, an administrator only through break glass — nobody else, whatever their role."""

import pytest
from django.http import Http404

from kooperacja.accounts.access import AnalysisAccess, case_access_to, case_for_user
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.models import BreakGlass, Consent, ConsentOverride, Person

pytestmark = pytest.mark.django_db


def fresh(case):
    case.__dict__.pop("_access_cache", None)
    return case


def test_coordinator_runs_and_the_group_member_reads(case, coordinator_ops, teacher_school):
    assert case_access_to(coordinator_ops, fresh(case)) == AnalysisAccess.EDIT
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.READ


def test_nothing_is_shared_before_consent_covers_the_institution(case, teacher_school, institutions, coordinator_ops):
    consent = Consent.objects.get(case=case)
    consent.institutions.remove(institutions["school"])
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.NONE
    ConsentOverride.objects.create(
        case=case,
        institution=institutions["school"],
        legal_basis="art. 12 ustawy",
        reason="Dziecko zagrożone",
        decided_by=coordinator_ops,
    )
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.READ


def test_withdrawn_consent_ends_the_sharing(case, teacher_school):
    Consent.objects.filter(case=case).update(withdrawn_on="2026-06-01")
    assert case_access_to(teacher_school, fresh(case)) == AnalysisAccess.NONE


def test_others_see_nothing(case, worker_other_gmina, animator_rops, animator_pcpr, admin_user):
    for user in (worker_other_gmina, animator_rops, animator_pcpr, admin_user):
        with pytest.raises(Http404):
            case_for_user(user=user, case_id=fresh(case).pk)


def test_administrator_reads_only_through_break_glass(case, admin_user):
    BreakGlass.objects.create(case=case, user=admin_user, reason="Wniosek sądu o udostępnienie akt")
    assert case_for_user(user=admin_user, case_id=case.pk).access == AnalysisAccess.READ


def test_every_read_is_logged_and_pesel_is_encrypted_at_rest(case, teacher_school):
    case_for_user(user=teacher_school, case_id=case.pk)
    assert AuditEvent.objects.filter(action="read", actor=teacher_school, object_id=str(case.pk)).exists()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pesel FROM cases_person")
        stored = cursor.fetchone()[0]
    assert "85010112345" not in stored and Person.objects.get().pesel == "85010112345"


def test_the_dashboard_lists_the_reports_a_member_owes(client, case, teacher_school):
    from conftest import login
    from kooperacja.cases.models import Case as CaseModel

    CaseModel.objects.filter(pk=case.pk).update(status=CaseModel.Status.MONITORING, opened_on="2026-01-05")
    case.groups.get().memberships.filter(user=teacher_school).update(joined_on="2026-01-05")
    login(client, teacher_school)
    page = client.get("/pulpit/").content.decode()
    assert case.reference in page and "Kowalska" not in page


def test_coordinator_names_an_ops_worker_who_then_reads_the_case(client, case, coordinator_ops, institutions):
    from conftest import _actor, login
    from kooperacja.accounts.models import Role

    colleague = _actor(institutions["ops"], Role.CASE_WORKER, first_name="Olga", last_name="Opsowa")
    assert case_access_to(colleague, fresh(case)) == AnalysisAccess.NONE
    login(client, coordinator_ops)
    response = client.post(f"/sprawy/{case.pk}/pracownicy-ops/", {"user": colleague.pk, "named": "1"})
    assert response.status_code == 302
    assert case_access_to(colleague, fresh(case)) == AnalysisAccess.READ
    outsider = _actor(institutions["school"], Role.CASE_WORKER, first_name="Inny", last_name="Nauczyciel")
    client.post(f"/sprawy/{case.pk}/pracownicy-ops/", {"user": outsider.pk, "named": "1"})
    assert not case.ops_staff.filter(pk=outsider.pk).exists()  # only the OPS's workers
