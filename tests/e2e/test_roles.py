"""Each demo role logs in through the real two-step form, sees its own menu, and every page it offers is accessible."""

import re

import pytest
from playwright.sync_api import Page, expect

from kooperacja.core.demo import INSTITUTIONS
from tests.e2e.helpers import VIEWPORT, assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e

ADMIN_ONLY = ["/konto/uzytkownicy/", "/dziennik/", "/admin/"]
COMMON = ["/pulpit/", "/teryt/", "/instytucje/"]
# The "my area" link of each role: the voivodeship for ROPS, the county for PCPR, the gmina for OPS, the
# coordinator and the mayor; none for the evaluator, school, police and the administrator.
AREA = {
    "admin": None,
    "rops": "/teryt/04/",
    "ewaluator": None,
    "pcpr": "/teryt/0405/",
    "ops": "/teryt/040504/",
    "koordynator": "/teryt/040504/",
    "dyrektor": None,
    "pedagog": None,
    "policja": None,
    "burmistrz": "/teryt/040504/",
}
AREA_NAME = {"/teryt/04/": "kujawsko-pomorskie", "/teryt/0405/": "golubsko-dobrzyński", "/teryt/040504/": "Kowalewo"}
INSTITUTION_NAME = {key: name for key, name, _kind, _code in INSTITUTIONS}
# The pages photographed for the documentation, by (role, page).
SCREENSHOTS = {
    ("ops", "/pulpit/"): "dashboard-ops",
    ("rops", "/pulpit/"): "dashboard-rops",
    ("ops", "/teryt/040504/"): "territory-gmina",
    ("admin", "/teryt/"): "territory-search",
    ("admin", "/instytucje/"): "institutions",
    ("admin", "/konto/uzytkownicy/"): "users",
    ("admin", "/dziennik/"): "audit-log",
    ("admin", "/admin/"): "admin",
}


def expected_menu(role: str) -> list[str]:
    menu = ["/pulpit/"]
    if AREA[role]:
        menu.append(AREA[role])
    menu += ["/instytucje/", "/instytucje/karty/", "/analiza/", "/kooperacja/", "/spotkania/"]
    if role in ("pcpr", "ops", "koordynator", "dyrektor", "pedagog", "policja"):
        menu.append("/sprawy/")
    if role in ("rops", "ewaluator"):
        menu.append("/region/")
    if role == "admin":
        menu += ADMIN_ONLY
    return menu


def menu_links(page: Page) -> list[str]:
    return page.locator("#main-menu ul").first.locator("a").evaluate_all("links => links.map(a => a.pathname)")


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("h1").first).to_be_visible()


@pytest.mark.parametrize("role", list(AREA))
def test_role_menu_and_pages_are_accessible(page: Page, demo, role):
    account = demo[role]
    log_in(page, account)

    # The menu is the role's own, and it fits a laptop's width on one line (no sideways scrolling).
    menu = menu_links(page)
    assert menu == expected_menu(role)
    for width in (1366, 1200):
        page.set_viewport_size({"width": width, "height": 768})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{role}: the page is {overflow}px wider than a {width}px window"
    page.set_viewport_size(VIEWPORT)
    expect(page.locator("#main-menu")).to_contain_text(f"{account.first_name} {account.last_name}")
    if role != "admin":
        for path in ADMIN_ONLY:
            expect(page.locator(f'a[href="{path}"]')).to_have_count(0)
        expect(page.locator("main")).to_contain_text(INSTITUTION_NAME[account.institution])
    if AREA[role]:
        expect(page.locator("main")).to_contain_text(AREA_NAME[AREA[role]])

    # Every page the menu offers, and the own account page linked next to it, opens and passes axe.
    account_link = page.locator("#main-menu ul").nth(1).locator("a").first.evaluate("a => a.pathname")
    for path in [*menu, account_link]:
        visit(page, path)
        if path != "/admin/":
            expect(page.locator(f'#main-menu a[href="{path}"][aria-current="page"]')).to_have_count(
                1 if path in menu else 0
            )
        assert_accessible(page)
        if (role, path) in SCREENSHOTS:
            screenshot(page, SCREENSHOTS[(role, path)])

    if role == "admin":
        # A user's page from the list of users.
        visit(page, "/konto/uzytkownicy/")
        page.get_by_role("link", name=f"{demo['pedagog'].first_name} {demo['pedagog'].last_name}").click()
        expect(page).to_have_url(re.compile(r"/konto/uzytkownicy/\d+/$"))
        expect(page.locator("h1")).to_have_text(f"{demo['pedagog'].first_name} {demo['pedagog'].last_name}")
        expect(page.locator("input[name=email]")).to_have_value(demo["pedagog"].email)
        assert_accessible(page)
        screenshot(page, "user-detail")
    else:
        # Administration pages are refused, not merely hidden from the menu.
        for path in ADMIN_ONLY[:2]:
            response = page.goto(path)
            assert response is not None and response.status == 403, f"{role} opened {path}"
