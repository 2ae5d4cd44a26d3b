"""A new account sets up its authenticator app at the first login, then gets its backup codes."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, key_from_secret, log_in_password, screenshot, submit, totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_new_account_enrols_the_second_factor(page: Page, demo):
    user = UserFactory(email="nowa.osoba@kooperacja.example", first_name="Nina", last_name="Nowa", with_totp=False)
    assert not TOTPDevice.objects.filter(user=user).exists()

    log_in_password(page, user.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/konto/drugi-skladnik/$"))
    qr = page.locator("img.qr-code")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code image did not render"
    secret = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret.strip()), secret
    assert_accessible(page)
    screenshot(page, "enrol-2fa")

    page.locator("input[name=token]").fill(totp_code(key_from_secret(secret)))
    submit(page)

    codes = page.locator("ul.backup-codes li")
    expect(codes).to_have_count(10)
    assert len({c.strip() for c in codes.all_inner_texts()}) == 10, "backup codes are not all different"
    assert_accessible(page)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    page.locator('main a.btn[href="/pulpit/"]').click()
    expect(page).to_have_url(re.compile(r"/pulpit/$"))
    expect(page.locator("h1")).to_contain_text("Nina")
    expect(page.locator("#main-menu")).to_contain_text("Nina Nowa")
