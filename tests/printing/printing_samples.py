"""A hand-made Document that exercises every block, with the strings that break printers."""

from __future__ import annotations

import unicodedata

from kehoach_app.printing import (
    BulletList,
    Column,
    Document,
    Header,
    Heading,
    KeyValue,
    Paragraph,
    Run,
    Signature,
    Table,
)

TORTURE_NAME = "Nguyễn Văn A & B <C>"
LITERAL_ENTITY = "&amp;"
DIACRITICS = "Ỷ Ở Ữ ỵ ẫ ặ đ Đ"
NFC_WORD = "Nguyễn Thị Hường"
NFD_WORD = unicodedata.normalize("NFD", NFC_WORD)
TABLE_TITLE = "Đơn vị công tác"
ROW_COUNT = 60


def sample_document(rows: int = ROW_COUNT) -> Document:
    assert NFD_WORD != NFC_WORD
    return Document(
        title="Kế hoạch",
        subtitle="Tổ chức Hội nghị tổng kết công tác thi đua,\nkhen thưởng năm 2024",
        header=Header(
            issuer="ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA",
            number_line="Số: 05/KH-UBND",
            date_line="Tân Hòa, ngày 05 tháng 02 năm 2025",
        ),
        body=[
            Paragraph("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            Paragraph(
                [
                    Run("Tổng kết, đánh giá toàn diện phong trào thi đua năm 2024; "),
                    Run("biểu dương", bold=True),
                    Run(" các tập thể, cá nhân "),
                    Run("điển hình tiên tiến", italic=True),
                    Run(" trong phong trào thi đua yêu nước; đại biểu "),
                    Run(TORTURE_NAME, bold=True),
                    Run(" phát biểu."),
                ]
            ),
            Paragraph(f"Ký hiệu gõ nguyên văn: {LITERAL_ENTITY} và chữ {DIACRITICS}."),
            Paragraph(f"Người trình bày: {NFD_WORD}."),
            Heading("II. THỜI GIAN, ĐỊA ĐIỂM VÀ THÀNH PHẦN"),
            Heading("1. Thời gian", level=2),
            Paragraph("Trong quý I năm 2025."),
            Heading("a) Thành phần mời", level=3),
            BulletList(
                [
                    "Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân xã;",
                    [Run("Đại diện "), Run("tập thể, cá nhân", bold=True), Run(" được khen.")],
                ]
            ),
            KeyValue([("Địa điểm:", "Hội trường Ủy ban nhân dân xã"), ("Số đại biểu:", "180")]),
            Table(
                columns=[
                    Column("STT", 0.6, "center"),
                    Column("Họ và tên", 2.5),
                    Column(TABLE_TITLE, 3),
                    Column("Số tiền (đồng)", 1.6, "right"),
                ],
                rows=[
                    [
                        str(i + 1),
                        f"Đại biểu số {i + 1:02d}",
                        "Ủy ban nhân dân xã Tân Hòa",
                        "1.000.000",
                    ]
                    for i in range(rows)
                ]
                + [["", [Run("Tổng cộng", bold=True)], "", f"{rows}.000.000"]],
                total_rows={rows},
            ),
            Paragraph("Trên đây là Kế hoạch tổ chức Hội nghị./."),
        ],
        signatures=[
            Signature(["TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"], "Trần Văn Bình")
        ],
        recipients=["UBND tỉnh;", "TT. Đảng ủy, HĐND xã;", "Lưu: VT, VP."],
        meta_title="Kế hoạch hội nghị tổng kết 2024",
        meta_author="UBND xã Tân Hòa",
    )
