"""A lazy start (issue 19): create_app and the first page load no printing or spreadsheet
library; every registration still happens at start, and the printouts build on first use.

Each check runs in a fresh interpreter: the test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kehoach_app.db import db
from tests.server import ROOT

# Loaded on first use only: the printouts (ReportLab, python-docx with lxml and PIL), the
# workbooks (openpyxl), migrations (Alembic through Flask-Migrate), the days off (holidays).
HEAVY = ("openpyxl", "docx", "reportlab", "alembic", "flask_migrate", "holidays", "lxml", "PIL")

PROBE = """
import json, sys
from kehoach_app import create_app

heavy = {heavy!r}
loaded = lambda: sorted(name for name in heavy if name in sys.modules)
app = create_app(data_dir={data!r})
report = {{"after_create_app": loaded()}}
client = app.test_client()
home = client.get("/")
report["home"] = [home.status_code, "Hội nghị tổng kết" in home.get_data(as_text=True)]
report["after_home"] = loaded()
# The parts' pages and rules load at their first use (the wiring names them): the home page
# needs the conferences' views, nothing of any other part.
report["parts_after_home"] = sorted(
    name for name in sys.modules
    if name.startswith("kehoach_app.") and name != "kehoach_app.checks"  # the registry
    and name.rsplit(".", 1)[-1].endswith(("views", "checks"))
)

from kehoach_app import checks, demo, transfer
from kehoach_app.conferences import presetting
from kehoach_app.parts import _CARDS
from kehoach_app.printouts import all_printouts

report["printouts"] = sorted(p.key for p in all_printouts())
report["cards"] = sorted(_CARDS)
report["checks"] = sorted({{part for part, _ in checks.registered_checks()}})
report["transfer"] = sorted(part.key for part in transfer._PARTS)
report["demo_parts"] = len(demo._DEMO_PARTS)
report["preset_parts"] = len(presetting._PRESET_PARTS)

# The builders load their libraries when first called, through the same registrations.
built = {{}}
for url in ("/hoi-nghi/{cid}/in/chuong-trinh.pdf", "/hoi-nghi/{cid}/in/danh-sach-dai-bieu.xlsx",
            "/hoi-nghi/{cid}/in/ke-hoach.docx"):
    response = client.get(url)
    built[url.rsplit("/", 1)[1]] = [response.status_code, response.get_data()[:4].hex()]
report["built"] = built
report["after_printing"] = loaded()
print(json.dumps(report))
"""


def _probe(data_dir, conference_id) -> dict:
    code = PROBE.format(heavy=HEAVY, data=str(data_dir), cid=conference_id)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_start_and_first_page_load_no_printing_library(app, demo_id):
    data_dir = app.config["DATA_DIR"]
    with app.app_context():
        db.engine.dispose()  # the database is up to date: the probe's start migrates nothing
    report = _probe(data_dir, demo_id)

    assert report["after_create_app"] == []
    assert report["home"] == [200, True]
    assert report["after_home"] == []
    # (the LAN accounts' few pages are not a part: lan.py registers them with its login)
    assert report["parts_after_home"] == [
        "kehoach_app.accounts.views",
        "kehoach_app.conferences.views",
    ]

    # Every part registered its printouts, card, checks, conference-file functions, demo and
    # preset steps at start, as before the imports were made lazy.
    assert set(report["printouts"]) >= {
        "bang-kiem-trang-tri", "bien-ten", "chuong-trinh", "danh-sach-cho-ngoi",
        "danh-sach-dai-bieu", "danh-sach-ky-nhan", "danh-sach-nhiem-vu", "du-toan", "giay-moi",
        "hien-vat-khen-thuong", "ke-hoach", "kich-ban-dieu-hanh", "kich-ban-trao-thuong",
        "man-hinh-led", "nhan-ghe", "nhan-phong-bi", "noi-dung-in", "phan-cong-nhiem-vu",
        "phong-san-khau", "so-do-cho-ngoi", "so-do-doan-chu-tich", "so-theo-doi-giay-moi",
        "thong-tin-hoi-nghi", "tien-do-nhiem-vu", "tien-thuong",
    }  # fmt: skip
    parts = {"agenda", "awards", "budget", "decor", "delegates", "plan", "seating", "tasks"}
    assert set(report["cards"]) >= parts | {"info"}
    assert set(report["checks"]) >= parts | {"info"}
    assert set(report["transfer"]) >= parts
    assert report["demo_parts"] >= 8
    assert report["preset_parts"] >= 7

    # …and the printouts build through them, loading their libraries then.
    assert report["built"] == {
        "chuong-trinh.pdf": [200, b"%PDF".hex()],
        "danh-sach-dai-bieu.xlsx": [200, b"PK\x03\x04".hex()],
        "ke-hoach.docx": [200, b"PK\x03\x04".hex()],
    }
    assert {"reportlab", "openpyxl", "docx"} <= set(report["after_printing"])


def test_keys_written_for_a_lazy_registration_agree_with_their_module():
    """The wiring registers without loading the modules it names, so it writes their keys
    itself: each must be the one its module uses."""
    receipts = pytest.importorskip("kehoach_app.awards.receipts")
    from kehoach_app.agenda.derived import derived_sources
    from kehoach_app.awards import logic as awards_logic
    from kehoach_app.awards import wiring as awards_wiring
    from kehoach_app.checkin import printout as checkin_printout
    from kehoach_app.printout_registry import get_printout

    assert awards_wiring.RECEIPTS_KEY == receipts.KEY
    assert get_printout(receipts.KEY) is not None
    assert get_printout(checkin_printout.KEY) is not None
    (awards_source,) = derived_sources()
    assert awards_source.prefix == awards_logic.PROGRAMME_KEY_PREFIX
    assert awards_source.placeholder_key == awards_logic.PLACEHOLDER_KEY
