"""Resource cards (Karty zasobów instytucjonalnych, R-03): per gmina or county and social problem, who acts on it.

Every signed-in worker reads the cards (the directory holds no clients' data); the commentary of a card is
written by those who keep the directory of its unit (``may_keep_directory_of``). The PDF is the page's content
printed by WeasyPrint from the same template fragment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kooperacja.accounts.access import AUTHENTICATED, allow, may_keep_directory_of, memberships_of, unit_for_user
from kooperacja.core.forms import add_service_errors
from kooperacja.directory import services, taxonomy
from kooperacja.directory.forms import CARD_LEVELS, NoteForm, UnitChoiceForm
from kooperacja.directory.models import Problem
from kooperacja.directory.selectors import ResourceCard, problem_coverage, resource_card
from kooperacja.territory.models import Unit


def own_units(user) -> list[Unit]:
    """The gminas and counties the user works for: an OPS member's gmina first, then others, then counties."""
    units: dict[str, Unit] = {}
    memberships = [m for m in memberships_of(user) if m.institution_id]
    memberships.sort(key=lambda m: (m.institution.kind != "ops", m.institution.unit.level != Unit.Level.GMINA))
    for membership in memberships:
        unit = membership.institution.unit
        if unit.level in CARD_LEVELS:
            units.setdefault(unit.code, unit)
    for unit in list(units.values()):
        if unit.parent is not None and unit.parent.level == Unit.Level.COUNTY:
            units.setdefault(unit.parent.code, unit.parent)
    return list(units.values())


def _card_unit(user, code: str) -> Unit:
    unit = unit_for_user(user=user, code=code)
    if unit.level not in CARD_LEVELS:
        raise Http404
    return unit


def _load_card(request, unit_code: str, problem_code: str) -> ResourceCard:
    unit = _card_unit(request.user, unit_code)
    problem = get_object_or_404(Problem, code=problem_code)
    card = resource_card(unit=unit, problem=problem)
    # Phones printed with each institution: one query, whatever the number of rows.
    return card


def _note_initial(note) -> dict:
    # Edit version 0: the card had no commentary yet when the form was opened.
    return {"text": note.text, "edit_version": note.edit_version} if note else {"text": "", "edit_version": 0}


def _card_context(request, card: ResourceCard, *, note_form=None) -> dict:
    can_edit = may_keep_directory_of(request.user, card.unit)
    return {
        "card": card,
        "unit": card.unit,
        "problem": card.problem,
        "problem_group": taxonomy.PROBLEM_GROUPS.get(card.problem.group, ""),
        "note_updated_by": card.note.updated_by if card.note and card.note.updated_by_id else None,
        "can_edit": can_edit,
        "note_form": note_form or (NoteForm(initial=_note_initial(card.note)) if can_edit else None),
    }


@allow(AUTHENTICATED)
def overview(request):
    """All problems of one unit with the number of institutions acting on each; gaps stand out."""
    mine = own_units(request.user)
    if "unit" in request.GET:
        form = UnitChoiceForm(request.GET)
        unit = form.cleaned_data["unit"] if form.is_valid() else None
    else:
        unit = mine[0] if mine else None
        form = UnitChoiceForm(initial={"unit": unit.teryt if unit else ""})
    coverage = problem_coverage(unit=unit) if unit is not None else []
    groups = dict(taxonomy.PROBLEM_GROUPS)
    rows = [{"problem": p, "count": count, "group": groups.get(p.group, "")} for p, count in coverage]
    return render(
        request,
        "directory/cards/overview.html",
        {
            "form": form,
            "unit": unit,
            "rows": rows,
            "own_units": mine,
            "gap_count": sum(1 for row in rows if not row["count"]),
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@allow(AUTHENTICATED)
def card(request, unit_code: str, problem_code: str):
    card = _load_card(request, unit_code, problem_code)
    return render(request, "directory/cards/card.html", _card_context(request, card))


@allow(AUTHENTICATED)
def card_pdf(request, unit_code: str, problem_code: str):
    # Imported here, not at the top: WeasyPrint is heavy and only this view needs it.
    from kooperacja.documents.pdf import render_pdf

    card = _load_card(request, unit_code, problem_code)
    context = _card_context(request, card) | {"can_edit": False, "note_form": None}
    response = HttpResponse(render_pdf("directory/cards/card_pdf.html", context), content_type="application/pdf")
    filename = f"karta-zasobow-{card.unit.code}-{card.problem.code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@allow(AUTHENTICATED)
@require_POST
def card_note(request, unit_code: str, problem_code: str):
    unit = _card_unit(request.user, unit_code)
    if not may_keep_directory_of(request.user, unit):
        raise PermissionDenied
    problem = get_object_or_404(Problem, code=problem_code)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.resource_card_note_save(actor=request.user, unit=unit, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Commentary saved."))
            return redirect(reverse("directory:card", args=[unit.code, problem.code]) + "#commentary")
    card = _load_card(request, unit_code, problem_code)
    return render(request, "directory/cards/card.html", _card_context(request, card, note_form=form), status=400)
