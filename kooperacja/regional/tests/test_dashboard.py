"""The ROPS dashboard (R-40): figures per cooperation, stage and lateness, the cartogram, the animators' page,
exports, and who may open it."""

import datetime
import io
import re
import zipfile

import pytest

from conftest import _actor, login
from kooperacja.accounts.models import Role
from kooperacja.cases import services as case_services
from kooperacja.cases.models import Case, WorkPlan
from kooperacja.cooperation import services as cooperation_services
from kooperacja.cooperation.models import Cooperation, CooperationRole, Step
from kooperacja.core.suppression import SUPPRESSED
from kooperacja.regional.dashboard.aggregates import animators_overview, pcpr_post, regional_summary
from kooperacja.regional.dashboard.cartogram import cartogram_rows, cartogram_svg
from kooperacja.regional.dashboard.selectors import load_region
from tests.factories import InstitutionFactory, UnitFactory

TODAY = datetime.date(2026, 5, 20)


def open_cases(cooperation, actor, n: int) -> list[Case]:
    return [case_services.case_open(actor=actor, cooperation=cooperation) for _ in range(n)]


def row_of(summary, cooperation):
    return next(r for r in summary["cooperations"] if r["id"] == cooperation.pk)


# --- Figures ------------------------------------------------------------------------------------------------


def test_zero_cases_are_shown_as_zero(cooperation, territory):
    row = row_of(regional_summary(territory["voivodeship"], today=TODAY), cooperation)
    assert row["cases_open"] == 0
    assert row["cases_closed"] == 0
    assert row["median_days_intake_to_plan"] is None


def test_two_open_cases_are_less_than_five(cooperation, territory, coordinator_ops):
    open_cases(cooperation, coordinator_ops, 2)
    summary = regional_summary(territory["voivodeship"], today=TODAY)
    assert row_of(summary, cooperation)["cases_open"] == "<5"
    assert summary["totals"]["cases_open"] == "<5"
    assert summary["counties"][0]["cases_open"] == "<5"


def test_five_and_more_cases_are_exact(cooperation, territory, coordinator_ops):
    cases = open_cases(cooperation, coordinator_ops, 6)
    Case.objects.filter(pk__in=[c.pk for c in cases[:5]]).update(
        status=Case.Status.CLOSED, closed_on=TODAY, opened_on=datetime.date(2026, 3, 1)
    )
    row = row_of(regional_summary(territory["voivodeship"], today=TODAY), cooperation)
    assert row["cases_closed"] == 5
    assert row["cases_open"] == "<5"  # the sixth
    assert row["cases_closed_by_reason"]["unknown"] == 5


def test_stage_and_lateness_follow_the_steps(cooperation, territory):
    first = cooperation.steps.order_by("order").first()
    row = row_of(regional_summary(territory["voivodeship"], today=TODAY), cooperation)
    assert row["stage"] == "II"  # stage I (dissemination) counts as the start
    assert row["current_step"].startswith(first.code)
    late = [s for s in cooperation.steps.all() if s.is_late(TODAY)]
    assert row["late_steps"] == len(late)
    cooperation.steps.filter(stage__in=["I", "II"]).update(status=Step.Status.DONE)
    assert row_of(regional_summary(territory["voivodeship"], today=TODAY), cooperation)["stage"] == "III"
    Cooperation.objects.filter(pk=cooperation.pk).update(status=Cooperation.Status.ARCHIVED)
    assert row_of(regional_summary(territory["voivodeship"], today=TODAY), cooperation)["stage"] == "ended"


def test_the_summary_takes_a_constant_number_of_queries(
    cooperation, territory, coordinator_ops, django_assert_max_num_queries
):
    open_cases(cooperation, coordinator_ops, 2)
    with django_assert_max_num_queries(25) as few:
        regional_summary(territory["voivodeship"], today=TODAY)
    for n in range(3):
        gmina = UnitFactory(code=f"04050{n + 5}", level="gmina", kind="wiejska", parent=territory["county"])
        other = cooperation_services.cooperation_create(
            actor=coordinator_ops,
            unit=gmina,
            name=f"Kooperacja {n}",
            variant="rural",
            start_date=datetime.date(2026, 1, 1),
        )
        open_cases(other, coordinator_ops, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        summary = regional_summary(territory["voivodeship"], today=TODAY)
    assert summary["totals"]["cooperations"] == 4
    assert summary["totals"]["cases_open"] == 11


def test_cartogram_has_a_tile_per_gmina_coloured_by_stage(cooperation, territory):
    rows = cartogram_rows(load_region(territory["voivodeship"], today=TODAY))
    stages = {g["unit"].code: g["stage"] for row in rows for g in row["gminas"]}
    assert stages == {"040504": "II", "041501": "none"}
    svg = cartogram_svg(rows)
    assert svg.count("<rect") == 2
    assert 'role="img"' in svg and "Kowalewo Pomorskie" in svg


def test_pcpr_rule():
    assert [pcpr_post(n) for n in (0, 1, 4, 5, 9)] == [0.0, 0.5, 0.5, 1.0, 1.0]


def test_animators_workload_and_pcpr_rule_per_powiat(
    cooperation, territory, coordinator_ops, animator_rops, animator_pcpr
):
    CooperationRole.objects.create(cooperation=cooperation, user=animator_rops, role="rops_animator")
    for n in range(5):
        gmina = UnitFactory(code=f"04050{n + 5}", level="gmina", kind="wiejska", parent=territory["county"])
        rural = cooperation_services.cooperation_create(
            actor=coordinator_ops,
            unit=gmina,
            name=f"Kooperacja {n}",
            variant="rural",
            start_date=datetime.date(2026, 1, 1),
        )
        if n == 0:
            CooperationRole.objects.create(cooperation=rural, user=animator_rops, role="rops_animator")
    overview = animators_overview(territory["voivodeship"], today=TODAY)
    (entry,) = overview["workload"]
    assert entry["animator"] == animator_rops and entry["active"] == 2
    counties = {c["county"].code: c for c in overview["counties"]}
    assert counties["0405"]["gminas"] == 5 and counties["0405"]["post"] == 1.0
    assert counties["0415"]["post"] == 0.0


# --- Pages -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/region/", "/region/kartogram/", "/region/animatorzy/"])
def test_rops_opens_the_pages(client, cooperation, animator_rops, path):
    login(client, animator_rops)
    response = client.get(path)
    assert response.status_code == 200
    assert "Kowalewo Pomorskie" in response.content.decode()


HIDDEN_CELL = (
    '<span class="suppressed" title="ukryte: mniej niż 5 przypadków"><span aria-hidden="true">—*</span>'
    '<span class="visually-hidden">ukryte</span></span>'
)
FOOTNOTE = "* ukryte: mniej niż 5 przypadków"
COLUMNS = [  # the <td> cells of a cooperation's row on the dashboard
    "variant",
    "stage",
    "lateness",
    "team size",
    "meetings",
    "attendance",
    "open cases",
    "closed cases",
    "goals reached",
    "days to plan",
    "days to closure",
    "overdue reports",
    "network density",
]


def test_a_median_over_fewer_than_five_cases_says_it_is_hidden(client, cooperation, animator_rops, coordinator_ops):
    for case in open_cases(cooperation, coordinator_ops, 2):
        WorkPlan.objects.create(
            case=case, agreed_on=case.opened_on + datetime.timedelta(days=3), created_by=coordinator_ops
        )
    row = row_of(regional_summary(cooperation.unit.parent.parent), cooperation)
    assert row["median_days_intake_to_plan"] == SUPPRESSED  # the API's marker, never printed as it is
    login(client, animator_rops)
    page = client.get("/region/").content.decode()
    (cells,) = re.findall(
        r"<tr>\s*<th scope=\"row\" class=\"fw-normal\"><a href=\"/region/kooperacje/.*?</tr>", page, re.S
    )
    cell = dict(zip(COLUMNS, re.findall(r"<td>(.*?)</td>", cells, re.S), strict=True))
    assert cell["days to plan"] == HIDDEN_CELL and cell["open cases"] == HIDDEN_CELL
    assert cell["days to closure"] == "—"  # nothing to compute is not hidden
    assert "&lt;5" not in page and FOOTNOTE in page


def test_the_drill_down_shows_the_cooperation(client, cooperation, animator_rops, coordinator_ops):
    open_cases(cooperation, coordinator_ops, 2)
    login(client, animator_rops)
    page = client.get(f"/region/kooperacje/{cooperation.pk}/").content.decode()
    assert cooperation.name in page
    assert HIDDEN_CELL in page and FOOTNOTE in page
    assert "&lt;5" not in page  # reads as "under five"
    assert "Katarzyna Koordynatorka" in page  # workers' names are fine


def test_the_dashboard_page_takes_a_constant_number_of_queries(
    client, cooperation, animator_rops, coordinator_ops, territory, django_assert_max_num_queries
):
    login(client, animator_rops)
    client.get("/region/")
    with django_assert_max_num_queries(40) as few:
        client.get("/region/")
    for n in range(3):
        gmina = UnitFactory(code=f"04050{n + 5}", level="gmina", kind="wiejska", parent=territory["county"])
        cooperation_services.cooperation_create(
            actor=coordinator_ops, unit=gmina, name=f"K {n}", variant="rural", start_date=datetime.date(2026, 1, 1)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/region/")


def test_csv_and_xlsx_exports(client, cooperation, animator_rops, coordinator_ops):
    open_cases(cooperation, coordinator_ops, 2)
    login(client, animator_rops)
    response = client.get("/region/eksport.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Kowalewo Pomorskie" in text and ";ukryte (<5 przypadków);" in text
    assert ";<5;" not in text
    response = client.get("/region/eksport.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "[Content_Types].xml" in archive.namelist()
    assert "Kowalewo Pomorskie" in sheet and ">ukryte (&lt;5 przypadków)</t>" in sheet
    assert ">&lt;5</t>" not in sheet


# --- Who -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["coordinator_ops", "worker_other_gmina", "teacher_school", "animator_pcpr"])
@pytest.mark.parametrize(
    "path", ["/region/", "/region/kartogram/", "/region/animatorzy/", "/region/eksport.csv", "/region/eksport.xlsx"]
)
def test_others_are_refused(client, cooperation, request, actor, path):
    login(client, request.getfixturevalue(actor))
    assert client.get(path).status_code == 403
    assert client.get(f"/region/kooperacje/{cooperation.pk}/").status_code == 403


@pytest.fixture
def rops_elsewhere(db, territory):
    voivodeship = UnitFactory(code="02", level="wojewodztwo", kind="wojewodztwo", name="dolnośląskie", parent=None)
    rops = InstitutionFactory(name="ROPS we Wrocławiu", kind="rops", unit=voivodeship)
    return _actor(rops, Role.ROPS_ANIMATOR, first_name="Wanda", last_name="Wrocławska")


def test_rops_of_another_voivodeship_sees_nothing_of_04(client, cooperation, rops_elsewhere):
    login(client, rops_elsewhere)
    page = client.get("/region/").content.decode()
    assert "Kowalewo" not in page and cooperation.name not in page
    assert client.get("/region/?wojewodztwo=04").status_code == 404
    assert client.get(f"/region/kooperacje/{cooperation.pk}/").status_code == 404
    assert client.get(f"/region/kooperacje/{cooperation.pk}/?wojewodztwo=04").status_code == 404
    assert "Kowalewo" not in client.get("/region/eksport.csv").content.decode("utf-8-sig")
    assert "Kowalewo" not in client.get("/region/kartogram/").content.decode()


def test_an_administrator_may_name_the_voivodeship(client, cooperation, admin_user):
    login(client, admin_user)
    assert cooperation.name in client.get("/region/?wojewodztwo=04").content.decode()
