from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kooperacja.accounts.models import Membership, Role, User
from kooperacja.core.concurrency import VersionedFormMixin
from kooperacja.directory.models import Institution


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _(
            "Wrong e-mail address or password. After %(limit)s failed attempts the account is "
            "locked for %(minutes)s minutes."
        ),
        "inactive": _("This account is inactive. Ask your administrator."),
    }

    def get_invalid_login_error(self):
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip().lower()


class EnrolForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        error_messages={"invalid": _("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class UserForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "phone", "is_active"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


class MembershipForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.select_related("unit"),
        required=False,
        help_text=_("Not needed for the administrator role."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —")), *Role.choices])
    position = forms.CharField(label=_("Position"), max_length=150, required=False)

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        if data.get("role") and data.get("role") != Role.ADMINISTRATOR and not data.get("institution"):
            self.add_error("institution", _("Choose the institution in which the person holds this role."))
        if (
            self.user is not None
            and data.get("role")
            and Membership.objects.filter(
                user=self.user, institution=data.get("institution"), role=data["role"], is_active=True
            ).exists()
        ):
            raise forms.ValidationError(_("The person already holds this role in this institution."))
        return data


class NewUserForm(UserForm):
    class Meta(UserForm.Meta):
        fields = ["email", "first_name", "last_name", "phone"]


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False)
