import io

import pdfplumber

from kehoach_app.printing import BulletList, Document, Header, Signature, render_pdf
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
