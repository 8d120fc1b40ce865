"""Decoration pages: the checklist (add, edit, remove, reorder, tick), the backdrop (size, title
block, welcome banner, drawing), and the part's printouts, dashboard card, preset, demo and file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.logic import event_time_text, latest_day_note, signing_date_line
from ..conferences.models import Conference
from ..conferences.vocab import DECOR_AREAS
from ..db import db
from ..lazy import lazy_module
from ..parts import Card, conference_or_404, undo_notice
from ..printing import Header
from . import logic, operations
from .forms import BackdropForm, DecorItemForm

bp = Blueprint("decor", __name__)
# The drawing and the printouts load ReportLab on first use, not at start (kehoach_app/lazy.py).
drawing = lazy_module("kehoach_app.decor.drawing")
printout = lazy_module("kehoach_app.decor.printout")


def metres_filter(value: float) -> str:
    return drawing.metres(value)


STALE = (
    "Mục này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại bản "
    "mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)
NOT_SAVED = "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."


_conference = conference_or_404


_undo_notice = undo_notice


def _to_list(conference: Conference, item_id: int | None = None):
    anchor = f"muc-{item_id}" if item_id else None
    return redirect(url_for(".checklist", conference_id=conference.id, _anchor=anchor))


# --------------------------------------------------------------------------- the checklist


def checklist(conference_id: int):
    conference = _conference(conference_id)
    today = dt.date.today()
    return render_template(
        "decor/checklist.html",
        conference=conference,
        checklist=operations.checklist_of(conference, today),
        has_backdrop=operations.backdrop_of(conference) is not None,
        tab="checklist",
    )


def _item_page(conference, form, item, status=200):
    deadline_text = logic.deadline_label(conference.date, item.days_before) if item else ""
    return render_template(
        "decor/item_form.html",
        conference=conference,
        form=form,
        item=item,
        deadline_text=deadline_text,
    ), status


def add(conference_id: int):
    conference = _conference(conference_id)
    form = DecorItemForm()
    if request.method == "GET":
        area = request.args.get("khu", "san_khau")
        form.process(
            data={
                "area": area if area in DECOR_AREAS else "san_khau",
                "quantity": 1,
                "days_before": logic.DEFAULT_DAYS_BEFORE,
                "status": "todo",
            }
        )
    if form.validate_on_submit():
        item = operations.add_item(conference, form.item_values())
        db.session.commit()
        _undo_notice(conference, f"Đã thêm hạng mục “{item.item}”.")
        return _to_list(conference, item.id)
    if request.method == "POST":
        flash({"text": NOT_SAVED}, "error")
    return _item_page(conference, form, None)


def edit(conference_id: int, item_id: int):
    conference = _conference(conference_id)
    item = operations.get_item(conference, item_id)
    if item is None and request.method == "GET":
        abort(404)
    form = DecorItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(item.version)
        return _item_page(conference, form, item)
    if item is None:
        # removed (or undone) in another window: keep what was typed, offer to add it anew
        form.validate()
        flash(
            {
                "text": "Hạng mục này không còn (đã bị xóa hoặc hoàn tác ở cửa sổ khác). Những gì "
                "bạn nhập vẫn còn bên dưới; bấm “Thêm hạng mục” để lưu thành hạng mục mới."
            },
            "error",
        )
        return _item_page(conference, form, None, 409)
    if not form.validate_on_submit():
        flash({"text": NOT_SAVED}, "error")
        return _item_page(conference, form, item)
    if form.version.data != str(item.version):
        flash({"text": STALE}, "error")
        form.version.data = str(item.version)
        return _item_page(conference, form, item, 409)
    try:
        changed = operations.update_item(conference, item, form.item_values())
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash({"text": STALE}, "error")
        return _item_page(conference, form, item, 409)
    if changed:
        _undo_notice(conference, f"Đã lưu hạng mục “{item.item}”.")
    else:
        flash({"text": "Không có gì thay đổi."}, "info")
    return _to_list(conference, item.id)


def _posted_item(conference: Conference, item_id: int):
    item = operations.get_item(conference, item_id)
    if item is None:
        flash(
            {"text": "Hạng mục này không còn (có thể đã bị xóa ở cửa sổ khác)."},
            "error",
        )
    return item


def delete(conference_id: int, item_id: int):
    conference = _conference(conference_id)
    item = _posted_item(conference, item_id)
    if item is not None:
        name = item.item
        operations.delete_item(conference, item)
        db.session.commit()
        _undo_notice(conference, f"Đã xóa hạng mục “{name}”.")
    return _to_list(conference)


def move(conference_id: int, item_id: int, direction: str):
    conference = _conference(conference_id)
    item = _posted_item(conference, item_id)
    if item is None:
        return _to_list(conference)
    if operations.move_item(conference, item, -1 if direction == "len" else 1):
        db.session.commit()
        where = "lên" if direction == "len" else "xuống"
        _undo_notice(conference, f"Đã chuyển “{item.item}” {where} một bậc.")
    else:
        flash({"text": f"“{item.item}” đã ở đầu hoặc cuối khu vực."}, "info")
    return _to_list(conference, item.id)


def tick(conference_id: int, item_id: int):
    """The quick tick of the list: checked = done, unchecked = not done yet."""
    conference = _conference(conference_id)
    item = _posted_item(conference, item_id)
    if item is None:
        return _to_list(conference)
    status = "done" if request.form.get("done") else "todo"
    if operations.set_status(conference, item, status):
        db.session.commit()
        word = "xong" if status == "done" else "chưa xong"
        _undo_notice(conference, f"Đã đánh dấu {word}: “{item.item}”.")
    return _to_list(conference, item.id)


# --------------------------------------------------------------------------- the backdrop


def _backdrop_page(conference, form, status=200):
    backdrop = operations.backdrop_of(conference)
    items = operations.items_of(conference)
    plan = operations.backdrop_plan(conference, items)
    generated = operations.generated_title_block(conference, backdrop, items)
    return render_template(
        "decor/backdrop.html",
        conference=conference,
        form=form,
        backdrop=backdrop,
        svg=drawing.backdrop_svg(plan),
        plan=plan,
        legend=drawing.legend_rows(plan),
        notes=printout.backdrop_notes(plan, plan.title.text, conference.date_kind == "exact"),
        title_generated=not (backdrop and backdrop.title_block),
        banner_generated=not (backdrop and backdrop.welcome_banner),
        title_fit=drawing.fit_class(form.title_block.data),
        generated_title=generated,
        day_text=vn.format_date_short(conference.date),
        tab="backdrop",
    ), status


def backdrop(conference_id: int):
    conference = _conference(conference_id)
    current = operations.backdrop_of(conference)
    form = BackdropForm(obj=current if request.method == "GET" else None)
    if request.method == "GET":
        title, banner = operations.texts_of(conference, current)
        width, height, _ = operations.backdrop_size(current)
        form.width_m.data, form.height_m.data = width, height
        form.title_block.data, form.welcome_banner.data = title, banner
        form.version.data = str(current.version) if current else ""
        return _backdrop_page(conference, form)
    if not form.validate_on_submit():
        flash({"text": NOT_SAVED}, "error")
        return _backdrop_page(conference, form)
    if form.version.data != (str(current.version) if current else ""):
        flash({"text": STALE}, "error")
        form.version.data = str(current.version) if current else ""
        return _backdrop_page(conference, form, 409)
    try:
        changed = operations.save_backdrop(conference, form.backdrop_values())
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash({"text": STALE}, "error")
        return _backdrop_page(conference, form, 409)
    if changed:
        _undo_notice(conference, "Đã lưu phông sân khấu.")
    else:
        flash({"text": "Không có gì thay đổi."}, "info")
    return redirect(url_for(".backdrop", conference_id=conference.id))


def regenerate(conference_id: int):
    conference = _conference(conference_id)
    which = request.args.get("noi-dung", "title_block")
    if which not in ("title_block", "welcome_banner"):
        abort(400)
    blank_day = request.args.get("ngay") == "trong"
    try:
        changed = operations.regenerate_text(conference, which, blank_day=blank_day)
    except ValueError as error:
        flash({"text": str(error)}, "error")
        return redirect(url_for(".backdrop", conference_id=conference.id))
    if changed:
        db.session.commit()
        what = "tiêu đề phông" if which == "title_block" else "nội dung băng chào mừng"
        how = " (để trống ngày)" if blank_day else ""
        _undo_notice(conference, f"Đã tạo lại {what} từ thông tin hội nghị{how}.")
    else:
        flash({"text": "Nội dung đã đúng như tạo từ thông tin hội nghị."}, "info")
    return redirect(url_for(".backdrop", conference_id=conference.id))


# --------------------------------------------------------------------------- printouts


def _finish_by(conference: Conference, items) -> str:
    """The usual deadline of the items (seeds: "hoàn thành trước 01 ngày")."""
    days = Counter(i.days_before for i in items).most_common(1)
    usual = days[0][0] if days else logic.DEFAULT_DAYS_BEFORE
    # Before the day is fixed the deadlines count back from the latest possible day (issue 17)
    # and say so, in the same bracket: "(trước 01 ngày, tính từ ngày muộn nhất có thể: …)".
    facts = [logic.days_before_label(usual), latest_day_note(conference.values())]
    return f"{logic.deadline_label(conference.date, usual)} ({', '.join(f for f in facts if f)})"


def build_checklist(conference: Conference, fmt: str) -> bytes:
    today = dt.date.today()
    items = operations.items_of(conference)
    # The day as far as it is known: a checklist is worked through before the day is fixed.
    when = f"{event_time_text(conference.values())}, tại {conference.venue}"
    sheet = printout.ChecklistSheet(
        header=Header(
            issuer=conference.issuer,
            parent_body=conference.parent_body,
            date_line=signing_date_line(conference.values()),
        ),
        conference_title=conference.title,
        when=when,
        checklist=operations.checklist_of(conference, today),
        finish_by=_finish_by(conference, items),
    )
    return printout.render_checklist(sheet)


def build_backdrop(conference: Conference, fmt: str) -> bytes:
    plan = operations.backdrop_plan(conference)
    sheet = printout.BackdropSheet(
        issuer=conference.issuer,
        conference_title=conference.title,
        plan=plan,
        notes=printout.backdrop_notes(plan, plan.title.text, conference.date_kind == "exact"),
    )
    return printout.render_backdrop(sheet)


def build_print_texts(conference: Conference, fmt: str) -> bytes:
    items = operations.items_of(conference)
    plan = operations.backdrop_plan(conference, items)
    _, banner = operations.texts_of(conference, operations.backdrop_of(conference), items)
    texts = [printout.title_print_text(plan, plan.title.text), printout.banner_print_text(banner)]
    linked = (logic.TEXT_FROM_TITLE_BLOCK, logic.TEXT_FROM_WELCOME_BANNER)
    sheet_rows = operations.checklist_of(conference, dt.date.today()).rows
    by_id = {item.id: item for item in items}
    for row in sheet_rows:
        own = by_id[row.item_id].text
        if own and vn.clean_text(own) not in linked:
            texts.append(printout.item_print_text(row))
    return printout.render_print_texts(
        printout.PrintTextsSheet(
            issuer=conference.issuer, conference_title=conference.title, texts=texts
        )
    )


def missing_items(conference: Conference) -> list[str]:
    """The checklist prints "Chưa có hạng mục trang trí nào." without items: not ready."""
    return [] if operations.items_of(conference) else ["Chưa có hạng mục trang trí nào"]


def missing_size(conference: Conference) -> list[str]:
    """The backdrop drawn at an assumed size ("Chưa nhập kích thước phông") is not ready.
    Read from the stored size alone (the drawing's assumed_size is this same flag): laying the
    whole backdrop out for it cost the print centre ~8 ms a view (issue 19)."""
    _width, _height, assumed = operations.backdrop_size(operations.backdrop_of(conference))
    return ["Chưa có kích thước phông"] if assumed else []


# --------------------------------------------------------------------------- the dashboard card


def dashboard_card(conference: Conference) -> Card:
    items = operations.items_of(conference)
    has_backdrop = operations.backdrop_of(conference) is not None
    todo = logic.todo_lines(items, conference.date, has_backdrop, dt.date.today())
    if not items:
        todo.append("Chưa có hạng mục trang trí nào")
    return Card(
        key="decor",
        title="Trang trí khánh tiết",
        description="Phông, cờ, tượng Bác, băng khẩu hiệu, hoa",
        progress=logic.progress(items),
        todo=todo or ["Đã xong tất cả hạng mục trang trí."],
        url=url_for("decor.checklist", conference_id=conference.id),
        url_label="Mở bảng kiểm trang trí",
    )
