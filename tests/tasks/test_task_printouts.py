"""The task printouts opened as a reader would: PDFs with pdfplumber, the workbook with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from urllib.parse import unquote

import openpyxl
import pdfplumber
import pytest

from kehoach_app import vn
from tests.tasks.task_helpers import TORTURE_UNIT, make_conference

DAY = dt.date(2099, 1, 15)  # far enough ahead that nothing below is late on the day tests run


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def flowing(text: str) -> str:
    return " ".join(text.split())


def table_rows(data: bytes) -> list[list[str]]:
    """Every row of every table, each cell's lines joined by a space."""
    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend([flowing(cell or "") for cell in row] for row in table)
    return rows


@pytest.fixture()
def planned(app):
    """Three units; the torture unit leads one task and supports another."""
    return make_conference(
        app,
        DAY,
        [
            {
                "title": "Phát hành Giấy mời",
                "lead_unit": "Văn phòng",
                "support_units": TORTURE_UNIT,
                "deadline_kind": "days_before",
                "days_before": 5,
            },
            {
                "title": "Trang trí hội trường & sân khấu <chính>",
                "lead_unit": TORTURE_UNIT,
                "support_units": "Văn phòng\nCông an",
                "deadline_kind": "days_before",
                "days_before": 1,
                "notes": "Cờ Tổ quốc bên trái sân khấu",
            },
            {
                "title": "Bảo đảm an ninh",
                "lead_unit": "Công an",
                "deadline_kind": "days_before",
                "days_before": 0,
            },
            {
                "title": "Báo cáo tổng kết năm 2098",
                "lead_unit": "Văn phòng",
                "deadline_kind": "month_before",
                "status": "done",
            },
            {
                "title": "Quyết toán kinh phí",
                "lead_unit": "Văn phòng",
                "deadline_kind": "fixed",
                "deadline_date": dt.date(2099, 2, 10),
            },
            {"title": "Đưa tin", "lead_unit": "Công an", "deadline_kind": "none"},
        ],  # fmt: skip
    )


def get(client, conference_id: int, key: str, fmt: str):
    response = client.get(f"/hoi-nghi/{conference_id}/in/{key}.{fmt}")
    assert response.status_code == 200
    return response


# --------------------------------------------------------------------------- per unit


def test_each_unit_has_its_own_page(client, planned):
    response = get(client, planned, "phan-cong-nhiem-vu", "pdf")
    assert response.mimetype == "application/pdf"
    assert "Phân công nhiệm vụ - 2099.pdf" in unquote(response.headers["Content-Disposition"])
    pages = [flowing(p) for p in pdf_pages(response.data)]
    assert len(pages) == 3  # Văn phòng, Phòng A & B <C>, Công an — in the plan's order
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        tables = [
            [[[flowing(c or "") for c in row] for row in t] for t in page.extract_tables()]
            for page in pdf.pages
        ]
    expected = [
        ("Văn phòng", ["Báo cáo tổng kết năm 2098", "Phát hành Giấy mời", "Quyết toán kinh phí"],
         ["Trang trí hội trường & sân khấu <chính>"]),
        (TORTURE_UNIT, ["Trang trí hội trường & sân khấu <chính>"], ["Phát hành Giấy mời"]),
        ("Công an", ["Bảo đảm an ninh", "Đưa tin"], ["Trang trí hội trường & sân khấu <chính>"]),
    ]  # fmt: skip
    for text, page_tables, (unit, leads, supports) in zip(pages, tables, expected, strict=True):
        assert text == unicodedata.normalize("NFC", text)
        for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN ĐỊNH",
                     "PHÂN CÔNG NHIỆM VỤ", "Đơn vị: " + unit,
                     "(Trích phần Tổ chức thực hiện của Kế hoạch số 12/KH-UBND)"):  # fmt: skip
            assert line in text, (unit, line)
        assert f"1. Nhiệm vụ chủ trì ({len(leads):02d} việc)" in text
        assert f"2. Nhiệm vụ phối hợp ({len(supports):02d} việc)" in text
        lead_table, support_table = page_tables
        assert lead_table[0] == ["STT", "Nội dung công việc", "Đơn vị phối hợp", "Thời hạn"]
        assert support_table[0] == ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn"]
        assert [row[1].split(" Ghi chú:")[0] for row in lead_table[1:]] == leads
        assert [row[1].split(" Ghi chú:")[0] for row in support_table[1:]] == supports
    office_leads = tables[0][0]
    assert office_leads[1][3] == "Trong tháng 12 năm 2098 (chậm nhất ngày 31/12/2098)"
    assert office_leads[2][2:] == [
        TORTURE_UNIT, "Chậm nhất ngày 10/01/2099 (trước 05 ngày tổ chức Hội nghị)",
    ]  # fmt: skip
    assert office_leads[3][3] == "Chậm nhất ngày 10/02/2099 (sau ngày tổ chức Hội nghị)"
    torture_lead = tables[1][0][1]
    assert torture_lead[1] == (
        "Trang trí hội trường & sân khấu <chính> Ghi chú: Cờ Tổ quốc bên trái sân khấu"
    )
    assert torture_lead[2] == "Văn phòng Công an"
    police = tables[2][0]
    assert police[1][3] == "Ngày 15/01/2099 (trong ngày tổ chức Hội nghị)"
    assert police[2][3] == "Không có thời hạn"
    assert tables[2][1][1][2] == TORTURE_UNIT  # supports: the leader is named


def test_a_long_unit_sheet_numbers_its_own_pages(app, client):
    many = [
        {"title": f"Việc số {i:02d} của Văn phòng, viết đủ dài để chiếm hai dòng trong bảng "
         "phân công nhiệm vụ của đơn vị", "lead_unit": "Văn phòng",
         "deadline_kind": "days_before", "days_before": i}
        for i in range(1, 31)
    ] + [{"title": "Bảo đảm an ninh", "lead_unit": "Công an", "deadline_kind": "none"}]  # fmt: skip
    conference_id = make_conference(app, DAY, many)
    with pdfplumber.open(
        io.BytesIO(get(client, conference_id, "phan-cong-nhiem-vu", "pdf").data)
    ) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
        tops = [p.extract_words()[0]["text"] for p in pdf.pages]
    office = [i for i, t in enumerate(texts) if "Văn phòng" in t and "Việc số" in t]
    police = next(i for i, t in enumerate(texts) if "Đơn vị: Công an" in t)
    assert len(office) >= 2 and police == office[-1] + 1  # the next unit starts a fresh page
    assert tops[1] == "2"  # the office's second page is numbered 2 …
    assert tops[police] == "ỦY"  # … and the police's sheet starts again, unnumbered
    assert "Việc số 30" in texts[office[0]] or "Việc số 30" in texts[office[-1]]


def test_the_torture_name_prints_as_typed_in_a_real_font(client, planned):
    data = get(client, planned, "phan-cong-nhiem-vu", "pdf").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert fonts and not any("Helvetica" in font for font in fonts)
    assert TORTURE_UNIT in flowing("\n".join(pdf_pages(data)))


def test_a_conference_without_tasks_still_prints(app, client):
    empty = make_conference(app, DAY)
    pages = pdf_pages(get(client, empty, "phan-cong-nhiem-vu", "pdf").data)
    assert len(pages) == 1 and "Chưa có nhiệm vụ nào" in pages[0]
    assert (
        "Chưa có nhiệm vụ nào" in pdf_pages(get(client, empty, "tien-do-nhiem-vu", "pdf").data)[0]
    )


# --------------------------------------------------------------------------- timeline


def test_timeline_orders_by_computed_deadline(client, planned):
    data = get(client, planned, "tien-do-nhiem-vu", "pdf").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape: five columns of text
    text = flowing("\n".join(pdf_pages(data)))
    assert "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ" in text
    assert "Hạn Việc Chủ trì Phối hợp Tình trạng" in text
    order = [
        "Báo cáo tổng kết năm 2098",  # 31/12/2098
        "Phát hành Giấy mời",  # 10/01/2099
        "Trang trí hội trường & sân khấu <chính>",  # 14/01/2099
        "Bảo đảm an ninh",  # 15/01/2099
        "Quyết toán kinh phí",  # 10/02/2099
        "Đưa tin",  # no deadline: last
    ]
    rows = table_rows(data)
    assert rows[0] == ["Hạn", "Việc", "Chủ trì", "Phối hợp", "Tình trạng"]
    assert [row[1].split(" Ghi chú:")[0] for row in rows[1:]] == order
    assert [row[0] for row in rows[1:]] == [
        "31/12/2098 (trong tháng 12/2098)",
        "10/01/2099 (trước 05 ngày)",
        "14/01/2099 (trước 01 ngày)",
        "15/01/2099 (trong ngày)",
        "10/02/2099 (sau Hội nghị)",
        "Không có thời hạn",
    ]
    assert rows[2][2:] == ["Văn phòng", TORTURE_UNIT, "Chưa làm"]
    assert rows[3][2:] == [TORTURE_UNIT, "Văn phòng Công an", "Chưa làm"]
    assert rows[1][4] == "Xong"
    assert "tổng số 06 việc; đã xong 01, đang làm 00, chưa làm 05" in text


def test_timeline_marks_what_is_late(app, client):
    today = dt.date.today()
    conference_id = make_conference(
        app,
        today + dt.timedelta(days=20),
        [
            {
                "title": "Gửi tham luận",
                "lead_unit": "Phòng Nội vụ",
                "deadline_kind": "fixed",
                "deadline_date": today - dt.timedelta(days=4),
                "status": "doing",
            },
            {
                "title": "Giấy mời",
                "lead_unit": "Văn phòng",
                "deadline_kind": "days_before",
                "days_before": 17,
            },
        ],  # fmt: skip
    )
    data = get(client, conference_id, "tien-do-nhiem-vu", "pdf").data
    text = flowing("\n".join(pdf_pages(data)))
    rows = table_rows(data)
    assert [row[4] for row in rows[1:]] == ["Đang làm Quá hạn 4 ngày", "Chưa làm Còn 3 ngày"]
    assert "quá hạn 01; đến hạn trong 7 ngày tới 01" in text
    assert "(còn 20 ngày)" in text


# --------------------------------------------------------------------------- XLSX


def test_task_list_workbook(client, planned):
    response = get(client, planned, "danh-sach-nhiem-vu", "xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book.active
    assert sheet.title == "Nhiệm vụ"
    assert [cell.value for cell in sheet[4]] == [
        "STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
        "Hạn hoàn thành", "Tình trạng", "Ghi chú",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:H10"
    assert sheet.column_dimensions["B"].width >= 50 and sheet.column_dimensions["A"].width <= 8
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[1][2] == TORTURE_UNIT and rows[1][3] == "Văn phòng\nCông an"
    assert rows[0][4] == "Hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 10/01/2099)"
    dues = [sheet.cell(row=5 + i, column=6) for i in range(6)]
    assert [c.value.date() if c.value else None for c in dues] == [
        dt.date(2099, 1, 10), dt.date(2099, 1, 14), dt.date(2099, 1, 15), dt.date(2098, 12, 31),
        dt.date(2099, 2, 10), None,
    ]  # fmt: skip
    assert all(c.is_date and c.number_format == "dd/mm/yyyy" for c in dues[:5])
    assert [r[6] for r in rows] == [
        "Chưa làm",
        "Chưa làm",
        "Chưa làm",
        "Xong",
        "Chưa làm",
        "Chưa làm",
    ]
    assert sheet["F2"].is_date and sheet["F2"].value.date() == DAY
    assert sheet["F2"].number_format == "dd/mm/yyyy"
    assert sheet.print_title_rows == "$4:$4"
    assert (
        vn.format_date_short(DAY) in sheet["A2"].value
        or "15 tháng 01 năm 2099" in sheet["A2"].value
    )


def test_every_task_printout_is_in_print_all(app, tmp_path):
    runner = app.test_cli_runner()
    conference_id = runner.invoke(args=["demo"]).output.strip()
    out = tmp_path / "ban-in"
    result = runner.invoke(args=["print-all", conference_id, "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    year = next(n for n in names if n.startswith("Phân công nhiệm vụ")).split(" - ")[1][:4]
    assert {
        f"Phân công nhiệm vụ - {year}.pdf",
        f"Tiến độ theo thời hạn - {year}.pdf",
        f"Danh sách nhiệm vụ - {year}.xlsx",
    } <= names
