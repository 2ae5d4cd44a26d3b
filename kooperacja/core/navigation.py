"""The main menu, built from the user's roles: each role sees what its work needs."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kooperacja.accounts.access import is_administrator, memberships_of, regional_units_of
from kooperacja.accounts.models import Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    key: str


CASE_ROLES = {Role.COORDINATOR, Role.OPS_ANIMATOR, Role.PCPR_ANIMATOR, Role.CASE_WORKER, Role.DIRECTOR}


def works_with_families(user) -> bool:
    """Workers of local institutions: they refer families, and sit in case groups. ROPS, evaluators and the
    authorities never see a case."""
    return any(m.institution_id and m.institution.kind != "rops" and m.role in CASE_ROLES for m in memberships_of(user))


def menu_for(user) -> list[MenuItem]:
    if not user.is_authenticated or not user.is_verified():
        return []
    items = [MenuItem(_("Dashboard"), reverse("core:dashboard"), "dashboard")]
    # "My area": the territorial unit each role works for — the voivodeship for ROPS, the county for PCPR,
    # the gmina for OPS and the institutions in it.
    seen = set()
    area_roles = {
        Role.ROPS_ANIMATOR: _("My voivodeship"),
        Role.PCPR_ANIMATOR: _("My county"),
        Role.OPS_ANIMATOR: _("My gmina"),
        Role.COORDINATOR: _("My gmina"),
        Role.AUTHORITY: _("My area"),
    }
    for membership in memberships_of(user):
        label = area_roles.get(membership.role)
        if label and membership.institution and membership.institution.unit.code not in seen:
            seen.add(membership.institution.unit.code)
            items.append(
                MenuItem(
                    label,
                    reverse("territory:detail", args=[membership.institution.unit.code]),
                    f"area-{membership.institution.unit.code}",
                )
            )
    # The register of units (/teryt/) is reached from the dashboard and the pickers: the menu must fit one line.
    items.append(MenuItem(_("Institutions"), reverse("directory:list"), "institutions"))
    items.append(MenuItem(pgettext("menu", "Resource cards"), reverse("directory:cards"), "cards"))
    items.append(MenuItem(pgettext("menu", "Analyses"), reverse("diagnosis:list"), "analyses"))
    items.append(MenuItem(pgettext("menu", "Cooperations"), reverse("cooperation:list"), "cooperations"))
    items.append(MenuItem(pgettext("menu", "Meetings"), reverse("meetings:my_meetings"), "meetings"))
    if works_with_families(user):
        items.append(MenuItem(pgettext("menu", "Cases"), reverse("cases:list"), "cases"))
    if regional_units_of(user):  # ROPS: the region's cooperations, applications, tools, evaluations
        items.append(MenuItem(pgettext("menu", "Region"), reverse("regional:dashboard"), "region"))
    if is_administrator(user):
        items.append(MenuItem(_("Users"), reverse("accounts:user_list"), "users"))
        items.append(MenuItem(_("Audit log"), reverse("audit:search"), "audit"))
        items.append(MenuItem(_("Django admin"), reverse("admin:index"), "admin"))
    return items
