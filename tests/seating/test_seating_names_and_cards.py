"""Issue 15: the web chart tells two "Hương" apart and keeps every name inside its seat; the
table cards are a chosen set (Đoàn Chủ tịch, ranked delegates, chosen rows, everyone), by
default the Đoàn Chủ tịch and the delegates with a thứ tự lễ tân."""

from __future__ import annotations

import html
import io
import re

import pdfplumber

from kehoach_app.seating import printout, svg
from kehoach_app.seating.logic import Person
from tests.seating.test_seating_printouts import PEOPLE, _chart


def test_seat_label_is_the_initials_and_the_given_name():
    assert svg.seat_label("Nguyễn Thị Hương") == ("N.T.", "Hương")
    assert svg.seat_label("Đặng Thị Thu Hương") == ("Đ.T.T.", "Hương")
    assert svg.seat_label("Lê An") == ("L.", "An")
    assert svg.seat_label("Hương") == ("", "Hương")
    assert svg.seat_label("  ") == ("", "")


def _seats(markup: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" class="seat[^"]*seat-taken[^"]*".*?</a>', markup)


def test_the_chart_shows_initials_and_fits_long_names_with_the_full_name_as_title():
    people = [
        *PEOPLE,
        Person(id=8, full_name="Nguyễn Thị Hương", reply="attending", protocol_rank=6),
        Person(id=9, full_name="Trần Thị Hương", reply="attending"),
        Person(id=10, full_name="Lý Hoàng Nguyệt Khuyênnnn", reply="attending"),
    ]
    markup = str(svg.render(_chart(people), lambda code: f"?ghe={code}"))
    seats = _seats(markup)
    texts = {
        re.search(r"<title>[^:]+: ([^<—]+)", seat).group(1).strip(): re.findall(
            r"<text class=\"(seat-initials|seat-given)\"[^>]*>([^<]*)</text>", seat
        )
        for seat in seats
    }
    assert texts["Nguyễn Thị Hương"] == [("seat-initials", "N.T."), ("seat-given", "Hương")]
    assert texts["Trần Thị Hương"] == [("seat-initials", "T.T."), ("seat-given", "Hương")]
    # every line fits the seat: estimated inside 30 px, or squeezed to it by textLength
    for seat in seats:
        for tag in re.findall(r"<text class=\"seat-[^\"]+\"[^>]*>[^<]*</text>", seat):
            size = svg.GIVEN_SIZE if "seat-given" in tag else svg.INITIALS_SIZE
            word = html.unescape(re.search(r">([^<]*)<", tag).group(1))
            if svg.text_width(word, size, "seat-given" in tag) > svg.TEXT_ROOM:
                assert f'textLength="{svg.TEXT_ROOM:.0f}"' in tag, tag
            else:
                assert "textLength" not in tag
    long_seat = next(s for s in seats if "Khuyênnnn" in s)
    assert 'textLength="30" lengthAdjust="spacingAndGlyphs"' in long_seat
    assert "<title>" in long_seat and "Lý Hoàng Nguyệt Khuyênnnn" in long_seat


def _names(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            " ".join(
                w["text"]
                for w in page.extract_words()
                if w["upright"] and w["top"] > page.height / 2
            )
            for page in pdf.pages
        ]


def test_the_card_set_is_a_choice_with_a_sensible_default():
    chart = _chart(PEOPLE)
    seated = {v.person.full_name: v.seat for v in chart.seated}
    assert len(seated) == 6
    default = printout.card_people(chart)
    # the Đoàn Chủ tịch (ranks 1-3) and the ranked delegates 4 and 5, not "A & B <C>"
    assert [p.id for p, _ in default] == [1, 2, 3, 4, 5] or sorted(p.id for p, _ in default) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert printout.parse_card_set(None) == printout.DEFAULT_CARD_SET
    assert printout.parse_card_set([]) == printout.DEFAULT_CARD_SET
    stage = printout.parse_card_set(["doan-chu-tich"])
    assert sorted(p.id for p, _ in printout.card_people(chart, stage)) == [1, 2, 3]
    everyone = printout.parse_card_set(["tat-ca"])
    assert len(printout.card_people(chart, everyone)) == 6
    # chosen rows: by label or number, in every block of the hall
    row = seated["A & B <C>"].row_label
    rows = printout.parse_card_set(["hang"], f" {row.lower()} ,")
    assert rows.rows == (row.upper(),) and not rows.stage and not rows.ranked
    assert [p.id for p, _ in printout.card_people(chart, rows)] == [
        p.id
        for p, s in printout.card_people(chart, everyone)
        if not s.on_stage and s.row_label == row
    ]
    pages = _names(printout.render_cards(chart, stage))
    assert len(pages) == 3 and "Hưng" in pages[0]


def test_the_seating_page_offers_the_choice_and_the_download_follows_it(client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}/cho-ngoi").get_data(as_text=True)
    form = html[html.index('<h2 id="bien-ten">') :]
    form = form[: form.index("</form>")]
    assert f'action="/hoi-nghi/{demo_id}/cho-ngoi/bien-ten.pdf"' in form
    assert 'method="get"' in html[html.index('<h2 id="bien-ten">') - 300 :][:2000]
    assert re.search(r'value="doan-chu-tich" checked', form)
    assert re.search(r'value="xep-hang" checked', form)
    assert 'value="hang">' in form and 'value="tat-ca">' in form
    count = int(re.search(r"— (\d+) biển tên", form).group(1))

    def pages(url: str) -> int:
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        with pdfplumber.open(io.BytesIO(response.data)) as pdf:
            return len(pdf.pages)

    base = f"/hoi-nghi/{demo_id}/cho-ngoi/bien-ten.pdf"
    assert pages(base) == count == pages(f"/hoi-nghi/{demo_id}/in/bien-ten.pdf")
    stage = pages(base + "?bo=doan-chu-tich")
    everyone = pages(base + "?bo=tat-ca")
    assert 0 < stage < count < everyone
    assert stage < pages(base + "?bo=doan-chu-tich&bo=hang&hang=A") <= everyone
