"""Programme pages: the timed programme, add, edit, delete, move, insert a break, print.

Importing this module also plugs the programme into the shared machinery: the dashboard card,
the two printouts, the preset part (a new conference's first programme) and the conference file.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..conferences.vocab import AGENDA_KINDS, LENGTHS
from ..db import db
from ..lazy import lazy_function
from ..parts import Card, conference_or_404
from . import operations
from .derived import derived_sources
from .forms import AT_END, AT_TOP, AgendaItemForm, NewAgendaItemForm
from .logic import (
    BREAK_KIND,
    DEFAULT_BREAK_MINUTES,
    agenda_status,
    base_key,
    compute_schedule,
    default_mc_text,
    derived_gap,
    format_duration,
    parse_minutes,
    programme_sheet,
    run_of_show,
    script_context,
)
from .models import AgendaItem

bp = Blueprint("agenda", __name__)

PROGRAMME_KEY = "chuong-trinh"
SCRIPT_KEY = "kich-ban-dieu-hanh"
# The printouts load ReportLab when first built, not at start (kehoach_app/lazy.py).
render_programme = lazy_function("kehoach_app.agenda.printout", "render_programme")
render_script = lazy_function("kehoach_app.agenda.printout", "render_script")
GONE = "Mục này không còn trong chương trình (có thể vừa bị xóa ở cửa sổ khác)."


_conference = conference_or_404


def _item(conference: Conference, item_id: int) -> AgendaItem | None:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.conference_id != conference.id:
        return None
    return item


def _notice(text: str, category: str = "success", conference: Conference | None = None):
    """A flash message; with a conference, it offers Hoàn tác (undo the change just made)."""
    message: dict = {"text": text}
    if conference is not None:
        message["action_url"] = url_for("conferences.undo", conference_id=conference.id)
        message["action_label"] = "Hoàn tác"
    flash(message, category)


def _to_programme(conference: Conference, item_id: int | None = None):
    """Back to the programme; after a change to one item, scrolled to it, where a small
    Hoàn tác repeats the flash message's (which is then above the fold)."""
    if item_id is None:
        return redirect(url_for(".programme", conference_id=conference.id))
    return redirect(
        url_for(".programme", conference_id=conference.id, vua=item_id, _anchor=f"muc-{item_id}")
    )


# The add form's fields in page order: the first one refused gets the focus (and the view).
_FORM_ORDER = ("kind", "minutes", "after", "title", "presenter", "presenter_unit", "mc_text",
               "notes", "plan_note")  # fmt: skip


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _schedule(conference: Conference, items: list[AgendaItem]):
    entries = [operations.entry_of(item) for item in items]
    return compute_schedule(entries, conference.start_time, conference.length)


def _new_form(items: list[AgendaItem], formdata=None) -> NewAgendaItemForm:
    """The add form: empty (formdata None), or as posted; its positions from `items`."""
    form = NewAgendaItemForm(formdata=formdata)
    form.set_positions(
        [
            (str(item.id), f"Sau mục {number}: {_short(item.title, 50)}")
            for number, item in enumerate(items, start=1)
        ]
    )
    return form


def kept_status(conference: Conference, entries: list) -> tuple[list, dict]:
    """For each part that keeps items in the programme: (source, gap), and what each kept key
    must read now (key → the expected item). Read only (docs/agenda.md)."""
    gaps, generated = [], {}
    for source in derived_sources():
        expected = source.expected(conference)
        gaps.append((source, derived_gap(entries, expected, source.prefix, source.placeholder_key)))
        generated.update({item.key: item for item in expected})
    return gaps, generated


def _render_programme(conference: Conference, form: NewAgendaItemForm, status: int = 200):
    items = operations.items_of(conference)
    schedule = _schedule(conference, items)
    focus = next((name for name in _FORM_ORDER if form[name].errors), None)
    gaps, generated = kept_status(conference, [timed.entry for timed in schedule.items])
    return render_template(
        "agenda/programme.html",
        conference=conference,
        rows=list(zip(items, schedule.items, strict=True)),
        out_of_step=[gap for _source, gap in gaps if not gap.in_step],
        stale_edits={n for _source, gap in gaps for n in gap.stale_edits},
        generated=generated,
        base_key=base_key,
        schedule=schedule,
        form=form,
        kinds=AGENDA_KINDS,
        length_label=LENGTHS.get(conference.length, conference.length),
        can_undo=bool(conference.revisions),
        programme_key=PROGRAMME_KEY,
        script_key=SCRIPT_KEY,
        break_minutes=DEFAULT_BREAK_MINUTES,
        duration=format_duration,
        focus=focus,
        just_changed=request.args.get("vua", type=int),
    ), status


def programme(conference_id: int):
    conference = _conference(conference_id)
    return _render_programme(conference, _new_form(operations.items_of(conference)))


def add(conference_id: int):
    conference = _conference(conference_id)
    items = operations.items_of(conference)
    form = _new_form(items, request.form)
    if not form.validate():
        flash({"text": "Chưa thêm mục: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _render_programme(conference, form)
    after = None
    where = form.after.data or AT_END
    if where not in (AT_END, AT_TOP):
        after = _item(conference, int(where))
    number = operations.add_item(conference, form.item_values(), after, where == AT_TOP)
    db.session.commit()
    _notice(f"Đã thêm mục {number}: “{_short(form.title.data)}”.", conference=conference)
    item = operations.items_of(conference)[number - 1]
    return _to_programme(conference, item.id)


def _render_edit(conference, item, form, status: int = 200):
    items = operations.items_of(conference)
    schedule = _schedule(conference, items)
    timed = schedule.items[items.index(item)]
    default = default_mc_text(
        timed,
        schedule,
        script_context(conference.values()),
        operations.introduced_delegates(conference),
    )
    timing = operations.derived_timing(item)
    return render_template(
        "agenda/item_form.html",
        conference=conference,
        item=item,
        timed=timed,
        form=form,
        default_mc=default,
        timing=timing,
        minutes_rule=minutes_rule(item, timing) if timing is not None else "",
    ), status


def edit(conference_id: int, item_id: int):
    conference = _conference(conference_id)
    item = _item(conference, item_id)
    if item is None:
        _notice(GONE, "info")
        return _to_programme(conference)
    timing = operations.derived_timing(item)
    formdata, refused_minutes = request.form, None
    if request.method == "POST" and timing is not None:
        # a kept item's minutes follow its part: what was posted is not saved (update_item
        # keeps them too); the officer is told when he typed another figure
        posted = (request.form.get("minutes") or "").strip()
        if posted and _parsed_minutes(posted) != timing.minutes:
            refused_minutes = posted
        formdata = request.form.copy()
        formdata["minutes"] = str(timing.minutes)
    form = AgendaItemForm(formdata=formdata if request.method == "POST" else None,
                          obj=item if request.method == "GET" else None)  # fmt: skip
    if request.method == "GET":
        form.version.data = operations.edit_token(item)
        return _render_edit(conference, item, form)
    if not form.validate_on_submit():
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _render_edit(conference, item, form)
    if form.version.data != operations.edit_token(item):
        return _stale(conference, item, form)
    try:
        changed = operations.update_item(item, form.item_values())
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        item = _item(conference, item_id)
        if item is None:
            _notice(GONE, "info")
            return _to_programme(conference)
        return _stale(conference, item, form)
    if changed:
        number = operations.number_of(item)
        _notice(f"Đã lưu mục {number}: “{_short(item.title)}”.", conference=conference)
    elif refused_minutes is None:
        _notice("Không có gì thay đổi.", "info")
    if refused_minutes is not None:
        flash({"text": _minutes_refused(item, timing)}, "info")
    return _to_programme(conference, item.id)


def _parsed_minutes(text: str) -> int | None:
    try:
        return parse_minutes(text)
    except ValueError:
        return None


def minutes_rule(item: AgendaItem, timing) -> str:
    """How a kept item's minutes are decided, in words (the edit form shows it in place of the
    minutes field): "= số đợt × số phút mỗi đợt (2 × 3 = 6 phút)"."""
    if item.kind == BREAK_KIND or not timing.batches:
        return f"= {timing.minutes} phút nghỉ giữa các hình thức trao thưởng"
    per_batch = timing.minutes // timing.batches
    figures = (
        f"{timing.batches} × {per_batch} = {timing.minutes} phút"
        if per_batch * timing.batches == timing.minutes
        else f"{timing.minutes} phút"
    )
    return f"= số đợt × số phút mỗi đợt ({figures})"


def _minutes_refused(item: AgendaItem, timing) -> str:
    if item.kind == BREAK_KIND or not timing.batches:
        how = "thời gian nghỉ giữa các hình thức trao thưởng do chương trình đặt"
    else:
        how = "số đợt trao thưởng nhân số phút mỗi đợt"
    return (
        f"Thời lượng của mục này không đổi ở đây nên vẫn là {timing.minutes} phút: nó bằng "
        f"{how}; muốn đổi, hãy đổi ở trang Kế hoạch trao thưởng."
    )


def _stale(conference, item, form):
    """Another tab saved this item first: keep what was typed, refuse the save."""
    flash(
        {
            "text": "Mục này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; "
            "hãy xem lại bản mới nhất (mở trang chương trình ở cửa sổ khác) rồi lưu lại."
        },
        "error",
    )
    form.version.data = operations.edit_token(item)
    return _render_edit(conference, item, form, 409)


def delete(conference_id: int, item_id: int):
    conference = _conference(conference_id)
    item = _item(conference, item_id)
    if item is None:
        _notice(GONE, "info")
        return _to_programme(conference)
    title = item.title
    number = operations.delete_item(item)
    db.session.commit()
    _notice(f"Đã xóa mục {number}: “{_short(title)}”.", conference=conference)
    return _to_programme(conference)


def _move(conference_id: int, item_id: int, offset: int):
    conference = _conference(conference_id)
    item = _item(conference, item_id)
    if item is None:
        _notice(GONE, "info")
        return _to_programme(conference)
    moved = operations.move_item(item, offset)
    if moved is None:
        where = "đầu" if offset < 0 else "cuối"
        _notice(f"Mục “{_short(item.title)}” đã ở {where} chương trình.", "info")
        return _to_programme(conference, item.id)
    db.session.commit()
    old, new = moved
    _notice(f"Đã chuyển mục {old} thành mục {new}: “{_short(item.title)}”.", conference=conference)
    return _to_programme(conference, item.id)


def move_up(conference_id: int, item_id: int):
    return _move(conference_id, item_id, -1)


def move_down(conference_id: int, item_id: int):
    return _move(conference_id, item_id, +1)


def reorder(conference_id: int):
    conference = _conference(conference_id)
    try:
        ids = [int(part) for part in request.form.get("order", "").split(",") if part.strip()]
    except ValueError:
        ids = []
    if not operations.reorder(conference, ids):
        db.session.rollback()
        flash(
            {
                "text": "Chương trình vừa thay đổi ở cửa sổ khác nên thứ tự mới chưa được lưu. "
                "Trang đã được tải lại với thứ tự hiện tại; hãy sắp xếp lại."
            },
            "error",
        )
        return _render_programme(conference, _new_form(operations.items_of(conference)), 409)
    db.session.commit()
    _notice("Đã lưu thứ tự mới của chương trình.", conference=conference)
    return _to_programme(conference)


def insert_break(conference_id: int, item_id: int):
    conference = _conference(conference_id)
    item = _item(conference, item_id)
    if item is None:
        _notice(GONE, "info")
        return _to_programme(conference)
    number = operations.insert_break_after(item)
    db.session.commit()
    new = operations.items_of(conference)[number - 1]
    _notice(
        f"Đã chèn nghỉ giải lao {DEFAULT_BREAK_MINUTES} phút (mục {number}) sau mục "
        f"{number - 1}. Bấm “Sửa” để đổi thời lượng.",
        conference=conference,
    )
    return _to_programme(conference, new.id)


def restore_generated(conference_id: int, item_id: int):
    """An edited kept item gets its generated words back (like a plan paragraph's reset)."""
    conference = _conference(conference_id)
    item = _item(conference, item_id)
    if item is None:
        _notice(GONE, "info")
        return _to_programme(conference)
    if not item.edited:
        _notice("Mục này đang dùng nội dung tự động.", "info")
        return _to_programme(conference, item.id)
    operations.restore_generated(item)
    db.session.commit()
    item = _item(conference, item_id)
    _notice("Đã trả mục về nội dung tự động theo khen thưởng.", conference=conference)
    return _to_programme(conference, item.id if item is not None else None)


def refresh(conference_id: int):
    """Bring the kept items in step now (after a change the awards part did not see, e.g. the
    Đoàn Chủ tịch changed on the delegates page, or an item deleted by hand)."""
    conference = _conference(conference_id)
    entries = operations.entries_of(conference)
    gaps, _generated = kept_status(conference, entries)
    if all(gap.in_step for _source, gap in gaps):
        _notice("Các mục trao thưởng đã khớp với danh sách khen thưởng.", "info")
        return _to_programme(conference)
    take_snapshot(conference, operations.SNAPSHOT_ACTION, "Cập nhật các mục trao thưởng")
    operations.refresh_derived(conference)
    db.session.commit()
    _notice("Đã cập nhật các mục trao thưởng theo danh sách khen thưởng.", conference=conference)
    return _to_programme(conference)


# ------------------------------------------------------------------ the shared machinery


def dashboard_card(conference: Conference) -> Card:
    schedule = compute_schedule(
        operations.entries_of(conference), conference.start_time, conference.length
    )
    status = agenda_status(schedule)
    return Card(
        key="agenda",
        title="Chương trình",
        description="Chương trình hội nghị, kịch bản điều hành",
        progress=status.progress,
        todo=status.todo,
        url=url_for("agenda.programme", conference_id=conference.id),
        url_label="Mở chương trình",
    )


def printout_missing(conference: Conference) -> list[str]:
    """An empty programme prints an empty table: not ready."""
    return [] if operations.items_of(conference) else ["Chưa có mục nào trong chương trình"]


def build_programme(conference: Conference, fmt: str) -> bytes:
    sheet = programme_sheet(conference.values(), operations.entries_of(conference), dt.date.today())
    return render_programme(sheet, fmt)


def build_script(conference: Conference, fmt: str) -> bytes:
    script = run_of_show(
        conference.values(),
        operations.entries_of(conference),
        dt.date.today(),
        delegates=operations.introduced_delegates(conference),
    )
    from ..checkin.operations import mc_line  # the attendance, read now (issue 21)
    from ..checkin.printout import present_introduction

    return render_script(
        script, fmt, attendance=mc_line(conference), present=present_introduction(conference)
    )
