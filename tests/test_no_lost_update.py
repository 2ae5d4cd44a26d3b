"""No lost update over every edit form: two people open the same form, B saves first, A saves second.

A must get the Polish conflict message naming B, with A's input still in the form and B's text shown beside it;
B's save must still be in the database. The walk runs on the demo municipality, through the real pages (login
with the second factor, the form's own hidden fields), and a guard makes sure every model that carries an edit
version has its edit form in the walk.
"""

import dataclasses
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import login
from kooperacja.core.concurrency import Versioned
from kooperacja.core.demo import DEMO_PASSWORD
from kooperacja.territory.services import teryt_load

CONFLICT = "Ktoś zapisał te dane po otwarciu przez Ciebie formularza"


class _Forms(HTMLParser):
    """Every <form> of a page with the values a browser would send (checked boxes, selected options)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "data": []}
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "reset", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if "disabled" not in a:
                self._form["data"].append([a["name"], a.get("value", "on" if kind == "checkbox" else ""), kind])
        elif tag == "select":
            self._select = {"name": a["name"], "first": None, "chosen": [], "disabled": "disabled" in a}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)
        elif tag == "textarea":
            self._textarea = [a["name"], "", "textarea"]
            if "disabled" not in a:
                self._form["data"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if not select["disabled"]:
                for value in select["chosen"] or ([select["first"]] if select["first"] is not None else []):
                    self._form["data"].append([select["name"], value, "select"])


def edit_form(html: str) -> dict:
    parser = _Forms()
    parser.feed(html)
    found = [
        f for f in parser.forms if f["method"] == "post" and any(n.endswith("edit_version") for n, *_ in f["data"])
    ]
    assert len(found) == 1, f"expected one edit form with its edit version, found {len(found)}"
    return found[0]


def _with(form: dict, field: str, value: str, extra: dict | None = None) -> dict:
    data: dict[str, list[str]] = {}
    for name, current, _kind in form["data"]:
        data.setdefault(name, []).append(current)
    assert field in data, f"{field} is not in the form: {sorted(data)}"
    data[field] = [value]
    return data | {name: [v] for name, v in (extra or {}).items()}


@dataclasses.dataclass
class EditForm:
    """One edit form of the platform: its page, what is saved now (given the changed field's name), who edits.
    ``field`` names the input to change when the form's first text box is not the one."""

    url: str
    saved: Callable[[str], object]
    editor_a: str = "koordynator"
    editor_b: str = "ops"
    field: str | None = None
    extra: dict = dataclasses.field(default_factory=dict)  # other inputs a valid save needs


def _reread(obj):
    return lambda field: getattr(type(obj)._base_manager.get(pk=obj.pk), field)


GMINA = "040504"  # Kowalewo Pomorskie, the demo gmina


def _cooperation():
    from kooperacja.cooperation.models import Cooperation

    return Cooperation.objects.filter(unit__code=GMINA).order_by("pk").first()


def _case():
    """The demo case with a work plan, edited by its coordinator (two tabs of one person where no one else may)."""
    from kooperacja.cases.models import Case

    return Case.objects.filter(closed_on__isnull=True, work_plans__isnull=False).order_by("pk").first()


def _runner() -> str:
    return _case().coordinator.email.split("@")[0]


# --- the walk: one entry per model with an edit version (one more for a model with two edit forms) -----------


def institution(users):
    from kooperacja.directory.models import Institution

    obj = Institution.objects.filter(unit__code=GMINA, kind="ops").first()
    return EditForm(reverse("directory:edit", args=[obj.pk]), _reread(obj), field="notes")


def service(users):
    from kooperacja.directory.models import Service

    obj = Service.objects.filter(institution__unit__code=GMINA).first()
    return EditForm(reverse("directory:service_edit", args=[obj.pk]), _reread(obj))


def resource_card_note(users):
    from kooperacja.directory.models import Problem, ResourceCardNote

    problem = Problem.objects.order_by("order").first()
    return EditForm(
        reverse("directory:card", args=[GMINA, problem.code]),
        lambda field: ResourceCardNote.objects.get(problem=problem).text,
    )


def cooperation(users):
    obj = _cooperation()
    return EditForm(reverse("cooperation:edit", args=[obj.pk]), _reread(obj), field="name")


def step(users):
    obj = _cooperation().steps.order_by("pk").first()
    return EditForm(reverse("cooperation:step_edit", args=[obj.cooperation_id, obj.pk]), _reread(obj))


def team(users):
    from kooperacja.cooperation.models import Team

    obj = Team.objects.get(cooperation=_cooperation())
    # The schedule has no free text: the time of the meetings is what two people change at once.
    return EditForm(
        reverse("cooperation:team", args=[obj.cooperation_id]),
        lambda field: _reread(obj)(field).strftime("%H:%M"),
        field="meeting_time",
    )


def team_member(users):
    from kooperacja.cooperation.models import TeamMember

    obj = TeamMember.objects.filter(team__cooperation=_cooperation()).first()
    return EditForm(reverse("cooperation:team_member_edit", args=[obj.team.cooperation_id, obj.pk]), _reread(obj))


def team_activity(users):
    from kooperacja.cooperation.models import TeamActivity

    obj = TeamActivity.objects.filter(team__cooperation=_cooperation()).first()
    return EditForm(reverse("cooperation:team_activity_edit", args=[obj.team.cooperation_id, obj.pk]), _reread(obj))


def agreement(users):
    from kooperacja.cooperation.models import Agreement

    obj = Agreement.objects.filter(cooperation=_cooperation()).order_by("-pk").first()
    Agreement.objects.filter(pk=obj.pk).update(status=Agreement.Status.DRAFT)  # the demo's is signed
    return EditForm(reverse("cooperation:agreement_edit", args=[obj.cooperation_id]), _reread(obj))


def rops_application(users):
    from kooperacja.cooperation.models import RopsApplication

    obj = RopsApplication.objects.filter(cooperation=_cooperation()).first()
    if obj.status != RopsApplication.Status.DRAFT:
        RopsApplication.objects.filter(pk=obj.pk).update(status=RopsApplication.Status.DRAFT)
    return EditForm(reverse("cooperation:application_edit", args=[obj.pk]), _reread(obj))


def analysis(users):
    from kooperacja.diagnosis.models import Analysis

    obj = Analysis.objects.filter(unit__code=GMINA).first()
    return EditForm(reverse("diagnosis:edit", args=[obj.pk]), _reread(obj), field="title")


def analysis_infrastructure(users):
    from kooperacja.diagnosis.models import Analysis

    obj = Analysis.objects.filter(unit__code=GMINA).first()
    return EditForm(reverse("diagnosis:infrastructure", args=[obj.pk]), _reread(obj))


def _analysis_item(model_name: str, kind: str):
    def entry(users):
        from kooperacja.diagnosis import models

        obj = getattr(models, model_name).objects.filter(analysis__unit__code=GMINA).first()
        url = reverse("diagnosis:item_edit", kwargs={"analysis_id": obj.analysis_id, "kind": kind, "item_id": obj.pk})
        return EditForm(url, _reread(obj))

    return entry


def unit_cost(users):
    from kooperacja.diagnosis.models import UnitCost

    obj = UnitCost.objects.first()
    return EditForm(
        reverse("diagnosis:unit_cost_edit", args=[obj.pk]),
        _reread(obj),
        field="source",
        editor_a="rops",
        editor_b="admin",
    )


def cost_card(users):
    from kooperacja.diagnosis.models import CostCard

    obj = CostCard.objects.first()
    return EditForm(reverse("diagnosis:cost_card_edit", args=[obj.pk]), _reread(obj))


def problem_map_year(users):
    from kooperacja.diagnosis.models import Analysis, ProblemMapEntry

    analysis = Analysis.objects.filter(unit__code=GMINA).first()
    entry = ProblemMapEntry.objects.filter(unit=analysis.unit, persons__isnull=False).order_by("-year", "pk").first()
    return EditForm(
        reverse("diagnosis:problem_year", args=[analysis.pk]) + f"?rok={entry.year}",
        lambda field: (
            ProblemMapEntry.objects.get(
                unit=analysis.unit, year=entry.year, category=field.removesuffix("-persons")
            ).persons
        ),
        field=f"{entry.category}-persons",
    )


def survey_sheet(users):
    """The OPS's answers in the latest round (reopened: the demo's are closed), typed in by the OPS itself and
    by the coordinator on its behalf."""
    from kooperacja.diagnosis.models import SurveyAnswer, SurveyRound

    survey_round = SurveyRound.objects.filter(unit__code=GMINA).order_by("-held_on").first()
    SurveyRound.objects.filter(pk=survey_round.pk).update(is_closed=False)
    answer = SurveyAnswer.objects.filter(round=survey_round, respondent__kind="ops", level__gte=1).first()
    return EditForm(
        reverse("diagnosis:survey_answer", args=[survey_round.pk]) + f"?instytucja={answer.respondent_id}",
        lambda field: SurveyAnswer.objects.get(pk=answer.pk).obstacles,
        field=f"p{answer.partner_id}-obstacles",
        editor_a="koordynator",
        editor_b="ops",
    )


def indicator_value(users):
    from kooperacja.diagnosis.models import Analysis, IndicatorValue

    analysis = Analysis.objects.filter(unit__code=GMINA).first()
    obj = IndicatorValue.objects.filter(unit=analysis.unit, source="manual").order_by("pk").first()
    return EditForm(
        reverse("diagnosis:statistics", args=[analysis.pk]) + f"?wskaznik={obj.indicator_id}&rok={obj.year}",
        _reread(obj),
        field="source_note",
    )


def cost_card_line(users):
    from kooperacja.diagnosis.models import CostCardLine

    obj = CostCardLine.objects.first()
    return EditForm(reverse("diagnosis:cost_line_edit", args=[obj.card_id, obj.pk]), _reread(obj), field="note")


def meeting(users):
    from kooperacja.meetings.models import Meeting

    obj = (
        Meeting.objects.filter(cooperation=_cooperation(), status=Meeting.Status.PLANNED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    return EditForm(reverse("meetings:edit", args=[obj.pk]), _reread(obj), field="agenda")


def invitation(users):
    from kooperacja.meetings.models import Invitation, Meeting

    obj = Invitation.objects.filter(
        meeting__status=Meeting.Status.PLANNED,
        meeting__starts_at__gt=timezone.now(),
        meeting__cooperation=_cooperation(),
        user__isnull=False,
    ).first()
    invitee = obj.user.email.split("@")[0]
    runner = "koordynator" if invitee != "koordynator" else "ops"
    return EditForm(
        reverse("meetings:answer", args=[obj.meeting_id, obj.pk]),
        _reread(obj),
        field="deputy_name",
        editor_a=invitee,
        editor_b=runner,
        extra={"answer": "deputy"},
    )


def attendance(users):
    from kooperacja.meetings.models import Invitation, Meeting

    meeting = (
        Meeting.objects.filter(cooperation=_cooperation(), starts_at__lt=timezone.now(), invitations__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
        .distinct()
        .order_by("-starts_at")
        .first()
    )
    invitation = meeting.invitations.order_by("pk").first()
    answers = {True: "yes", False: "no", None: ""}
    return EditForm(
        reverse("meetings:attendance", args=[meeting.pk]),
        lambda field: answers[Invitation.objects.get(pk=invitation.pk).attended],
        field=f"attended-{invitation.pk}",
    )


def minutes(users):
    from kooperacja.meetings.models import Minutes

    obj = Minutes.objects.filter(approved_at__isnull=True, meeting__cooperation=_cooperation()).first()
    return EditForm(reverse("meetings:minutes_edit", args=[obj.meeting_id]), _reread(obj), field="text")


def case(users):
    obj = _case()
    return EditForm(
        reverse("cases:interview", args=[obj.pk]),
        _reread(obj),
        field="interview_reference",
        editor_a=_runner(),
        editor_b=_runner(),
    )


def case_on_the_diagnosis_page(users):
    obj = _case()
    return EditForm(
        reverse("cases:diagnosis", args=[obj.pk]),
        _reread(obj),
        field="interview_reference",
        editor_a=_runner(),
        editor_b=_runner(),
    )


def person(users):
    from kooperacja.cases.models import Person

    obj = Person.objects.filter(case=_case()).first()
    return EditForm(
        reverse("cases:person_edit", args=[obj.case_id, obj.pk]),
        _reread(obj),
        field="notes",
        editor_a=_runner(),
        editor_b=_runner(),
    )


def diagnosis_entry(users):
    from kooperacja.cases.models import DiagnosisEntry

    obj = DiagnosisEntry.objects.filter(case__closed_on__isnull=True).select_related("case__coordinator").first()
    runner = obj.case.coordinator.email.split("@")[0]
    url = reverse("cases:diagnosis_area", args=[obj.case_id, obj.area])
    return EditForm(url, _reread(obj), editor_a=runner, editor_b=runner)


def _editable_plan():
    """The case's current plan; the demo's is acknowledged, so a new version is opened (as a worker would)."""
    from kooperacja.cases.models import WorkPlan
    from kooperacja.cases.plan import services

    plan = WorkPlan.objects.filter(case=_case()).order_by("-version").first()
    if plan.acknowledgements.exists():
        plan = services.work_plan_revise(actor=plan.case.coordinator, plan=plan)
    return plan


def work_plan(users):
    obj = _editable_plan()
    url = reverse("cases:plan_edit", args=[obj.case_id])
    return EditForm(url, _reread(obj), field="main_goal", editor_a=_runner(), editor_b=_runner())


def plan_goal(users):
    obj = _editable_plan().goals.order_by("pk").first()
    url = reverse("cases:plan_goal_edit", args=[obj.plan.case_id, obj.pk])
    return EditForm(url, _reread(obj), editor_a=_runner(), editor_b=_runner())


def monthly_report(users):
    from kooperacja.cases.models import MonthlyReport

    obj = MonthlyReport.objects.select_related("membership__user").first()
    author = obj.membership.user.email.split("@")[0]  # one's own report: two tabs of one person
    return EditForm(
        reverse("cases:report_edit", args=[obj.case_id, obj.month.year, obj.month.month]),
        _reread(obj),
        field="progress",
        editor_a=author,
        editor_b=author,
    )


def monitoring_information(users):
    from kooperacja.cases.models import MonitoringInformation
    from kooperacja.cases.reports import services

    case = _case()
    start = timezone.localdate().replace(day=1)
    obj = MonitoringInformation.objects.filter(case=case).first() or services.monitoring_information_create(
        actor=case.coordinator, case=case, period_start=start, period_end=start
    )
    coordinator = case.coordinator.email.split("@")[0]
    return EditForm(
        reverse("cases:monitoring", args=[obj.case_id, obj.pk]),
        _reread(obj),
        field="notes",
        editor_a=coordinator,
        editor_b=coordinator,
    )


def monitoring_plan(users):
    from kooperacja.cases.group import services
    from kooperacja.cases.models import MonitoringPlan

    case = _case()
    obj = MonitoringPlan.objects.filter(case=case).first() or services.monitoring_schedule(
        actor=case.coordinator, case=case, every_weeks=4, place="Sala OPS"
    )
    return EditForm(
        reverse("cases:group", args=[case.pk]),
        lambda field: str(_reread(obj)(field)),
        field="every_weeks",
        editor_a=_runner(),
        editor_b=_runner(),
    )


def rating(users):
    from kooperacja.cases.models import Rating, RatingRound
    from kooperacja.cases.tools import services
    from kooperacja.cases.tools.content import FACTOR_OF

    case = _case()
    rater = case.coordinator
    rating_round = RatingRound.objects.filter(case=case).first() or services.rating_round_open(actor=rater, case=case)
    if not Rating.objects.filter(round=rating_round, user=rater).exists():
        services.rating_submit(actor=rater, rating_round=rating_round, scores=dict.fromkeys(FACTOR_OF, 3))
    first = next(iter(FACTOR_OF))
    # One's own rating: two tabs of one person; the scores are what conflicts (the edit version shows B's save).
    key = rater.email.split("@")[0]
    return EditForm(
        reverse("cases:rating", args=[case.pk, rating_round.pk]),
        lambda field: Rating.objects.get(round=rating_round, user=rater).answers.get(statement=field).score,
        editor_a=key,
        editor_b=key,
        field=first,
    )


def preparation_checklist(users):
    from kooperacja.cases.models import PreparationChecklist

    case = _case()
    member = (
        case.groups.get()
        .memberships.filter(user__isnull=False, left_on__isnull=True)
        .exclude(user=case.coordinator)
        .select_related("user")
        .first()
        .user
    )
    key = member.email.split("@")[0]
    return EditForm(
        reverse("cases:preparation", args=[case.pk]),
        lambda field: PreparationChecklist.objects.get(case=case).answers.get(item=field.removesuffix("_note")).note,
        editor_a=key,
        editor_b=key,
        field="_note",
    )


def family_participation(users):
    from kooperacja.cases.models import FamilyParticipation
    from kooperacja.meetings.models import Meeting

    meeting = (
        Meeting.objects.filter(case__isnull=False, case__closed_on__isnull=True)
        .select_related("case__coordinator")
        .first()
    )
    runner = meeting.case.coordinator.email.split("@")[0]
    return EditForm(
        reverse("cases:group_participation", args=[meeting.case_id, meeting.pk]),
        lambda field: FamilyParticipation.objects.get(meeting=meeting).note,
        field="note",
        editor_a=runner,
        editor_b=runner,
        extra={"attended": "on"},
    )


def model_evaluation(users):
    from kooperacja.regional.models import ModelEvaluation

    cooperation = _cooperation()
    return EditForm(
        reverse("regional:evaluation", args=[cooperation.pk]),
        lambda field: getattr(ModelEvaluation.objects.get(cooperation=cooperation), field),
        field="what_worked",
    )


def tool(users):
    from kooperacja.regional.library import services
    from kooperacja.regional.models import Tool
    from kooperacja.territory.models import Unit

    obj = Tool.objects.first() or services.tool_create(
        actor=users["rops"],
        voivodeship=Unit.objects.get(code="04"),
        title="Karta obserwacji spotkania",
        description="Do pobrania przez zespoły.",
        category=Tool.Category.values[0],
        step_kind="",
    )
    return EditForm(
        reverse("regional:tool_edit", args=[obj.pk]),
        _reread(obj),
        field="description",
        editor_a="rops",
        editor_b="admin",
    )


def user_account(users):
    """The administrator's form of an account (two tabs: the demo has one administrator)."""
    obj = users["burmistrz"]
    return EditForm(
        reverse("accounts:user_detail", args=[obj.pk]), _reread(obj), field="phone", editor_a="admin", editor_b="admin"
    )


WALK = {
    "directory.Institution": institution,
    "directory.Service": service,
    "directory.ResourceCardNote": resource_card_note,
    "cooperation.Cooperation": cooperation,
    "cooperation.Step": step,
    "cooperation.Team": team,
    "cooperation.TeamMember": team_member,
    "cooperation.TeamActivity": team_activity,
    "cooperation.Agreement": agreement,
    "cooperation.RopsApplication": rops_application,
    "diagnosis.Analysis": analysis,
    "diagnosis.Analysis infrastructure": analysis_infrastructure,
    "diagnosis.Enclave": _analysis_item("Enclave", "enklawy"),
    "diagnosis.RiskGroup": _analysis_item("RiskGroup", "grupy"),
    "diagnosis.Need": _analysis_item("Need", "potrzeby"),
    "diagnosis.UnitCost": unit_cost,
    "diagnosis.ProblemMapYear": problem_map_year,
    "diagnosis.SurveySheet": survey_sheet,
    "diagnosis.IndicatorValue": indicator_value,
    "diagnosis.CostCard": cost_card,
    "diagnosis.CostCardLine": cost_card_line,
    "meetings.Meeting": meeting,
    "meetings.Meeting attendance": attendance,
    "meetings.Invitation": invitation,
    "meetings.Minutes": minutes,
    "cases.Case": case,
    "cases.Case diagnosis page": case_on_the_diagnosis_page,
    "cases.Person": person,
    "cases.DiagnosisEntry": diagnosis_entry,
    "cases.WorkPlan": work_plan,
    "cases.PlanGoal": plan_goal,
    "cases.MonthlyReport": monthly_report,
    "cases.MonitoringInformation": monitoring_information,
    "cases.MonitoringPlan": monitoring_plan,
    "cases.Rating": rating,
    "cases.PreparationChecklist": preparation_checklist,
    "cases.FamilyParticipation": family_participation,
    "regional.ModelEvaluation": model_evaluation,
    "regional.Tool": tool,
    "accounts.User": user_account,
}


def test_every_model_with_an_edit_version_has_its_form_in_the_walk():
    versioned = {m._meta.label for m in apps.get_models() if issubclass(m, Versioned)}
    assert versioned == {label.split(" ")[0] for label in WALK}


def _pick(form: dict, field: str | None) -> str:
    """The input to change: ``field``, a name ending with it, or else the form's first text box."""
    fields = [(n, kind) for n, _v, kind in form["data"]]
    if field is not None:
        return next(n for n, _k in fields if n == field or n.endswith(field))
    return next((n for n, kind in fields if kind == "textarea"), None) or next(
        n for n, kind in fields if kind == "text"
    )


def _values(field: str) -> tuple[str, str]:
    """What B saves and what A then tries to save."""
    if field == "meeting_time":
        return "15:30", "09:15"
    if field.startswith("attended-"):
        return "yes", "no"
    if field == "every_weeks":
        return "6", "8"
    if field.endswith(("_score", "-persons")) or field.isupper() or field[-1].isdigit():
        return "5", "1"
    return "Zapis współpracownika B", "Zapis użytkownika A"


def _problem(response) -> str:
    html = response.content.decode()
    start = html.find("alert-danger")
    return f"{response.status_code}: " + (html[start : start + 500] if start >= 0 else html[:300])


@pytest.mark.django_db
def test_no_edit_form_loses_an_update(settings):
    """For every edit form: A opens it, B opens and saves, A saves on the old version — refused, A's input kept,
    B's save kept, B named, B's text shown."""
    teryt_load()
    call_command("seed_demo", "--force")
    from kooperacja.accounts.models import User

    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@kooperacja.example")}
    clients: dict[str, Client] = {}

    def client(key: str) -> Client:
        # One login per person (a TOTP code is accepted once); two tabs of one person share it.
        if key not in clients:
            clients[key] = login(Client(), users[key], password=DEMO_PASSWORD)
        return clients[key]

    failures = []
    for label, make in WALK.items():
        try:
            entry = make(users)
            a, b = client(entry.editor_a), client(entry.editor_b)
            page = a.get(entry.url)
            assert page.status_code == 200, f"A opens the form: {page.status_code}"
            form_a = edit_form(page.content.decode())
            form_b = edit_form(b.get(entry.url).content.decode())
            field = _pick(form_a, entry.field)
            theirs, mine = _values(field)

            saved = b.post(form_b["action"] or entry.url, _with(form_b, field, theirs, entry.extra))
            assert saved.status_code == 302, f"B saves: {_problem(saved)}"
            assert str(entry.saved(field)) == theirs, "B's save is in the database"

            response = a.post(form_a["action"] or entry.url, _with(form_a, field, mine, entry.extra))
            html = response.content.decode()
            assert CONFLICT in html, f"A is told of the conflict: {_problem(response)}"
            assert users[entry.editor_b].get_full_name() in html, "the message names who saved"
            assert str(entry.saved(field)) == theirs, "B's save is still in the database"
            resent = edit_form(html)
            assert [v for n, v, _k in resent["data"] if n == field] == [mine], "A's input is still in the form"
            if not theirs.isdigit() and ":" not in theirs and theirs != "yes":
                assert theirs in html, "the saved text is shown beside A's"
        except Exception as error:  # noqa: BLE001 — collect every form's failure, then fail once
            failures.append(f"{label}: {error!r}"[:700])
    assert not failures, "\n".join(failures)
