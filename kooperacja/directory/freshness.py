"""How fresh the directory is: each institution and service records when its data was last confirmed and by
whom (a worker in Kooperacja, or the ``assurer_email`` of an imported HSDS file). An entry not confirmed for
``DIRECTORY_CONFIRM_MONTHS`` months (or never) is marked in the directory, and the institution's own workers are
reminded once a month, until someone confirms or corrects it."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kooperacja.accounts.access import DIRECTORY_CONFIRMING_ROLES
from kooperacja.accounts.models import Membership
from kooperacja.audit.services import Action, record
from kooperacja.core.concurrency import claim_version
from kooperacja.directory.models import Institution
from kooperacja.notifications.models import Notification
from kooperacja.notifications.services import notify


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return datetime.date(year, month, min(day.day, (following - datetime.timedelta(days=1)).day))


def confirm_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Data confirmed before this day count as not confirmed."""
    return months_before(today or timezone.localdate(), settings.DIRECTORY_CONFIRM_MONTHS)


def not_confirmed_q(today: datetime.date | None = None) -> Q:
    """Never confirmed, or confirmed before the cutoff (for Institution and Service alike)."""
    return Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=confirm_cutoff(today))


def is_stale(entry, today: datetime.date | None = None) -> bool:
    return entry.confirmed_at is None or entry.confirmed_at < confirm_cutoff(today)


def stale_institutions(institutions: QuerySet[Institution] | None = None, today=None) -> QuerySet[Institution]:
    """Institutions whose own data, or the data of any of their services, are not confirmed."""
    institutions = Institution.objects.all() if institutions is None else institutions
    cutoff = confirm_cutoff(today)
    stale_service = Q(services__confirmed_at__isnull=False, services__confirmed_at__lt=cutoff) | Q(
        services__isnull=False, services__confirmed_at__isnull=True
    )
    ids = Institution.objects.filter(not_confirmed_q(today) | stale_service).values("pk")
    return institutions.filter(pk__in=ids)


@transaction.atomic
def institution_confirm(*, actor, institution: Institution, edit_version: int | None = None) -> Institution:
    """ "Potwierdzam aktualność danych": the institution's data and those of all its services are confirmed today by
    ``actor``. Refused (StaleVersionError) when the entry was changed after the page was opened."""
    claim_version(institution, edit_version=edit_version, actor=actor)
    today = timezone.localdate()
    institution.confirmed_at, institution.confirmed_by, institution.confirmed_by_email = today, actor, ""
    institution.save(update_fields=["confirmed_at", "confirmed_by", "confirmed_by_email", "updated_at"])
    confirmed = institution.services.update(confirmed_at=today, confirmed_by=actor, confirmed_by_email="")
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=institution,
        institution=institution,
        details={"fields": ["confirmed_at", "confirmed_by"], "services_confirmed": confirmed},
    )
    return institution


def confirmation_reminders_send(*, today: datetime.date) -> int:
    """Remind the own workers of each institution whose data are not confirmed, once a month (periodic job).
    The message names the institution (not personal data); the e-mail only says that an entry awaits."""
    memberships = (
        Membership.objects.filter(
            is_active=True,
            user__is_active=True,
            role__in=DIRECTORY_CONFIRMING_ROLES,
            institution__in=stale_institutions(today=today).filter(status=Institution.Status.ACTIVE),
        )
        .select_related("user", "institution")
        .order_by("institution_id", "user_id")
    )
    workers: dict[int, tuple[Institution, list]] = {}
    for membership in memberships:
        workers.setdefault(membership.institution_id, (membership.institution, []))[1].append(membership.user)
    sent = 0
    for institution, users in workers.values():
        with transaction.atomic():
            sent += len(
                notify(
                    recipients=users,
                    kind=Notification.Kind.DIRECTORY_CONFIRM,
                    message=f"{institution.name}: sprawdź dane w bazie instytucji i potwierdź je albo popraw — "
                    f"nie były potwierdzone w ciągu {settings.DIRECTORY_CONFIRM_MONTHS} mies.",
                    url=reverse("directory:detail", args=[institution.pk]),
                    key=f"directory-confirm:{institution.pk}:{today:%Y-%m}",
                )
            )
    return sent
