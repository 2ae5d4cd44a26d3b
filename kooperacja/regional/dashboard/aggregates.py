"""The figures ROPS sees (R-40), computed from ``selectors.load_region``: per cooperation, per powiat and for the
voivodeship. Every count of cases, people, meetings or reports goes through ``suppressed`` (1–4 → "<5"), every
share through ``suppressed_share`` and every median over 1–4 cases becomes "<5", so no family can be singled
out. Counts of gminas, cooperations and steps are public facts of the territory and the timeline: shown as they
are. The same dicts feed the pages, the CSV/XLSX exports and the JSON API — no other path to the raw numbers.
"""

import datetime
import statistics

from django.utils.translation import gettext as _

from kooperacja.cases.models import Case, ClosureProposal
from kooperacja.cooperation.models import Cooperation, CooperationRole, RopsApplication, Step
from kooperacja.meetings.models import Meeting
from kooperacja.regional.dashboard.selectors import RegionData, load_region
from kooperacja.regional.privacy import SMALL, SUPPRESSED, suppressed, suppressed_share
from kooperacja.territory.models import Unit

STAGES = ("none", "II", "III", "IV", "ended")
OPEN_STATUSES = (Case.Status.INTAKE, Case.Status.PLANNING, Case.Status.MONITORING)


def stage_labels() -> dict[str, str]:
    return {
        "none": _("no cooperation"),
        "II": _("stage II: organisation"),
        "III": _("stage III: work with the model"),
        "IV": _("stage IV: evaluation"),
        "ended": _("ended"),
    }


def variant_labels() -> dict[str, str]:
    return {Cooperation.Variant.RURAL: _("rural"), Cooperation.Variant.URBAN_RURAL: _("urban-rural")}


def suppressed_median(values: list[int]) -> float | str | None:
    """The median of ``values`` (days), or "<5" when it would be computed over one to four cases."""
    if not values:
        return None
    if len(values) in SMALL:
        return SUPPRESSED
    return statistics.median(values)


def cooperation_stage(cooperation: Cooperation, steps: list[Step]) -> tuple[str, Step | None]:
    """The stage of the cartogram (II/III/IV/ended) and the step to work on now."""
    if cooperation.status == Cooperation.Status.ARCHIVED:
        return "ended", None
    open_steps = [s for s in steps if s.status in (Step.Status.IN_PROGRESS, Step.Status.TODO)]
    in_progress = [s for s in open_steps if s.status == Step.Status.IN_PROGRESS]
    current = (in_progress or open_steps or [None])[0]
    if current is None:
        return "IV", None
    return ("II" if current.stage == "I" else current.stage), current  # dissemination belongs to the start


def _raw_figures(cooperation: Cooperation, data: RegionData) -> dict:
    """The raw counts of one cooperation: never leaves this module unsuppressed."""
    cases = data.cases.get(cooperation.pk, [])
    closed = [c for c in cases if c["status"] == Case.Status.CLOSED]
    to_plan = [(c["first_plan_on"] - c["opened_on"]).days for c in cases if c["first_plan_on"] and c["opened_on"]]
    to_closure = [(c["closed_on"] - c["first_plan_on"]).days for c in closed if c["first_plan_on"] and c["closed_on"]]
    reasons = dict(data.closure_reasons.get(cooperation.pk, {}))
    reasons["unknown"] = max(len(closed) - sum(reasons.values()), 0)
    attended, recorded = data.attendance.get(cooperation.pk, (0, 0))
    reached, assessed = data.goals.get(cooperation.pk, (0, 0))
    return {
        "team_size": data.team_sizes.get(cooperation.pk, 0),
        "meetings_held": sum(data.meetings_held.get(cooperation.pk, {}).values()),
        "attended": attended,
        "attendance_recorded": recorded,
        "cases_open": sum(1 for c in cases if c["status"] in OPEN_STATUSES),
        "cases_closed": len(closed),
        "closed_by_reason": reasons,
        "goals_reached": reached,
        "goals_assessed": assessed,
        "days_to_plan": to_plan,
        "days_to_closure": to_closure,
        "overdue_reports": data.overdue_reports.get(cooperation.pk, 0),
    }


def _reason_keys() -> list[str]:
    return [*ClosureProposal.Reason.values, "unknown"]


def reason_labels() -> dict[str, str]:
    return {**{k: str(v) for k, v in ClosureProposal.Reason.choices}, "unknown": _("reason not recorded")}


def cooperation_row(cooperation: Cooperation, data: RegionData) -> dict:
    """One cooperation as ROPS sees it: JSON-ready, suppressed."""
    steps = data.steps.get(cooperation.pk, [])
    stage, current = cooperation_stage(cooperation, steps)
    late = [s for s in steps if s.is_late(data.today)]
    raw = _raw_figures(cooperation, data)
    densities = data.densities.get(cooperation.unit_id, [])
    county = cooperation.unit.parent
    return {
        "id": cooperation.pk,
        "name": cooperation.name,
        "gmina": cooperation.unit.name,
        "gmina_code": cooperation.unit.code,
        "powiat": county.name if county else "",
        "powiat_code": county.code if county else "",
        "other_gminas": [u.name for u in cooperation.other_units.all()],
        "variant": cooperation.variant,
        "variant_label": variant_labels().get(cooperation.variant, cooperation.variant),
        "cycle": cooperation.cycle,
        "start_date": cooperation.start_date.isoformat(),
        "status": cooperation.status,
        "stage": stage,
        "stage_label": stage_labels()[stage],
        "current_step": f"{current.code}. {current.title}" if current else None,
        "late_steps": len(late),
        "days_late": max(((data.today - s.planned_end).days for s in late), default=0),
        "team_size": suppressed(raw["team_size"]),
        "meetings_held": suppressed(raw["meetings_held"]),
        "attendance_share": suppressed_share(raw["attended"], raw["attendance_recorded"]),
        "cases_open": suppressed(raw["cases_open"]),
        "cases_closed": suppressed(raw["cases_closed"]),
        "cases_closed_by_reason": {k: suppressed(raw["closed_by_reason"].get(k, 0)) for k in _reason_keys()},
        "goals_reached_share": suppressed_share(raw["goals_reached"], raw["goals_assessed"]),
        "median_days_intake_to_plan": suppressed_median(raw["days_to_plan"]),
        "median_days_plan_to_closure": suppressed_median(raw["days_to_closure"]),
        "overdue_reports": suppressed(raw["overdue_reports"]),
        "network_density": densities[-1] if densities else None,
        "network_density_change": round(densities[-1] - densities[-2], 3) if len(densities) >= 2 else None,
    }


def _summed(cooperations: list[Cooperation], data: RegionData) -> dict:
    raws = [_raw_figures(c, data) for c in cooperations]
    return {
        "cases_open": suppressed(sum(r["cases_open"] for r in raws)),
        "cases_closed": suppressed(sum(r["cases_closed"] for r in raws)),
        "overdue_reports": suppressed(sum(r["overdue_reports"] for r in raws)),
        "meetings_held": suppressed(sum(r["meetings_held"] for r in raws)),
        "goals_reached_share": suppressed_share(
            sum(r["goals_reached"] for r in raws), sum(r["goals_assessed"] for r in raws)
        ),
        "median_days_intake_to_plan": suppressed_median([d for r in raws for d in r["days_to_plan"]]),
        "median_days_plan_to_closure": suppressed_median([d for r in raws for d in r["days_to_closure"]]),
    }


def gmina_stages(data: RegionData) -> dict[int, str]:
    """The stage of each gmina of the voivodeship: of its newest cooperation still running, else of its newest."""
    stages: dict[int, str] = {}
    for cooperation in data.cooperations:  # ordered by gmina, newest first
        stage, _current = cooperation_stage(cooperation, data.steps.get(cooperation.pk, []))
        for unit in [cooperation.unit, *cooperation.other_units.all()]:
            if stages.get(unit.pk, "ended") == "ended":  # a running cooperation wins over an ended one
                stages[unit.pk] = stage
    return stages


def regional_summary(voivodeship: Unit, *, today: datetime.date | None = None) -> dict:
    """Everything the dashboard, the exports and the API show of ``voivodeship`` — suppressed, JSON-ready:

    ``voivodeship`` {code, name}; ``generated_on``; ``totals`` (cooperations, by_stage, and the summed
    suppressed figures); ``counties``: [{code, name, cooperations (number), gminas (number), figures}];
    ``cooperations``: [row of ``cooperation_row``] ordered by powiat and gmina.
    """
    today = today or datetime.date.today()
    data = load_region(voivodeship, today=today)
    return _summary(data)


def _summary(data: RegionData) -> dict:
    rows = [cooperation_row(c, data) for c in data.cooperations]
    by_stage = dict.fromkeys(STAGES, 0)
    stages = gmina_stages(data)
    for gmina in data.gminas:
        by_stage[stages.get(gmina.pk, "none")] += 1
    counties = []
    for county in data.counties:
        mine = [c for c in data.cooperations if c.unit.parent_id == county.pk]
        counties.append(
            {
                "code": county.code,
                "name": county.name,
                "gminas": sum(1 for g in data.gminas if g.parent_id == county.pk),
                "cooperations": len(mine),
                **_summed(mine, data),
            }
        )
    return {
        "voivodeship": {"code": data.voivodeship.code, "name": data.voivodeship.name},
        "generated_on": data.today.isoformat(),
        "totals": {"cooperations": len(rows), "gminas_by_stage": by_stage, **_summed(data.cooperations, data)},
        "counties": counties,
        "cooperations": rows,
    }


def cooperation_detail(voivodeship: Unit, cooperation: Cooperation, *, today: datetime.date | None = None) -> dict:
    """The drill-down into one cooperation: its row, its steps, the people in its roles (workers' names are
    fine), its meetings held by kind — never a case, a family or a meeting's title."""
    today = today or datetime.date.today()
    data = load_region(voivodeship, today=today, cooperation_id=cooperation.pk)
    cooperation = data.cooperations[0]
    kinds = data.meetings_held.get(cooperation.pk, {})
    reasons = reason_labels()
    row = cooperation_row(cooperation, data)
    return {
        "row": row,
        "closed_by_reason": [(reasons[k], v) for k, v in row["cases_closed_by_reason"].items()],
        "steps": [
            {
                "stage": s.stage,
                "code": s.code,
                "title": s.title,
                "status": s.get_status_display(),
                "planned_start": s.planned_start,
                "planned_end": s.planned_end,
                "late": s.is_late(today),
            }
            for s in data.steps.get(cooperation.pk, [])
        ],
        "roles": [
            (r.get_role_display(), r.user.get_full_name() or r.user.email) for r in data.roles.get(cooperation.pk, [])
        ],
        "meetings_by_kind": [(label, suppressed(kinds.get(kind, 0))) for kind, label in Meeting.Kind.choices],
        "applications": data.applications,
    }


def pcpr_post(gminas: int) -> float:
    """000 §5: half a post of a PCPR animator for one to four gminas, a full post above."""
    if gminas <= 0:
        return 0.0
    return 0.5 if gminas <= 4 else 1.0


def animators_overview(voivodeship: Unit, *, today: datetime.date | None = None) -> dict:
    """The inbox and animators page: applications and notices of the voivodeship's gminas, each regional
    animator's workload, and the PCPR animator rule for each powiat."""
    today = today or datetime.date.today()
    data = load_region(voivodeship, today=today)
    rows = {c.pk: c for c in data.cooperations}
    workload: dict[int, dict] = {}
    pcpr_gminas: dict[int, set[int]] = {county.pk: set() for county in data.counties}
    pcpr_people: dict[int, set[str]] = {county.pk: set() for county in data.counties}
    for cooperation in data.cooperations:
        roles = data.roles.get(cooperation.pk, [])
        stage, _current = cooperation_stage(cooperation, data.steps.get(cooperation.pk, []))
        for role in roles:
            if role.role == CooperationRole.Role.ROPS_ANIMATOR:
                entry = workload.setdefault(role.user_id, {"animator": role.user, "cooperations": [], "active": 0})
                entry["cooperations"].append({"cooperation": cooperation, "stage": stage_labels()[stage]})
                entry["active"] += cooperation.status == Cooperation.Status.ACTIVE
        has_pcpr = any(r.role == CooperationRole.Role.PCPR_ANIMATOR for r in roles)
        counted = cooperation.status == Cooperation.Status.ACTIVE and (
            cooperation.variant == Cooperation.Variant.RURAL or has_pcpr
        )
        if counted:
            for unit in [cooperation.unit, *cooperation.other_units.all()]:
                if unit.parent_id in pcpr_gminas:
                    pcpr_gminas[unit.parent_id].add(unit.pk)
                    pcpr_people[unit.parent_id].update(
                        r.user.get_full_name() for r in roles if r.role == CooperationRole.Role.PCPR_ANIMATOR
                    )
    counties = [
        {
            "county": county,
            "gminas": len(pcpr_gminas[county.pk]),
            "post": pcpr_post(len(pcpr_gminas[county.pk])),
            "animators": sorted(pcpr_people[county.pk]),
        }
        for county in data.counties
    ]
    return {
        "applications": data.applications,
        "pending": sum(1 for a in data.applications if a.status == RopsApplication.Status.SUBMITTED),
        "workload": sorted(workload.values(), key=lambda e: (-e["active"], e["animator"].last_name)),
        "counties": counties,
        "unassigned": [
            rows[c.pk]
            for c in data.cooperations
            if not any(r.role == CooperationRole.Role.ROPS_ANIMATOR for r in data.roles.get(c.pk, []))
        ],
    }
