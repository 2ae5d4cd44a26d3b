"""People of a case (R-30, R-50): minimal, PESEL validated with python-stdnum and encrypted at rest, found by its
keyed hash (the number never goes into a URL), shown masked to everyone but the coordinator."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import login
from kooperacja.cases.intake import services
from kooperacja.cases.models import Person
from kooperacja.core.crypto import keyed_hash

pytestmark = pytest.mark.django_db


def make_pesel(born: datetime.date, serial: str = "0123") -> str:
    month = born.month + {1800: 80, 1900: 0, 2000: 20, 2100: 40}[born.year // 100 * 100]
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3], strict=True)) % 10) % 10
    return digits + str(check)


def test_pesel_is_validated_with_a_polish_message(case, coordinator_ops):
    with pytest.raises(ValidationError) as error:
        services.person_save(
            actor=coordinator_ops, case=case, data={"first_name": "Jan", "last_name": "K", "pesel": "85010112346"}
        )
    # Polish once the lead has merged the catalogue (/tmp/pl_intake.json).
    assert error.value.messages == ["To nie jest poprawny numer PESEL (11 cyfr z cyfrą kontrolną)."]


def test_the_pesel_gives_the_birth_date_and_its_hash(case, coordinator_ops):
    pesel = make_pesel(datetime.date(2015, 6, 30))
    child = services.person_save(
        actor=coordinator_ops,
        case=case,
        data={"first_name": "Ola", "last_name": "Kowalska", "relation": "child", "pesel": pesel},
    )
    assert child.birth_date == datetime.date(2015, 6, 30) and child.pesel_hash == keyed_hash(pesel)
    assert child.age == datetime.date.today().year - 2015 - (
        (datetime.date.today().month, datetime.date.today().day) < (6, 30)
    )


def test_a_family_member_may_have_only_a_relation_and_an_age(case, coordinator_ops):
    child = services.person_save(
        actor=coordinator_ops, case=case, data={"first_name": "Kuba", "last_name": "K", "relation": "child", "age": 7}
    )
    assert child.age == 7 and child.birth_date is None and child.pesel == ""


def test_pesel_and_notes_are_encrypted_at_rest(case, coordinator_ops):
    services.person_save(
        actor=coordinator_ops,
        case=case,
        data={
            "first_name": "Ola",
            "last_name": "K",
            "pesel": "44051401458",
            "address": "ul. Tajna 7",
            "notes": "Choroba przewlekła",
        },
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pesel, address, notes FROM cases_person")
        raw = " ".join(str(v) for row in cursor.fetchall() for v in row)
    for secret in ("44051401458", "Tajna", "przewlek"):
        assert secret not in raw


def test_the_coordinator_finds_a_case_by_pesel_without_it_in_any_url(client, case, coordinator_ops):
    services.person_save(actor=coordinator_ops, case=case, person=case.people.get(), data={"pesel": "85010112345"})
    login(client, coordinator_ops)
    response = client.post("/sprawy/", {"pesel": "85010112345"})
    assert response.status_code == 302 and "85010112345" not in response["Location"]
    assert "85010112345" not in str(dict(client.session))
    page = client.get("/sprawy/").content.decode()
    assert f'href="/sprawy/{case.pk}/"' in page and 'data-search-result="found"' in page
    client.post("/sprawy/", {"pesel": "44051401458"})
    assert 'data-search-result="none"' in client.get("/sprawy/").content.decode()
    assert client.post("/sprawy/", {"pesel": "12345"}).status_code == 400
    client.post("/sprawy/", {"clear": "1"})
    assert "data-search-result" not in client.get("/sprawy/").content.decode()


def test_the_search_is_not_offered_to_a_group_member(client, case, teacher_school):
    login(client, teacher_school)
    assert 'name="pesel"' not in client.get("/sprawy/").content.decode()


def test_pesel_is_masked_except_for_the_coordinator(client, case, coordinator_ops, teacher_school):
    login(client, teacher_school)
    page = client.get(f"/sprawy/{case.pk}/").content.decode()
    assert "85010112345" not in page and "345" in page and "Anna" in page


def test_the_coordinator_sees_the_pesel_and_adds_edits_removes_people(client, case, coordinator_ops):
    login(client, coordinator_ops)
    assert "85010112345" in client.get(f"/sprawy/{case.pk}/").content.decode()
    assert (
        client.post(
            f"/sprawy/{case.pk}/osoby/nowa/",
            {"first_name": "Ola", "last_name": "K", "relation": "child", "pesel": "1234"},
        ).status_code
        == 400
    )
    response = client.post(
        f"/sprawy/{case.pk}/osoby/nowa/", {"first_name": "Ola", "last_name": "K", "relation": "child", "age": "9"}
    )
    assert response.status_code == 302
    # Names are encrypted at rest: found among the case's people, not by a SQL filter.
    (child,) = [p for p in Person.objects.filter(case=case) if p.first_name == "Ola"]
    assert client.get(f"/sprawy/{case.pk}/osoby/{child.pk}/").status_code == 200
    client.post(
        f"/sprawy/{case.pk}/osoby/{child.pk}/",
        {"first_name": "Ola", "last_name": "Kowalska", "relation": "child", "age": "9"},
    )
    child.refresh_from_db()
    assert child.last_name == "Kowalska" and child.age == 9
    assert client.post(f"/sprawy/{case.pk}/osoby/{child.pk}/usun/").status_code == 302
    assert not Person.objects.filter(pk=child.pk).exists()
