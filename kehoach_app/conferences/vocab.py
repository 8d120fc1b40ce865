"""The fixed vocabularies of a conference: codes stored in the database and files, labels shown.

Codes are English-ish ASCII and never change (they are in saved conference files); labels are the
Vietnamese the officer reads and may be reworded freely.
"""

from __future__ import annotations

# The kinds of conference seen in the seed plans (DOMAIN.md, "What the seed plans contain").
KINDS: dict[str, str] = {
    "tong_ket": "Hội nghị tổng kết công tác thi đua, khen thưởng",
    "giao_uoc": "Hội nghị tổng kết và ký kết giao ước thi đua",
    "trao_thuong": "Hội nghị trao thưởng cấp Nhà nước",
    "dai_hoi": "Đại hội Thi đua yêu nước",
    "tuyen_duong": "Hội nghị tuyên dương điển hình tiên tiến",
}

# Local government has two levels since 01/7/2025 (tỉnh; xã/phường/đặc khu). "huyện" stays for
# older records and units that still use it; nothing may assume it.
LEVELS: dict[str, str] = {
    "tinh": "Cấp tỉnh",
    "xa": "Cấp xã (xã, phường, đặc khu)",
    "huyen": "Cấp huyện (hồ sơ trước 01/7/2025)",
}

# The organiser's kind of unit (the "Cấp tổ chức" follows from it, LEVEL_OF_UNIT_TYPE). The
# provinces and their xã, phường, đặc khu since 01/7/2025 come from the official list
# (conferences/units.py, presets/admin_units.json); "khac" is a body typed by hand — a Sở, a Cụm
# or Khối thi đua — whose level the officer chooses; "" is a record made before the field existed.
UNIT_TYPES: dict[str, str] = {
    "tinh": "Tỉnh",
    "thanh_pho": "Thành phố trực thuộc trung ương",
    "xa": "Xã",
    "phuong": "Phường",
    "dac_khu": "Đặc khu",
    "huyen": "Huyện (hồ sơ trước 01/7/2025)",
    "khac": "Cơ quan, tổ chức khác (tự nhập)",
}
LEVEL_OF_UNIT_TYPE: dict[str, str] = {
    "tinh": "tinh",
    "thanh_pho": "tinh",
    "xa": "xa",
    "phuong": "xa",
    "dac_khu": "xa",
    "huyen": "huyen",
}

# How long the conference lasts; the programme issue warns when the agenda overruns it.
LENGTHS: dict[str, str] = {
    "session": "Một buổi",
    "half_day": "Nửa ngày",
    "full_day": "Một ngày",
}

# Kinds of programme item (issue 3); presets name them by code.
AGENDA_KINDS: dict[str, str] = {
    "van_nghe": "Văn nghệ chào mừng",
    "chao_co": "Chào cờ",
    "tuyen_bo_ly_do": "Tuyên bố lý do, giới thiệu đại biểu",
    "bao_cao": "Báo cáo tổng kết",
    "phong_su": "Phóng sự, video",
    "tham_luan": "Tham luận",
    "thao_luan": "Thảo luận",
    "trao_thuong": "Trao thưởng",
    "nghi_giai_lao": "Nghỉ giải lao",
    "phat_bieu_chi_dao": "Phát biểu chỉ đạo",
    "phat_dong": "Phát động thi đua",
    "huong_ung": "Hưởng ứng",
    "ky_ket": "Ký kết giao ước thi đua",
    "be_mac": "Bế mạc",
    "khac": "Nội dung khác",
}

# Where a decoration item goes (issue 7).
DECOR_AREAS: dict[str, str] = {
    "san_khau": "Sân khấu",
    "trong_hoi_truong": "Trong hội trường",
    "ngoai_hoi_truong": "Ngoài hội trường, sảnh",
}

# Budget line categories (issue 8).
BUDGET_CATEGORIES: dict[str, str] = {
    "hoi_truong": "Hội trường",
    "trang_tri": "Trang trí khánh tiết",
    "tai_lieu": "Tài liệu",
    "nuoc_uong": "Nước uống",
    "an": "Ăn",
    "van_nghe": "Văn nghệ",
    "phong_su": "Phóng sự, video",
    "am_thanh_anh_sang": "Âm thanh, ánh sáng",
    "tien_thuong": "Tiền thưởng",
    "hien_vat": "Hiện vật khen thưởng",
    "khac": "Khác",
}

# The kinds whose event is a Đại hội, not a Hội nghị (seed 004: "Đại hội Thi đua yêu nước").
CONGRESS_KINDS = frozenset({"dai_hoi"})


def event_noun(kind: str) -> str:
    """What every text calls the event of a kind: "Đại hội" for an Đại hội Thi đua yêu nước,
    else "Hội nghị" (issue 17: one helper, used by the plan, the programme, the tasks and the
    decoration)."""
    return "Đại hội" if kind in CONGRESS_KINDS else "Hội nghị"
