"""The printed work plan (annex 6) reads a fixed number of rows' worth of queries: the same count for a plan
with one task as for a plan with twenty tasks and twenty goals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import login
from kooperacja.cases.plan import services
from kooperacja.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_plan_pdf_queries_are_the_same_for_1_and_20_tasks(client, case, cooperation, coordinator_ops, institutions):
    meeting = Meeting.objects.create(
        case=case,
        cooperation=cooperation,
        kind=Meeting.Kind.CASE_GROUP,
        title="Posiedzenie GGK",
        starts_at=timezone.now(),
        place="OPS",
        organiser=coordinator_ops,
    )
    plan = services.work_plan_create(
        actor=coordinator_ops,
        case=case,
        main_goal="Dzieci regularnie chodzą do szkoły",
        goals=["Frekwencja powyżej 90%"],
        meeting=meeting,
        agreed_on=datetime.date(2026, 3, 10),
    )

    def add_tasks(count: int) -> None:
        for n in range(count):
            goal = services.goal_add(actor=coordinator_ops, plan=plan, text=f"Cel {n}")
            services.task_add(
                actor=coordinator_ops,
                plan=plan,
                description=f"Zadanie {n}",
                institution=institutions["school"] if n % 2 else None,
                for_family=not n % 2,
                goal=goal,
                deadline=datetime.date(2026, 6, 30),
            )

    def queries_of(party: str) -> int:
        url = f"/sprawy/{case.pk}/plan/wersje/{plan.version}/pdf/{party}/"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        return len(queries)

    login(client, coordinator_ops)
    add_tasks(1)
    small = {party: queries_of(party) for party in ("rodzina", str(institutions["school"].pk))}
    add_tasks(19)
    assert {party: queries_of(party) for party in small} == small
