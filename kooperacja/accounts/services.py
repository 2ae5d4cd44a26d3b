"""Writes about accounts, memberships and second factors. Each records an audit event."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.accounts.access import forget_memberships
from kooperacja.accounts.models import Membership, User
from kooperacja.accounts.throttling import Throttle, login_username
from kooperacja.audit.models import AuditEvent
from kooperacja.audit.services import Action, changed_fields, record
from kooperacja.core.concurrency import claim_version
from kooperacja.notifications.services import outbox_enqueue

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


# --- Users and memberships ---------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    institution=None,
    role: str = "",
    position: str = "",
    password: str | None = None,
    send_invitation: bool = True,
) -> User:
    """Create an account. Without a password the person sets one through the e-mailed link."""
    user = User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name, phone=phone
    )
    record(action=Action.CREATE, actor=actor, obj=user)
    if role:
        membership_add(actor=actor, user=user, institution=institution, role=role, position=position)
    if send_invitation and password is None:
        password_link_send(user=user, actor=actor, invitation=True)
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, data: dict, edit_version: int | None = None) -> User:
    """Change the account's details; ``edit_version`` is the account's version the administrator's form was opened
    with, refused when another administrator saved the account since."""
    claim_version(user, edit_version=edit_version, actor=actor)
    allowed = {"first_name", "last_name", "phone", "is_active", "email"}
    data = {k: v for k, v in data.items() if k in allowed}
    if "email" in data:
        data["email"] = data["email"].lower()
    fields = changed_fields(user, data)
    if not fields:
        return user
    for name in fields:
        setattr(user, name, data[name])
    user.save(update_fields=fields)
    record(action=Action.UPDATE, actor=actor, obj=user, details={"fields": fields})
    return user


@transaction.atomic
def membership_add(*, actor: User | None, user: User, institution, role: str, position: str = "") -> Membership:
    """Give a role in an institution; an ended membership with the same role is reactivated."""
    membership, created = Membership.objects.get_or_create(
        user=user, institution=institution, role=role, defaults={"position": position}
    )
    if not created:
        membership.is_active = True
        membership.position = position or membership.position
        membership.save(update_fields=["is_active", "position"])
    forget_memberships(user)
    record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        obj=membership,
        institution=institution,
        details={"user": user.pk, "role": role},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> Membership:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    forget_memberships(membership.user)
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=membership,
        institution=membership.institution,
        details={"fields": ["is_active"], "user": membership.user_id, "role": membership.role},
    )
    return membership


# --- Passwords ---------------------------------------------------------------------------------------


def password_link(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])


@transaction.atomic
def password_link_send(*, user: User, actor: User | None = None, invitation: bool = False) -> None:
    """E-mail a one-time link to set a password. The e-mail carries no personal data, only the link."""
    context = {
        "link": password_link(user=user),
        "invitation": invitation,
        "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
    }
    subject = render_to_string("accounts/email/password_link_subject.txt", context).strip()
    body = render_to_string("accounts/email/password_link.txt", context)
    outbox_enqueue(to_email=user.email, subject=subject, body=body, one_time_link=True)
    record(action=Action.PASSWORD_RESET_REQUESTED, actor=actor, obj=user, actor_email=user.email)


def password_reset_request(*, email: str) -> None:
    """Send a link if an active account has this e-mail; say nothing either way (no account enumeration)."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is not None:
        password_link_send(user=user)


# --- Login throttling --------------------------------------------------------------------------------


@transaction.atomic
def login_throttle_record(*, username: str, throttle: Throttle) -> bool:
    """Note an account throttle once, and tell the account's owner once, with a link to set a new password.

    Called for every refused login; a throttle is identified by its end (fixed while it lasts), so a second
    call for the same throttle does nothing. Returns whether an e-mail was queued. An e-mail with no account
    gets the same throttle and the same page; only the e-mail is missing (nobody to send it to).
    """
    user = User.objects.select_for_update().filter(email__iexact=username, is_active=True).first()
    until = throttle.until.isoformat()
    if AuditEvent.objects.filter(action=Action.LOCKOUT, actor_email=username[:254], details__until=until).exists():
        return False
    record(action=Action.LOCKOUT, obj=user, actor_email=username, details={"until": until})
    if user is None:
        return False
    context = {
        "link": password_link(user=user),
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": throttle.minutes_left,
        "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
    }
    subject = render_to_string("accounts/email/lockout_notice_subject.txt", context).strip()
    body = render_to_string("accounts/email/lockout_notice.txt", context)
    outbox_enqueue(to_email=user.email, subject=subject, body=body, one_time_link=True)
    return True


@transaction.atomic
def login_throttle_clear(*, user: User) -> int:
    """After a new password is set through an e-mailed link: the owner proved the mailbox, guesses at the old
    password are moot, so logging in works at once. Returns how many failure records were removed."""
    count = AxesProxyHandler.reset_attempts(username=login_username(None, {"username": user.email}))
    if count:
        record(action=Action.UPDATE, obj=user, actor_email=user.email, details={"login_throttle_cleared": count})
    return count


# --- Second factor -----------------------------------------------------------------------------------


def totp_device_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The not yet confirmed device whose secret the user is adding to their authenticator app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the device with a code from the app; returns the device and fresh backup codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        record(action=Action.SECOND_FACTOR_FAILED, actor=user, obj=user)
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(action=Action.SECOND_FACTOR_ENROLLED, actor=user, obj=user)
    return device, backup_codes_issue(user=user)


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """New single-use backup codes; the old ones stop working. Shown to the user once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    record(action=Action.BACKUP_CODES_ISSUED, actor=user, obj=user)
    return codes


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> None:
    """For a lost phone: the person sets up the second factor again at the next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(action=Action.SECOND_FACTOR_RESET, actor=actor, obj=user)
