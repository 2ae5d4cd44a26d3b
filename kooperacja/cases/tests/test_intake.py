"""The intake (R-30): a worker of an institution serving the gmina refers a family to its OPS; the OPS staff accept
(a case opens) or decline with a reason; the sender follows the status without the family's details once it is
decided, and does not see the case unless they join its group with the family's consent."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from conftest import login
from kooperacja.accounts.access import case_for_user, forget_memberships
from kooperacja.accounts.models import Role
from kooperacja.audit.models import AuditEvent
from kooperacja.cases.intake import selectors, services
from kooperacja.cases.models import Case, Person, Referral
from kooperacja.cooperation.models import Cooperation
from kooperacja.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def refer(teacher_school, cooperation, institutions, name="Jan Nowak") -> Referral:
    return services.referral_send(
        actor=teacher_school,
        cooperation=cooperation,
        from_institution=institutions["school"],
        kind=Case.Kind.FAMILY,
        person_name=name,
        reason="Dziecko często nieobecne w szkole",
    )


def test_a_referral_goes_to_the_ops_staff_and_names_nobody_in_the_notification(
    cooperation, teacher_school, coordinator_ops, institutions
):
    referral = refer(teacher_school, cooperation, institutions)
    assert referral.status == Referral.Status.SENT and referral.reference.startswith("Z/")
    note = Notification.objects.get(user=coordinator_ops)
    assert referral.reference in note.message and "Nowak" not in note.message
    event = AuditEvent.objects.get(object_type="cases.referral", object_id=str(referral.pk))
    assert "Nowak" not in str(event.details)
    assert selectors.referral_inbox(coordinator_ops) == [referral]
    assert selectors.referral_inbox(teacher_school) == []


def test_only_workers_of_institutions_serving_the_gmina_refer(cooperation, worker_other_gmina, institutions):
    assert selectors.referral_targets(worker_other_gmina) == []
    with pytest.raises(ValidationError):
        services.referral_send(
            actor=worker_other_gmina,
            cooperation=cooperation,
            from_institution=institutions["ops_other"],
            kind="family",
            person_name="X Y",
            reason="powód",
        )


def test_acceptance_opens_a_case_with_the_person_and_the_sender_does_not_see_it(
    cooperation, teacher_school, coordinator_ops, institutions
):
    referral = refer(teacher_school, cooperation, institutions)
    case = services.referral_accept(actor=coordinator_ops, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.case == case
    assert case.coordinator == coordinator_ops and case.status == Case.Status.INTAKE
    person = Person.objects.get(case=case)
    assert (person.first_name, person.last_name) == ("Jan", "Nowak")
    assert Notification.objects.filter(user=teacher_school, message__contains=referral.reference).exists()
    with pytest.raises(Http404):
        case_for_user(user=teacher_school, case_id=case.pk)
    # Once in the group, with a consent covering the school, the sender reads it.
    from kooperacja.cases.services import group_member_add

    group_member_add(
        actor=coordinator_ops, group=case.groups.get(), user=teacher_school, institution=institutions["school"]
    )
    with pytest.raises(Http404):
        case_for_user(user=teacher_school, case_id=case.pk)
    services.consent_record(
        actor=coordinator_ops,
        case=case,
        given_on=case.opened_on,
        given_by="Jan Nowak",
        institutions=[institutions["ops"], institutions["school"]],
    )
    assert case_for_user(user=teacher_school, case_id=case.pk)


def test_decline_needs_a_reason_and_decided_referrals_cannot_change(
    cooperation, teacher_school, coordinator_ops, institutions
):
    referral = refer(teacher_school, cooperation, institutions)
    with pytest.raises(ValidationError):
        services.referral_decline(actor=coordinator_ops, referral=referral, reason=" ")
    services.referral_decline(actor=coordinator_ops, referral=referral, reason="Rodzina objęta wsparciem PCPR")
    assert referral.status == Referral.Status.DECLINED
    for call in (
        lambda: services.referral_accept(actor=coordinator_ops, referral=referral),
        lambda: services.referral_withdraw(actor=teacher_school, referral=referral),
    ):
        with pytest.raises(ValidationError):
            call()


def test_refusals(cooperation, teacher_school, coordinator_ops, institutions, worker_other_gmina):
    referral = refer(teacher_school, cooperation, institutions)
    with pytest.raises(ValidationError):  # the sender does not decide
        services.referral_accept(actor=teacher_school, referral=referral)
    with pytest.raises(ValidationError):  # nor withdraws someone else's referral
        services.referral_withdraw(actor=coordinator_ops, referral=referral)
    with pytest.raises(Http404):
        selectors.referral_for_user(user=worker_other_gmina, referral_id=referral.pk)
    with pytest.raises(Http404):
        selectors.referral_for_user(user=teacher_school, referral_id=referral.pk, decide=True)
    services.referral_withdraw(actor=teacher_school, referral=referral)
    assert referral.status == Referral.Status.WITHDRAWN


def test_the_sender_sees_status_and_reason_never_the_family_once_decided(
    client, cooperation, teacher_school, coordinator_ops, institutions
):
    declined = refer(teacher_school, cooperation, institutions, name="Ignacy Odmowny")
    services.referral_decline(actor=coordinator_ops, referral=declined, reason="Poza zakresem modelu")
    withdrawn = refer(teacher_school, cooperation, institutions, name="Wanda Wycofana")
    services.referral_withdraw(actor=teacher_school, referral=withdrawn)
    accepted = refer(teacher_school, cooperation, institutions, name="Adam Przyjęty")
    services.referral_accept(actor=coordinator_ops, referral=accepted)
    refer(teacher_school, cooperation, institutions, name="Sabina Wysłana")
    login(client, teacher_school)
    page = client.get("/sprawy/").content.decode()
    for reference in (declined.reference, withdrawn.reference, accepted.reference):
        assert reference in page
    assert "Poza zakresem modelu" in page and "Sabina Wysłana" in page
    for name in ("Odmowny", "Wycofana", "Przyjęty"):
        assert name not in page
    assert "Referrals to decide" not in page and "Zgłoszenia do decyzji" not in page


def test_the_ops_inbox_accepts_and_declines_through_http(
    client, cooperation, teacher_school, coordinator_ops, institutions
):
    one = refer(teacher_school, cooperation, institutions, name="Jan Nowak")
    two = refer(teacher_school, cooperation, institutions, name="Ewa Nowa")
    login(client, coordinator_ops)
    page = client.get("/sprawy/").content.decode()
    assert "Jan Nowak" in page and "Ewa Nowa" in page
    response = client.post(f"/sprawy/zgloszenia/{one.pk}/przyjmij/")
    case = Case.objects.get(referrals=one)
    assert response.status_code == 302 and response["Location"] == f"/sprawy/{case.pk}/"
    assert client.post(f"/sprawy/zgloszenia/{two.pk}/odrzuc/", {"reason": ""}).status_code == 400
    assert client.post(f"/sprawy/zgloszenia/{two.pk}/odrzuc/", {"reason": "Nie nasza gmina"}).status_code == 302
    two.refresh_from_db()
    assert two.status == Referral.Status.DECLINED


def test_a_referral_is_sent_through_the_form(client, cooperation, teacher_school, institutions):
    login(client, teacher_school)
    assert client.get("/sprawy/zgloszenia/nowe/").status_code == 200
    target = f"{cooperation.pk}:{institutions['school'].pk}"
    response = client.post(
        "/sprawy/zgloszenia/nowe/",
        {"target": target, "kind": "family", "person_name": "Jan Nowak", "reason": "Częste nieobecności"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.sent_by == teacher_school and referral.from_institution == institutions["school"]


def test_the_ops_opens_a_case_directly(client, cooperation, coordinator_ops, teacher_school):
    login(client, coordinator_ops)
    response = client.post(
        "/sprawy/nowa/",
        {"cooperation": cooperation.pk, "kind": "person", "first_name": "Zofia", "last_name": "Zielińska"},
    )
    case = Case.objects.get()
    assert response["Location"] == f"/sprawy/{case.pk}/" and case.kind == "person"
    assert Person.objects.get(case=case).last_name == "Zielińska"
    with pytest.raises(ValidationError):
        services.case_open_for_person(
            actor=teacher_school, cooperation=cooperation, kind="family", first_name="A", last_name="B"
        )


def test_qualification_and_interview(case, coordinator_ops, teacher_school):
    import datetime

    with pytest.raises(ValidationError):
        services.case_qualify(actor=teacher_school, case=case, qualified=True, decided_on=datetime.date.today())
    services.case_qualify(
        actor=coordinator_ops, case=case, qualified=True, decided_on=datetime.date(2026, 3, 5), note="Spełnia kryteria"
    )
    case.refresh_from_db()
    assert case.status == Case.Status.PLANNING and case.qualified_by == coordinator_ops
    services.case_interview_set(
        actor=coordinator_ops,
        case=case,
        interview_date=datetime.date(2026, 3, 4),
        interview_reference="OPS.4011.12.2026",
    )
    case.refresh_from_db()
    assert case.interview_reference == "OPS.4011.12.2026"


def test_not_qualified_closes_the_case_read_only(case, coordinator_ops):
    import datetime

    services.case_qualify(actor=coordinator_ops, case=case, qualified=False, decided_on=datetime.date(2026, 3, 5))
    assert case.status == Case.Status.NOT_QUALIFIED and case.closed_on == datetime.date(2026, 3, 5)
    with pytest.raises(ValidationError):
        services.person_save(actor=coordinator_ops, case=case, data={"first_name": "Nowa", "last_name": "Osoba"})


@pytest.fixture
def director(institutions):
    user = UserFactory(first_name="Dorota", last_name="Dyrektorska")
    MembershipFactory(user=user, institution=institutions["school"], role=Role.DIRECTOR)
    return user


def _case_urls(case, person, consent):
    base = f"/sprawy/{case.pk}/"
    return [
        base,
        f"{base}kwalifikacja/",
        f"{base}wywiad/",
        f"{base}osoby/nowa/",
        f"{base}osoby/{person.pk}/",
        f"{base}osoby/{person.pk}/dane.json",
        f"{base}osoby/{person.pk}/dane.pdf",
        f"{base}zgody/nowa/",
        f"{base}zgody/{consent.pk}/wycofaj/",
        f"{base}udostepnienie/",
    ]


@pytest.mark.parametrize("actor", ["worker_other_gmina", "animator_rops", "director", "admin_user"])
def test_outsiders_get_404_on_every_case_url(request, client, case, actor):
    user = request.getfixturevalue(actor)
    login(client, user)
    person, consent = case.people.get(), case.consents.get()
    for url in _case_urls(case, person, consent):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{_case_urls(case, person, consent)[0]}osoby/{person.pk}/usun/").status_code == 404
    if actor != "admin_user":  # the break-glass page is for administrators only
        assert client.get(f"/sprawy/{case.pk}/dostep-awaryjny/").status_code == 404
    assert case.reference not in client.get("/sprawy/").content.decode()


def test_a_group_member_reads_but_does_not_change(client, case, teacher_school):
    login(client, teacher_school)
    assert client.get(f"/sprawy/{case.pk}/").status_code == 200
    person = case.people.get()
    for url in (
        f"/sprawy/{case.pk}/osoby/nowa/",
        f"/sprawy/{case.pk}/osoby/{person.pk}/dane.json",
        f"/sprawy/{case.pk}/zgody/nowa/",
    ):
        assert client.get(url).status_code == 403, url


def test_the_list_and_the_overview_run_a_constant_number_of_queries(
    client, case, cooperation, coordinator_ops, teacher_school, institutions, django_assert_max_num_queries
):
    login(client, coordinator_ops)

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    list_before, overview_before = count("/sprawy/"), count(f"/sprawy/{case.pk}/")
    for n in range(4):
        other = services.referral_accept(
            actor=coordinator_ops, referral=refer(teacher_school, cooperation, institutions, name=f"Jan Nowak{n}")
        )
        refer(teacher_school, cooperation, institutions, name=f"Ewa Nowa{n}")
        services.person_save(
            actor=coordinator_ops,
            case=case,
            data={"first_name": f"Dziecko{n}", "last_name": "K", "relation": "child", "age": 5 + n},
        )
        services.consent_record(
            actor=coordinator_ops,
            case=case,
            given_on=case.opened_on,
            given_by="Anna",
            institutions=[institutions["school"], institutions["pcpr"]],
        )
        services.consent_override_record(
            actor=coordinator_ops,
            case=case,
            institution=institutions["pcpr"],
            legal_basis="art. 12",
            reason="dziecko zagrożone",
        )
        assert other
    assert count("/sprawy/") <= list_before
    assert count(f"/sprawy/{case.pk}/") <= overview_before


def _targets(user) -> list[tuple[int, list[int]]]:
    return [(c.pk, [i.pk for i in serving]) for c, serving in selectors.referral_targets(user)]


def test_referral_targets_are_the_gminas_the_users_institutions_serve(
    cooperation, territory, institutions, teacher_school, animator_pcpr, worker_other_gmina
):
    from kooperacja.cooperation import services as cooperation_services
    from kooperacja.directory.models import Institution
    from tests.factories import InstitutionFactory

    # Another active cooperation in the voivodeship, which none of these institutions serves.
    other = cooperation_services.cooperation_create(
        actor=worker_other_gmina,
        unit=territory["other_gmina"],
        name="Kooperacja w Rypinie",
        variant="urban_rural",
        start_date=cooperation.start_date,
    )
    assert _targets(teacher_school) == [(cooperation.pk, [institutions["school"].pk])]  # its own gmina
    assert _targets(animator_pcpr) == [(cooperation.pk, [institutions["pcpr"].pk])]  # the county above it
    assert _targets(worker_other_gmina) == [(other.pk, [institutions["ops_other"].pk])]
    # An institution that names the gmina among the units it serves; a national one serves every gmina.
    institutions["ops_other"].other_units.add(territory["gmina"])
    assert _targets(worker_other_gmina) == sorted(
        [(cooperation.pk, [institutions["ops_other"].pk]), (other.pk, [institutions["ops_other"].pk])],
        key=lambda row: Cooperation.objects.get(pk=row[0]).name,
    )
    national = InstitutionFactory(name="Fundacja ogólnopolska", kind="ngo", level=Institution.Level.NATIONAL)
    MembershipFactory(user=teacher_school, institution=national, role=Role.CASE_WORKER)
    forget_memberships(teacher_school)
    assert {c for c, _ in _targets(teacher_school)} == {cooperation.pk, other.pk}
