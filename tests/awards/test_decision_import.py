"""The award list straight from the Quyết định (issue 20, part 2): a decision .docx built here
with python-docx (the header table with "Số: …" and the place-and-date line, the trích yếu, two
recipient tables, a merged header, "I. TẬP THỂ" / "II. CÁ NHÂN" section rows, a name typed
decomposed) read through the page, the command line and an .xlsx; every figure read back from
the database."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata

import docx
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from kehoach_app.awards import decision_import as di
from kehoach_app.awards.decision_import_models import AwardImportMapping
from kehoach_app.awards.logic import FormRule
from kehoach_app.conferences.models import ConferenceRevision
from kehoach_app.db import db
from tests.awards.conftest import awards_of, delegate_id, make_conference
from tests.conftest import post

HA_DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn Thị Thu Hà")
COLLECTIVES = (("1", "Trường Tiểu học Tân Hòa"), ("2", "Hội Nông dân xã Tân Hòa"))
INDIVIDUALS = (
    ("1", HA_DECOMPOSED, "Giáo viên", "Trường Tiểu học Tân Hòa"),
    ("2", "Lê Quốc Hưng", "Chủ tịch Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Hòa"),
    ("3", "Trần Văn Bình", "Trưởng ấp", "ấp Mỹ Lộc"),
)
TITLE = "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã cho các tập thể và cá nhân"


def decision_docx(
    *,
    number: str = "Số: 123/QĐ-UBND",
    date_line: str = "Tân Hòa, ngày 15 tháng 12 năm 2026",
    title: str = TITLE,
    article: str = "Điều 1. Tặng Giấy khen cho các tập thể và cá nhân có tên trong danh sách.",
    collectives=COLLECTIVES,
    individuals=INDIVIDUALS,
    collective_header: str = "Tên tập thể",
    name_header: str = "Họ và tên",
    job_unit_headers: tuple[str, str] = ("Chức vụ", "Đơn vị"),
) -> bytes:
    """A decision as a xã's office writes it (Nghị định 30/2020/NĐ-CP layout)."""
    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = f"ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\n{number}"
    head.cell(
        0, 1
    ).text = f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{date_line}"
    for text in (
        "QUYẾT ĐỊNH",
        title,
        "đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        article,
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
    ):
        document.add_paragraph(text)
    # table 1: "STT | Tên tập thể" under the section row "I. TẬP THỂ"
    first = document.add_table(rows=2 + len(collectives), cols=2)
    first.cell(0, 0).text, first.cell(0, 1).text = "STT", collective_header
    first.cell(1, 0).merge(first.cell(1, 1)).text = "I. TẬP THỂ"
    for index, (stt, name) in enumerate(collectives, start=2):
        first.cell(index, 0).text, first.cell(index, 1).text = stt, name
    # table 2: a two-level merged header: "Chức vụ, đơn vị" across "Chức vụ" | "Đơn vị"
    second = document.add_table(rows=3 + len(individuals), cols=4)
    second.cell(0, 0).merge(second.cell(1, 0)).text = "STT"
    second.cell(0, 1).merge(second.cell(1, 1)).text = name_header
    second.cell(0, 2).merge(second.cell(0, 3)).text = "Chức vụ, đơn vị"
    second.cell(1, 2).text, second.cell(1, 3).text = job_unit_headers
    second.cell(2, 0).merge(second.cell(2, 3)).text = "II. CÁ NHÂN"
    for index, values in enumerate(individuals, start=3):
        for column, value in enumerate(values):
            second.cell(index, column).text = value
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    sign.cell(0, 1).text = "CHỦ TỊCH\n(Đã ký)\nLê Quốc Hưng"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def page_fields(text: str) -> dict[str, str]:
    """The hidden and chosen values of the preview form, as a browser would post them back."""
    fields = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text):
        if name != "csrf_token":
            fields[name] = html.unescape(value)
    for name in ("so-quyet-dinh", "ngay-quyet-dinh"):
        match = re.search(rf'name="{name}" value="([^"]*)"', text)
        fields[name] = html.unescape(match.group(1))
    for found in re.finditer(
        r'<select id="([^"]+)" name="([^"]+)"[^>]*>(.*?)</select>', text, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected', found.group(3))
        fields[found.group(2)] = chosen.group(1) if chosen else ""
    return fields


def upload(client, conference_id: int, raw: bytes, name: str = "quyet-dinh.docx"):
    url = f"/hoi-nghi/{conference_id}/khen-thuong/nhap-quyet-dinh"
    return post(client, url, {"file": (io.BytesIO(raw), name)}, page=url)


def again(client, conference_id: int, fields: dict, confirm: bool = False):
    url = f"/hoi-nghi/{conference_id}/khen-thuong/nhap-quyet-dinh"
    return post(client, url + ("/nhap" if confirm else ""), fields, page=url)


def revisions(app, conference_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(ConferenceRevision)
            .where(ConferenceRevision.conference_id == conference_id)
        )


# --------------------------------------------------------------------------- the page


def test_decision_docx_imported_with_forms_kinds_number_and_date(app, client):
    conference_id = make_conference(app)
    before = revisions(app, conference_id)
    response = upload(client, conference_id, decision_docx())
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text
    assert "Xem trước: 5 khen thưởng (2 tập thể, 3 cá nhân)" in text
    assert 'value="123/QĐ-UBND"' in text and 'value="15/12/2026"' in text
    assert "Theo trích yếu: Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" in text
    assert "“I. TẬP THỂ” — tập thể" in text and "“II. CÁ NHÂN” — cá nhân" in text
    # the merged header: one text per column, the group over each of its columns
    assert "Chức vụ, đơn vị › Chức vụ" in text and "Chức vụ, đơn vị › Đơn vị" in text
    assert revisions(app, conference_id) == before  # a preview writes nothing

    fields = page_fields(text)
    assert fields["cot-2-1"] == "name" and fields["cot-2-3"] == "unit"
    response = again(client, conference_id, fields, confirm=True)
    assert response.status_code == 302, response.get_data(as_text=True)

    rows = awards_of(app, conference_id)
    with app.app_context():
        from kehoach_app.awards.models import AwardForm

        codes = {f.id: f.code for f in db.session.scalars(select(AwardForm))}
    got = [
        (codes[a.form_id], a.recipient_kind, a.name, a.job_title, a.unit, a.position) for a in rows
    ]
    assert got == [
        ("giay_khen_chu_tich_ubnd_xa", "collective", "Trường Tiểu học Tân Hòa", "", "", 1),
        ("giay_khen_chu_tich_ubnd_xa", "collective", "Hội Nông dân xã Tân Hòa", "", "", 2),
        (
            "giay_khen_chu_tich_ubnd_xa",
            "individual",
            "Nguyễn Thị Thu Hà",
            "Giáo viên",
            "Trường Tiểu học Tân Hòa",
            3,
        ),
        (
            "giay_khen_chu_tich_ubnd_xa",
            "individual",
            "Lê Quốc Hưng",
            "Chủ tịch Ủy ban nhân dân xã",
            "Ủy ban nhân dân xã Tân Hòa",
            4,
        ),
        ("giay_khen_chu_tich_ubnd_xa", "individual", "Trần Văn Bình", "Trưởng ấp", "ấp Mỹ Lộc", 5),
    ]
    # typed decomposed in Word, stored composed (NFC)
    assert rows[2].name == unicodedata.normalize("NFC", HA_DECOMPOSED) != HA_DECOMPOSED
    assert {(a.decision_number, a.decision_date) for a in rows} == {
        ("123/QĐ-UBND", dt.date(2026, 12, 15))
    }
    # the delegate of that name goes up himself
    assert rows[3].receiver_delegate_id == delegate_id(app, conference_id, "Lê Quốc Hưng")
    assert [a.receiver_delegate_id for a in rows if a.name != "Lê Quốc Hưng"] == [None] * 4

    # one undo step, named after the decision, takes the whole import back
    assert revisions(app, conference_id) == before + 1
    with app.app_context():
        step = db.session.scalars(
            select(ConferenceRevision).order_by(ConferenceRevision.id.desc())
        ).first()
        assert step.description == "Nhập khen thưởng từ quyết định số 123/QĐ-UBND (5 dòng)"
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac")
    assert awards_of(app, conference_id) == []


def test_malformed_decision_refused_by_row_and_nothing_written(app, client):
    conference_id = make_conference(app)
    before = revisions(app, conference_id)
    raw = decision_docx(
        title="Về việc tặng Kỷ niệm chương vì sự nghiệp thi đua",
        article="Điều 1. Tặng Kỷ niệm chương cho các cá nhân có tên trong danh sách.",
        collective_header="Nội dung",  # table 1 has no name column
        individuals=(
            ("1", "Võ Thị Mai", "Kế toán", "Ủy ban nhân dân xã Tân Hòa"),
            ("2", "", "Văn thư", "Ủy ban nhân dân xã Tân Hòa"),  # a row without a name
        ),
    )
    response = upload(client, conference_id, raw)
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Tệp có 3 lỗi — chưa nhập dòng nào" in text
    assert (
        "Không nhận ra hình thức khen thưởng từ trích yếu “tặng Kỷ niệm chương vì sự nghiệp thi "
        "đua đã có thành tích xuất sắc trong phong trào thi đua năm 2026”; hãy chọn hình thức "
        "khen thưởng." in text
    )
    assert "Bảng 1: chưa có cột họ và tên hay tên tập thể" in text
    assert "Bảng 2, dòng 5: chưa có họ và tên." in text
    assert "Nhập 2 khen thưởng" not in text  # no import button

    # posting "Nhập" anyway (a forged or stale page) imports nothing either
    fields = page_fields(response.get_data(as_text=True))
    response = again(client, conference_id, fields, confirm=True)
    assert response.status_code == 400
    assert awards_of(app, conference_id) == []
    assert revisions(app, conference_id) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AwardImportMapping)) == 0


def test_a_corrected_mapping_is_remembered_for_the_next_file_of_the_same_shape(app, client):
    conference_id = make_conference(app)
    odd = {"name_header": "Người được khen", "job_unit_headers": ("Chức vụ", "Nơi làm việc")}
    response = upload(client, conference_id, decision_docx(**odd))
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Bảng 2: chưa có cột họ và tên hay tên tập thể" in text

    fields = page_fields(response.get_data(as_text=True))
    assert fields["cot-2-1"] == "skip" and fields["cot-2-3"] == "skip"
    fields.update({"cot-2-1": "name", "cot-2-3": "unit"})
    # "Nhập" straight after changing the selects shows the new preview first
    response = again(client, conference_id, fields, confirm=True)
    assert response.status_code == 409
    assert awards_of(app, conference_id) == []
    text = response.get_data(as_text=True)
    assert "Xem trước: 5 khen thưởng" in text
    response = again(client, conference_id, page_fields(text), confirm=True)
    assert response.status_code == 302
    assert [a.unit for a in awards_of(app, conference_id)][2:] == [
        "Trường Tiểu học Tân Hòa",
        "Ủy ban nhân dân xã Tân Hòa",
        "ấp Mỹ Lộc",
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AwardImportMapping)) == 1

    # next year's decision, same template, other people: read with the remembered mapping
    other = make_conference(app)
    raw = decision_docx(
        **odd,
        collectives=(("1", "Trạm Y tế xã Tân Hòa"),),
        individuals=(("1", "Đỗ Văn Tâm", "Công an viên", "Công an xã Tân Hòa"),),
    )
    response = upload(client, other, raw)
    text = response.get_data(as_text=True)
    assert response.status_code == 200, html.unescape(text)
    assert "Cách ghép cột đã nhớ từ lần nhập trước" in text
    fields = page_fields(text)
    assert (fields["cot-2-1"], fields["cot-2-2"], fields["cot-2-3"]) == (
        "name",
        "job_title",
        "unit",
    )
    assert again(client, other, fields, confirm=True).status_code == 302
    assert [(a.name, a.unit) for a in awards_of(app, other)] == [
        ("Trạm Y tế xã Tân Hòa", ""),
        ("Đỗ Văn Tâm", "Công an xã Tân Hòa"),
    ]


def test_the_same_decision_twice_is_refused_as_duplicates(app, client):
    conference_id = make_conference(app)
    response = upload(client, conference_id, decision_docx())
    again(client, conference_id, page_fields(response.get_data(as_text=True)), confirm=True)
    response = upload(client, conference_id, decision_docx())
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Tệp có 5 lỗi" in text
    assert (
        "Bảng 2, dòng 6: “Trần Văn Bình” đã có trong danh sách khen thưởng (Giấy khen của Chủ "
        "tịch Ủy ban nhân dân cấp xã); không nhập hai lần." in text
    )
    assert len(awards_of(app, conference_id)) == 5


def test_a_row_that_looks_like_a_heading_is_a_problem_until_left_out(app, client):
    conference_id = make_conference(app)
    raw = decision_docx(
        individuals=(
            ("", "KHỐI TRƯỜNG HỌC", "", ""),
            ("1", "Phan Thị Lệ", "Giáo viên", "Trường Mầm non Tân Hòa"),
        )
    )
    response = upload(client, conference_id, raw)
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Bảng 2, dòng 4: “KHỐI TRƯỜNG HỌC” trông như một dòng tiêu đề" in text
    fields = page_fields(response.get_data(as_text=True))
    fields["bo-qua"] = "2-4"
    response = again(client, conference_id, fields)
    text = response.get_data(as_text=True)
    assert response.status_code == 200, html.unescape(text)
    assert "Dòng bỏ qua" in text
    assert again(client, conference_id, page_fields(text), confirm=True).status_code == 302
    assert [a.name for a in awards_of(app, conference_id)] == [
        "Trường Tiểu học Tân Hòa",
        "Hội Nông dân xã Tân Hòa",
        "Phan Thị Lệ",
    ]


def test_not_a_decision_file_is_refused_with_a_reason(app, client):
    conference_id = make_conference(app)
    response = upload(client, conference_id, b"%PDF-1.4 ...", "quyet-dinh.pdf")
    assert response.status_code == 400
    assert "Tệp không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx)." in html.unescape(
        response.get_data(as_text=True)
    )


# --------------------------------------------------------------------------- the command line


def run(app, *args):
    return app.test_cli_runner().invoke(args=[str(a) for a in args])


def test_cli_dry_run_then_real_run(app, tmp_path):
    conference_id = make_conference(app)
    file = tmp_path / "qd.docx"
    file.write_bytes(decision_docx())
    result = run(app, "import-awards", conference_id, file, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Quyết định số 123/QĐ-UBND ngày 15/12/2026" in result.output
    assert (
        "  Bảng 2, dòng 4: Cá nhân — Nguyễn Thị Thu Hà — Giáo viên, Trường Tiểu học Tân Hòa — "
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" in result.output
    )
    assert "Sẽ nhập 5 khen thưởng (2 tập thể, 3 cá nhân); chưa lưu gì (--dry-run)." in (
        result.output
    )
    assert awards_of(app, conference_id) == []

    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 0, result.output
    assert f"Đã nhập 5 khen thưởng (2 tập thể, 3 cá nhân) vào hội nghị {conference_id}." in (
        result.output
    )
    assert len(awards_of(app, conference_id)) == 5

    # the same file again: refused, row by row, exit status 2, nothing added
    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 2
    assert "Không nhập: 5 lỗi; chưa có gì được lưu:" in result.output
    assert "  - Bảng 1, dòng 3: “Trường Tiểu học Tân Hòa” đã có trong danh sách" in result.output
    assert len(awards_of(app, conference_id)) == 5


def test_cli_refuses_a_malformed_file_an_unknown_form_and_conference(app, tmp_path):
    conference_id = make_conference(app)
    file = tmp_path / "qd.docx"
    file.write_bytes(decision_docx(individuals=(("1", "", "Văn thư", "UBND xã"),)))
    result = run(app, "import-awards", conference_id, file, "--dry-run")
    assert result.exit_code == 2
    assert "  - Bảng 2, dòng 4: chưa có họ và tên." in result.output

    result = run(app, "import-awards", conference_id, file, "--form", "khong_co")
    assert result.exit_code == 2
    assert "Không có hình thức khen thưởng mã “khong_co”" in result.output
    result = run(app, "import-awards", 9999, file)
    assert result.exit_code == 2 and "Không có hội nghị số 9999." in result.output
    bad = tmp_path / "qd.docx.txt"
    bad.write_text("không phải tệp Word", encoding="utf-8")
    result = run(app, "import-awards", conference_id, bad)
    assert result.exit_code == 2 and "Chưa có gì được lưu." in result.output
    assert awards_of(app, conference_id) == []


def test_cli_form_option_replaces_the_title(app, tmp_path):
    conference_id = make_conference(app)
    file = tmp_path / "qd.docx"
    file.write_bytes(
        decision_docx(
            title="Về việc khen thưởng năm 2026",
            article="Điều 1. Khen thưởng các cá nhân có tên trong danh sách.",
            collectives=(),
            individuals=INDIVIDUALS,
        )
    )
    assert run(app, "import-awards", conference_id, file, "--dry-run").exit_code == 2
    result = run(app, "import-awards", conference_id, file, "--form", "lao_dong_tien_tien")
    assert result.exit_code == 0, result.output
    with app.app_context():
        from kehoach_app.awards.models import AwardForm

        code = {f.id: f.code for f in db.session.scalars(select(AwardForm))}
    assert {(code[a.form_id], a.recipient_kind) for a in awards_of(app, conference_id)} == {
        ("lao_dong_tien_tien", "individual")
    }


# --------------------------------------------------------------------------- .xlsx


def decision_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    for row in (
        ["ỦY BAN NHÂN DÂN XÃ TÂN HÒA"],
        ["Số: 45/QĐ-UBND", None, "Tân Hòa, ngày 02 tháng 01 năm 2027"],
        ["Về việc tặng danh hiệu Lao động tiên tiến và Tập thể lao động tiên tiến năm 2026"],
        [],
        ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"],
        ["I. Tập thể"],
        [1, "Tổ Văn phòng - Thống kê", None],
        ["II. Cá nhân"],
        [1, "Ngô Thị Hồng", "Công chức Tư pháp - Hộ tịch, Ủy ban nhân dân xã Tân Hòa"],
        [2, unicodedata.normalize("NFD", "Đặng Văn Lợi"), "Giáo viên Trường THCS Tân Hòa"],
    ):
        sheet.append(row)
    sheet.merge_cells("A6:C6")
    sheet.merge_cells("A8:C8")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_list_with_section_rows_two_forms_by_kind(app, client, tmp_path):
    conference_id = make_conference(app)
    file = tmp_path / "danh-sach.xlsx"
    file.write_bytes(decision_xlsx())
    result = run(app, "import-awards", conference_id, file)
    assert result.exit_code == 0, result.output
    assert (
        "“Tên tập thể, cá nhân” → Họ và tên; “Chức vụ, đơn vị” → Chức vụ, đơn vị" in result.output
    )
    with app.app_context():
        from kehoach_app.awards.models import AwardForm

        code = {f.id: f.code for f in db.session.scalars(select(AwardForm))}
    got = [
        (code[a.form_id], a.recipient_kind, a.name, a.job_title, a.unit, a.decision_number)
        for a in awards_of(app, conference_id)
    ]
    assert got == [
        (
            "tap_the_lao_dong_tien_tien",
            "collective",
            "Tổ Văn phòng - Thống kê",
            "",
            "",
            "45/QĐ-UBND",
        ),
        (
            "lao_dong_tien_tien",
            "individual",
            "Ngô Thị Hồng",
            "Công chức Tư pháp - Hộ tịch",
            "Ủy ban nhân dân xã Tân Hòa",
            "45/QĐ-UBND",
        ),
        (
            "lao_dong_tien_tien",
            "individual",
            "Đặng Văn Lợi",
            "Giáo viên",
            "Trường THCS Tân Hòa",
            "45/QĐ-UBND",
        ),
    ]
    assert {a.decision_date for a in awards_of(app, conference_id)} == {dt.date(2027, 1, 2)}

    # the page reads the same sheet (column letters in its headings)
    other = make_conference(app)
    response = upload(client, other, decision_xlsx(), "danh-sach.xlsx")
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200, text
    assert "B: Tên tập thể, cá nhân" in text
    assert "Xem trước: 3 khen thưởng (1 tập thể, 2 cá nhân)" in text


# --------------------------------------------------------------------------- pure rules


FORMS = [
    FormRule(
        id=1,
        code="giay_khen_chu_tich_ubnd_xa",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà",
        catalogue_name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
    ),
    FormRule(id=2, code="lao_dong_tien_tien", name="Lao động tiên tiến", for_collective=False),
    FormRule(
        id=3,
        code="tap_the_lao_dong_tien_tien",
        name="Tập thể lao động tiên tiến",
        for_individual=False,
    ),
    FormRule(id=4, code="bang_khen_tinh", name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    FormRule(id=5, code="bang_khen_thu_tuong", name="Bằng khen của Thủ tướng Chính phủ"),
]


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("tặng Bằng khen của Chủ tịch UBND tỉnh cho các cá nhân", ["bang_khen_tinh"]),
        ("tặng Bằng khen cho các cá nhân", []),  # two Bằng khen in the catalogue: ask
        ("tặng Giấy khen của Chủ tịch UBND cấp xã", ["giay_khen_chu_tich_ubnd_xa"]),
        ("tặng Giấy khen cho tập thể", ["giay_khen_chu_tich_ubnd_xa"]),  # the only Giấy khen
        ("tặng danh hiệu Lao động tiên tiến năm 2026", ["lao_dong_tien_tien"]),
        (
            "công nhận danh hiệu Tập thể lao động tiên tiến và Lao động tiên tiến",
            ["tap_the_lao_dong_tien_tien", "lao_dong_tien_tien"],
        ),
        (
            "tặng danh hiệu Lao động tiên tiến, Tập thể lao động tiên tiến",
            ["lao_dong_tien_tien", "tap_the_lao_dong_tien_tien"],
        ),
    ],
)
def test_form_from_the_title(title, codes):
    assert [f.code for f in di.find_forms(title, FORMS)] == codes


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Giáo viên, Trường Tiểu học Tân Hòa", ("Giáo viên", "Trường Tiểu học Tân Hòa")),
        ("Giáo viên Trường Tiểu học Tân Hòa", ("Giáo viên", "Trường Tiểu học Tân Hòa")),
        ("Phó Chủ tịch UBND xã Tân Hòa", ("Phó Chủ tịch", "UBND xã Tân Hòa")),
        ("Kế toán\nHội Liên hiệp Phụ nữ xã", ("Kế toán", "Hội Liên hiệp Phụ nữ xã")),
        ("Trường Mầm non Tân Hòa", ("", "Trường Mầm non Tân Hòa")),
        ("Nông dân", ("Nông dân", "")),
    ],
)
def test_job_title_and_unit_from_one_column(text, split):
    assert di.split_job_unit(text) == split


def test_number_and_date_from_the_header_not_from_the_grounds():
    heading = di.read_heading(
        [
            "ỦY BAN NHÂN DÂN",
            "PHƯỜNG HỒNG HÀ",
            "Số:  2041 / QĐ-UBND",
            "Hồng Hà, ngày 05 tháng 01 năm 2027",
            "QUYẾT ĐỊNH",
            "V/v tặng Giấy khen cho các tập thể",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        ]
    )
    assert (heading.number, heading.date, heading.title) == (
        "2041/QĐ-UBND",
        dt.date(2027, 1, 5),
        "tặng Giấy khen cho các tập thể",
    )
    blank = di.read_heading(["Số: …/QĐ-UBND", "ngày … tháng … năm 2027", "Về việc tặng"])
    assert (blank.number, blank.date) == ("", None)
    assert blank.notes == ["Số quyết định trong tệp còn để trống (“Số: …/…”)."]


def test_signature_forgets_marks_case_and_spacing():
    assert di.signature(["STT", "Họ và tên", "Chức vụ, đơn vị"]) == di.signature(
        ["stt", "Ho va  ten", "CHỨC VỤ - ĐƠN VỊ"]
    )
    assert di.signature(["STT", "Họ và tên"]) != di.signature(["STT", "Tên tập thể"])


def test_names_linked_to_delegates_by_name_then_unit():
    source = di.read_docx(decision_docx(collectives=()))
    people = [
        di.Person(11, "Trần Văn Bình", "Ban Chỉ huy Quân sự xã"),
        di.Person(12, "trần văn  bình", "ấp Mỹ Lộc"),  # the same name, typed otherwise
        di.Person(13, "Lê Quốc Hưng", "Ủy ban nhân dân xã Tân Hòa"),
        di.Person(14, "Lê Quốc Hưng", "Ủy ban nhân dân xã Tân Hòa"),  # two in the same unit
        di.Person(15, "Nguyễn Thị Thu Hạ", ""),  # another name: tone marks count
    ]
    preview = di.build_preview(source, FORMS, people=people)
    assert preview.ok, preview.all_problems
    linked = {row.name: row.delegate.id if row.delegate else None for row in preview.rows}
    assert linked == {"Nguyễn Thị Thu Hà": None, "Lê Quốc Hưng": None, "Trần Văn Bình": 12}
