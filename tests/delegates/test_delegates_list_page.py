"""The delegates page asks SQLite for one page (issue 19): the rows of page 2 and 3 are those the
whole list sorted in Python would give there, the totals count everyone, and the order and the
search done in SQL are exactly logic.sort_delegates and logic.search_delegates."""

from __future__ import annotations

import datetime as dt
import re

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import logic, operations
from kehoach_app.delegates.models import Delegate
from tests.delegates.conftest import make_conference

FAMILY = ["Nguyễn", "Trần", "Lê", "Đặng", "Ông", "Âu"]
MIDDLE = ["Văn", "Thị", "Thị Kim", "", "Đức"]
GIVEN = ["An", "Ánh", "Ân", "Dũng", "Đạt", "Anh", "Bình", "Ẩn", "Ấn"]


def name(n: int) -> str:
    return " ".join(w for w in (FAMILY[n % 6], MIDDLE[n // 6 % 5], GIVEN[n // 30 % 9]) if w)


def listed_names(html: str) -> list[str]:
    return re.findall(r'<label for="pick-\d+" class="person">.*?<strong>(.*?)</strong>', html)


def big_conference(app, count: int = 230) -> int:
    """The three hand-made delegates and `count` more: every 7th ranked (ranks repeat, so ties
    fall back to the name), names with and without a middle name, replies and invitations in
    turn, some in no group."""
    with app.app_context():
        cid = make_conference()
        conference = db.session.get(Conference, cid)
        groups = operations.groups_of(conference)
        db.session.add_all(
            Delegate(
                conference_id=cid,
                group_id=None if n % 5 == 0 else groups[n % 2].id,
                full_name=name(n),
                unit=f"Ấp Mỹ Lộc {n % 4}" if n % 3 else "Hợp tác xã Tân Hòa",
                position="Trưởng ấp" if n % 2 else "Tổ trưởng",
                protocol_rank=(n // 7) % 9 + 3 if n % 7 == 0 else 0,
                reply=("pending", "attending", "absent", "substitute")[n % 4],
                invitation_sent_on=dt.date(2027, 1, 8) if n % 3 == 1 else None,
            )
            for n in range(count)
        )
        db.session.commit()
        return cid


def everyone(app, cid: int) -> list:
    with app.app_context():
        return operations.list_rows(db.session.get(Conference, cid))


def test_page_two_and_three_show_the_rows_the_whole_sorted_list_has_there(app, client):
    cid = big_conference(app)
    rows = everyone(app, cid)
    assert len(rows) == 233
    for order in ("protocol", "name"):
        expected = [r.full_name for r in logic.sort_delegates(rows, order)]
        query = "" if order == "protocol" else "&sap_xep=name"
        shown = []
        for page in (1, 2, 3):
            html = client.get(f"/hoi-nghi/{cid}/dai-bieu?trang={page}{query}").get_data(True)
            shown.append(listed_names(html))
        assert [len(names) for names in shown] == [100, 100, 33]
        assert shown[1] == expected[100:200]
        assert shown[2] == expected[200:233]
        assert shown[0] + shown[1] + shown[2] == expected
        if order == "protocol":  # by hand: ranks 1 and 2 are two of the hand-made three
            assert shown[0][:2] == ["Nguyễn Văn An", "Trần Thị Ánh"]


def test_the_totals_count_everyone_whatever_page_is_shown(app, client):
    cid = big_conference(app)
    rows = everyone(app, cid)
    html = client.get(f"/hoi-nghi/{cid}/dai-bieu?trang=3").get_data(True)
    # the totals as logic.tally counts them over every row (233 people)
    total = logic.tally([], rows).total
    assert total.listed == 233
    assert re.search(r'stat-num">233</span> trong danh sách', html)
    assert re.search(rf'stat-num">{total.invited}</span> đã mời', html)
    assert re.search(rf'stat-num">{total.confirmed}</span> xác nhận dự', html)
    assert re.search(rf'stat-num">{total.pending}</span> chưa phản hồi', html)
    # the invited by hand: An of the three, and n % 3 == 1 among 0..229 (77 of them)
    assert total.invited == 1 + 77
    assert "233 đại biểu · dòng 201–233" in html
    assert "Trang trước" in html and "Trang sau" not in html
    # the no-group line: n % 5 == 0 among 0..229 — 46 people
    assert re.search(
        r">Chưa phân nhóm</a></td>\s*<td class=\"num\">—</td>\s*<td class=\"num\">46<", html
    )


def test_sql_tally_is_logic_tally(app):
    cid = big_conference(app, 97)
    with app.app_context():
        conference = db.session.get(Conference, cid)
        groups = operations.groups_of(conference)
        by_sql = operations.list_tally(conference, groups)
        by_python = logic.tally(groups, operations.list_rows(conference))
        assert by_sql.rows() == by_python.rows()
        assert by_sql.total == by_python.total
        # one group left out: its people count as in no group, as logic.tally does
        assert (
            operations.list_tally(conference, groups[:1]).ungrouped
            == logic.tally(groups[:1], operations.list_rows(conference)).ungrouped
        )


def test_filters_and_search_in_sql_keep_what_python_keeps(app, client):
    cid = big_conference(app)
    rows = everyone(app, cid)
    with app.app_context():
        groups = operations.groups_of(db.session.get(Conference, cid))
    cases = [
        ("q=an", lambda r: True, "an"),
        ("q=ấp+3", lambda r: True, "ấp 3"),
        ("q=dang+an", lambda r: True, "dang an"),
        ("q=Đặng", lambda r: True, "Đặng"),
        (f"nhom={groups[1].id}&phan_hoi=pending", lambda r: r.group_id == groups[1].id
         and r.reply == "pending", ""),
        ("nhom=0&giay_moi=chua-gui", lambda r: r.group_id is None
         and r.invitation_sent_on is None, ""),
        ("giay_moi=da-gui&q=trưởng&sap_xep=name", lambda r: r.invitation_sent_on is not None,
         "trưởng"),
    ]  # fmt: skip
    for args, keep, search in cases:
        order = "name" if "sap_xep=name" in args else "protocol"
        wanted = logic.search_delegates(
            [r for r in rows if keep(r)], logic.SearchQuery.parse(search)
        )
        expected = [r.full_name for r in logic.sort_delegates(wanted, order)]
        assert expected, args  # every case keeps somebody
        html = client.get(f"/hoi-nghi/{cid}/dai-bieu?{args}").get_data(True)
        assert listed_names(html) == expected[:100], args
        assert f"{len(expected)} đại biểu khớp điều kiện lọc" in html, args


def test_order_bytes_sort_as_the_python_keys():
    names = ["Lê An", "Nguyễn Thị An", "An", "", "Đặng Ân", "Trần Ánh", "Âu Văn Ấn", "Lê  An"]
    keys = [logic._name_key(n) for n in names]
    assert sorted(keys, key=operations._order_bytes) == sorted(keys)
    mixed = [(True, 0, ()), (False, 3, ("a",)), (False, 12, ("a", "b")), (False, 3, ()),
             (False, -2, ("a\x00",)), (False, -2, ("a",))]  # fmt: skip
    assert sorted(mixed, key=operations._order_bytes) == sorted(mixed)
