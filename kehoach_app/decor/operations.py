"""Named operations on a conference's decoration: read, add, edit, remove, reorder, tick, the
backdrop's size and texts, the preset's items, the demo data and the conference file.

Each operation changes the model and flushes; the view commits once. Every change a person makes
is preceded by a snapshot (conferences.operations.take_snapshot) so that Hoàn tác undoes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from .. import vn
from ..conferences.logic import is_exact, known_month
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..conferences.presetting import fill_text
from ..db import db
from ..lazy import lazy_function
from ..presets import Preset
from ..readmodel import per_request
from ..transfer import ConferenceFileError
from . import logic
from .models import Backdrop, DecorItem

# The drawing's text measures load ReportLab: on first use, not at start (kehoach_app/lazy.py).
measure_text = lazy_function("kehoach_app.decor.drawing", "measure_text")

ITEM_FIELDS = (
    "area",
    "item",
    "quantity",
    "unit",
    "placement",
    "text",
    "responsible",
    "days_before",
    "status",
    "unit_cost",
    "notes",
)
BACKDROP_FIELDS = ("width_m", "height_m", "title_block", "welcome_banner")


# --------------------------------------------------------------------------- reading


def items_of(conference: Conference) -> list[DecorItem]:
    """The conference's items in checklist order (by area, then position)."""
    rows = db.session.scalars(select(DecorItem).where(DecorItem.conference_id == conference.id))
    return logic.ordered(rows)


def get_item(conference: Conference, item_id: int) -> DecorItem | None:
    item = db.session.get(DecorItem, item_id)
    if item is None or item.conference_id != conference.id:
        return None
    return item


def backdrop_of(conference: Conference) -> Backdrop | None:
    return db.session.get(Backdrop, conference.id)


def backdrop_size(backdrop: Backdrop | None) -> tuple[float, float, bool]:
    """(width, height, assumed): the officer's size, or the default one, flagged as assumed."""
    if backdrop is None:
        return (*logic.DEFAULT_BACKDROP_M, True)
    return backdrop.width_m, backdrop.height_m, False


def generated_title_block(
    conference: Conference, backdrop: Backdrop | None, items=None, full_date: bool = True
) -> str:
    """The title block written from the conference for this backdrop (not stored); the day
    left blank ("ngày … tháng 01") only when full_date is False."""
    width, height, _ = backdrop_size(backdrop)
    features = logic.backdrop_features(items if items is not None else items_of(conference))
    month = known_month(conference.values())
    if month is None or not is_exact(conference.values()):
        # Until the day is fixed the block leaves it blank, as the seeds' plans print it
        # ("Thái Bình, ngày … tháng 01 năm 2024"); the day follows once it is entered.
        full_date = False
    return logic.generated_title_block(
        kind=conference.kind,
        issuer=conference.issuer,
        title=conference.title,
        place=conference.place_name,
        day=conference.date,
        width=width,
        height=height,
        features=features,
        full_date=full_date,
        month_known=month is not None,
        measure=measure_text,
    )


def generated_banner(conference: Conference) -> str:
    return logic.welcome_banner_text(kind=conference.kind, title=conference.title)


def texts_of(conference: Conference, backdrop: Backdrop | None, items=None) -> tuple[str, str]:
    """(title block, welcome banner) as they will be printed: the officer's own or generated."""
    title = (backdrop.title_block if backdrop else "") or generated_title_block(
        conference, backdrop, items
    )
    banner = (backdrop.welcome_banner if backdrop else "") or generated_banner(conference)
    # "LẦN THỨ …" left in a text worded with the conference's ordinal once it is set (issue 17)
    ordinal = conference.ordinal
    return logic.with_ordinal(title, ordinal), logic.with_ordinal(banner, ordinal)


def backdrop_plan(conference: Conference, items=None) -> logic.BackdropPlan:
    """The drawing's plan for the conference as it stands."""
    backdrop = backdrop_of(conference)
    items = items if items is not None else items_of(conference)
    width, height, assumed = backdrop_size(backdrop)
    title, _ = texts_of(conference, backdrop, items)
    return logic.plan_backdrop(
        width,
        height,
        title,
        features=logic.backdrop_features(items),
        heading=logic.heading_word(conference.kind),
        measure=measure_text,
        assumed_size=assumed,
    )


def checklist_of(conference: Conference, today: dt.date) -> logic.Checklist:
    items = items_of(conference)
    title, banner = texts_of(conference, backdrop_of(conference), items)
    return logic.checklist(
        items,
        conference.date,
        today,
        title_block=title,
        welcome_banner=banner,
        ordinal=conference.ordinal,
    )


def resolved_texts(conference: Conference) -> dict[int, str]:
    """Each item's text as it will be printed, by item id: an item that refers to the backdrop's
    title block or welcome banner (logic.TEXT_FROM_TITLE_BLOCK / TEXT_FROM_WELCOME_BANNER) gets
    that text. For other parts that quote the items (the Kế hoạch). Laid out once per GET or
    printout set (readmodel): fitting the title block to the backdrop is the costly part."""

    def resolve() -> dict[int, str]:
        items = items_of(conference)
        title, banner = texts_of(conference, backdrop_of(conference), items)
        ordinal = conference.ordinal
        return {item.id: logic.resolved_text(item.text, title, banner, ordinal) for item in items}

    return dict(per_request("decor.resolved_texts", conference.id, resolve))


def texts_before_fitting(conference: Conference) -> dict[int, str]:
    """Each item's text as resolved_texts gives it, but the generated title block not yet broken
    into lines for the backdrop: its paragraphs one a line (logic.title_block_paragraphs). Same
    words, no layout — for a reader that only looks for a gap "…" (the plan's placeholder check,
    issue 19); fitting is the costly part of resolved_texts."""

    def resolve() -> dict[int, str]:
        items = items_of(conference)
        backdrop = backdrop_of(conference)
        title = (backdrop.title_block if backdrop else "") or "\n".join(
            _title_block_paragraphs(conference)
        )
        banner = (backdrop.welcome_banner if backdrop else "") or generated_banner(conference)
        ordinal = conference.ordinal
        title, banner = logic.with_ordinal(title, ordinal), logic.with_ordinal(banner, ordinal)
        return {item.id: logic.resolved_text(item.text, title, banner, ordinal) for item in items}

    return dict(per_request("decor.texts_before_fitting", conference.id, resolve))


def _title_block_paragraphs(conference: Conference) -> list[str]:
    """The generated title block's paragraphs, dated as generated_title_block dates them."""
    month = known_month(conference.values())
    return logic.title_block_paragraphs(
        kind=conference.kind,
        issuer=conference.issuer,
        title=conference.title,
        place=conference.place_name,
        day=conference.date,
        full_date=month is not None and is_exact(conference.values()),
        month_known=month is not None,
    )


def decor_costs(conference: Conference) -> list[logic.CostLine]:
    """The decoration items that carry an estimated cost, for the budget part.

    Each line is a CostLine (a named tuple): (item, quantity, unit, unit_cost) with unit_cost in
    integer đồng for one unit; the line's amount is quantity × unit_cost. Items without a cost
    are left out. In checklist order.
    """
    return logic.cost_lines(items_of(conference))


# --------------------------------------------------------------------------- changing items


def _renumber(items: list[DecorItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def add_item(conference: Conference, values: dict) -> DecorItem:
    take_snapshot(conference, "decor", f"Thêm hạng mục trang trí “{values['item']}”")
    items = items_of(conference)
    item = DecorItem(conference_id=conference.id, position=len(items) + 1)
    for name in ITEM_FIELDS:
        setattr(item, name, values[name])
    db.session.add(item)
    db.session.flush()
    _renumber(logic.ordered([*items, item]))
    db.session.flush()
    return item


def update_item(conference: Conference, item: DecorItem, values: dict) -> bool:
    """Save the form's values; False when nothing changed (no undo step is kept)."""
    if all(getattr(item, name) == values[name] for name in ITEM_FIELDS):
        return False
    take_snapshot(conference, "decor", f"Sửa hạng mục trang trí “{item.item}”")
    for name in ITEM_FIELDS:
        setattr(item, name, values[name])
    db.session.flush()
    _renumber(items_of(conference))
    db.session.flush()
    return True


def delete_item(conference: Conference, item: DecorItem) -> None:
    take_snapshot(conference, "decor", f"Xóa hạng mục trang trí “{item.item}”")
    db.session.delete(item)
    db.session.flush()
    _renumber(items_of(conference))
    db.session.flush()


def move_item(conference: Conference, item: DecorItem, step: int) -> bool:
    """Move an item one place up (-1) or down (+1) within its area; False at the end."""
    items = items_of(conference)
    same_area = [i for i in items if i.area == item.area]
    index = same_area.index(item)
    target = index + step
    if not 0 <= target < len(same_area):
        return False
    take_snapshot(conference, "decor", f"Đổi thứ tự hạng mục trang trí “{item.item}”")
    other = same_area[target]
    a, b = items.index(item), items.index(other)
    items[a], items[b] = items[b], items[a]
    _renumber(items)
    db.session.flush()
    return True


def set_status(conference: Conference, item: DecorItem, status: str) -> bool:
    if item.status == status:
        return False
    word = "xong" if status == "done" else "chưa xong"
    take_snapshot(conference, "decor", f"Đánh dấu {word} “{item.item}”")
    item.status = status
    db.session.flush()
    return True


# --------------------------------------------------------------------------- the backdrop


def save_backdrop(conference: Conference, values: dict) -> bool:
    """Save the backdrop's size and texts. A text equal (apart from its line breaks) to the one
    generated from the conference is stored empty, so that it keeps following the conference."""
    backdrop = backdrop_of(conference)
    items = items_of(conference)
    new = dict(values)
    for name, generated in (
        ("title_block", lambda: generated_title_block(conference, backdrop, items)),
        ("welcome_banner", lambda: generated_banner(conference)),
    ):
        text = vn.clean_text(new.get(name) or "")
        new[name] = "" if not text or logic.same_words(text, generated()) else text
    if backdrop is not None and all(getattr(backdrop, k) == new[k] for k in BACKDROP_FIELDS):
        return False
    take_snapshot(conference, "decor", "Sửa phông sân khấu")
    if backdrop is None:
        backdrop = Backdrop(conference_id=conference.id)
        db.session.add(backdrop)
    for name in BACKDROP_FIELDS:
        setattr(backdrop, name, new[name])
    db.session.flush()
    return True


def regenerate_text(conference: Conference, which: str, blank_day: bool = False) -> bool:
    """Write the title block (or the banner) again from the conference ("Tạo lại …").

    The plain title block, with the conference's full date, is stored empty (it follows every
    later change of the conference). With the day left blank ("Để trống ngày": the day is not
    fixed yet) it is stored as written, since the officer chose it (which needs the backdrop's
    size first: ValueError with a message to show otherwise). False when nothing changes.
    """
    backdrop = backdrop_of(conference)
    if backdrop is None and blank_day:
        raise ValueError("Hãy nhập và lưu kích thước phông trước khi để trống ngày.")
    if which == "title_block":
        text = generated_title_block(conference, backdrop, full_date=False) if blank_day else ""
        what = "Tạo lại tiêu đề phông" + (" (để trống ngày)" if blank_day else "")
    else:
        text = ""
        what = "Tạo lại nội dung băng chào mừng"
    if backdrop is not None and getattr(backdrop, which) == text:
        return False
    if backdrop is None:
        return False  # nothing stored: the texts are generated already
    take_snapshot(conference, "decor", what)
    setattr(backdrop, which, text)
    db.session.flush()
    return True


# --------------------------------------------------------------------------- preset and demo


def _preset_text(text: str, values: dict) -> str:
    """The text a preset item brings: the backdrop's title or banner by reference, else its own.

    The presets write the title block ("{issuer}\\nHỘI NGHỊ\\n…") and the welcome banner
    ("Chào mừng …") out in full; the backdrop page writes both from the conference, so the items
    point there instead of keeping a copy that the next change of the title would make wrong.
    """
    if not text:
        return ""
    lines = [line.strip().casefold() for line in text.split("\n")]
    if any(line in ("hội nghị", "đại hội") or line.startswith("đại hội ") for line in lines[1:]):
        return logic.TEXT_FROM_TITLE_BLOCK
    if text.strip().casefold().startswith("chào mừng"):
        return logic.TEXT_FROM_WELCOME_BANNER
    return fill_text(text, values)


def _decor_lead(preset: Preset) -> str:
    """Who does the decoration in this preset: the lead of its "trang trí" task."""
    for task in preset.tasks:
        if "trang trí" in task.title.casefold():
            return task.lead
    return ""


def apply_preset(conference: Conference, preset: Preset, values: dict) -> None:
    """The preset's decoration items with their placement rules (no snapshot: a new conference)."""
    responsible = _decor_lead(preset)
    for position, row in enumerate(preset.decor, start=1):
        db.session.add(
            DecorItem(
                conference_id=conference.id,
                position=position,
                area=row.area,
                item=fill_text(row.item, values),
                quantity=row.quantity,
                unit=row.unit,
                placement=fill_text(row.placement, values),
                text=_preset_text(row.text, values),
                responsible=responsible,
                days_before=row.days_before,
                status="todo",
                unit_cost=0,
                notes="",
            )
        )
    db.session.flush()


# --------------------------------------------------------------------------- conference file


def export_part(conference: Conference) -> dict:
    backdrop = backdrop_of(conference)
    return {
        "items": [{name: getattr(i, name) for name in ITEM_FIELDS} for i in items_of(conference)],
        "backdrop": (
            {name: getattr(backdrop, name) for name in BACKDROP_FIELDS} if backdrop else None
        ),
    }


def _form_errors(form) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = getattr(form, name).label.text
        messages.extend(f"{label}: {message}" for message in errors if message)
    return messages


def _as_form_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return vn.format_decimal(value)
    return str(value)


def validate_part(data: dict) -> dict:
    """Check the file's decoration with the same rules as the forms; name each bad item."""
    from .forms import BackdropForm, DecorItemForm

    messages: list[str] = []
    items = []
    for number, raw in enumerate(data.get("items") or [], start=1):
        values = {"quantity": 1, "days_before": logic.DEFAULT_DAYS_BEFORE, "status": "todo"}
        values |= {"unit_cost": 0, **raw}
        formdata = MultiDict({k: _as_form_text(v) for k, v in values.items()})
        form = DecorItemForm(formdata=formdata, meta={"csrf": False})
        if form.validate():
            items.append(form.item_values())
        else:
            name = vn.clean_text(str(raw.get("item") or ""))
            where = f"Trang trí, mục {number}" + (f" “{name}”" if name else "")
            messages.extend(f"{where}: {message}" for message in _form_errors(form))
    backdrop = None
    raw_backdrop = data.get("backdrop")
    if raw_backdrop:
        width, height = logic.DEFAULT_BACKDROP_M
        values = {"width_m": width, "height_m": height, **raw_backdrop}
        formdata = MultiDict({k: _as_form_text(v) for k, v in values.items()})
        form = BackdropForm(formdata=formdata, meta={"csrf": False})
        if form.validate():
            backdrop = form.backdrop_values()
        else:
            messages.extend(f"Trang trí, phông sân khấu: {m}" for m in _form_errors(form))
    if messages:
        raise ConferenceFileError(messages)
    return {"items": items, "backdrop": backdrop}


def replace_part(conference: Conference, data: dict) -> None:
    """Make the conference's decoration exactly `data` (import, "Nhân bản", undo)."""
    for item in db.session.scalars(
        select(DecorItem).where(DecorItem.conference_id == conference.id)
    ):
        db.session.delete(item)
    backdrop = backdrop_of(conference)
    if backdrop is not None:
        db.session.delete(backdrop)
    db.session.flush()
    for position, values in enumerate(data.get("items") or [], start=1):
        item = DecorItem(conference_id=conference.id, position=position)
        for name in ITEM_FIELDS:
            setattr(item, name, values[name])
        db.session.add(item)
    if data.get("backdrop"):
        backdrop = Backdrop(conference_id=conference.id)
        for name in BACKDROP_FIELDS:
            setattr(backdrop, name, data["backdrop"][name])
        db.session.add(backdrop)
    db.session.flush()
