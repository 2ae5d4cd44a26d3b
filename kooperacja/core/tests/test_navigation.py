import pytest

from conftest import login


def _menu(client):
    return [item.key for item in client.get("/pulpit/").context["menu"]]


@pytest.mark.django_db
def test_administrator_menu_has_user_management_and_audit(client, admin_user):
    login(client, admin_user)
    menu = _menu(client)
    assert {"users", "audit", "admin"} <= set(menu)


@pytest.mark.django_db
def test_ops_coordinator_menu_has_own_gmina_and_no_administration(client, coordinator_ops, territory):
    login(client, coordinator_ops)
    menu = _menu(client)
    assert f"area-{territory['gmina'].code}" in menu
    assert not {"users", "audit", "admin"} & set(menu)
    html = client.get("/pulpit/").content.decode()
    assert "Moja gmina" in html and "Kowalewo Pomorskie" in html


@pytest.mark.django_db
def test_rops_animator_menu_points_at_the_voivodeship(client, animator_rops, territory):
    login(client, animator_rops)
    assert f"area-{territory['voivodeship'].code}" in _menu(client)
    html = client.get("/pulpit/").content.decode()
    assert "Moje województwo" in html


@pytest.mark.django_db
def test_pcpr_animator_dashboard_counts_gminas_of_the_county(client, animator_pcpr, territory):
    login(client, animator_pcpr)
    assert f"area-{territory['county'].code}" in _menu(client)
    areas = client.get("/pulpit/").context["areas"]
    assert [(a.unit.code, a.gminas, a.urban_rural) for a in areas] == [("0405", 1, 1)]


@pytest.mark.django_db
def test_case_worker_has_no_area_entry_but_the_common_pages(client, teacher_school):
    login(client, teacher_school)
    menu = _menu(client)
    assert menu == ["dashboard", "institutions", "cards", "analyses", "cooperations", "meetings", "cases"]


@pytest.mark.django_db
def test_the_region_is_in_the_menu_of_rops_only(client, animator_rops, teacher_school):
    login(client, animator_rops)
    assert "region" in _menu(client) and "cases" not in _menu(client)
    client.logout()
    login(client, teacher_school)
    assert "region" not in _menu(client)
