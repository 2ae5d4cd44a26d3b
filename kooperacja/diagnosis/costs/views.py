"""Pages of the cost of inaction (R-15): the unit-cost table (read by everyone signed in, kept by ROPS and
administrators) and the cards of an analysis (read with the analysis, written by its editors), with a PDF."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import (
    AUTHENTICATED,
    UNIT_COST_KEEPER,
    AnalysisAccess,
    allow,
    analysis_for_user,
    cost_card_for_user,
    is_administrator,
    may_keep_unit_costs,
)
from kooperacja.core.forms import add_service_errors
from kooperacja.diagnosis.costs import selectors, services
from kooperacja.diagnosis.costs.forms import CostCardForm, CostCardLineForm, UnitCostForm
from kooperacja.diagnosis.models import UnitCost
from kooperacja.diagnosis.views import section_context


def _card(request, card_id: int, *, write: bool = False):
    """The card and its analysis, with the access the page needs (404/403 as the analysis would give)."""
    card = cost_card_for_user(user=request.user, card_id=card_id, write=write)
    card.analysis.access = card.access
    return card


# --- Unit-cost table ----------------------------------------------------------------------------------------


@allow(AUTHENTICATED)
def unit_costs(request):
    rows = list(selectors.unit_cost_table())
    can_keep = may_keep_unit_costs(request.user)
    kept = {v.pk for v in selectors.voivodeships_kept_by(request.user)} if can_keep else set()
    for row in rows:
        row.editable = can_keep and (row.voivodeship_id is None or row.voivodeship_id in kept)
    groups = [(label, [r for r in rows if r.kind == kind]) for kind, label in UnitCost.Kind.choices]
    return render(request, "diagnosis/costs/unit_costs.html", {"groups": groups, "can_keep": can_keep})


def _unit_cost_form_page(request, form, *, unit_cost=None):
    title = _("Edit the unit cost") if unit_cost else _("New unit cost")
    context = {"form": form, "title": title, "unit_cost": unit_cost}
    if unit_cost is not None:
        context["is_used"] = selectors.unit_cost_is_used(unit_cost)
    return render(request, "diagnosis/costs/unit_cost_form.html", context, status=400 if form.errors else 200)


@allow(UNIT_COST_KEEPER)
def unit_cost_create(request):
    voivodeships = selectors.voivodeships_kept_by(request.user)
    initial = {"year": 2025, "kind": UnitCost.Kind.SERVICE, "is_active": True}
    own = list(voivodeships[:2]) if not is_administrator(request.user) else []
    if len(own) == 1:  # ROPS staff: their voivodeship, unless they choose the whole country
        initial["voivodeship"] = own[0].pk
    form = UnitCostForm(request.POST or None, initial=initial, voivodeships=voivodeships)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_cost_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The unit cost has been added."))
            return redirect("diagnosis:unit_costs")
    return _unit_cost_form_page(request, form)


@allow(UNIT_COST_KEEPER)
def unit_cost_edit(request, unit_cost_id: int):
    unit_cost = selectors.unit_cost_for_keeper(user=request.user, unit_cost_id=unit_cost_id)
    voivodeships = selectors.voivodeships_kept_by(request.user)
    form = UnitCostForm(request.POST or None, instance=copy.copy(unit_cost), voivodeships=voivodeships)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_cost_update(actor=request.user, unit_cost=unit_cost, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("diagnosis:unit_costs")
    return _unit_cost_form_page(request, form, unit_cost=unit_cost)


@allow(UNIT_COST_KEEPER)
@require_POST
def unit_cost_toggle(request, unit_cost_id: int):
    """Withdraw a unit cost from new cards, or bring it back into use."""
    unit_cost = selectors.unit_cost_for_keeper(user=request.user, unit_cost_id=unit_cost_id)
    services.unit_cost_set_active(actor=request.user, unit_cost=unit_cost, is_active=not unit_cost.is_active)
    if unit_cost.is_active:
        messages.success(request, _("The unit cost is in use again."))
    else:
        messages.success(request, _("The unit cost has been withdrawn: new cards cannot use it."))
    return redirect("diagnosis:unit_costs")


@allow(UNIT_COST_KEEPER)
@require_POST
def unit_cost_delete(request, unit_cost_id: int):
    unit_cost = selectors.unit_cost_for_keeper(user=request.user, unit_cost_id=unit_cost_id)
    try:
        services.unit_cost_delete(actor=request.user, unit_cost=unit_cost)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The unit cost has been deleted."))
    return redirect("diagnosis:unit_costs")


# --- Cards of an analysis -----------------------------------------------------------------------------------


@allow(AUTHENTICATED)
def overview(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id)
    reports = selectors.cards_for_report(analysis)
    return render(request, "diagnosis/costs/overview.html", section_context(analysis, "costs", reports=reports))


@allow(AUTHENTICATED)
def card_create(request, analysis_id: int):
    analysis = analysis_for_user(user=request.user, analysis_id=analysis_id, write=True)
    form = CostCardForm(request.POST or None, initial={"months": 24, "deadweight_percent": 0})
    if request.method == "POST" and form.is_valid():
        try:
            card = services.cost_card_create(actor=request.user, analysis=analysis, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The card has been created. Add the services and the consequences."))
            return redirect("diagnosis:cost_card", card.pk)
    context = section_context(analysis, "costs", form=form, title=_("New cost of inaction card"))
    return render(request, "diagnosis/costs/card_form.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
def card_edit(request, card_id: int):
    card = _card(request, card_id, write=True)
    form = CostCardForm(request.POST or None, instance=copy.copy(card))
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_card_update(actor=request.user, card=card, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("diagnosis:cost_card", card.pk)
    context = section_context(card.analysis, "costs", form=form, card=card, title=_("Edit the card"))
    return render(request, "diagnosis/costs/card_form.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def card_delete(request, card_id: int):
    card = _card(request, card_id, write=True)
    analysis_id = card.analysis_id
    services.cost_card_delete(actor=request.user, card=card)
    messages.success(request, _("The card has been deleted."))
    return redirect("diagnosis:costs", analysis_id)


def _card_page(request, card, *, line_form=None, status=200):
    can_edit = card.access >= AnalysisAccess.EDIT
    if can_edit and line_form is None:
        line_form = CostCardLineForm(card=card)
    report = selectors.card_report(card)
    context = section_context(card.analysis, "costs", card=card, report=report, line_form=line_form)
    return render(request, "diagnosis/costs/card.html", context, status=status)


@allow(AUTHENTICATED)
def card_detail(request, card_id: int):
    return _card_page(request, _card(request, card_id))


@allow(AUTHENTICATED)
def card_pdf(request, card_id: int):
    # Imported here, not at the top: WeasyPrint is heavy and only this view needs it.
    from kooperacja.documents.pdf import render_pdf

    card = _card(request, card_id)
    context = {"analysis": card.analysis, "report": selectors.card_report(card), "pdf": True}
    response = HttpResponse(render_pdf("diagnosis/costs/card_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="karta-kosztow-{card.pk}.pdf"'
    return response


@allow(AUTHENTICATED)
@require_POST
def line_add(request, card_id: int):
    card = _card(request, card_id, write=True)
    form = CostCardLineForm(request.POST, card=card)
    if form.is_valid():
        try:
            services.cost_card_line_add(actor=request.user, card=card, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The line has been added."))
            return redirect(reverse("diagnosis:cost_card", args=[card.pk]) + "#lines")
    return _card_page(request, card, line_form=form, status=400)


@allow(AUTHENTICATED)
def line_edit(request, card_id: int, line_id: int):
    card = _card(request, card_id, write=True)
    line = get_object_or_404(card.lines.select_related("unit_cost"), pk=line_id)
    line.card = card
    form = CostCardLineForm(request.POST or None, instance=copy.copy(line), card=card)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_card_line_update(actor=request.user, line=line, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(reverse("diagnosis:cost_card", args=[card.pk]) + "#lines")
    context = section_context(card.analysis, "costs", form=form, card=card, line=line, title=_("Edit the line"))
    return render(request, "diagnosis/costs/line_form.html", context, status=400 if form.errors else 200)


@allow(AUTHENTICATED)
@require_POST
def line_delete(request, card_id: int, line_id: int):
    card = _card(request, card_id, write=True)
    line = get_object_or_404(card.lines.all(), pk=line_id)
    line.card = card
    services.cost_card_line_delete(actor=request.user, line=line)
    messages.success(request, _("The line has been deleted."))
    return redirect(reverse("diagnosis:cost_card", args=[card.pk]) + "#lines")
