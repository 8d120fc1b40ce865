"""What every browser test shares: Debian's Chromium (one per module) and a real server on a
fresh data folder (one per test). A test module needing another server (LAN mode) defines its
own fixture of the same name."""

from __future__ import annotations

import os

import pytest

from tests.server import running_server

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture()
def server(tmp_path):
    with running_server(tmp_path / "data") as (base, _process):
        yield base


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    """The folder for the browser tests' screenshots: under pytest's temporary folder (kept
    for the last three runs, `--basetemp` to choose it), never /tmp itself or the repository."""
    return tmp_path_factory.mktemp("e2e-shots")
