"""Excel import and export with real .xlsx files made by openpyxl: the template, a good file with
every kind of messiness, each hostile file, every row problem listed — and nothing saved when
there is one; the export read back in."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import spreadsheet
from kehoach_app.delegates.models import Delegate
from tests.conftest import csrf_token
from tests.delegates.conftest import AWARDED, LEADERS, group_id, make_conference, people

HEADERS = [h for _, h in spreadsheet.COLUMNS]


def workbook_bytes(rows, *, title_rows=(), merge=None, sheet_title="Đại biểu") -> bytes:
    if len(rows) > 2000:  # write-only: a big file in a fraction of the time
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(sheet_title)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in title_rows:
        sheet.append(row)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, cid: int, raw: bytes, filename: str = "dai-bieu.xlsx"):
    page = f"/hoi-nghi/{cid}/dai-bieu/nhap-excel"
    return client.post(
        page,
        data={"csrf_token": csrf_token(client, page), "file": (io.BytesIO(raw), filename)},
        content_type="multipart/form-data",
    )


def confirm(client, cid: int, token: str):
    page = f"/hoi-nghi/{cid}/dai-bieu/nhap-excel"
    return client.post(
        f"{page}/xac-nhan", data={"csrf_token": csrf_token(client, page), "token": token}
    )


def token_of(html: str) -> str | None:
    match = re.search(r'name="token" value="([^"]+)"', html)
    return match.group(1) if match else None


def problems_of(html: str) -> list[str]:
    box = re.search(r'<section class="error-box problems".*?</section>', html, re.S)
    if not box:
        return []
    return [re.sub(r"&#34;|&quot;", '"', li) for li in re.findall(r"<li>(.*?)</li>", box.group(0))]


def kept_uploads(app) -> list[Path]:
    folder = Path(app.config["DATA_DIR"]) / "imports"
    return sorted(folder.glob("*.xlsx")) if folder.exists() else []


def count(app, cid: int) -> int:
    with app.app_context():
        return db.session.query(Delegate).filter_by(conference_id=cid).count()


def refused(app, client, cid: int, raw: bytes, filename: str = "dai-bieu.xlsx") -> list[str]:
    """Upload a file that must be refused: nothing saved, nothing kept, no Nhập button."""
    response = upload(client, cid, raw, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:2000]
    assert "chưa nhập đại biểu nào" in html
    assert token_of(html) is None
    assert count(app, cid) == 3
    assert kept_uploads(app) == []
    return problems_of(html)


# --------------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------------


def test_template_has_the_vietnamese_headers_an_example_and_the_groups(app, client, conference_id):
    with app.app_context():  # a phường's template says its phường (outside walk: it said a xã)
        db.session.get(Conference, conference_id).issuer = "Ủy ban nhân dân phường Ba Đình"
        db.session.commit()
    response = client.get(f"/hoi-nghi/{conference_id}/dai-bieu/mau-nhap-dai-bieu.xlsx")
    assert response.status_code == 200
    assert "M%E1%BA%ABu" in response.headers["Content-Disposition"]  # "Mẫu nhập đại biểu.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book["Đại biểu"]
    assert [c.value for c in sheet[1]] == [
        "Danh xưng",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Thành phần",
        "Thứ tự lễ tân",
        "Đoàn Chủ tịch",
        "Điện thoại",
        "Ghi chú",
    ]
    example = [c.value for c in sheet[2]]
    assert example[1] == "Trần Thị Bích Ngọc" and example[4] == LEADERS
    assert example[3] == "Ủy ban nhân dân phường Ba Đình"
    assert [row[1] for row in book["Thành phần"].iter_rows(min_row=2, values_only=True)] == [
        LEADERS,
        AWARDED,
    ]
    assert any(
        "'Thành phần'!$B$2:$B$3" in v.formula1 for v in sheet.data_validations.dataValidation
    )
    assert book["Hướng dẫn"]["A1"].value == "Cột"


def test_the_template_left_as_it_is_imports_nothing(app, client, conference_id):
    with app.app_context():  # its example row names this conference's issuer
        db.session.get(Conference, conference_id).issuer = "Ủy ban nhân dân phường Ba Đình"
        db.session.commit()
    raw = client.get(f"/hoi-nghi/{conference_id}/dai-bieu/mau-nhap-dai-bieu.xlsx").data
    html = upload(client, conference_id, raw).get_data(as_text=True)
    assert "Dòng 2 là dòng ví dụ của tệp mẫu nên không được nhập." in html
    assert "Tệp chỉ có dòng ví dụ của tệp mẫu" in html
    assert count(app, conference_id) == 3


# --------------------------------------------------------------------------------------------
# A good file, with everything people do to spreadsheets
# --------------------------------------------------------------------------------------------


def messy_but_good_file() -> bytes:
    nfd = unicodedata.normalize("NFD", "Huỳnh Thị Kiều Oanh")
    return workbook_bytes(
        [
            # Headers in another order, other case, extra spaces, a row number column, and an
            # extra column the program does not use.
            [
                "STT",
                "  HỌ VÀ  TÊN ",
                "đơn vị",
                "Chức vụ",
                "thành phần",
                "Điện thoại",
                "Thứ tự lễ tân",
                "Đoàn Chủ tịch",
                "Danh xưng",
                "Email",
                "Ghi chú",
            ],
            [
                1,
                nfd,
                "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                "Chủ tịch",
                LEADERS.upper(),
                912345678,
                3.0,
                "x",
                "Bà",
                "oanh@example.vn",
                "",
            ],
            [None] * 11,  # a blank row between groups of people
            [
                2,
                "A & B <C>",
                "Công ty <TNHH> & Cộng sự",
                "Giám đốc",
                "2",
                "+84 28 3822 1234",
                None,
                None,
                "ông",
                None,
                "Khách mời",
            ],
            [
                3,
                "Võ Văn Tỵ",
                "Ấp Hòa Long",
                "Nông dân",
                None,
                "0987.654.321",
                "12",
                "không",
                None,
                None,
                None,
            ],
        ],  # fmt: skip
        # A title above the header row, merged across the columns, as official lists have.
        title_rows=[["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ"], []],
        merge="A1:K1",
    )


def test_good_file_preview_then_confirm_imports_every_row(app, client, conference_id):
    response = upload(client, conference_id, messy_but_good_file())
    html = response.get_data(as_text=True)
    assert response.status_code == 200, problems_of(html)
    assert "Xem trước: 3 đại biểu sẽ được nhập" in html
    assert "Cột J “Email” không thuộc mẫu nên không được nhập." in html
    assert "A &amp; B &lt;C&gt;" in html  # escaped on the page
    token = token_of(html)
    assert token and len(kept_uploads(app)) == 1
    assert count(app, conference_id) == 3  # nothing saved by the preview

    done = confirm(client, conference_id, token)
    assert done.status_code == 302
    everyone = people(app, conference_id)
    assert len(everyone) == 6
    oanh = everyone["Huỳnh Thị Kiều Oanh"]  # decomposed in the file, NFC in the database
    assert (oanh.honorific, oanh.phone, oanh.protocol_rank, oanh.presidium) == (
        "Bà",
        "0912 345 678",
        3,
        True,
    )
    assert oanh.group.name == LEADERS and oanh.unit == "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    markup = everyone["A & B <C>"]
    assert (markup.unit, markup.honorific, markup.phone) == (
        "Công ty <TNHH> & Cộng sự",
        "Ông",
        "028 3822 1234",
    )
    assert markup.group.name == AWARDED  # "2": the second group
    assert markup.notes == "Khách mời"
    ty = everyone["Võ Văn Tỵ"]
    assert (ty.group_id, ty.protocol_rank, ty.presidium, ty.honorific) == (
        None,
        12,
        False,
        "Đồng chí",
    )
    assert kept_uploads(app) == []  # removed once imported
    html = client.get(f"/hoi-nghi/{conference_id}/dai-bieu").get_data(as_text=True)
    assert "Đã nhập 3 đại biểu từ tệp Excel." in html
    # One undo step takes the whole import back.
    client.post(
        f"/hoi-nghi/{conference_id}/hoan-tac",
        data={"csrf_token": csrf_token(client, f"/hoi-nghi/{conference_id}")},
    )
    assert count(app, conference_id) == 3


def test_a_token_works_once_and_only_for_its_conference(app, client, conference_id):
    token = token_of(upload(client, conference_id, messy_but_good_file()).get_data(as_text=True))
    with app.app_context():
        other = make_conference(" (khác)")
        db.session.commit()
    assert confirm(client, other, token).status_code == 302
    assert count(app, other) == 3  # the other conference's token lookup found nothing
    assert confirm(client, conference_id, token).status_code == 302
    assert count(app, conference_id) == 6
    again = confirm(client, conference_id, token)
    assert again.status_code == 302 and count(app, conference_id) == 6  # no double import
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Tệp đã xem trước không còn" in page
    for bad in ("../../secret_key", "a" * 10, ""):
        assert confirm(client, conference_id, bad).status_code == 302
    assert count(app, conference_id) == 6


def test_the_list_changed_between_preview_and_confirm(app, client, conference_id):
    token = token_of(upload(client, conference_id, messy_but_good_file()).get_data(as_text=True))
    with app.app_context():  # meanwhile, someone adds one of the file's people by hand
        db.session.add(
            Delegate(conference_id=conference_id, full_name="Võ Văn Tỵ", unit="Ấp Hòa Long")
        )
        db.session.commit()
    response = confirm(client, conference_id, token)
    assert response.status_code == 400
    problems = problems_of(response.get_data(as_text=True))
    assert problems == [
        "Dòng 7, cột Họ và tên (B): trùng với đại biểu đã có trong danh sách: Võ Văn Tỵ "
        "(Ấp Hòa Long)."
    ]
    assert count(app, conference_id) == 4
    assert kept_uploads(app) == []


def test_a_thousand_rows_import(app, client, conference_id):
    rows = [HEADERS] + [
        ["Ông", f"Nguyễn Văn Tâm {i:04d}", "Trưởng ấp", f"Ấp số {i}", AWARDED, i % 40, None,
         f"09{i:08d}", ""]
        for i in range(1000)
    ]  # fmt: skip
    html = upload(client, conference_id, workbook_bytes(rows)).get_data(as_text=True)
    assert "Xem trước: 1.000 đại biểu sẽ được nhập" in html
    assert "… và 900 đại biểu nữa." in html
    assert confirm(client, conference_id, token_of(html)).status_code == 302
    assert count(app, conference_id) == 1003
    assert people(app, conference_id)["Nguyễn Văn Tâm 0007"].phone == "0900 000 007"


# --------------------------------------------------------------------------------------------
# Every row problem, by row and column — and nothing saved
# --------------------------------------------------------------------------------------------


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_saved(app, client, conference_id):
    rows = [
        HEADERS,
        ["Ông", "", "Chủ tịch", "Ấp A", LEADERS, 1, None, "0912 345 678", ""],  # 2 no name
        ["Ông", "Lê Văn Bình", "", "Ấp A", "Khách VIP", 2, None, None, ""],  # 3 unknown group
        ["Bà", "Trần Thị Ánh", "", "Ủy ban nhân dân xã Tân Hòa", None, None, None, None, ""],  # 4
        ["Ông", "Lê Văn Cường", "", "Ấp B", None, None, None, "0912 34", ""],  # 5 bad phone
        ["Ông", "Lê Văn Dũng", "", "Ấp B", None, "hai", None, None, ""],  # 6 rank as text
        ["Ông", "Lê Văn Em", "", "Ấp B", None, -1, None, None, ""],  # 7 negative rank
        ["Ông", "Lê Văn Phúc", "", "Ấp B", None, 2.5, None, None, ""],  # 8 fractional rank
        ["Ông", "Lê Văn Giang", "", "Ấp B", None, 200000, None, None, ""],  # 9 rank too big
        ["Ngài", "Lê Văn Hải", "", "Ấp B", None, None, "có lẽ", None, ""],  # 10 two problems
        ["Ông", "lê  văn bình", "", "ấp a", None, None, None, None, ""],  # 11 = row 3
        ["Ông", "12345", "", "Ấp C", None, None, None, None, ""],  # 12 no letters
        ["Ông", "Lê Văn Khoa", "", "Ấp C", None, None, None, "0912 345 678", ""],  # good
    ]  # fmt: skip
    problems = refused(app, client, conference_id, workbook_bytes(rows))
    assert problems == [
        "Dòng 2, cột Họ và tên (B): Vui lòng nhập họ và tên đại biểu.",
        "Dòng 3, cột Thành phần (E): thành phần “Khách VIP” không có trong hội nghị này. Hãy "
        "chọn trong danh sách (trang “Thành phần” của tệp mẫu) hoặc thêm thành phần trước khi "
        "nhập.",
        "Dòng 4, cột Họ và tên (B): trùng với đại biểu đã có trong danh sách: Trần Thị Ánh "
        "(Ủy ban nhân dân xã Tân Hòa).",
        "Dòng 5, cột Điện thoại (H): Số điện thoại “0912 34” không hợp lệ: hãy nhập số di động "
        "10 chữ số (ví dụ 0912 345 678) hoặc số cố định có mã vùng (ví dụ 028 3822 1234).",
        "Dòng 6, cột Thứ tự lễ tân (F): “hai” không phải là số nguyên: chỉ nhập chữ số, ví dụ "
        "150 hoặc 1.200.",  # a rank is a count, not money (issue 17 walk)
        "Dòng 7, cột Thứ tự lễ tân (F): Thứ tự lễ tân là số từ 1 (người cao nhất) đến 100.000; "
        "để trống hoặc 0 nếu không xếp.",
        "Dòng 8, cột Thứ tự lễ tân (F): “2,5” không phải số nguyên.",
        "Dòng 9, cột Thứ tự lễ tân (F): Thứ tự lễ tân là số từ 1 (người cao nhất) đến 100.000; "
        "để trống hoặc 0 nếu không xếp.",
        "Dòng 10, cột Danh xưng (A): danh xưng “Ngài” không có trong danh sách: Ông, Bà, Đồng chí.",
        "Dòng 10, cột Đoàn Chủ tịch (G): “có lẽ” không rõ: ghi “x” nếu đại biểu ngồi Đoàn Chủ "
        "tịch, để trống nếu không.",
        "Dòng 11, cột Họ và tên (B): trùng với dòng 3 trong tệp (cùng họ tên và đơn vị).",
        "Dòng 12, cột Họ và tên (B): Họ và tên phải có chữ cái.",
    ]


# --------------------------------------------------------------------------------------------
# Hostile files
# --------------------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Danh sách đại biểu")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (os.urandom(2048), "Tệp không phải bảng tính Excel (.xlsx)"),
        (b"", "Tệp trống (0 byte)."),
        (docx_bytes(), "Tệp là văn bản Word (.docx) được đổi tên"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "định dạng cũ (.xls)"),
        ("Họ và tên,Đơn vị\nLê An,Ấp A\n".encode(), "Tệp không phải bảng tính Excel (.xlsx)"),
    ],
    ids=["random-bytes", "empty", "docx-renamed", "old-xls", "csv-renamed"],
)
def test_files_that_are_not_xlsx(app, client, conference_id, raw, message):
    problems = refused(app, client, conference_id, raw)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_damaged_xlsx(app, client, conference_id):
    raw = workbook_bytes([HEADERS, ["Ông", "Lê An"]])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle
            target.writestr(item, data)
    problems = refused(app, client, conference_id, broken.getvalue())
    assert problems == [
        "Không đọc hết được tệp Excel: một phần của tệp bị hỏng. Hãy mở bằng Excel, lưu lại rồi "
        "nhập lại."
    ]


def test_a_file_over_5_mb_is_refused_with_a_clear_message(app, client, conference_id):
    raw = b"PK" + os.urandom(5 * 1024 * 1024)
    problems = refused(app, client, conference_id, raw)
    assert problems == [
        "Tệp nặng 5 MB, vượt giới hạn 5 MB. Danh sách đại biểu thường chỉ vài trăm KB: hãy xóa "
        "hình ảnh, các trang tính không cần, hoặc chia danh sách thành nhiều tệp."
    ]


def test_a_file_over_the_request_limit_gets_the_size_page(app, client, conference_id):
    response = upload(client, conference_id, b"0" * (21 * 1024 * 1024))
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.get_data(as_text=True)
    assert count(app, conference_id) == 3


def test_an_empty_sheet(app, client, conference_id):
    problems = refused(app, client, conference_id, workbook_bytes([]))
    assert problems == ["Trang tính “Đại biểu” trống: chưa có dòng tiêu đề và đại biểu."]


def test_only_headers(app, client, conference_id):
    problems = refused(app, client, conference_id, workbook_bytes([HEADERS, [None] * 9]))
    assert problems == ["Trang tính “Đại biểu” chỉ có dòng tiêu đề (dòng 1), chưa có đại biểu nào."]


def test_no_name_column(app, client, conference_id):
    problems = refused(
        app, client, conference_id, workbook_bytes([["Tên", "Đơn vị"], ["Lê An", "Ấp A"]])
    )
    assert len(problems) == 1
    assert "Không tìm thấy cột “Họ và tên” trong 10 dòng đầu" in problems[0]


def test_merged_header_cells_leaving_data_without_a_header(app, client, conference_id):
    # "Họ và tên" merged over B1:C1, and the given names typed in C (the layout of some lists).
    rows = [
        ["Danh xưng", "Họ và tên", None, "Đơn vị"],
        ["Ông", "Lê Văn", "An", "Ấp A"],
        ["Bà", "Trần Thị Bích", None, "Ấp B"],
    ]
    problems = refused(app, client, conference_id, workbook_bytes(rows, merge="B1:C1"))
    assert problems == [
        "Dòng 2, cột C: ô có dữ liệu nhưng cột không có tiêu đề (có thể do ô tiêu đề bị gộp). "
        "Hãy đặt tiêu đề cho cột này theo tệp mẫu hoặc xóa dữ liệu ở cột này."
    ]


def test_merged_header_cells_over_empty_columns_are_harmless(app, client, conference_id):
    rows = [["Họ và tên", None, "Đơn vị"], ["Lê Văn An", None, "Ấp A"]]
    response = upload(client, conference_id, workbook_bytes(rows, merge="A1:B1"))
    assert response.status_code == 200
    assert "Xem trước: 1 đại biểu sẽ được nhập" in response.get_data(as_text=True)


def test_two_columns_with_the_same_header(app, client, conference_id):
    rows = [["Họ và tên", "Điện thoại", "Số điện thoại"], ["Lê An", "0912345678", "0912345678"]]
    problems = refused(app, client, conference_id, workbook_bytes(rows))
    assert problems == ["Dòng 1: Cột “Điện thoại” có hai lần (cột B và cột C); hãy giữ một cột."]


def test_ten_thousand_rows_are_refused_above_the_limit(app, client, conference_id):
    rows = [HEADERS] + [
        ["Ông", f"Lê Văn {i}", "", f"Ấp {i}", None, None, None, None, ""] for i in range(10_000)
    ]
    problems = refused(app, client, conference_id, workbook_bytes(rows))
    assert problems == [
        "Tệp có hơn 5.000 dòng đại biểu — nhiều hơn mức chương trình nhận trong một lần nhập "
        "(5.000 dòng). Hãy chia danh sách thành nhiều tệp."
    ]


def with_cached_values(raw: bytes, values: dict[str, str]) -> bytes:
    """The workbook with a cached result written for some formula cells (as Excel would)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                        text,
                    )
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def test_formulas_are_read_as_their_values_and_a_formula_without_one_is_refused(
    app, client, conference_id
):
    rows = [
        ["Họ", "Tên đệm", "Tên", "Họ và tên", "Đơn vị", "Thứ tự lễ tân"],
        ["Lê", "Văn", "An", '=A2&" "&B2&" "&C2', "Ấp A", "=1+1"],
        ["Trần", "Thị", "Bình", '=A3&" "&B3&" "&C3', "Ấp B", None],
    ]
    raw = workbook_bytes(rows)
    # Saved by Excel: every formula has its result stored beside it.
    cached = with_cached_values(raw, {"D2": "Lê Văn An", "F2": "2", "D3": "Trần Thị Bình"})
    html = upload(client, conference_id, cached).get_data(as_text=True)
    assert "Xem trước: 2 đại biểu sẽ được nhập" in html, problems_of(html)
    assert "Cột A “Họ” không thuộc mẫu" in html
    confirm(client, conference_id, token_of(html))
    assert people(app, conference_id)["Lê Văn An"].protocol_rank == 2

    # Written by a program that never computed the formulas: no value to read.
    problems = refused(app, client, make_second(app), raw)
    assert problems[0] == (
        "Dòng 2, cột Họ và tên (D): ô chứa công thức chưa có giá trị đã tính. Hãy mở tệp bằng "
        "Excel, lưu lại rồi nhập lại, hoặc thay công thức bằng giá trị."
    )
    assert len(problems) == 3  # D2, F2, D3


def make_second(app, with_people: bool = True) -> int:
    with app.app_context():
        cid = make_conference(" (thứ hai)", with_people=with_people)
        db.session.commit()
        return cid


def test_formula_errors_are_named(app, client, conference_id):
    raw = workbook_bytes([["Họ và tên", "Đơn vị"], ["=1/0", "Ấp A"]])
    problems = refused(app, client, conference_id, with_cached_values(raw, {"A2": "#DIV/0!"}))
    assert problems == ["Dòng 2, cột Họ và tên (A): ô có lỗi công thức (#DIV/0!)."]


def test_the_list_sheet_is_found_even_when_it_is_not_first(app, client, conference_id):
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active["A1"] = "Danh sách gửi Văn phòng"
    sheet = book.create_sheet("DS")
    sheet.append(["Họ và tên", "Đơn vị"])
    sheet.append(["Lê Văn An", "Ấp A"])
    buffer = io.BytesIO()
    book.save(buffer)
    html = upload(client, conference_id, buffer.getvalue()).get_data(as_text=True)
    assert "trang tính “DS”" in html and "Xem trước: 1 đại biểu" in html


def test_no_file_chosen(app, client, conference_id):
    page = f"/hoi-nghi/{conference_id}/dai-bieu/nhap-excel"
    response = client.post(page, data={"csrf_token": csrf_token(client, page)})
    assert response.status_code == 400
    assert "Hãy chọn tệp Excel" in response.get_data(as_text=True)


def test_upload_without_csrf_is_refused(app, client, conference_id):
    response = client.post(
        f"/hoi-nghi/{conference_id}/dai-bieu/nhap-excel",
        data={"file": (io.BytesIO(messy_but_good_file()), "a.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and kept_uploads(app) == []


def test_unconfirmed_uploads_are_removed_after_a_day(app, client, conference_id):
    upload(client, conference_id, messy_but_good_file())
    (old,) = kept_uploads(app)
    a_day_ago = old.stat().st_mtime - 25 * 3600
    os.utime(old, (a_day_ago, a_day_ago))
    upload(client, conference_id, messy_but_good_file())
    assert old not in kept_uploads(app) and len(kept_uploads(app)) == 1


# --------------------------------------------------------------------------------------------
# Export, read back
# --------------------------------------------------------------------------------------------


def test_export_reads_back_into_another_conference_identically(app, client, conference_id):
    with app.app_context():
        leaders = group_id(app, conference_id, LEADERS)
        db.session.add(
            Delegate(
                conference_id=conference_id,
                group_id=leaders,
                honorific="Đồng chí",
                full_name="Phạm Thị Hồng <Nhung> & Co",
                position="Bí thư",
                unit="Đảng ủy xã",
                protocol_rank=3,
                presidium=True,
                phone="028 3822 1234",
                invitation_sent_on=dt.date(2027, 1, 6),
                reply="substitute",
                substitute_name="Lý Văn Tám",
                notes="Đến muộn 15 phút",
            )
        )
        db.session.commit()
    exported = client.get(f"/hoi-nghi/{conference_id}/dai-bieu/danh-sach.xlsx")
    assert exported.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(exported.data))["Đại biểu"]
    assert [c.value for c in sheet[1]][-3:] == ["Ngày gửi giấy mời", "Phản hồi", "Người dự thay"]
    assert sheet["B2"].value == "Nguyễn Văn An"  # protocol order
    assert get_column_letter(len(sheet[1])) == "L"

    other = make_second(app, with_people=False)
    html = upload(client, other, exported.data).get_data(as_text=True)
    assert "Xem trước: 4 đại biểu sẽ được nhập" in html, problems_of(html)
    confirm(client, other, token_of(html))

    def comparable(cid):
        return sorted(
            (
                p.group.name if p.group else None,
                *(getattr(p, f) for f in Delegate.FIELDS if f != "group_id"),
            )
            for p in people(app, cid).values()
        )

    assert comparable(other) == comparable(conference_id)
    # Read back into the same conference, every row is somebody already on the list.
    html = upload(client, conference_id, exported.data).get_data(as_text=True)
    assert len(problems_of(html)) == 4
    assert all("trùng với đại biểu đã có trong danh sách" in p for p in problems_of(html))
