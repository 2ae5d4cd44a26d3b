"""Helpers of the browser tests: logging in as a person does, axe-core checks, screenshots for the docs."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from kooperacja.core.demo import ACCOUNTS, DEMO_PASSWORD, DemoAccount

VIEWPORT = {"width": 1366, "height": 768}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Demo accounts by the part of the e-mail address before "@": admin, rops, ewaluator, pcpr, ops, ...
DEMO = {account.email.split("@")[0]: account for account in ACCOUNTS}

_axe = Axe()


def totp_code(key: bytes) -> str:
    return f"{totp(key):06d}"


def key_from_secret(secret_text: str) -> bytes:
    """The key behind the secret shown on the enrolment page (base32 in groups of four, without padding)."""
    secret = re.sub(r"\s+", "", secret_text).upper()
    return b32decode(secret + "=" * (-len(secret) % 8))


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").first.click()


def log_in_password(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Step one of logging in: e-mail address and password."""
    page.goto("/konto/logowanie/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit(page)


def log_in(page: Page, account: DemoAccount) -> None:
    """The real two-step login: e-mail and password, then the current code of the authenticator app."""
    log_in_password(page, account.email)
    expect(page).to_have_url(re.compile(r"/konto/weryfikacja/$"))
    page.locator("input[name=token]").fill(totp_code(account.totp_key))
    submit(page)
    expect(page).to_have_url(re.compile(r"/pulpit/$"))


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.0/2.1 A or AA violation on the page as it is now."""
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
            for node in violation["nodes"][:5]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    {node['target']}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    """A screenshot for the documentation: docs/screenshots/<name>.png (the whole page unless it is very long)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page, animations="disabled", caret="hide")
