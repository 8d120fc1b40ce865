"""The conference pages through Flask's test client: list, create, edit, refuse, copy, delete."""

from __future__ import annotations

import datetime as dt

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post

NEW = "/hoi-nghi/moi/tong_ket.xa"


def valid_form(**overrides) -> dict:
    data = {
        "preset_key": "tong_ket.xa",
        "kind": "tong_ket",
        "province": "Hồ Chí Minh",
        "unit_type": "phuong",
        "unit_name": "Tân Định",
        "level": "xa",
        "parent_body": "",
        "issuer": "Ủy ban nhân dân phường Tân Định",
        "place_name": "Tân Định",
        "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
        "year_reviewed": "2026",
        "year_launched": "2027",
        "date": "15/01/2027",
        "start_time": "7h30",
        "length": "half_day",
        "venue": "Hội trường Ủy ban nhân dân phường",
        "venue_address": "",
        "planned_delegates": "150",
        "funding_source": "Quỹ thi đua, khen thưởng",
        "doc_number": "",
        "doc_symbol": "kh-ubnd",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_deputy": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Trần Thị Ánh Tuyết",
        "purposes": "Tổng kết năm 2026.",
        "notes": "",
    }
    data.update(overrides)
    return data


def count(app) -> int:
    with app.app_context():
        return db.session.query(Conference).count()


def test_home_page_offers_presets_and_the_demo_to_a_new_user(client):
    html = client.get("/").get_data(as_text=True)
    assert "Chưa có hội nghị nào" in html
    assert "Xem thử với hội nghị mẫu" in html
    assert 'lang="vi"' in html


def test_preset_chooser_lists_every_kind(client):
    html = client.get("/hoi-nghi/moi").get_data(as_text=True)
    for kind in (
        "Hội nghị tổng kết công tác thi đua, khen thưởng",
        "Đại hội Thi đua yêu nước",
        "Hội nghị trao thưởng cấp Nhà nước",
    ):
        assert kind in html
    assert "/hoi-nghi/moi/tong_ket.xa" in html


def test_new_form_is_prefilled_from_the_preset(client):
    html = client.get(NEW).get_data(as_text=True)
    assert "Hội nghị tổng kết công tác thi đua, khen thưởng năm" in html
    assert 'value="KH-UBND"' in html
    assert "07:30" in html


def test_create_then_list_shows_it(app, client):
    response = post(client, NEW, valid_form(), page=NEW)
    assert response.status_code == 302
    with app.app_context():
        conference = db.session.query(Conference).one()
        assert conference.start_time == dt.time(7, 30)
        assert conference.date == dt.date(2027, 1, 15)
        assert conference.doc_symbol == "KH-UBND"
        assert conference.issuer == "Ủy ban nhân dân phường Tân Định"
    html = client.get("/").get_data(as_text=True)
    assert "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026" in html
    assert "Thứ Sáu, 15/01/2027" in html


def test_bad_values_are_refused_with_vietnamese_messages_and_keep_what_was_typed(app, client):
    bad = valid_form(
        title="",
        date="31/02/2027",
        start_time="25:00",
        planned_delegates="100000",
        year_launched="2020",
        doc_number="12a",
    )
    response = post(client, NEW, bad, page=NEW)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Vui lòng nhập tên hội nghị." in html
    assert "Số đại biểu phải từ 1 đến 10.000." in html
    assert "Năm phát động không được trước năm tổng kết." in html
    assert "Số văn bản chỉ gồm chữ số" in html
    assert "chỉ có 28 ngày" in html  # 31/02 is impossible
    assert "25:00" in html and "31/02/2027" in html and "100000" in html  # kept as typed
    assert "Chưa lưu" in html
    assert count(app) == 0


def test_zero_delegates_and_garbage_date_are_refused(app, client):
    html = post(client, NEW, valid_form(planned_delegates="0", date="hôm qua"), page=NEW).get_data(
        as_text=True
    )
    assert "Số đại biểu phải từ 1 đến 10.000." in html
    assert "Ngày" in html and 'aria-invalid="true"' in html
    assert count(app) == 0


def test_decomposed_text_is_stored_nfc(app, client):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân xã Quỳnh Lưu")
    post(client, NEW, valid_form(issuer="  " + nfd + "  "), page=NEW)
    with app.app_context():
        issuer = db.session.query(Conference).one().issuer
    assert issuer == unicodedata.normalize("NFC", "Ủy ban nhân dân xã Quỳnh Lưu")


def test_post_without_csrf_token_is_refused(app, client):
    response = client.post(NEW, data=valid_form())
    assert response.status_code == 400
    assert "Yêu cầu bị từ chối" in response.get_data(as_text=True)
    assert count(app) == 0


def test_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_dashboard_shows_countdown_and_a_card_per_part(client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    for part in (
        "Thông tin chung",
        "Chương trình",
        "Đại biểu",
        "Sơ đồ chỗ ngồi",
        "Khen thưởng",
        "Trang trí khánh tiết",
        "Phân công nhiệm vụ",
        "Dự toán kinh phí",
        "Kế hoạch",
    ):
        assert f"<h2>{part}</h2>" in html
    assert "ngày nữa" in html or "Hôm nay" in html or "Ngày mai" in html
    assert "<progress" in html


def test_edit_then_undo(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/sua"
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        version = conference.version
        original = conference.title
    data = valid_form(title="Tên mới của hội nghị", version=str(version))
    response = post(client, page, data, page=page)
    assert response.status_code == 302
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "Tên mới của hội nghị" in html
    assert "Hoàn tác" in html
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=f"/hoi-nghi/{demo_id}")
    with app.app_context():
        assert db.session.get(Conference, demo_id).title == original


def test_stale_edit_is_not_silently_saved(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/sua"
    response = post(client, page, valid_form(title="Từ cửa sổ cũ", version="0"), page=page)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "vừa được sửa ở cửa sổ khác" in html
    assert "Từ cửa sổ cũ" in html
    with app.app_context():
        assert db.session.get(Conference, demo_id).title != "Từ cửa sổ cũ"


def test_duplicate_into_next_year(app, client, demo_id):
    with app.app_context():
        original = db.session.get(Conference, demo_id)
        years = (original.year_reviewed, original.year_launched)
    response = post(client, f"/hoi-nghi/{demo_id}/nhan-ban", page=f"/hoi-nghi/{demo_id}")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.query(Conference).filter(Conference.id != demo_id).one()
        assert (copy.year_reviewed, copy.year_launched) == (years[0] + 1, years[1] + 1)
        assert str(years[1] + 1) in copy.title
        assert copy.doc_number == ""


def test_delete_goes_to_recycle_bin_and_can_be_restored_or_purged(app, client, demo_id):
    confirm = client.get(f"/hoi-nghi/{demo_id}/xoa").get_data(as_text=True)
    assert "Xóa hội nghị này?" in confirm
    post(client, f"/hoi-nghi/{demo_id}/xoa", page=f"/hoi-nghi/{demo_id}/xoa")
    assert client.get(f"/hoi-nghi/{demo_id}").status_code == 404
    bin_html = client.get("/thung-rac").get_data(as_text=True)
    assert "Khôi phục" in bin_html
    post(client, f"/hoi-nghi/{demo_id}/khoi-phuc", page="/thung-rac")
    assert client.get(f"/hoi-nghi/{demo_id}").status_code == 200
    post(client, f"/hoi-nghi/{demo_id}/xoa", page="/")
    post(client, f"/hoi-nghi/{demo_id}/xoa-vinh-vien", page="/thung-rac")
    assert count(app) == 0


def test_demo_button_creates_a_conference(app, client):
    response = post(client, "/demo")
    assert response.status_code == 302
    assert count(app) == 1


def test_summary_pdf_and_docx_download(app, client, demo_id):
    import io

    import pdfplumber
    from docx import Document

    with app.app_context():
        values = db.session.get(Conference, demo_id).values()
    # what the summary must say, as the conference holds it (the row label, then the value)
    rows = [
        ("Cơ quan tổ chức", values["issuer"]),
        ("Địa điểm", values["venue"]),
        ("Địa chỉ", values["venue_address"]),
        ("Số đại biểu dự kiến", f"{values['planned_delegates']} đại biểu"),
        ("Nguồn kinh phí", values["funding_source"]),
    ]
    assert values["planned_delegates"] == 100 and values["venue_address"]  # the demo's figures

    pdf = client.get(f"/hoi-nghi/{demo_id}/in/thong-tin-hoi-nghi.pdf")
    assert pdf.status_code == 200
    assert "filename*=UTF-8''" in pdf.headers["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(pdf.data)) as document:
        lines = [line for page in document.pages for line in page.extract_text().splitlines()]
    text = " ".join(" ".join(lines).split())  # a long value wraps: fold the white space
    assert "BẢNG THÔNG TIN HỘI NGHỊ" in text
    assert " ".join(values["title"].split()) in text
    for label, value in rows:
        assert f"{label} {value}" in text, label
    assert "Mục đích, yêu cầu" in text

    docx = client.get(f"/hoi-nghi/{demo_id}/in/thong-tin-hoi-nghi.docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "BẢNG THÔNG TIN HỘI NGHỊ" in paragraphs
    assert " ".join(values["title"].split()) in " ".join(paragraphs.split())
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    for label, value in rows:
        assert [label, value] in cells, label
    assert client.get(f"/hoi-nghi/{demo_id}/in/khong-co.pdf").status_code == 404


def test_unknown_pages_get_a_vietnamese_404(client):
    response = client.get("/hoi-nghi/999")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


def test_print_centre_lists_printouts_and_zips_them_all(client, demo_id):
    import io
    import zipfile

    html = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    assert "Trung tâm in" in html and "Thông tin hội nghị" in html
    response = client.get(f"/hoi-nghi/{demo_id}/in/tat-ca.zip")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        assert any(n.startswith("Thông tin hội nghị") and n.endswith(".pdf") for n in names)
        assert archive.testzip() is None


def test_huge_ids_are_not_found_not_an_error(client):
    for path in (
        "/hoi-nghi/99999999999999999999999",
        "/hoi-nghi/9223372036854775808/sua",
        "/hoi-nghi/99999999999999999999999/chuong-trinh",
    ):
        assert client.get(path).status_code == 404


def test_unknown_choices_are_refused_in_vietnamese(app, client):
    html = post(
        client, NEW, valid_form(kind="quan", level="huyen-cu", length="ca-tuan"), page=NEW
    ).get_data(as_text=True)
    assert html.count("Lựa chọn không hợp lệ") == 3
    assert "Not a valid choice" not in html
    assert count(app) == 0
