"""Reads of the agreement: the current one with its parties, and whom to tell about an accession."""

from django.db.models import Prefetch, Q

from kooperacja.accounts.models import Membership, Role, User
from kooperacja.cooperation.models import Agreement, AgreementParty, Cooperation

NOTIFIED_ROLES = (Role.DIRECTOR, Role.COORDINATOR)


def current_agreement(cooperation: Cooperation) -> Agreement | None:
    """The newest agreement of the cooperation (a continuation may replace it), its parties loaded."""
    parties = AgreementParty.objects.select_related("institution__unit").order_by("pk")
    return (
        Agreement.objects.filter(cooperation=cooperation)
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("-created_at", "-pk")
        .first()
    )


def accession_recipients(party: AgreementParty) -> list[User]:
    """Who hears of an accession: the people with a role in the cooperation, and the directors and coordinators
    (active members) of the other institutions that signed."""
    agreement = party.agreement
    others = agreement.parties.filter(status=AgreementParty.Status.SIGNED).exclude(pk=party.pk)
    members = Membership.objects.filter(
        is_active=True, role__in=NOTIFIED_ROLES, institution_id__in=others.values("institution_id")
    ).values("user_id")
    return list(
        User.objects.filter(
            Q(cooperation_roles__cooperation_id=agreement.cooperation_id) | Q(pk__in=members), is_active=True
        ).distinct()
    )


def institutions_for(cooperation: Cooperation):
    """Institutions that may be parties: those serving any gmina of the cooperation (directory)."""
    from kooperacja.directory.models import Institution
    from kooperacja.directory.selectors import institutions_serving

    ids = institutions_serving(unit=cooperation.unit).values("pk")
    condition = Q(pk__in=ids)
    for unit in cooperation.other_units.all():
        condition |= Q(pk__in=institutions_serving(unit=unit).values("pk"))
    return Institution.objects.filter(condition).select_related("unit").order_by("name")
