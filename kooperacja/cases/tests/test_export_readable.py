"""The data-subject export as a person reads it (R-52): the PDF names every field in Polish and shows values as
words — people and institutions by name, dates in Polish, statuses and yes/no — never a database number or an
English field name. The JSON export stays machine-readable."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from conftest import login
from kooperacja.cases.intake import services
from kooperacja.cases.models import Case, Person

pytestmark = pytest.mark.django_db


def _pdf_text(client, case, person) -> str:
    response = client.get(f"/sprawy/{case.pk}/osoby/{person.pk}/dane.pdf")
    assert response.status_code == 200
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_export_pdf_reads_in_polish_with_names_dates_and_words(client, case, coordinator_ops):
    person = case.people.get()
    services.person_save(actor=coordinator_ops, case=case, person=person, data={"address": "ul. Polna 1"})
    Person.objects.filter(pk=person.pk).update(birth_date=datetime.date(1985, 1, 1))
    Case.objects.filter(pk=case.pk).update(opened_on=datetime.date(2026, 12, 5))
    login(client, coordinator_ops)
    text = _pdf_text(client, case, person)

    # Labels: Polish, including links Django would name in English.
    for english in ("Case ", "Qualified by", "Created by", "Recorded by", "Group ", "User ", "Institution ", "ID "):
        assert english not in text, english
    assert "Utworzone przez Katarzyna Koordynatorka" in text
    # Values: names, Polish dates, statuses and relations as words.
    assert "Anna Kowalska" in text and "ul. Polna 1" in text
    assert "1 stycznia 1985" in text and "5 grudnia 2026" in text and "2 marca 2026" in text
    assert "Koordynator Katarzyna Koordynatorka" in text
    assert "OPS testowy, Szkoła testowa" in text and "['" not in text
    assert "Piotr Pedagog" in text and "Szkoła testowa" in text
    assert "Pokrewieństwo main" not in text and "family" not in text and "intake" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date is left"
    assert "True" not in text and "False" not in text and "None" not in text
    # A link to a person, an institution or a record is never its database number.
    links = r"(Osoba|Grupa|Instytucja|Kooperacja|Koordynator|Utworzone przez|Zapisane przez|Ostatnio zapisane przez)"
    assert [line for line in text.splitlines() if re.fullmatch(links + r" \d+", line)] == []
