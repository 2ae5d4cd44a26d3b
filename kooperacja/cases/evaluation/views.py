"""Pages of the evaluation (annex 6, part C) and of closing the case. Thin: forms → services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, AnalysisAccess, allow, case_for_user
from kooperacja.cases.evaluation import selectors, services
from kooperacja.cases.evaluation.forms import ClosureForm, EvaluationForm
from kooperacja.cases.models import ClosureProposal, Evaluation
from kooperacja.cases.plan import selectors as plan_selectors
from kooperacja.cases.plan import services as plan_services
from kooperacja.cases.views import case_context
from kooperacja.core.forms import add_service_errors


def _context(request, case, **extra) -> dict:
    runs = case.access >= AnalysisAccess.EDIT and not case.is_closed
    proposals = selectors.proposals(case)
    current = next((p for p in proposals if p.is_open), None)
    voters = services.closure_voters(case)
    if current is not None:
        agreed = {a.user_id: a for a in current.agreements.all()}
        current.votes = [{"membership": m, "agreement": agreed.get(m.user_id)} for m in voters]
        current.ready = all(v["agreement"] for v in current.votes)
        current.mine = request.user.pk in {m.user_id for m in voters} and request.user.pk not in agreed
    plan = plan_selectors.current_plan(case)
    context = case_context(
        case,
        "cases:evaluation",
        runs=runs,
        evaluations=selectors.evaluations(case),
        plan=plan,
        proposal=current,
        past_proposals=[p for p in proposals if not p.is_open],
        **extra,
    )
    if runs and current is None and "closure_form" not in extra:
        context["closure_form"] = ClosureForm()
    return context


def _back(case):
    return redirect("cases:evaluation", case.pk)


@allow(AUTHENTICATED)
def overview(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    return render(request, "cases/evaluation/overview.html", _context(request, case))


@allow(AUTHENTICATED)
def evaluation_create(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    plan = plan_selectors.current_plan(case)
    if plan is None:
        messages.error(request, _("Write the work plan first: the evaluation assesses its goals."))
        return _back(case)
    form = EvaluationForm(
        request.POST or None,
        goals=plan.goals.all(),
        meetings=plan_services.meeting_choices(case),
        previous=selectors.last_ratings(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_create(actor=request.user, case=case, **form.evaluation_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation has been saved."))
            return _back(case)
    return render(
        request,
        "cases/evaluation/form.html",
        case_context(case, "cases:evaluation", form=form, plan=plan),
        status=400 if form.errors else 200,
    )


@allow(AUTHENTICATED)
@require_POST
def evaluation_modify_goals(request, case_id: int, evaluation_id: int):
    """Goals modified at this evaluation: the next plan version, where the goals are then changed."""
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    evaluation = get_object_or_404(Evaluation, pk=evaluation_id, case=case)
    plan = plan_selectors.current_plan(case)
    try:
        if plan is None:
            raise ValidationError(_("Write the work plan first: the evaluation assesses its goals."))
        new = plan_services.work_plan_revise(actor=request.user, plan=plan, evaluation=evaluation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(case)
    messages.success(
        request, _("Version %(v)s of the plan has been created: change its goals and tasks.") % {"v": new.version}
    )
    return redirect("cases:plan", case.pk)


@allow(AUTHENTICATED)
@require_POST
def closure_propose(request, case_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            services.closure_propose(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Closing the case has been proposed to the group."))
            return _back(case)
    return render(request, "cases/evaluation/overview.html", _context(request, case, closure_form=form), status=400)


def _proposal(case, proposal_id: int) -> ClosureProposal:
    proposal = get_object_or_404(ClosureProposal, pk=proposal_id, case=case)
    proposal.case = case
    return proposal


@allow(AUTHENTICATED)
@require_POST
def closure_agree(request, case_id: int, proposal_id: int):
    case = case_for_user(user=request.user, case_id=case_id)
    try:
        services.closure_agree(actor=request.user, proposal=_proposal(case, proposal_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your agreement to close the case has been recorded."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def closure_withdraw(request, case_id: int, proposal_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    try:
        services.closure_withdraw(actor=request.user, proposal=_proposal(case, proposal_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal to close the case has been withdrawn."))
    return _back(case)


@allow(AUTHENTICATED)
@require_POST
def closure_confirm(request, case_id: int, proposal_id: int):
    case = case_for_user(user=request.user, case_id=case_id, write=True)
    try:
        services.closure_confirm(actor=request.user, proposal=_proposal(case, proposal_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case has been closed."))
    return _back(case)
