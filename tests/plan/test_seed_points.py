"""Issue 17: each seed plan, its facts held in a conference file (tests/plan/seeds/<n>.kehoach.json,
made from the seed's text), imported and its Kế hoạch printed; the seed's points — headings in
order, key sentences, dates and deadlines — are looked for in the printed text, and the share
found must reach the figure docs/plan.md records for the seed.

A point is a string (found anywhere in the text), a tuple of strings (any of them: the same fact
in the program's documented wording, e.g. "chậm nhất ngày 09/01/2025" for the seed's "trước ngày
10/01/2025", issue 16), or ("order", [headings…]) — one point per heading found after the one
before it. Points the program cannot reproduce today stay in the lists (they count as missed):
docs/plan.md says why.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from kehoach_app import transfer
from kehoach_app.db import db

SEEDS = Path(__file__).parent / "seeds"

POINTS = {
    "000": [
        (
            "order",
            [
                "I. MỤC ĐÍCH VÀ YÊU CẦU",
                "II. NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN VÀ ĐỊA ĐIỂM HỘI NGHỊ",
                "1. Nội dung, chương trình Hội nghị",
                "2. Thời gian:",
                "3. Địa điểm: Trung tâm Hội nghị tỉnh.",
                "III. THÀNH PHẦN HỘI NGHỊ",
                "1. Thành phần",
                "1.1. Ở Trung ương:",
                "1.2. Ở tỉnh:",
                "2. Kinh phí Hội nghị: Từ Quỹ thi đua, khen thưởng tỉnh năm 2024.",
                "IV. TỔ CHỨC THỰC HIỆN",
                "1. Văn phòng Ủy ban nhân dân tỉnh",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                "3. Ủy ban nhân dân huyện Đông Hưng",
                "4. Đài Phát thanh và Truyền hình Thái Bình",
                "5. Báo Thái Bình",
                "6. Điện lực Thái Bình",
                "7. Công an tỉnh",
            ],
        ),
        "- Phát động thi đua yêu nước năm 2024.",
        # the verb by what the item is: a report is "trình bày" (review of issue 17)
        "(Lãnh đạo Ủy ban nhân dân tỉnh trình bày);",
        "kiểm tra công tác trang trí, khánh tiết tại Hội trường",
        # the note that names every thing prints alone, after the item's verb
        "+ Treo Quốc kỳ ở vị trí trang trọng, Cờ chuỗi, phướn trước sảnh hội trường, băng khẩu "
        "hiệu “Chào mừng đại biểu về dự Hội nghị tổng kết phong trào thi đua yêu nước năm 2023",
        ("absent", "Mức chi theo dự toán"),
        "- Văn nghệ chào mừng (Phòng Giáo dục và Đào tạo huyện Đông Hưng thực hiện)",
        "- Tuyên bố lý do, giới thiệu đại biểu (Văn phòng Ủy ban nhân dân tỉnh thực hiện)",
        "- Tham luận tại Hội nghị (phát clip và phát biểu tham luận)",
        "Hưởng ứng của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "- Bế mạc Hội nghị.",
        "2. Thời gian: ½ ngày, dự kiến ngày 18 hoặc ngày 19/01/2024.",  # one of two days
        "Thời gian: ½ ngày",
        "- Thành viên Hội đồng Thi đua - Khen thưởng Trung ương phụ trách theo dõi tỉnh;",
        "- Thường trực Tỉnh ủy;",
        "- Đại diện các tập thể, cá nhân được trao thưởng tại Hội nghị;",
        "Giấy mời Hội nghị (hoàn thành trước 05 ngày tổ chức Hội nghị)",
        "(hoàn thành trong tháng 12 năm 2023)",
        "- Chủ trì, phối hợp Đài Phát thanh và Truyền hình Thái Bình xây dựng phóng sự về kết quả "
        "phong trào thi đua yêu nước của tỉnh năm 2023 và các clip về điển hình tiên tiến;",
        "- Trang trí, khánh tiết, khẩu hiệu Hội nghị (hoàn thành trước 01 ngày tổ chức Hội nghị)",
        "Trong Hội trường:",
        "+ Tiêu đề:",
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH HỘI NGHỊ TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC NĂM 2023",
        "PHÁT ĐỘNG THI ĐUA YÊU NƯỚC NĂM 2024 Thái Bình, ngày … tháng 01 năm 2024",
        "Ngoài Hội trường:",
        "“Chào mừng đại biểu về dự Hội nghị tổng kết phong trào thi đua yêu nước năm 2023, phát "
        "động thi đua yêu nước năm 2024”",
        # units with their duties run in after the name, as the seed writes them
        "4. Đài Phát thanh và Truyền hình Thái Bình: Phối hợp với Ban Thi đua - Khen thưởng, Sở "
        "Nội vụ xây dựng phóng sự",
        "5. Báo Thái Bình: Tổ chức tuyên truyền, đưa tin trước, trong và sau Hội nghị.",
        "6. Điện lực Thái Bình: Bảo đảm việc cung cấp điện trong suốt quá trình diễn ra Hội nghị.",
        "7. Công an tỉnh: Có Kế hoạch và tổ chức bảo đảm an ninh trật tự trong khu vực diễn ra "
        "Hội nghị.",
        "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và "
        "phát động thi đua yêu nước năm 2024. Yêu cầu các đơn vị liên quan",
        "3. Ủy ban nhân dân huyện Đông Hưng: Chỉ đạo Phòng Giáo dục và Đào tạo xây dựng chương "
        "trình văn nghệ và tổ chức biểu diễn phục vụ Hội nghị.",
    ],
    "001": [
        (
            "order",
            [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "II. NỘI DUNG, THỜI GIAN, ĐỊA ĐIỂM",
                "1. Nội dung",
                "2. Thời gian:",
                "3. Địa điểm: Tại thành phố Phan Thiết.",
                "III. THÀNH PHẦN ĐẠI BIỂU",
                "Tổng số đại biểu: 350 đại biểu.",
                "1. Cấp tỉnh",
                "2. Cấp huyện",
                "3. Các tập thể được UBND tỉnh, Chủ tịch UBND tỉnh tặng Cờ Thi đua và Bằng khen.",
                "4. Các tập thể, cá nhân điển hình tiên tiến phát biểu tham luận tại Hội nghị.",
                "IV. KINH PHÍ THỰC HIỆN",
                "V. TỔ CHỨC THỰC HIỆN",
                "1. Các đơn vị thành viên Cụm, Khối thi đua thuộc tỉnh",
                "2. Cụm Trưởng, Khối Trưởng thi đua thuộc tỉnh",
                "3. Sở Nội vụ",
                "4. Văn phòng UBND tỉnh",
                "5. Thủ trưởng các cơ quan, đơn vị có liên quan",
            ],
        ),
        "Thực hiện Quyết định số 32/2023/QĐ-UBND ngày 29/12/2023",
        "1. Tổng kết phong trào thi đua, công tác khen thưởng năm 2024",
        "4. Tổ chức Hội nghị phải đảm bảo trang trọng, thiết thực, tiết kiệm",
        "- Tổng kết thực hiện giao ước thi đua năm 2024 và đề ra phương hướng, nhiệm vụ năm 2025",
        "- Phát động phong trào thi đua năm 2025 và ký kết giao ước thi đua.",
        "Thời gian: 01 buổi",
        "dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau).",  # month part
        "- Đại diện Thường trực Tỉnh ủy;",
        "- Chủ tịch UBND các huyện, thị xã, thành phố;",
        "nguồn chi quản lý nhà nước giao Ban Thi đua - Khen thưởng trực thuộc Sở Nội vụ",
        # deadlines in the seed's words (the duty's deadline wording, issue 17); only the
        # capital "Hoàn thành" inside the brackets is the seed's own and not the program's
        "gửi báo cáo tổng kết về Sở Nội vụ (qua Ban Thi đua - Khen thưởng) trước ngày 10/01/2025",
        "Hoàn chỉnh hồ sơ đề nghị khen thưởng chậm nhất vào ngày 15/01/2025.",
        ("(Hoàn thành trong tháng 01/2025)", "(hoàn thành trong tháng 01/2025)"),
        (
            "(Hoàn thành trước ngày tổ chức Hội nghị ít nhất 15 ngày)",
            "(hoàn thành trước ngày tổ chức Hội nghị ít nhất 15 ngày)",
        ),
        (
            "(Hoàn thành trước ngày tổ chức Hội nghị ít nhất 10 ngày)",
            "(hoàn thành trước ngày tổ chức Hội nghị ít nhất 10 ngày)",
        ),
        "4. Văn phòng UBND tỉnh: Phối hợp với Sở Nội vụ phát hành giấy mời",
        "- Điều hành tham luận, điều hành khen thưởng, điều hành ký kết giao ước thi đua tại Hội "
        "nghị;",
        "3. Sở Nội vụ: Chủ trì, phối hợp với các đơn vị có liên quan thực hiện:",  # not yet
        # the closing as the officer typed it, not rebuilt from the title
        "Trên đây là Kế hoạch tổ chức Hội nghị Tổng kết thực hiện giao ước thi đua năm 2024 và "
        "phát động phong trào thi đua năm 2025. Trong quá trình thực hiện",
        # the funding sentence as typed; no "Mức chi …" the seed does not write; no "TM."
        "Nguồn kinh phí thực hiện: Từ nguồn chi quản lý nhà nước giao Ban Thi đua - Khen thưởng "
        "trực thuộc Sở Nội vụ.",
        ("absent", "Mức chi theo dự toán"),
        ("absent", "TM. ỦY BAN NHÂN DÂN"),
        "báo cáo về UBND tỉnh (qua Sở Nội vụ) để xem xét, giải quyết./.",
    ],
    "002": [
        (
            "order",
            [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "II. THỜI GIAN, ĐỊA ĐIỂM VÀ THÀNH PHẦN",
                "1. Thời gian:",
                "2. Địa điểm: Hội trường Ủy ban nhân dân tỉnh An Giang (Số 16C đường Tôn Đức "
                "Thắng, phường Mỹ Bình, thành phố Long Xuyên, tỉnh An Giang).",
                "3. Thành phần:",
                "III. NỘI DUNG, CHƯƠNG TRÌNH HỘI NGHỊ",
                "IV. KINH PHÍ TỔ CHỨC",
                "V. PHÂN CÔNG NHIỆM VỤ",
                "1. Văn phòng Ủy ban nhân dân tỉnh",
                "2. Sở Nội vụ (Ban Thi đua - Khen thưởng)",
                "3. Sở Văn hóa, Thể thao và Du lịch",
                "4. Sở Tài chính",
                "5. Báo An Giang, Đài Phát thanh và Truyền hình An Giang",
            ],
        ),
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
        "1. Tổng kết, đánh giá toàn diện phong trào thi đua, công tác khen thưởng năm 2023",
        # a quarter, with the announce-later note
        "1. Thời gian: Trong quý I năm 2024 (khi tổ chức sẽ có Giấy mời đến các đại biểu tham dự "
        "Hội nghị).",
        "Khoảng 180 đại biểu, gồm",
        "- Thành viên Hội đồng Thi đua - Khen thưởng tỉnh;",
        "- Báo An Giang, Đài Phát thanh và Truyền hình An Giang đến dự và đưa tin (mỗi đơn vị 01 "
        "người).",
        "- Trao tặng Huân chương các hạng;",
        "- Nghỉ giải lao;",
        "- Trao tặng Bằng khen Thủ tướng Chính phủ;",
        "- Bế mạc Hội nghị.",
        "Kinh phí tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và trao thưởng "
        "cấp Nhà nước được sử dụng từ nguồn kinh phí được giao năm 2024 của Sở Nội vụ (nguồn trích "
        "20% của Quỹ Thi đua, khen thưởng tỉnh)",
        ("absent", "Mức chi theo dự toán"),
        "- Xây dựng chương trình và kịch bản trao thưởng tại Hội nghị",
        "Thẩm định và hướng dẫn Sở Nội vụ sử dụng, thanh toán, quyết toán kinh phí",
        "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và "
        "trao thưởng cấp Nhà nước. Ủy ban nhân dân tỉnh yêu cầu",
    ],
    "003": [
        (
            "order",
            [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "2. Yêu cầu",
                "II. NỘI DUNG",
                "1. Thời gian, địa điểm tổ chức Hội nghị",
                "2. Thành phần dự Hội nghị",
                "a) Đại biểu cấp tỉnh:",
                "b) Đại biểu cấp huyện:",
                "Số lượng đại biểu dự kiến: 150 đại biểu.",
                "3. Nội dung, chương trình Hội nghị",
                "4. Trang trí, khánh tiết Hội nghị",
                "- Bên trong Hội trường:",
                "ỦY BAN NHÂN DÂN THỊ XÃ NINH HÒA Quốc kỳ Tượng Bác Hồ HỘI NGHỊ TỔNG KẾT",
                "III. KINH PHÍ",
                "IV. TỔ CHỨC THỰC HIỆN",
                "1. Văn phòng HĐND và UBND thị xã",
                "2. Phòng Nội vụ thị xã",
                "3. Trung tâm Văn hóa – Thông tin và Thể thao thị xã",
                "4. Phòng Tài chính – Kế hoạch thị xã",
                "5. Các cơ quan, đơn vị, UBND các xã, phường",
            ],
        ),
        "Thực hiện Chương trình công tác của UBND thị xã Ninh Hòa năm 2020",
        # an exact day still "dự kiến", with its note; no length (the thoi-gian option)
        "Thời gian: Dự kiến ngày 27/3/2020 (Có Giấy mời sau).",
        "Địa điểm: Hội trường A – UBND thị xã Ninh Hòa.",
        "- Thường trực Thị ủy, Thường trực HĐND thị xã",
        "- Lãnh đạo các cơ quan tham mưu, giúp việc Thị ủy",
        "- Báo cáo tham luận của các tập thể, cá nhân điển hình tiên tiến",
        "- Phát động phong trào thi đua yêu nước năm 2020 của Chủ tịch UBND thị xã",
        "ỦY BAN NHÂN DÂN THỊ XÃ NINH HÒA",
        "HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2019 VÀ PHÁT ĐỘNG PHONG TRÀO THI ĐUA "
        "NĂM 2020",
        "Ninh Hòa, ngày … tháng 3 năm 2020",
        "Hoa trang trí: Khu vực sân khấu",
        "thực hiện theo đúng quy định, được trích từ Quỹ thi đua, khen thưởng của thị xã.",
        ("absent", "Mức chi theo dự toán"),
        "- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tổ chức Hội nghị đảm bảo mục "
        "đích, yêu cầu kế hoạch đã đề ra;",
        "- Chủ trì, phối hợp với Phòng Nội vụ chuẩn bị 01 clip phóng sự",
        # the deadline where the seed writes it, its date as the seed (and Nghị định 30) writes it
        "(qua Phòng Nội vụ) trước ngày 20/3/2020 để tổng hợp, cụ thể như sau:",
        ("absent", "19/03/2020"),
        "+ Đề nghị Liên đoàn Lao động thị xã: Lựa chọn 01 tập thể điển hình tiên tiến trong phong "
        "trào thi đua “Lao động giỏi, lao động sáng tạo”.",
        "+ Giao Phòng Kinh tế: Lựa chọn 01 tập thể",
        "+ Giao Phòng Y tế: Lựa chọn 01 cá nhân điển hình tiên tiến trong lĩnh vực y tế, chăm sóc "
        "sức khỏe Nhân dân.",
        "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019 và "
        "phát động phong trào thi đua năm 2020, UBND thị xã đề nghị",
    ],
    "004": [
        "Tổ chức Đại hội Thi đua yêu nước các cấp tỉnh Thái Bình tiến tới Đại hội Thi đua yêu nước "
        "toàn quốc lần thứ XI",
        "Thực hiện Luật Thi đua, Khen thưởng năm 2022",
        (
            "order",
            [
                "I. MỤC ĐÍCH VÀ YÊU CẦU",
                "II. NỘI DUNG VÀ CÁC BƯỚC TIẾN HÀNH",
                "1. Những nội dung tập trung chỉ đạo từ nay đến Đại hội Thi đua yêu nước tỉnh "
                "Thái Bình lần thứ VIII và Đại hội Thi đua yêu nước toàn quốc lần thứ XI",
                "2. Hình thức, thành phần, thời gian tổ chức Đại hội hoặc Hội nghị thi đua",
                "2.1. Đối với các xã, phường, thị trấn",
                "2.2. Đối với các đơn vị thuộc Cụm, Khối thi đua thuộc tỉnh",
                "2.3. Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII: Tổ chức vào Quý III "
                "năm 2025 (có Kế hoạch cụ thể riêng).",
                "3. Nội dung Đại hội hoặc Hội nghị",
                "III. TỔ CHỨC THỰC HIỆN",
            ],
        ),
        "1. Đánh giá kết quả của các phong trào thi đua yêu nước từ sau Đại hội Thi đua yêu nước "
        "tỉnh Thái Bình lần thứ VII",
        "4. Tổ chức Đại hội thi đua yêu nước hoặc Hội nghị bảo đảm trang trọng",
        "- Phát động phong trào thi đua sâu rộng trong toàn Đảng, toàn dân",
        "ứng dụng mạnh mẽ tiến bộ khoa học và công nghệ vào sản xuất và đời sống",
        "- Đẩy mạnh công tác tuyên truyền tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh",
        "- Tiếp tục quán triệt, tổ chức thực hiện tốt Luật Thi đua, Khen thưởng năm 2022",
        "- Trên cơ sở các bài học kinh nghiệm đã được tổng kết",
        # the levels, as the seed prints them ("Hình thức tổ chức:" of 2.2 is "Hình thức:")
        "- Hình thức: Tổ chức “Hội nghị tuyên dương điển hình tiên tiến”.",
        "- Thành phần: Các tập thể, cá nhân được khen thưởng tiêu biểu và các điển hình tiên tiến.",
        "- Số lượng đại biểu: Do đơn vị tổ chức quyết định trên cơ sở đề xuất của Hội đồng Thi đua "
        "- Khen thưởng cấp xã.",
        "- Thời gian tổ chức: 1/2 ngày, trong Quý I năm 2025.",
        "- Hình thức tổ chức: Lựa chọn một trong các hình thức “Hội nghị tuyên dương điển hình "
        "tiên tiến”",
        "- Thành phần: Đại diện tập thể và cá nhân Anh hùng, chiến sỹ thi đua; các điển hình tiên "
        "tiến tiêu biểu giai đoạn 2020-2025.",
        "- Thời gian tổ chức: 1/2 ngày, trong Quý II năm 2025.",
        "- Chào cờ (Đại hội)",
        "- Khai mạc",
        "- Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020-2025",
        "- Báo cáo tham luận của các điển hình tiên tiến (tập thể và cá nhân)",
        # the plan's guidance on an item follows it in the Kế hoạch (agenda plan_note)
        "giai đoạn 2020-2025 (Báo cáo phải nêu được những nét mới, sáng tạo, những phong trào thi "
        "đua đã phát động, bảo đảm thiết thực, hiệu quả, góp phần hoàn thành tốt nhiệm vụ chính "
        "trị của cơ quan, đơn vị, địa phương)",
        "(tập thể và cá nhân). Chú trọng lựa chọn điển hình thật sự tiêu biểu trong 5 năm qua và "
        "có sức lan tỏa",
        "- Tổ chức các hoạt động giao lưu với các điển hình tiên tiến",
        "- Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến",
        "- Phát động phong trào thi đua",
        "- Thông qua danh sách đại biểu tham dự Đại hội cấp trên",
        "- Tổng kết và bế mạc",
        "Căn cứ vào các nội dung, theo yêu cầu nêu trên các cơ quan, đơn vị, địa phương, doanh "
        "nghiệp có thể tổ chức các hình thức đa dạng",
        "có Kế hoạch cụ thể để triển khai thực hiện và gửi Ủy ban nhân dân tỉnh (qua Ban Thi đua "
        "- Khen thưởng, Sở Nội vụ)",
        "(qua Ban Thi đua - Khen thưởng, Sở Nội vụ) trước ngày 30/8/2024.",
        ("absent", ") ("),  # never two brackets in a row
        ("absent", "Trên đây là Kế hoạch"),  # the seed has no closing paragraph
        "Hướng dẫn tổ chức triển khai thực hiện Kế hoạch này",
        # no thành phần, kinh phí or trang trí of a hall: their absence is a point each
        ("absent", "THÀNH PHẦN ĐẠI BIỂU"),
        ("absent", "KINH PHÍ"),
        ("absent", "Trang trí"),
        ("absent", "lần thứ …"),
    ],
}

# The share of each seed's points reproduced today (docs/plan.md); the target is 95%.
THRESHOLD = {"000": 0.95, "001": 0.95, "002": 0.95, "003": 0.95, "004": 0.95}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plan_text(app, client, seed: str) -> str:
    with app.app_context():
        conference = transfer.import_conference((SEEDS / f"{seed}.kehoach.json").read_bytes())
        db.session.commit()
        conference_id = conference.id
    data = client.get(f"/hoi-nghi/{conference_id}/in/ke-hoach.docx").data
    document = docx.Document(io.BytesIO(data))
    # Paragraphs and table cells in document order (seed 003's backdrop is a table).
    parts = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            parts.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag.endswith("}tbl"):
            table = docx.table.Table(element, document)
            parts.extend(cell.text for row in table.rows for cell in row.cells)
    return _normal("\n".join(parts))


def score(text: str, points: list) -> tuple[int, int, list[str]]:
    found, total, missed = 0, 0, []
    for point in points:
        if isinstance(point, tuple) and point[0] == "order":
            at = 0
            for heading in point[1]:
                total += 1
                index = text.find(_normal(heading), at)
                if index >= 0:
                    found += 1
                    at = index + 1
                else:
                    missed.append(heading)
            continue
        total += 1
        if isinstance(point, tuple) and point[0] == "absent":  # what the seed does not print
            if _normal(point[1]) in text:
                missed.append(f"(absent) {point[1]}")
            else:
                found += 1
            continue
        options = point if isinstance(point, tuple) else (point,)
        if any(_normal(option) in text for option in options):
            found += 1
        else:
            missed.append(options[0])
    return found, total, missed


@pytest.mark.parametrize("seed", sorted(POINTS))
def test_the_seed_plan_is_reproduced(app, client, seed):
    text = plan_text(app, client, seed)
    found, total, missed = score(text, POINTS[seed])
    share = found / total
    print(f"seed {seed}: {found}/{total} = {share:.0%}; missed: {missed}")
    assert share >= THRESHOLD[seed], (seed, f"{share:.0%}", missed)


def test_seed_002_without_the_outline_takes_the_presets_own(app, client):
    """The kind brings its outline: a file without one (an older file) imported for the
    trao_thuong.tinh preset prints the default outline; made from the preset, the seed's."""
    import json

    from kehoach_app.conferences.models import Conference
    from kehoach_app.plan.operations import plan_sheet, preset_outline, write_outline

    document = json.loads((SEEDS / "002.kehoach.json").read_text(encoding="utf-8"))
    del document["plan"]["sections"]
    with app.app_context():
        conference = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        headings = [b.text for b in plan_sheet(conference).blocks if b.block.kind == "heading"]
        assert "V. TỔ CHỨC THỰC HIỆN" in headings  # older file: the default outline
        write_outline(conference, preset_outline("trao_thuong.tinh"))
        blocks = plan_sheet(conference).blocks
        headings = [b.text for b in blocks if b.block.kind == "heading" and b.block.level == 1]
        assert headings[:5] == [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. THỜI GIAN, ĐỊA ĐIỂM VÀ THÀNH PHẦN",
            "III. NỘI DUNG, CHƯƠNG TRÌNH HỘI NGHỊ",
            "IV. KINH PHÍ TỔ CHỨC",
            "V. PHÂN CÔNG NHIỆM VỤ",
        ]
        assert isinstance(conference, Conference)
