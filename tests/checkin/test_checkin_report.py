"""Báo cáo kết quả điểm danh: the words of the PDF (pdfplumber) and the cells of the XLSX,
against the small conference worked by hand."""

from __future__ import annotations

import io

import openpyxl
import pdfplumber

from tests.checkin.conftest import scan
from tests.conftest import post


def _arrive(client, conference_id, codes):
    # 5 of 8 arrive: 2 of the 3 provincial leaders, 3 of the 5 from the xã; Phạm Đức Ân sends
    # Phạm Văn Tài (his reply said so); Trần Văn Bình (who declined) stays away
    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Nguyễn Văn An", "Phạm Đức Ân",
                 "Hồ Sỹ Khải"):  # fmt: skip
        scan(client, conference_id, codes[name])
    scan(client, conference_id, codes["Võ Thị Lan"])
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    post(client, page + "/huy", {"ma": codes["Võ Thị Lan"]}, page=page)  # a wrong scan


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_the_report_pdf_says_who_came_who_did_not_and_in_whose_place(app, client, small):
    conference_id, codes = small
    url = f"/hoi-nghi/{conference_id}/in/bao-cao-diem-danh.pdf"
    before = " ".join(_text(client.get(url).data).split())
    assert "Chưa có đại biểu nào được điểm danh tại Hội nghị." in before
    _arrive(client, conference_id, codes)
    text = _text(client.get(url).data)
    flat = " ".join(text.split())
    assert "BÁO CÁO" in text and "Số: /BC-" in flat
    assert "Kết quả điểm danh đại biểu dự" in flat
    assert (
        "Tổng số đại biểu được triệu tập: 08 đại biểu; có mặt: 05 đại biểu (trong đó 01 người "
        "dự thay); vắng mặt: 03 đại biểu." in flat
    )
    assert "1 Lãnh đạo tỉnh 03 02 01" in flat
    assert "2 Đại biểu xã 05 03 02" in flat
    assert "Tổng cộng 08 05 03" in flat
    absent = flat[flat.index("II. ĐẠI BIỂU VẮNG MẶT (03 đại biểu)") : flat.index("III.")]
    assert "Trần Văn Bình" in absent and "Đã báo vắng" in absent
    assert "Võ Thị Lan" in absent and "Nguyễn Thị Ánh" in absent  # the undone scan is absent
    substitutes = flat[flat.index("III. NGƯỜI DỰ THAY (01 người)") : flat.index("IV.")]
    assert "Phạm Văn Tài Phạm Đức Ân" in substitutes
    present = flat[flat.index("IV. ĐẠI BIỂU CÓ MẶT (05 đại biểu)") :]
    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Nguyễn Văn An", "Hồ Sỹ Khải"):
        assert name in present


def test_the_report_xlsx_has_every_delegate_and_the_totals(app, client, small):
    conference_id, codes = small
    _arrive(client, conference_id, codes)
    data = client.get(f"/hoi-nghi/{conference_id}/in/bao-cao-diem-danh.xlsx").data
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Điểm danh"]
    header = [c.value for c in sheet[6]]
    assert header[:6] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Thành phần", "Mã điểm danh",
                          "Có mặt"]  # fmt: skip
    rows = {r[1]: r for r in sheet.iter_rows(min_row=7, values_only=True)}
    assert len(rows) == 8
    assert rows["Phạm Đức Ân"][5] == "Có" and rows["Phạm Đức Ân"][8] == "Phạm Văn Tài"
    assert rows["Trần Văn Bình"][5] == "Vắng" and rows["Trần Văn Bình"][9] == "Đã báo vắng"
    assert rows["Võ Thị Lan"][5] == "Vắng"
    assert rows["Lê Quốc Hưng"][4] == codes["Lê Quốc Hưng"]
    totals = list(book["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert totals == [
        (1, "Lãnh đạo tỉnh", 3, 2, 1),
        (2, "Đại biểu xã", 5, 3, 2),
        (None, "Tổng cộng", 8, 5, 3),
    ]


def test_the_report_is_in_the_print_centre_and_says_when_nobody_arrived(app, small):
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from kehoach_app.printouts import get_printout, missing_for

    conference_id, _ = small
    with app.app_context():
        printout = get_printout("bao-cao-diem-danh")
        assert printout.formats == ("pdf", "xlsx")
        conference = db.session.get(Conference, conference_id)
        assert missing_for(printout, conference) == ["Chưa có đại biểu nào được điểm danh"]
