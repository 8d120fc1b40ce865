"""The print centre never says "Sẵn sàng" over a placeholder page: a printout whose PDF would
print "Chưa có …" (or "Chưa xếp chỗ …") reports what is missing. Checked as a class over every
registered printout, on a new conference from the xã preset with no delegate and no award."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber

from kehoach_app.conferences import operations as conference_ops
from kehoach_app.conferences.models import Conference
from kehoach_app.conferences.presetting import apply_preset_parts, preset_form_values
from kehoach_app.db import db
from kehoach_app.presets import get_preset
from kehoach_app.printouts import all_printouts, get_printout, missing_for

PLACEHOLDER = re.compile(r"Chưa có [^.\n]*|Chưa xếp chỗ cho [^.\n]*")


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_a_placeholder_page_is_never_ready(app, client):
    with app.test_request_context():
        values = preset_form_values(
            get_preset("tong_ket.xa"), dt.date(2026, 11, 20), issuer="Ủy ban nhân dân xã Tân Hòa"
        )
        conference = conference_ops.create_conference(values)
        apply_preset_parts(conference, get_preset("tong_ket.xa"))
        db.session.commit()
        cid = conference.id
        assert missing_for(get_printout("giay-moi"), conference) == ["Chưa có đại biểu"]
        for printout in all_printouts():
            if "pdf" not in printout.formats:
                continue
            text = " ".join(_text(printout.build(conference, "pdf")).split())
            placeholder = PLACEHOLDER.search(text)
            if placeholder:
                assert missing_for(printout, conference), (printout.key, placeholder.group(0))
        conference = db.session.get(Conference, cid)
    html = client.get(f"/hoi-nghi/{cid}/in").get_data(as_text=True)
    row = re.search(r"Giấy mời.*?</tr>", html, re.S).group(0)
    assert "Chưa có đại biểu" in row and "Sẵn sàng" not in row
