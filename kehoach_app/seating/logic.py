"""Halls and seats, computed: the layout document, its seats, and who sits where.

Pure: no Flask, no database. The views, the printouts, the conference file and the benchmark
all go through these functions with plain dataclasses (docs/seating.md describes the layout).

Geometry (docs/seating.md has the picture). Every drawing is seen *from the hall, facing the
stage*: the page's left is the audience's left. Seats are numbered 1, 2, … from the audience's
left in every row, on the stage as in the blocks. "Right hand" is always the person's own right
hand (Vietnamese state protocol: No. 2 at No. 1's right):

- the Đoàn Chủ tịch faces the hall, so No. 1's right hand is the *audience's left* (lower
  seat numbers);
- a delegate in the hall faces the stage, so No. 1's right hand is the *audience's right*
  (higher seat numbers).

`second_side` = "left" mirrors both (some units put No. 2 on No. 1's left).
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .. import vn

LAYOUT_VERSION = 1

ZONE_KINDS = {
    "lanh_dao": "Lãnh đạo, khách mời",
    "nhan_thuong": "Đại biểu nhận khen thưởng",
    "bao_chi": "Báo chí",
    "van_nghe": "Văn nghệ",
    "chung": "Đại biểu chung",
}
# Fill colours of the zones on the screen and on paper (light, so names stay readable).
ZONE_COLOURS = {
    "lanh_dao": "#fde2c8",
    "nhan_thuong": "#d9ecd0",
    "bao_chi": "#dde6f6",
    "van_nghe": "#f3dcef",
    "chung": "#f1efe6",
}
LECTERN_PLACES = {
    "right": "Bên phải sân khấu (nhìn từ dưới lên)",
    "left": "Bên trái sân khấu (nhìn từ dưới lên)",
    "centre": "Giữa sân khấu, phía trước",
    "none": "Không có bục phát biểu",
}
ROW_LABELS = {"letters": "Chữ cái (A, B, C …)", "numbers": "Số (1, 2, 3 …)"}
SECOND_SIDES = {
    "right": "Bên tay phải người số 1 (thông lệ)",
    "left": "Bên tay trái người số 1",
}

STAGE_PREFIX = "DCT"
AISLE_WIDTH = 1.5  # seat widths; an aisle between blocks on the drawings
STAGE_GAP = 2.5  # seat depths between the last stage row and the first hall row

MAX_BLOCKS = 12
MAX_ROWS = 60
MAX_SEATS_PER_ROW = 60
MAX_STAGE_ROWS = 4
MAX_STAGE_SEATS = 40
MAX_ZONES = 40
MAX_SEATS = 6000
LABEL_MAX = 100


class LayoutError(ValueError):
    """A hall layout that cannot be used; `messages` say why, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


# --------------------------------------------------------------------------- the layout


@dataclass(frozen=True)
class StageRow:
    seats: int
    table: bool = True


@dataclass(frozen=True)
class Block:
    rows: int
    seats: int
    name: str = ""
    aisle_after: bool = True  # an aisle between this block and the next one


@dataclass(frozen=True)
class Zone:
    """A rectangle of seats in one block reserved for a kind of delegate."""

    key: str
    kind: str
    label: str
    block: int  # 1-based
    rows: tuple[int, int]  # first and last row, 1-based, inclusive
    seats: tuple[int, int]  # first and last seat, 1-based, inclusive

    def holds(self, block: int, row: int, number: int) -> bool:
        return (
            block == self.block
            and self.rows[0] <= row <= self.rows[1]
            and self.seats[0] <= number <= self.seats[1]
        )

    @property
    def kind_label(self) -> str:
        return ZONE_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Seat:
    """One seat of a hall, where it is drawn (x, y in seat units) and what it belongs to."""

    code: str
    block: int  # 0: the stage (Đoàn Chủ tịch); 1, 2, …: audience blocks from the left
    row: int  # 1-based; row 1 is the front row
    row_label: str
    number: int  # 1-based from the audience's left
    x: float
    y: float
    zone: str | None = None
    missing: bool = False
    table: bool = False

    @property
    def on_stage(self) -> bool:
        return self.block == 0


def row_label(index: int, style: str) -> str:
    """Row 1 → "A" (letters) or "1" (numbers); after Z come AA, AB, …"""
    if style == "numbers":
        return str(index)
    letters = string.ascii_uppercase
    label = ""
    n = index
    while n > 0:
        n, rest = divmod(n - 1, 26)
        label = letters[rest] + label
    return label


def stage_code(row: int, number: int) -> str:
    return f"{STAGE_PREFIX}-{row}-{number}"


def hall_code(block: int, label: str, number: int) -> str:
    return f"B{block}-{label}-{number:02d}"


@dataclass(frozen=True)
class HallLayout:
    """A hall's stage and audience, as the layout JSON describes it (docs/seating.md)."""

    stage_rows: tuple[StageRow, ...] = (StageRow(7),)
    lectern: str = "right"
    blocks: tuple[Block, ...] = ()
    row_labels: str = "letters"
    side_aisles: bool = True
    missing: frozenset[str] = frozenset()
    zones: tuple[Zone, ...] = ()

    # ---- names

    def block_title(self, number: int) -> str:
        """What the chart, the list and the seat labels call block `number` (1-based; 0 the
        stage): its own name ("Khối trái", "Khối giữa", "Khối phải"), else "Khối 2". One name
        for one block everywhere (issue 16, signer's review: labels said "Khối 1")."""
        if number == 0:
            return "Đoàn Chủ tịch"
        if 1 <= number <= len(self.blocks) and self.blocks[number - 1].name:
            return self.blocks[number - 1].name
        return f"Khối {number}"

    def place_text(self, seat: Seat, separator: str = ", ") -> str:
        """ "Khối trái, hàng B, ghế 6" / "Đoàn Chủ tịch, hàng 1, ghế 5"."""
        row = seat.row if seat.on_stage else seat.row_label
        return separator.join((self.block_title(seat.block), f"hàng {row}", f"ghế {seat.number}"))

    # ---- geometry

    @cached_property
    def block_offsets(self) -> list[float]:
        """x of each block's first seat (seat units), aisles included."""
        offsets = []
        x = AISLE_WIDTH if self.side_aisles else 0.0
        for block in self.blocks:
            offsets.append(x)
            x += block.seats + (AISLE_WIDTH if block.aisle_after else 0.0)
        return offsets

    @cached_property
    def hall_width(self) -> float:
        if not self.blocks:
            return max((r.seats for r in self.stage_rows), default=0) + 2.0
        last = self.block_offsets[-1] + self.blocks[-1].seats
        return last + (AISLE_WIDTH if self.side_aisles else 0.0)

    @cached_property
    def hall_rows(self) -> int:
        return max((b.rows for b in self.blocks), default=0)

    @cached_property
    def stage_depth(self) -> float:
        return float(len(self.stage_rows))

    @cached_property
    def seats(self) -> list[Seat]:
        """Every seat, stage first (front row first), then each block row by row."""
        out: list[Seat] = []
        width = self.hall_width
        for r, stage_row in enumerate(self.stage_rows, start=1):
            x0 = (width - stage_row.seats) / 2
            # y grows towards the back of the hall; the stage's front row is nearest the hall
            y = self.stage_depth - r
            for n in range(1, stage_row.seats + 1):
                code = stage_code(r, n)
                out.append(
                    Seat(
                        code=code,
                        block=0,
                        row=r,
                        row_label=str(r),
                        number=n,
                        x=x0 + n - 1,
                        y=y,
                        missing=code in self.missing,
                        table=stage_row.table,
                    )
                )
        top = self.stage_depth + STAGE_GAP
        for b, block in enumerate(self.blocks, start=1):
            x0 = self.block_offsets[b - 1]
            for r in range(1, block.rows + 1):
                label = row_label(r, self.row_labels)
                for n in range(1, block.seats + 1):
                    code = hall_code(b, label, n)
                    zone = next((z.key for z in self.zones if z.holds(b, r, n)), None)
                    out.append(
                        Seat(
                            code=code,
                            block=b,
                            row=r,
                            row_label=label,
                            number=n,
                            x=x0 + n - 1,
                            y=top + r - 1,
                            zone=zone,
                            missing=code in self.missing,
                        )
                    )
        return out

    @cached_property
    def seat_by_code(self) -> dict[str, Seat]:
        return {s.code: s for s in self.seats}

    @cached_property
    def usable(self) -> list[Seat]:
        return [s for s in self.seats if not s.missing]

    @property
    def capacity(self) -> int:
        return len(self.usable)

    @property
    def stage_capacity(self) -> int:
        return sum(1 for s in self.usable if s.on_stage)

    @cached_property
    def zone_by_key(self) -> dict[str, Zone]:
        return {z.key: z for z in self.zones}

    def aisle_edges(self, block: int) -> tuple[bool, bool]:
        """Whether the block's left and right edges are on an aisle."""
        left = self.side_aisles if block == 1 else self.blocks[block - 2].aisle_after
        if block == len(self.blocks):
            right = self.side_aisles
        else:
            right = self.blocks[block - 1].aisle_after
        return left, right

    def aisle_distance(self, seat: Seat) -> int:
        """Seats between this one and the nearest aisle (0: on the aisle); 999 when none."""
        if seat.on_stage:
            return 999
        left, right = self.aisle_edges(seat.block)
        width = self.blocks[seat.block - 1].seats
        options = []
        if left:
            options.append(seat.number - 1)
        if right:
            options.append(width - seat.number)
        return min(options, default=999)

    def aisles_x(self) -> list[float]:
        """x of the middle of each aisle (for the drawings)."""
        xs = []
        if not self.blocks:
            return xs
        if self.side_aisles:
            xs.append(AISLE_WIDTH / 2)
        for b, block in enumerate(self.blocks):
            if block.aisle_after and (b < len(self.blocks) - 1 or self.side_aisles):
                xs.append(self.block_offsets[b] + block.seats + AISLE_WIDTH / 2)
        return xs

    @cached_property
    def steps_aisle_x(self) -> float | None:
        """x of the aisle nearest the stage steps, the way award recipients walk up (None when
        the hall has no aisle).

        No hall setting records the steps: they are taken to be at the front of the stage on its
        centre line, so the aisle is the one nearest the hall's centre (a centre aisle when
        there is one). When two are equally near (three blocks: the aisles either side of the
        middle block), the one on the side away from the lectern — the speaker's corner is not
        the way up — and the audience's left when the lectern is in the centre or absent."""
        xs = self.aisles_x()
        if not xs:
            return None
        centre = self.hall_width / 2
        away_right = self.lectern == "left"  # lectern on the left: the right-hand aisle

        def key(x: float) -> tuple:
            return (round(abs(x - centre), 6), -x if away_right else x)

        return min(xs, key=key)


def default_layout(
    blocks: int = 3,
    rows: int = 10,
    seats: int = 8,
    stage_seats: int = 7,
    stage_rows: int = 1,
    aisles: bool = True,
    row_labels: str = "letters",
    side_blocks_seats: int | None = None,
) -> HallLayout:
    """A plain hall from the "build a hall" form: equal blocks, aisles between them."""
    block_list = []
    for b in range(blocks):
        width = seats
        if side_blocks_seats and blocks >= 3 and b in (0, blocks - 1):
            width = side_blocks_seats
        block_list.append(Block(rows=rows, seats=width, name=block_name(b + 1, blocks)))
    return HallLayout(
        stage_rows=tuple(StageRow(stage_seats) for _ in range(stage_rows)),
        blocks=tuple(
            Block(rows=b.rows, seats=b.seats, name=b.name, aisle_after=aisles) for b in block_list
        ),
        row_labels=row_labels,
        side_aisles=aisles,
    )


def block_name(number: int, count: int) -> str:
    if count == 3:
        return ("Khối trái", "Khối giữa", "Khối phải")[number - 1]
    if count == 2:
        return ("Khối trái", "Khối phải")[number - 1]
    return f"Khối {number}"


# --------------------------------------------------------------------------- JSON in and out


def layout_to_data(layout: HallLayout) -> dict:
    """The layout as the JSON document stored in halls.layout and the conference file."""
    return {
        "version": LAYOUT_VERSION,
        "stage": {
            "rows": [{"seats": r.seats, "table": r.table} for r in layout.stage_rows],
            "lectern": layout.lectern,
        },
        "blocks": [
            {"name": b.name, "rows": b.rows, "seats": b.seats, "aisle_after": b.aisle_after}
            for b in layout.blocks
        ],
        "row_labels": layout.row_labels,
        "side_aisles": layout.side_aisles,
        "missing": sorted(layout.missing, key=_code_order(layout)),
        "zones": [
            {
                "key": z.key,
                "kind": z.kind,
                "label": z.label,
                "block": z.block,
                "rows": list(z.rows),
                "seats": list(z.seats),
            }
            for z in layout.zones
        ],
    }


def _code_order(layout: HallLayout):
    order = {s.code: i for i, s in enumerate(layout.seats)}
    return lambda code: (order.get(code, len(order)), code)


def layout_to_json(layout: HallLayout) -> str:
    return json.dumps(layout_to_data(layout), ensure_ascii=False)


def _int(value, where: str, low: int, high: int, messages: list[str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        messages.append(f"{where} phải là số nguyên.")
        return low
    if not low <= value <= high:
        messages.append(f"{where} phải từ {low} đến {high} (đang là {value}).")
        return max(low, min(high, value))
    return value


def _pair(value, where: str, high: int, messages: list[str]) -> tuple[int, int]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        messages.append(f"{where} phải là hai số [từ, đến].")
        return (1, 1)
    a, b = value
    if not 1 <= a <= b <= high:
        messages.append(
            f"{where} phải từ 1 đến {high}, số đầu không lớn hơn số sau (đang là {a}–{b})."
        )
        return (1, 1)
    return (a, b)


def parse_layout(data) -> HallLayout:
    """Check a layout document and return the HallLayout; LayoutError lists every problem."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as error:
            raise LayoutError(
                [
                    "Sơ đồ hội trường không đúng định dạng JSON "
                    f"(dòng {error.lineno}, cột {error.colno})."
                ]
            ) from None
    if not isinstance(data, dict):
        raise LayoutError(["Sơ đồ hội trường phải là một nhóm mục JSON ({…})."])
    messages: list[str] = []
    known = {"version", "stage", "blocks", "row_labels", "side_aisles", "missing", "zones"}
    unknown = sorted(set(data) - known)
    if unknown:
        messages.append(f"Sơ đồ hội trường có mục không biết: {', '.join(unknown)}.")
    version = data.get("version", LAYOUT_VERSION)
    if version != LAYOUT_VERSION:
        messages.append(
            f"Sơ đồ hội trường ghi theo phiên bản {version!r}; chỉ đọc được phiên bản 1."
        )

    stage = data.get("stage") or {}
    if not isinstance(stage, dict):
        messages.append("Sân khấu (stage) phải là một nhóm mục.")
        stage = {}
    stage_rows = []
    raw_rows = stage.get("rows", [])
    if not isinstance(raw_rows, list):
        messages.append("Các hàng ghế Đoàn Chủ tịch (stage.rows) phải là một danh sách.")
        raw_rows = []
    if len(raw_rows) > MAX_STAGE_ROWS:
        messages.append(f"Đoàn Chủ tịch có tối đa {MAX_STAGE_ROWS} hàng ghế.")
        raw_rows = raw_rows[:MAX_STAGE_ROWS]
    for i, row in enumerate(raw_rows, start=1):
        if not isinstance(row, dict):
            messages.append(f"Hàng {i} của Đoàn Chủ tịch phải là một nhóm mục.")
            continue
        seats = _int(
            row.get("seats"), f"Số ghế hàng {i} của Đoàn Chủ tịch", 1, MAX_STAGE_SEATS, messages
        )
        table = row.get("table", True)
        if not isinstance(table, bool):
            messages.append(
                f"Hàng {i} của Đoàn Chủ tịch: “có bàn” (table) phải là true hoặc false."
            )
            table = True
        stage_rows.append(StageRow(seats=seats, table=table))
    lectern = stage.get("lectern", "right")
    if lectern not in LECTERN_PLACES:
        messages.append(
            f"Vị trí bục phát biểu “{lectern}” không hợp lệ (right, left, centre, none)."
        )
        lectern = "right"

    blocks = []
    raw_blocks = data.get("blocks", [])
    if not isinstance(raw_blocks, list):
        messages.append("Các khối ghế (blocks) phải là một danh sách.")
        raw_blocks = []
    if len(raw_blocks) > MAX_BLOCKS:
        messages.append(f"Hội trường có tối đa {MAX_BLOCKS} khối ghế.")
        raw_blocks = raw_blocks[:MAX_BLOCKS]
    for i, block in enumerate(raw_blocks, start=1):
        if not isinstance(block, dict):
            messages.append(f"Khối {i} phải là một nhóm mục.")
            continue
        rows = _int(block.get("rows"), f"Số hàng của khối {i}", 1, MAX_ROWS, messages)
        seats = _int(
            block.get("seats"), f"Số ghế mỗi hàng của khối {i}", 1, MAX_SEATS_PER_ROW, messages
        )
        name = block.get("name", "")
        if not isinstance(name, str) or len(name) > LABEL_MAX:
            messages.append(f"Tên khối {i} phải là chữ, tối đa {LABEL_MAX} ký tự.")
            name = ""
        aisle = block.get("aisle_after", True)
        if not isinstance(aisle, bool):
            messages.append(f"Khối {i}: “lối đi bên phải” (aisle_after) phải là true hoặc false.")
            aisle = True
        blocks.append(Block(rows=rows, seats=seats, name=vn.clean_text(name), aisle_after=aisle))
    if not stage_rows and not blocks:
        messages.append(
            "Hội trường chưa có ghế nào: cần ít nhất một hàng Đoàn Chủ tịch hoặc một khối ghế."
        )

    labels = data.get("row_labels", "letters")
    if labels not in ROW_LABELS:
        messages.append("Cách đặt tên hàng (row_labels) phải là “letters” hoặc “numbers”.")
        labels = "letters"
    side_aisles = data.get("side_aisles", True)
    if not isinstance(side_aisles, bool):
        messages.append("Lối đi hai bên (side_aisles) phải là true hoặc false.")
        side_aisles = True

    total = sum(r.seats for r in stage_rows) + sum(b.rows * b.seats for b in blocks)
    if total > MAX_SEATS:
        messages.append(
            f"Hội trường có {vn.format_number(total)} ghế, "
            f"quá giới hạn {vn.format_number(MAX_SEATS)}."
        )

    zones = []
    raw_zones = data.get("zones", [])
    if not isinstance(raw_zones, list):
        messages.append("Các khu (zones) phải là một danh sách.")
        raw_zones = []
    if len(raw_zones) > MAX_ZONES:
        messages.append(f"Hội trường có tối đa {MAX_ZONES} khu.")
        raw_zones = raw_zones[:MAX_ZONES]
    keys: set[str] = set()
    for i, zone in enumerate(raw_zones, start=1):
        if not isinstance(zone, dict):
            messages.append(f"Khu {i} phải là một nhóm mục.")
            continue
        before = len(messages)
        key = zone.get("key") or f"z{i}"
        if (
            not isinstance(key, str)
            or not key.isascii()
            or not key.replace("-", "").replace("_", "").isalnum()
            or len(key) > 20
        ):
            messages.append(
                f"Khu {i}: mã khu “{key}” chỉ gồm chữ không dấu, số, - và _ (tối đa 20 ký tự)."
            )
            key = f"z{i}"
        if key in keys:
            messages.append(f"Khu {i}: mã khu “{key}” bị trùng.")
        keys.add(key)
        kind = zone.get("kind", "chung")
        if kind not in ZONE_KINDS:
            messages.append(f"Khu {i}: loại khu “{kind}” không hợp lệ ({', '.join(ZONE_KINDS)}).")
            kind = "chung"
        label = zone.get("label") or ZONE_KINDS[kind]
        if not isinstance(label, str) or len(label) > LABEL_MAX:
            messages.append(f"Khu {i}: tên khu phải là chữ, tối đa {LABEL_MAX} ký tự.")
            label = ZONE_KINDS[kind]
        block_no = _int(zone.get("block"), f"Khu {i}: khối", 1, max(1, len(blocks)), messages)
        if not blocks:
            messages.append(f"Khu {i}: hội trường chưa có khối ghế nào.")
            continue
        block = blocks[block_no - 1]
        rows = _pair(zone.get("rows"), f"Khu {i}: các hàng", block.rows, messages)
        seats = _pair(zone.get("seats"), f"Khu {i}: các ghế", block.seats, messages)
        if len(messages) > before:
            continue
        new = Zone(
            key=key, kind=kind, label=vn.clean_text(label), block=block_no, rows=rows, seats=seats
        )
        for other in zones:
            if (
                other.block == new.block
                and other.rows[0] <= new.rows[1]
                and new.rows[0] <= other.rows[1]
                and other.seats[0] <= new.seats[1]
                and new.seats[0] <= other.seats[1]
            ):
                messages.append(f"Khu {i} (“{new.label}”) chồng lên khu “{other.label}”.")
                break
        else:
            zones.append(new)

    layout_wo_missing = HallLayout(
        stage_rows=tuple(stage_rows),
        lectern=lectern,
        blocks=tuple(blocks),
        row_labels=labels,
        side_aisles=side_aisles,
        zones=tuple(zones),
    )
    raw_missing = data.get("missing", [])
    if not isinstance(raw_missing, list):
        messages.append("Các ghế không dùng (missing) phải là một danh sách mã ghế.")
        raw_missing = []
    missing = set()
    if not messages:
        codes = layout_wo_missing.seat_by_code
        for code in raw_missing:
            if not isinstance(code, str) or code not in codes:
                messages.append(
                    f"Ghế “{code}” trong danh sách ghế không dùng không có trong hội trường."
                )
            else:
                missing.add(code)
    if messages:
        raise LayoutError(messages)
    return HallLayout(
        stage_rows=layout_wo_missing.stage_rows,
        lectern=lectern,
        blocks=layout_wo_missing.blocks,
        row_labels=labels,
        side_aisles=side_aisles,
        missing=frozenset(missing),
        zones=tuple(zones),
    )


def with_changes(layout: HallLayout, **changes) -> HallLayout:
    """A copy of the layout with some fields replaced, checked again (seat codes may vanish)."""
    data = layout_to_data(layout)
    for key, value in changes.items():
        data[key] = value
    return parse_layout(data)


def toggle_missing(layout: HallLayout, codes: Iterable[str]) -> HallLayout:
    missing = set(layout.missing)
    for code in codes:
        missing ^= {code}
    return with_changes(layout, missing=sorted(missing))


def set_zone(
    layout: HallLayout, codes: Iterable[str], kind: str | None, label: str = ""
) -> HallLayout:
    """Put the seats (of one block) in a new zone covering their rectangle; kind None: take the
    seats out of every zone (zones that held them shrink to what is left, or go)."""
    seats = [layout.seat_by_code[c] for c in codes if c in layout.seat_by_code]
    seats = [s for s in seats if not s.on_stage]
    if not seats:
        raise LayoutError(
            ["Hãy chọn ít nhất một ghế trong các khối ghế (không phải Đoàn Chủ tịch)."]
        )
    blocks = {s.block for s in seats}
    if len(blocks) > 1:
        raise LayoutError(["Một khu chỉ nằm trong một khối ghế: hãy chọn các ghế cùng một khối."])
    block = blocks.pop()
    rows = (min(s.row for s in seats), max(s.row for s in seats))
    numbers = (min(s.number for s in seats), max(s.number for s in seats))
    rect = Zone("new", kind or "chung", "", block, rows, numbers)
    kept = []
    for zone in layout.zones:
        overlaps = (
            zone.block == block
            and zone.rows[0] <= rows[1]
            and rows[0] <= zone.rows[1]
            and zone.seats[0] <= numbers[1]
            and numbers[0] <= zone.seats[1]
        )
        if not overlaps:
            kept.append(zone)
    zones = [
        {
            "key": z.key,
            "kind": z.kind,
            "label": z.label,
            "block": z.block,
            "rows": list(z.rows),
            "seats": list(z.seats),
        }
        for z in kept
    ]
    if kind is not None:
        used = {z.key for z in kept}
        n = 1
        while f"z{n}" in used:
            n += 1
        zones.append(
            {
                "key": f"z{n}",
                "kind": kind,
                "label": vn.clean_text(label) or ZONE_KINDS.get(kind, kind),
                "block": rect.block,
                "rows": list(rect.rows),
                "seats": list(rect.seats),
            }
        )
    return with_changes(layout, zones=zones)


# --------------------------------------------------------------------------- people in seats


@dataclass(frozen=True)
class Person:
    """A delegate as seating needs them."""

    id: int
    full_name: str
    position: str = ""
    unit: str = ""
    protocol_rank: int = 0
    presidium: bool = False
    group_id: int | None = None
    reply: str = "pending"
    substitute_name: str = ""
    honorific: str = "Đồng chí"
    code: str = ""  # mã điểm danh (issue 21), on the table card
    code_mask: int | None = None  # its QR mask, stored with it (checkin/qrmask.py)

    @property
    def absent(self) -> bool:
        return self.reply == "absent"

    @property
    def confirmed(self) -> bool:
        return self.reply in ("attending", "substitute")

    @property
    def substituted(self) -> bool:
        return self.reply == "substitute" and bool(self.substitute_name.strip())

    @property
    def display_name(self) -> str:
        """The name printed on the seat: the substitute's when someone comes in their place."""
        return self.substitute_name.strip() if self.substituted else self.full_name

    @property
    def display_position(self) -> str:
        if self.substituted:
            return f"Dự thay {self.full_name}" + (f", {self.position}" if self.position else "")
        return self.position


def _protocol_key(person: Person) -> tuple:
    from ..delegates.logic import protocol_key

    return protocol_key(person)


@dataclass
class SeatingResult:
    """Who sits where, what is left, and what the officer should look at."""

    seats: dict[str, int]  # seat code → person id
    pinned: set[str]
    warnings: list[str]
    unseated: list[Person]

    @cached_property
    def seat_of(self) -> dict[int, str]:
        return {pid: code for code, pid in self.seats.items()}


def centre_out(seats: Sequence[Seat], right_hand_is_higher: bool) -> list[Seat]:
    """The seats of one row in protocol order: No. 1 nearest the centre, then alternately the
    next seat on No. 1's right hand and on their left hand, outwards.

    `right_hand_is_higher`: whether No. 1's right hand points to higher seat x (the audience's
    right). With an even number of seats No. 1 takes the middle seat that leaves the other middle
    seat at their right hand, so that No. 1 and No. 2 share the centre.
    """
    if not seats:
        return []
    ordered = sorted(seats, key=lambda s: s.x)
    centre = (ordered[0].x + ordered[-1].x) / 2
    sign = 1 if right_hand_is_higher else -1

    # distance from the centre; on a tie the seat on No. 1's left-hand side (so No. 2 is at the
    # right hand, the other middle seat)
    def first_key(seat: Seat) -> tuple:
        return (round(abs(seat.x - centre), 6), sign * seat.x)

    first = min(ordered, key=first_key)
    right = sorted(
        (s for s in ordered if sign * (s.x - first.x) > 0), key=lambda s: abs(s.x - first.x)
    )
    left = sorted(
        (s for s in ordered if sign * (s.x - first.x) < 0), key=lambda s: abs(s.x - first.x)
    )
    out = [first]
    for i in range(max(len(right), len(left))):
        if i < len(right):
            out.append(right[i])
        if i < len(left):
            out.append(left[i])
    return out


def protocol_order(seats: Iterable[Seat], second_side: str, facing_hall: bool) -> list[Seat]:
    """Seats of an area in the order they are filled: rows front to back, each centre out.

    `facing_hall`: the seats face the audience (the Đoàn Chủ tịch), so their right hand is the
    audience's left.
    """
    right_hand_is_higher = not facing_hall
    if second_side == "left":
        right_hand_is_higher = not right_hand_is_higher
    by_row: dict[int, list[Seat]] = {}
    for seat in seats:
        by_row.setdefault(seat.row, []).append(seat)
    out: list[Seat] = []
    for row in sorted(by_row):
        out.extend(centre_out(by_row[row], right_hand_is_higher))
    return out


def award_block_order(layout: HallLayout) -> list[int]:
    """The blocks award recipients sit in, nearest the stage steps first: the block beside the
    steps aisle that is nearer the hall's centre (the middle block of three), then the one on
    its other side, then the others by how far their nearer edge is from that aisle."""
    aisle = layout.steps_aisle_x
    centre = layout.hall_width / 2

    def key(b: int) -> tuple:
        x0 = layout.block_offsets[b - 1]
        x1 = x0 + layout.blocks[b - 1].seats
        mid = (x0 + x1) / 2
        edge = 0.0 if aisle is None else min(abs(aisle - x0), abs(aisle - x1))
        return (round(edge, 6), round(abs(mid - centre), 6), b)

    return sorted(range(1, len(layout.blocks) + 1), key=key)


def award_seats(
    layout: HallLayout,
    area: Sequence[Seat],
    batch_sizes: Sequence[int],
    taken: Iterable[str] = (),
) -> list[list[Seat]]:
    """Seats for the award batches, in stage order: each batch in consecutive seats of ONE
    block, row by row from the front, each row from the seat nearest the stage steps' aisle
    (HallLayout.steps_aisle_x) inwards; the next batch starts on the row behind the last one
    the batch before used, so each batch walks up together from one place. A batch that no
    longer fits in what is left of a block goes to the next block (award_block_order), starting
    at its front; a batch that fits in no block takes what is left, in the same order.

    `area`: the seats recipients may take (the nhan_thuong zones, or the general area);
    `taken`: seat codes already in use. Returns one list of seats per batch (shorter than the
    batch when the area runs out)."""
    used = set(taken)
    aisle = layout.steps_aisle_x
    by_block: dict[int, dict[int, list[Seat]]] = {}
    for seat in area:
        if seat.on_stage or seat.missing or seat.code in used:
            continue
        by_block.setdefault(seat.block, {}).setdefault(seat.row, []).append(seat)
    for rows in by_block.values():
        for row in rows.values():
            row.sort(key=lambda s: (abs(s.x - aisle) if aisle is not None else s.x, s.x))
    blocks = [b for b in award_block_order(layout) if b in by_block]
    next_row = {b: 1 for b in blocks}  # the first row the next batch in that block may use
    out: list[list[Seat]] = []
    current = 0
    for size in batch_sizes:
        chosen: list[Seat] = []
        for index in range(current, len(blocks)):
            block = blocks[index]
            rows = by_block[block]
            seats = [
                s
                for r in sorted(rows)
                if r >= next_row[block]
                for s in rows[r]
                if s.code not in used
            ]
            if len(seats) >= size:
                chosen = seats[:size]
                current = index
                next_row[block] = chosen[-1].row + 1
                break
        else:
            # fits in no single block: what is left, block by block in the same order
            rest = [
                s
                for b in blocks[current:]
                for r in sorted(by_block[b])
                for s in by_block[b][r]
                if s.code not in used
            ]
            chosen = rest[:size]
        used.update(s.code for s in chosen)
        out.append(chosen)
    return out


def assign_seats(
    layout: HallLayout,
    people: Iterable[Person],
    *,
    second_side: str = "right",
    zone_groups: dict[str, list[int]] | None = None,
    award_batches: Sequence[Sequence[int]] = (),
    pins: dict[str, int] | None = None,
) -> SeatingResult:
    """Seat everyone who comes, by protocol (see the module's docstring for the geometry).

    1. Pinned seats are kept as they are (a pinned person who declined is warned about).
    2. The Đoàn Chủ tịch (presidium=True) go on the stage by protocol rank: No. 1 in the centre
       of the front stage row, No. 2 at their right hand (`second_side`), No. 3 at their left, …
    3. Award recipients (the delegates who go up for an award, `award_batches` in stage order)
       sit together by batch in the zones of kind "nhan_thuong", nearest the aisle; without such
       a zone, on the aisle seats of the general area.
    4. Each zone takes the groups mapped to it (`zone_groups`), most senior in the centre of its
       front row, rows front to back. A zone that is too small spills over into the general area.
    5. Everyone else fills the general area (seats in no zone, and zones of kind "chung" no
       group is mapped to) the same way, across the blocks.

    Absent people (reply "absent") are left out; people with no reply yet are seated, but when
    seats run short the confirmed ones go first. A substitute takes the seat of the person
    they replace (the same delegate; the printouts show the substitute's name).
    """
    zone_groups = {k: list(v) for k, v in (zone_groups or {}).items() if k in layout.zone_by_key}
    pins = dict(pins or {})
    everyone = {p.id: p for p in people}
    warnings: list[str] = []
    taken: dict[str, int] = {}
    pinned: set[str] = set()
    for code, pid in pins.items():
        seat = layout.seat_by_code.get(code)
        person = everyone.get(pid)
        if person is None:
            continue
        if seat is None or seat.missing:
            warnings.append(
                f"Ghế đã ghim “{code}” của {person.display_name} không còn trong sơ đồ "
                "hội trường: đã bỏ ghim."
            )
            continue
        if pid in taken.values():
            continue
        taken[code] = pid
        pinned.add(code)
        if person.absent:
            warnings.append(f"{person.full_name} đã báo vắng nhưng vẫn được ghim ở ghế {code}.")
    seated = set(taken.values())
    # Orders are computed on every usable seat and the taken ones skipped, so a pinned person
    # in the centre keeps the others in the places the protocol gives them.
    free = layout.usable
    to_seat = [p for p in everyone.values() if not p.absent and p.id not in seated]

    def place(area: list[Seat], crowd: list[Person], ordered: bool = False) -> list[Person]:
        """Seat the crowd in the area's seats (already in filling order); return who is left.
        When seats run short, confirmed people go before those who have not replied."""
        room = [s for s in area if s.code not in taken]
        if not ordered:
            crowd = sorted(crowd, key=_protocol_key)
        if len(crowd) > len(room):
            chosen = sorted(crowd, key=lambda p: (not p.confirmed,))[: len(room)]
            keep = {p.id for p in chosen}
            left_over = [p for p in crowd if p.id not in keep]
            crowd = [p for p in crowd if p.id in keep]
        else:
            left_over = []
        for seat, person in zip(room, crowd, strict=False):
            taken[seat.code] = person.id
        return left_over

    # 2. the Đoàn Chủ tịch
    stage = protocol_order([s for s in free if s.on_stage], second_side, facing_hall=True)
    presidium = [p for p in to_seat if p.presidium]
    stage_left = place(stage, presidium)
    if stage_left:
        warnings.append(
            f"Sân khấu chỉ có {len(stage)} ghế trống cho {len(presidium)} người "
            "trong Đoàn Chủ tịch: "
            f"{len(stage_left)} người được xếp xuống hội trường."
        )
    audience = [p for p in to_seat if not p.presidium] + stage_left

    # 3. award recipients, batch by batch (a person who goes up twice sits with the first batch)
    recipient_order: list[int] = []
    audience_ids = {p.id for p in audience}
    batches: list[list[Person]] = []
    for batch in award_batches:
        members = []
        for pid in batch:
            if pid in audience_ids and pid not in recipient_order:
                recipient_order.append(pid)
                members.append(everyone[pid])
        if members:
            batches.append(members)
    recipients = [everyone[pid] for pid in recipient_order]
    recipient_ids = set(recipient_order)
    audience = [p for p in audience if p.id not in recipient_ids]

    hall_free = [s for s in free if not s.on_stage]
    zone_seats: dict[str, list[Seat]] = {z.key: [] for z in layout.zones}
    for seat in hall_free:
        if seat.zone:
            zone_seats[seat.zone].append(seat)
    for zone in layout.zones:
        all_seats = [s for s in layout.usable if s.zone == zone.key]
        if not all_seats:
            warnings.append(f"Khu “{zone.label}” không có ghế nào dùng được.")
    general_zone_keys = {
        z.key for z in layout.zones if z.kind == "chung" and not zone_groups.get(z.key)
    }
    general = [s for s in hall_free if s.zone is None or s.zone in general_zone_keys]

    spill: list[Person] = []
    award_zones = [z for z in layout.zones if z.kind == "nhan_thuong"]
    if recipients:
        if award_zones:
            area = [s for zone in award_zones for s in zone_seats[zone.key]]
        else:
            area = general
        room = sum(1 for s in area if s.code not in taken)
        places = award_seats(layout, area, [len(b) for b in batches], taken)
        left = []
        for members, seats in zip(batches, places, strict=True):
            for person, seat in zip(members, seats, strict=False):
                taken[seat.code] = person.id
            left.extend(members[len(seats) :])
        if left and award_zones:
            warnings.append(
                f"Khu nhận khen thưởng có {room} ghế cho {len(recipients)} người nhận: "
                f"{len(left)} người được xếp sang khu chung."
            )
        spill.extend(left)

    # 4. zones by group
    zone_of_group: dict[int, str] = {}
    for key, groups in zone_groups.items():
        for gid in groups:
            zone_of_group.setdefault(gid, key)
    by_zone: dict[str, list[Person]] = {}
    rest: list[Person] = []
    for person in audience:
        key = zone_of_group.get(person.group_id) if person.group_id is not None else None
        if key is None:
            rest.append(person)
        else:
            by_zone.setdefault(key, []).append(person)
    for zone in layout.zones:
        crowd = by_zone.get(zone.key, [])
        if not crowd:
            continue
        area = protocol_order(zone_seats[zone.key], second_side, facing_hall=False)
        room = sum(1 for s in area if s.code not in taken)
        left = place(area, crowd)
        if left:
            warnings.append(
                f"Khu “{zone.label}”: {len(crowd)} đại biểu nhưng chỉ có {room} ghế trống; "
                f"{len(left)} người được xếp sang khu chung."
            )
            spill.extend(left)

    # 5. everyone else
    left = place(protocol_order(general, second_side, facing_hall=False), rest + spill)
    unseated = sorted(left, key=_protocol_key)
    if unseated:
        confirmed = sum(1 for p in unseated if p.confirmed)
        warnings.append(
            f"Hội trường không đủ ghế: còn {len(unseated)} người chưa có chỗ"
            + (f" ({confirmed} đã xác nhận dự)." if confirmed else ".")
        )
    return SeatingResult(seats=taken, pinned=pinned, warnings=warnings, unseated=unseated)


# --------------------------------------------------------------------------- a plan, as it is


@dataclass
class SeatView:
    """A seat with who is in it, for the page and the printouts."""

    seat: Seat
    person: Person | None = None
    pinned: bool = False


@dataclass
class SeatingChart:
    """A conference's seating as drawn: the hall, every seat with its person, the lists."""

    title: str
    hall_name: str
    layout: HallLayout
    second_side: str
    seats: list[SeatView]
    unseated: list[Person]
    warnings: list[str]
    issuer: str = ""
    when: str = ""
    zone_counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def by_code(self) -> dict[str, SeatView]:
        return {v.seat.code: v for v in self.seats}

    @property
    def seated(self) -> list[SeatView]:
        return [v for v in self.seats if v.person is not None]

    @property
    def free_seats(self) -> list[Seat]:
        return [v.seat for v in self.seats if v.person is None and not v.seat.missing]

    @property
    def presidium(self) -> list[SeatView]:
        return [v for v in self.seats if v.seat.on_stage]

    def unconfirmed_unseated(self) -> int:
        return sum(1 for p in self.unseated if p.confirmed)


def check_plan(
    layout: HallLayout,
    people: Iterable[Person],
    assignments: dict[str, tuple[int, bool]],
    zone_groups: dict[str, list[int]] | None = None,
) -> tuple[list[SeatView], list[Person], list[str]]:
    """The plan as stored, checked: seat views, who is not seated, and warnings.

    `assignments`: seat code → (person id, pinned). Seats that no longer exist in the layout are
    reported and their people count as unseated.
    """
    everyone = {p.id: p for p in people}
    warnings: list[str] = []
    views = [SeatView(seat=s) for s in layout.seats]
    by_code = {v.seat.code: v for v in views}
    seated: set[int] = set()
    for code, (pid, pin) in assignments.items():
        person = everyone.get(pid)
        if person is None:
            continue
        view = by_code.get(code)
        if view is None or view.seat.missing:
            warnings.append(
                f"{person.display_name} đang ở ghế “{code}”, ghế này không còn trong sơ đồ."
            )
            continue
        view.person = person
        view.pinned = pin
        seated.add(pid)
        if person.absent:
            warnings.append(
                f"{person.full_name} đã báo vắng nhưng vẫn có chỗ ở ghế {code}"
                + (" (đã ghim)." if pin else ".")
            )
    unseated = sorted(
        (p for p in everyone.values() if not p.absent and p.id not in seated), key=_protocol_key
    )
    # zones too small for the groups mapped to them
    zone_groups = zone_groups or {}
    for zone in layout.zones:
        groups = set(zone_groups.get(zone.key, []))
        if not groups:
            continue
        capacity = sum(1 for s in layout.usable if s.zone == zone.key)
        coming = sum(1 for p in everyone.values() if p.group_id in groups and p.confirmed)
        if capacity == 0:
            warnings.append(f"Khu “{zone.label}” không có ghế nào dùng được.")
        elif coming > capacity:
            warnings.append(
                f"Khu “{zone.label}”: {coming} đại biểu đã xác nhận dự nhưng chỉ có {capacity} ghế."
            )
    confirmed = sum(1 for p in everyone.values() if p.confirmed)
    if confirmed > layout.capacity:
        warnings.append(
            f"Hội trường có {vn.format_number(layout.capacity)} ghế cho "
            f"{vn.format_number(confirmed)} đại biểu đã xác nhận dự."
        )
    return views, unseated, warnings


@dataclass(frozen=True)
class Progress:
    percent: int
    seated: int
    confirmed: int
    todo: list[str]


def progress(
    has_hall: bool, confirmed: int, seated_confirmed: int, warnings: Sequence[str] = ()
) -> Progress:
    """The dashboard card's figures: seated out of confirmed, and what is left to do."""
    todo: list[str] = []
    if not has_hall:
        todo.append("Chưa chọn hội trường")
        return Progress(0, 0, confirmed, todo)
    missing = confirmed - seated_confirmed
    if missing > 0:
        todo.append(f"Chưa xếp chỗ cho {vn.format_number(missing)} đại biểu")
    todo.extend(list(warnings)[:2])
    percent = min(100, round(100 * seated_confirmed / confirmed)) if confirmed else 0
    if not todo:
        todo.append("Mọi đại biểu đã xác nhận dự đều đã có chỗ ngồi.")
    return Progress(percent, seated_confirmed, confirmed, todo)


def missing_lines(has_hall: bool, confirmed: int, seated_confirmed: int) -> list[str]:
    """What a printout still lacks: "chưa xếp chỗ cho 12 đại biểu", "chưa chọn hội trường"."""
    if not has_hall:
        return ["chưa chọn hội trường"]
    missing = confirmed - seated_confirmed
    return [f"chưa xếp chỗ cho {vn.format_number(missing)} đại biểu"] if missing > 0 else []
