"""Issue 9: for each seed plan, a conference built from the seed's facts gives a Kế hoạch that
carries the same sections, counts, dates, deadlines and decoration rules."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import pytest

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor.models import DecorItem
from kehoach_app.delegates.models import DelegateGroup
from kehoach_app.tasks.models import Task

BASE = {
    "preset_key": "",
    "parent_body": "",
    "venue_address": "",
    "doc_number": "",
    "doc_symbol": "KH-UBND",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN",
    "signer_deputy": "",
    "signer_title": "CHỦ TỊCH",
    "notes": "",
    "legal_bases": "",
    "closing": "",
    "recipients": "Lưu: VT",
}

SEEDS = {
    "000": {
        "conference": dict(
            kind="tong_ket",
            level="tinh",
            issuer="Ủy ban nhân dân tỉnh Thái Bình",
            place_name="Thái Bình",
            title="Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và phát động thi đua "
            "yêu nước năm 2024",
            year_reviewed=2023,
            year_launched=2024,
            date=dt.date(2024, 1, 18),
            start_time=dt.time(7, 30),
            length="half_day",
            venue="Trung tâm Hội nghị tỉnh",
            planned_delegates=350,
            funding_source="Quỹ thi đua, khen thưởng tỉnh năm 2024",
            purposes="Phát động thi đua yêu nước năm 2024.",
            signer_deputy="KT. CHỦ TỊCH",
            signer_title="PHÓ CHỦ TỊCH",
            signer_name="Lại Văn Hoàn",
        ),
        "agenda": [
            ("van_nghe", "Văn nghệ chào mừng", "", "Phòng Giáo dục và Đào tạo huyện Đông Hưng"),
            (
                "tuyen_bo_ly_do",
                "Tuyên bố lý do, giới thiệu đại biểu",
                "",
                "Văn phòng Ủy ban nhân dân tỉnh",
            ),
            (
                "phong_su",
                "Phát phóng sự về kết quả phong trào thi đua yêu nước năm 2023 của tỉnh",
                "",
                "Đài Phát thanh và Truyền hình Thái Bình",
            ),
            (
                "phat_dong",
                "Phát biểu chỉ đạo và phát động thi đua yêu nước năm 2024",
                "Đồng chí Chủ tịch Ủy ban nhân dân tỉnh",
                "",
            ),
            ("be_mac", "Bế mạc Hội nghị", "", ""),
        ],
        "groups": [("Thường trực Tỉnh ủy", 5), ("Các sở, ban, ngành, đoàn thể tỉnh", 120)],
        "tasks": [
            ("Giấy mời Hội nghị", "Ban Thi đua - Khen thưởng, Sở Nội vụ", "days_before", 5, None),
            (
                "Tổ chức buổi làm việc duyệt nội dung phóng sự, văn nghệ và tham luận",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                "month_before",
                None,
                None,
            ),
            (
                "Trang trí, khánh tiết, khẩu hiệu Hội nghị",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                "days_before",
                1,
                None,
            ),
            (
                "Bảo đảm việc cung cấp điện trong suốt quá trình diễn ra Hội nghị",
                "Điện lực Thái Bình",
                "none",
                None,
                None,
            ),
        ],
        "decor": [
            (
                "san_khau",
                "Cờ Tổ quốc",
                "Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên)",
            ),
            ("san_khau", "Tượng Bác Hồ", "Đặt trên bục cao, dưới ngôi sao"),
            ("ngoai_hoi_truong", "Cờ chuỗi, phướn", "Trước sảnh hội trường"),
        ],
        "expect": [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN, ĐỊA ĐIỂM",
            "III. THÀNH PHẦN ĐẠI BIỂU",
            "IV. KINH PHÍ",
            "V. TỔ CHỨC THỰC HIỆN",
            "- Văn nghệ chào mừng (Phòng Giáo dục và Đào tạo huyện Đông Hưng thực hiện);",
            "Thời gian: ½ ngày, bắt đầu lúc 07 giờ 30, Thứ Năm, ngày 18 tháng 01 năm 2024.",
            "Địa điểm: Trung tâm Hội nghị tỉnh.",
            "Tổng số đại biểu: 350 đại biểu, gồm:",
            "Kinh phí tổ chức Hội nghị: từ Quỹ thi đua, khen thưởng tỉnh năm 2024.",
            "- Giấy mời Hội nghị (hoàn thành trước 05 ngày tổ chức Hội nghị);",
            "(hoàn thành trong tháng 12 năm 2023)",
            "(hoàn thành trước 01 ngày tổ chức Hội nghị)",
            "Trong Hội trường:",
            "+ Cờ Tổ quốc: Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên);",
            "+ Tượng Bác Hồ: Đặt trên bục cao, dưới ngôi sao;",
            "Ngoài Hội trường:",
            "2. Điện lực Thái Bình",
        ],
    },
    "001": {
        "conference": dict(
            kind="giao_uoc",
            level="tinh",
            issuer="Ủy ban nhân dân tỉnh Bình Thuận",
            place_name="Bình Thuận",
            title="Hội nghị Tổng kết thực hiện giao ước thi đua năm 2024 và phát động, ký kết "
            "giao ước thi đua năm 2025",
            year_reviewed=2024,
            year_launched=2025,
            date=dt.date(2025, 2, 27),
            start_time=dt.time(8, 0),
            length="session",
            venue="Thành phố Phan Thiết",
            planned_delegates=350,
            funding_source="Từ nguồn chi quản lý nhà nước giao Ban Thi đua - Khen thưởng",
            purposes="Tổng kết phong trào thi đua, công tác khen thưởng năm 2024.",
            signer_name="Đoàn Anh Dũng",
        ),
        "agenda": [("ky_ket", "Ký kết giao ước thi đua năm 2025", "", "")],
        "groups": [("Cấp tỉnh", 150), ("Cấp huyện", 200)],
        "tasks": [
            (
                "Gửi báo cáo tổng kết về Sở Nội vụ (qua Ban Thi đua - Khen thưởng)",
                "Cụm Trưởng, Khối Trưởng thi đua thuộc tỉnh",
                "fixed",
                None,
                dt.date(2025, 1, 10),
            ),
            (
                "Xây dựng phóng sự video clip về kết quả thực hiện giao ước thi đua năm 2024",
                "Sở Nội vụ",
                "days_before",
                15,
                None,
            ),
            (
                "Xây dựng chương trình Hội nghị và kịch bản điều hành Hội nghị",
                "Sở Nội vụ",
                "days_before",
                10,
                None,
            ),
        ],
        "decor": [],
        "expect": [
            "Thời gian: 01 buổi, bắt đầu lúc 08 giờ 00, Thứ Năm, ngày 27 tháng 02 năm 2025.",
            "Tổng số đại biểu: 350 đại biểu, gồm:",
            "- Cấp huyện (200 đại biểu).",
            # after "(qua …)": no second bracket (issue 17 review)
            "(qua Ban Thi đua - Khen thưởng), hoàn thành chậm nhất ngày 10/01/2025",
            "(hoàn thành trước 15 ngày tổ chức Hội nghị)",
            "(hoàn thành trước 10 ngày tổ chức Hội nghị)",
            "- Ký kết giao ước thi đua năm 2025.",
        ],
    },
    "002": {
        "conference": dict(
            kind="trao_thuong",
            level="tinh",
            issuer="Ủy ban nhân dân tỉnh An Giang",
            place_name="An Giang",
            title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và trao thưởng cấp "
            "Nhà nước",
            year_reviewed=2023,
            year_launched=2024,
            date=dt.date(2024, 3, 15),
            start_time=dt.time(7, 30),
            length="half_day",
            venue="Hội trường Ủy ban nhân dân tỉnh An Giang",
            venue_address="Số 16C đường Tôn Đức Thắng, phường Mỹ Bình, thành phố Long Xuyên",
            planned_delegates=180,
            funding_source="nguồn kinh phí được giao năm 2024 của Sở Nội vụ (nguồn trích 20% "
            "của Quỹ Thi đua, khen thưởng tỉnh)",
            purposes="Biểu dương thành quả các phong trào thi đua yêu nước.",
        ),
        "agenda": [
            ("trao_thuong", "Trao tặng Huân chương các hạng", "", ""),
            ("trao_thuong", "Trao tặng Cờ thi đua Chính phủ", "", ""),
            ("nghi_giai_lao", "Nghỉ giải lao", "", ""),
            ("trao_thuong", "Trao tặng Bằng khen Thủ tướng Chính phủ", "", ""),
        ],
        "groups": [("Thành viên Hội đồng Thi đua - Khen thưởng tỉnh", 30)],
        "tasks": [],
        "decor": [],
        "expect": [
            "- Trao tặng Huân chương các hạng;\n- Trao tặng Cờ thi đua Chính phủ;\n"
            "- Nghỉ giải lao;\n- Trao tặng Bằng khen Thủ tướng Chính phủ.",
            "Địa điểm: Hội trường Ủy ban nhân dân tỉnh An Giang (Số 16C đường Tôn Đức Thắng, "
            "phường Mỹ Bình, thành phố Long Xuyên).",
            "Tổng số đại biểu: 180 đại biểu, gồm:",
            "(nguồn trích 20% của Quỹ Thi đua, khen thưởng tỉnh)",
        ],
    },
    "003": {
        "conference": dict(
            kind="tong_ket",
            level="huyen",
            issuer="Ủy ban nhân dân thị xã Ninh Hòa",
            place_name="Ninh Hòa",
            title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019 và phát động phong "
            "trào thi đua năm 2020",
            year_reviewed=2019,
            year_launched=2020,
            date=dt.date(2020, 3, 27),
            start_time=dt.time(7, 30),
            length="half_day",
            venue="Hội trường A – UBND thị xã Ninh Hòa",
            planned_delegates=150,
            funding_source="Quỹ thi đua, khen thưởng của thị xã",
            purposes="Tổng kết, đánh giá kết quả năm 2019.",
            signer_name="Nguyễn Vinh Thạnh",
        ),
        "agenda": [
            ("tham_luan", "Báo cáo tham luận của các tập thể, cá nhân điển hình tiên tiến", "", "")
        ],
        "groups": [("Đại biểu cấp tỉnh", 5), ("Đại biểu cấp huyện", 145)],
        "tasks": [
            (
                "Gửi báo cáo tham luận về UBND thị xã (qua Phòng Nội vụ) để tổng hợp",
                "Các cơ quan, đơn vị được phân công",
                "fixed",
                None,
                dt.date(2020, 3, 20),
            ),
            (
                "Lập dự toán kinh phí tổ chức Hội nghị gửi Phòng Tài chính – Kế hoạch thẩm định",
                "Phòng Nội vụ thị xã",
                "days_before",
                10,
                None,
            ),
        ],
        "decor": [("san_khau", "Hoa trang trí", "Khu vực sân khấu")],
        "expect": [
            "Thời gian: ½ ngày, bắt đầu lúc 07 giờ 30, Thứ Sáu, ngày 27 tháng 3 năm 2020.",
            "Tổng số đại biểu: 150 đại biểu, gồm:",
            "(hoàn thành chậm nhất ngày 20/3/2020)",  # Nghị định 30 months
            "1. Các cơ quan, đơn vị được phân công",
            "2. Phòng Nội vụ thị xã",
            "+ Hoa trang trí: Khu vực sân khấu",
        ],
    },
    "004": {
        "conference": dict(
            kind="dai_hoi",
            level="tinh",
            issuer="Ủy ban nhân dân tỉnh Thái Bình",
            place_name="Thái Bình",
            title="Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII",
            year_reviewed=2020,
            year_launched=2025,
            date=dt.date(2025, 8, 20),
            start_time=dt.time(7, 30),
            length="half_day",
            venue="Trung tâm Hội nghị tỉnh",
            planned_delegates=400,
            funding_source="",
            purposes="Đánh giá kết quả giai đoạn 2020 - 2025.",
        ),
        "agenda": [("chao_co", "Chào cờ", "", ""), ("be_mac", "Tổng kết và bế mạc", "", "")],
        "groups": [],
        "tasks": [],
        "decor": [],
        "expect": [
            "- Chào cờ;\n- Tổng kết và bế mạc.",
            "Tổng số đại biểu: 400 đại biểu.",
            "Tổ chức Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII",
        ],
    },
}


def build(app, facts) -> int:
    with app.app_context():
        conference = Conference(**{**BASE, **facts["conference"]})
        db.session.add(conference)
        db.session.flush()
        for n, (kind, title, presenter, unit) in enumerate(facts["agenda"], 1):
            db.session.add(
                AgendaItem(
                    conference_id=conference.id,
                    position=n,
                    kind=kind,
                    title=title,
                    presenter=presenter,
                    presenter_unit=unit,
                    minutes=10,
                )
            )
        for n, (name, planned) in enumerate(facts["groups"], 1):
            db.session.add(
                DelegateGroup(conference_id=conference.id, position=n, name=name, planned=planned)
            )
        for n, (title, lead, kind, days, fixed) in enumerate(facts["tasks"], 1):
            db.session.add(
                Task(
                    conference_id=conference.id,
                    position=n,
                    title=title,
                    lead_unit=lead,
                    deadline_kind=kind,
                    days_before=days,
                    deadline_date=fixed,
                )
            )
        for n, (area, item, placement) in enumerate(facts["decor"], 1):
            db.session.add(
                DecorItem(
                    conference_id=conference.id,
                    position=n,
                    area=area,
                    item=item,
                    placement=placement,
                )
            )
        db.session.commit()
        return conference.id


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_generated_plan_carries_the_seed(app, client, seed):
    facts = SEEDS[seed]
    conference_id = build(app, facts)
    data = client.get(f"/hoi-nghi/{conference_id}/in/ke-hoach.docx").data
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in facts["expect"]:
        assert expected in text, f"seed {seed}: {expected!r} missing"
    assert "KẾ HOẠCH" in text
    # The PDF carries the same sentences: read it back (lines wrap where the page ends, so
    # compare with the white space folded).
    pdf = client.get(f"/hoi-nghi/{conference_id}/in/ke-hoach.pdf")
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(pdf.data)) as document:
        printed = " ".join(" ".join(page.extract_text() or "" for page in document.pages).split())
    for expected in [*facts["expect"], "KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]:
        assert " ".join(expected.split()) in printed, f"seed {seed} PDF: {expected!r} missing"
