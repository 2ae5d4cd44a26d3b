"""What the benchmark opens: the same objects at every scale — the first seeded gmina's people, its
cooperation, a case in monitoring with an approved plan, monthly reports and annex 7 — so that a page measured
on one gmina and on the whole country is the page of the same object."""

from django.db.models import Exists, OuterRef

from kooperacja.cases.models import Case, GroupMembership, MonitoringInformation, MonthlyReport
from kooperacja.cooperation.models import Cooperation
from kooperacja.demo.models import ScaleDataset
from kooperacja.demo.scale import texts
from kooperacja.diagnosis.models import Analysis
from kooperacja.directory.models import Institution
from kooperacja.meetings.models import Meeting


def email(role: str, code: str) -> str:
    return f"{role}.{code}@{texts.DOMAIN}"


def bench_subjects() -> dict:
    """Ids and e-mail addresses of the benchmark's objects in the seeded database. Every account's password is
    ``password``; its TOTP device is confirmed (read its key from the device, as the tests do)."""
    dataset = ScaleDataset.objects.filter(finished_at__isnull=False).order_by("pk").first()
    if dataset is None:
        raise LookupError("No finished seed_scale data set in the database: run manage.py seed_scale first.")
    gmina = dataset.first_gmina
    county, voivodeship = gmina[:4], gmina[:2]
    cooperation = Cooperation.objects.filter(unit__code=gmina, status=Cooperation.Status.ACTIVE).order_by("pk")[0]
    case_worker = email("pedagog", gmina)
    reviewed = MonitoringInformation.objects.filter(case=OuterRef("pk"), status=MonitoringInformation.Status.REVIEWED)
    plan_case = (
        Case.objects.filter(cooperation=cooperation, status=Case.Status.MONITORING)
        .filter(Exists(reviewed), Exists(MonthlyReport.objects.filter(case=OuterRef("pk"))))
        .filter(
            Exists(
                GroupMembership.objects.filter(
                    group__cases=OuterRef("pk"), user__email=case_worker, left_on__isnull=True
                )
            )
        )
        .order_by("pk")[0]
    )
    monitoring = (
        MonitoringInformation.objects.filter(case=plan_case, status=MonitoringInformation.Status.REVIEWED)
        .order_by("-period_start")
        .values_list("pk", flat=True)[0]
    )
    meeting = (
        Meeting.objects.filter(cooperation=cooperation, kind=Meeting.Kind.TEAM, status=Meeting.Status.HELD)
        .order_by("-starts_at")
        .values_list("pk", flat=True)[0]
    )
    return {
        "password": texts.PASSWORD,
        "scale": dataset.scale,
        "seed": dataset.seed,
        "coordinator_email": email("koordynator", gmina),
        "case_worker_email": case_worker,
        "family_assistant_email": email("asystent", gmina),
        "rops_animator_email": email("rops", voivodeship),
        "pcpr_animator_email": email("pcpr", county),
        "director_email": email("dyrektor", gmina),
        "admin_email": f"admin@{texts.DOMAIN}",
        "case_id": plan_case.pk,
        "plan_case_id": plan_case.pk,
        "meeting_id": meeting,
        "cooperation_id": cooperation.pk,
        "institution_id": Institution.objects.values_list("pk", flat=True).get(unit__code=gmina, kind="ops"),
        "analysis_id": Analysis.objects.values_list("pk", flat=True).get(unit__code=gmina, is_current=True),
        "voivodeship_code": voivodeship,
        "county_code": county,
        "gmina_code": gmina,
        "monitoring_id": monitoring,
    }
