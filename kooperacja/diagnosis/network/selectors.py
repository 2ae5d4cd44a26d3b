"""Reads of the cooperation survey (R-13): rounds, what a respondent answers, and the measures of a round.
Each runs a fixed number of queries, whatever the number of institutions or answers."""

from dataclasses import dataclass, field, replace

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from kooperacja.accounts.access import AnalysisAccess, analysis_access_to, memberships_of
from kooperacja.diagnosis.models import SurveyAnswer, SurveyRound
from kooperacja.diagnosis.network.measures import Answer, NetworkMeasures, Node, compute, network_svg
from kooperacja.directory.models import Institution
from kooperacja.directory.selectors import institutions_serving


def _institutions_prefetch() -> Prefetch:
    return Prefetch("institutions", queryset=Institution.objects.select_related("unit").order_by("name"))


def rounds_of(unit) -> list[SurveyRound]:
    """Every round of the gmina, oldest first, with its institutions and the number of institutions that
    answered (``respondent_count``)."""
    return list(
        SurveyRound.objects.filter(unit=unit)
        .annotate(respondent_count=Count("answers__respondent", distinct=True))
        .prefetch_related(_institutions_prefetch())
        .order_by("held_on", "pk")
    )


def candidate_institutions(unit):
    """Institutions that may take part in a round of gmina ``unit``: those serving it, without national
    institutions and closed ones (all of them are ticked by default)."""
    return (
        institutions_serving(unit=unit)
        .exclude(level=Institution.Level.NATIONAL)
        .exclude(status=Institution.Status.CLOSED)
        .select_related("unit")
        .order_by("name")
    )


def rounds_to_answer(user) -> list[SurveyRound]:
    """Open rounds that include one of the user's institutions, newest first. Each round carries
    ``my_institutions`` (the user's institutions in it, with ``answered`` set) — the coordinator answering
    for others starts from the round page. Three queries."""
    mine = {m.institution_id for m in memberships_of(user) if m.institution_id}
    if not mine:
        return []
    rounds = list(
        SurveyRound.objects.filter(is_closed=False, institutions__in=mine)
        .distinct()
        .select_related("unit__parent")
        .prefetch_related(_institutions_prefetch())
        .order_by("-held_on", "-pk")
    )
    answered = set(
        SurveyAnswer.objects.filter(round__in=rounds, respondent__in=mine)
        .values_list("round_id", "respondent_id")
        .distinct()
    )
    for survey_round in rounds:
        survey_round.my_institutions = [i for i in survey_round.institutions.all() if i.pk in mine]
        for institution in survey_round.my_institutions:
            institution.answered = (survey_round.pk, institution.pk) in answered
    return rounds


def round_institutions(survey_round: SurveyRound) -> list[Institution]:
    return list(survey_round.institutions.select_related("unit").order_by("name"))


@dataclass
class SectorGroup:
    sector: str
    label: str
    partners: list = field(default_factory=list)


def answer_sheet(survey_round: SurveyRound, respondent_id: int, institutions: list[Institution]):
    """The rows ``respondent_id`` answers: the round's other institutions grouped by sector, each with its
    saved answer (or None). Only that respondent's answers are read — never another institution's."""
    saved = {a.partner_id: a for a in SurveyAnswer.objects.filter(round=survey_round, respondent_id=respondent_id)}
    groups: dict[str, SectorGroup] = {}
    partners = sorted((i for i in institutions if i.pk != respondent_id), key=lambda i: (i.sector, i.name))
    for institution in partners:
        group = groups.setdefault(institution.sector, SectorGroup(institution.sector, institution.sector_label))
        group.partners.append((institution, saved.get(institution.pk)))
    return list(groups.values())


def _node(institution: Institution) -> Node:
    return Node(
        id=institution.pk,
        label=institution.short_name or institution.name,
        sector=institution.sector,
        sector_label=institution.sector_label,
        name=institution.name,
    )


def round_measures(survey_round: SurveyRound, *, key: str | None = None) -> NetworkMeasures:
    """The measures of one round, with its SVG (``measures.svg``). Two queries."""
    return rounds_measures([(survey_round, key or f"network-{survey_round.pk}")])[0]


def rounds_measures(wanted: list[tuple[SurveyRound, str]]) -> list[NetworkMeasures]:
    """The measures of several rounds — (round, key of its drawing) — in the order asked, from two queries
    whatever the number of rounds. A round asked for twice (shown on the page and compared) is computed once
    and drawn again under its second key, so the SVG element ids stay unique."""
    round_ids = {survey_round.pk for survey_round, _key in wanted}
    if not round_ids:
        return []
    members: dict[int, list[Institution]] = {pk: [] for pk in round_ids}
    links = (
        SurveyRound.institutions.through.objects.filter(surveyround_id__in=round_ids)
        .select_related("institution__unit")
        .order_by("institution__name", "institution_id")
    )
    for link in links:
        members[link.surveyround_id].append(link.institution)
    answers: dict[int, list[Answer]] = {pk: [] for pk in round_ids}
    for row in SurveyAnswer.objects.filter(round_id__in=round_ids).values(
        "round_id", "respondent_id", "partner_id", "level", *SurveyAnswer.TRUST_FIELDS, *SurveyAnswer.VALUE_FIELDS
    ):
        answers[row["round_id"]].append(
            Answer(
                respondent_id=row["respondent_id"],
                partner_id=row["partner_id"],
                level=row["level"],
                trust=tuple(row[name] for name in SurveyAnswer.TRUST_FIELDS),
                value=tuple(row[name] for name in SurveyAnswer.VALUE_FIELDS),
            )
        )
    computed: dict[int, NetworkMeasures] = {}
    result = []
    for survey_round, key in wanted:
        measures = computed.get(survey_round.pk)
        if measures is None:
            nodes = [_node(i) for i in members[survey_round.pk]]
            measures = computed[survey_round.pk] = compute(nodes, answers[survey_round.pk], key=key)
        else:
            measures = replace(measures, svg=network_svg(measures, key=key))
        result.append(measures)
    return result


def network_summary_for_report(unit) -> dict:
    """What the analysis report (PDF) shows of the network of gmina ``unit``:

    * ``"latest"``: the newest round (by date) — a SurveyRound, or None when there is no round;
    * ``"latest_measures"``: its NetworkMeasures (``.svg`` is the inline SVG; ``.institutions`` the table rows;
      ``.density``, ``.centralisation``, ``.reciprocity``, ``.information_only_share``, ``.response_rate`` are
      fractions 0–1 or None; ``.isolated`` the isolated Nodes), or None;
    * ``"previous"`` / ``"previous_measures"``: the round before it and its measures, or None;
    * ``"comparison"``: rows of ``comparison_rows(previous, latest)`` — dicts with ``label``, ``before``,
      ``after``, ``change``, ``percent`` — or [] when there is only one round.
    """
    rounds = rounds_of(unit)
    latest = rounds[-1] if rounds else None
    previous = rounds[-2] if len(rounds) > 1 else None
    wanted = [(latest, "report-latest")] if latest else []
    if previous:
        wanted.append((previous, "report-previous"))
    latest_measures, previous_measures = [*rounds_measures(wanted), None, None][:2]
    return {
        "latest": latest,
        "latest_measures": latest_measures,
        "previous": previous,
        "previous_measures": previous_measures,
        "comparison": comparison_rows(previous_measures, latest_measures) if previous_measures else [],
    }


def comparison_rows(before: NetworkMeasures, after: NetworkMeasures) -> list[dict]:
    """Network measures of two rounds side by side with the change (after − before)."""

    def row(label, b, a, percent=True):
        change = (a - b) if a is not None and b is not None else None
        return {"label": label, "before": b, "after": a, "change": change, "percent": percent}

    return [
        row(_("Response rate"), before.response_rate, after.response_rate),
        row(_("Number of ties"), before.tie_count, after.tie_count, percent=False),
        row(_("Density"), before.density, after.density),
        row(_("Degree centralisation"), before.centralisation, after.centralisation),
        row(_("Reciprocity"), before.reciprocity, after.reciprocity),
        row(_("Information-only ties"), before.information_only_share, after.information_only_share),
        row(_("Isolated institutions"), len(before.isolated), len(after.isolated), percent=False),
    ]


def institution_comparison(before: NetworkMeasures, after: NetworkMeasures) -> list[dict]:
    """Each institution's measures in both rounds (an institution in one round only has None in the other)."""
    b = {m.node.id: m for m in before.institutions}
    a = {m.node.id: m for m in after.institutions}
    nodes = {m.node.id: m.node for m in [*before.institutions, *after.institutions]}
    return [
        {"node": node, "before": b.get(node_id), "after": a.get(node_id)}
        for node_id, node in sorted(nodes.items(), key=lambda item: (item[1].sector, item[1].label.lower()))
    ]


def may_see_results(user, unit) -> bool:
    return analysis_access_to(user, unit) >= AnalysisAccess.AGGREGATES
