"""Forms of the seating part: build a hall in a minute, edit its layout, the seating settings."""

from __future__ import annotations

from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..forms import BaseForm, Length, NumberRange, Required, VNIntegerField, VNSelectField
from . import logic


def _choices(options: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in options.items()]


class HallForm(BaseForm):
    """A plain hall: blocks of equal rows × seats, aisles between them, one presidium row."""

    name = StringField(
        "Tên hội trường", validators=[Required("Hãy đặt tên cho hội trường."), Length(200)]
    )
    blocks = VNIntegerField(
        "Số khối ghế",
        validators=[Required(), NumberRange(1, logic.MAX_BLOCKS)],
        description="Thường là 3: khối trái, khối giữa, khối phải.",
    )
    rows = VNIntegerField(
        "Số hàng mỗi khối", validators=[Required(), NumberRange(1, logic.MAX_ROWS)]
    )
    seats = VNIntegerField(
        "Số ghế mỗi hàng (khối giữa)",
        validators=[Required(), NumberRange(1, logic.MAX_SEATS_PER_ROW)],
    )
    side_seats = VNIntegerField(
        "Số ghế mỗi hàng của hai khối bên",
        validators=[NumberRange(1, logic.MAX_SEATS_PER_ROW)],
        description="Để trống nếu mọi khối bằng nhau.",
    )
    aisles = BooleanField("Có lối đi giữa các khối và hai bên", default=True)
    stage_seats = VNIntegerField(
        "Số ghế Đoàn Chủ tịch mỗi hàng",
        validators=[NumberRange(0, logic.MAX_STAGE_SEATS)],
        description="0 nếu không có Đoàn Chủ tịch trên sân khấu.",
    )
    stage_rows = VNIntegerField(
        "Số hàng Đoàn Chủ tịch", validators=[NumberRange(1, logic.MAX_STAGE_ROWS)]
    )
    row_labels = VNSelectField(
        "Tên hàng ghế", choices=_choices(logic.ROW_LABELS), default="letters"
    )
    lectern = VNSelectField(
        "Bục phát biểu", choices=_choices(logic.LECTERN_PLACES), default="right"
    )

    def validate_name(self, field):
        from .operations import hall_by_name

        if field.data and hall_by_name(field.data) is not None:
            raise ValidationError(
                f"Đã có hội trường tên “{field.data}”: hãy chọn nó ở trên hoặc đặt tên khác."
            )

    def validate_seats(self, field):
        blocks, rows, seats = self.blocks.data, self.rows.data, field.data
        if blocks and rows and seats:
            side = self.side_seats.data or seats
            total = rows * (seats * max(0, blocks - 2) + side * min(blocks, 2))
            if total > logic.MAX_SEATS:
                raise ValidationError(
                    f"Hội trường này có {total} ghế, quá giới hạn {logic.MAX_SEATS} ghế."
                )

    def layout(self) -> logic.HallLayout:
        layout = logic.default_layout(
            blocks=self.blocks.data,
            rows=self.rows.data,
            seats=self.seats.data,
            stage_seats=self.stage_seats.data or 0,
            stage_rows=self.stage_rows.data or 1,
            aisles=bool(self.aisles.data),
            row_labels=self.row_labels.data,
            side_blocks_seats=self.side_seats.data,
        )
        data = logic.layout_to_data(layout)
        if not self.stage_seats.data:
            data["stage"]["rows"] = []
        data["stage"]["lectern"] = self.lectern.data
        return logic.parse_layout(data)


class LayoutForm(BaseForm):
    """The layout document itself, for what the buttons do not cover (docs/seating.md)."""

    layout = TextAreaField("Sơ đồ hội trường (JSON)", validators=[Required(), Length(200_000)])
    version = HiddenField()

    def validate_layout(self, field):
        try:
            self.parsed = logic.parse_layout(field.data or "")
        except logic.LayoutError as error:
            raise ValidationError(" ".join(error.messages)) from None


class SeatSelectionForm(BaseForm):
    """Seats chosen on the chart (comma-separated codes) and what to do with them."""

    codes = StringField(
        "Các ghế đã chọn",
        validators=[Required("Hãy chọn ít nhất một ghế trên sơ đồ."), Length(20_000)],
    )
    zone_kind = VNSelectField(
        "Loại khu", choices=_choices({"": "— Bỏ khỏi khu —", **logic.ZONE_KINDS}), default="chung"
    )
    zone_label = StringField("Tên khu", validators=[Length(logic.LABEL_MAX)])

    def selected(self) -> list[str]:
        return [
            c for c in (self.codes.data or "").replace(";", ",").replace(" ", ",").split(",") if c
        ]
