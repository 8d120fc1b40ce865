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
    present = flat[flat.index("IV. ĐẠI BIỂU CÓ MẶT (05 đại biểu)") : flat.index("Nơi nhận")]
    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Nguyễn Văn An", "Hồ Sỹ Khải"):
        assert name in present
    # the substitute's arrival is his: IV names him, never Phạm Đức Ân as present himself
    assert "Phạm Văn Tài (dự thay Phạm Đức Ân)" in present
    assert present.count("Phạm Đức Ân") == 1
    # the signer's name on one line (the seeds' signer, "Nguyễn Thị Hồng Nhung")
    with pdfplumber.open(io.BytesIO(client.get(url).data)) as document:
        words = document.pages[-1].extract_words()
    tops = {w["top"] for w in words if w["text"] in ("Hồng", "Nhung")}
    assert len(tops) == 1, "the signer's name is split across lines"
    assert "Nguyễn Thị Hồng Nhung" in " ".join(_text(client.get(url).data).split())


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
    sheet = book["Tổng hợp"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    assert sheet["A2"].value == "TỔNG HỢP KẾT QUẢ ĐIỂM DANH THEO THÀNH PHẦN"
    assert sheet["A3"].value.startswith("Dự Hội nghị")
    assert [c.value for c in sheet[5]] == ["STT", "Thành phần", "Triệu tập", "Có mặt", "Vắng mặt"]
    totals = list(sheet.iter_rows(min_row=6, values_only=True))
    # figures worked by hand (3 and 5 convened, 2 and 3 present); absences and totals are
    # formulas, so a figure corrected by hand carries through
    assert totals == [
        (1, "Lãnh đạo tỉnh", 3, 2, "=C6-D6"),
        (2, "Đại biểu xã", 5, 3, "=C7-D7"),
        (None, "Tổng cộng", "=SUM(C6:C7)", "=SUM(D6:D7)", "=C8-D8"),
    ]
    assert sheet["E6"].data_type == "f" and sheet["C8"].data_type == "f"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$5:$5"


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
