"""The programme's pre-signature rules, one conference built to break each; the MC's
introduction of the delegates in protocol order, group by group."""

from __future__ import annotations

from types import SimpleNamespace

from kehoach_app.agenda import operations as agenda_ops
from kehoach_app.agenda.logic import introduction_lines
from kehoach_app.agenda.models import AgendaItem
from kehoach_app.checks import BLOCK, WARN, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.agenda.test_agenda_awards import add_flag_and_six, cid  # noqa: F401 — fixture
from tests.conftest import post


def problems(app, conference_id: int, part: str = "agenda") -> list:
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return [p for p in run_checks(conference) if p.part == part]


def by_key(found, key):
    return [p for p in found if p.key == key]


def items(app, conference_id):
    with app.app_context():
        return agenda_ops.items_of(db.session.get(Conference, conference_id))


def test_the_demo_has_nothing_blocking_in_the_programme(app, demo_id):
    found = problems(app, demo_id)
    assert [p for p in found if p.blocking] == []


def test_a_half_day_programme_ending_at_13_36_is_blocked(app, cid):  # noqa: F811
    # the preset's 166 minutes + 200 = 366 minutes: 07:30 → 13:36
    with app.app_context():
        conference = db.session.get(Conference, cid)
        agenda_ops.add_item(
            conference,
            {"kind": "khac", "title": "Tham quan mô hình", "presenter": "Ban Tổ chức",
             "presenter_unit": "", "minutes": 200, "mc_text": "", "notes": ""},
            None,
            False,
        )  # fmt: skip
        db.session.commit()
    found = problems(app, cid)
    overrun = by_key(found, "agenda.overrun")
    assert [p.message for p in overrun] == [
        "Chương trình dài 6 giờ 6 phút, quá thời lượng nửa ngày (tối đa 4 giờ) 2 giờ 6 phút."
    ]
    assert overrun[0].severity == BLOCK
    assert overrun[0].fix_url == f"/hoi-nghi/{cid}/chuong-trinh"
    assert set(overrun[0].printouts) == {"chuong-trinh", "kich-ban-dieu-hanh", "ke-hoach"}
    lunch = by_key(found, "agenda.lunch")
    assert lunch and lunch[0].severity == WARN
    assert lunch[0].message.startswith("Chương trình kéo dài qua giờ trưa (11:30 – 13:30)")


def test_an_empty_programme_is_blocked(app, cid):  # noqa: F811
    with app.app_context():
        for item in agenda_ops.items_of(db.session.get(Conference, cid)):
            db.session.delete(item)
        db.session.commit()
    (empty,) = by_key(problems(app, cid), "agenda.empty")
    assert empty.severity == BLOCK and empty.message == "Chương trình hội nghị chưa có mục nào."
    assert empty.fix_url == f"/hoi-nghi/{cid}/chuong-trinh#them-muc"


def test_awards_without_an_award_item_are_blocked(app, client, cid):  # noqa: F811
    add_flag_and_six(app, cid)
    for item in items(app, cid):
        if item.kind == "trao_thuong":
            post(client, f"/hoi-nghi/{cid}/chuong-trinh/{item.id}/xoa", page="/")
    (missing,) = by_key(problems(app, cid), "agenda.awards_missing")
    assert missing.severity == BLOCK
    assert missing.message == (
        "Đã có danh sách khen thưởng (2 mục trao thưởng) nhưng chương trình chưa có mục trao "
        "thưởng nào."
    )
    assert missing.fix_url == f"/hoi-nghi/{cid}/chuong-trinh#khen-thuong-lech"
    # the programme page offers to bring them back, and the button does
    html = client.get(f"/hoi-nghi/{cid}/chuong-trinh").get_data(as_text=True)
    assert "Các mục trao thưởng chưa khớp với danh sách khen thưởng" in html
    post(client, f"/hoi-nghi/{cid}/chuong-trinh/cap-nhat-tu-dong", page="/")
    assert not by_key(problems(app, cid), "agenda.awards_missing")


def test_award_items_out_of_step_with_the_batches_are_blocked(app, client, cid):  # noqa: F811
    add_flag_and_six(app, cid)
    with app.app_context():
        item = db.session.scalars(
            db.select(AgendaItem).where(AgendaItem.derived_key == "awards:bang_khen_tinh")
        ).one()
        item.minutes = 20  # typed by hand: 2 batches take 6 minutes
        number = agenda_ops.number_of(item)
        db.session.commit()
    (gap,) = by_key(problems(app, cid), "agenda.awards_out_of_step")
    assert gap.severity == BLOCK
    assert gap.message == (
        "Các mục trao thưởng trong chương trình chưa khớp với các đợt trao thưởng: thời lượng "
        f"khác số đợt ở mục {number}."
    )
    assert gap.fix_url == f"/hoi-nghi/{cid}/chuong-trinh#khen-thuong-lech"
    post(client, f"/hoi-nghi/{cid}/chuong-trinh/cap-nhat-tu-dong", page="/")
    assert not by_key(problems(app, cid), "agenda.awards_out_of_step")


def test_an_edited_item_whose_generated_text_changed_is_warned(app, cid):  # noqa: F811
    add_flag_and_six(app, cid)
    with app.app_context():
        conference = db.session.get(Conference, cid)
        item = db.session.scalars(
            db.select(AgendaItem).where(AgendaItem.derived_key == "awards:co_thi_dua_tinh")
        ).one()
        values = {name: getattr(item, name) for name in AgendaItem.FIELDS}
        agenda_ops.update_item(item, {**values, "title": "Trao Cờ thi đua"})
        number, item_id = agenda_ops.number_of(item), item.id
        db.session.commit()
    assert not by_key(problems(app, cid), "agenda.awards_stale_edit")
    from kehoach_app.awards import operations as award_ops
    from tests.agenda.test_agenda_awards import award_values

    with app.app_context():
        conference = db.session.get(Conference, cid)
        award_ops.add_award(conference, award_values("co_thi_dua_tinh", "Trạm Y tế", "collective"))
        db.session.commit()
    (stale,) = by_key(problems(app, cid), "agenda.awards_stale_edit")
    assert stale.severity == WARN
    assert stale.message == (
        f"Mục {number} “Trao Cờ thi đua” đã sửa tay, nhưng nội dung tự động theo danh sách khen "
        "thưởng đã thay đổi từ đó."
    )
    assert stale.fix_url == f"/hoi-nghi/{cid}/chuong-trinh#muc-{item_id}"
    assert not by_key(problems(app, cid), "agenda.awards_out_of_step")  # edited words are fine


def test_blanks_in_printed_programme_texts_are_blocked(app, cid):  # noqa: F811
    with app.app_context():
        items_ = agenda_ops.items_of(db.session.get(Conference, cid))
        items_[2].title = "Báo cáo tổng kết năm …"
        items_[3].presenter = ""  # phóng sự: the default words name nobody, no blank
        items_[4].presenter = ""  # tham luận: "kính mời đồng chí …………………………"
        ids = (items_[2].id, items_[4].id)
        db.session.commit()
    found = problems(app, cid)
    (title,) = by_key(found, "agenda.blank")
    assert title.severity == BLOCK
    assert title.message == (
        "Mục 3 của chương trình còn chỗ trống “…” ở nội dung: “Báo cáo tổng kết năm …”."
    )
    assert title.fix_url == f"/hoi-nghi/{cid}/chuong-trinh/{ids[0]}/sua"
    mc = by_key(found, "agenda.blank_mc")
    assert [p.fix_url for p in mc] == [f"/hoi-nghi/{cid}/chuong-trinh/{ids[1]}/sua"]
    assert mc[0].severity == BLOCK and mc[0].printouts == ("kich-ban-dieu-hanh",)
    assert mc[0].message == (
        "Lời dẫn của mục 5 “Tham luận của tập thể điển hình tiên tiến trong phong trào…” còn "
        "chỗ trống “…”: hãy ghi người thực hiện để lời dẫn tự điền."
    )


def test_a_gap_in_the_delegates_introduction_links_to_the_delegates_page(app, cid):  # noqa: F811
    """With no delegate entered, the default words of "Tuyên bố lý do, giới thiệu đại biểu"
    keep dotted lines for the delegates: that gap is filled on the delegates page."""
    from kehoach_app.delegates.models import Delegate

    with app.app_context():
        for delegate in db.session.query(Delegate).filter_by(conference_id=cid):
            db.session.delete(delegate)
        db.session.commit()
        opening = next(i for i in items(app, cid) if i.kind == "tuyen_bo_ly_do")
        number = agenda_ops.number_of(db.session.get(AgendaItem, opening.id))
    (mc,) = by_key(problems(app, cid), "agenda.blank_mc")
    assert mc.severity == BLOCK
    assert mc.fix_url == f"/hoi-nghi/{cid}/dai-bieu"
    assert mc.message.startswith(f"Lời dẫn của mục {number} “")
    assert mc.message.endswith(
        "còn chỗ trống “…” ở phần giới thiệu đại biểu: hãy nhập danh sách đại biểu (họ tên, "
        "chức vụ, đơn vị) để lời dẫn tự điền."
    )
    # the officer's own words with a gap are fixed in the item
    with app.app_context():
        item = db.session.get(AgendaItem, opening.id)
        item.mc_text = "Kính thưa các đồng chí! Giới thiệu đồng chí …, Chủ tịch."
        db.session.commit()
    (mc,) = by_key(problems(app, cid), "agenda.blank_mc")
    assert mc.fix_url == f"/hoi-nghi/{cid}/chuong-trinh/{opening.id}/sua"
    assert mc.message.endswith("còn chỗ trống “…”: hãy viết đủ lời dẫn.")


# --------------------------------------------------------------------------- the MC's intro


def person(name, group, rank=0, position="", unit="", reply="attending", presidium=False,
           honorific="Đồng chí", substitute=""):  # fmt: skip
    return SimpleNamespace(
        full_name=name, group_id=group, protocol_rank=rank, position=position, unit=unit,
        reply=reply, presidium=presidium, honorific=honorific, substitute_name=substitute,
    )  # fmt: skip


GROUPS = [
    SimpleNamespace(id=1, position=1, name="Đại biểu cấp tỉnh: đại diện lãnh đạo Sở Nội vụ"),
    SimpleNamespace(id=2, position=2, name="Thường trực Đảng ủy, Thường trực Hội đồng nhân dân"),
    SimpleNamespace(id=3, position=3, name="Đại diện tập thể, cá nhân được khen thưởng"),
    SimpleNamespace(id=4, position=4, name="Phóng viên, cán bộ phục vụ Hội nghị"),
]


def test_the_mc_introduces_unranked_superiors_in_their_groups_place():
    people = [
        person("Nguyễn Văn Thạnh", 2, 1, "Bí thư Đảng ủy xã"),
        person("Phạm Thị Ngọc Ánh", 2, 3, "Chủ tịch Hội đồng nhân dân xã", honorific="Bà"),
        person("Võ Hữu Lộc", 2, 0, "Phó Bí thư Đảng ủy xã"),
        # two Phó Giám đốc of the province's Sở Nội vụ, no rank typed: still first
        person("Trần Minh Quang", 1, 0, "Phó Giám đốc", "Sở Nội vụ tỉnh"),
        person("Lê Quốc Hưng", 1, 0, "Phó Giám đốc", "Sở Nội vụ tỉnh", honorific="Ông"),
        person("Đặng Thu Hà", 1, 0, "Trưởng phòng", "Sở Nội vụ tỉnh", reply="absent"),
        person("Hồ Văn Em", 3, 0, "Trưởng ấp"),
        person("Hứa Minh Triết", 4, 0, "Phóng viên"),
        person("Doãn Văn Kỷ", None, 0, "Nguyên Chủ tịch Ủy ban nhân dân xã"),
    ]
    assert introduction_lines(people, GROUPS) == [
        "Ông Lê Quốc Hưng, Phó Giám đốc Sở Nội vụ tỉnh",  # Vietnamese name order: Hưng, Quang
        "Đồng chí Trần Minh Quang, Phó Giám đốc Sở Nội vụ tỉnh",
        "Đồng chí Nguyễn Văn Thạnh, Bí thư Đảng ủy xã",  # ranked first within the host group
        "Bà Phạm Thị Ngọc Ánh, Chủ tịch Hội đồng nhân dân xã",
        "Đồng chí Võ Hữu Lộc, Phó Bí thư Đảng ủy xã",  # unranked: after the ranked of his group
        "Các đồng chí đại diện tập thể, cá nhân được khen thưởng",
        "Đồng chí Doãn Văn Kỷ, Nguyên Chủ tịch Ủy ban nhân dân xã",  # in no group: last
    ]


def test_a_host_group_naming_the_public_service_centre_is_introduced():
    """The xã preset's host group names the "Trung tâm Phục vụ hành chính công": its people are
    introduced; only a group that IS the press or the serving staff is left out."""
    groups = [
        SimpleNamespace(
            id=1,
            position=1,
            name="Lãnh đạo Văn phòng HĐND và UBND, Trung tâm Phục vụ hành chính công, Công an",
        ),
        SimpleNamespace(id=2, position=2, name="Cán bộ phục vụ Hội nghị"),
    ]
    people = [
        person("Phan Văn Khải Hoàn", 1, 0, "Trưởng Công an phường"),
        person("Lý Thị Mai", 2, 0, "Chuyên viên"),
    ]
    assert introduction_lines(people, groups) == [
        "Đồng chí Phan Văn Khải Hoàn, Trưởng Công an phường"
    ]


def test_the_script_introduces_the_demo_delegates_group_by_group(app, client, demo_id):
    import io

    import pdfplumber

    response = client.get(f"/hoi-nghi/{demo_id}/in/kich-ban-dieu-hanh.pdf")
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    first = text.index("- Ông Lê Quốc Hưng, Phó Giám đốc Sở Nội vụ tỉnh;")
    substitute = text.index("- Đồng chí Quách Ngọc Diễm, dự thay bà Đặng Thị Thu Hương")
    host = text.index("- Đồng chí Nguyễn Văn Thạnh, Bí thư Đảng ủy xã")
    unranked = text.index("- Bà Hà Thị Ngọc Quỳnh, Hiệu trưởng Trường Trung học cơ sở Tân Hòa;")
    assert first < substitute < host < unranked
    assert "Các đồng chí đại diện tập thể, cá nhân được khen thưởng" in text
    assert "Hứa Minh Triết" not in text  # the press is not introduced


def test_a_choice_left_open_in_a_speaking_item_warns(app, cid, demo_id):  # noqa: F811
    """The xã preset's "Phát biểu chỉ đạo của lãnh đạo cấp trên hoặc đồng chí Bí thư Đảng ủy"
    (performer "Lãnh đạo cấp trên hoặc Bí thư Đảng ủy") asks the officer to choose who."""
    speech = next(i for i in items(app, cid) if i.kind == "phat_bieu_chi_dao")
    with app.app_context():
        number = agenda_ops.number_of(db.session.get(AgendaItem, speech.id))
    (choice,) = by_key(problems(app, cid), "agenda.open_choice")
    assert choice.severity == BLOCK
    assert choice.message == (
        f"Mục {number} của chương trình còn để hai lựa chọn ở nội dung (“Phát biểu chỉ đạo "
        "của lãnh đạo cấp trên hoặc đồng chí Bí thư Đảng ủy”): hãy chọn người sẽ thực hiện."
    )
    assert choice.fix_url == f"/hoi-nghi/{cid}/chuong-trinh/{speech.id}/sua"
    # chosen, and a quoted title holding the word, or another kind of item: nothing to say
    with app.app_context():
        item = db.session.get(AgendaItem, speech.id)
        item.title = "Phát biểu chỉ đạo của đồng chí Bí thư Đảng ủy"
        item.presenter = "Nguyễn Văn Thạnh, Bí thư Đảng ủy xã"
        report = next(i for i in agenda_ops.items_of(item.conference) if i.kind == "tham_luan")
        report.title = "Tham luận “Học hoặc làm: kinh nghiệm của Tổ hợp tác Mỹ Lộc”"
        db.session.commit()
    assert not by_key(problems(app, cid), "agenda.open_choice")
    assert not by_key(problems(app, demo_id), "agenda.open_choice")
