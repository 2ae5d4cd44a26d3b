"""A closed case reads as a record: no page of it offers a form that would change it (the data-subject export,
which changes nothing, is the one exception)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login
from kooperacja.cases.models import Case, CaseMessage, Person
from kooperacja.cases.plan import services as plan_services
from kooperacja.meetings.models import Meeting

pytestmark = pytest.mark.django_db

# Forms that change nothing and stay on a closed case: the person's data for the data subject (GET downloads).
EXCEPTIONS = ("dane.json", "dane.pdf")

POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>", re.IGNORECASE)


@pytest.fixture
def closed_case(case, cooperation, coordinator_ops, institutions):
    """A case with everything a case gathers — a meeting, a plan with a task, a message — then closed."""
    meeting = Meeting.objects.create(
        case=case,
        cooperation=cooperation,
        kind=Meeting.Kind.CASE_GROUP,
        title="Posiedzenie GGK",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        place="OPS",
        organiser=coordinator_ops,
    )
    plan = plan_services.work_plan_create(
        actor=coordinator_ops, case=case, main_goal="Dzieci chodzą do szkoły", goals=["Frekwencja"], meeting=meeting
    )
    plan_services.task_add(actor=coordinator_ops, plan=plan, description="Rozmowa", institution=institutions["school"])
    CaseMessage.objects.create(case=case, author=coordinator_ops, body="Notatka") if hasattr(
        CaseMessage, "author"
    ) else None
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=datetime.date.today())
    case.refresh_from_db()
    case.meeting = meeting
    return case


def case_pages(case) -> tuple[list[str], list[str]]:
    """The case's tabs and the meeting of the case (everyone in the group reads them), and the pages that only
    change something (a form of their own: answered 200 with no form, or refused)."""
    names = ["detail", "diagnosis", "group", "plan", "reports", "evaluation", "messages", "tools"]
    pages = [reverse(f"cases:{name}", args=[case.pk]) for name in names]
    pages += [reverse("cases:plan_version", args=[case.pk, 1]), reverse("meetings:detail", args=[case.meeting.pk])]
    person = Person.objects.filter(case=case).first()
    goal = case.work_plans.get().goals.first()
    form_pages = [
        reverse("cases:person_edit", args=[case.pk, person.pk]),
        reverse("cases:person_create", args=[case.pk]),
        reverse("cases:diagnosis_area", args=[case.pk, "work"]),
        reverse("cases:plan_edit", args=[case.pk]),
        reverse("cases:plan_goal_edit", args=[case.pk, goal.pk]),
        reverse("cases:group_participation", args=[case.pk, case.meeting.pk]),
        reverse("cases:evaluation_create", args=[case.pk]),
        reverse("cases:preparation", args=[case.pk]),
    ]
    return pages, form_pages


def changing_forms(html: str) -> list[str]:
    """Forms posting anywhere but the account's own actions (signing out) or the listed exceptions."""
    sign_out = reverse("accounts:logout") if _has_url("accounts:logout") else "/konto/"
    return [f for f in POST_FORM.findall(html) if not any(e in f for e in (*EXCEPTIONS, sign_out))]


def _has_url(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("who", ["coordinator_ops", "teacher_school"])
def test_no_page_of_a_closed_case_offers_a_form_that_changes_it(client, closed_case, who, request):
    login(client, request.getfixturevalue(who))
    pages, form_pages = case_pages(closed_case)
    found = {}
    for url in pages + form_pages:
        response = client.get(url, follow=True)
        assert response.status_code == (200 if url in pages else response.status_code), url
        assert response.status_code in (200, 403, 404), url
        forms = changing_forms(response.content.decode())
        if forms:
            found[url] = forms
    assert found == {}
