"""The set of printouts of one conference read as the signer reads it: one date line on every
dated document (the ngày ký, or "ngày … tháng … năm YYYY" left for the signer), and the plan's
number on the plan alone (issue 14: documents printed today's date, "… năm 2027" and "… năm
2026" side by side; the fact sheet and the invitations carried the plan's number)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from sqlalchemy import func, select

from kehoach_app.awards.models import Award
from kehoach_app.conferences.logic import SIGNED_PRINTOUTS
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.printouts import all_printouts

# The backdrop and its print texts show the conference's day on the stage (decor's own line,
# "Tân Hòa, ngày … tháng 01 năm 2027"): a line of the decoration, not a document's date line.
BACKDROP = {"phong-san-khau", "noi-dung-in"}
DATE_LINE = re.compile(r"(Tân Hòa, ngày .+? năm \d{4})\s*$")
# Printouts that must carry the set's date line (signed, or attached to the plan).
DATED = {*SIGNED_PRINTOUTS, "chuong-trinh", "kich-ban-dieu-hanh", "phan-cong-nhiem-vu"}
# Reports made after the event (the attendance report): signed on their own day, never the
# plan's ngày ký; their day and month are left blank the same way as the set's.
# The receipt list of the award money (issue 20) is signed when the money is paid, after the
# decision it pays: the year is its decision's (the first list: the earliest decision's).
AFTER_THE_EVENT = {"bao-cao-diem-danh", "ky-nhan-tien-thuong"}


def first_pages(app, client, conference_id: int) -> dict[str, list[str]]:
    pages = {}
    for item in all_printouts():
        if "pdf" not in item.formats:
            continue
        response = client.get(f"/hoi-nghi/{conference_id}/in/{item.key}.pdf")
        assert response.status_code == 200, item.key
        with pdfplumber.open(io.BytesIO(response.data)) as pdf:
            pages[item.key] = (pdf.pages[0].extract_text() or "").splitlines()
    return pages


def date_lines(pages: dict[str, list[str]]) -> dict[str, str]:
    """The header's date line of each page: the first "Tân Hòa, ngày …" line from the top (a
    decoration checklist quotes the backdrop's own line further down)."""
    found: dict[str, str] = {}
    for key, lines in pages.items():
        if key in BACKDROP:
            continue
        for line in lines:
            match = DATE_LINE.search(line)
            if match:
                found[key] = match.group(1)
                break
    return found


def set_signing_date(app, conference_id: int, day: dt.date | None) -> Conference:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference.signing_date = day
        db.session.commit()
        db.session.refresh(conference)
        db.session.expunge(conference)
        return conference


@pytest.mark.parametrize("typed", [True, False], ids=["ngày ký", "để trống"])
def test_every_dated_printout_prints_the_same_date_line(app, client, demo_id, typed):
    with app.app_context():
        event_day = db.session.get(Conference, demo_id).date
        first_decision = db.session.scalar(
            select(func.min(Award.decision_date)).where(Award.conference_id == demo_id)
        )
    signed = event_day - dt.timedelta(days=18) if typed else None
    set_signing_date(app, demo_id, signed)
    if typed:
        month = f"{signed.month:02d}" if signed.month <= 2 else str(signed.month)
        expected = f"Tân Hòa, ngày {signed.day:02d} tháng {month} năm {signed.year}"
    else:  # the day and month for the signer; the year: before the plan's first duty
        with app.app_context():
            from kehoach_app.conferences.logic import signing_year

            year = signing_year(db.session.get(Conference, demo_id).values())
        assert year == min(event_day.year, year)  # the demo's first duties may fall the year before
        expected = f"Tân Hòa, ngày … tháng … năm {year}"
    found = date_lines(first_pages(app, client, demo_id))
    assert DATED <= set(found), DATED - set(found)
    for key, line in found.items():
        if key == "ky-nhan-tien-thuong":
            assert line == f"Tân Hòa, ngày … tháng … năm {first_decision.year}", (key, line)
        elif key in AFTER_THE_EVENT:
            assert line == f"Tân Hòa, ngày … tháng … năm {event_day.year}", (key, line)
        else:
            assert line == expected, (key, line)


def test_only_the_plan_carries_the_plan_number(app, client, demo_id):
    pages = first_pages(app, client, demo_id)
    assert any(line.startswith("Số: 07/KH-UBND") for line in pages["ke-hoach"])
    for key, lines in pages.items():
        if key == "ke-hoach":
            continue
        numbered = [line for line in lines if re.match(r"Số:\s*\d", line)]
        assert not numbered, (key, numbered)
    # The invitations keep their symbol with the number left for the văn thư.
    assert any(re.match(r"Số:\s*/GM-UBND", line) for line in pages["giay-moi"])
