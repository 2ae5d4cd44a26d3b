import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kooperacja.core.concurrency import Versioned
from kooperacja.core.crypto import EncryptedTextField


class Case(Versioned):
    """Work with a person, a family or a group within a cooperation (R-30 …). Its reference — not a name — is
    what lists, URLs, e-mails and invitations show."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        FAMILY = "family", _("family")
        GROUP = "group", _("group")

    class Status(models.TextChoices):
        INTAKE = "intake", _("intake")
        PLANNING = "planning", _("planning")
        MONITORING = "monitoring", _("monitoring")
        CLOSED = "closed", _("closed")
        NOT_QUALIFIED = "not_qualified", _("not qualified")

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(_("case reference"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.FAMILY)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.INTAKE)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.PROTECT, related_name="+"
    )
    ops_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("OPS staff with access"), blank=True, related_name="+"
    )
    opened_on = models.DateField(_("opened"), default=datetime.date.today)
    # The qualification decision of the OPS.
    qualified_on = models.DateField(_("qualified on"), null=True, blank=True)
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    qualification_note = EncryptedTextField(_("qualification decision"), blank=True)
    # The family environmental interview is kept in the OPS system; the case keeps its date and reference.
    interview_date = models.DateField(_("date of the family environmental interview"), null=True, blank=True)
    interview_reference = models.CharField(_("reference of the interview"), max_length=60, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Set by `apply_retention` once the personal data of the closed case are erased; the statistics stay.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "reference"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.NOT_QUALIFIED)


class Person(Versioned):
    """A person of a case: minimal by design. PESEL and address are encrypted; the PESEL is found by its keyed
    hash."""

    class Relation(models.TextChoices):
        MAIN = "main", _("person supported / head of the family")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        OTHER = "other", _("other member of the household")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    # Names are encrypted like the PESEL: lists sort them in Python, after the access filter.
    first_name = EncryptedTextField(_("first name"), max_length=80)
    last_name = EncryptedTextField(_("surname"), max_length=120)
    pesel = EncryptedTextField(_("PESEL"), blank=True)
    pesel_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # When only an age is known (a child of the family): the year of birth it implies, so the age stays true.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices, default=Relation.MAIN)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["case", "relation", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int | None:
        today = datetime.date.today()
        if not self.birth_date:
            return today.year - self.birth_year if self.birth_year else None
        return (
            today.year
            - self.birth_date.year
            - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
        )

    @property
    def masked_pesel(self) -> str:
        """What a group member sees: enough to tell two people apart, not the number."""
        return "•" * 8 + self.pesel[-3:] if self.pesel else ""


class Referral(models.Model):
    """A need reported to the OPS by a worker of another institution, with only the data needed (R-30). The
    sender follows its status; once declined or withdrawn, nothing of the family stays visible to them."""

    class Status(models.TextChoices):
        # Own context: "accepted" elsewhere means a consent or an approval; a referral is taken by the OPS.
        SENT = "sent", pgettext_lazy("referral status", "sent")
        ACCEPTED = "accepted", pgettext_lazy("referral status", "accepted")
        DECLINED = "declined", pgettext_lazy("referral status", "declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("referral status", "withdrawn")

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.PROTECT, related_name="referrals")
    from_institution = models.ForeignKey(
        "directory.Institution", verbose_name=_("referring institution"), on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("referral reference"), max_length=30, unique=True)
    kind = models.CharField(_("concerns"), max_length=8, choices=Case.Kind.choices, default=Case.Kind.FAMILY)
    person_name = EncryptedTextField(_("name of the person or family"))
    reason = EncryptedTextField(_("reason for the referral"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals")

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.reference


class Consent(models.Model):
    """The consent of the person or family to share their case with named institutions (R-30). Withdrawal ends
    the joint work."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("given on"))
    given_by = EncryptedTextField(_("given by"), max_length=160)
    institutions = models.ManyToManyField(
        "directory.Institution", verbose_name=_("institutions covered"), related_name="+"
    )
    # How the family put it, so the sentence it signs can be rebuilt: all the team's institutions but the
    # exceptions, or only those listed. ``institutions`` stays what may share, whichever way it was given.
    all_team = models.BooleanField(_("all the team's institutions"), default=False)
    exceptions = models.ManyToManyField(
        "directory.Institution", verbose_name=_("institutions refused"), blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = EncryptedTextField(_("withdrawal"), blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["case", "-given_on"]

    def __str__(self) -> str:
        return f"{self.case} {self.given_on}"

    @property
    def summary(self) -> str:
        """The plain sentence of what the family agreed to: what it signs and what the case shows."""
        return consent_summary(
            all_team=self.all_team,
            institutions=list(self.institutions.all()),
            exceptions=list(self.exceptions.all()),
        )


def consent_summary(*, all_team: bool, institutions, exceptions=()) -> str:
    from django.utils.translation import gettext

    def names(items) -> str:
        return ", ".join(sorted((i.name for i in items), key=str.casefold))

    if all_team and exceptions:
        return gettext(
            "The family agrees to the exchange of information with all the team's institutions except: %(names)s."
        ) % {"names": names(exceptions)}
    if all_team:
        return gettext("The family agrees to the exchange of information with all the team's institutions.")
    return gettext("The family agrees to the exchange of information with: %(names)s.") % {"names": names(institutions)}


class ConsentOverride(models.Model):
    """Sharing with an institution the consent does not cover, on a legal basis (e.g. a child at risk)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_overrides")
    institution = models.ForeignKey("directory.Institution", on_delete=models.PROTECT, related_name="+")
    legal_basis = EncryptedTextField(_("legal basis"), max_length=255)
    reason = EncryptedTextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("sharing without consent")
        verbose_name_plural = _("sharing without consent")

    def __str__(self) -> str:
        return f"{self.case} → {self.institution_id}"


class CaseGroup(models.Model):
    """A case group (GGK, R-32): workers of several institutions (and close persons where useful) for one case
    or several."""

    cooperation = models.ForeignKey("cooperation.Cooperation", on_delete=models.PROTECT, related_name="case_groups")
    cases = models.ManyToManyField(Case, related_name="groups", verbose_name=_("cases"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("case group")
        verbose_name_plural = _("case groups")

    def __str__(self) -> str:
        return f"GGK {self.pk}"


class GroupMembership(models.Model):
    """A member of a case group over time. A worker has an account; a close person only a name."""

    class Role(models.TextChoices):
        MEMBER = "member", _("worker of an institution")
        CLOSE_PERSON = "close_person", _("close person")

    class Function(models.TextChoices):
        """The member's function in the group, in the words the field uses (the list of 002 §4.2)."""

        PROBATION_OFFICER = "probation_officer", pgettext_lazy("function in a case group", "probation officer")
        PSYCHOLOGIST = "psychologist", pgettext_lazy("function in a case group", "psychologist")
        THERAPIST = "therapist", pgettext_lazy("function in a case group", "therapist")
        FAMILY_ASSISTANT = "family_assistant", pgettext_lazy("function in a case group", "family assistant")
        SCHOOL_PEDAGOGUE = "school_pedagogue", pgettext_lazy("function in a case group", "school pedagogue")
        COMMUNITY_OFFICER = "community_officer", pgettext_lazy("function in a case group", "community police officer")
        SOCIAL_WORKER = "social_worker", pgettext_lazy("function in a case group", "social worker")
        MEDICAL = "medical", pgettext_lazy("function in a case group", "doctor / community nurse")
        CAREER_ADVISER = "career_adviser", pgettext_lazy("function in a case group", "career adviser")
        OTHER = "other", pgettext_lazy("function in a case group", "other")

    group = models.ForeignKey(CaseGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="case_group_memberships"
    )
    institution = models.ForeignKey(
        "directory.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = EncryptedTextField(_("name"), max_length=160, blank=True, help_text=_("For a close person."))
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.MEMBER)
    function = models.CharField(_("function in the group"), max_length=20, choices=Function.choices, blank=True)
    function_other = models.CharField(_("other function"), max_length=120, blank=True)
    joined_on = models.DateField(_("joined"), default=datetime.date.today)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("member of a case group")
        verbose_name_plural = _("members of case groups")
        ordering = ["group", "joined_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""), name="group_member_is_someone"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.user)

    @property
    def function_label(self) -> str:
        """The function as people read it: the free text for "other", else the field's word."""
        if self.function == self.Function.OTHER:
            return self.function_other or str(self.get_function_display())
        return str(self.get_function_display()) if self.function else ""


class CoordinationHandover(models.Model):
    """Coordination of a group handed from an OPS worker to another institution's representative (R-32)."""

    group = models.ForeignKey(CaseGroup, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"), blank=True)
    at = models.DateTimeField(_("handed over"), auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.group} {self.at:%Y-%m-%d}"


class BreakGlass(models.Model):
    """An administrator's emergency access to a case, with a written reason; logged and shown to the
    coordinator. Valid for an hour."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    VALID_FOR = datetime.timedelta(hours=1)

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case} {self.at:%Y-%m-%d %H:%M}"
