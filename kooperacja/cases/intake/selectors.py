"""Reads of the intake: the user's cases, referrals sent and to decide, the case overview, a person's export.

Who decides referrals: the OPS staff of the cooperation's gmina — its coordinator and animators. Administrators
are not among them (``analysis_access_to`` lets them edit an analysis, but a referral names a family)."""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kooperacja.accounts.access import ANALYSIS_EDIT_ROLES, AnalysisAccess, is_administrator, memberships_of
from kooperacja.cases.models import (
    Case,
    CaseGroup,
    Consent,
    ConsentOverride,
    GroupMembership,
    Person,
    Referral,
)
from kooperacja.cooperation.models import Cooperation
from kooperacja.core.crypto import EncryptedTextField
from kooperacja.directory.models import Institution
from kooperacja.directory.selectors import institutions_serving

# --- Who may do what in the intake ------------------------------------------------------------------


def ops_unit_ids_of(user) -> set[int]:
    """Gminas whose OPS the user serves as coordinator or animator."""
    return {
        m.institution.unit_id
        for m in memberships_of(user)
        if m.institution_id and m.institution.kind == "ops" and m.role in ANALYSIS_EDIT_ROLES
    }


def is_ops_staff_of(user, unit) -> bool:
    return unit.pk in ops_unit_ids_of(user)


def cooperations_to_open_cases_in(user) -> list[Cooperation]:
    """Active cooperations of the gminas whose OPS the user serves: where they may open a case directly."""
    units = ops_unit_ids_of(user)
    if not units:
        return []
    return list(
        Cooperation.objects.filter(unit__in=units, status=Cooperation.Status.ACTIVE)
        .select_related("unit")
        .order_by("name")
    )


def referral_targets(user) -> list[tuple[Cooperation, list[Institution]]]:
    """Active cooperations the user may send a referral to, each with the user's institutions serving its gmina.

    Two queries whatever the number of cooperations: the cooperations (with the units above their gmina) and the
    other units the user's institutions serve. Which institution serves which gmina is then decided in memory,
    by the rule of ``directory.selectors.institutions_serving``: its own unit or one above the gmina, another
    unit it names among them, a national institution, or one inside the gmina."""
    mine = list({m.institution.pk: m.institution for m in memberships_of(user) if m.institution_id}.values())
    if not mine:
        return []
    other_units: dict[int, set[int]] = {i.pk: set() for i in mine}
    for institution_id, unit_id in Institution.other_units.through.objects.filter(
        institution__in=[i.pk for i in mine]
    ).values_list("institution_id", "unit_id"):
        other_units[institution_id].add(unit_id)
    cooperations = Cooperation.objects.filter(status=Cooperation.Status.ACTIVE).select_related("unit__parent__parent")
    if not any(i.level == Institution.Level.NATIONAL for i in mine):
        # Only the cooperations whose gmina, county or voivodeship is a unit the user's institutions serve: the
        # rows fetched do not grow with the number of cooperations in the voivodeship.
        served = {i.unit_id for i in mine}.union(*other_units.values())
        around_mine = {i.unit.code[:k] for i in mine for k in range(2, len(i.unit.code) + 1)}  # a unit holding mine
        cooperations = cooperations.filter(
            Q(unit__in=served)
            | Q(unit__parent__in=served)
            | Q(unit__parent__parent__in=served)
            | Q(unit__code__in=around_mine)
        )
    cooperations = list(cooperations.order_by("name"))
    if not cooperations:
        return []
    mine.sort(key=lambda i: i.name)
    targets = []
    for cooperation in cooperations:
        around = _unit_and_units_above(cooperation.unit)
        serving = [
            i
            for i in mine
            if i.unit_id in around
            or other_units[i.pk] & around
            or i.level == Institution.Level.NATIONAL
            or i.unit.code.startswith(cooperation.unit.code)
        ]
        if serving:
            targets.append((cooperation, serving))
    return targets


def _unit_and_units_above(unit) -> set[int]:
    """The ids of ``unit`` and of the units above it, from the parents loaded with it (no query for the three
    levels of the register)."""
    ids = set()
    while unit is not None:
        ids.add(unit.pk)
        unit = unit.parent if unit.parent_id else None
    return ids


def referral_for_user(*, user, referral_id: int, decide: bool = False) -> Referral:
    """A referral its sender follows (and may withdraw) or the gmina's OPS staff decide. 404 for anyone else —
    and for the sender when ``decide`` is asked."""
    referral = get_object_or_404(
        Referral.objects.select_related("cooperation__unit", "from_institution", "sent_by"), pk=referral_id
    )
    ops = is_ops_staff_of(user, referral.cooperation.unit)
    sender = referral.sent_by_id == user.pk
    if not (ops if decide else ops or sender):
        raise Http404
    referral.decidable_by_user = ops
    return referral


def case_for_break_glass(*, user, case_id: int) -> Case:
    """The case an administrator asks emergency access to. Nobody else learns it exists."""
    if not is_administrator(user):
        raise Http404
    return get_object_or_404(Case.objects.select_related("cooperation__unit", "coordinator"), pk=case_id)


# --- Lists ------------------------------------------------------------------------------------------


def cases_of(user) -> list[Case]:
    """The user's cases: coordinated (the case or a group of it), named OPS staff, or a current group member
    whose institution the consent (or an override) covers. Each case carries ``my_role`` and ``people_count``.
    Five queries whatever the number of cases."""
    memberships = list(
        GroupMembership.objects.filter(user=user, left_on__isnull=True, group__cases__isnull=False).values_list(
            "group__cases", "institution_id"
        )
    )
    member_case_ids = {case_id for case_id, _ in memberships}
    covered = set(
        Consent.objects.filter(case__in=member_case_ids, withdrawn_on__isnull=True).values_list(
            "case_id", "institutions"
        )
    )
    covered |= set(ConsentOverride.objects.filter(case__in=member_case_ids).values_list("case_id", "institution_id"))
    shared_ids = {case_id for case_id, institution_id in memberships if (case_id, institution_id) in covered}
    run_ids = set(CaseGroup.objects.filter(coordinator=user).values_list("cases", flat=True))
    staff_ids = set(Case.ops_staff.through.objects.filter(user=user).values_list("case_id", flat=True))
    # Ids, not joins: an OR across the OPS-staff join would make the database read every case in the country.
    cases = list(
        Case.objects.filter(Q(coordinator=user) | Q(pk__in=run_ids | staff_ids | shared_ids))
        .select_related("cooperation__unit", "coordinator")
        .annotate(people_count=Count("people"))
        .order_by("-opened_on", "-pk")
    )
    for case in cases:
        if case.coordinator_id == user.pk or case.pk in run_ids:
            case.my_role = "coordinator"
        elif case.pk in staff_ids:
            case.my_role = "ops_staff"
        else:
            case.my_role = "member"
    return cases


def cases_by_pesel_hash(cases: list[Case], pesel_hash: str) -> list[Case]:
    """Which of ``cases`` (those the user may see) hold a person with this PESEL. One query."""
    if not pesel_hash:
        return []
    found = set(
        Person.objects.filter(case__in=[c.pk for c in cases], pesel_hash=pesel_hash).values_list("case_id", flat=True)
    )
    return [c for c in cases if c.pk in found]


def referrals_sent_by(user) -> list[Referral]:
    return list(
        Referral.objects.filter(sent_by=user).select_related("cooperation", "from_institution").order_by("-sent_at")
    )


def referral_inbox(user) -> list[Referral]:
    """Referrals waiting for the decision of the OPS the user serves."""
    units = ops_unit_ids_of(user)
    if not units:
        return []
    return list(
        Referral.objects.filter(cooperation__unit__in=units, status=Referral.Status.SENT)
        .select_related("cooperation", "from_institution", "sent_by")
        .order_by("sent_at")
    )


# --- The case overview ------------------------------------------------------------------------------


RELATION_ORDER = {code: position for position, code in enumerate(Person.Relation.values)}


def people_sorted(people) -> list[Person]:
    """The people of a case in one fixed order: the person the case is about (or the applicant) first, then by
    relation (spouse, children, parents, siblings, others), the eldest first, then by surname and first name.
    Names are encrypted at rest, so the database cannot order them; a case has a handful of people, already
    limited to what the user may see."""

    def key(person: Person):
        age = person.age
        return (
            RELATION_ORDER.get(person.relation, len(RELATION_ORDER)),
            age is None,
            -(age or 0),
            person.last_name.casefold(),
            person.first_name.casefold(),
            person.pk,
        )

    return sorted(people, key=key)


def case_overview(case: Case) -> dict:
    """What the overview shows, in a constant number of queries."""
    people = people_sorted(case.people.all())
    consents = list(
        case.consents.select_related("recorded_by").prefetch_related(
            Prefetch("institutions", queryset=Institution.objects.order_by("name")), "exceptions"
        )
    )
    overrides = list(case.consent_overrides.select_related("institution", "decided_by").order_by("-decided_at"))
    referrals = list(case.referrals.select_related("from_institution"))
    runs = case.access >= AnalysisAccess.EDIT
    break_glass = list(case.break_glass.select_related("user")) if runs else []
    staff = list(case.ops_staff.order_by("last_name", "first_name"))
    candidates = [u for u in ops_staff_candidates(case) if u not in staff] if runs else []
    return {
        "people": people,
        "consents": consents,
        "overrides": overrides,
        "referrals": referrals,
        "break_glass": break_glass,
        "qualified_by": case.qualified_by,
        "staff": staff,
        "staff_candidates": candidates,
    }


def consent_institutions(case: Case):
    """Institutions a consent may name: those serving the case's gmina."""
    return institutions_serving(unit=case.cooperation.unit).order_by("name")


# --- Data-subject rights ----------------------------------------------------------------------------


def _value(instance, field):
    value = getattr(instance, field.attname)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _rows(queryset) -> list[dict]:
    """Every stored field of each row, readable (encrypted fields decrypted; keyed hashes left out)."""
    rows = []
    for instance in queryset:
        row = {}
        for field in instance._meta.concrete_fields:
            if field.name.endswith("_hash"):
                continue
            row[field.name] = _value(instance, field)
        for field in instance._meta.many_to_many:
            row[field.name] = [str(o) for o in getattr(instance, field.name).all()]
        rows.append(row)
    return rows


def _case_models() -> list[tuple[type[models.Model], str]]:
    """Every model of the cases and meetings apps that belongs to a case — directly or through up to two other
    records (a plan's goals, a case meeting's minutes): (model, lookup path to Case, e.g. "plan__case")."""
    candidates = [*apps.get_app_config("cases").get_models(), *apps.get_app_config("meetings").get_models()]
    found = []
    for model in candidates:
        if model in (Case, Person):
            continue
        path = _path_to_case(model, candidates, depth=3)
        if path:
            found.append((model, path))
    return found


def _path_to_case(model, candidates, *, depth: int, seen: tuple = ()) -> str | None:
    links = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    for field in links:
        if field.related_model is Case:
            return field.name
    if depth > 1:
        for field in links:
            target = field.related_model
            if target in candidates and target not in seen and target is not model:
                sub = _path_to_case(target, candidates, depth=depth - 1, seen=(*seen, model))
                if sub:
                    return f"{field.name}__{sub}"
    return None


def person_export(person: Person) -> dict:
    """Everything held about ``person`` for an access request (RODO art. 15): their record, the case they
    belong to and every record of that case (a family's records are about all its members)."""
    case = person.case
    export = {
        "person": _rows([person])[0],
        "case": _rows([case])[0],
        "records": {},
    }
    for model, queryset in _export_querysets(case):
        rows = _rows(queryset)
        if rows or model is GroupMembership:
            export["records"][model._meta.label_lower] = rows
    return export


def _export_querysets(case: Case) -> list[tuple[type[models.Model], models.QuerySet]]:
    found = [
        (model, model._default_manager.filter(**{path: case}).order_by("pk"))
        for model, path in _case_models()
        if model is not GroupMembership
    ]
    groups = CaseGroup.objects.filter(cases=case)
    members = GroupMembership.objects.filter(group__in=groups).select_related("user", "institution").order_by("pk")
    return [*found, (GroupMembership, members)]


def encrypted_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def case_models() -> list[tuple[type[models.Model], str]]:
    return _case_models()


# Labels for the links that carry no label of their own (Django would print the field's English name).
_EXPORT_LABELS = {
    "answered_by": pgettext_lazy("data export", "answered by"),
    "approved_by": pgettext_lazy("data export", "approved by"),
    "author": pgettext_lazy("data export", "author"),
    "called_by": pgettext_lazy("data export", "called by"),
    "checklist": pgettext_lazy("data export", "checklist"),
    "confirmed_by": pgettext_lazy("data export", "confirmed by"),
    "cooperation": pgettext_lazy("data export", "cooperation"),
    "copied_from": pgettext_lazy("data export", "copied from"),
    "created_by": pgettext_lazy("data export", "created by"),
    "decided_by": pgettext_lazy("data export", "decided by"),
    "done_by": pgettext_lazy("data export", "done by"),
    "drafted_by": pgettext_lazy("data export", "drafted by"),
    "evaluation": pgettext_lazy("data export", "evaluation"),
    "filled_by": pgettext_lazy("data export", "filled by"),
    "from_user": pgettext_lazy("data export", "handed over by"),
    "goal": pgettext_lazy("data export", "goal"),
    "group": pgettext_lazy("data export", "group"),
    "institution": pgettext_lazy("data export", "institution"),
    "marked_by": pgettext_lazy("data export", "marked by"),
    "meeting": pgettext_lazy("data export", "meeting"),
    "message": pgettext_lazy("data export", "message"),
    "minutes": pgettext_lazy("data export", "minutes"),
    "opened_by": pgettext_lazy("data export", "opened by"),
    "order": pgettext_lazy("data export", "order"),
    "plan": pgettext_lazy("data export", "work plan"),
    "proposal": pgettext_lazy("data export", "proposal"),
    "proposed_by": pgettext_lazy("data export", "proposed by"),
    "qualified_by": pgettext_lazy("data export", "qualified by"),
    "rating": pgettext_lazy("data export", "rating"),
    "recorded_by": pgettext_lazy("data export", "recorded by"),
    "reviewed_by": pgettext_lazy("data export", "reviewed by"),
    "round": pgettext_lazy("data export", "rating round"),
    "sent_by": pgettext_lazy("data export", "sent by"),
    "set_by": pgettext_lazy("data export", "set by"),
    "status_changed_by": pgettext_lazy("data export", "status changed by"),
    "to_user": pgettext_lazy("data export", "handed over to"),
    "updated_by": pgettext_lazy("data export", "updated by"),
    "user": pgettext_lazy("data export", "person"),
}
_TITLE_ATTRIBUTES = ("title", "name", "text", "description", "item", "reference")
_DATE_ATTRIBUTES = ("held_on", "given_on", "month", "period_start", "at", "created_at")


def _readable_date(value) -> str:
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j E Y, H:i")
    return date_format(value, "j E Y")


def _export_title(obj) -> str:
    """What a person calls a linked record: a name, a title, a text — or its kind and date, never its number."""
    from kooperacja.accounts.models import User

    if isinstance(obj, User):
        return obj.get_full_name() or obj.email
    for attr in _TITLE_ATTRIBUTES:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value.strip():
            return Truncator(value.strip()).chars(80)
    kind = capfirst(str(obj._meta.verbose_name))
    for attr in _DATE_ATTRIBUTES:
        value = getattr(obj, attr, None)
        if isinstance(value, datetime.date):
            return f"{kind}, {_readable_date(value)}"
    return kind


def _export_value(instance, field) -> str:
    if field.many_to_many:
        return ", ".join(_export_title(o) for o in getattr(instance, field.name).all()) or "—"
    if field.is_relation:
        target = getattr(instance, field.name)
        return _export_title(target) if target is not None else "—"
    value = getattr(instance, field.attname)
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field.name == "month" and isinstance(value, datetime.date):
        return date_format(value, "F Y").lower()  # a month named as such: "grudzień 2026"
    if isinstance(value, datetime.date):
        return _readable_date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return _export_dict(instance, value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file: its name, not its storage path
        return value.name.rsplit("/", 1)[-1]
    return str(value)


def _export_dict(instance, value: dict) -> str:
    """A monthly report keeps its tasks' statuses by task id: shown as the tasks and the statuses' words."""
    from kooperacja.cases.models import PlanTask

    if instance._meta.model_name == "monthlyreport":
        tasks = {str(t.pk): t for t in PlanTask.objects.filter(pk__in=[k for k in value if str(k).isdigit()])}
        labels = dict(PlanTask.Status.choices)
        return "; ".join(
            f"{_export_title(tasks[str(k)]) if str(k) in tasks else capfirst(str(_('task')))}: {labels.get(v, v)}"
            for k, v in value.items()
        )
    return "; ".join(f"{k}: {v}" for k, v in value.items())


def _export_fields(model, *, with_case: bool) -> list:
    fields = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.primary_key or field.name.endswith("_hash") or field.name == "edit_version":
            continue
        if not with_case and field.is_relation and field.related_model is Case:
            continue  # every record here belongs to the case printed at the top
        fields.append(field)
    return fields


def _export_label(field) -> str:
    if field._verbose_name is None and field.name in _EXPORT_LABELS:
        return str(_EXPORT_LABELS[field.name])
    return str(field.verbose_name)


def person_export_sections(person: Person) -> list[tuple[str, list[list[tuple[str, object]]]]]:
    """The same export for people to read (the PDF): sections titled by the records' names, fields by their
    Polish labels, values as words — names of people and institutions, dates in Polish, statuses and yes/no —
    never a database number (the JSON export keeps those for machines)."""
    case = person.case

    def labelled(instance, *, with_case: bool = False) -> list[tuple[str, object]]:
        fields = _export_fields(type(instance), with_case=with_case)
        return [(_export_label(f), _export_value(instance, f)) for f in fields]

    sections = [
        (str(Person._meta.verbose_name), [labelled(person)]),
        (str(Case._meta.verbose_name), [labelled(case)]),
    ]
    for model, queryset in _export_querysets(case):
        rows = [labelled(instance) for instance in queryset]
        if rows:
            sections.append((str(model._meta.verbose_name_plural), rows))
    return sections


def ops_staff_candidates(case: Case):
    """Workers of the OPS of the case's gminas (active memberships), who may be named on the case."""
    from kooperacja.accounts.models import User

    # The cooperation's gmina and its other gminas as one UNION: an OR of the two would make the database read
    # every institution in the country.
    units = (
        Cooperation.objects.filter(pk=case.cooperation_id)
        .order_by()
        .values("unit_id")
        .union(Cooperation.other_units.through.objects.filter(cooperation=case.cooperation_id).values("unit_id"))
    )
    return (
        User.objects.filter(
            memberships__institution__unit__in=units,
            is_active=True,
            memberships__is_active=True,
            memberships__institution__kind="ops",
        )
        .exclude(pk=case.coordinator_id)
        .distinct()
        .order_by("last_name", "first_name")
    )
