"""Pages of the work plan (annex 6, parts A and B) and the social contract link. Thin: forms → services.

The coordinator writes the plan; the members see it, mark their own institution's tasks and acknowledge it for
their institution; each party downloads its own copy to sign (PDF). Earlier versions are read-only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_for_user
from kooperacja.cases.intake.selectors import people_sorted
from kooperacja.cases.models import PlanGoal, PlanTask, SocialContract
from kooperacja.cases.plan import selectors, services
from kooperacja.cases.plan.forms import (
    FAMILY,
    AcknowledgeForm,
    FamilyAcknowledgeForm,
    GoalForm,
    PlanForm,
    SocialContractForm,
    SocialContractStatusForm,
    TaskForm,
    TaskStatusForm,
)
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors


def _plan_context(request, case, plan, **forms) -> dict:
    """What the plan's page (current or earlier version) shows; the forms only where the user may use them."""
    institutions = selectors.group_institutions(case)
    runs = case.access >= AnalysisAccess.EDIT and not case.is_closed
    own = services.member_institution_ids(case, request.user)
    context = case_context(
        case,
        "cases:plan",
        plan=plan,
        runs=runs,
        versions=selectors.plan_versions(case),
        contracts=selectors.social_contracts(case),
    )
    if plan is None:
        return context
    writable = plan.is_current and not case.is_closed
    tasks = list(plan.tasks.all())
    for task in tasks:
        task.can_mark = writable and services.may_mark(task, request.user, case=case, institution_ids=own)
    parties = selectors.parties(plan, institutions)
    for party in parties:
        inst = party["institution"]
        party["can_ack"] = (
            writable
            and party["ack"] is None
            and (
                (inst is None and runs)
                or (inst is not None and (inst.pk in own or (runs and services.works_at(request.user, inst))))
            )
        )
    acknowledged = bool(plan.acknowledgements.all())
    context |= {
        "tasks": tasks,
        "parties": parties,
        "writable": writable,
        "acknowledged": acknowledged,
        "can_change": writable and runs and not acknowledged,
        "status_choices": PlanTask.Status.choices,
    }
    if context["can_change"]:
        context["goal_form"] = forms.get("goal_form") or GoalForm()
        context["task_form"] = forms.get("task_form") or TaskForm(institutions=institutions, goals=plan.goals.all())
    if writable and runs:
        context["family_form"] = forms.get("family_form") or FamilyAcknowledgeForm()
    if runs:
        context["contract_form"] = forms.get("contract_form") or SocialContractForm()
    return context


def _current_or_404(case):
    plan = selectors.current_plan(case)
    if plan is None:
        raise Http404
    return plan


def _back(case):
    return redirect("cases:plan", case.pk)


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    plan = selectors.current_plan(case)
    return render(request, "cases/plan/overview.html", _plan_context(request, case, plan))


@allow(AUTHENTICATED)
def version(request, case_id: int, version: int):
    case = case_for_user(user=request.user, case_id=case_id)
    plan = selectors.plan_version(case, version)
    if plan is None:
        raise Http404
    return render(request, "cases/plan/overview.html", _plan_context(request, case, plan))


@allow(AUTHENTICATED)
def plan_create(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = PlanForm(request.POST or None, meetings=services.meeting_choices(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.work_plan_create(
                actor=request.user,
                case=case,
                main_goal=form.cleaned_data["main_goal"],
                goals=form.goal_lines(),
                meeting=form.cleaned_data["meeting"],
                agreed_on=form.cleaned_data["agreed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work plan has been saved. Add the tasks of each party."))
            return _back(case)
    return render(
        request,
        "cases/plan/form.html",
        case_context(case, "cases:plan", form=form, title=_("New work plan")),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
def plan_edit(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = _current_or_404(case)
    initial = {
        "main_goal": plan.main_goal,
        "meeting": plan.meeting_id,
        "agreed_on": plan.agreed_on,
        "edit_version": plan.edit_version,
    }
    form = PlanForm(request.POST or None, initial=initial, meetings=services.meeting_choices(case), with_goals=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_plan_update(
                actor=request.user,
                plan=plan,
                main_goal=form.cleaned_data["main_goal"],
                meeting=form.cleaned_data["meeting"],
                agreed_on=form.cleaned_data["agreed_on"],
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _back(case)
    return render(
        request,
        "cases/plan/form.html",
        case_context(case, "cases:plan", form=form, title=_("Change the work plan")),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def plan_revise(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = _current_or_404(case)
    try:
        new = services.work_plan_revise(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Version %(v)s of the plan has been created: change its goals and tasks.") % {"v": new.version}
        )
    return _back(case)


def _render_with(request, case, plan, **forms):
    return render(request, "cases/plan/overview.html", _plan_context(request, case, plan, **forms), status=400)


@allow(AUTHENTICATED)
@require_POST
def goal_add(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = _current_or_404(case)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.goal_add(actor=request.user, plan=plan, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal has been added."))
            return _back(case)
    return _render_with(request, case, plan, goal_form=form)


@allow(AUTHENTICATED)
def goal_edit(request, case_id: int, goal_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    goal = get_object_or_404(PlanGoal.objects.select_related("plan__case", "replaces"), pk=goal_id, plan__case=case)
    form = GoalForm(request.POST or None, initial={"text": goal.text, "edit_version": goal.edit_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                text=form.cleaned_data["text"],
                edit_version=form.cleaned_data.get("edit_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return _back(case)
    return render(
        request,
        "cases/plan/form.html",
        case_context(case, "cases:plan", form=form, goal=goal, title=_("Change the goal")),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def goal_remove(request, case_id: int, goal_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    goal = get_object_or_404(PlanGoal.objects.select_related("plan__case"), pk=goal_id, plan__case=case)
    try:
        services.goal_remove(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The goal has been removed."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def task_add(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = _current_or_404(case)
    form = TaskForm(request.POST, institutions=selectors.group_institutions(case), goals=plan.goals.all())
    if form.is_valid():
        try:
            services.task_add(actor=request.user, plan=plan, **form.task_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task has been added."))
            return _back(case)
    return _render_with(request, case, plan, task_form=form)


@allow(AUTHENTICATED)
@require_POST
def task_remove(request, case_id: int, task_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    task = get_object_or_404(PlanTask.objects.select_related("plan__case"), pk=task_id, plan__case=case)
    try:
        services.task_remove(actor=request.user, task=task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task has been removed."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def task_status(request, case_id: int, task_id: int):
    """A member marks their institution's task; the coordinator the family's. Others get a Polish refusal."""
    case = case_for_user(user=request.user, case_id=case_id)
    task = get_object_or_404(PlanTask.objects.select_related("plan__case"), pk=task_id, plan__case=case)
    task.plan.case = case
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return _back(case)
    try:
        services.task_status_set(actor=request.user, task=task, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(case)
    messages.success(request, _("The status of the task has been saved."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def acknowledge(request, case_id: int):
    """A member acknowledges the current version for their own institution."""
    case = case_for_user(user=request.user, case_id=case_id)
    plan = _current_or_404(case)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        from kooperacja.directory.models import Institution

        institution = get_object_or_404(Institution, pk=form.cleaned_data["institution"])
        try:
            services.acknowledgement_record(actor=request.user, plan=plan, institution=institution)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The acknowledgement of the plan has been recorded."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def acknowledge_family(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = _current_or_404(case)
    form = FamilyAcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.acknowledgement_record(
                actor=request.user, plan=plan, for_family=True, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The acknowledgement of the person or family has been recorded."))
            return _back(case)
    return _render_with(request, case, plan, family_form=form)


@allow(AUTHENTICATED)
def plan_pdf(request, case_id: int, version: int, party: str):
    """The copy of one party — an institution of the plan or the person/family — to sign on paper."""
    from kooperacja.documents.pdf import render_pdf  # WeasyPrint is heavy: only this view needs it

    case = case_for_user(user=request.user, case_id=case_id)
    plan = selectors.plan_version(case, version)
    if plan is None:
        raise Http404
    rows = selectors.parties(plan, selectors.group_institutions(case))
    row = next((r for r in rows if r["key"] == party), None)
    if row is None:
        raise Http404
    people = people_sorted(case.people.all())
    context = {
        "case": case,
        "plan": plan,
        "party": row,
        "people": people,
        "tasks": list(plan.tasks.all()),
        "parties": rows,
        "family_key": FAMILY,
    }
    response = HttpResponse(render_pdf("cases/plan/plan_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{case.pk}-v{plan.version}-{party}.pdf"'
    return response


# --- Social contract -------------------------------------------------------------------------------


@allow(AUTHENTICATED)
@require_POST
def contract_add(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = SocialContractForm(request.POST)
    if form.is_valid():
        try:
            services.social_contract_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The social contract has been recorded."))
            return _back(case)
    return render(
        request,
        "cases/plan/overview.html",
        _plan_context(request, case, selectors.current_plan(case), contract_form=form),
        status=400,
    )


@allow(AUTHENTICATED)
@require_POST
def contract_status(request, case_id: int, contract_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    contract = get_object_or_404(SocialContract, pk=contract_id, case=case)
    contract.case = case
    form = SocialContractStatusForm(request.POST)
    if form.is_valid():
        try:
            services.social_contract_update(actor=request.user, contract=contract, status=form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Changes saved."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def contract_remove(request, case_id: int, contract_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    contract = get_object_or_404(SocialContract, pk=contract_id, case=case)
    contract.case = case
    try:
        services.social_contract_remove(actor=request.user, contract=contract)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The social contract has been removed."))
    return _back(case)
