"""The tasks pages through Flask's test client: list, add, edit, delete, reorder, status, refusals,
undo, a stale edit, and the conference date moving relative deadlines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kehoach_app import vn
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks.models import Task
from tests.conftest import post
from tests.tasks.task_helpers import TORTURE_UNIT, make_conference, tasks_in


def today() -> dt.date:
    """Asked when a test runs, as the app does on each request (a date taken when the module
    was collected is yesterday's for a run that crosses midnight)."""
    return dt.date.today()


def url(conference_id: int, rest: str = "") -> str:
    return f"/hoi-nghi/{conference_id}/nhiem-vu{rest}"


def task_form(**overrides) -> dict:
    data = {
        "title": "Chuẩn bị hội trường",
        "lead_unit": "Văn phòng",
        "support_units": "Phòng Nội vụ\nCông an",
        "deadline_kind": "days_before",
        "days_before": "3",
        "deadline_date": "",
        "status": "todo",
        "notes": "",
    }
    data.update(overrides)
    return data


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def count(app, conference_id: int) -> int:
    return len(tasks_in(app, conference_id))


# --------------------------------------------------------------------------- the list


def test_list_shows_tasks_deadlines_and_the_three_groups(client, soon):
    html = client.get(url(soon)).get_data(as_text=True)
    text = text_of(html)
    giay_moi = vn.format_date_short(today() + dt.timedelta(days=25))
    late = vn.format_date_short(today() - dt.timedelta(days=2))
    assert "Phát hành Giấy mời" in text and giay_moi in text and "Trước 05 ngày" in text
    assert "Quá hạn 1 việc" in text and "Quá hạn 2 ngày" in text and late in text
    assert "Đến hạn trong 7 ngày tới 0 việc" in text
    assert "Đã xong 1/3 việc" in text
    assert "30 ngày nữa" in text
    assert 'href="/static/css/tasks.css"' in html
    # one-click status: the current one is pressed, the others submit
    assert html.count('aria-pressed="true"') == 3


def test_dashboard_card(client, soon):
    text = text_of(client.get(f"/hoi-nghi/{soon}").get_data(as_text=True))
    late = vn.format_date_short(today() - dt.timedelta(days=2))
    assert f"Quá hạn: 1 việc — Gửi báo cáo tham luận (hạn {late})" in text
    assert "Đã xong: 1/3 việc" in text
    assert "Mở phân công nhiệm vụ" in text
    assert 'value="33"' in client.get(f"/hoi-nghi/{soon}").get_data(as_text=True)  # 1/3 done


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"don-vi": "Phòng Nội vụ"}, ["Phát hành Giấy mời", "Gửi báo cáo tham luận"]),
        (
            {"don-vi": "phòng nội vụ", "tinh-trang": "todo"},
            ["Phát hành Giấy mời", "Gửi báo cáo tham luận"],
        ),
        ({"tinh-trang": "done"}, ["Bảo đảm an ninh"]),
        ({"tinh-trang": "overdue"}, ["Gửi báo cáo tham luận"]),
        ({"tinh-trang": "open"}, ["Phát hành Giấy mời", "Gửi báo cáo tham luận"]),
        ({"don-vi": "Công an", "tinh-trang": "doing"}, []),
    ],
)
def test_filter_by_unit_and_status(client, soon, query, shown):
    html = client.get(url(soon), query_string=query).get_data(as_text=True)
    rows = re.findall(r'<span class="task-title">([^<]+)</span>', html)
    assert rows == shown
    if query:
        assert "Bỏ lọc" in html and "Đưa nhiệm vụ số" not in html  # no reordering while filtered


def test_unknown_conference_or_task_is_a_404(client, soon):
    assert client.get(url(999)).status_code == 404
    assert client.get(url(soon, "/9999/sua")).status_code == 404


def test_a_task_of_another_conference_is_not_reachable(app, client, soon):
    other = make_conference(app, today() + dt.timedelta(days=60))
    task = tasks_in(app, soon)[0]
    assert client.get(url(other, f"/{task.id}/sua")).status_code == 404


# --------------------------------------------------------------------------- add


def test_add_saves_normalised_and_offers_undo(app, client, soon):
    data = task_form(
        title="Chuẩn bị hội trường",
        lead_unit=f"  {TORTURE_UNIT} ",
        support_units="Phòng Nội vụ\n\nCông an\nCÔNG AN",
        notes="Ghi chú",
    )
    data["title"] = "Chuẩn bi\u0323 hội trường"  # decomposed ị
    response = post(client, url(soon, "/them"), data, page=url(soon, "/them"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/nhiem-vu#nv-{tasks_in(app, soon)[-1].id}")
    added = tasks_in(app, soon)[-1]
    assert added.title == "Chuẩn bị hội trường" and added.position == 4
    assert added.lead_unit == TORTURE_UNIT
    assert added.support_units == "Phòng Nội vụ\nCông an"
    assert added.days_before == 3 and added.deadline_date is None
    html = client.get(url(soon)).get_data(as_text=True)
    assert "Đã thêm nhiệm vụ số 4" in html and "Hoàn tác" in html
    assert "Phòng A &amp; B &lt;C&gt;" in html  # escaped on the page, never raw markup

    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))
    assert count(app, soon) == 3


def test_add_again_returns_to_an_empty_form(client, soon):
    data = task_form(again="1")
    response = post(client, url(soon, "/them"), data, page=url(soon, "/them"))
    assert response.headers["Location"].endswith(url(soon, "/them"))


def test_month_before_and_no_deadline_ignore_the_other_boxes(app, client, soon):
    data = task_form(deadline_kind="month_before", days_before="abc", deadline_date="31/02/2027")
    assert post(client, url(soon, "/them"), data, page=url(soon)).status_code == 302
    added = tasks_in(app, soon)[-1]
    assert (added.deadline_kind, added.days_before, added.deadline_date) == (
        "month_before", None, None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"days_before": "-3"},
            "Số ngày không được âm: thời hạn phải trước hoặc đúng ngày tổ chức",
        ),
        ({"days_before": "400"}, "tối đa là 365 (một năm); đang nhập 400"),
        ({"days_before": ""}, "Vui lòng nhập số ngày trước ngày tổ chức"),
        ({"days_before": "5,5"}, "số thập phân"),
        ({"deadline_kind": "fixed", "deadline_date": "31/02/2027"}, "chỉ có 28 ngày"),
        ({"deadline_kind": "fixed", "deadline_date": "abc"}, "Không đọc được ngày “abc”"),
        ({"deadline_kind": "fixed", "deadline_date": ""}, "Vui lòng nhập ngày hoàn thành"),
        ({"deadline_kind": "fixed", "deadline_date": "01/01/1999"}, "năm 2000 đến 2100"),
        ({"title": "   "}, "Vui lòng nhập nội dung công việc."),
        ({"lead_unit": ""}, "Vui lòng nhập đơn vị chủ trì."),
        ({"lead_unit": "Văn phòng", "support_units": "văn phòng"}, "không ghi lại ở ô đơn vị phối"),
        ({"deadline_kind": "later"}, "Hãy chọn một loại thời hạn."),
        ({"status": "lost"}, "Tình trạng không hợp lệ."),
        ({"title": "x" * 1001}, "Quá dài: tối đa 1000 ký tự"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(
    app, client, soon, overrides, message
):
    data = task_form(**overrides)
    response = post(client, url(soon, "/them"), data, page=url(soon, "/them"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert "Chưa lưu: hãy sửa các ô được đánh dấu đỏ" in html
    for value in overrides.values():  # what was typed is still there
        if value.strip() and value not in ("later", "lost", "x" * 1001):
            assert value.replace("\n", "&#10;") in html or value in html
    assert count(app, soon) == 3


def test_a_fixed_date_after_the_conference_asks_for_confirmation(app, client, soon):
    after = today() + dt.timedelta(days=40)  # the conference is in 30 days
    data = task_form(title="Quyết toán kinh phí", deadline_kind="fixed",
                     deadline_date=vn.format_date_short(after))  # fmt: skip
    html = post(client, url(soon, "/them"), data, page=url(soon)).get_data(as_text=True)
    assert f"Ngày {vn.format_date_short(after)} sau ngày tổ chức Hội nghị" in html
    assert "Đúng, việc này hoàn thành sau ngày tổ chức Hội nghị" in html
    assert count(app, soon) == 3

    data["confirm_late"] = "y"
    assert post(client, url(soon, "/them"), data, page=url(soon)).status_code == 302
    added = tasks_in(app, soon)[-1]
    assert added.deadline_date == after
    text = text_of(client.get(url(soon)).get_data(as_text=True))
    assert "Sau Hội nghị" in text

    # editing it again does not ask a second time
    edit = url(soon, f"/{added.id}/sua")
    form = client.get(edit).get_data(as_text=True)
    assert "Đúng, việc này hoàn thành" not in form
    data.pop("confirm_late")
    again = post(client, edit, {**data, "notes": "Sau khi có chứng từ", **hidden(form)}, page=edit)
    assert again.status_code == 302


# --------------------------------------------------------------------------- edit


def hidden(html: str) -> dict:
    """The version and fingerprint the edit form carries."""
    return {
        name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)
        for name in ("version", "fingerprint")
    }


def edit_data(client, edit_url: str, **changes) -> dict:
    html = client.get(edit_url).get_data(as_text=True)
    return {**task_form(), **hidden(html), **changes}


def test_edit_saves_and_undo_puts_it_back(app, client, soon):
    task = tasks_in(app, soon)[0]
    edit = url(soon, f"/{task.id}/sua")
    form_html = client.get(edit).get_data(as_text=True)
    assert "Phát hành Giấy mời" in form_html and 'value="5"' in form_html
    assert "Theo ngày tổ chức hiện tại" in form_html and "trước 05 ngày tổ chức" in form_html

    data = edit_data(client, edit, title="Phát hành Giấy mời (bản sửa)", days_before="7")
    response = post(client, edit, data, page=edit)
    assert response.status_code == 302
    saved = tasks_in(app, soon)[0]
    assert saved.title == "Phát hành Giấy mời (bản sửa)" and saved.days_before == 7
    assert saved.support_units == "Phòng Nội vụ\nCông an"

    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))
    restored = tasks_in(app, soon)[0]
    assert restored.title == "Phát hành Giấy mời" and restored.days_before == 5


def test_unchanged_edit_keeps_no_undo_step(app, client, soon):
    task = tasks_in(app, soon)[2]
    edit = url(soon, f"/{task.id}/sua")
    data = edit_data(
        client, edit, title="Bảo đảm an ninh", lead_unit="Công an", support_units="",
        days_before="1", status="done",
    )  # fmt: skip
    post(client, edit, data, page=edit)
    html = client.get(url(soon)).get_data(as_text=True)
    assert "Không có gì thay đổi." in html
    with app.app_context():
        assert db.session.get(Conference, soon).revisions == []


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(app, client, soon):
    task = tasks_in(app, soon)[0]
    edit = url(soon, f"/{task.id}/sua")
    stale = edit_data(client, edit, title="Tab A: lời mời mới")
    # another tab changes the task first
    newer = edit_data(client, edit, title="Tab B: đã sửa")
    assert post(client, edit, newer, page=edit).status_code == 302

    response = post(client, edit, stale, page=edit)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "vừa được sửa ở cửa sổ khác" in html and "Tab A: lời mời mới" in html
    assert tasks_in(app, soon)[0].title == "Tab B: đã sửa"
    # the form now carries the current version: saving again goes through
    assert post(client, edit, {**stale, **hidden(html)}, page=edit).status_code == 302
    assert tasks_in(app, soon)[0].title == "Tab A: lời mời mới"


def test_a_move_in_another_tab_does_not_block_an_edit(app, client, soon):
    task = tasks_in(app, soon)[1]
    edit = url(soon, f"/{task.id}/sua")
    data = edit_data(client, edit, title="Gửi báo cáo tham luận (sửa)")
    post(client, url(soon, f"/{task.id}/di-chuyen"), {"huong": "len"}, page=url(soon))
    assert post(client, edit, data, page=edit).status_code == 302
    assert tasks_in(app, soon)[0].title == "Gửi báo cáo tham luận (sửa)"


def test_an_edit_opened_before_an_undo_never_overwrites_another_task(app, client, soon):
    # Undo keeps ids (docs/architecture.md, "Cheap undo"), but SQLite gives a freed id out
    # again: the last task deleted, a new one added under its id, a form opened on the new one;
    # two undos put the deleted task back under that id. The open form must not save into it.
    first, second, third = tasks_in(app, soon)
    post(client, url(soon, f"/{third.id}/xoa"), page=url(soon))
    post(client, url(soon, "/them"), task_form(title="Việc mới thêm"), page=url(soon))
    added = tasks_in(app, soon)[-1]
    assert (added.id, added.title) == (third.id, "Việc mới thêm")  # the freed id, reused
    edit = url(soon, f"/{added.id}/sua")
    data = edit_data(client, edit, title="Sửa việc mới thêm")
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))  # the addition
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))  # the deletion
    back = {t.id: (t.title, t.version) for t in tasks_in(app, soon)}
    assert back[third.id][0] == third.title

    response = post(client, edit, data, page=edit)
    assert response.status_code == 409
    assert "Sửa việc mới thêm" in response.get_data(as_text=True)  # what was typed is kept
    assert {t.id: (t.title, t.version) for t in tasks_in(app, soon)} == back


def test_an_edit_opened_before_an_unrelated_undo_still_saves(app, client, soon):
    # Undo puts back only the rows the undone change wrote: the task the form is open on was
    # moved (same content) but not touched by the undone status change of another task.
    first, second, third = tasks_in(app, soon)
    edit = url(soon, f"/{second.id}/sua")
    data = edit_data(client, edit, title="Sửa việc thứ hai")
    post(client, url(soon, f"/{second.id}/di-chuyen"), {"huong": "len"}, page=url(soon))
    post(client, url(soon, f"/{third.id}/tinh-trang"), {"status": "todo"}, page=url(soon))
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))  # the status change
    assert [t.id for t in tasks_in(app, soon)] == [second.id, first.id, third.id]

    assert post(client, edit, data, page=edit).status_code == 302
    assert [t.title for t in tasks_in(app, soon)] == [
        "Sửa việc thứ hai", first.title, third.title,
    ]  # fmt: skip


def test_saving_a_task_deleted_in_another_tab_offers_to_add_it(app, client, soon):
    task = tasks_in(app, soon)[0]
    edit = url(soon, f"/{task.id}/sua")
    data = edit_data(client, edit, title="Đang sửa dở")
    post(client, url(soon, f"/{task.id}/xoa"), page=url(soon))
    response = post(client, edit, data, page=url(soon))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "đã bị xóa" in html and "Đang sửa dở" in html
    assert f'action="{url(soon, "/them")}"' in html


# --------------------------------------------------------------------------- delete, move, status


def test_delete_and_undo(app, client, soon):
    task = tasks_in(app, soon)[1]
    response = post(client, url(soon, f"/{task.id}/xoa"), page=url(soon))
    assert response.status_code == 302
    assert [t.title for t in tasks_in(app, soon)] == ["Phát hành Giấy mời", "Bảo đảm an ninh"]
    html = client.get(url(soon)).get_data(as_text=True)
    assert "Đã xóa nhiệm vụ số 2: “Gửi báo cáo tham luận”." in html
    # deleting twice (a second tab) is a notice, not an error
    again = post(client, url(soon, f"/{task.id}/xoa"), page=url(soon))
    assert again.status_code == 302
    assert "không còn trong danh sách" in client.get(url(soon)).get_data(as_text=True)
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))
    assert [t.title for t in tasks_in(app, soon)] == [
        "Phát hành Giấy mời", "Gửi báo cáo tham luận", "Bảo đảm an ninh",
    ]  # fmt: skip


def test_reorder_up_and_down(app, client, soon):
    first, second, third = tasks_in(app, soon)
    post(client, url(soon, f"/{third.id}/di-chuyen"), {"huong": "len"}, page=url(soon))
    assert [t.id for t in tasks_in(app, soon)] == [first.id, third.id, second.id]
    post(client, url(soon, f"/{first.id}/di-chuyen"), {"huong": "xuong"}, page=url(soon))
    assert [t.id for t in tasks_in(app, soon)] == [third.id, first.id, second.id]
    post(client, url(soon, f"/{third.id}/di-chuyen"), {"huong": "len"}, page=url(soon))
    assert [t.id for t in tasks_in(app, soon)] == [third.id, first.id, second.id]
    assert "đã ở đầu" in client.get(url(soon)).get_data(as_text=True)
    bad = post(client, url(soon, f"/{first.id}/di-chuyen"), {"huong": "ngang"}, page=url(soon))
    assert bad.status_code == 400
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))
    # undo rebuilds the rows (new ids): compare what they say
    assert [t.title for t in tasks_in(app, soon)] == [first.title, third.title, second.title]


def test_reorder_after_a_delete_keeps_positions_distinct(app, client, soon):
    first, second, third = tasks_in(app, soon)
    post(client, url(soon, f"/{second.id}/xoa"), page=url(soon))
    post(client, url(soon, "/them"), task_form(title="Mới"), page=url(soon))
    post(client, url(soon, f"/{third.id}/di-chuyen"), {"huong": "xuong"}, page=url(soon))
    titles = [t.title for t in tasks_in(app, soon)]
    assert titles == ["Phát hành Giấy mời", "Mới", "Bảo đảm an ninh"]
    assert len({t.position for t in tasks_in(app, soon)}) == 3


def test_one_click_status_keeps_the_filter(app, client, soon):
    task = tasks_in(app, soon)[0]
    response = post(
        client,
        url(soon, f"/{task.id}/tinh-trang"),
        {"status": "done", "don-vi": "Văn phòng", "tinh-trang": "open"},
        page=url(soon),
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "tinh-trang=open" in location and f"#nv-{task.id}" in location
    assert tasks_in(app, soon)[0].status == "done"
    html = client.get(url(soon)).get_data(as_text=True)
    assert "Nhiệm vụ số 1: Xong." in html and "Đã xong 2/3 việc" in text_of(html)
    assert post(client, url(soon, f"/{task.id}/tinh-trang"), {"status": "lost"}).status_code == 400
    post(client, f"/hoi-nghi/{soon}/hoan-tac", page=url(soon))
    assert tasks_in(app, soon)[0].status == "todo"


def test_posts_without_a_csrf_token_are_refused(app, client, soon):
    task = tasks_in(app, soon)[0]
    response = client.post(url(soon, f"/{task.id}/tinh-trang"), data={"status": "done"})
    assert response.status_code == 400
    assert tasks_in(app, soon)[0].status == "todo"


# --------------------------------------------------------------------------- the conference date


def test_moving_the_conference_moves_relative_deadlines_and_not_fixed_ones(app, client):
    conference_id = make_conference(
        app,
        dt.date(2099, 1, 15),
        [
            {
                "title": "Giấy mời",
                "lead_unit": "Văn phòng",
                "deadline_kind": "days_before",
                "days_before": 5,
            },
            {"title": "Báo cáo", "lead_unit": "Phòng Nội vụ", "deadline_kind": "month_before"},
            {
                "title": "Tham luận",
                "lead_unit": "Phòng Nội vụ",
                "deadline_kind": "fixed",
                "deadline_date": dt.date(2099, 1, 8),
            },
        ],  # fmt: skip
    )
    text = text_of(client.get(url(conference_id)).get_data(as_text=True))
    assert "10/01/2099" in text and "31/12/2098" in text and "08/01/2099" in text

    edit = f"/hoi-nghi/{conference_id}/sua"
    html = client.get(edit).get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', html))
    fields.update(
        {
            "date": "03/03/2099",
            "kind": "tong_ket",
            "province": "Tây Ninh",
            "unit_type": "xa",
            "unit_name": "Tân Hòa",
            "level": "xa",
            "length": "half_day",
            "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2098",
            "purposes": "",
            "notes": "",
            "funding_source": "",
        }
    )
    assert post(client, edit, fields, page=edit).status_code == 302
    text = text_of(client.get(url(conference_id)).get_data(as_text=True))
    assert "26/02/2099" in text  # 03/03 − 5 days, over the end of February
    assert "28/02/2099" in text  # trong tháng 02
    assert "08/01/2099" in text  # the fixed date stays
    assert "10/01/2099" not in text and "31/12/2098" not in text
    with app.app_context():  # nothing stored moved: the dates are computed
        rows = db.session.query(Task).filter_by(conference_id=conference_id).all()
        assert sorted((t.days_before or 0, t.deadline_date or dt.date.min) for t in rows)[0][0] == 0


# --------------------------------------------------------------------------- preset and demo


def test_a_conference_made_from_a_preset_brings_its_tasks(app, client):
    new = "/hoi-nghi/moi/tong_ket.xa"
    html = client.get(new).get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', html))
    fields.update(
        province="Tây Ninh",
        unit_type="xa",
        unit_name="Tân Hòa",
        issuer="Ủy ban nhân dân xã Tân Hòa",
        place_name="Tân Hòa",
        title="Hội nghị tổng kết",
        kind="tong_ket",
        level="xa",
        length="half_day",
        purposes="",
        notes="",
        funding_source="",
    )
    assert post(client, new, fields, page=new).status_code == 302
    with app.app_context():
        conference = db.session.query(Conference).one()
        reviewed = conference.year_reviewed
    rows = tasks_in(app, conference.id)
    assert len(rows) == 19
    assert {t.status for t in rows} == {"todo"}
    assert rows[0].deadline_kind == "month_before" and rows[0].days_before is None
    assert any(f"năm {reviewed}" in t.title for t in rows)
    assert not any("{" in t.title for t in rows)
    giay_moi = next(t for t in rows if t.title.startswith("Phát hành Giấy mời"))
    assert giay_moi.days_before == 5 and giay_moi.support_units == "Phòng Văn hóa - Xã hội"


def test_the_demo_looks_like_a_plan_under_way(app, client, demo_id):
    rows = tasks_in(app, demo_id)
    statuses = [t.status for t in rows]
    assert statuses.count("done") == 3 and statuses.count("doing") == 2
    text = text_of(client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True))
    # Nothing overdue (the demo passes the pre-signature check); the report is due this week.
    assert "Quá hạn" not in text
    assert "Đến hạn trong 7 ngày tới: 1 việc" in text
    assert f"Đã xong: 3/{len(rows)} việc" in text
