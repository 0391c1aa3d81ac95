"""Browser-test fixtures: Chromium, one isolated JupyterLab per session, a page per test."""

import os
import shutil
from pathlib import Path

import pytest

from .lab_page import close_all, load_lab
from .lab_server import start_lab

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; without it the browser tests skip, or fail on CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install it with `apt-get install -y chromium`"
        if _on_ci():
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A scratch copy of notebooks/, solutions/ and the browser fixtures (repo untouched)."""
    root = tmp_path_factory.mktemp("lab_root")
    for name in ("notebooks", "solutions"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(FIXTURES, root / "fixtures")
    return root


@pytest.fixture(scope="session")
def lab_server(chromium_path, lab_root, tmp_path_factory):
    """One JupyterLab for the whole session, with isolated Jupyter/IPython dirs."""
    server = start_lab(lab_root, tmp_path_factory.mktemp("jupyter"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Headless Chromium driven through Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def lab_app(browser, lab_server):
    """One page with JupyterLab loaded, reused by every test (loading Lab costs ~3 s)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    load_lab(page, lab_server.url)
    yield page
    context.close()


@pytest.fixture
def lab_page(lab_app, lab_server):
    """The Lab page with no tab open; afterwards tabs close and the kernel shuts down."""
    try:
        yield lab_app
    finally:
        try:
            close_all(lab_app)
        except Exception:  # a wedged page: start the next test from a fresh load
            load_lab(lab_app, lab_server.url)
        lab_server.shutdown_kernels_in_background()
