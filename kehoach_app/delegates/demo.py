"""Demo delegates: about forty people of a xã conference, spread over the preset's groups.

The names use every Vietnamese tone and letter mark (à á ả ã ạ, ă â ê ô ơ ư, đ) so that a printed
invitation or list shows at once that each letter comes out right. Five people sit in the Đoàn
Chủ tịch, the leaders carry protocol ranks, and the replies are a realistic mix.
"""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from .logic import normalise_phone
from .models import Delegate
from .operations import groups_of

# (group number in the preset's order or None, honorific, name, position, unit, protocol rank,
#  Đoàn Chủ tịch, phone, invitation sent how many days ago (None: not yet), reply, substitute)
PEOPLE = (
    (1, "Ông", "Lê Quốc Hưng", "Phó Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh", 1, True, "0913 456 789",
     9, "attending", ""),
    (1, "Bà", "Đặng Thị Thu Hương", "Phó Trưởng ban Ban Thi đua - Khen thưởng", "Sở Nội vụ tỉnh", 9,
     False, "0987.654.321", 9, "substitute", "Quách Ngọc Diễm"),
    (2, "Đồng chí", "Nguyễn Văn Thạnh", "Bí thư Đảng ủy xã", "Đảng ủy xã Tân Hòa", 2, True,
     "0918 223 344", 9, "attending", ""),
    (2, "Đồng chí", "Võ Hữu Lộc", "Phó Bí thư Thường trực Đảng ủy xã", "Đảng ủy xã Tân Hòa", 6,
     False, "0909 112 233", 9, "attending", ""),
    (2, "Bà", "Phạm Thị Ngọc Ánh", "Chủ tịch Hội đồng nhân dân xã", "Hội đồng nhân dân xã Tân Hòa",
     3, True, "0939 445 566", 9, "attending", ""),
    (2, "Bà", "Đỗ Thị Mỹ Duyên", "Phó Chủ tịch Hội đồng nhân dân xã",
     "Hội đồng nhân dân xã Tân Hòa", 7, False, "0377 889 900", 9, "pending", ""),
    (3, "Ông", "Trương Minh Đức", "Chủ tịch Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Hòa", 4,
     True, "0916 778 899", 9, "attending", ""),
    (3, "Bà", "Nguyễn Thị Hồng Nhung", "Phó Chủ tịch Ủy ban nhân dân xã",
     "Ủy ban nhân dân xã Tân Hòa", 8, False, "0945 123 987", 9, "attending", ""),
    (3, "Ông", "Hồ Sỹ Khải", "Phó Chủ tịch Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Hòa", 10,
     False, "0356 234 567", 9, "absent", ""),
    (4, "Bà", "Huỳnh Thị Kiều Oanh", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã",
     "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa", 5, True, "0919 334 455", 9, "attending", ""),
    (4, "Bà", "Lý Thị Tuyết Nhi", "Chủ tịch Hội Liên hiệp Phụ nữ xã",
     "Hội Liên hiệp Phụ nữ xã Tân Hòa", 11, False, "0388 456 123", 7, "attending", ""),
    (4, "Ông", "Dương Quang Vĩnh", "Chủ tịch Hội Nông dân xã", "Hội Nông dân xã Tân Hòa", 12, False,
     "0703 556 677", 7, "pending", ""),
    (4, "Ông", "Trịnh Văn Ẩn", "Chủ tịch Hội Cựu chiến binh xã", "Hội Cựu chiến binh xã Tân Hòa",
     13, False, "0822 667 788", 7, "attending", ""),
    (4, "Ông", "Bùi Đăng Khoa", "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
     "Đoàn Thanh niên xã Tân Hòa", 14, False, "0587 778 899", 7, "substitute", "Lưu Thị Ngọc Hạnh"),
    (5, "Bà", "Tạ Thị Thanh Thủy",
     "Công chức Văn hóa - Xã hội, thường trực Hội đồng Thi đua - Khen thưởng",
     "Ủy ban nhân dân xã Tân Hòa", 0, False, "0276 3822 123", 5, "attending", ""),
    (5, "Ông", "Phan Văn Ngữ", "Trưởng Công an xã", "Công an xã Tân Hòa", 15, False, "0962 345 678",
     5, "attending", ""),
    (5, "Ông", "Kiều Anh Tuấn", "Chỉ huy trưởng Ban Chỉ huy quân sự xã",
     "Ban Chỉ huy quân sự xã Tân Hòa", 16, False, "0971 456 789", 5, "pending", ""),
    (6, "Ông", "Lương Thế Hiển", "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
     "Ủy ban nhân dân xã Tân Hòa", 17, False, "0905 567 890", 5, "attending", ""),
    (6, "Bà", "Mai Thị Ngọc Hân", "Trưởng phòng Kinh tế", "Ủy ban nhân dân xã Tân Hòa", 18, False,
     "0934 678 901", 5, "attending", ""),
    (6, "Ông", "Ngô Quốc Bảo", "Trưởng phòng Văn hóa - Xã hội", "Ủy ban nhân dân xã Tân Hòa", 19,
     False, "0948 789 012", 5, "absent", ""),
    (6, "Bà", "Âu Thị Bích Trâm", "Giám đốc Trung tâm Phục vụ hành chính công",
     "Ủy ban nhân dân xã Tân Hòa", 20, False, "0326 890 123", None, "pending", ""),
    (7, "Bà", "Hà Thị Ngọc Quỳnh", "Hiệu trưởng", "Trường Trung học cơ sở Tân Hòa", 0, False,
     "0367 901 234", 3, "attending", ""),
    (7, "Ông", "Lâm Chí Thiện", "Trưởng Trạm Y tế", "Trạm Y tế xã Tân Hòa", 0, False,
     "0398 012 345", 3, "pending", ""),
    (7, "Ông", "Vương Đình Hoàng", "Giám đốc", "Hợp tác xã Nông nghiệp Mỹ Lợi", 0, False,
     "+84 912 123 456", None, "pending", ""),
    (7, "Bà", "Tôn Nữ Khánh Ly", "Hiệu trưởng", "Trường Mầm non Hoa Sen", 0, False, "0778 234 567",
     3, "attending", ""),
    (8, "Ông", "Đinh Công Trứ", "Bí thư Chi bộ ấp Mỹ Lộc", "Ấp Mỹ Lộc", 0, False, "0789 345 678", 3,
     "attending", ""),
    (8, "Ông", "Quách Văn Tỷ", "Trưởng ấp Mỹ Lộc", "Ấp Mỹ Lộc", 0, False, "0799 456 789", 3,
     "pending", ""),
    (8, "Bà", "Thái Thị Yến", "Trưởng ấp Tân Phú", "Ấp Tân Phú", 0, False, "0836 567 890", 3,
     "attending", ""),
    (8, "Ông", "Khổng Minh Nhựt", "Bí thư Chi bộ ấp Tân Phú", "Ấp Tân Phú", 0, False,
     "0847 678 901", None, "pending", ""),
    (8, "Ông", "Cao Văn Dũng", "Trưởng ấp Hòa Long", "Ấp Hòa Long", 0, False, "0858 789 012", None,
     "pending", ""),
    (9, "Ông", "Nguyễn Hữu Phước", "Tổ trưởng", "Tổ hợp tác sản xuất lúa Mỹ Lộc", 0, False,
     "0869 890 123", 2, "attending", ""),
    (9, "Bà", "Trần Thị Mỹ Lệ", "Giáo viên", "Trường Tiểu học Tân Hòa A", 0, False, "0879 901 234",
     2, "attending", ""),
    (9, "Ông", "Phùng Đức Mạnh", "Công an viên", "Công an xã Tân Hòa", 0, False, "0889 012 345", 2,
     "pending", ""),
    (9, "Bà", "Lê Thị Hải Yến", "Điều dưỡng", "Trạm Y tế xã Tân Hòa", 0, False, "0899 123 456", 2,
     "pending", ""),
    (9, "Ông", "Võ Văn Tỵ", "Nông dân sản xuất, kinh doanh giỏi", "Ấp Hòa Long", 0, False,
     "0329 234 567", None, "pending", ""),
    (9, "Bà", "Đoàn Ngọc Thắm", "Chủ hộ kinh doanh", "Ấp Tân Phú", 0, False, "0339 345 678", None,
     "pending", ""),
    (9, "Bà", "Ưng Thị Lựu", "Công nhân", "Công ty TNHH Chế biến thủy sản Mỹ Ẩn", 0, False,
     "0349 456 789", None, "pending", ""),
    (10, "Ông", "Hứa Minh Triết", "Phóng viên", "Đài Phát thanh và Truyền hình tỉnh", 0, False,
     "0359 567 890", 2, "attending", ""),
    (10, "Bà", "Lục Thị Ngân", "Biên tập viên", "Trung tâm Văn hóa - Thông tin và Thể thao xã", 0,
     False, "(0276) 3822 456", None, "pending", ""),
    (None, "Ông", "Doãn Văn Kỷ", "Nguyên Chủ tịch Ủy ban nhân dân xã",
     "Hội Người cao tuổi xã Tân Hòa", 0, False, "", None, "pending", ""),
)  # fmt: skip


def add_demo_delegates(conference: Conference, today: dt.date) -> None:
    """Add the demo delegates to the conference's groups (by their order; ungrouped if missing)."""
    groups = groups_of(conference)
    for (
        number,
        honorific,
        name,
        position,
        unit,
        rank,
        presidium,
        phone,
        sent_days_ago,
        reply,
        substitute,
    ) in PEOPLE:
        group = groups[number - 1] if number is not None and number <= len(groups) else None
        db.session.add(
            Delegate(
                conference_id=conference.id,
                group_id=group.id if group else None,
                honorific=honorific,
                full_name=name,
                position=position,
                unit=unit,
                protocol_rank=rank,
                presidium=presidium,
                phone=normalise_phone(phone),
                invitation_sent_on=(
                    today - dt.timedelta(days=sent_days_ago) if sent_days_ago is not None else None
                ),
                reply=reply,
                substitute_name=substitute,
                notes="",
            )
        )
    db.session.flush()
