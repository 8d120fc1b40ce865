import io

import pdfplumber
import pytest

from kehoach_app.printing import BulletList, Document, Header, Signature, render_pdf
from kehoach_app.printing import layout as L
from kehoach_app.printing.layout import agency_name


def test_agency_names_break_after_their_kind():
    assert agency_name("Ủy ban nhân dân xã Tân Hòa") == "ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA"
    assert agency_name("Hội đồng Thi đua - Khen thưởng tỉnh") == (
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nTỈNH"
    )
    assert agency_name("Sở Nội vụ") == "SỞ NỘI VỤ"
    assert agency_name("Ủy ban nhân dân") == "ỦY BAN NHÂN DÂN"
    assert agency_name("ỦY BAN NHÂN DÂN\nTHỊ XÃ NINH HÒA") == "ỦY BAN NHÂN DÂN\nTHỊ XÃ NINH HÒA"


def test_the_header_prints_the_issuer_on_two_official_lines():
    pdf = render_pdf(Document(title="KẾ HOẠCH", header=Header(issuer="Ủy ban nhân dân xã Tân Hòa")))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        left = page.crop((0, 0, page.width * 0.45, 120)).extract_text()
    assert left.splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"]


def test_signature_does_not_stand_alone_on_the_last_page():
    items = [f"Ý thứ {n}: " + "nội dung dài của mục đích, yêu cầu hội nghị " * 4 for n in range(14)]
    pdf = render_pdf(
        Document(
            title="KẾ HOẠCH",
            body=[BulletList(items)],
            signatures=[Signature(lines=["CHỦ TỊCH"], name="Lại Văn Hoàn")],
            recipients=["Lưu: VT."],
        )
    )
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1].extract_text()
    assert "Lại Văn Hoàn" in last
    assert "Ý thứ 13" in last  # the last item travels with the signature


def test_recipients_are_punctuated_as_nd30_writes_them():
    from kehoach_app.printing.layout import recipient_lines

    assert recipient_lines(["Sở Nội vụ", "  ", "UBND tỉnh;", "Lưu: VT, NV"]) == [
        "- Sở Nội vụ;",
        "- UBND tỉnh;",
        "- Lưu: VT, NV.",
    ]


def test_each_sheet_is_numbered_from_its_own_second_page():
    from reportlab.platypus import PageBreak, Spacer

    from kehoach_app.printing.pdf import SheetStart, build_pdf

    def tall():  # 150 mm: two of them do not fit on one A4 page
        return Spacer(1, 150 * 2.8346)

    flowables = [
        SheetStart(),
        tall(),
        tall(),
        PageBreak(),
        SheetStart(),
        tall(),
        PageBreak(),
        SheetStart(),
        tall(),
        tall(),
        tall(),
    ]
    with pdfplumber.open(io.BytesIO(build_pdf(flowables))) as doc:
        numbers = [(page.extract_text() or "").strip() for page in doc.pages]
    # sheet 1: pages 1–2; sheet 2: page 3; sheet 3: pages 4–6
    assert numbers == ["", "2", "", "", "2", "3"]


# --------------------------------------------------------------------------- issue 15


def test_a_line_breaks_after_a_slash_only_when_the_word_does_not_fit_whole(fonts):
    from kehoach_app.printing.layout import break_words

    size = 11
    line = [("Theo Thông tư 40/2017/TT-BTC", fonts.regular)]
    whole = L.Face(fonts.regular, size).width("40/2017/TT-BTC")
    lines = break_words(line, size, [whole + 1])
    assert ["".join(t for t, _ in x) for x in lines] == ["Theo Thông tư", "40/2017/TT-BTC"]
    narrow = L.Face(fonts.regular, size).width("40/2017/") + 1
    lines = break_words([("40/2017/TT-BTC", fonts.regular)], size, [narrow])
    assert ["".join(t for t, _ in x) for x in lines] == ["40/2017/", "TT-BTC"]
    room = L.Face(fonts.regular, size).width("người/") + 1
    lines = break_words([("người/ngày", fonts.regular)], size, [room])
    assert ["".join(t for t, _ in x) for x in lines] == ["người/", "ngày"]


def test_columns_hold_their_widest_number_and_step_down_to_ten_points(fonts):
    from kehoach_app.printing.layout import fit_columns, measure_table

    money = "5.105.800.000"
    rows = [[("1", False), ("Tiền thưởng", False), (money, True)]]
    measures = measure_table(["STT", "Nội dung", "Thành tiền"], rows, [False] * 3, fonts, 400, 11)
    widths, size = fit_columns(measures, [0.5, 6, 0.5], 400, 11, padding=6.5)
    assert size == 11
    assert widths[2] >= L.Face(fonts.bold, 11).width(money) + 6.5 - 1e-6
    assert sum(widths) == pytest.approx(400)
    # seven such amounts cannot stand side by side at 11 pt in 400 points: 10 pt, no less
    rows = [[(money, False)] * 7]
    measures = measure_table(None, rows, [False] * 7, fonts, 400, 11)
    widths, size = fit_columns(measures, [1] * 7, 400, 11, padding=6.5)
    assert size == 10


def test_a_section_row_is_never_the_last_row_of_a_page():
    from kehoach_app.printing import Column, Table

    rows, sections = [], set()
    for group in range(12):
        sections.add(len(rows))
        rows.append([f"{group + 1}", f"NHÓM SỐ {group + 1}", ""])
        rows += [[str(i), f"Mục {i} của nhóm {group + 1}", "1.000.000"] for i in range(1, 5)]
    document = Document(
        title="THỬ",
        body=[
            Table(
                [Column("STT", 0.6, "center"), Column("Nội dung", 4), Column("Tiền", 1, "right")],
                rows,
                section_rows=sections,
            )
        ],
    )
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages[:-1]:
            last = [line["text"] for line in page.extract_text_lines()][-1]
            assert "NHÓM SỐ" not in last
