"""The awards page a page at a time (issue 19): 50 rows a page, every form's count in the money
table, an award on page 2 found, opened, edited and shown again on its page, and the search."""

from __future__ import annotations

import re

from kehoach_app.awards.models import AwardForm
from kehoach_app.db import db
from tests.awards.conftest import add_awards, awards_of, make_conference
from tests.conftest import post


def url(cid: int, tail: str = "") -> str:
    return f"/hoi-nghi/{cid}/khen-thuong{tail}"


def text(response) -> str:
    return response.get_data(as_text=True)


def row_names(html: str) -> list[str]:
    return re.findall(r'<tr id="award-\d+">.*?<strong>(.*?)</strong>', html, re.S)


def money_counts(html: str) -> dict[str, tuple[str, str]]:
    """Form name → (collectives, individuals) as the money table shows them."""
    table = html.split('id="money-title"', 1)[1].split("</tbody>", 1)[0]
    return {
        name: (collectives, individuals)
        for name, collectives, individuals in re.findall(
            r'<td><a href="[^"]*#form-\d+">(.*?)</a></td>\s*<td class="num">(\d*)</td>\s*'
            r'<td class="num">(\d*)</td>',
            table,
        )
    }


# Individuals in three forms: 30 + 40 + 5 = 75 awards, two pages (50 + 25).
FORMS = {"bang_khen_tinh": 30, "giay_khen_chu_tich_ubnd_xa": 40, "chien_si_thi_dua_co_so": 5}
LABELS = {"bang_khen_tinh": "Tỉnh", "giay_khen_chu_tich_ubnd_xa": "Xã",
          "chien_si_thi_dua_co_so": "Huyện"}  # fmt: skip


def conference(app) -> int:
    cid = make_conference(app)
    for code, count in FORMS.items():
        add_awards(
            app, cid, code, [f"Người {LABELS[code]} số {n:02d}" for n in range(1, count + 1)]
        )
    return cid


def form_names(app) -> dict[str, str]:
    with app.app_context():
        return {
            f.code: f.name
            for f in db.session.query(AwardForm).filter(AwardForm.code.in_(list(FORMS)))
        }


def test_every_forms_count_on_every_page_and_50_rows_a_page(app, client):
    cid = conference(app)
    names = form_names(app)
    assert len(names) == 3
    first, second = text(client.get(url(cid))), text(client.get(url(cid, "?trang=2")))
    for html in (first, second):
        counts = money_counts(html)
        assert {counts[names[code]][1] for code in FORMS} == {"30", "40", "5"}
        assert {counts[names[code]][1]: code for code in FORMS} == {
            str(n): code for code, n in FORMS.items()
        }
        assert "75 khen thưởng" in html
    assert "trang 1/2" in first and "trang 2/2" in second
    assert len(row_names(first)) == 50 and len(row_names(second)) == 25
    # every award once, on one of the two pages
    every = row_names(first) + row_names(second)
    assert sorted(every) == sorted(a.name for a in awards_of(app, cid))
    # the form that runs on to page 2 says so
    assert "(tiếp theo)" in second and "(tiếp theo)" not in first


def test_an_award_on_page_two_is_opened_edited_and_shown_on_its_page(app, client):
    cid = conference(app)
    second = text(client.get(url(cid, "?trang=2")))
    target = row_names(second)[10]
    award_id = int(re.search(rf'<tr id="award-(\d+)">(?:(?!</tr>).)*?{target}', second, re.S)[1])
    edit = re.search(rf'href="([^"]*/{award_id}/sua)"', second)[1]
    form_page = text(client.get(edit))
    assert f'value="{target}"' in form_page
    (award,) = [a for a in awards_of(app, cid) if a.id == award_id]
    fields = {
        "form_id": str(award.form_id),
        "recipient_kind": "individual",
        "name": "Nguyễn Thị Kiều Oanh",
        "job_title": "",
        "unit": "",
        "decision_number": "",
        "decision_date": "",
        "receiver_delegate_id": "",
        "receiver_name": "",
        "notes": "",
        "version": str(award.version),
    }
    response = post(client, edit, fields, page=edit)
    assert response.status_code == 302, text(response)[:2000]
    location = response.headers["Location"]
    assert f"xem={award_id}" in location and location.endswith(f"#award-{award_id}")
    shown = text(client.get(location))
    assert "trang 2/2" in shown  # the page that holds it, not page 1
    assert "Nguyễn Thị Kiều Oanh" in row_names(shown)
    assert "Đã lưu khen thưởng “Nguyễn Thị Kiều Oanh”." in shown
    (edited,) = [a for a in awards_of(app, cid) if a.id == award_id]
    assert edited.name == "Nguyễn Thị Kiều Oanh"


def test_the_first_row_of_page_two_still_moves_up(app, client):
    cid = conference(app)
    second = text(client.get(url(cid, "?trang=2")))
    first_row = re.search(r'<tr id="award-(\d+)">(.*?)</tr>', second, re.S)
    up = re.search(r'title="Chuyển lên"[^>]*>', first_row[2])[0]
    assert "disabled" not in up  # the row before it, on page 1, is of its form and kind
    response = post(client, url(cid, f"/{first_row[1]}/len"), page=url(cid, "?trang=2"))
    assert "Đã chuyển" in text(client.get(response.headers["Location"]))
    page_one = row_names(text(client.get(url(cid))))
    moved = [a.name for a in awards_of(app, cid) if a.id == int(first_row[1])][0]
    assert page_one[-1] == moved


def test_search_finds_an_award_on_any_page(app, client):
    cid = conference(app)
    html = text(client.get(url(cid, "?q=huyen+so+03")))
    assert row_names(html) == ["Người Huyện số 03"]
    assert "1 khen thưởng khớp" in html
    html = text(client.get(url(cid, "?q=không+có+ai")))
    assert row_names(html) == [] and "Không có khen thưởng nào khớp" in html


def test_a_small_list_is_one_page_without_pager(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["An", "Bình", "Chi"])
    html = text(client.get(url(cid)))
    assert row_names(html) == ["An", "Bình", "Chi"]
    assert 'class="pager"' not in html and "Tìm theo tên" not in html
