"""The organiser's level everywhere (issue 16): the official list of units, the conference's
province and unit on the form and in the file, the issuer named in every award text, and the
presets that know a xã from a phường.

Hand-worked texts for three conferences: phường Hồng Hà (thành phố Hà Nội), xã Tân Hòa (tỉnh
Tây Ninh) and the province of Tây Ninh itself."""

from __future__ import annotations

import datetime as dt
import io
import json

import pdfplumber
import pytest
from sqlalchemy import select

from kehoach_app import transfer
from kehoach_app.agenda.models import AgendaItem
from kehoach_app.awards.logic import FormRule, form_title
from kehoach_app.budget import logic as budget_logic
from kehoach_app.checks import BLOCK, WARN
from kehoach_app.conferences import units
from kehoach_app.conferences.models import Conference
from kehoach_app.conferences.units import Organiser
from kehoach_app.db import db
from kehoach_app.tasks.models import Task
from tests.awards.conftest import add_awards, make_conference
from tests.conferences.test_views import valid_form
from tests.conftest import post

PHUONG = Organiser(level="xa", unit_type="phuong", unit_name="Hồng Hà", province="Hà Nội")
XA = Organiser(level="xa", unit_type="xa", unit_name="Tân Hòa", province="Tây Ninh")
TINH = Organiser(level="tinh", unit_type="tinh", unit_name="Tây Ninh", province="Tây Ninh")

GIAY_KHEN = FormRule(
    1, "giay_khen_chu_tich_ubnd_xa", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã"
)
GIAY_KHEN_OLD = FormRule(
    1, "giay_khen_chu_tich_ubnd_xa", "Giấy khen của Chủ tịch Ủy ban nhân dân xã"
)
BANG_KHEN = FormRule(2, "bang_khen", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "tinh")
CO_THI_DUA = FormRule(3, "co_thi_dua_tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "tinh")
CSTD = FormRule(4, "chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "co_so")


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join((page.extract_text() or "") for page in pdf.pages)


def one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- the official list


def test_the_list_holds_34_provinces_six_cities_and_3321_units():
    provinces = units.provinces()
    assert len(provinces) == 34
    assert sum(len(p.units) for p in provinces) == 3321
    cities = {p.name for p in provinces if p.is_central_city}
    assert cities == {"Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
    kinds = {u.type for p in provinces for u in p.units}
    assert kinds == {"xa", "phuong", "dac_khu"}
    assert "vietnam-provinces" in units.source() and "Ủy ban Thường vụ Quốc hội" in units.source()


def test_units_are_found_as_officers_type_them():
    hanoi = units.find_province("TP Hà Nội")
    assert hanoi is units.find_province("thành phố hà nội") and hanoi.title == "thành phố Hà Nội"
    assert units.find_province("tỉnh Tây Ninh").title == "tỉnh Tây Ninh"
    assert units.find_unit(hanoi, "Phường Hồng Hà") == units.Unit("Hồng Hà", "phuong")
    assert units.find_unit(hanoi, "hong ha", "phuong").name == "Hồng Hà"
    assert units.find_unit(hanoi, "Hồng Hà", "xa") is None
    assert units.Unit("Hồng Hà", "phuong") in units.similar_units(hanoi, "Hồng Hả")
    assert units.is_central_city("Hồ Chí Minh") and not units.is_central_city("Tây Ninh")
    # An older record's issuer: one phường Hồng Hà in the country, several xã Tân Hòa.
    assert units.guess_unit("Ủy ban nhân dân phường Hồng Hà", "xa") == (
        "phuong",
        "Hồng Hà",
        "Hà Nội",
    )
    assert units.guess_unit("UBND xã Tân Hòa", "xa") == ("xa", "Tân Hòa", "")
    assert units.guess_unit("Ủy ban nhân dân xã Tân Hòa", "tinh") == ("", "", "")


# --------------------------------------------------------------------------- the issuer


def test_form_title_names_the_issuer_from_the_conference():
    assert form_title(GIAY_KHEN, PHUONG) == "Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà"
    assert form_title(GIAY_KHEN_OLD, PHUONG) == (
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà"
    )
    assert form_title(GIAY_KHEN, XA) == "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Hòa"
    assert form_title(BANG_KHEN, PHUONG) == (
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội"
    )
    assert form_title(BANG_KHEN, XA) == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh"
    assert form_title(CO_THI_DUA, TINH) == "Cờ thi đua của Ủy ban nhân dân tỉnh Tây Ninh"
    # A xã's Giấy khen at a province's conference: which xã is not known — the form stays.
    assert form_title(GIAY_KHEN, TINH) == "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã"
    assert form_title(CSTD, PHUONG) == "Chiến sĩ thi đua cơ sở"
    # A record older than the fields: the catalogue's wording, never a wrong name.
    assert form_title(BANG_KHEN, Organiser(level="xa")) == BANG_KHEN.name


def _make(app, organiser: Organiser, **changes) -> int:
    conference_id = make_conference(app)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference.level = organiser.level
        conference.unit_type = organiser.unit_type
        conference.unit_name = organiser.unit_name
        conference.province = organiser.province
        conference.issuer = units.issuer_name(organiser.unit_type, organiser.unit_name)
        conference.place_name = organiser.unit_name
        conference.venue = f"Hội trường {conference.issuer}"
        for name, value in changes.items():
            setattr(conference, name, value)
        db.session.commit()
    return conference_id


DECISION = {"decision_number": "06/QĐ-UBND", "decision_date": dt.date(2027, 1, 5)}
PROVINCE_DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": dt.date(2026, 12, 20)}


def _start_budget(app, conference_id: int) -> None:
    """The estimate started, so the award money lines follow the awards (budget.sync_derived)."""
    from kehoach_app.budget import operations as budget_ops

    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        budget_ops.settings_of(conference, create=True)
        db.session.flush()
        budget_ops.sync_derived(conference)
        db.session.commit()


def _ward_with_awards(app) -> int:
    conference_id = _make(app, PHUONG)
    add_awards(app, conference_id, "giay_khen_chu_tich_ubnd_xa", ["Ông Trần Văn Bình"], **DECISION)
    add_awards(
        app,
        conference_id,
        "bang_khen_tinh",
        ["Bà Lê Thị Hoa"],
        **PROVINCE_DECISION,
    )
    _start_budget(app, conference_id)
    return conference_id


def test_a_wards_award_printouts_name_the_ward_and_the_city(app, client):
    conference_id = _ward_with_awards(app)
    base = f"/hoi-nghi/{conference_id}/in"
    giay_khen = "Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà"
    bang_khen = "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội"

    script = one_line(pdf_text(client.get(f"{base}/kich-ban-trao-thuong.pdf").data))
    assert (
        "Quyết định số 06/QĐ-UBND ngày 05 tháng 01 năm 2027 của Chủ tịch Ủy ban nhân dân "
        "phường Hồng Hà" in script
    )
    assert "của Chủ tịch Ủy ban nhân dân thành phố Hà Nội" in script
    # (the presenters' rule, a general sentence, may still speak of "lãnh đạo cấp xã")
    assert "Ủy ban nhân dân xã" not in script

    money = one_line(pdf_text(client.get(f"{base}/tien-thuong.pdf").data))
    assert giay_khen in money and "Ủy ban nhân dân xã" not in money

    items = one_line(pdf_text(client.get(f"{base}/hien-vat-khen-thuong.pdf").data))
    assert "Ủy ban nhân dân xã" not in items and "cấp xã" not in items

    led = client.get(f"/hoi-nghi/{conference_id}/man-hinh-led").get_data(as_text=True)
    assert giay_khen in led and bang_khen in led and "Ủy ban nhân dân xã" not in led

    estimate = one_line(pdf_text(client.get(f"{base}/du-toan.pdf").data))
    # The ward pays its own Giấy khen (Luật TĐKT 2022, Điều 11 k4); the city's Bằng khen not.
    # (a table cell: the line wraps after "Giấy khen của Chủ tịch")
    assert "Ủy ban nhân dân phường Hồng Hà" in estimate and "Ủy ban nhân dân xã" not in estimate
    # The appraiser's signature column (its name on two lines beside the other columns).
    assert "PHÒNG KINH TẾ, HẠ" in estimate and "TẦNG VÀ ĐÔ THỊ" in estimate


def test_a_communes_and_a_provinces_printouts_name_their_own_issuer(app, client):
    commune = _make(app, XA)
    add_awards(app, commune, "giay_khen_chu_tich_ubnd_xa", ["Ông Trần Văn Bình"], **DECISION)
    add_awards(app, commune, "bang_khen_tinh", ["Bà Lê Thị Hoa"], **PROVINCE_DECISION)
    _start_budget(app, commune)
    script = one_line(pdf_text(client.get(f"/hoi-nghi/{commune}/in/kich-ban-trao-thuong.pdf").data))
    assert "của Chủ tịch Ủy ban nhân dân xã Tân Hòa" in script
    assert "của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh" in script
    estimate = one_line(pdf_text(client.get(f"/hoi-nghi/{commune}/in/du-toan.pdf").data))
    assert "Ủy ban nhân dân xã Tân Hòa" in estimate  # the Giấy khen's line, wrapped
    assert "PHÒNG KINH TẾ" in estimate
    assert "HẠ TẦNG" not in estimate

    province = _make(app, TINH)
    add_awards(app, province, "bang_khen_tinh", ["Bà Lê Thị Hoa"], **PROVINCE_DECISION)
    _start_budget(app, province)
    base = f"/hoi-nghi/{province}/in"
    money = one_line(pdf_text(client.get(f"{base}/tien-thuong.pdf").data))
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh" in money
    script = one_line(pdf_text(client.get(f"{base}/kich-ban-trao-thuong.pdf").data))
    assert "125/QĐ-UBND ngày 20 tháng 12 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh" in (
        script
    )
    estimate = one_line(pdf_text(client.get(f"{base}/du-toan.pdf").data))
    assert "Ủy ban nhân dân tỉnh Tây Ninh" in estimate  # the Bằng khen's line, wrapped
    assert "SỞ TÀI CHÍNH" in estimate


def test_the_award_list_spreadsheet_still_reads_the_catalogues_wording(app):
    from kehoach_app.awards import operations as awards_ops
    from kehoach_app.awards.spreadsheet import _FormFinder

    conference_id = _make(app, PHUONG)
    with app.app_context():
        forms = awards_ops.load(db.session.get(Conference, conference_id)).forms
        finder = _FormFinder(forms)
        by_catalogue = finder.find("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã")
        by_ward = finder.find("Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà")
        assert by_catalogue is not None and by_catalogue is by_ward


# --------------------------------------------------------------------------- defaults


def test_the_appraiser_follows_the_unit_nghi_dinh_150():
    assert budget_logic.appraiser_for("xa", "xa", "Tân Hòa") == "PHÒNG KINH TẾ"
    assert budget_logic.appraiser_for("xa", "phuong", "Hồng Hà") == (
        "PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ"
    )
    assert budget_logic.appraiser_for("xa", "dac_khu", "Côn Đảo") == "PHÒNG KINH TẾ"
    assert budget_logic.appraiser_for("xa", "dac_khu", "Phú Quốc") == (
        "PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ"
    )
    assert budget_logic.appraiser_for("tinh") == "SỞ TÀI CHÍNH"
    assert budget_logic.appraising_office("huyen") == "Phòng Tài chính – Kế hoạch"


def _create_from_preset(app, client, preset: str, **fields) -> Conference:
    page = f"/hoi-nghi/moi/{preset}"
    form = client.get(page).get_data(as_text=True)
    assert 'id="province"' in form and "js/conference_form.js" in form
    data = valid_form(preset_key=preset, **fields)
    response = post(client, page, data, page=page)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    conference_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        db.session.expunge(conference)
        return conference


def _texts(app, conference_id: int) -> tuple[list[str], list[str]]:
    with app.app_context():
        agenda = db.session.scalars(
            select(AgendaItem.title).where(AgendaItem.conference_id == conference_id)
        ).all()
        tasks = db.session.scalars(
            select(Task.lead_unit).where(Task.conference_id == conference_id)
        ).all()
        return list(agenda), list(tasks)


def test_a_ward_made_from_the_xa_preset_gets_a_wards_defaults(app, client):
    # The form first offers the xã wording; the officer picks the phường and saves as offered.
    offered = {
        "venue": "Hội trường Ủy ban nhân dân xã",
        "funding_source": "Quỹ thi đua, khen thưởng của xã năm 2027",
    }
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.xa",
        province="Hà Nội",
        unit_type="phuong",
        unit_name="Hồng Hà",
        issuer="",
        place_name="",
        **offered,
    )
    assert conference.level == "xa" and conference.is_central_city
    assert conference.issuer == "Ủy ban nhân dân phường Hồng Hà"
    assert conference.place_name == "Hồng Hà"
    assert conference.venue == "Hội trường Ủy ban nhân dân phường Hồng Hà"
    assert conference.funding_source == "Quỹ thi đua, khen thưởng của phường năm 2027"
    assert "Lưu: VT, VHXH" in conference.recipients
    assert "thôn," not in conference.recipients and "tổ dân phố" in conference.recipients
    agenda, leads = _texts(app, conference.id)
    assert not any("nông thôn mới" in title for title in agenda)
    assert any("Toàn dân đoàn kết xây dựng đời sống văn hóa" in title for title in agenda)
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in leads and "Phòng Kinh tế" not in leads
    plan = pdf_text(client.get(f"/hoi-nghi/{conference.id}/in/ke-hoach.pdf").data)
    programme = pdf_text(client.get(f"/hoi-nghi/{conference.id}/in/chuong-trinh.pdf").data)
    assert "nông thôn mới" not in one_line(plan) and "nông thôn mới" not in one_line(programme)
    centre = client.get(f"/hoi-nghi/{conference.id}/in").get_data(as_text=True)
    assert "để Phòng Kinh tế, Hạ tầng và Đô thị làm tiếp" in centre
    assert "Phòng Tài chính – Kế hoạch" not in centre


def test_a_commune_keeps_the_rural_movement_and_its_phong_kinh_te(app, client):
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.xa",
        province="Tây Ninh",
        unit_type="xa",
        unit_name="Tân Hòa",
        venue="Hội trường Ủy ban nhân dân xã",
        funding_source="Quỹ thi đua, khen thưởng của xã năm 2027",
    )
    assert conference.venue == "Hội trường Ủy ban nhân dân xã Tân Hòa"
    agenda, leads = _texts(app, conference.id)
    assert any("Cả nước chung sức xây dựng nông thôn mới" in title for title in agenda)
    assert "Phòng Kinh tế" in leads


def test_a_central_city_made_from_the_province_preset(app, client):
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.tinh",
        kind="tong_ket",
        level="xa",  # the unit decides the level
        province="Hà Nội",
        unit_type="thanh_pho",
        unit_name="",
        issuer="",
        place_name="",
        venue="Trung tâm Hội nghị tỉnh",
        funding_source="Quỹ thi đua, khen thưởng",
    )
    assert conference.level == "tinh" and conference.unit_name == "Hà Nội"
    assert conference.issuer == "Ủy ban nhân dân thành phố Hà Nội"
    assert conference.venue == "Trung tâm Hội nghị thành phố Hà Nội"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"unit_name": "Hồng Hả"},
            "unit_name",
            "Thành phố Hồ Chí Minh không có phường “Hồng Hả” trong danh mục đơn vị hành chính",
        ),
        ({"province": ""}, "province", "Vui lòng chọn tỉnh, thành phố của phường"),
        ({"province": "Bình Dương"}, "province", "“Bình Dương” không có trong danh mục 34"),
        ({"unit_type": ""}, "unit_type", "Vui lòng chọn loại đơn vị tổ chức."),
        ({"unit_type": "tinh", "province": "Hà Nội"}, "unit_type", "là thành phố trực thuộc"),
    ],
)
def test_the_form_refuses_a_unit_not_in_the_list(app, client, fields, field, message):
    page = "/hoi-nghi/moi/tong_ket.xa"
    response = post(client, page, valid_form(**fields), page=page)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html


def test_with_scripts_off_a_typed_unit_is_checked_and_completed(app, client):
    # "Phường Hồng Hà" typed whole, no unit type chosen: read, checked, spelled as the list.
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.xa",
        province="Hà Nội",
        unit_type="",
        unit_name="phường hồng hà",
        issuer="",
        place_name="",
    )
    assert (conference.unit_type, conference.unit_name) == ("phuong", "Hồng Hà")
    assert conference.issuer == "Ủy ban nhân dân phường Hồng Hà"


def test_a_body_typed_by_hand_keeps_its_name(app, client):
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.tinh",
        level="tinh",
        province="Tây Ninh",
        unit_type="khac",
        unit_name="Cụm thi đua các huyện biên giới",
        issuer="Cụm thi đua số 3",
    )
    assert conference.level == "tinh" and conference.unit_type == "khac"
    assert conference.issuer == "Cụm thi đua số 3"


def test_the_unit_list_is_served_for_the_forms_script(client):
    data = client.get("/don-vi-hanh-chinh.json").get_json()
    assert len(data) == 34 and data["Hà Nội"]["city"] is True
    assert ["Hồng Hà", "phuong"] in data["Hà Nội"]["units"]


# --------------------------------------------------------------------------- the conference file


def test_the_file_carries_the_unit_and_undo_and_copy_keep_it(app, client):
    conference_id = _make(app, PHUONG)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        document = transfer.export_conference(conference)
        assert {k: document["conference"][k] for k in ("province", "unit_type", "unit_name")} == {
            "province": "Hà Nội",
            "unit_type": "phuong",
            "unit_name": "Hồng Hà",
        }
        copy = transfer.import_conference(transfer.dump_json(document))
        assert (copy.province, copy.unit_type, copy.unit_name) == ("Hà Nội", "phuong", "Hồng Hà")
        from kehoach_app.conferences import operations

        next_year = operations.duplicate_conference(conference)
        assert next_year.unit_name == "Hồng Hà" and next_year.province == "Hà Nội"
        operations.update_conference(conference, {**conference.values(), "unit_name": "Ba Đình"})
        operations.undo_last_edit(conference)
        assert conference.unit_name == "Hồng Hà"
        db.session.rollback()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit_type": "quan"}, "Giá trị “quan” tại conference/unit_type không thuộc danh sách"),
        ({"province": "Bình Dương"}, "“Bình Dương” không có trong danh mục 34 tỉnh, thành phố"),
        ({"unit_name": "Hoàn Kiếm Mới"}, "không có phường “Hoàn Kiếm Mới”"),
        ({"province": ""}, "Vui lòng chọn tỉnh, thành phố của phường"),
    ],
)
def test_the_file_refuses_bad_units_with_a_clear_message(app, changes, message):
    conference_id = _make(app, PHUONG)
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, conference_id))
    document["conference"].update(changes)
    with app.app_context(), pytest.raises(transfer.ConferenceFileError) as error:
        transfer.read_conference_file(transfer.dump_json(document))
    assert any(message in text for text in error.value.messages), error.value.messages


def test_an_older_file_without_the_fields_still_imports(app):
    conference_id = _make(app, PHUONG)
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, conference_id))
    for name in ("province", "unit_type", "unit_name"):
        del document["conference"][name]
    # One phường Hồng Hà in the country: the unit and its city are read from the issuer.
    with app.app_context():
        imported = transfer.import_conference(json.dumps(document).encode())
        assert (imported.unit_type, imported.unit_name, imported.province) == (
            "phuong",
            "Hồng Hà",
            "Hà Nội",
        )
    # Several xã Tân Hòa: left unstated, the file still imports.
    document["conference"]["issuer"] = "Ủy ban nhân dân xã Tân Hòa"
    with app.app_context():
        imported = transfer.import_conference(json.dumps(document).encode())
        assert (imported.unit_type, imported.province) == ("", "")
        db.session.rollback()


# --------------------------------------------------------------------------- the check


def test_a_commune_without_its_province_is_blocked(app, client):
    conference_id = make_conference(app)  # level xã, no province: a record of before
    with app.test_request_context():
        from kehoach_app.checks import CheckContext
        from kehoach_app.conferences.checks import organiser_unit

        conference = db.session.get(Conference, conference_id)
        problems = list(organiser_unit(CheckContext(conference, dt.date(2026, 12, 1))))
        assert [(p.key, p.severity) for p in problems] == [("info.province_missing", BLOCK)]
        assert problems[0].message == (
            "Chưa chọn tỉnh, thành phố của đơn vị tổ chức cấp xã: các văn bản khen thưởng không "
            "ghi được tên tỉnh của Bằng khen, Cờ thi đua cấp tỉnh."
        )
        assert problems[0].fix_url == f"/hoi-nghi/{conference_id}/sua#province"
        conference.province = "Tây Ninh"
        problems = list(organiser_unit(CheckContext(conference, dt.date(2026, 12, 1))))
        assert [(p.key, p.severity) for p in problems] == [("info.unit_missing", WARN)]
        db.session.rollback()


def test_the_demo_names_its_xa_and_province_and_trips_nothing(app, client, demo_id):
    with app.test_request_context():
        from kehoach_app.checks import CheckContext
        from kehoach_app.conferences.checks import organiser_unit

        conference = db.session.get(Conference, demo_id)
        assert (conference.province, conference.unit_type, conference.unit_name) == (
            "Tây Ninh",
            "xa",
            "Tân Hòa",
        )
        assert list(organiser_unit(CheckContext(conference, dt.date(2026, 12, 1)))) == []


# --------------------------------------------------------------------------- codes shown


def test_the_budget_pages_show_norm_names_not_codes(app, client, demo_id):
    line_form = client.get(f"/hoi-nghi/{demo_id}/du-toan/them").get_data(as_text=True)
    assert '<select id="norm_code" name="norm_code">' in line_form
    assert ">drinks<" not in line_form and "(nước uống)" not in line_form
    assert 'value="meal_huyen"' not in line_form  # the district level is gone
    norms = client.get("/dinh-muc-chi").get_data(as_text=True)
    assert "<code>" not in norms


def test_changing_the_unit_rewords_the_derived_award_texts(app, client):
    from kehoach_app.awards import operations as awards_ops
    from kehoach_app.budget import operations as budget_ops
    from kehoach_app.conferences import operations

    conference_id = _make(app, XA)
    add_awards(app, conference_id, "giay_khen_chu_tich_ubnd_xa", ["Ông Trần Văn Bình"], **DECISION)
    _start_budget(app, conference_id)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        awards_ops.sync_programme(conference)
        db.session.commit()
        values = {
            **conference.values(),
            "unit_type": "phuong",
            "unit_name": "Hồng Hà",
            "province": "Hà Nội",
            "issuer": "Ủy ban nhân dân phường Hồng Hà",
        }
        assert operations.update_conference(conference, values)
        db.session.commit()
        contents = [line.content for line in budget_ops.lines_of(conference)]
        assert "Tiền thưởng Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà (cá nhân)" in (
            contents
        )
        titles = db.session.scalars(
            select(AgendaItem.title).where(AgendaItem.conference_id == conference_id)
        ).all()
        assert any("Ủy ban nhân dân phường Hồng Hà" in title for title in titles), titles
        assert not any("xã Tân Hòa" in title for title in titles)
        # One Hoàn tác puts the xã back, its texts too.
        operations.undo_last_edit(conference)
        db.session.commit()
        contents = [line.content for line in budget_ops.lines_of(conference)]
        assert "Tiền thưởng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Hòa (cá nhân)" in contents
