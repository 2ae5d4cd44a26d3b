"""Diagnosis of the situation (R-31): areas written by the coordinator, encrypted at rest; institutions proposed
from the needs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client

from conftest import login
from kooperacja.cases.diagnosis import selectors, services
from kooperacja.cases.models import DiagnosisEntry
from kooperacja.directory.models import Problem, Service
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def problem(code):
    return Problem.objects.get_or_create(code=code, defaults={"name": code, "group": "art7", "order": 1})[0]


def service(institution, *codes, name="Usługa"):
    item = Service.objects.create(institution=institution, name=name)
    item.problems.set([problem(c) for c in codes])
    return item


def test_areas_are_written_by_the_coordinator_and_encrypted(case, coordinator_ops, teacher_school):
    services.diagnosis_area_save(
        actor=coordinator_ops,
        case=case,
        area="addictions",
        needs="Terapia uzależnienia ojca",
        resources="Wsparcie babci",
    )
    entry = DiagnosisEntry.objects.get(case=case, area="addictions")
    assert entry.needs == "Terapia uzależnienia ojca"
    with connection.cursor() as cursor:
        cursor.execute("SELECT needs FROM cases_diagnosisentry")
        assert "Terapia" not in cursor.fetchone()[0]
    with pytest.raises(PermissionDenied):
        services.diagnosis_area_save(actor=teacher_school, case=case, area="work", needs="Praca")
    areas = selectors.diagnosis_areas(case)
    assert len(areas) == 11 and [a for a in areas if a[0] == "addictions"][0][2] == entry


def test_interview_date_and_reference(case, coordinator_ops):
    services.case_interview_set(
        actor=coordinator_ops, case=case, interview_date=datetime.date(2026, 3, 5), interview_reference="WR/12/2026"
    )
    case.refresh_from_db()
    assert case.interview_reference == "WR/12/2026"


def test_an_institution_addressing_alcoholism_is_proposed_for_addictions(
    case, coordinator_ops, institutions, territory
):
    commission = InstitutionFactory(name="Gminna Komisja RPA", kind="other", unit=territory["gmina"])
    service(commission, "alcoholism", name="Motywowanie do leczenia")
    service(institutions["school"], "education", name="Zajęcia wyrównawcze")
    far = InstitutionFactory(name="Poradnia w Rypinie", kind="other", unit=territory["other_gmina"])
    service(far, "alcoholism")
    assert selectors.proposed_institutions(case) == []
    services.diagnosis_area_save(actor=coordinator_ops, case=case, area="addictions", needs="Leczenie ojca")
    proposals = selectors.proposed_institutions(case)
    assert [p.institution for p in proposals] == [commission]
    assert proposals[0].areas == [DiagnosisEntry.Area.ADDICTIONS.label]
    assert proposals[0].services[0].name == "Motywowanie do leczenia"
    services.diagnosis_area_save(actor=coordinator_ops, case=case, area="education", needs="Nauka syna")
    proposals = {p.institution.pk: p for p in selectors.proposed_institutions(case)}
    assert set(proposals) == {commission.pk, institutions["school"].pk}
    assert proposals[institutions["school"].pk].in_group  # the school's pedagogue is in the group already


def test_pages(case, coordinator_ops, teacher_school, django_assert_max_num_queries):
    services.diagnosis_area_save(actor=coordinator_ops, case=case, area="work", needs="Szukanie pracy")
    client = login(Client(), coordinator_ops)
    response = client.post(
        f"/sprawy/{case.pk}/diagnoza/housing/",
        {"needs": "Remont", "difficulties": "", "resources": "", "help_so_far": ""},
    )
    assert response.status_code == 302
    assert DiagnosisEntry.objects.get(case=case, area="housing").needs == "Remont"
    with django_assert_max_num_queries(40):
        response = client.get(f"/sprawy/{case.pk}/diagnoza/")
    assert response.status_code == 200 and "Szukanie pracy" in response.content.decode()
    assert client.get(f"/sprawy/{case.pk}/diagnoza/nieznany/").status_code == 404
    reader = login(Client(), teacher_school)
    assert reader.get(f"/sprawy/{case.pk}/diagnoza/").status_code == 200
    assert reader.get(f"/sprawy/{case.pk}/diagnoza/work/").status_code == 403
