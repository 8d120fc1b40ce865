"""Issue 17: the plan PDF of seeds 000–002 prints the planned date and the deadlines in the
seeds' own words (read back from the PDF with pdfplumber, lines joined)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from kehoach_app import transfer
from kehoach_app.db import db

SEEDS = Path(__file__).parent / "seeds"

PHRASES = {
    "000": [
        "2. Thời gian: ½ ngày, dự kiến ngày 18 hoặc ngày 19/01/2024.",
        "Giấy mời Hội nghị (hoàn thành trước 05 ngày tổ chức Hội nghị)",
    ],
    "001": [
        "2. Thời gian: 01 buổi, dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông "
        "báo sau).",
        "(qua Ban Thi đua - Khen thưởng) trước ngày 10/01/2025;",
        "Hoàn chỉnh hồ sơ đề nghị khen thưởng chậm nhất vào ngày 15/01/2025.",
        "(hoàn thành trước ngày tổ chức Hội nghị ít nhất 15 ngày)",
        "(hoàn thành trong tháng 01/2025)",
    ],
    "002": [
        "1. Thời gian: Trong quý I năm 2024 (khi tổ chức sẽ có Giấy mời đến các đại biểu tham "
        "dự Hội nghị).",
    ],
}


@pytest.mark.parametrize("seed", sorted(PHRASES))
def test_the_plan_pdf_words_the_dates_as_the_seed(app, client, seed):
    with app.app_context():
        conference = transfer.import_conference((SEEDS / f"{seed}.kehoach.json").read_bytes())
        db.session.commit()
        conference_id = conference.id
    response = client.get(f"/hoi-nghi/{conference_id}/in/ke-hoach.pdf")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
    text = re.sub(r"\s+", " ", " ".join(words))
    for phrase in PHRASES[seed]:
        assert phrase in text, phrase
    # no start time is invented for a day that is not fixed
    assert "bắt đầu lúc" not in text
