"""The pages a person sees before logging in: accessible, reachable by keyboard, and the only thing they reach."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, log_in_password, screenshot, submit, totp_code

pytestmark = pytest.mark.e2e


def test_login_and_password_reset_pages_are_accessible(page: Page, demo):
    page.goto("/konto/logowanie/")
    expect(page.locator("input[name=username]")).to_be_focused()  # autofocus on the first field
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert_accessible(page)
    screenshot(page, "login")

    page.locator('a[href="/konto/haslo/reset/"]').click()
    expect(page).to_have_url(re.compile(r"/konto/haslo/reset/$"))
    assert_accessible(page)
    page.locator("input[name=email]").fill("pedagog@kooperacja.example")
    submit(page)
    expect(page).to_have_url(re.compile(r"/konto/haslo/reset/wyslano/$"))
    assert_accessible(page)


def test_second_factor_page_is_accessible(page: Page, demo):
    log_in_password(page, demo["pedagog"].email)
    expect(page).to_have_url(re.compile(r"/konto/weryfikacja/$"))
    expect(page.locator("input[name=token]")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "second-factor")


def test_wrong_password_shows_an_accessible_error(page: Page, demo):
    log_in_password(page, demo["pedagog"].email, "not-the-password")
    expect(page).to_have_url(re.compile(r"/konto/logowanie/$"))
    expect(page.locator("main .errorlist")).to_be_visible()
    assert_accessible(page)


def test_wrong_code_shows_an_error_and_does_not_log_in(page: Page, demo):
    account = demo["koordynator"]
    log_in_password(page, account.email)
    expect(page).to_have_url(re.compile(r"/konto/weryfikacja/$"))
    wrong = f"{(int(totp_code(account.totp_key)) + 500_000) % 1_000_000:06d}"
    page.locator("input[name=token]").fill(wrong)
    submit(page)

    expect(page).to_have_url(re.compile(r"/konto/weryfikacja/$"))
    expect(page.locator("main .errorlist")).to_be_visible()
    expect(page.locator("input[name=token]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#main-menu")).to_have_count(0)  # no menu: not logged in
    assert_accessible(page)

    # The dashboard stays closed: it sends the person back to the second step.
    page.goto("/pulpit/")
    expect(page).to_have_url(re.compile(r"/konto/weryfikacja/$"))


def test_anonymous_dashboard_ends_at_the_login_page(page: Page, demo):
    page.goto("/pulpit/")
    expect(page).to_have_url(re.compile(r"/konto/logowanie/\?next=/pulpit/$"))
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("#main-menu")).to_have_count(0)


def test_first_tab_focuses_the_visible_skip_link(page: Page, demo):
    skip = page.locator("a.skip-link")

    # A page without an autofocused field: the very first Tab after it opens reaches the skip link.
    page.goto("/konto/haslo/reset/")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    # The login page puts the cursor in the e-mail field (autofocus); from the top of the page the first Tab
    # reaches the skip link too, which appears on screen and leads to the main content.
    page.goto("/konto/logowanie/")
    expect(page.locator("input[name=username]")).to_be_focused()
    page.evaluate("(() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); })()")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()


def test_axe_check_does_report_violations(page: Page, demo):
    """The accessibility check itself works: an image without a text alternative is caught."""
    page.goto("/konto/logowanie/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/img/favicon.svg\">')"
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_accessible(page)
