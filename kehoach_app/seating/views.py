"""Pages of the seating part: the hall (build, adjust seat by seat), who sits where, printouts.

Thin: each view validates, calls operations.py (which takes the undo snapshot) and renders.
Every action is a form POST, so everything works without JavaScript; seating.js only lets the
hall editor select several seats by clicking them.
"""

from __future__ import annotations

import io
import re

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..lazy import lazy_module
from ..parts import Card, conference_or_404
from ..printouts import filename_for, get_printout
from . import logic, operations, svg
from .forms import HallForm, LayoutForm, SeatSelectionForm
from .models import Hall

bp = Blueprint("seating", __name__)
# The printouts load ReportLab on first use, not at start (kehoach_app/lazy.py).
printout = lazy_module("kehoach_app.seating.printout")


_conference = conference_or_404


def _notice(text: str, conference: Conference, undo: bool = True) -> None:
    message: dict = {"text": text}
    if undo:
        message["action_url"] = url_for("conferences.undo", conference_id=conference.id)
        message["action_label"] = "Hoàn tác"
    flash(message, "success")


def _refuse(text: str) -> None:
    flash({"text": text}, "error")


def _page_url(conference: Conference, **args) -> str:
    return url_for("seating.index", conference_id=conference.id, **args)


# A seat code as the layout makes it (DCT-1-5, B2-C-07, B10-AB-12): nothing in it that a URL
# would encode, so it can be put into a link built once by url_for (issue 19: 1,109 calls of
# url_for were ~40% of the seating page's time).
_PLAIN_CODE = re.compile(r"[A-Z0-9-]+")
_CODE_SLOT = "SEATCODE"


def _seat_links(endpoint: str, conference: Conference, args: dict, slot: str, anchor: str = ""):
    """link(code) for every seat of a chart: url_for(endpoint, **args) with `code` put in the
    argument `slot`'s place of `args[slot]` (which holds _CODE_SLOT), one url_for in all; a code
    that is not plain (never made by the layout) goes through url_for itself."""
    template = url_for(endpoint, conference_id=conference.id, **args) + anchor
    head, _slot, tail = template.partition(_CODE_SLOT)

    def link(code: str) -> str:
        if _PLAIN_CODE.fullmatch(code):
            return head + code + tail
        values = dict(args)
        values[slot] = values[slot].replace(_CODE_SLOT, code)
        return url_for(endpoint, conference_id=conference.id, **values) + anchor

    return link


def _seat_arg(name: str) -> str:
    return vn.clean_text(request.form.get(name) or request.args.get(name) or "").upper()


# --------------------------------------------------------------------------- the chart page


def index(conference_id: int):
    conference = _conference(conference_id)
    state = operations.load(conference)
    if state.layout is None:
        return _choose_hall_page(conference, state, HallForm(formdata=None, data=_hall_defaults()))
    chart = state.chart()
    selected = _seat_arg("ghe")
    origin = _seat_arg("tu")
    view = chart.by_code.get(selected)
    other = chart.by_code.get(origin) if origin and origin != selected else None

    chart_link = _seat_links("seating.index", conference, {"ghe": _CODE_SLOT}, "ghe", "#ghe-chon")
    if view is not None:
        second = _seat_links(
            "seating.index", conference, {"ghe": _CODE_SLOT, "tu": selected}, "ghe", "#ghe-chon"
        )

        def link(code: str) -> str:
            # a second seat clicked after the first: swap, or move into a free one
            return chart_link(code) if code == selected else second(code)
    else:
        link = chart_link

    chosen = frozenset(c for c in (selected, origin) if c)
    groups = operations.groups_of(conference)
    return render_template(
        "seating/index.html",
        conference=conference,
        state=state,
        chart=chart,
        svg=svg.render(chart, link, chosen),
        view=view,
        other=other,
        groups=groups,
        zone_groups=state.zone_groups,
        zone_kinds=logic.ZONE_KINDS,
        zone_colours=logic.ZONE_COLOURS,
        second_sides=logic.SECOND_SIDES,
        halls=operations.all_halls(),
        free_count=len(chart.free_seats),
        card_choices=printout.CARD_CHOICES,
        card_default=printout.DEFAULT_CARD_SET,
        card_count=len(printout.card_people(chart)),
    )


def table_cards(conference_id: int):
    """The table cards of the set chosen on the seating page (?bo=doan-chu-tich&bo=hang&hang=A,B).
    The choice travels in the link and is not stored (storing a per-conference default needs a
    column, docs/seating.md); without one, as in the print centre and print-all, the default
    set: the Đoàn Chủ tịch and the delegates with a thứ tự lễ tân. Reading only."""
    conference = _conference(conference_id)
    chosen = printout.parse_card_set(request.args.getlist("bo"), request.args.get("hang", ""))
    data = printout.render_cards(_chart_of(conference), chosen)
    entry = get_printout("bien-ten")
    return send_file(
        io.BytesIO(data),
        mimetype="application/pdf",
        as_attachment=request.args.get("xem") is None,
        download_name=filename_for(conference, entry, "pdf"),
    )


def _hall_defaults() -> dict:
    return {
        "blocks": 3,
        "rows": 10,
        "seats": 8,
        "side_seats": None,
        "aisles": True,
        "stage_seats": 7,
        "stage_rows": 1,
        "row_labels": "letters",
        "lectern": "right",
    }


def _choose_hall_page(conference, state, form, status: int = 200):
    return (
        render_template(
            "seating/choose_hall.html",
            conference=conference,
            state=state,
            form=form,
            halls=operations.all_halls(),
        ),
        status,
    )


def create_hall(conference_id: int):
    conference = _conference(conference_id)
    if request.method == "GET":
        form = HallForm(formdata=None, data=_hall_defaults())
        return _choose_hall_page(conference, operations.load(conference), form)
    form = HallForm()
    if not form.validate_on_submit():
        _refuse("Chưa tạo hội trường: hãy sửa các ô được đánh dấu đỏ.")
        return _choose_hall_page(conference, operations.load(conference), form, 400)
    try:
        hall = operations.create_hall(conference, form.name.data, form.layout())
    except (operations.SeatingRefused, logic.LayoutError) as error:
        _refuse(str(error))
        return _choose_hall_page(conference, operations.load(conference), form, 400)
    db.session.commit()
    layout = operations.layout_of(hall)
    _notice(
        f"Đã tạo hội trường “{hall.name}” với {vn.format_number(layout.capacity)} ghế. "
        "Bấm vào từng ghế để đánh dấu ghế không dùng hoặc đặt khu.",
        conference,
    )
    return redirect(url_for("seating.hall", conference_id=conference.id))


def choose_hall(conference_id: int):
    conference = _conference(conference_id)
    raw = request.form.get("hall_id") or ""
    hall_id = vn.row_id(raw)  # "²" and 2**63 are no hall, not a 500
    hall = db.session.get(Hall, hall_id) if hall_id else None
    if hall is None:
        _refuse("Hãy chọn một hội trường trong danh sách.")
        return redirect(_page_url(conference))
    try:
        operations.choose_hall(conference, hall)
    except logic.LayoutError as error:
        _refuse("Sơ đồ của hội trường này bị lỗi: " + " ".join(error.messages))
        return redirect(_page_url(conference))
    db.session.commit()
    _notice(f"Đã chọn hội trường “{hall.name}”.", conference)
    return redirect(_page_url(conference))


# --------------------------------------------------------------------------- the hall editor


def hall(conference_id: int):
    conference = _conference(conference_id)
    state = operations.load(conference)
    if state.hall is None:
        return redirect(_page_url(conference))
    return _hall_page(conference, state)


def _hall_page(conference, state, selection_form=None, layout_form=None, status: int = 200):
    chosen = [c for c in (request.args.get("chon") or "").upper().split(",") if c]
    if selection_form is not None:
        chosen = selection_form.selected()
    if state.layout is None:
        chart = None
        picture = None
    else:
        chart = state.chart()
        known = state.layout.seat_by_code
        picked = [c for c in chosen if c in known]
        # clicking a seat not yet picked adds it to the selection: one url_for for all of them
        adding = _seat_links(
            "seating.hall", conference, {"chon": ",".join([*picked, _CODE_SLOT])}, "chon"
        )

        def link(code: str) -> str:
            if code in picked:  # clicking a picked seat takes it out of the selection
                rest = ",".join(c for c in picked if c != code)
                return url_for("seating.hall", conference_id=conference.id, chon=rest)
            return adding(code)

        picture = svg.render(chart, link, frozenset(chosen), editing=True)
    if selection_form is None:
        selection_form = SeatSelectionForm(formdata=None, data={"codes": ",".join(chosen)})
    if layout_form is None:
        layout_form = LayoutForm(formdata=None)
        layout_form.layout.data = _pretty(state.hall.layout)
        layout_form.version.data = str(state.hall.version)
    return (
        render_template(
            "seating/hall.html",
            conference=conference,
            state=state,
            chart=chart,
            svg=picture,
            selection_form=selection_form,
            layout_form=layout_form,
            zone_kinds=logic.ZONE_KINDS,
            zone_colours=logic.ZONE_COLOURS,
            shared=_other_users(state.hall, conference),
        ),
        status,
    )


def _pretty(text: str) -> str:
    import json

    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    except json.JSONDecodeError:
        return text


def _other_users(hall: Hall, conference: Conference) -> int:
    from sqlalchemy import func, select

    from .models import SeatingPlan

    return db.session.scalar(
        select(func.count())
        .select_from(SeatingPlan)
        .where(SeatingPlan.hall_id == hall.id, SeatingPlan.conference_id != conference.id)
    )


def edit_seats(conference_id: int):
    conference = _conference(conference_id)
    state = operations.load(conference)
    if state.hall is None or state.layout is None:
        return redirect(_page_url(conference))
    form = SeatSelectionForm()
    if not form.validate_on_submit():
        _refuse(" ".join(e for errors in form.errors.values() for e in errors))
        return _hall_page(conference, state, selection_form=form, status=400)
    codes = form.selected()
    unknown = [c for c in codes if c not in state.layout.seat_by_code]
    if unknown:
        _refuse(f"Không có ghế {', '.join(unknown[:5])} trong hội trường.")
        return _hall_page(conference, state, selection_form=form, status=400)
    action = request.form.get("action")
    try:
        if action == "missing":
            layout = logic.toggle_missing(state.layout, codes)
            description = f"Đánh dấu ghế không dùng: {', '.join(codes[:6])}"
            text = f"Đã đổi {len(codes)} ghế (dùng ↔ không dùng)."
        elif action == "zone":
            kind = form.zone_kind.data or None
            layout = logic.set_zone(state.layout, codes, kind, form.zone_label.data or "")
            description = "Đặt khu trong hội trường" if kind else "Bỏ ghế khỏi khu"
            text = (
                f"Đã đặt khu “{form.zone_label.data or logic.ZONE_KINDS[kind]}”."
                if kind
                else "Đã bỏ các ghế đã chọn khỏi khu."
            )
        else:
            abort(400)
    except logic.LayoutError as error:
        _refuse(" ".join(error.messages))
        return _hall_page(conference, state, selection_form=form, status=400)
    operations.save_layout(conference, state.hall, layout, description)
    db.session.commit()
    _notice(text, conference)
    return redirect(url_for("seating.hall", conference_id=conference.id))


def edit_layout(conference_id: int):
    conference = _conference(conference_id)
    state = operations.load(conference)
    if state.hall is None:
        return redirect(_page_url(conference))
    form = LayoutForm()
    if not form.validate_on_submit():
        _refuse("Chưa lưu sơ đồ: " + " ".join(e for errors in form.errors.values() for e in errors))
        return _hall_page(conference, state, layout_form=form, status=400)
    if form.version.data != str(state.hall.version):
        _refuse("Hội trường vừa được sửa ở cửa sổ khác; những gì bạn nhập vẫn còn bên dưới.")
        return _hall_page(conference, state, layout_form=form, status=409)
    try:
        operations.save_layout(conference, state.hall, form.parsed, "Sửa sơ đồ hội trường")
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        _refuse("Hội trường vừa được sửa ở cửa sổ khác; hãy tải lại trang.")
        return redirect(url_for("seating.hall", conference_id=conference.id))
    _notice("Đã lưu sơ đồ hội trường.", conference)
    return redirect(url_for("seating.hall", conference_id=conference.id))


# --------------------------------------------------------------------------- seating


def _done(conference: Conference, text: str, **args):
    db.session.commit()
    _notice(text, conference)
    return redirect(_page_url(conference, **args))


def auto_assign(conference_id: int):
    conference = _conference(conference_id)
    try:
        result = operations.auto_assign(conference)
    except operations.SeatingRefused as error:
        _refuse(str(error))
        return redirect(_page_url(conference))
    text = f"Đã xếp chỗ tự động cho {vn.format_number(len(result.seats))} người"
    if result.pinned:
        text += f" (giữ nguyên {len(result.pinned)} chỗ đã ghim)"
    text += "."
    if result.unseated:
        text += f" Còn {len(result.unseated)} người chưa có chỗ."
    return _done(conference, text)


def put_in_seat(conference_id: int):
    conference = _conference(conference_id)
    code = _seat_arg("seat")
    raw = request.form.get("delegate_id") or ""
    delegate_id = vn.row_id(raw)  # "²" and 2**63 are no delegate, not a 500
    if delegate_id is None:
        _refuse("Hãy chọn một đại biểu trong danh sách người chưa có chỗ.")
        return redirect(_page_url(conference, ghe=code))
    try:
        person = operations.put_in_seat(conference, code, delegate_id)
    except operations.SeatingRefused as error:
        _refuse(str(error))
        return redirect(_page_url(conference, ghe=code))
    return _done(conference, f"Đã xếp {person.display_name} vào ghế {code}.", ghe=code)


def swap(conference_id: int):
    conference = _conference(conference_id)
    code_a, code_b = _seat_arg("seat_a"), _seat_arg("seat_b")
    if not code_a or not code_b:
        _refuse("Hãy chọn hai ghế: bấm ghế thứ nhất rồi bấm ghế thứ hai trên sơ đồ.")
        return redirect(_page_url(conference))
    try:
        text = operations.swap_seats(conference, code_a, code_b)
    except operations.SeatingRefused as error:
        _refuse(str(error))
        return redirect(_page_url(conference, ghe=code_a))
    return _done(conference, text, ghe=code_b)


def pin(conference_id: int):
    conference = _conference(conference_id)
    code = _seat_arg("seat")
    try:
        text = operations.toggle_pin(conference, code)
    except operations.SeatingRefused as error:
        _refuse(str(error))
        return redirect(_page_url(conference))
    return _done(conference, text, ghe=code)


def clear_seat(conference_id: int):
    conference = _conference(conference_id)
    code = _seat_arg("seat")
    try:
        text = operations.clear_seat(conference, code)
    except operations.SeatingRefused as error:
        _refuse(str(error))
        return redirect(_page_url(conference))
    return _done(conference, text, ghe=code)


def clear_all(conference_id: int):
    conference = _conference(conference_id)
    count = operations.clear_all(conference)
    return _done(conference, f"Đã xóa chỗ ngồi của {count} người.")


def settings(conference_id: int):
    conference = _conference(conference_id)
    state = operations.load(conference)
    side = request.form.get("second_side", "right")
    if side not in logic.SECOND_SIDES:
        _refuse("Hãy chọn người số 2 ngồi bên tay phải hoặc bên tay trái người số 1.")
        return redirect(_page_url(conference))
    known_groups = {g.id for g in operations.groups_of(conference)}
    zone_groups: dict[str, list[int]] = {}
    taken: dict[int, str] = {}
    problems = []
    for zone in state.layout.zones if state.layout else ():
        ids = []
        for raw in request.form.getlist(f"zone_{zone.key}"):
            gid = vn.row_id(raw)  # "²" passes isdigit, not int()
            if gid is None or gid not in known_groups:
                problems.append(f"Khu “{zone.label}”: thành phần không hợp lệ.")
                continue
            if gid in taken:
                problems.append(
                    f"Một thành phần chỉ vào một khu: thành phần đã chọn cho khu “{taken[gid]}” "
                    f"cũng được chọn cho khu “{zone.label}”."
                )
                continue
            taken[gid] = zone.label
            ids.append(gid)
        if ids:
            zone_groups[zone.key] = ids
    if problems:
        _refuse(" ".join(problems))
        return redirect(_page_url(conference))
    operations.save_settings(conference, side, zone_groups)
    return _done(conference, "Đã lưu cách xếp chỗ. Bấm “Xếp chỗ tự động” để xếp lại theo cách mới.")


# --------------------------------------------------------------------------- printouts, card


def _missing_for(kind: str):
    """What the print centre says for one seating printout: the part's missing lines, and
    what its PDF would print instead of people ("Chưa xếp chỗ cho Đoàn Chủ tịch", …) — never
    "Sẵn sàng" over a placeholder page."""

    def missing(conference: Conference) -> list[str]:
        state = operations.load(conference)
        lines = logic.missing_lines(
            state.layout is not None, state.confirmed, state.seated_confirmed
        )
        if lines:  # no hall, or confirmed delegates without a seat: said already
            return lines
        chart = state.chart()
        if kind == "list" and not (chart.seated or chart.unseated):
            lines.append("chưa có đại biểu nào")
        elif kind == "presidium" and not any(v.seat.on_stage for v in chart.seated):
            lines.append("chưa xếp chỗ cho Đoàn Chủ tịch")
        elif kind in ("cards", "labels") and not chart.seated:
            lines.append("chưa xếp chỗ cho đại biểu nào")
        elif kind == "cards" and not printout.card_people(chart):
            lines.append("không có đại biểu đã xếp chỗ nào thuộc các biển tên mặc định")
        return lines

    return missing


def _chart_of(conference: Conference) -> logic.SeatingChart:
    return operations.load(conference).chart()


def build_printout(kind: str, conference: Conference, fmt: str) -> bytes:
    """The seating printout `kind` (printout.RENDERERS) of the conference."""
    return printout.RENDERERS[kind](_chart_of(conference))


def printout_missing(kind: str, conference: Conference) -> list[str]:
    return _missing_for(kind)(conference)


def dashboard_card(conference: Conference) -> Card:
    state = operations.load(conference)
    progress = logic.progress(
        state.layout is not None,
        state.confirmed,
        state.seated_confirmed,
        state.checked[2] if state.layout is not None else (),
    )
    if state.layout is None:
        description = "Chọn hoặc tạo hội trường, rồi xếp chỗ theo thứ tự lễ tân"
    else:
        description = (
            f"{state.hall.name} · {vn.format_number(state.layout.capacity)} ghế · đã xếp "
            f"{vn.format_number(progress.seated)}/{vn.format_number(progress.confirmed)} "
            "đại biểu xác nhận dự"
        )
    return Card(
        key="seating",
        title="Sơ đồ chỗ ngồi",
        description=description,
        progress=progress.percent,
        todo=progress.todo,
        url=_page_url(conference),
        url_label="Mở sơ đồ chỗ ngồi",
    )
