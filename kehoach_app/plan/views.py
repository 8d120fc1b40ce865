"""The plan page: the Kế hoạch as it will print, each generated paragraph editable."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import glyphs, vn
from ..checks import checks_for_request
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from ..parts import Card, conference_or_404
from .logic import recipients as plan_recipients
from .operations import (
    StaleEdit,
    UnknownSection,
    add_free_section,
    change_section,
    edit_versions,
    edits_of,
    level_data,
    levels_of,
    move_level,
    outline_of,
    placed_sections,
    plan_sheet,
    preset_outline,
    reset_edit,
    reset_outline,
    save_edit,
    set_ordinal,
    shown_blocks,
    write_levels,
    write_outline,
)
from .printout import render_plan

bp = Blueprint("plan", __name__)

MAX_PARAGRAPH = 20_000


_conference = conference_or_404


def _undo_action(conference: Conference) -> dict:
    return {
        "action_url": url_for("conferences.undo", conference_id=conference.id),
        "action_label": "Hoàn tác",
    }


def show(conference_id: int):
    return _page(_conference(conference_id))


STALE = (
    "Đoạn này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại bản "
    "mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)


def _page(conference: Conference, kept: dict[str, str] | None = None, status: int = 200):
    """The plan page; `kept` holds what was typed in a paragraph whose save was refused, shown
    in its open form instead of the stored text."""
    return render_template(
        "plan/show.html",
        conference=conference,
        sheet=plan_sheet(conference),
        sections=placed_sections(conference),
        versions=edit_versions(conference),
        kept=kept or {},
        has_levels=bool(levels_of(conference)),
    ), status


RECIPIENTS = "noi-nhan"  # the key of the Nơi nhận form in `kept` (no paragraph has it)


def _recipient_lines(text: str) -> list[str]:
    return [line.strip().lstrip("-").strip() for line in text.split("\n") if line.strip()]


def _version(text: str | None) -> int:
    """The version the form carried; -1 (never a row's) when it carried none or garbage."""
    try:
        return int(text) if text not in (None, "") else -1
    except ValueError:
        return -1


def edit(conference_id: int, key: str):
    conference = _conference(conference_id)
    text = vn.clean_text(request.form.get("text", ""))
    anchor = url_for(".show", conference_id=conference.id) + "#doan-" + key.replace(":", "-")
    if not text:
        flash(
            {
                "text": "Đoạn văn không được để trống. Muốn dùng lại nội dung tự động, bấm "
                "“Dùng nội dung tự động”."
            },
            "error",
        )
        return redirect(anchor)
    if len(text) > MAX_PARAGRAPH:
        flash(
            {"text": f"Đoạn văn quá dài (tối đa {vn.format_number(MAX_PARAGRAPH)} ký tự)."}, "error"
        )
        return redirect(anchor)
    if refused := _undrawable(text):
        flash({"text": refused}, "error")
        return _page(conference, {key: text}, 422)
    take_snapshot(conference, "plan", "Sửa một đoạn của Kế hoạch")
    try:
        if not save_edit(conference, key, text, _version(request.form.get("version"))):
            db.session.rollback()
            abort(404)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        flash({"text": STALE}, "error")
        return _page(conference, {key: text}, 409)
    flash({"text": "Đã lưu đoạn văn đã sửa.", **_undo_action(conference)}, "success")
    return redirect(anchor)


def reset(conference_id: int, key: str):
    conference = _conference(conference_id)
    take_snapshot(conference, "plan", "Dùng lại nội dung tự động cho một đoạn")
    reset_edit(conference, key)
    db.session.commit()
    flash(
        {
            "text": "Đoạn văn đã trở về nội dung tự động theo dữ liệu hội nghị.",
            **_undo_action(conference),
        },
        "success",
    )
    return redirect(url_for(".show", conference_id=conference.id))


def recipients(conference_id: int):
    conference = _conference(conference_id)
    text = vn.clean_text(request.form.get("recipients", ""))
    lines = _recipient_lines(text)
    if not lines:
        flash({"text": "Nơi nhận cần ít nhất một dòng (ví dụ: Lưu: VT, VHXH)."}, "error")
        return redirect(url_for(".show", conference_id=conference.id))
    if refused := _undrawable(text):
        flash({"text": refused}, "error")
        return _page(conference, {RECIPIENTS: text}, 422)
    # The conference row is shared by every tab: the form carries the list it showed, and a save
    # over a list changed since (in another tab) is refused, what was typed kept (issue 18).
    current = _recipient_lines("\n".join(plan_recipients(conference.values())))
    shown = _recipient_lines(vn.clean_text(request.form.get("original", "")))
    if shown != current and lines != current:
        flash({"text": STALE.replace("Đoạn này", "Nơi nhận")}, "error")
        return _page(conference, {RECIPIENTS: text}, 409)
    if not lines[-1].startswith("Lưu"):
        flash(
            {
                "text": "Dòng cuối của Nơi nhận thường là “Lưu: VT, …” (Nghị định 30/2020). "
                "Đã lưu như bạn nhập."
            },
            "info",
        )
    take_snapshot(conference, "plan", "Sửa Nơi nhận của Kế hoạch")
    conference.recipients = "\n".join(lines)
    db.session.commit()
    flash({"text": "Đã lưu Nơi nhận.", **_undo_action(conference)}, "success")
    return redirect(url_for(".show", conference_id=conference.id))


# ----------------------------------------------------------------------- the outline

MAX_HEADING = 500
SECTION_ACTIONS = {
    "rename": "Đổi tên một mục của Kế hoạch",
    "up": "Chuyển một mục của Kế hoạch lên",
    "down": "Chuyển một mục của Kế hoạch xuống",
    "hide": "Bỏ một mục khỏi Kế hoạch",
    "show": "Đưa một mục trở lại Kế hoạch",
    "level": "Đổi cấp một mục của Kế hoạch",
    "options": "Đổi cách trình bày một mục của Kế hoạch",
    "text": "Sửa một mục tự viết của Kế hoạch",
    "delete": "Xóa một mục tự viết của Kế hoạch",
}
# The options a section offers on the page (docs/plan.md), with their values.
OPTION_CHOICES = {
    "total": ("dau", "cuoi", "khong"),
    "subheads": ("so", "chu", "khong"),
    "counts": ("1", "0"),
    "about": ("1", "0"),  # thanh-phan: "Khoảng 180 đại biểu" (seed 002)
    "muc_chi": ("1", "0"),  # kinh-phi: "Mức chi theo dự toán …" (an option: no seed writes it)
    "run_in": ("1", "0"),
    "heading": ("1", "0"),
    "budget_total": ("1", "0"),
    "length": ("1", "0"),  # thoi-gian: the length ("½ ngày") printed or not (issue 17)
}


def _undrawable(*texts: str) -> str:
    """The refusal for characters the printouts cannot draw (an emoji would vanish from the
    PDF): these pages read the form themselves, so they ask what BaseForm asks."""
    missing = glyphs.undrawable("\n".join(texts))
    return glyphs.message(missing) if missing else ""


def _free_section_changed(conference: Conference, key: str, form) -> bool:
    """The free section's stored title or text differs from what its form showed."""
    if "original_text" not in form:
        return False
    stored = next((e for e in outline_of(conference) if e.key == key), None)
    if stored is None:
        return False
    return (vn.clean_text(stored.title or ""), vn.clean_text(stored.text or "")) != (
        vn.clean_text(form.get("original_title", "")),
        vn.clean_text(form.get("original_text", "")),
    )


def _outline_url(conference: Conference) -> str:
    return url_for(".show", conference_id=conference.id) + "#dan-y"


def _form_options(form) -> dict:
    options: dict = {}
    for name, allowed in OPTION_CHOICES.items():
        value = form.get(name)
        if value is None or value not in allowed:
            continue
        if allowed == ("1", "0"):
            options["total" if name == "budget_total" else name] = value == "1"
        else:
            options[name] = value
    return options


def section(conference_id: int, key: str, action: str):
    conference = _conference(conference_id)
    if action not in SECTION_ACTIONS:
        abort(404)
    values: dict = {}
    if action in ("rename", "text"):
        values["title"] = vn.clean_text(request.form.get("title", ""))
        values["text"] = vn.clean_text(request.form.get("text", ""))
        if len(values["title"]) > MAX_HEADING or len(values["text"]) > MAX_PARAGRAPH:
            flash({"text": "Tên mục hoặc nội dung quá dài."}, "error")
            return redirect(_outline_url(conference))
        if action == "text" and not values["title"]:
            flash({"text": "Mục tự viết cần có tên mục."}, "error")
            return redirect(_outline_url(conference))
        if refused := _undrawable(values["title"], values["text"]):
            flash({"text": refused}, "error")
            return redirect(_outline_url(conference))
        if action == "text" and _free_section_changed(conference, key, request.form):
            # Another window saved this section since the form was opened (issue 18): the
            # newer words are kept, and the officer is told instead of overwriting them.
            flash({"text": STALE.replace("Đoạn này", "Mục này")}, "error")
            return redirect(_outline_url(conference))
    elif action == "level":
        values["level"] = 2 if request.form.get("level") == "2" else 1
    elif action == "options":
        values["options"] = _form_options(request.form)
    take_snapshot(conference, "plan", SECTION_ACTIONS[action])
    try:
        change_section(conference, key, action, **values)
    except UnknownSection:
        db.session.rollback()
        flash({"text": "Không còn mục này trong dàn ý (có thể đã đổi ở cửa sổ khác)."}, "error")
        return redirect(_outline_url(conference))
    db.session.commit()
    done = f"Đã lưu: {SECTION_ACTIONS[action][:1].lower()}{SECTION_ACTIONS[action][1:]}."
    flash({"text": done, **_undo_action(conference)}, "success")
    return redirect(_outline_url(conference))


def add_section(conference_id: int):
    conference = _conference(conference_id)
    title = vn.clean_text(request.form.get("title", ""))
    text = vn.clean_text(request.form.get("text", ""))
    if not title:
        flash({"text": "Mục mới cần có tên mục (ví dụ: PHÂN CÔNG NHIỆM VỤ)."}, "error")
        return redirect(_outline_url(conference))
    if len(title) > MAX_HEADING or len(text) > MAX_PARAGRAPH:
        flash({"text": "Tên mục hoặc nội dung quá dài."}, "error")
        return redirect(_outline_url(conference))
    if refused := _undrawable(title, text):
        flash({"text": refused}, "error")
        return redirect(_outline_url(conference))
    level = 2 if request.form.get("level") == "2" else 1
    take_snapshot(conference, "plan", "Thêm một mục tự viết vào Kế hoạch")
    add_free_section(conference, request.form.get("after", ""), title, text, level)
    db.session.commit()
    flash({"text": "Đã thêm mục mới vào Kế hoạch.", **_undo_action(conference)}, "success")
    return redirect(_outline_url(conference))


def outline_default(conference_id: int):
    conference = _conference(conference_id)
    take_snapshot(conference, "plan", "Dùng lại dàn ý mặc định của Kế hoạch")
    reset_outline(conference)
    db.session.commit()
    flash(
        {
            "text": "Dàn ý Kế hoạch đã trở về mặc định của loại hội nghị.",
            **_undo_action(conference),
        },
        "success",
    )
    return redirect(_outline_url(conference))


# ----------------------------------------------------------------------- Đại hội các cấp


def _levels_url(conference: Conference) -> str:
    return url_for("plan.levels", conference_id=conference.id)


def levels(conference_id: int):
    return _levels_page(_conference(conference_id))


def _levels_page(conference: Conference, refused: str = "", typed: dict | None = None):
    """The levels editor; after a refusal, the same page again with the message and what was
    typed in the form that was sent (`typed["which"]`: "new", a level's number, or "ordinal"),
    so nothing the officer wrote is lost (400: nothing was saved)."""
    from .logic import LevelLine, level_time, with_ordinal

    rows = levels_of(conference)
    times = [level_time(LevelLine(**level_data(r)), "trong") for r in rows]
    # the names as the plan prints them ("lần thứ …" filled once the ordinal is set)
    names = [with_ordinal(r.name, conference.ordinal) for r in rows]
    page = render_template(
        "plan/levels.html",
        conference=conference,
        levels=rows,
        times=times,
        names=names,
        refused=refused,
        typed=typed or {},
    )
    return (page, 400) if refused else page


def ordinal_number(text: str) -> int | None:
    """ "Lần thứ" as typed: digits ("8") or Roman numerals as the plan prints it ("VIII",
    "viii"), 1 to 50; None for anything else. Roman numerals are read back through `roman`, so
    only the canonical spelling is taken ("IIII" is refused, not guessed)."""
    from .logic import roman

    text = unicodedata.normalize("NFKC", text or "").strip()
    number = vn.whole_number(text)
    if number is None and text and len(text) <= 8:
        number = next((n for n in range(1, 51) if roman(n) == text.upper()), None)
    return number if number is not None and 1 <= number <= 50 else None


# A level's year is near the conference's: a congress at each level is held in the year or two
# around the provincial one; 1990 or 2099 is a typing slip, not a plan.
LEVEL_YEAR_SPAN = 10


def level_values(form, conference: Conference | None = None) -> tuple[dict, str]:
    """A level from its form, or the Vietnamese message that refuses it (nothing is saved)."""
    values = {name: vn.clean_text(form.get(name, "")) for name in LEVEL_TEXT_LIMITS}
    # the name is one line (a heading of the plan): a pasted U+2028 / line break is a space
    values["name"] = " ".join(values["name"].split())
    if not values["name"]:
        return values, "Vui lòng nhập tên cấp (ví dụ: Đối với các xã, phường)."
    for name, limit in LEVEL_TEXT_LIMITS.items():
        if len(values[name]) > limit:
            return values, f"{LEVEL_LABELS[name]} quá dài (tối đa {vn.format_number(limit)} ký tự)."
    quarter = (form.get("quarter") or "").strip()
    if quarter not in ("", "1", "2", "3", "4"):
        return values, "Quý phải là I, II, III hoặc IV."
    year = (form.get("year") or "").strip()
    year_number = vn.whole_number(year)  # the one rule for numbers typed in forms
    if year and not (year_number is not None and 1945 <= year_number <= 2100):
        return values, "Năm phải là số có 4 chữ số (ví dụ: 2025)."
    if conference is not None and year_number is not None:
        low = conference.year_launched - LEVEL_YEAR_SPAN
        high = conference.year_launched + LEVEL_YEAR_SPAN
        if not low <= year_number <= high:
            return values, (
                f"Năm {year_number} quá xa năm của Hội nghị ({conference.year_launched}): "
                f"năm của một cấp phải từ {low} đến {high}."
            )
    if quarter and not year:
        example = conference.year_launched if conference is not None else 2025
        return values, f"Có quý thì cần ghi năm (ví dụ: Quý I năm {example})."
    values["quarter"] = int(quarter) if quarter else None
    values["year"] = year_number if year else None
    if refused := _undrawable(*(v for v in values.values() if isinstance(v, str))):
        return values, refused
    return values, ""


LEVEL_TEXT_LIMITS = {
    "name": 300,
    "form": 5000,
    "participants": 5000,
    "size": 5000,
    "duration": 100,
    "time_text": 300,
}
LEVEL_LABELS = {
    "name": "Tên cấp",
    "form": "Hình thức",
    "participants": "Thành phần",
    "size": "Số lượng đại biểu",
    "duration": "Thời lượng",
    "time_text": "Ghi chú thời gian",
}


def add_level(conference_id: int):
    conference = _conference(conference_id)
    values, refused = level_values(request.form, conference)
    if refused:
        return _levels_page(conference, refused, {**request.form.to_dict(), "which": "new"})
    take_snapshot(conference, "plan", "Thêm một cấp vào Kế hoạch Đại hội các cấp")
    write_levels(conference, [*(level_data(r) for r in levels_of(conference)), values])
    db.session.commit()
    flash({"text": "Đã thêm cấp.", **_undo_action(conference)}, "success")
    return redirect(_levels_url(conference))


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


LEVEL_ACTIONS = {
    "sua": "Sửa một cấp của Kế hoạch Đại hội các cấp",
    "len": "Chuyển một cấp lên",
    "xuong": "Chuyển một cấp xuống",
    "xoa": "Xóa một cấp của Kế hoạch Đại hội các cấp",
}


def level(conference_id: int, index: int, action: str):
    conference = _conference(conference_id)
    rows = [level_data(r) for r in levels_of(conference)]
    if action not in LEVEL_ACTIONS:
        abort(404)
    if not 1 <= index <= len(rows):
        flash({"text": "Không còn cấp này (có thể đã đổi ở cửa sổ khác)."}, "error")
        return redirect(_levels_url(conference))
    values: dict = {}
    if (action == "len" and index == 1) or (action == "xuong" and index == len(rows)):
        # nothing moves: no change, so no undo step
        where = "đầu" if action == "len" else "cuối"
        flash({"text": f"Cấp này đã ở {where} danh sách; không có gì thay đổi."}, "info")
        return redirect(_levels_url(conference))
    if action == "sua":
        values, refused = level_values(request.form, conference)
        if refused:
            typed = {**request.form.to_dict(), "which": str(index)}
            return _levels_page(conference, refused, typed)
    take_snapshot(conference, "plan", LEVEL_ACTIONS[action])
    if action == "sua":
        rows[index - 1] = values
        write_levels(conference, rows)
    elif action == "xoa":
        write_levels(conference, rows[: index - 1] + rows[index:])
    else:
        move_level(conference, index - 1, action == "len")
    db.session.commit()
    flash(
        {"text": f"Đã lưu: {_first_lower(LEVEL_ACTIONS[action])}.", **_undo_action(conference)},
        "success",
    )
    return redirect(_levels_url(conference))


def ordinal(conference_id: int):
    conference = _conference(conference_id)
    text = (request.form.get("ordinal") or "").strip()
    number = ordinal_number(text)  # digits by the one rule, or Roman numerals as printed
    if text and number is None:
        refused = (
            "Lần thứ phải là một số từ 1 đến 50, viết bằng chữ số hoặc chữ số La Mã "
            "(ví dụ: 8 hoặc VIII, in là “lần thứ VIII”)."
        )
        return _levels_page(conference, refused, {"ordinal": text, "which": "ordinal"})
    take_snapshot(conference, "plan", "Sửa lần thứ của Đại hội")
    set_ordinal(conference, number if text else None)
    db.session.commit()
    flash({"text": "Đã lưu lần thứ của Đại hội.", **_undo_action(conference)}, "success")
    return redirect(_levels_url(conference))


def dashboard_card(conference: Conference) -> Card:
    # Building the whole plan is only needed to judge the officer's edits; without edits the
    # card needs none of it (the dashboard stays fast).
    blocks = shown_blocks(conference) if edits_of(conference) else []
    stale = [b for b in blocks if b.stale]
    edited = [b for b in blocks if b.edited]
    todo = []
    if not conference.doc_number:
        todo.append("Chưa có số văn bản")
    if not conference.signer_name:
        todo.append("Chưa có họ tên người ký")
    if stale:
        todo.append(f"{len(stale)} đoạn đã sửa có dữ liệu thay đổi — cần xem lại")
    blocking = [
        problem
        for problem in checks_for_request(conference)
        if problem.blocking and "ke-hoach" in problem.printouts
    ]
    if blocking:
        todo.append(f"{len(blocking)} lỗi chặn trong Kiểm tra trước khi trình ký")
    if edited and not stale:
        todo.append(f"{len(edited)} đoạn do cán bộ tự viết")
    progress = 100 - 25 * min(4, len(todo) - (1 if edited and not stale else 0))
    return Card(
        key="plan",
        title="Kế hoạch",
        description="Văn bản Kế hoạch tổ chức Hội nghị",
        progress=max(0, progress),
        todo=todo or ["Sẵn sàng để in và trình ký."],
        url=url_for("plan.show", conference_id=conference.id),
        url_label="Xem, sửa Kế hoạch",
        # the levels editor was reachable only from the plan page (issue 17 walk)
        links=[(_levels_url(conference), "Đại hội, hội nghị các cấp")]
        if conference.kind == "dai_hoi" or levels_of(conference)
        else [],
    )


def printout_missing(conference: Conference) -> list[str]:
    card = dashboard_card(conference)
    return [line for line in card.todo if not line.startswith(("Sẵn sàng", "Có "))]


# ----------------------------------------------------------------------- conference file


def outline_from_preset(conference: Conference, preset, values: dict) -> None:
    """A kind of plan brings its own outline ([plan] outline of its preset, docs/presets.md)."""
    from ..conferences.presetting import fill_text

    entries = preset_outline(preset.key)
    if entries:
        entries = [replace(e, text=fill_text(e.text, values)) if e.text else e for e in entries]
        write_outline(conference, entries)
    # The Đại hội các cấp kind brings its levels (seed 004); a quarter is in the year launched.
    levels = []
    for item in preset.plan_levels:
        level = {k: fill_text(v, values) if isinstance(v, str) else v for k, v in item.items()}
        level["quarter"] = item.get("quarter") or None
        level["year"] = conference.year_launched if level["quarter"] else None
        levels.append(level)
    if levels:
        write_levels(conference, levels)


def build_plan(conference: Conference, fmt: str) -> bytes:
    return render_plan(plan_sheet(conference), fmt)
