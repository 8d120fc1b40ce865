"""The demo conference's estimate, line by line, against a table worked by hand; and what
moves when the planned count or the decoration changes (issue 14)."""

from __future__ import annotations

import io

import pdfplumber
from sqlalchemy import select

from kehoach_app.budget import operations
from kehoach_app.budget.models import BudgetLine
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor.models import DecorItem
from tests.conftest import post

# The demo (tong_ket.xa, 100 đại biểu dự kiến, nửa ngày = 0,5 ngày, cấp xã) worked by hand:
# (content, unit, quantity, unit price, amount). Amount = quantity × unit price.
HAND_TABLE = [
    (
        "Trang trí khánh tiết",
        [
            # the preset's two package lines (the items they name carry no cost of their own)
            ("Phông, tiêu đề, băng khẩu hiệu, cờ chuỗi", "gói", "1", 3_000_000, 3_000_000),
            ("Hoa tươi trang trí sân khấu, bàn đại biểu, bục phát biểu", "gói", "1",
             2_000_000, 2_000_000),
            # decoration items priced one by one, each named with its place (two of each name)
            ("Quốc kỳ (sân khấu)", "lá", "1", 150_000, 150_000),
            ("Cây cảnh (sân khấu)", "chậu", "6", 80_000, 480_000),  # 6 × 80.000
            ("Quốc kỳ (ngoài hội trường, sảnh)", "lá", "1", 150_000, 150_000),
            ("Cây cảnh (ngoài hội trường, sảnh)", "chậu", "4", 80_000, 320_000),  # 4 × 80.000
        ],
        6_100_000,
    ),
    (
        "Tài liệu",
        [
            # 100 delegates + 20 in reserve (the demo's overridden line)
            ("In Giấy mời", "cái", "120", 5_000, 600_000),
            ("In tài liệu Hội nghị (chương trình, báo cáo tổng kết)", "bộ", "100", 20_000,
             2_000_000),
        ],
        2_600_000,
    ),
    # 100 đại biểu × 0,5 ngày = 50 người/ngày × 40.000
    ("Nước uống", [("Nước uống cho đại biểu", "người/ngày", "50", 40_000, 2_000_000)], 2_000_000),
    (
        "Ăn",
        [("Hỗ trợ tiền ăn cho đại biểu không hưởng lương từ ngân sách nhà nước", "người/ngày",
          "20", 100_000, 2_000_000)],
        2_000_000,
    ),
    (
        "Văn nghệ",
        [("Bồi dưỡng 03 tiết mục văn nghệ và nhạc nền trao khen thưởng", "chương trình", "1",
          3_000_000, 3_000_000)],
        3_000_000,
    ),
    (
        "Phóng sự, video",
        [("Clip phóng sự hình ảnh kết quả phong trào thi đua (khoảng 15 phút)", "phóng sự",
          "1", 5_000_000, 5_000_000)],
        5_000_000,
    ),
    (
        "Âm thanh, ánh sáng",
        [("Âm thanh, ánh sáng, màn hình", "buổi", "1", 2_000_000, 2_000_000)],
        2_000_000,
    ),
    (
        "Tiền thưởng",
        [
            # Only the awards the xã decides (its Giấy khen, the cơ sở title its chairman
            # decides): the level that decides an award pays it (Luật Thi đua, khen thưởng
            # 2022, Điều 11 khoản 4). The Bằng khen of the Thủ tướng and of the province and
            # the Tập thể lao động xuất sắc are paid by those levels, not by this estimate.
            # hệ số × 2.530.000 (× 2 for a collective), rounded up to the 10.000 đồng
            ("Tiền thưởng Chiến sĩ thi đua cơ sở (cá nhân)", "cá nhân", "6", 2_530_000,
             15_180_000),  # 1,0 × 2.530.000
            ("Tiền thưởng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Hòa (tập thể)",
             "tập thể", "6",
             1_520_000, 9_120_000),  # 0,3 × 2 × 2.530.000 = 1.518.000 → 1.520.000
            ("Tiền thưởng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Hòa (cá nhân)",
             "cá nhân", "8",
             760_000, 6_080_000),  # 0,3 × 2.530.000 = 759.000 → 760.000
        ],
        30_380_000,
    ),
    (
        "Hiện vật khen thưởng",
        [
            # frames of the xã's own awards: 6 Chiến sĩ thi đua cơ sở; 6 + 8 Giấy khen
            ("Bằng chứng nhận có khung", "chiếc", "6", 80_000, 480_000),
            ("Giấy khen có khung", "chiếc", "14", 80_000, 1_120_000),
        ],
        1_600_000,
    ),
    (
        "Khác",
        [
            # one bó per award handed on stage, whoever pays it: 1 + 3 + 4 + 2 + 6 + 6 + 8
            ("Hoa tặng tập thể, cá nhân nhận khen thưởng trên sân khấu", "bó", "30", 60_000,
             1_800_000),
            ("Văn phòng phẩm và chi khác phục vụ Hội nghị", "gói", "1", 1_000_000, 1_000_000),
        ],
        2_800_000,
    ),
]  # fmt: skip
# 6.100.000 + 2.600.000 + 2.000.000 + 2.000.000 + 3.000.000 + 5.000.000 + 2.000.000
# + 30.380.000 + 1.600.000 + 2.800.000
HAND_TOTAL = 57_480_000
HAND_WORDS = "Năm mươi bảy triệu bốn trăm tám mươi nghìn đồng"


def _estimate(app, cid):
    with app.app_context():
        budget, _ = operations.budget_of(db.session.get(Conference, cid))
        db.session.commit()
        return (
            [
                (
                    group.label,
                    [
                        (r.line.content, r.line.unit, r.quantity_text, r.line.unit_price, r.amount)
                        for r in group.rows
                    ],
                    group.subtotal,
                )
                for group in budget.groups
            ],
            budget.total,
            budget.total_in_words,
        )


def test_hand_table_sums_up():
    for _label, rows, subtotal in HAND_TABLE:
        assert sum(amount for *_, amount in rows) == subtotal
    assert sum(subtotal for *_, subtotal in HAND_TABLE) == HAND_TOTAL


def test_demo_estimate_line_by_line(app, client, demo_id):
    groups, total, words = _estimate(app, demo_id)
    assert [g[0] for g in groups] == [g[0] for g in HAND_TABLE]
    for (label, rows, subtotal), (_, hand_rows, hand_subtotal) in zip(
        groups, HAND_TABLE, strict=True
    ):
        assert rows == hand_rows, label
        assert subtotal == hand_subtotal, label
    assert total == HAND_TOTAL
    assert words == HAND_WORDS
    # No decoration paid twice: no item with its own line is named by a package line.
    decor_names = [row[0] for row in HAND_TABLE[0][1][2:]]
    assert len(set(decor_names)) == len(decor_names)
    # The page says which delegate count it used and that the meal line is there.
    html = client.get(f"/hoi-nghi/{demo_id}/du-toan").get_data(as_text=True)
    assert "Số đại biểu tính dự toán: 100 — số dự kiến ở Thông tin chung." in html
    assert (
        "tiền ăn: 1 dòng, đối chiếu định mức cuộc họp do xã, phường, đặc khu tổ chức (không "
        "phân biệt địa điểm)" in html
    )
    assert "không chi" not in html
    # the awards another level decides are named once, and left out of the estimate
    assert (
        "Tiền thưởng, hiện vật khen thưởng của Bằng khen của Thủ tướng Chính phủ do cấp trình "
        "khen thưởng cấp Nhà nước chi; Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh, "
        "Tập thể lao động xuất sắc do cấp tỉnh chi, không tính vào dự toán này"
    ) in html
    # the chosen province set is not the general one: the fallback is said
    assert "(mục nào bộ này không có thì theo định mức chung)" in html


def test_demo_estimate_pdf_reads_right(app, client, demo_id):
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/du-toan.pdf")
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(pdf.data)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    flat = " ".join(text.split())
    for name in ("Quốc kỳ (sân khấu)", "Cây cảnh (sân khấu)"):
        assert name in flat
    assert "57.480.000" in flat and HAND_WORDS in flat
    assert "6.100.000" in flat  # the decoration subtotal, each thing counted once
    # no note to the clerk on a document that gets signed
    for clerk_note in ("Số đại biểu tính dự toán", "cần kiểm tra", "Chỉ ghi giá", "không chi"):
        assert clerk_note not in flat


def _set_planned(app, cid, planned):
    with app.app_context():
        db.session.get(Conference, cid).planned_delegates = planned
        db.session.commit()


def test_changing_the_planned_count_moves_drinks_and_documents(app, client, demo_id):
    _set_planned(app, demo_id, 120)
    groups, total, _ = _estimate(app, demo_id)
    by_label = {label: rows for label, rows, _ in groups}
    # 120 đại biểu × 0,5 ngày = 60 người/ngày × 40.000 = 2.400.000 (was 2.000.000)
    assert by_label["Nước uống"] == [
        ("Nước uống cho đại biểu", "người/ngày", "60", 40_000, 2_400_000)
    ]
    # documents follow the count: 120 × 20.000; the invitations line is overridden (stays 120)
    assert by_label["Tài liệu"] == [
        ("In Giấy mời", "cái", "120", 5_000, 600_000),
        ("In tài liệu Hội nghị (chương trình, báo cáo tổng kết)", "bộ", "120", 20_000,
         2_400_000),
    ]  # fmt: skip
    assert total == HAND_TOTAL + 400_000 + 400_000
    html = client.get(f"/hoi-nghi/{demo_id}/du-toan").get_data(as_text=True)
    assert "Số đại biểu tính dự toán: 120 — số dự kiến ở Thông tin chung." in html


def test_confirmed_above_planned_is_said(app, client, conference_id):
    from kehoach_app.delegates.models import Delegate

    cid = conference_id  # 150 planned
    _set_planned(app, cid, 2)
    with app.app_context():
        for n in range(3):
            db.session.add(Delegate(conference_id=cid, full_name=f"Người {n}", reply="attending"))
        db.session.commit()
    html = client.get(f"/hoi-nghi/{cid}/du-toan").get_data(as_text=True)
    assert (
        "Số đại biểu tính dự toán: 3 — số đại biểu đã xác nhận dự, lớn hơn số dự kiến (2)." in html
    )


def test_adding_a_priced_decor_item_adds_one_line_and_a_package_naming_it_blocks(
    app, client, demo_id
):
    from kehoach_app.checks import run_checks

    before, total_before, _ = _estimate(app, demo_id)
    page = f"/hoi-nghi/{demo_id}/trang-tri/them"
    response = post(
        client,
        page,
        {"area": "san_khau", "item": "Pano tuyên truyền", "quantity": "2", "unit": "tấm",
         "placement": "Hai bên sân khấu", "text": "", "responsible": "", "days_before": "2",
         "status": "todo", "unit_cost": "1.200.000", "notes": ""},
        page=page,
    )  # fmt: skip
    assert response.status_code == 302
    after, total_after, _ = _estimate(app, demo_id)
    decor_before, decor_after = before[0][1], after[0][1]
    assert len(decor_after) == len(decor_before) + 1
    assert decor_after[-1] == ("Pano tuyên truyền", "tấm", "2", 1_200_000, 2_400_000)
    assert total_after == total_before + 2_400_000
    # an officer types a package line that names it: counted twice → blocks
    post(
        client,
        f"/hoi-nghi/{demo_id}/du-toan/them",
        {"category": "trang_tri", "content": "In pano tuyên truyền và băng rôn", "unit": "gói",
         "quantity": "1", "unit_price": "3.000.000", "norm_code": "", "notes": ""},
        page=f"/hoi-nghi/{demo_id}/du-toan",
    )  # fmt: skip
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        line_id = db.session.scalar(
            select(BudgetLine.id).where(
                BudgetLine.conference_id == demo_id,
                BudgetLine.content == "In pano tuyên truyền và băng rôn",
            )
        )
        twice = [p for p in run_checks(conference) if p.key == "budget.decoration_twice"]
    assert len(twice) == 1
    assert twice[0].blocking
    assert twice[0].message == (
        "Tiền trang trí “Pano tuyên truyền” tính hai lần: đã có trong dòng “In pano tuyên "
        "truyền và băng rôn” của dự toán và có dòng riêng theo dự kiến chi ở phần Trang trí "
        "(2.400.000 đồng)."
    )
    assert twice[0].fix_url == f"/hoi-nghi/{demo_id}/du-toan/{line_id}/sua"
    assert "du-toan" in twice[0].printouts


def test_twin_names_follow_the_items(app, client, demo_id):
    """Deleting the second Quốc kỳ drops the place from the first one's line; the keys (and so
    an override) stay."""
    with app.app_context():
        outside = db.session.scalar(
            select(DecorItem).where(
                DecorItem.conference_id == demo_id,
                DecorItem.item == "Quốc kỳ",
                DecorItem.area == "ngoai_hoi_truong",
            )
        )
        db.session.delete(outside)
        db.session.commit()
    groups, _, _ = _estimate(app, demo_id)
    names = [row[0] for row in groups[0][1]]
    assert "Quốc kỳ" in names and "Cây cảnh (sân khấu)" in names
    assert not any(name.startswith("Quốc kỳ (") for name in names)
    with app.app_context():
        budget, _specs = operations.budget_of(db.session.get(Conference, demo_id))
        keys = {row.line.derived_key for row in budget.rows}
        stored = set(
            db.session.scalars(
                select(BudgetLine.derived_key).where(BudgetLine.conference_id == demo_id)
            )
        )
    assert {"decor:quốc kỳ", "decor:cây cảnh", "decor:cây cảnh#2"} <= keys
    assert "decor:quốc kỳ#2" not in keys
    assert "decor:quốc kỳ#2" in stored  # dropped when the estimate next changes, not on a read
