"""The plan's placeholder check reads the decoration's texts before they are fitted to the
backdrop (issue 19): the same words as the printed texts, only not broken into lines."""

from __future__ import annotations

import re

from sqlalchemy import select

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor import operations as decor_operations
from kehoach_app.decor.models import Backdrop


def _words(text: str) -> list[str]:
    return re.split(r"\s+", text.strip()) if text.strip() else []


def test_texts_before_fitting_hold_the_printed_words(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        backdrop = db.session.scalar(select(Backdrop).where(Backdrop.conference_id == demo_id))
        if backdrop is not None:  # the generated title block, the one the layout breaks
            backdrop.title_block = ""
            db.session.flush()
        printed = decor_operations.resolved_texts(conference)
        unfitted = decor_operations.texts_before_fitting(conference)
        assert printed.keys() == unfitted.keys()
        assert any("\n" in text for text in printed.values())
        for item_id, text in printed.items():
            assert _words(unfitted[item_id]) == _words(text), item_id
        # Fewer lines before fitting: the title's paragraphs are whole.
        assert sum(t.count("\n") for t in unfitted.values()) < sum(
            t.count("\n") for t in printed.values()
        )
        db.session.rollback()


def test_a_gap_in_a_broken_title_block_is_still_the_decorations(app, demo_id):
    """A field value (a paragraph of the title block with "…") masks the plan's text even where
    the layout broke it over two lines, and the gaps after it keep their line numbers."""
    from kehoach_app.plan.checks import _own_gaps

    value = "HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA KHEN THƯỞNG LẦN THỨ …"
    plan_text = (
        "Chữ trên phông: HỘI NGHỊ TỔNG KẾT CÔNG TÁC\n"
        "THI ĐUA KHEN THƯỞNG LẦN THỨ … (chữ vàng trên nền đỏ)\n"
        "Kinh phí: năm … do xã cấp"
    )
    gaps = list(_own_gaps(plan_text, [value]))
    assert [(g.line, g.fragment) for g in gaps] == [(3, "Kinh phí: năm … do xã cấp")]
