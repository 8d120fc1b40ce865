"""The delegates' printouts opened as a reader would: giấy mời, nhãn phong bì, sổ theo dõi gửi
giấy mời, danh sách đại biểu, danh sách ký nhận (PDF with pdfplumber, XLSX with openpyxl)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import openpyxl
import pdfplumber
import pytest

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import printout as P
from kehoach_app.delegates.models import Delegate, DelegateGroup
from kehoach_app.printouts import get_printout

TORTURE = "Nguyễn Văn A & B <C>"
TIME_LINE = "Thời gian: 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027"  # 15/01/2027 is a Friday
MM = 72 / 25.4

# Protocol order worked out by hand, as the MC introduces them: group by group (Thường trực
# Đảng ủy, then the award recipients, then no group), within a group rank 1, rank 2, then the
# unranked by tên, tên đệm, họ — Lê Văn Bình (no rank) keeps his group's place.
PROTOCOL = [TORTURE, "Trần Thị Ỷ Lan", "Lê Văn Bình", "Phạm Thị Ánh", "Đặng Hữu Ân"]
BY_NAME = [TORTURE, "Phạm Thị Ánh", "Đặng Hữu Ân", "Lê Văn Bình", "Trần Thị Ỷ Lan"]


# --------------------------------------------------------------------------- fixtures, helpers


def _add_delegates(conference) -> None:
    leaders = DelegateGroup(conference=conference, position=1, name="Thường trực Đảng ủy")
    awarded = DelegateGroup(conference=conference, position=2, name="Cá nhân được khen thưởng")
    press = DelegateGroup(conference=conference, position=3, name="Báo chí")  # stays empty
    db.session.add_all([leaders, awarded, press])
    people = [
        # honorific, name, position, unit, rank, group, sent on, reply, substitute
        ("Bà", "Trần Thị Ỷ Lan", "Bí thư Đảng ủy", "Đảng ủy xã Tân Hòa", 2, leaders,
         dt.date(2027, 1, 8), "attending", ""),
        ("Ông", TORTURE, "Chủ tịch", "Ủy ban nhân dân xã Tân Hòa", 1, leaders, None, "pending", ""),
        ("Đồng chí", "Lê Văn Bình", "Trưởng ấp", "Ấp Mỹ Lộc", 0, leaders, None, "pending", ""),
        ("Bà", "Phạm Thị Ánh", "Giáo viên", "Trường Tiểu học Tân Hòa", 0, awarded,
         dt.date(2027, 1, 9), "substitute", "Võ Văn Thay"),
        ("Ông", "Đặng Hữu Ân", "Phóng viên", "Đài Truyền thanh xã", 0, None, None, "absent",
         "Tên cũ không in"),
    ]  # fmt: skip
    for honorific, name, position, unit, rank, group, sent, reply, substitute in people:
        db.session.add(
            Delegate(
                conference=conference,
                honorific=honorific,
                full_name=name,
                position=position,
                unit=unit,
                protocol_rank=rank,
                group=group,
                presidium=rank == 1,
                invitation_sent_on=sent,
                reply=reply,
                substitute_name=substitute,
            )
        )


def _conference(with_delegates: bool = True) -> Conference:
    """A conference of a xã, made by hand (not the demo: its delegates would mix in)."""
    conference = Conference(
        kind="tong_ket",
        level="xa",
        issuer="Ủy ban nhân dân xã Tân Hòa",
        place_name="Tân Hòa",
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 và phát động phong trào "
        "thi đua năm 2027",
        year_reviewed=2026,
        year_launched=2027,
        date=dt.date(2027, 1, 15),
        start_time=dt.time(7, 30),
        length="half_day",
        venue="Hội trường Ủy ban nhân dân xã Tân Hòa",
        venue_address="Số 18 đường Nguyễn Trãi, ấp Mỹ Lộc, xã Tân Hòa",
        planned_delegates=100,
        doc_number="7",
        doc_symbol="KH-UBND",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_deputy="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Thị Hồng Nhung",
    )
    db.session.add(conference)
    if with_delegates:
        _add_delegates(conference)
    db.session.commit()
    return conference


@pytest.fixture()
def conference(app):
    with app.app_context():
        yield _conference()


@pytest.fixture()
def empty_conference(app):
    with app.app_context():
        yield _conference(with_delegates=False)


def delegates_of(conference) -> list[Delegate]:
    return P.conference_delegates(conference)


def pdf_pages(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def flowing(text: str) -> str:
    """Text with its line breaks as spaces: a long line may wrap anywhere."""
    return " ".join(text.split())


def table_rows(data: bytes) -> list[list[str]]:
    """The cells of every ruled table, page after page (a wrapped cell read as one line)."""
    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[flowing(cell or "") for cell in row] for row in table]
    return rows


def all_text(data: bytes) -> str:
    """The running text and every table cell."""
    cells = " | ".join(" | ".join(row) for row in table_rows(data))
    return flowing("\n".join(pdf_pages(data))) + " | " + cells


def positions(text: str, names: list[str]) -> list[int]:
    found = [text.find(name) for name in names]
    assert -1 not in found, dict(zip(names, found, strict=True))
    return found


def open_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def header_row_of(ws, first_title: str = "STT") -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_title:
            return row[0].row
    raise AssertionError("no header row")


# --------------------------------------------------------------------------- giấy mời


def test_invitations_one_page_each_in_protocol_order(conference):
    data = P.invitations_pdf(conference, delegates_of(conference))
    pages = pdf_pages(data)
    assert len(pages) == 5
    for page, name in zip(pages, PROTOCOL, strict=True):
        assert name in page
        assert page == unicodedata.normalize("NFC", page)
    first = flowing(pages[0])
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/GM-UBND",  # the văn thư numbers it: never the plan's 07 (one number, one document)
        "Tân Hòa, ngày",
        "GIẤY MỜI",
        "Dự Hội nghị tổng kết công tác thi đua, khen thưởng",
        f"Kính gửi: Ông {TORTURE} – Chủ tịch Ủy ban nhân dân xã Tân Hòa",
        "Ủy ban nhân dân xã Tân Hòa trân trọng kính mời Ông đến dự Hội nghị tổng kết",
        TIME_LINE,
        "Địa điểm: Hội trường Ủy ban nhân dân xã Tân Hòa (Số 18 đường Nguyễn Trãi",
        "Đề nghị Ông đến dự đúng giờ./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Hồng Nhung",
    ):
        assert expected in first, expected
    assert "07/GM" not in first
    assert "Đề nghị Bà đến dự đúng giờ./." in flowing(pages[1])
    assert "kính mời Đồng chí đến dự" in flowing(pages[2])  # Lê Văn Bình, in his group
    assert b"Helvetica" not in data


def test_invitations_carry_no_page_numbers(conference):
    pages = pdf_pages(P.invitations_pdf(conference, delegates_of(conference)))
    for number, page in enumerate(pages[1:], start=2):
        assert str(number) not in page.splitlines()[0].split()  # each page is its own letter


def test_invitations_for_a_selection_and_a_long_position(conference):
    # the reader's rows are read-only: the long chức vụ on a copy
    chosen = [
        dataclasses.replace(
            d, position="Giáo viên, Tổ trưởng chuyên môn khối lớp Năm, kiêm Bí thư Chi đoàn"
        )
        for d in delegates_of(conference)
        if d.full_name == "Phạm Thị Ánh"
    ]
    pages = pdf_pages(P.invitations_pdf(conference, chosen))
    assert len(pages) == 1
    lines = pages[0].splitlines()
    # too long for one line: the chức vụ goes under the name instead of a dangling last word
    assert "Kính gửi: Bà Phạm Thị Ánh" in lines
    assert "Đề nghị Bà đến dự đúng giờ./." in flowing(pages[0])


def test_invitation_number_line_takes_the_gm_symbol():
    assert P.invitation_symbol("KH-UBND") == "GM-UBND"
    assert P.invitation_symbol("KH-HĐTĐKT") == "GM-HĐTĐKT"
    assert P.invitation_symbol("UBND") == "GM-UBND"
    assert P.invitation_symbol("") == "GM"


def test_builders_draw_plain_data_without_a_database():
    """The builders take dataclasses: no app, no session."""
    head = P.LetterHead("Ủy ban nhân dân phường Tân Định", "", "Số:       /GM-UBND", "")
    data = P.InvitationData(
        head=head,
        signer=P.Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Lê Thị Ngọc Ánh"),
        issuer="Ủy ban nhân dân phường Tân Định",
        subject="Dự Hội nghị",
        event="Hội nghị",
        time_line="14 giờ 00, Thứ Hai, ngày 05 tháng 01 năm 2026",
        venue="Hội trường <B> & C",
        guests=(P.DelegateRow(1, "Bà", "Ngô Thị Ẩn"),),
    )
    text = flowing(pdf_pages(P.render_invitations(data))[0])
    assert "Kính gửi: Bà Ngô Thị Ẩn" in text
    assert "Địa điểm: Hội trường <B> & C." in text
    assert "CHỦ TỊCH" in text and "Lê Thị Ngọc Ánh" in text


def test_an_invitation_too_long_for_its_page_runs_on_and_the_next_starts_afresh():
    """A chức vụ of many lines: that letter runs on to a second page, numbered 2 (its own
    page 2), and the letters after it start on a fresh page, laid out exactly as the first."""
    head = P.LetterHead("Ủy ban nhân dân xã Tân Hòa", "", "Số: 12/GM-UBND", "")
    role = " ".join(["Phó Trưởng ban Thường trực Ban Chỉ đạo Chương trình mục tiêu"] * 45)
    data = P.InvitationData(
        head=head,
        signer=P.Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Lê Thị Ngọc Ánh"),
        issuer="Ủy ban nhân dân xã Tân Hòa",
        subject="Dự Hội nghị",
        event="Hội nghị",
        time_line="14 giờ 00, Thứ Hai, ngày 05 tháng 01 năm 2026",
        venue="Hội trường",
        guests=(
            P.DelegateRow(1, "Ông", "Nguyễn Văn An", role="Chủ tịch", code="ABC234"),
            P.DelegateRow(2, "Bà", "Trần Thị Bích", role=role, code="DEF567"),
            P.DelegateRow(3, "Ông", "Lê Văn Cường", role="Chủ tịch", code="GHK789"),
        ),
    )
    data_bytes = P.render_invitations(data)
    pages = pdf_pages(data_bytes)
    assert len(pages) == 4
    assert "Kính gửi: Bà Trần Thị Bích" in pages[1]
    assert pages[1].splitlines()[0].split()[0] != "1"  # a letter's first page: no number
    assert pages[2].splitlines()[0].strip() == "2"  # its second page: numbered 2
    assert "Đề nghị Bà đến dự đúng giờ./." in flowing(pages[2])
    assert "Lê Thị Ngọc Ánh" in pages[2] and "Lê Thị Ngọc Ánh" not in pages[1]
    assert "Kính gửi: Ông Lê Văn Cường – Chủ tịch" in pages[3]

    def placed(page) -> list[tuple[str, float, float]]:
        """Every word and where it stands, but the "Kính gửi" line (centred on the name)."""
        words = page.extract_words()
        kinh = next(w["top"] for w in words if w["text"] == "Kính")
        return [
            (w["text"], round(w["x0"], 2), round(w["top"], 2))
            for w in words
            if abs(w["top"] - kinh) > 1 and w["text"] not in ("ABC234", "GHK789")
        ]

    with pdfplumber.open(io.BytesIO(data_bytes)) as pdf:
        first, last = placed(pdf.pages[0]), placed(pdf.pages[3])
    assert len(first) > 40
    assert first == last  # the last letter stands word for word where the first does


# --------------------------------------------------------------------------- nhãn phong bì


def _label_boxes(page_height: float) -> list[tuple[float, float, float, float]]:
    """The stock's labels as pdfplumber rectangles (x0, top, x1, bottom)."""
    return [
        (x, page_height - (y + h), x + w, page_height - y)
        for x, y, w, h in P.ENVELOPE_LABELS_14.boxes()
    ]


def test_envelope_labels_fit_their_labels(conference):
    long_unit = "Trung tâm Phục vụ hành chính công " * 9  # ≈ 300 characters
    delegates = delegates_of(conference)
    for n in range(10):  # 15 people: a second sheet
        delegates.append(
            Delegate(
                conference=conference,
                honorific="Ông",
                full_name=f"Nguyễn Hữu Thành Đạt {n:02d}",
                position="Phó Giám đốc phụ trách",
                unit=long_unit if n == 0 else "Sở Nội vụ",
            )
        )
    data = P.envelope_labels_pdf(conference, delegates)
    assert b"Helvetica" not in data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        first = pdf.pages[0]
        assert round(first.width / MM) == 210 and round(first.height / MM) == 297
        boxes = _label_boxes(first.height)
        used: set[int] = set()
        for page in pdf.pages:
            for ch in page.chars:
                inside = [
                    i
                    for i, (x0, top, x1, bottom) in enumerate(boxes)
                    if x0 <= ch["x0"]
                    and ch["x1"] <= x1
                    and top <= ch["top"]
                    and ch["bottom"] <= bottom
                ]
                assert inside, (
                    f"{ch['text']!r} at ({ch['x0']:.0f}, {ch['top']:.0f}) is off every label"
                )
                used.add(inside[0])
        assert len(used) == 14
        text = flowing(pdf.pages[0].extract_text())
        assert f"Kính gửi: Ông {TORTURE}" in text
        assert "Kính gửi: Bà Trần Thị Ỷ Lan" in text
        assert "Bí thư Đảng ủy xã Tân Hòa" in text  # chức vụ and đơn vị as one phrase
        # the long unit shrank but is all there
        assert text.replace(" ", "").count("Trungtâm") >= 9


# --------------------------------------------------------------------------- sổ theo dõi


def test_tracking_sheet_pdf(conference):
    data = P.tracking_sheet_pdf(conference, delegates_of(conference))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape: eight columns
    text = flowing(pdf_pages(data)[0])
    assert "SỔ THEO DÕI GỬI GIẤY MỜI" in text and TIME_LINE in text
    rows = table_rows(data)
    assert rows[0] == [
        "STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ngày gửi", "Phản hồi", "Người dự thay", "Ký nhận",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:]] == PROTOCOL
    assert rows[1][:6] == [
        "1",
        TORTURE,
        "Chủ tịch",
        "Ủy ban nhân dân xã Tân Hòa",
        "",
        "Chưa phản hồi",
    ]
    assert rows[2][4:6] == ["08/01/2027", "Tham dự"]
    assert rows[4][4:7] == ["09/01/2027", "Cử người dự thay", "Võ Văn Thay"]
    assert rows[5][5:7] == ["Vắng", ""]  # a substitute named for a reply since changed: not printed


def test_tracking_sheet_xlsx(conference):
    ws = open_xlsx(P.tracking_sheet_xlsx(conference, delegates_of(conference)))
    h = header_row_of(ws)
    headers = [c.value for c in ws[h]]
    assert headers == [
        "STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ngày gửi", "Phản hồi", "Người dự thay", "Ký nhận",
    ]  # fmt: skip
    assert all(c.font.bold for c in ws[h])
    assert ws.freeze_panes == f"A{h + 1}"
    assert ws.print_title_rows == f"${h}:${h}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=h + 1)]
    assert [r[1] for r in rows] == PROTOCOL
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    lan = rows[1]
    assert lan[2:4] == ["Bí thư Đảng ủy", "Đảng ủy xã Tân Hòa"] and lan[5] == "Tham dự"
    sent = ws.cell(row=h + 2, column=5)
    assert sent.is_date and sent.value.date() == dt.date(2027, 1, 8)
    assert sent.number_format == "DD/MM/YYYY"
    assert rows[3][4:7] == [dt.datetime(2027, 1, 9), "Cử người dự thay", "Võ Văn Thay"]
    assert rows[0][4] is None and rows[0][5] == "Chưa phản hồi"
    assert ws.cell(row=h + 1, column=1).border.left.style == "thin"
    assert ws.column_dimensions["B"].width >= 20


# --------------------------------------------------------------------------- danh sách đại biểu


def test_delegate_list_pdf_grouped_with_counts(conference):
    data = P.delegate_list_pdf(conference, delegates_of(conference))
    text = all_text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "DANH SÁCH ĐẠI BIỂU",
        "Dự Hội nghị tổng kết",
        "I. Thường trực Đảng ủy (03 đại biểu)",
        "II. Cá nhân được khen thưởng (01 đại biểu)",
        "III. Đại biểu khác (01 đại biểu)",
        "Tổng cộng: 05 đại biểu",
        "Chủ tịch Ủy ban nhân dân xã Tân Hòa",
        "Bí thư Đảng ủy xã Tân Hòa",  # the words chức vụ and đơn vị share are written once
        "Trưởng ấp Mỹ Lộc",
        "Đoàn Chủ tịch",
        "Dự thay: Võ Văn Thay",
    ):
        assert expected in text, expected
    assert "Báo chí" not in text  # an empty group is left out
    rows = table_rows(data)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Ghi chú"]
    assert rows[2] == ["1", TORTURE, "Chủ tịch Ủy ban nhân dân xã Tân Hòa", "Đoàn Chủ tịch"]
    text = " | ".join(" | ".join(row) for row in rows)
    # groups in the officer's order; inside a group rank 1, rank 2, then the unranked
    order = positions(
        text,
        ["I. Thường trực", TORTURE, "Trần Thị Ỷ Lan", "Lê Văn Bình", "II. Cá nhân",
         "Phạm Thị Ánh", "III. Đại biểu khác", "Đặng Hữu Ân", "Tổng cộng"],
    )  # fmt: skip
    assert order == sorted(order)


def test_delegate_list_xlsx(conference):
    ws = open_xlsx(P.delegate_list_xlsx(conference, delegates_of(conference)))
    h = header_row_of(ws)
    assert [c.value for c in ws[h]] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ghi chú"]
    assert ws["A1"].value == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    assert ws["A2"].value == "DANH SÁCH ĐẠI BIỂU"
    values = [row[0].value for row in ws.iter_rows(min_row=h + 1, max_col=1)]
    names = [row[1].value for row in ws.iter_rows(min_row=h + 1, max_col=2)]
    assert values == [
        "I. Thường trực Đảng ủy (03 đại biểu)", 1, 2, 3,
        "II. Cá nhân được khen thưởng (01 đại biểu)", 4,
        "III. Đại biểu khác (01 đại biểu)", 5,
        "Tổng cộng: 05 đại biểu",
    ]  # fmt: skip
    assert [n for n in names if n] == [TORTURE, "Trần Thị Ỷ Lan", "Lê Văn Bình", "Phạm Thị Ánh",
                                       "Đặng Hữu Ân"]  # fmt: skip
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{h + 1}:E{h + 1}" in merged  # the group heading spans the table
    assert ws.cell(row=h + 1, column=1).font.bold
    assert ws.page_setup.orientation == "portrait"


# --------------------------------------------------------------------------- danh sách ký nhận


def test_sign_in_sheet_pdf_in_name_order_with_room_to_sign(conference):
    data = P.sign_in_sheet_pdf(conference, delegates_of(conference))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (table,) = page.find_tables()
        heights = [row.bbox[3] - row.bbox[1] for row in table.rows]
    assert "DANH SÁCH KÝ NHẬN" in pdf_pages(data)[0]
    rows = table_rows(data)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Ký nhận"]
    assert [r[1].split(" (")[0] for r in rows[1:]] == BY_NAME
    assert rows[2][1:] == [
        "Phạm Thị Ánh (Dự thay: Võ Văn Thay)",
        "Giáo viên Trường Tiểu học Tân Hòa",
        "",
    ]
    # the header row, then one row per delegate, each at least 10 mm between its rules
    assert len(heights) == 1 + len(BY_NAME)
    assert min(heights[1:]) >= 10 * MM


def test_sign_in_sheet_xlsx(conference):
    ws = open_xlsx(P.sign_in_sheet_xlsx(conference, delegates_of(conference)))
    h = header_row_of(ws)
    assert [c.value for c in ws[h]] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Ký nhận"]
    names = [row[1].value.split("\n")[0] for row in ws.iter_rows(min_row=h + 1, max_col=2)]
    assert names == BY_NAME
    for r in range(h + 1, h + 1 + len(BY_NAME)):
        assert ws.row_dimensions[r].height >= 10 * MM
    assert ws.column_dimensions["D"].width >= 20  # a wide column to sign in


# --------------------------------------------------------------------------- catalogue, empty


CATALOGUE = {
    "giay-moi": ("Giấy mời", ("pdf",)),
    "nhan-phong-bi": ("Nhãn phong bì", ("pdf",)),
    "so-theo-doi-giay-moi": ("Sổ theo dõi gửi giấy mời", ("pdf", "xlsx")),
    "danh-sach-dai-bieu": ("Danh sách đại biểu", ("pdf", "xlsx")),
    "danh-sach-ky-nhan": ("Danh sách ký nhận", ("pdf", "xlsx")),
}


def test_printouts_are_in_the_catalogue_and_print_every_delegate(conference):
    for key, (title, formats) in CATALOGUE.items():
        printout = get_printout(key)
        assert printout is not None, key
        assert (printout.title, printout.formats) == (title, formats)
        for fmt in formats:
            data = printout.build(conference, fmt)
            if fmt == "pdf":
                assert TORTURE in all_text(data), key
            else:
                ws = open_xlsx(data)
                assert any(TORTURE in str(c.value) for row in ws.iter_rows() for c in row), key
    assert len(pdf_pages(get_printout("giay-moi").build(conference, "pdf"))) == 5


def test_print_buttons_download_them(client, conference):
    response = client.get(f"/hoi-nghi/{conference.id}/in/danh-sach-dai-bieu.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "Tổng cộng: 05 đại biểu" in all_text(response.data)


def test_no_delegates_gives_a_document_that_says_so(empty_conference):
    for key, (_, formats) in CATALOGUE.items():
        for fmt in formats:
            data = get_printout(key).build(empty_conference, fmt)
            if fmt == "pdf":
                pages = pdf_pages(data)
                assert len(pages) == 1, key
                assert "Chưa có đại biểu" in pages[0], key
            else:
                ws = open_xlsx(data)
                assert any(c.value == "Chưa có đại biểu" for row in ws.iter_rows() for c in row)


# --------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("position", "unit", "expected"),
    [
        ("Chủ tịch", "Ủy ban nhân dân xã Tân Hòa", "Chủ tịch Ủy ban nhân dân xã Tân Hòa"),
        ("Trưởng phòng", "Phòng Văn hóa - Xã hội", "Trưởng phòng Văn hóa - Xã hội"),
        ("Bí thư Đảng ủy", "Đảng ủy xã Tân Hòa", "Bí thư Đảng ủy xã Tân Hòa"),
        ("Chủ tịch UBND xã Tân Hòa", "UBND xã Tân Hòa", "Chủ tịch UBND xã Tân Hòa"),
        ("Giám đốc", "Sở Nội vụ", "Giám đốc Sở Nội vụ"),
        ("", "Báo Đồng Tháp", "Báo Đồng Tháp"),
        ("Phóng viên", "", "Phóng viên"),
        # the same body spelt out in the position and abbreviated in the unit: written once
        (
            "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường",
            "Ủy ban MTTQ Việt Nam phường",
            "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        ),
        ("Chủ tịch Uỷ ban nhân dân xã", "ủy ban nhân dân XÃ", "Chủ tịch Uỷ ban nhân dân xã"),
        ("Chủ tịch Ủy ban nhân dân", "UBND xã Tân Hòa", "Chủ tịch Ủy ban nhân dân xã Tân Hòa"),
        # a position naming another body takes a comma before the unit
        (
            "Chủ tịch Hội Nông dân xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Chủ tịch Hội Nông dân xã, Ủy ban MTTQ Việt Nam xã",
        ),
        ("Hiệu trưởng", "Trường THCS Tân Hòa", "Hiệu trưởng Trường THCS Tân Hòa"),
        ("Phó Bí thư Thường trực", "Đảng ủy xã", "Phó Bí thư Thường trực Đảng ủy xã"),
    ],
)
def test_position_and_unit_read_as_one_phrase(position, unit, expected):
    assert P.role_of(position, unit) == expected


def _label_lines(data: bytes) -> list[list[str]]:
    """Each label's lines (words grouped by their top, labels by their column and row)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words()
    lines: dict[tuple, list[str]] = {}
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        lines.setdefault((w["x0"] > 297, round(w["top"])), []).append(w["text"])
    return [" ".join(v) for _, v in sorted(lines.items())]


@pytest.mark.parametrize("words", range(3, 14))
def test_envelope_labels_keep_a_short_unit_name_whole(words):
    """ "Sở Nội vụ" never as "Sở / Nội vụ": the label shrinks (to 9 pt at most) before breaking
    a unit name of ≤ 4 words; lines break between other words only (issue 20 review)."""
    position = " ".join(
        "Phó Giám đốc phụ trách công tác thi đua khen thưởng và cải cách hành chính".split()[:words]
    )
    row = P.DelegateRow(
        number=1,
        honorific="Ông",
        full_name="Nguyễn Văn Bình",
        position=position,
        unit="Sở Nội vụ",
        role=f"{position} Sở Nội vụ",
    )
    lines = _label_lines(P.render_envelope_labels([row]))
    assert any("Sở Nội vụ" in line for line in lines), lines
    assert " ".join(lines) == f"Kính gửi: Ông Nguyễn Văn Bình {position} Sở Nội vụ"


def test_envelope_labels_break_a_long_unit_name_between_words_when_they_must():
    unit = "Trung tâm Phát triển quỹ đất và Dịch vụ công ích thành phố Tây Ninh"
    row = P.DelegateRow(
        number=1, honorific="Bà", full_name="Lê Thị Hoa", position="Giám đốc", unit=unit,
        role=f"Giám đốc {unit}",
    )  # fmt: skip
    lines = _label_lines(P.render_envelope_labels([row]))
    assert " ".join(lines) == f"Kính gửi: Bà Lê Thị Hoa Giám đốc {unit}"
