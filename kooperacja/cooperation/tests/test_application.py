"""The application to ROPS (R-22) and the notice of an independent start (002 §3.5): the lifecycle, its refusals,
the notifications to ROPS and back, and the steps they mark."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from kooperacja.accounts.models import Role
from kooperacja.audit.models import AuditEvent
from kooperacja.cooperation.application import services
from kooperacja.cooperation.application.selectors import application_warnings
from kooperacja.cooperation.models import CooperationRole, RopsApplication
from kooperacja.diagnosis.services import analysis_create
from kooperacja.notifications.models import Notification
from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = RopsApplication.Status
CONTACT = {
    "contact_name": "Katarzyna Koordynatorka",
    "contact_function": "koordynatorka",
    "contact_phone": "56 000 00 00",
    "contact_email": "kk@ops.example",
}


@pytest.fixture
def rops_director(institutions):
    user = UserFactory(first_name="Dorota", last_name="Dyrektorka")
    MembershipFactory(user=user, institution=institutions["rops"], role=Role.DIRECTOR)
    return user


@pytest.fixture
def rops_elsewhere(db, territory):
    """A ROPS animator of another voivodeship: must see nothing of our gmina."""
    voivodeship = UnitFactory(code="14", level="wojewodztwo", kind="wojewodztwo", name="mazowieckie", parent=None)
    rops = InstitutionFactory(name="ROPS mazowiecki", kind="rops", unit=voivodeship)
    user = UserFactory(first_name="Marek", last_name="Mazowiecki")
    MembershipFactory(user=user, institution=rops, role=Role.ROPS_ANIMATOR)
    return user


def msg(text: str) -> str:
    """A pattern for a message as the user reads it (Polish once the catalogue has it)."""
    return re.escape(_(text))


def draft(cooperation, actor, **data):
    return services.application_create(
        actor=actor, cooperation=cooperation, data={**CONTACT, "support": ["moderation", "mediation"], **data}
    )


def step_status(cooperation, kind):
    return cooperation.steps.get(kind=kind).status


def test_the_whole_lifecycle_notifies_both_sides_and_marks_the_step(
    cooperation, coordinator_ops, animator_rops, rops_director
):
    application = draft(cooperation, coordinator_ops, description="Słaba współpraca ze szkołami.")
    assert application.status == Status.DRAFT and application.support == ["moderation", "mediation"]
    assert step_status(cooperation, "application") == "todo"

    services.application_submit(actor=coordinator_ops, application=application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.submitted_by == coordinator_ops
    assert step_status(cooperation, "application") == "in_progress"
    told = set(Notification.objects.filter(kind="application").values_list("user_id", flat=True))
    assert told == {animator_rops.pk, rops_director.pk}
    assert "Kowalewo" in Notification.objects.get(user=animator_rops).message

    services.application_assign(actor=rops_director, application=application, animator=animator_rops)
    application.refresh_from_db()
    assert application.status == Status.ASSIGNED and application.animator == animator_rops
    assert CooperationRole.objects.filter(
        cooperation=cooperation, user=animator_rops, role=CooperationRole.Role.ROPS_ANIMATOR
    ).exists()
    assert Notification.objects.filter(user=animator_rops).count() == 2  # sent, then assigned to her
    assert Notification.objects.filter(user=coordinator_ops, url=f"/kooperacja/{cooperation.pk}/zgloszenie/").exists()

    services.application_answer(
        actor=animator_rops, application=application, agreed_support=["moderation"], answer="Zadzwonię w piątek."
    )
    application.refresh_from_db()
    assert application.status == Status.ANSWERED and application.agreed_support == ["moderation"]
    assert application.answered_by == animator_rops
    assert step_status(cooperation, "application") == "done"
    assert Notification.objects.filter(user=coordinator_ops).count() == 2  # assigned, then answered
    assert AuditEvent.objects.filter(object_type="cooperation.ropsapplication").count() == 4


def test_submitting_twice_and_editing_after_submit_are_refused(cooperation, coordinator_ops, animator_rops):
    application = draft(cooperation, coordinator_ops)
    services.application_submit(actor=coordinator_ops, application=application)
    with pytest.raises(ValidationError, match=msg("It has already been sent to ROPS.")):
        services.application_submit(actor=coordinator_ops, application=application)
    with pytest.raises(ValidationError, match=msg("Only a draft can be changed: this one has been sent to ROPS.")):
        services.application_update(actor=coordinator_ops, application=application, data={"description": "x"})
    assert Notification.objects.filter(user=animator_rops).count() == 1


def test_one_open_application_per_cooperation_a_new_one_after_withdrawal(cooperation, coordinator_ops):
    application = draft(cooperation, coordinator_ops)
    with pytest.raises(ValidationError):
        draft(cooperation, coordinator_ops)
    services.application_withdraw(actor=coordinator_ops, application=application)
    assert application.status == Status.WITHDRAWN
    again = draft(cooperation, coordinator_ops)
    assert again.pk != application.pk


def test_submit_requires_a_contact_and_a_form_of_support(cooperation, coordinator_ops):
    application = services.application_create(actor=coordinator_ops, cooperation=cooperation, data={})
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=coordinator_ops, application=application)
    assert set(error.value.message_dict) == {"contact_name", "contact_phone", "support"}
    application.refresh_from_db()
    assert application.status == Status.DRAFT and not Notification.objects.exists()


def test_an_incomplete_analysis_warns_but_does_not_block(cooperation, coordinator_ops, institutions):
    application = draft(cooperation, coordinator_ops)
    assert application_warnings(application) == [
        _("No municipality analysis is attached: ROPS will know less about the gmina.")
    ]
    analysis = analysis_create(actor=coordinator_ops, unit=cooperation.unit, year=2026, owner=institutions["ops"])
    services.application_update(actor=coordinator_ops, application=application, data={"analysis": analysis})
    assert "%" in application_warnings(application)[0]
    services.application_submit(actor=coordinator_ops, application=application)
    assert application.status == Status.SUBMITTED


def test_an_analysis_of_another_gmina_cannot_be_attached(cooperation, coordinator_ops, territory):
    other = analysis_create(actor=None, unit=territory["other_gmina"], year=2026)
    with pytest.raises(ValidationError) as error:
        draft(cooperation, coordinator_ops, analysis=other)
    assert "analysis" in error.value.message_dict
    assert not RopsApplication.objects.exists()


def test_only_rops_staff_of_the_voivodeship_assign_and_answer(
    cooperation, coordinator_ops, teacher_school, animator_rops, rops_elsewhere
):
    application = draft(cooperation, coordinator_ops)
    services.application_submit(actor=coordinator_ops, application=application)
    for actor in (coordinator_ops, teacher_school, rops_elsewhere):
        with pytest.raises(PermissionDenied):
            services.application_assign(actor=actor, application=application, animator=animator_rops)
    with pytest.raises(ValidationError, match=msg("Choose a worker of the ROPS of this voivodeship.")):
        services.application_assign(actor=animator_rops, application=application, animator=rops_elsewhere)
    with pytest.raises(ValidationError, match=msg("Assign a regional animator first.")):
        services.application_answer(actor=animator_rops, application=application, agreed_support=[], answer="x")
    services.application_assign(actor=animator_rops, application=application, animator=animator_rops)
    with pytest.raises(ValidationError):
        services.application_answer(actor=animator_rops, application=application, agreed_support=[], answer=" ")
    with pytest.raises(PermissionDenied):
        services.application_answer(actor=rops_elsewhere, application=application, agreed_support=["advice"], answer="")


def test_reassigning_moves_the_role_to_the_new_animator(cooperation, coordinator_ops, animator_rops, rops_director):
    application = draft(cooperation, coordinator_ops)
    services.application_submit(actor=coordinator_ops, application=application)
    services.application_assign(actor=rops_director, application=application, animator=animator_rops)
    services.application_assign(actor=rops_director, application=application, animator=rops_director)
    holders = set(cooperation.roles.filter(role="rops_animator").values_list("user_id", flat=True))
    assert holders == {rops_director.pk}


def test_notice_of_an_independent_start(cooperation, coordinator_ops, animator_rops, institutions):
    pdf = SimpleUploadedFile("porozumienie.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    notice = services.application_create(
        actor=coordinator_ops,
        cooperation=cooperation,
        kind="notice",
        data={**CONTACT, "actions_taken": "Spotkanie z burmistrzem i instytucjami.", "agreement_file": pdf},
        institutions=[institutions["ops"], institutions["school"], institutions["pcpr"]],
    )
    assert notice.agreement_file.name.startswith("rops_notices/")
    services.notice_submit(actor=coordinator_ops, application=notice)
    assert step_status(cooperation, "application") == "done"
    assert Notification.objects.filter(user=animator_rops, url="/kooperacja/rops/zgloszenia/").exists()
    with pytest.raises(ValidationError):
        services.application_submit(actor=coordinator_ops, application=notice)
    services.notice_acknowledge(actor=animator_rops, application=notice)
    assert notice.status == Status.ACKNOWLEDGED and notice.acknowledged_by == animator_rops
    assert Notification.objects.filter(user=coordinator_ops, kind="application").exists()


def test_a_notice_needs_actions_and_institutions_and_a_real_document(cooperation, coordinator_ops, institutions):
    notice = services.application_create(actor=coordinator_ops, cooperation=cooperation, kind="notice", data=CONTACT)
    with pytest.raises(ValidationError) as error:
        services.notice_submit(actor=coordinator_ops, application=notice)
    assert set(error.value.message_dict) == {"actions_taken", "institutions"}
    fake = SimpleUploadedFile("porozumienie.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.application_update(actor=coordinator_ops, application=notice, data={"agreement_file": fake})
    with pytest.raises(ValidationError):
        services.application_update(
            actor=coordinator_ops, application=notice, data={}, institutions=[institutions["ops_other"]]
        )
