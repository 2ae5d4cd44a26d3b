"""No lost update: every object that more than one person edits carries an edit version number
(``edit_version``: ``version`` is taken by the work plan, whose versions are revisions the family agrees to).

The edit form sends the number it was opened with (a hidden field); the service that saves the object calls
``claim_version`` first, inside its transaction. One conditional UPDATE both checks and bumps the number, so
two saves based on the same version can never both pass — on PostgreSQL the second waits for the first's row
lock and then finds the number changed; SQLite writes one transaction at a time. A stale save raises
``StaleVersionError``, a ``ValidationError``: ``core.forms.add_service_errors`` shows it on the form with who
saved last and when, keeps what the user typed, and puts the saved texts beside theirs.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VERSION_FIELDS = ("edit_version", "edited_by", "edited_at")


class Versioned(models.Model):
    """Abstract base of every object edited through a form by more than one person. The three columns are
    written only by ``claim_version``."""

    edit_version = models.PositiveIntegerField(_("edit version"), default=1, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("last saved at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class StaleVersionError(ValidationError):
    """The object was saved by someone else after the form was opened. ``current`` is the object as saved now."""

    def __init__(self, *, current: Versioned):
        self.current = current
        who = _display_name(current.edited_by) if current.edited_by_id else gettext("another user")
        when = (
            formats.date_format(timezone.localtime(current.edited_at), "DATETIME_FORMAT") if current.edited_at else ""
        )
        super().__init__(
            gettext(
                "Someone saved this record after you opened the form: %(who)s, %(when)s. Your changes have not "
                "been saved and are still in the form — compare them with the saved version and save again."
            )
            % {"who": who, "when": when},
            code="stale_version",
        )


def _display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def claim_version(obj: Versioned, *, edit_version: int | None, actor=None) -> None:
    """Check that ``obj`` is still at ``edit_version`` and move it to the next one, atomically; call it inside
    the service's transaction before writing. ``edit_version=None`` (a command, the demo, a service with no form
    behind it, an object just created) skips the check but still moves the number on and records who, so forms
    opened before see the change."""
    model = type(obj)
    rows = model._base_manager.filter(pk=obj.pk)
    if edit_version is not None:
        rows = rows.filter(edit_version=edit_version)
    now = timezone.now()
    by = actor if getattr(actor, "pk", None) else None
    if not rows.update(edit_version=F("edit_version") + 1, edited_by=by, edited_at=now):
        raise StaleVersionError(current=model._base_manager.select_related("edited_by").get(pk=obj.pk))
    if edit_version is not None:
        obj.edit_version = edit_version + 1
    else:
        obj.edit_version = model._base_manager.filter(pk=obj.pk).values_list("edit_version", flat=True).get()
    obj.edited_by, obj.edited_at = by, now


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class VersionedFormMixin:
    """Adds the hidden ``edit_version`` field. A model form takes it from its instance; another form is given
    ``initial={"edit_version": obj.edit_version, ...}`` (0 for an object not created yet). The service receives
    it as ``edit_version=``. A form that creates an object leaves it empty: ``cleaned_data`` has no such key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"] = VersionField()
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and "edit_version" not in self.initial:
            self.initial["edit_version"] = instance.edit_version

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data is not None and cleaned_data.get("edit_version") is None:
            cleaned_data.pop("edit_version", None)
        return cleaned_data


def show_conflict(form: forms.BaseForm, error: StaleVersionError) -> None:
    """Keep the user's input, give the form the version saved now (so saving again, after comparing, goes
    through), and list each text field whose saved value differs from what the user typed."""
    current = error.current
    cleaned = getattr(form, "cleaned_data", {}) or {}
    # A form whose fields are not attributes of the object (checklist notes, decisions) says what is saved.
    saved_texts = form.saved_texts(current) if hasattr(form, "saved_texts") else {}
    differences = []
    for name, field in form.fields.items():
        saved = saved_texts[name] if name in saved_texts else getattr(current, name, None)
        theirs = cleaned.get(name)
        texts = isinstance(field, forms.CharField) and isinstance(saved, str) and isinstance(theirs, str)
        if texts and saved.strip() != theirs.strip():
            differences.append({"label": field.label or name, "saved": saved, "theirs": theirs})
    form.conflict = {"differences": differences}
    if form.is_bound and "edit_version" in form.fields:
        form.data = form.data.copy()
        form.data[form.add_prefix("edit_version")] = str(current.edit_version)
