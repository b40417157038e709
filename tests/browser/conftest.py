"""Browser tests: Playwright drives Debian's Chromium (never `playwright install`) against the
live server; `assert_accessible(page)` runs axe-core from node_modules with WCAG 2.2 AA rules."""
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around
# it are still synchronous, so Django's async-safety guard is relaxed for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: `make chromium` installs Debian's package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets axe-core be injected; the app itself never needs inline script.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, username, password="a-Long-test-passw0rd"):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_problems(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations (and best-practice issues) on the page, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    # Only the violations come back, each with its first node: axe then skips describing every node that
    # passed (most of its time on a long admin page) and the browser sends little back.
    return page.evaluate("""async tags => {
      const result = await axe.run(document, {runOnly: tags, resultTypes: ['violations']});
      return result.violations.map(v =>
        `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes[0].html.slice(0, 120)})`);
    }""", AXE_TAGS)


def assert_accessible(page):
    """axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation (nor best-practice issue) on the page."""
    problems = axe_problems(page)
    assert problems == [], f"{page.url}: " + "; ".join(problems)
