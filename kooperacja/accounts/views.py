import copy
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login

from kooperacja.accounts import services
from kooperacja.accounts.access import (
    ADMINISTRATOR,
    AUTHENTICATED,
    PASSWORD_ONLY,
    PUBLIC,
    account_for_user,
    allow,
    memberships_of,
)
from kooperacja.accounts.forms import (
    EnrolForm,
    LoginForm,
    MembershipForm,
    NewUserForm,
    PasswordResetRequestForm,
    TokenForm,
    UserForm,
    UserSearchForm,
)
from kooperacja.accounts.models import Membership
from kooperacja.accounts.selectors import user_search
from kooperacja.accounts.throttling import ACCOUNT, Throttle, account_throttle, address_throttle, login_username
from kooperacja.audit.middleware import client_ip
from kooperacja.audit.services import Action, record, record_read
from kooperacja.core.forms import add_service_errors
from kooperacja.core.search import remembered_search

NEXT_KEY = "next_after_second_factor"


def _safe_next(request, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("core:dashboard")


# --- Logging in ----------------------------------------------------------------------------------------


@allow(PUBLIC)
@sensitive_post_parameters()
@never_cache
def login_view(request):
    if request.user.is_authenticated:
        return redirect("accounts:second_factor")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST":
        typed = request.POST.get("username", "")
        # Spraying over many accounts from one address: refused before any password is checked.
        throttle = address_throttle(ip_address=client_ip(request))
        if throttle is not None:
            record(action=Action.LOGIN_FAILED, actor_email=typed, details={"throttled": throttle.scope})
            return _throttled_page(request, throttle)
        if form.is_valid():
            login(request, form.get_user())  # a new session id: nothing set before the password carries over
            request.session[NEXT_KEY] = _safe_next(request, next_url)
            return redirect("accounts:second_factor")
        # django-axes refused the attempt (the account is throttled: even the right password does not log in),
        # or this wrong password reached the limit.
        username = login_username(request, None)
        throttle = account_throttle(username=username) if getattr(request, "axes_locked_out", False) else None
        if throttle is not None:
            record(action=Action.LOGIN_FAILED, actor_email=typed, details={"throttled": throttle.scope})
            services.login_throttle_record(username=username, throttle=throttle)
            return _throttled_page(request, throttle)
        record(action=Action.LOGIN_FAILED, actor_email=typed)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def _throttled_page(request, throttle: Throttle):
    return render(
        request,
        "accounts/locked.html",
        {"scope": throttle.scope, "minutes": throttle.minutes_left},
        status=429,
    )


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """django-axes calls this for every login it refuses. The login view has already answered with the page
    that tells which throttle applies; anything else gets the account throttle page."""
    if response is not None and response.status_code == 429:
        return response
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked.html", {"scope": ACCOUNT, "minutes": minutes}, status=429)


def _complete_login(request, device) -> None:
    otp_login(request, device)
    # The second factor raises the session's privileges: a new session id (and CSRF token) again.
    request.session.cycle_key()
    rotate_token(request)
    record(action=Action.LOGIN, actor=request.user, details={"second_factor": device.persistent_id.split("/")[0]})


@allow(PASSWORD_ONLY)
@sensitive_post_parameters()
@never_cache
def second_factor(request):
    """Step two of logging in: a code from the authenticator app or a backup code."""
    next_url = request.session.get(NEXT_KEY) or reverse("core:dashboard")
    if request.user.is_verified():
        return redirect(next_url)
    if services.totp_device_of(request.user) is None:
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _complete_login(request, device)
            request.session.pop(NEXT_KEY, None)
            return redirect(next_url)
        record(action=Action.SECOND_FACTOR_FAILED, actor=request.user, obj=request.user)
        form.add_error("token", _("This code is not valid. Check the time on your phone and try again."))
    return render(request, "accounts/second_factor.html", {"form": form})


@allow(PASSWORD_ONLY)
@sensitive_post_parameters()
@never_cache
def enrol(request):
    """Set up the authenticator app: a QR code drawn on the server, then one code to confirm it."""
    if not request.user.is_verified() and services.totp_device_of(request.user) is not None:
        return redirect("accounts:second_factor")
    device = services.totp_enrolment_start(user=request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.totp_enrolment_confirm(user=request.user, token=form.cleaned_data["token"])
        if result is not None:
            confirmed, codes = result
            if not request.user.is_verified():
                _complete_login(request, confirmed)
            messages.success(request, _("The second factor is set up."))
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": request.session.pop(NEXT_KEY, None) or reverse("core:dashboard")},
            )
        form.add_error(
            "token",
            _(
                "This code does not match. Check that the phone's clock is set automatically "
                "and enter the current code."
            ),
        )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr_data_uri": qr.svg_data_uri(scale=5, border=2),
            "secret": " ".join(_chunks(b32encode(device.bin_key).decode().rstrip("="), 4)),
        },
    )


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@allow(PUBLIC)
@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        record(action=Action.LOGOUT, actor=request.user)
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("accounts:login")


# --- Own account -------------------------------------------------------------------------------------


@allow(AUTHENTICATED)
def account(request):
    devices = list(devices_for_user(request.user, confirmed=True))
    backup = next((d for d in devices if d.persistent_id.startswith("otp_static")), None)
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": memberships_of(request.user),
            "has_totp": any(d.persistent_id.startswith("otp_totp") for d in devices),
            "backup_codes_left": backup.token_set.count() if backup else 0,
        },
    )


@allow(AUTHENTICATED)
@require_POST
def backup_codes(request):
    codes = services.backup_codes_issue(user=request.user)
    messages.success(request, _("New backup codes issued. The previous ones no longer work."))
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": reverse("accounts:account")})


@allow(AUTHENTICATED)
@sensitive_post_parameters()
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        record(action=Action.PASSWORD_CHANGED, actor=request.user, obj=request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


# --- Password reset by e-mail ------------------------------------------------------------------------


@allow(PUBLIC)
def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


@allow(PUBLIC)
def password_reset_done(request):
    return render(request, "accounts/password_reset_done.html")


class _PasswordResetConfirm(PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(action=Action.PASSWORD_CHANGED, obj=form.user, actor_email=form.user.email)
        services.login_throttle_clear(user=form.user)
        return response


password_reset_confirm = allow(PUBLIC)(_PasswordResetConfirm.as_view())


@allow(PUBLIC)
def password_reset_complete(request):
    return render(request, "accounts/password_reset_complete.html")


# --- User management (administrators) ----------------------------------------------------------------


@allow(ADMINISTRATOR)
def user_list(request):
    form, response = remembered_search(request, key="users", form_class=UserSearchForm)
    if response:
        return response
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page = Paginator(user_search(query=query), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@allow(ADMINISTRATOR)
def user_create(request):
    user_form = NewUserForm(request.POST or None)
    membership_form = MembershipForm(request.POST or None, prefix="m")
    if request.method == "POST" and user_form.is_valid() and membership_form.is_valid():
        data, role = user_form.cleaned_data, membership_form.cleaned_data
        user = services.user_create(
            actor=request.user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            institution=role["institution"],
            role=role["role"],
            position=role["position"],
        )
        messages.success(
            request,
            _("The account has been created. The person received an e-mail with a link to set a password."),
        )
        return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_create.html", {"form": user_form, "membership_form": membership_form})


def _user_detail_page(request, account, *, form=None, membership_form=None, status=200):
    record_read(actor=request.user, obj=account)
    devices = list(devices_for_user(account, confirmed=True))
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "memberships": sorted(account.memberships.all(), key=lambda m: (not m.is_active, m.role)),
            "form": form or UserForm(instance=account),
            "membership_form": membership_form or MembershipForm(user=account, prefix="m"),
            "has_totp": any(d.persistent_id.startswith("otp_totp") for d in devices),
        },
        status=status,
    )


@allow(ADMINISTRATOR)
def user_detail(request, user_id: int):
    account = account_for_user(user=request.user, account_id=user_id)
    if request.method == "POST":
        # A model form writes what it validates into its instance: give it a copy, so the service can tell
        # what changed.
        form = UserForm(request.POST, instance=copy.copy(account))
        if form.is_valid():
            try:
                services.user_update(
                    actor=request.user,
                    user=account,
                    data=form.cleaned_data,
                    edit_version=form.cleaned_data.get("edit_version"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("accounts:user_detail", user_id)
        return _user_detail_page(request, account, form=form, status=400)
    return _user_detail_page(request, account)


@allow(ADMINISTRATOR)
@require_POST
def membership_add(request, user_id: int):
    account = account_for_user(user=request.user, account_id=user_id)
    form = MembershipForm(request.POST, user=account, prefix="m")
    if not form.is_valid():
        return _user_detail_page(request, account, membership_form=form, status=400)
    services.membership_add(actor=request.user, user=account, **form.cleaned_data)
    messages.success(request, _("Role added."))
    return redirect("accounts:user_detail", user_id)


@allow(ADMINISTRATOR)
@require_POST
def membership_end(request, user_id: int, membership_id: int):
    account = account_for_user(user=request.user, account_id=user_id)
    membership = get_object_or_404(Membership, pk=membership_id, user=account)
    services.membership_end(actor=request.user, membership=membership)
    messages.success(request, _("Role ended."))
    return redirect("accounts:user_detail", user_id)


@allow(ADMINISTRATOR)
@require_POST
def user_second_factor_reset(request, user_id: int):
    account = account_for_user(user=request.user, account_id=user_id)
    services.second_factor_reset(actor=request.user, user=account)
    messages.success(request, _("The second factor was reset. The person sets it up again at the next login."))
    return redirect("accounts:user_detail", user_id)


@allow(ADMINISTRATOR)
@require_POST
def user_password_link(request, user_id: int):
    account = account_for_user(user=request.user, account_id=user_id)
    services.password_link_send(user=account, actor=request.user)
    messages.success(request, _("A link to set a password has been sent to the person's e-mail."))
    return redirect("accounts:user_detail", user_id)
