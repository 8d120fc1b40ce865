"""'Chương trình hội nghị' and 'Kịch bản điều hành' opened as PDF (pdfplumber) and DOCX."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import docx
import pdfplumber
import pytest

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.printouts import all_printouts

TORTURE = "Nguyễn Văn A & B <C>"


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_rows(data: bytes) -> list[list[str]]:
    """The cells of every table row, each cell's wrapped lines joined again."""
    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[flowing(cell or "") for cell in row] for row in table]
    return rows


def flowing(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            texts.extend(p.text for p in inner_cell.paragraphs)
    return flowing(" ".join(texts))


@pytest.fixture()
def conf(app, demo_id):
    """Demo conference on Friday 15/01/2027, 07:30; item 2 presented by the torture name."""
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date = dt.date(2027, 1, 15)
        conference.start_time = dt.time(7, 30)
        items = db.session.scalars(
            db.select(AgendaItem)
            .where(AgendaItem.conference_id == demo_id)
            .order_by(AgendaItem.position)
        ).all()
        items[2].presenter = TORTURE
        items[2].presenter_unit = "Phòng Văn hóa – Xã hội <số 2>"
        items[-1].mc_text = "Kính thưa Hội nghị!\n(Nhạc kết.)\nXin cảm ơn & hẹn gặp lại."
        items[-1].notes = "Nhắc bật nhạc kết"
        db.session.commit()
    return demo_id


def test_both_printouts_are_in_the_catalogue_for_print_all(app):
    keys = {p.key: p.formats for p in all_printouts()}
    assert keys["chuong-trinh"] == ("pdf", "docx")
    assert keys["kich-ban-dieu-hanh"] == ("pdf", "docx")


def test_programme_pdf(client, conf):
    response = client.get(f"/hoi-nghi/{conf}/in/chuong-trinh.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert "filename*=UTF-8''Ch" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert text == unicodedata.normalize("NFC", text)
    lines = flowing(text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ TÂN HÒA",
        "CHƯƠNG TRÌNH",
        "Hội nghị tổng kết công tác thi đua, khen thưởng",
        "(Kèm theo Kế hoạch số 07/KH-UBND của Ủy ban nhân dân xã Tân Hòa)",
        "Thời gian: 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027.",
        "Địa điểm: Hội trường Ủy ban nhân dân xã Tân Hòa",
        "Dự kiến kết thúc lúc 10 giờ 17.",
    ):
        assert expected in lines, expected
    rows = pdf_rows(response.data)
    assert rows[0] == ["Thời gian", "Nội dung", "Thực hiện"]
    body = [row for row in rows if row[0] != "Thời gian"]  # the header repeats on page 2
    assert len(body) == 18
    assert body[0] == [
        "07:30 – 07:45",
        "Văn nghệ chào mừng",
        "Đội văn nghệ do Phòng Văn hóa - Xã hội chuẩn bị",
    ]
    assert body[2][0] == "07:55 – 08:15"
    assert body[2][1].startswith("Báo cáo tổng kết công tác thi đua, khen thưởng năm")
    assert body[2][2] == f"{TORTURE} Phòng Văn hóa – Xã hội <số 2>"
    assert body[-1][:2] == ["10:12 – 10:17", "Bế mạc Hội nghị"]
    # the award items follow the demo's ceremony (batches of 10, 3 minutes a batch): Bằng khen
    # của Thủ tướng 1 batch, Bằng khen tỉnh 2 (3 tập thể, 4 cá nhân), Tập thể LĐXS 1, the break,
    # Chiến sĩ thi đua cơ sở 1, Giấy khen 2 (6 tập thể, 8 cá nhân)
    assert [row[0] for row in body] == [
        "07:30 – 07:45", "07:45 – 07:55", "07:55 – 08:15", "08:15 – 08:30", "08:30 – 08:37",
        "08:37 – 08:44", "08:44 – 08:51", "08:51 – 09:06", "09:06 – 09:09", "09:09 – 09:15",
        "09:15 – 09:18", "09:18 – 09:33", "09:33 – 09:36", "09:36 – 09:42", "09:42 – 09:57",
        "09:57 – 10:07", "10:07 – 10:12", "10:12 – 10:17",
    ]  # fmt: skip
    assert body[9][1] == (
        "Công bố quyết định và trao Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh cho "
        "03 tập thể, 04 cá nhân"
    )
    assert body[11][1] == "Nghỉ giải lao"
    assert body[12][1] == (
        "Công bố quyết định và trao danh hiệu “Chiến sĩ thi đua cơ sở” cho 06 cá nhân"
    )
    assert not any("…" in cell for row in body for cell in row)  # no placeholder left
    # the MC's words and the notes are for the script, not the programme
    assert "hẹn gặp lại" not in lines and "Nhắc bật nhạc kết" not in lines


def test_programme_docx(client, conf):
    response = client.get(f"/hoi-nghi/{conf}/in/chuong-trinh.docx")
    assert response.data[:2] == b"PK"
    text = docx_text(response.data)
    for expected in (
        "CHƯƠNG TRÌNH",
        "Thời gian: 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027.",
        "07:30 – 07:45",
        "Văn nghệ chào mừng",
        TORTURE,
        "Bế mạc Hội nghị",
        "Dự kiến kết thúc lúc 10 giờ 17.",
    ):
        assert expected in text, expected
    assert docx.Document(io.BytesIO(response.data)).styles["Normal"].font.name == (
        "Times New Roman"
    )


def test_script_pdf(app, client, conf):
    from kehoach_app.delegates.logic import introduction_lines
    from kehoach_app.delegates.printout import conference_delegates

    with app.app_context():
        introduced = introduction_lines(conference_delegates(db.session.get(Conference, conf)))
    assert introduced, "the demo has ranked delegates to introduce"
    response = client.get(f"/hoi-nghi/{conf}/in/kich-ban-dieu-hanh.pdf")
    assert response.status_code == 200
    lines = flowing(pdf_text(response.data))
    for expected in (
        "KỊCH BẢN ĐIỀU HÀNH",
        "Thời gian: 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027.",
        "1. Văn nghệ chào mừng",
        "Thời gian: 07:30 – 07:45 (15 phút).",
        "Người dẫn chương trình:",
        "Kính thưa các đồng chí lãnh đạo, các vị đại biểu, thưa toàn thể các đồng chí!",
        "Hôm nay, ngày 15 tháng 01 năm 2027, tại Hội trường Ủy ban nhân dân xã Tân Hòa",
        f"- {introduced[0]};",  # the delegates part supplies the names, in protocol order
        "3. Báo cáo tổng kết công tác thi đua",
        f"Thực hiện: {TORTURE}, Phòng Văn hóa – Xã hội <số 2>",
        f"Xin trân trọng kính mời đồng chí {TORTURE}, Phòng Văn hóa – Xã hội <số 2>.",
        "18. Bế mạc Hội nghị",
        "(Nhạc kết.)",
        "Xin cảm ơn & hẹn gặp lại.",
        "Ghi chú: Nhắc bật nhạc kết",
        "Dự kiến kết thúc lúc 10 giờ 17.",
    ):
        assert expected in lines, expected
    # the officer's own closing words replace the default ones
    assert "Hội nghị xin được bế mạc" not in lines
    headings = [
        lines.index(heading)
        for heading in ("1. Văn nghệ chào mừng", "2. Tuyên bố lý do", "3. Báo cáo tổng kết",
                        "17. Hưởng ứng", "18. Bế mạc Hội nghị")
    ]  # fmt: skip
    assert headings == sorted(headings)


def test_script_docx(client, conf):
    response = client.get(f"/hoi-nghi/{conf}/in/kich-ban-dieu-hanh.docx")
    text = docx_text(response.data)
    for expected in (
        "KỊCH BẢN ĐIỀU HÀNH",
        "1. Văn nghệ chào mừng",
        f"Xin trân trọng kính mời đồng chí {TORTURE}",
        "Xin cảm ơn & hẹn gặp lại.",
        "Người dẫn chương trình:",
    ):
        assert expected in text, expected


def test_printouts_of_an_empty_programme(app, client, conf):
    with app.app_context():
        db.session.execute(db.delete(AgendaItem).where(AgendaItem.conference_id == conf))
        db.session.commit()
    for key in ("chuong-trinh", "kich-ban-dieu-hanh"):
        response = client.get(f"/hoi-nghi/{conf}/in/{key}.pdf")
        assert response.status_code == 200
        assert "(Chương trình chưa có nội dung.)" in flowing(pdf_text(response.data))
        assert client.get(f"/hoi-nghi/{conf}/in/{key}.docx").status_code == 200


def test_print_all_writes_both_printouts(app, conf, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["print-all", str(conf), "--out", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "in").iterdir())
    for title in ("Chương trình hội nghị", "Kịch bản điều hành"):
        assert any(name.startswith(title) and name.endswith(".pdf") for name in names), names
        assert any(name.startswith(title) and name.endswith(".docx") for name in names), names
