"""One planned total: the conference's "Số đại biểu dự kiến"; the groups are its breakdown.

Hand-worked: the xã preset's groups add up to 2 + 6 + 4 + 8 + 5 + 10 + 10 + 20 + 30 + 5 = 100.
A conference typed with 120 delegates then counts against 120 everywhere, says that the groups
add up to 100, and the plan is blocked until the two agree; one button reconciles, Hoàn tác
puts it back.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from kehoach_app.checks import BLOCK, WARN, CheckContext, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import checks
from kehoach_app.delegates.models import Delegate, DelegateGroup
from tests.conftest import post

PRESET_GROUPS = [2, 6, 4, 8, 5, 10, 10, 20, 30, 5]  # tong_ket.xa, in order: 100 in all


class _FormReader(HTMLParser):
    """The fields of the page's form as the browser would send them (first value wins)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.setdefault(name, a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(client, page: str) -> dict:
    reader = _FormReader()
    reader.feed(client.get(page).get_data(as_text=True))
    values = reader.values
    values.pop("csrf_token", None)
    return values


def create_from_form(client, planned: int) -> int:
    """A new conference from the xã preset, through the form, with `planned` delegates typed."""
    page = "/hoi-nghi/moi/tong_ket.xa"
    values = form_values(client, page)
    values.update(
        province="Tây Ninh",
        unit_type="xa",
        unit_name="Tân Hòa",
        issuer=values.get("issuer") or "Ủy ban nhân dân xã Tân Hòa",
        place_name=values.get("place_name") or "Tân Hòa",
        planned_delegates=str(planned),
    )
    response = post(client, page, values, page=page)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return int(re.search(r"/hoi-nghi/(\d+)", response.headers["Location"]).group(1))


def card_of(client, conference_id: int) -> str:
    html = client.get(f"/hoi-nghi/{conference_id}").get_data(as_text=True)
    return re.search(r"<h2>Đại biểu</h2>(.*?)</article>", html, re.S).group(1)


def problems(app, conference_id: int, rule) -> list:
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return list(rule(CheckContext(conference, dt.date(2026, 12, 1))))


@pytest.fixture()
def typed_120(app, client) -> int:
    conference_id = create_from_form(client, 120)
    with app.app_context():
        groups = db.session.query(DelegateGroup).filter_by(conference_id=conference_id)
        assert [g.planned for g in groups.order_by(DelegateGroup.position)] == PRESET_GROUPS
    return conference_id


def test_the_typed_total_is_used_and_the_difference_said_everywhere(app, client, typed_120):
    conference_id = typed_120
    # Dashboard: 0 of the 120 typed, not of the groups' 100, and the difference said.
    card = card_of(client, conference_id)
    assert "Xác nhận dự 0/120 đại biểu dự kiến" in card
    assert "Các nhóm cộng lại 100, khác số dự kiến 120" in card
    # Delegates page: 120 planned, the warning and the two reconcile buttons (one POST form).
    html = client.get(f"/hoi-nghi/{conference_id}/dai-bieu").get_data(as_text=True)
    assert 'stat-num">120</span> dự kiến' in html
    assert "Các nhóm cộng lại 100, khác số dự kiến 120." in html
    form = re.search(
        r'<form method="post" action="([^"]+doi-chieu-du-kien)"(.*?)</form>', html, re.S
    )
    assert form and 'name="csrf_token"' in form.group(2)
    assert 'value="theo-thanh-phan"' in form.group(2) and "(100)" in form.group(2)
    assert 'value="theo-tong"' in form.group(2)
    # The groups page says it too.
    groups_html = client.get(f"/hoi-nghi/{conference_id}/dai-bieu/thanh-phan").get_data(
        as_text=True
    )
    assert "Các nhóm cộng lại 100, khác số dự kiến 120." in groups_html
    # The plan states the total typed, above the groups as they are.
    plan = client.get(f"/hoi-nghi/{conference_id}/ke-hoach").get_data(as_text=True)
    assert "Tổng số đại biểu: 120 đại biểu, gồm:" in plan
    assert "Lãnh đạo Ủy ban nhân dân (04 đại biểu)" in plan
    # … and the check blocks it.
    (problem,) = problems(app, conference_id, checks.groups_against_total)
    assert problem.severity == BLOCK
    assert problem.message == (
        "Các thành phần đại biểu cộng lại 100 người, khác số đại biểu dự kiến 120 mà Kế hoạch "
        "in làm tổng số."
    )
    assert problem.fix_url == f"/hoi-nghi/{conference_id}/dai-bieu#doi-chieu-du-kien"
    assert problem.printouts == ("ke-hoach",)


def test_taking_the_groups_sum_reconciles_and_undo_restores(app, client, typed_120):
    conference_id = typed_120
    page = f"/hoi-nghi/{conference_id}/dai-bieu"
    response = post(client, f"{page}/doi-chieu-du-kien", {"cach": "theo-thanh-phan"}, page=page)
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Đã lấy tổng các thành phần làm số đại biểu dự kiến: 100 đại biểu." in html
    assert "Hoàn tác" in html and "khác số dự kiến" not in html
    assert 'stat-num">100</span> dự kiến' in html
    with app.app_context():
        assert db.session.get(Conference, conference_id).planned_delegates == 100
    assert problems(app, conference_id, checks.groups_against_total) == []
    assert "Xác nhận dự 0/100 đại biểu dự kiến" in card_of(client, conference_id)

    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=f"/hoi-nghi/{conference_id}")
    with app.app_context():
        assert db.session.get(Conference, conference_id).planned_delegates == 120
    assert len(problems(app, conference_id, checks.groups_against_total)) == 1


def test_scaling_the_groups_to_the_total_reconciles_and_undo_restores(app, client, typed_120):
    conference_id = typed_120
    page = f"/hoi-nghi/{conference_id}/dai-bieu/thanh-phan"
    response = post(
        client,
        f"/hoi-nghi/{conference_id}/dai-bieu/doi-chieu-du-kien",
        {"cach": "theo-tong", "trang": "thanh-phan"},
        page=page,
    )
    assert response.headers["Location"] == page
    with app.app_context():
        groups = db.session.query(DelegateGroup).filter_by(conference_id=conference_id)
        planned = [g.planned for g in groups.order_by(DelegateGroup.position)]
        # × 1,2: 2,4 7,2 4,8 9,6 6 12 12 24 36 6; the 2 left go to 4,8 and 9,6.
        assert planned == [2, 7, 5, 10, 6, 12, 12, 24, 36, 6]
        assert db.session.get(Conference, conference_id).planned_delegates == 120
    assert problems(app, conference_id, checks.groups_against_total) == []
    plan = client.get(f"/hoi-nghi/{conference_id}/ke-hoach").get_data(as_text=True)
    assert "Tổng số đại biểu: 120 đại biểu, gồm:" in plan
    assert "Lãnh đạo Ủy ban nhân dân (05 đại biểu)" in plan

    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=f"/hoi-nghi/{conference_id}")
    with app.app_context():
        groups = db.session.query(DelegateGroup).filter_by(conference_id=conference_id)
        assert [g.planned for g in groups.order_by(DelegateGroup.position)] == PRESET_GROUPS


def test_reconcile_needs_the_csrf_token_and_a_known_choice(client, typed_120):
    url = f"/hoi-nghi/{typed_120}/dai-bieu/doi-chieu-du-kien"
    assert client.post(url, data={"cach": "theo-tong"}).status_code == 400  # no token
    page = f"/hoi-nghi/{typed_120}/dai-bieu"
    assert post(client, url, {"cach": "xoa-het"}, page=page).status_code == 400


def test_changing_the_planned_count_on_the_conference_form_moves_the_card(app, client, demo_id):
    # The demo plans 100 and its groups add up to 100; 22 have confirmed.
    assert "Xác nhận dự 22/100 đại biểu dự kiến" in card_of(client, demo_id)
    page = f"/hoi-nghi/{demo_id}/sua"
    values = form_values(client, page)
    values["planned_delegates"] = "300"
    assert post(client, page, values, page=page).status_code == 302
    card = card_of(client, demo_id)
    assert "Xác nhận dự 22/300 đại biểu dự kiến" in card  # 22 of 300 → 7 %
    assert 'value="7"' in card
    assert "Các nhóm cộng lại 100, khác số dự kiến 300" in card


def test_demo_trips_none_of_the_delegates_blocks(app, demo_id):
    with app.test_request_context():
        found = run_checks(db.session.get(Conference, demo_id))
    assert [p for p in found if p.part == "delegates" and p.blocking] == []


# --------------------------------------------------------------------------------------------
# One test per rule, on the demo changed to break it
# --------------------------------------------------------------------------------------------


def _group(conference_id: int, position: int) -> DelegateGroup:
    return (
        db.session.query(DelegateGroup)
        .filter_by(conference_id=conference_id, position=position)
        .one()
    )


def test_group_invited_over_planned_warns(app, demo_id):
    with app.app_context():
        group = _group(demo_id, 1)  # Sở Nội vụ: 2 planned, 2 invited
        group.planned = 1
        db.session.get(Conference, demo_id).planned_delegates = 99  # the groups still agree
        db.session.commit()
        group_id = group.id
    (problem,) = problems(app, demo_id, checks.invited_against_planned)
    assert problem.severity == WARN
    assert problem.message == (
        "Thành phần “Đại biểu cấp tỉnh: đại diện lãnh đạo Sở Nội vụ tỉnh Tây Ninh” đã gửi giấy "
        "mời cho 2 người, nhiều hơn 1 người dự kiến."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/dai-bieu/thanh-phan/{group_id}/sua"


def test_invited_over_the_total_warns(app, demo_id):
    # 31 invitations sent in the demo; a total of 30 with no group counts to compare.
    with app.app_context():
        db.session.query(DelegateGroup).filter_by(conference_id=demo_id).update({"planned": 0})
        db.session.get(Conference, demo_id).planned_delegates = 30
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.invited_against_planned)
    assert problem.severity == WARN
    assert problem.message == (
        "Đã gửi giấy mời cho 31 người, nhiều hơn 30 đại biểu dự kiến mà Kế hoạch và dự toán tính."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua"
    assert problem.printouts == ("ke-hoach", "du-toan")


def test_confirmed_over_the_total_warns(app, demo_id):
    with app.app_context():
        db.session.query(DelegateGroup).filter_by(conference_id=demo_id).update({"planned": 0})
        db.session.get(Conference, demo_id).planned_delegates = 20  # 22 confirmed
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.confirmed_against_planned)
    assert problem.severity == WARN
    assert problem.message == (
        "Đã có 22 đại biểu xác nhận dự, nhiều hơn 20 đại biểu dự kiến mà Kế hoạch và dự toán tính."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua"
    assert problems(app, demo_id, checks.groups_against_total) == []  # no group has a count


def test_reply_without_invitation_warns(app, demo_id):
    with app.app_context():
        person = db.session.query(Delegate).filter_by(full_name="Lê Quốc Hưng").one()
        person.invitation_sent_on = None
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.replies_without_invitation)
    assert problem.severity == WARN
    assert problem.message == (
        "1 đại biểu đã có phản hồi nhưng chưa ghi ngày gửi giấy mời, nên số đã mời ít hơn số đã "
        "phản hồi."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/dai-bieu?giay_moi=chua-gui"


def test_ungrouped_delegates_warn(app, demo_id):
    # The demo keeps one guest (Doãn Văn Kỷ) in no group on purpose: a warning, not a block.
    (problem,) = problems(app, demo_id, checks.ungrouped_delegates)
    assert problem.severity == WARN
    assert problem.message == (
        "1 đại biểu chưa thuộc thành phần nào, nên không nằm trong các thành phần mà Kế hoạch "
        "liệt kê."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/dai-bieu?nhom=0"


def test_blanks_left_in_printed_names_block(app, demo_id):
    assert problems(app, demo_id, checks.placeholders_in_names) == []
    with app.app_context():
        group = _group(demo_id, 3)
        group.name = "Lãnh đạo Ủy ban nhân dân xã …"
        person = db.session.query(Delegate).filter_by(full_name="Trương Minh Đức").one()
        person.unit = "Ủy ban nhân dân xã ..."
        # A list of kinds ending in "..." is not a blank.
        _group(demo_id, 7).name = "Lãnh đạo các trường học, trạm y tế, doanh nghiệp..."
        db.session.commit()
        group_id, person_id = group.id, person.id
    group_problem, person_problem = problems(app, demo_id, checks.placeholders_in_names)
    assert group_problem.severity == BLOCK == person_problem.severity
    assert group_problem.message == (
        "Tên thành phần “Lãnh đạo Ủy ban nhân dân xã …” còn chỗ trống “…” chưa điền."
    )
    assert group_problem.fix_url == f"/hoi-nghi/{demo_id}/dai-bieu/thanh-phan/{group_id}/sua"
    assert "ke-hoach" in group_problem.printouts
    assert person_problem.message == (
        "Thông tin đại biểu Trương Minh Đức (họ tên, chức vụ, đơn vị hoặc người dự thay) còn chỗ "
        "trống “…” chưa điền."
    )
    assert person_problem.fix_url == f"/hoi-nghi/{demo_id}/dai-bieu/{person_id}/sua"
    assert {"giay-moi", "bien-ten"} <= set(person_problem.printouts)
