"""The demo's decoration."""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from .models import Backdrop
from .operations import items_of


def add_demo_data(conference: Conference, today: dt.date) -> None:
    """The demo conference's backdrop is measured, a few items are done, prices are filled."""
    db.session.add(Backdrop(conference_id=conference.id, width_m=9.0, height_m=4.0, title_block=""))
    for index, item in enumerate(items_of(conference)):
        item.unit_cost = _DEMO_COSTS.get(item.item, 0)
        if index < 3:
            item.status = "done"
        elif index == 3:
            item.status = "doing"
    db.session.flush()


# Estimated prices of the demo (đồng), so the budget and the cost column show something real.
# Only items that no package line of the preset's estimate already pays for: the title,
# banner, bunting and flowers are in the packages "Phông, tiêu đề, băng khẩu hiệu, cờ chuỗi"
# and "Hoa tươi trang trí sân khấu, bàn đại biểu, bục phát biểu"; pricing them here too would
# count them twice (docs/budget.md, "Decoration money is counted once"). New flags and rented
# plants are priced one by one; the two Quốc kỳ and the two groups of Cây cảnh show how two
# items of one name read in the estimate.
_DEMO_COSTS = {
    "Quốc kỳ": 150_000,
    "Cây cảnh": 80_000,
}
