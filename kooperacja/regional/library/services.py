"""Writes of the tool base, support requests and recommendations: one function each, audited with ids only."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kooperacja.audit.models import AuditEvent
from kooperacja.audit.services import record
from kooperacja.core.concurrency import claim_version
from kooperacja.documents.uploads import check_message_attachment
from kooperacja.regional.library.selectors import rops_animators_of, voivodeship_of
from kooperacja.regional.models import Recommendation, SupportRequest, Tool, ToolVersion

Action = AuditEvent.Action
# Eleven digits in a row, however written (spaces or dashes between them): a PESEL has no place here.
_PESEL_LIKE = re.compile(r"(?<!\d)\d(?:[ \-]?\d){10}(?!\d)")


def refuse_personal_number(text: str, *, field: str) -> None:
    if _PESEL_LIKE.search(text or ""):
        raise ValidationError(
            {field: _("Remove the 11-digit number: it looks like a PESEL, and this text may hold no personal data.")},
            code="pesel",
        )


def check_tool_file(upload, *, field: str = "file") -> str:
    """A PDF, JPEG, PNG, ODT or DOCX of at most 10 MB whose content is what its name says; its content type."""
    return check_message_attachment(upload, field=field)


def _tell_rops(*, actor, voivodeship, message: str, url: str, key: str) -> None:
    """A gmina sent ROPS something to handle: its regional animators find it in their notifications, and an
    e-mail tells them only that something awaits them (no gmina, no text, ``notify``)."""
    from kooperacja.notifications.models import Notification
    from kooperacja.notifications.services import notify

    recipients = [u for u in rops_animators_of(voivodeship) if u.pk != getattr(actor, "pk", None)]
    notify(recipients=recipients, kind=Notification.Kind.APPLICATION, message=message, url=url, key=key)


def _transition(obj, allowed_from, field_name="status"):
    if getattr(obj, field_name) not in allowed_from:
        raise ValidationError(_("This cannot be done in the current status."), code="status")


# --- Tools ----------------------------------------------------------------------------------------------------


@transaction.atomic
def tool_create(
    *,
    actor,
    voivodeship,
    title: str,
    step_kind: str,
    category: str = Tool.Category.TOOL,
    description: str = "",
    upload=None,
    note: str = "",
) -> Tool:
    """A new tool, kept as a draft until published; with ``upload``, its first version."""
    tool = Tool.objects.create(
        voivodeship=voivodeship,
        title=title,
        step_kind=step_kind,
        category=category,
        description=description,
        created_by=actor,
        status=Tool.Status.DRAFT,
    )
    record(action=Action.CREATE, actor=actor, obj=tool, details={"step_kind": step_kind})
    if upload is not None:
        tool_version_add(actor=actor, tool=tool, upload=upload, note=note)
    return tool


@transaction.atomic
def tool_update(
    *, actor, tool: Tool, title: str, description: str, category: str, step_kind: str, edit_version: int | None = None
) -> Tool:
    claim_version(tool, edit_version=edit_version, actor=actor)
    tool.title, tool.description, tool.category, tool.step_kind = title, description, category, step_kind
    tool.save(update_fields=["title", "description", "category", "step_kind"])
    record(
        action=Action.UPDATE,
        actor=actor,
        obj=tool,
        details={"fields": ["title", "description", "category", "step_kind"]},
    )
    return tool


@transaction.atomic
def tool_version_add(*, actor, tool: Tool, upload, note: str = "") -> ToolVersion:
    """Each upload is a new version; the older ones stay in the history."""
    content_type = check_tool_file(upload)
    Tool.objects.select_for_update().filter(pk=tool.pk).first()  # numbers are given one at a time
    number = (tool.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ToolVersion.objects.create(
        tool=tool,
        number=number,
        file=upload,
        content_type=content_type,
        original_name=upload.name[-200:],
        note=note,
        uploaded_by=actor,
    )
    record(action=Action.CREATE, actor=actor, obj=version, details={"tool": tool.pk, "number": number})
    return version


@transaction.atomic
def tool_publish(*, actor, tool: Tool) -> Tool:
    """Published: every institution of the voivodeship reads it. A tool with no file cannot be published."""
    _transition(tool, {Tool.Status.DRAFT, Tool.Status.SUBMITTED})
    if not tool.versions.exists():
        raise ValidationError(_("Add a file before publishing."), code="no_file")
    tool.status, tool.published_at = Tool.Status.PUBLISHED, timezone.now()
    tool.save(update_fields=["status", "published_at"])
    record(action=Action.UPDATE, actor=actor, obj=tool, details={"status": tool.status})
    if tool.category == Tool.Category.GOOD_PRACTICE and tool.created_by_id != actor.pk:
        from kooperacja.notifications.models import Notification
        from kooperacja.notifications.services import notify

        notify(
            recipients=[tool.created_by],
            kind=Notification.Kind.OTHER,
            message=_("ROPS published your good practice in the tool base."),
            url=f"/region/narzedzia/{tool.pk}/",
        )
    return tool


@transaction.atomic
def tool_withdraw(*, actor, tool: Tool) -> Tool:
    """Back to a draft: readers no longer see it."""
    _transition(tool, {Tool.Status.PUBLISHED})
    tool.status = Tool.Status.DRAFT
    tool.save(update_fields=["status"])
    record(action=Action.UPDATE, actor=actor, obj=tool, details={"status": tool.status})
    return tool


@transaction.atomic
def good_practice_submit(*, actor, cooperation, title: str, step_kind: str, description: str, upload=None) -> Tool:
    """A gmina proposes a good practice; ROPS reviews it and publishes it (or keeps it as a draft)."""
    refuse_personal_number(title, field="title")
    refuse_personal_number(description, field="description")
    tool = Tool.objects.create(
        voivodeship=voivodeship_of(cooperation.unit),
        title=title,
        step_kind=step_kind,
        description=description,
        category=Tool.Category.GOOD_PRACTICE,
        status=Tool.Status.SUBMITTED,
        cooperation=cooperation,
        created_by=actor,
    )
    record(action=Action.CREATE, actor=actor, obj=tool, details={"cooperation": cooperation.pk})
    if upload is not None:
        tool_version_add(actor=actor, tool=tool, upload=upload)
    _tell_rops(
        actor=actor,
        voivodeship=tool.voivodeship,
        message=_("The gmina %(gmina)s proposes a good practice for the tool base.") % {"gmina": cooperation.unit.name},
        url=reverse("regional:tool", args=[tool.pk]),
        key=f"good-practice-{tool.pk}-submitted",
    )
    return tool


# --- Support requests -----------------------------------------------------------------------------------------


@transaction.atomic
def support_request_create(*, actor, cooperation, kind: str, description: str = "") -> SupportRequest:
    refuse_personal_number(description, field="description")
    support_request = SupportRequest.objects.create(
        voivodeship=voivodeship_of(cooperation.unit),
        cooperation=cooperation,
        kind=kind,
        description=description,
        requested_by=actor,
    )
    record(action=Action.CREATE, actor=actor, obj=support_request, details={"cooperation": cooperation.pk})
    _tell_rops(
        actor=actor,
        voivodeship=support_request.voivodeship,
        message=_("The gmina %(gmina)s asks ROPS for support: %(kind)s.")
        % {"gmina": cooperation.unit.name, "kind": support_request.get_kind_display()},
        url=reverse("regional:support_detail", args=[support_request.pk]),
        key=f"support-request-{support_request.pk}-submitted",
    )
    return support_request


@transaction.atomic
def support_request_plan(*, actor, support_request: SupportRequest, planned_on, participants=None, hours=None):
    """ROPS plans the support: a date (the participants and hours foreseen, if known)."""
    _transition(support_request, {SupportRequest.Status.REQUESTED, SupportRequest.Status.PLANNED})
    support_request.status = SupportRequest.Status.PLANNED
    support_request.planned_on, support_request.participants, support_request.hours = planned_on, participants, hours
    support_request.handled_by = actor
    support_request.save(update_fields=["status", "planned_on", "participants", "hours", "handled_by"])
    record(action=Action.UPDATE, actor=actor, obj=support_request, details={"status": support_request.status})
    return support_request


@transaction.atomic
def support_request_record(*, actor, support_request: SupportRequest, held_on, participants: int, hours):
    """ROPS records the support as given: when, how many took part, how many hours."""
    _transition(support_request, {SupportRequest.Status.PLANNED})
    support_request.status = SupportRequest.Status.DONE
    support_request.planned_on, support_request.participants, support_request.hours = held_on, participants, hours
    support_request.handled_by = actor
    support_request.save(update_fields=["status", "planned_on", "participants", "hours", "handled_by"])
    record(action=Action.UPDATE, actor=actor, obj=support_request, details={"status": support_request.status})
    return support_request


@transaction.atomic
def support_request_decline(*, actor, support_request: SupportRequest, reason: str) -> SupportRequest:
    _transition(support_request, {SupportRequest.Status.REQUESTED, SupportRequest.Status.PLANNED})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")}, code="reason")
    support_request.status, support_request.decline_reason = SupportRequest.Status.DECLINED, reason.strip()
    support_request.handled_by = actor
    support_request.save(update_fields=["status", "decline_reason", "handled_by"])
    record(action=Action.UPDATE, actor=actor, obj=support_request, details={"status": support_request.status})
    return support_request


# --- Recommendations ------------------------------------------------------------------------------------------


@transaction.atomic
def recommendation_submit(*, actor, cooperation, kind: str, text: str) -> Recommendation:
    refuse_personal_number(text, field="text")
    recommendation = Recommendation.objects.create(
        voivodeship=voivodeship_of(cooperation.unit),
        cooperation=cooperation,
        kind=kind,
        text=text.strip(),
        submitted_by=actor,
    )
    record(action=Action.CREATE, actor=actor, obj=recommendation, details={"cooperation": cooperation.pk})
    _tell_rops(
        actor=actor,
        voivodeship=recommendation.voivodeship,
        message=_("The gmina %(gmina)s sends ROPS a recommendation (kind: %(kind)s).")
        % {"gmina": cooperation.unit.name, "kind": recommendation.get_kind_display()},
        url=reverse("regional:recommendations") + "?status=" + Recommendation.Status.SUBMITTED,
        key=f"recommendation-{recommendation.pk}-submitted",
    )
    return recommendation


_RECOMMENDATION_STEPS = {
    Recommendation.Status.ACCEPTED: {Recommendation.Status.SUBMITTED},
    Recommendation.Status.REJECTED: {Recommendation.Status.SUBMITTED, Recommendation.Status.ACCEPTED},
    Recommendation.Status.FORWARDED: {Recommendation.Status.ACCEPTED},
}


@transaction.atomic
def recommendation_decide(*, actor, recommendation: Recommendation, status: str, note: str = "") -> Recommendation:
    """submitted → accepted → forwarded, or rejected (from submitted or accepted)."""
    if status not in _RECOMMENDATION_STEPS:
        raise ValidationError(_("This cannot be done in the current status."), code="status")
    _transition(recommendation, _RECOMMENDATION_STEPS[status])
    refuse_personal_number(note, field="note")
    recommendation.status, recommendation.decision_note = status, note.strip()
    recommendation.decided_by, recommendation.decided_at = actor, timezone.now()
    recommendation.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    record(action=Action.UPDATE, actor=actor, obj=recommendation, details={"status": status})
    return recommendation
