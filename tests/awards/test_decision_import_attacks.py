"""The import from the decision against hostile files (the attack review of issue 20): each file
is refused — or read — within fixed limits counted while reading, with a Vietnamese message,
never a 500 or a traceback, and the database as it was."""

from __future__ import annotations

import html
import io
import re
import zipfile

from sqlalchemy import func, select

from kehoach_app.awards import decision_import as di
from kehoach_app.awards.decision_import_models import AwardImportMapping
from kehoach_app.db import db
from tests.awards.conftest import awards_of, make_conference
from tests.awards.test_decision_import import (
    again,
    decision_docx,
    decision_xlsx,
    page_fields,
    revisions,
    run,
    upload,
)
from tests.conftest import post

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = (
    "<w:p><w:r><w:t>Số: 7/QĐ-UBND</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Tân Hòa, ngày 15 tháng 12 năm 2026</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã cho các cá nhân"
    "</w:t></w:r></w:p>"
)


def cell(text: str = "", span: int | str | None = None, vmerge: str | None = None) -> str:
    props = ""
    if span is not None:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += "<w:vMerge/>" if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def header_row() -> list[str]:
    return [cell("STT"), cell("Họ và tên"), cell("Đơn vị")]


def people(count: int, start: int = 1) -> list[list[str]]:
    return [
        [cell(str(n)), cell(f"Người thứ {n}"), cell("Ủy ban nhân dân xã Tân Hòa")]
        for n in range(start, start + count)
    ]


def docx_of(body: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def refused(app, client, raw: bytes, message: str, name: str = "quyet-dinh.docx") -> None:
    conference_id = make_conference(app)
    before = revisions(app, conference_id)
    response = upload(client, conference_id, raw, name)
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400, text[:500]
    assert message in text
    assert "Traceback" not in text
    assert awards_of(app, conference_id) == []
    assert revisions(app, conference_id) == before


# --------------------------------------------------------------------------- size and shape


def test_a_merged_range_to_the_last_excel_cell_is_clipped_to_the_sheet(app, client):
    raw = decision_xlsx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="E1:XFD1048576"/>'
                    b"</mergeCells>",
                )
                assert b"XFD1048576" in data
            dst.writestr(item, data)
    hostile = out.getvalue()
    assert len(hostile) < 10_000
    source = di.read_xlsx(hostile)
    plain = di.read_xlsx(raw)
    # the range lies right of the list: nothing is expanded beyond what the sheet holds
    assert [r.cells for r in source.tables[0].rows] == [r.cells for r in plain.tables[0].rows]
    conference_id = make_conference(app)
    response = upload(client, conference_id, hostile, "danh-sach.xlsx")
    assert response.status_code == 200


def test_eight_thousand_times_too_many_paragraphs_stop_at_the_limit(app, client):
    raw = docx_of(HEAD + "<w:p/>" * (di.MAX_PARAGRAPHS + 1))
    assert len(raw) < 200_000
    refused(app, client, raw, "Tệp có hơn 50.000 đoạn văn; hãy chia thành nhiều tệp.")


def test_one_table_is_bounded_before_it_is_closed(app, client, monkeypatch):
    # one table whose single cell holds the paragraphs: counted as they open, at any depth
    cells = "<w:tc>" + "<w:p/>" * (di.MAX_PARAGRAPHS + 1) + "</w:tc>"
    raw = docx_of(HEAD + table([header_row(), [cells]]))
    refused(app, client, raw, "Tệp có hơn 50.000 đoạn văn")
    # every element counts (8 million empty runs in one paragraph): the limit made small here
    # so the test reads 2,001 of them, not 2 million
    monkeypatch.setattr(di, "MAX_ELEMENTS", 2_000)
    runs = "<w:p>" + "<w:r/>" * 2_001 + "</w:p>"
    refused(app, client, docx_of(runs), "Tệp có hơn 2.000 phần tử định dạng")


def test_a_cell_spanning_300000_columns_is_refused(app, client):
    raw = docx_of(HEAD + table([header_row(), [cell("1"), cell("An", span=300000)]]))
    refused(app, client, raw, "Bảng 1 có hơn 40 cột")
    # a span that is not a number is one column
    row = [cell("1"), cell("Trần An", span="abc"), cell("Xã Tân Hòa")]
    raw = docx_of(HEAD + table([header_row(), row]))
    assert di.read_docx(raw).tables[0].rows[0].cells == ["1", "Trần An", "Xã Tân Hòa"]


def test_the_row_limit_counts_every_table_of_the_file(app, client):
    half = di.MAX_ROWS // 2 + 10  # each table under the limit, the file over it
    body = HEAD + table([header_row(), *people(half)]) + table([header_row(), *people(half)])
    refused(app, client, docx_of(body), "Tệp có hơn 5.000 dòng (tính mọi bảng)")


def test_the_row_limit_counts_every_sheet_of_the_workbook(app, client):
    from openpyxl import Workbook

    book = Workbook()
    for index in range(3):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = f"Danh sách {index + 1}"
        sheet.append(["STT", "Họ và tên", "Đơn vị"])
        for n in range(1, 2001):
            sheet.append([n, f"Người thứ {n}", "Xã Tân Hòa"])
    out = io.BytesIO()
    book.save(out)
    refused(app, client, out.getvalue(), "Tệp có hơn 5.000 dòng (tính mọi bảng)", "danh-sach.xlsx")


# --------------------------------------------------------------------------- merged cells


def test_vertical_merges_are_read_in_one_pass(app, client, tmp_path):
    # "continue" in the header row (python-docx: ValueError → 500) is a cell of its own
    rows = [[cell("STT", vmerge="continue"), cell("Họ và tên"), cell("Đơn vị")]]
    rows += [[cell("1"), cell("Trần An"), cell("Trường Tiểu học Tân Hòa", vmerge="restart")]]
    rows += [[cell("2"), cell("Lê Bình"), cell("", vmerge="continue")]]
    raw = docx_of(HEAD + table(rows))
    file = tmp_path / "qd.docx"
    file.write_bytes(raw)
    conference_id = make_conference(app)
    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 0, result.output
    assert [(a.name, a.unit) for a in awards_of(app, conference_id)] == [
        ("Trần An", "Trường Tiểu học Tân Hòa"),
        ("Lê Bình", "Trường Tiểu học Tân Hòa"),
    ]
    # a column merged down 3,000 rows (python-docx: RecursionError after 88 s)
    rows = [header_row(), [cell("1"), cell("Người 1"), cell("Xã Tân Hòa", vmerge="restart")]]
    rows += [
        [cell(str(n)), cell(f"Người {n}"), cell("", vmerge="continue")] for n in range(2, 3001)
    ]
    source = di.read_docx(docx_of(HEAD + table(rows)))
    assert len(source.tables[0].rows) == 3000
    assert {r.cells[2] for r in source.tables[0].rows} == {"Xã Tân Hòa"}
    assert source.tables[0].rows[-1].cells[:2] == ["3000", "Người 3000"]


def test_every_failure_of_import_awards_is_vietnamese_with_exit_status_2(
    app, tmp_path, monkeypatch
):
    conference_id = make_conference(app)
    file = tmp_path / "qd.docx"
    file.write_bytes(docx_of(HEAD + "<w:p/>" * (di.MAX_PARAGRAPHS + 1)))
    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 2
    assert "Tệp có hơn 50.000 đoạn văn" in result.output

    def broken(raw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(di, "read_file", broken)
    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "Recursion" not in result.output
    assert "tệp có nội dung chương trình không đọc được. Chưa có gì được lưu." in result.output
    assert awards_of(app, conference_id) == []


# --------------------------------------------------------------------------- what kind of file


def test_macros_and_passwords_are_named(app, client):
    raw = docx_of(HEAD, {"word/vbaProject.bin": b"\0" * 10})
    refused(app, client, raw, "chứa macro (tệp .docm/.xlsm đổi tên); chương trình không đọc")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    refused(app, client, ole, "Word hoặc Excel cũ (.doc, .xls) hoặc tệp có mật khẩu")


# --------------------------------------------------------------------------- the preview


def test_nhap_imports_only_the_file_that_was_previewed(app, client):
    conference_id = make_conference(app)
    first = upload(client, conference_id, decision_docx())
    seen = page_fields(first.get_data(as_text=True))
    other = decision_docx(individuals=(("1", "Đỗ Văn Tâm", "Công an viên", "Công an xã"),))
    second = upload(client, conference_id, other)
    # the first page's choices (identical) with the second upload's token
    forged = dict(seen, token=page_fields(second.get_data(as_text=True))["token"])
    response = again(client, conference_id, forged, confirm=True)
    assert response.status_code == 409
    assert "chưa nhập gì" in html.unescape(response.get_data(as_text=True))
    assert awards_of(app, conference_id) == []
    assert again(client, conference_id, seen, confirm=True).status_code == 302
    assert "Đỗ Văn Tâm" not in [a.name for a in awards_of(app, conference_id)]


def test_an_impossible_decision_date_is_kept_and_blocks_the_import(app, client):
    conference_id = make_conference(app)
    fields = page_fields(upload(client, conference_id, decision_docx()).get_data(as_text=True))
    fields["ngay-quyet-dinh"] = "31/02/2026"
    response = again(client, conference_id, fields)
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert 'name="ngay-quyet-dinh" value="31/02/2026"' in text
    # "Xem lại" again, then "Nhập": still the typed date, still refused
    fields = page_fields(response.get_data(as_text=True))
    assert fields["ngay-quyet-dinh"] == "31/02/2026"
    response = again(client, conference_id, fields, confirm=True)
    assert response.status_code == 400
    assert "Ngày quyết định:" in html.unescape(response.get_data(as_text=True))
    assert awards_of(app, conference_id) == []


def test_undoing_an_import_forgets_the_mapping_it_taught(app, client):
    conference_id = make_conference(app)
    odd = {"name_header": "Người được khen", "job_unit_headers": ("Chức vụ", "Nơi làm việc")}
    fields = page_fields(upload(client, conference_id, decision_docx(**odd)).get_data(as_text=True))
    fields.update({"cot-2-1": "name", "cot-2-3": "unit"})
    fields = page_fields(again(client, conference_id, fields).get_data(as_text=True))
    assert again(client, conference_id, fields, confirm=True).status_code == 302

    def remembered_count():
        with app.app_context():
            return db.session.scalar(
                select(func.count())
                .select_from(AwardImportMapping)
                .where(AwardImportMapping.roles_json != "[]")
            )

    assert remembered_count() == 1
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac")
    assert awards_of(app, conference_id) == []
    assert remembered_count() == 0
    text = html.unescape(upload(client, conference_id, decision_docx(**odd)).get_data(as_text=True))
    assert "Cách ghép cột đã nhớ từ lần nhập trước" not in text
    assert re.search(r"Bảng 2: chưa có cột họ và tên", text)
