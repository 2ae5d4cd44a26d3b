"""Dates of things that have happened (an agreement signed, a consent given, an evaluation held …) are refused when
they lie after today — today in Poland, not in UTC — and the message says why and what to enter instead."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kooperacja.core.validators import NotInFuture, check_not_in_future

pytestmark = pytest.mark.django_db


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def test_today_and_earlier_pass_tomorrow_is_refused_with_the_message():
    validator = NotInFuture("nie później niż dziś")
    validator(timezone.localdate())
    validator(timezone.localdate() - datetime.timedelta(days=400))
    with pytest.raises(ValidationError) as refused:
        validator(_tomorrow())
    assert refused.value.messages == ["nie później niż dziś"] and refused.value.code == "future_date"


def test_today_is_the_polish_day_not_the_utc_one(monkeypatch):
    # 23:30 UTC on 6 December is 00:30 on 7 December in Warsaw: the 7th is already "today".
    late_utc = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late_utc)
    check_not_in_future(datetime.date(2026, 12, 7), message="x")
    with pytest.raises(ValidationError):
        check_not_in_future(datetime.date(2026, 12, 8), message="x")


def test_a_service_puts_the_message_at_its_field():
    with pytest.raises(ValidationError) as refused:
        check_not_in_future(_tomorrow(), message="powód", field="signed_on")
    assert refused.value.message_dict == {"signed_on": ["powód"]}


def _forms(cooperation, institutions):
    """Every form with a "when did it happen" date: (form, field name, start of the Polish message)."""
    from kooperacja.accounts.models import User
    from kooperacja.cases.diagnosis.forms import InterviewForm as DiagnosisInterviewForm
    from kooperacja.cases.evaluation.forms import EvaluationForm
    from kooperacja.cases.group.forms import MemberForm as GroupMemberForm
    from kooperacja.cases.group.forms import ParticipationForm
    from kooperacja.cases.intake.forms import (
        ConsentForm,
        ConsentWithdrawForm,
        InterviewForm,
        PersonForm,
        QualificationForm,
    )
    from kooperacja.cases.plan.forms import PlanForm
    from kooperacja.cooperation.agreement.forms import PartySignForm
    from kooperacja.cooperation.application.forms import ConsentForm as AuthorityConsentForm
    from kooperacja.cooperation.forms import StepForm
    from kooperacja.cooperation.team.forms import ActivityForm, MemberAddForm
    from kooperacja.cooperation.team.forms import MemberForm as TeamMemberForm
    from kooperacja.directory.models import Institution
    from kooperacja.meetings.models import Meeting

    meetings = Meeting.objects.none()
    return [
        (PartySignForm(), "signed_on", "Data podpisania"),
        (ConsentForm(institutions=Institution.objects.all()), "given_on", "Data udzielenia zgody"),
        (ConsentWithdrawForm(), "withdrawn_on", "Data wycofania zgody"),
        (QualificationForm(), "decided_on", "Data decyzji"),
        (InterviewForm(), "interview_date", "Data wywiadu"),
        (DiagnosisInterviewForm(), "interview_date", "Data wywiadu"),
        (PersonForm(), "birth_date", "Data urodzenia"),
        (EvaluationForm(goals=[], meetings=meetings), "held_on", "Data ewaluacji"),
        (GroupMemberForm(candidates=[]), "joined_on", "Data dołączenia"),
        (ParticipationForm(), "consulted_on", "Data konsultacji"),
        (ParticipationForm(), "informed_on", "Data poinformowania"),
        (PlanForm(meetings=meetings), "agreed_on", "Data uzgodnienia planu"),
        (MemberAddForm(institutions=Institution.objects.all()), "joined_on", "Data przystąpienia"),
        (TeamMemberForm(users=User.objects.all()), "joined_on", "Data przystąpienia"),
        (TeamMemberForm(users=User.objects.all()), "left_on", "Data zakończenia udziału"),
        (ActivityForm(), "done_on", "Data wykonania"),
        (StepForm(), "done_on", "Data wykonania"),
        (AuthorityConsentForm(cooperation=cooperation), "decided_on", "Data decyzji"),
    ]


def test_every_form_of_a_past_event_refuses_a_future_date_and_says_why(cooperation, institutions):
    with translation.override("pl"):
        for form, name, start in _forms(cooperation, institutions):
            field = form.fields[name]
            field.clean(timezone.localdate())  # today is fine
            with pytest.raises(ValidationError) as refused:
                field.clean(_tomorrow())
            (message,) = refused.value.messages
            assert message.startswith(start), (type(form).__name__, name, message)
            assert "nie może być późniejsza niż dzisiejsza" in message and " — " in message


def test_the_consent_page_refuses_a_future_date(client, case, coordinator_ops, institutions):
    from conftest import login

    login(client, coordinator_ops)
    response = client.post(
        f"/sprawy/{case.pk}/zgody/nowa/",
        {
            "given_on": _tomorrow().isoformat(),
            "given_by": "Anna Kowalska",
            "institutions": [institutions["ops"].pk],
        },
    )
    assert response.status_code == 400
    assert "Data udzielenia zgody nie może być późniejsza niż dzisiejsza" in response.content.decode()
    assert case.consents.count() == 1  # only the one of the fixture


def test_the_services_refuse_a_future_date_given_by_any_caller(case, coordinator_ops, institutions):
    from kooperacja.cases.intake import services

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        services.consent_record(
            actor=coordinator_ops,
            case=case,
            given_on=_tomorrow(),
            given_by="Anna Kowalska",
            institutions=[institutions["ops"]],
        )
    assert refused.value.message_dict["given_on"][0].startswith("Data udzielenia zgody nie może")
