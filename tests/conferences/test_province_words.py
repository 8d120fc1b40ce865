"""The province named as it is (issue 16, signer's review): a centrally-run city is a "thành
phố" with an "Ủy ban nhân dân thành phố Đà Nẵng" and a "Thành ủy", never "tỉnh"; a province's
body is named in full ("Ủy ban nhân dân tỉnh Tây Ninh"). The venue names the unit."""

from __future__ import annotations

import re

from sqlalchemy import select

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.conferences.presetting import unit_placeholders
from kehoach_app.conferences.units import Organiser
from kehoach_app.db import db
from kehoach_app.delegates.models import DelegateGroup
from kehoach_app.tasks.models import Task
from tests.conferences.test_organiser import _create_from_preset

HAI_CHAU = Organiser(level="xa", unit_type="phuong", unit_name="Hải Châu", province="Đà Nẵng")
TAN_HOA = Organiser(level="xa", unit_type="xa", unit_name="Tân Hòa", province="Tây Ninh")
DA_NANG = Organiser(level="tinh", unit_type="thanh_pho", unit_name="Đà Nẵng", province="Đà Nẵng")

# "tỉnh" as a word, except in "cấp tỉnh" (the level, which a centrally-run city also is).
PROVINCE_WORD = re.compile(r"(?<!cấp )\btỉnh\b|Tỉnh ủy")


def test_the_placeholders_name_the_province_as_it_is():
    assert {k: v for k, v in unit_placeholders(HAI_CHAU).items() if "province" in k} == {
        "province_kind": "thành phố",
        "province_title": "thành phố Đà Nẵng",
        "province_body": "Ủy ban nhân dân thành phố Đà Nẵng",
        "province_party": "Thành ủy",
        "province_name": "Đà Nẵng",  # "Điện lực Đà Nẵng" (issue 17 review)
        "province_communes": "xã, phường, đặc khu",  # đặc khu Hoàng Sa
    }
    assert unit_placeholders(HAI_CHAU)["unit_title"] == "phường Hải Châu"
    tan_hoa = unit_placeholders(TAN_HOA)
    assert tan_hoa["province_body"] == "Ủy ban nhân dân tỉnh Tây Ninh"
    assert (tan_hoa["province_kind"], tan_hoa["province_party"]) == ("tỉnh", "Tỉnh ủy")
    assert unit_placeholders(DA_NANG)["province_kind"] == "thành phố"
    # Before the unit is chosen the form says the level's words.
    blank = unit_placeholders(Organiser(level="xa"))
    assert blank["province_body"] == "Ủy ban nhân dân tỉnh" and blank["unit_title"] == "xã"


def _children(app, conference_id: int) -> list[str]:
    with app.app_context():
        texts = []
        for column in (AgendaItem.title, AgendaItem.presenter, DelegateGroup.name):
            texts += db.session.scalars(
                select(column).where(column.class_.conference_id == conference_id)
            ).all()
        for task in db.session.scalars(select(Task).where(Task.conference_id == conference_id)):
            texts += [task.title, task.lead_unit, task.support_units]
        return texts


def test_a_ward_of_da_nang_cites_the_citys_rules_and_names_its_hall(app, client):
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.xa",
        province="Đà Nẵng",
        unit_type="phuong",
        unit_name="Hải Châu",
        issuer="",
        place_name="",
        venue="Hội trường Ủy ban nhân dân xã",  # as the form first offers it
        funding_source="Quỹ thi đua, khen thưởng của xã năm 2027",
    )
    assert conference.issuer == "Ủy ban nhân dân phường Hải Châu"
    assert conference.venue == "Hội trường Ủy ban nhân dân phường Hải Châu"
    assert (
        "Căn cứ Quy chế công tác thi đua, khen thưởng trên địa bàn thành phố ban hành kèm theo "
        "Quyết định số …/…/QĐ-UBND ngày … của Ủy ban nhân dân thành phố Đà Nẵng;"
    ) in conference.legal_bases.split("\n")
    assert "Sở Nội vụ thành phố Đà Nẵng" in conference.recipients.split("\n")
    texts = _children(app, conference.id)
    assert "Đại biểu cấp tỉnh: đại diện lãnh đạo Sở Nội vụ thành phố Đà Nẵng" in texts
    for text in [conference.legal_bases, conference.recipients, conference.closing, *texts]:
        assert not PROVINCE_WORD.search(text), text
        assert "{" not in text, text


def test_the_demo_names_tay_ninh_in_its_legal_basis(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        bases = conference.legal_bases.split("\n")
        recipients = conference.recipients.split("\n")
    # The demo fills the preset's gaps with an invented number (plan/demo.add_demo_legal_bases).
    (basis,) = [line for line in bases if line.startswith("Căn cứ Quy chế")]
    assert re.fullmatch(
        r"Căn cứ Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh ban hành kèm theo "
        r"Quyết định số 25/\d{4}/QĐ-UBND ngày 12 tháng 6 năm \d{4} của Ủy ban nhân dân tỉnh "
        r"Tây Ninh;",
        basis,
    ), basis
    assert "Sở Nội vụ tỉnh Tây Ninh" in recipients


def test_da_nang_made_from_the_province_preset_says_thanh_pho_everywhere(app, client):
    conference = _create_from_preset(
        app,
        client,
        "tong_ket.tinh",
        kind="tong_ket",
        province="Đà Nẵng",
        unit_type="thanh_pho",
        unit_name="",
        issuer="",
        place_name="",
        venue="Trung tâm Hội nghị tỉnh",
        funding_source="Quỹ thi đua, khen thưởng",
    )
    assert conference.venue == "Trung tâm Hội nghị thành phố Đà Nẵng"
    assert (
        "Căn cứ Quyết định số …/…/QĐ-UBND ngày … của Ủy ban nhân dân thành phố ban hành Quy "
        "chế công tác thi đua, khen thưởng trên địa bàn thành phố;"
    ) in conference.legal_bases.split("\n")
    recipients = conference.recipients.split("\n")
    assert "Thường trực Thành ủy" in recipients and "Công an thành phố" in recipients
    assert "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân thành phố" in recipients
    texts = _children(app, conference.id)
    assert "Văn phòng Ủy ban nhân dân thành phố" in texts
    for text in [conference.legal_bases, conference.recipients, conference.closing, *texts]:
        assert not PROVINCE_WORD.search(text), text
