"""Demo awards: 30 realistic awards across five forms for the demo conference (a xã's review).

Names carry every kind of Vietnamese diacritic. Where the delegates' demo part has already
added delegates, a few collectives' representatives are linked to them and the ceremony gets a
break after the provincial awards; without delegates the representatives are typed names.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..conferences.models import Conference
from ..db import db
from ..delegates.models import Delegate
from . import catalogue, operations
from .models import Award, AwardForm, CeremonySettings

# (form code, kind, name, job title, unit, representative)
_AWARDS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "bang_khen_thu_tuong",
        "individual",
        "Lê Thị Ngọc Hân",
        "Chủ tịch Hội Nông dân",
        "Hội Nông dân xã Tân Hòa",
        "",
    ),
    ("bang_khen_tinh", "collective", "Trường Tiểu học Tân Hòa", "", "xã Tân Hòa", "Phạm Quốc Việt"),
    ("bang_khen_tinh", "collective", "Trạm Y tế xã Tân Hòa", "", "xã Tân Hòa", "Đỗ Thị Thanh Thủy"),
    (
        "bang_khen_tinh",
        "collective",
        "Hợp tác xã Nông nghiệp Mỹ Lộc",
        "",
        "ấp Mỹ Lộc",
        "Huỳnh Văn Lũy",
    ),
    (
        "bang_khen_tinh",
        "individual",
        "Trần Văn Đức",
        "Phó Chủ tịch Ủy ban nhân dân",
        "Ủy ban nhân dân xã Tân Hòa",
        "",
    ),
    (
        "bang_khen_tinh",
        "individual",
        "Nguyễn Thị Kiều Oanh",
        "Hiệu trưởng",
        "Trường Trung học cơ sở Tân Hòa",
        "",
    ),
    ("bang_khen_tinh", "individual", "Võ Hoàng Yến", "Trưởng Công an xã", "Công an xã Tân Hòa", ""),
    (
        "bang_khen_tinh",
        "individual",
        "Ngô Thị Diễm Phương",
        "Bí thư Đoàn Thanh niên",
        "Đoàn xã Tân Hòa",
        "",
    ),
    (
        "tap_the_lao_dong_xuat_sac",
        "collective",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "",
        "xã Tân Hòa",
        "Lâm Thị Ánh Tuyết",
    ),
    (
        "tap_the_lao_dong_xuat_sac",
        "collective",
        "Trường Mầm non Hướng Dương",
        "",
        "xã Tân Hòa",
        "Châu Ngọc Bích",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Đặng Minh Khôi",
        "Công chức Văn phòng - Thống kê",
        "Ủy ban nhân dân xã Tân Hòa",
        "",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Phan Thị Mỹ Duyên",
        "Giáo viên",
        "Trường Tiểu học Tân Hòa",
        "",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Bùi Văn Chiến",
        "Công chức Tư pháp - Hộ tịch",
        "Ủy ban nhân dân xã Tân Hòa",
        "",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Hồ Thị Thu Trang",
        "Y sĩ",
        "Trạm Y tế xã Tân Hòa",
        "",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Dương Quốc Bảo",
        "Giáo viên",
        "Trường Trung học cơ sở Tân Hòa",
        "",
    ),
    (
        "chien_si_thi_dua_co_so",
        "individual",
        "Tô Thị Huệ",
        "Kế toán",
        "Ủy ban nhân dân xã Tân Hòa",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Ban Nhân dân ấp Mỹ Lộc",
        "",
        "ấp Mỹ Lộc",
        "Trương Văn Lực",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Ban Nhân dân ấp Tân Phú",
        "",
        "ấp Tân Phú",
        "Lý Thị Hường",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Chi hội Phụ nữ ấp Hòa Lợi",
        "",
        "Hội Liên hiệp Phụ nữ xã Tân Hòa",
        "Mai Thị Nở",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Tổ hợp tác Rau sạch Bình An",
        "",
        "ấp Bình An",
        "Quách Văn Tỷ",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Chi đoàn ấp Tân Phú",
        "",
        "Đoàn xã Tân Hòa",
        "Kha Minh Thư",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "collective",
        "Câu lạc bộ Dưỡng sinh Người cao tuổi",
        "",
        "Hội Người cao tuổi xã Tân Hòa",
        "Âu Văn Ẩn",
    ),
    ("giay_khen_chu_tich_ubnd_xa", "individual", "Nguyễn Văn Tư", "Trưởng ấp", "ấp Mỹ Lộc", ""),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Lê Thị Ửng",
        "Chi hội trưởng Phụ nữ",
        "ấp Hòa Lợi",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Thạch Sô Phênh",
        "Người có uy tín",
        "ấp Bình An",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Phạm Thị Ngọc Ẩn",
        "Cộng tác viên dân số",
        "ấp Tân Phú",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Trịnh Quang Hưởng",
        "Công an viên",
        "Công an xã Tân Hòa",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Vũ Thị Mỹ Lệ",
        "Nhân viên y tế ấp",
        "ấp Hòa Lợi",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Đoàn Văn Sĩ",
        "Nông dân sản xuất, kinh doanh giỏi",
        "ấp Mỹ Lộc",
        "",
    ),
    (
        "giay_khen_chu_tich_ubnd_xa",
        "individual",
        "Kiều Thị Ưng",
        "Tổ trưởng tổ tự quản",
        "ấp Bình An",
        "",
    ),
)

# The decision of each form: (number, days before the conference).
_DECISIONS = {
    "bang_khen_thu_tuong": ("1892/QĐ-TTg", 40),
    "bang_khen_tinh": ("3417/QĐ-UBND", 25),
    "tap_the_lao_dong_xuat_sac": ("3418/QĐ-UBND", 25),
    "chien_si_thi_dua_co_so": ("215/QĐ-UBND", 12),
    "giay_khen_chu_tich_ubnd_xa": ("216/QĐ-UBND", 12),
}


def add_demo_awards(conference: Conference, today: dt.date) -> None:
    catalogue.ensure_catalogue()
    forms = {f.code: f for f in db.session.scalars(select(AwardForm))}
    delegates = list(
        db.session.scalars(select(Delegate).where(Delegate.conference_id == conference.id))
    )
    by_unit = {}
    for delegate in delegates:
        if not delegate.presidium:
            by_unit.setdefault(delegate.unit, delegate)
    positions: dict[int, int] = {}
    for code, kind, name, job, unit, representative in _AWARDS:
        form = forms.get(code)
        if form is None:
            continue
        positions[form.id] = positions.get(form.id, 0) + 1
        number, days = _DECISIONS[code]
        # a collective's leader invited as a delegate goes up for it (linked, not typed twice)
        delegate = by_unit.get(name) if kind == "collective" else None
        db.session.add(
            Award(
                conference_id=conference.id,
                form_id=form.id,
                position=positions[form.id],
                recipient_kind=kind,
                name=name,
                unit=unit,
                job_title=job,
                decision_number=number,
                decision_date=conference.date - dt.timedelta(days=days),
                receiver_delegate_id=delegate.id if delegate else None,
                receiver_name=delegate.full_name if delegate else representative,
            )
        )
    db.session.add(
        CeremonySettings(
            conference_id=conference.id, batch_size=10, breaks_after="tap_the_lao_dong_xuat_sac"
        )
    )
    db.session.flush()
    # the programme's award items follow the ceremony, as after any change made on the pages
    operations.sync_programme(conference)
