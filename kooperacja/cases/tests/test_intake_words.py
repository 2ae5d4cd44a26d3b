"""The words the sender and the group read: a referral the OPS took reads "przyjęte" (not "zgoda", which is the
family's consent); months in running text are lower case; people whose gender the platform does not know are
never described with a gendered past tense."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import timezone, translation

from conftest import login
from kooperacja.cases.intake import services
from kooperacja.cases.models import Case, Referral

pytestmark = pytest.mark.django_db


def _refer(teacher_school, cooperation, institutions) -> Referral:
    return services.referral_send(
        actor=teacher_school,
        cooperation=cooperation,
        from_institution=institutions["school"],
        kind=Case.Kind.FAMILY,
        person_name="Adam Przyjęty",
        reason="Dziecko często nieobecne w szkole",
    )


def test_the_sender_reads_accepted_not_consent(client, cooperation, teacher_school, coordinator_ops, institutions):
    accepted = _refer(teacher_school, cooperation, institutions)
    services.referral_accept(actor=coordinator_ops, referral=accepted)
    declined = _refer(teacher_school, cooperation, institutions)
    services.referral_decline(actor=coordinator_ops, referral=declined, reason="Poza zakresem")
    login(client, teacher_school)
    page = client.get("/sprawy/").content.decode()
    statuses = dict(re.findall(r'data-status="(\w+)">([^<]+)<', page))
    assert statuses["accepted"] == "przyjęte" and statuses["declined"] == "odrzucone"
    assert "zgoda" not in statuses.values()
    with translation.override("pl"):
        assert [str(label) for _, label in Referral.Status.choices] == ["wysłane", "przyjęte", "odrzucone", "wycofane"]


def test_the_group_page_names_joining_and_leaving_without_gender(client, case, coordinator_ops):
    login(client, coordinator_ops)
    page = client.get(f"/sprawy/{case.pk}/grupa/").content.decode()
    assert "Data dołączenia" in page and "Zakończenie udziału" in page and "Zakończ udział" in page
    assert "Odszedł" not in page and "odeszła" not in page and "Dołączył" not in page


def test_a_month_in_running_text_is_lower_case(client, case, teacher_school):
    month = timezone.localdate().replace(day=1)
    login(client, teacher_school)
    page = client.get(f"/sprawy/{case.pk}/sprawozdania/{month.year}/{month.month}/").content.decode()
    with translation.override("pl"):
        from django.utils.dateformat import format as date_format

        name = date_format(month, "F Y")
    assert f"Sprawozdanie za {name.lower()}" in page and f"Sprawozdanie za {name}" not in page


GENDERED = re.compile(
    r"\w+ł\s?\(a\)|\w+ł\s?/\s?-?\w*a\b|\w+łem\s?/\s?\w+łam|\bOdszedł|\bodszedł|\bprzygotowała\b|\bPrzygotowała\b"
)


def test_the_catalogue_has_no_gendered_past_tense_for_unknown_people():
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    found = [f"{e.msgid!r} → {e.msgstr!r}" for e in po if GENDERED.search(e.msgstr)]
    assert found == []
