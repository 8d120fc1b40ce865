"""Awards from Excel: the template, a good file (preview, then all rows at once), bad files
(every problem by row and column, nothing saved), the export re-imported whole."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook, load_workbook

from tests.awards.conftest import add_awards, awards_of, delegate_id, make_conference
from tests.conftest import post

HEAD = [
    "STT",
    "Hình thức khen thưởng",
    "Tập thể/Cá nhân",
    "Tên tập thể / Họ và tên",
    "Chức vụ",
    "Đơn vị",
    "Số quyết định",
    "Ngày quyết định",
    "Người lên nhận",
    "Ghi chú",
]


def workbook(rows: list[list], head=HEAD, title_rows: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    for _ in range(title_rows):
        sheet.append(["DANH SÁCH KHEN THƯỞNG NĂM 2026"])
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, cid: int, data: bytes, name: str = "khen-thuong.xlsx", **extra):
    page = f"/hoi-nghi/{cid}/khen-thuong/nhap-excel"
    return post(
        client,
        page,
        {"file": (io.BytesIO(data), name), **extra},
        page=page,
        content_type="multipart/form-data",
    )


GOOD = [
    [
        1,
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Tập thể",
        "Trường Tiểu học Tân Hòa",
        "",
        "xã Tân Hòa",
        "3417/QĐ-UBND",
        dt.datetime(2026, 12, 21),
        "Châu Văn Út",
        "",
    ],
    [
        2,
        "bang khen cua chu tich uy ban nhan dan tinh",
        "cá nhân",
        "Trần Văn Đức",
        "Phó Chủ tịch Ủy ban nhân dân",
        "Ủy ban nhân dân xã Tân Hòa",
        "3417/QĐ-UBND",
        "21/12/2026",
        "",
        "",
    ],
    [3, "cho_thi_dua_khong_co", None, None, None, None, None, None, None, None],
    [4, "Cờ thi đua của Ủy ban nhân dân tỉnh", "", "Công an xã Tân Hòa", "", "", "", "", "", ""],
]


def test_template_has_the_headings_the_catalogue_and_drop_downs(app, client):
    cid = make_conference(app)
    response = client.get(f"/hoi-nghi/{cid}/khen-thuong/mau-nhap.xlsx")
    assert response.status_code == 200
    assert "Mẫu danh sách khen thưởng.xlsx" in response.headers["Content-Disposition"] or (
        "filename*=UTF-8" in response.headers["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["Khen thưởng"]
    assert [c.value for c in sheet[1]] == HEAD
    catalogue = book["Danh mục"]
    names = [row[1].value for row in catalogue.iter_rows(min_row=2)]
    assert (
        "Huân chương Lao động hạng Ba" in names
        and "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" in names
    )
    assert len(sheet.data_validations.dataValidation) == 2


def test_a_good_file_is_previewed_then_imported_all_at_once(app, client):
    cid = make_conference(app)
    rows = [GOOD[0], GOOD[1], GOOD[3]]
    response = upload(client, cid, workbook(rows, title_rows=2))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Xem trước: 3 khen thưởng" in page
    assert awards_of(app, cid) == []  # nothing saved by the preview
    token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    response = post(
        client,
        f"/hoi-nghi/{cid}/khen-thuong/nhap-excel/xac-nhan",
        {"token": token, "replace": ""},
        page=f"/hoi-nghi/{cid}/khen-thuong/nhap-excel",
    )
    assert response.status_code == 302
    assert "Đã nhập 3 khen thưởng từ Excel." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    school, deputy, police = awards_of(app, cid)
    assert school.recipient_kind == "collective"
    assert school.receiver_delegate_id == delegate_id(app, cid, "Châu Văn Út")  # linked by name
    assert school.decision_date == dt.date(2026, 12, 21)
    assert deputy.recipient_kind == "individual" and deputy.decision_date == dt.date(2026, 12, 21)
    # the kind left blank is taken from a form given to collectives only
    assert police.recipient_kind == "collective"
    # the token is used up
    again = post(
        client,
        f"/hoi-nghi/{cid}/khen-thuong/nhap-excel/xac-nhan",
        {"token": token},
        page=f"/hoi-nghi/{cid}/khen-thuong/nhap-excel",
    )
    assert "Phiên nhập đã hết hạn" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert len(awards_of(app, cid)) == 3


def test_every_problem_by_row_and_column_and_nothing_saved(app, client):
    cid = make_conference(app)
    rows = [
        GOOD[0],
        GOOD[2],
        [5, "Cờ thi đua của Chính phủ", "Cá nhân", "Nguyễn Văn A", "", "", "", "", "", ""],
        [6, "Bằng khen của Thủ tướng Chính phủ", "Cá nhân", "", "", "", "", "32/13/2026", "", ""],
        [
            7,
            "Bằng khen của Thủ tướng Chính phủ",
            "Hộ gia đình",
            "Hộ ông Tư",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [8, "Bằng khen của Thủ tướng Chính phủ", "Cá nhân", "Lê B", "", "", "", 46000, "", ""],
    ]
    response = upload(client, cid, workbook(rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "chưa nhập dòng nào" in page
    for message in [
        "Dòng 3, cột B (Hình thức khen thưởng): không có hình thức “cho_thi_dua_khong_co” trong "
        "danh mục",
        "Dòng 4, cột C (Tập thể/Cá nhân): Cờ thi đua của Chính phủ không tặng cho cá nhân "
        "(chỉ tặng cho tập thể).",
        "Dòng 5, cột D (Tên tập thể / Họ và tên): Vui lòng nhập họ và tên.",
        "Dòng 5, cột H (Ngày quyết định): “32/13/2026”:",
        "Dòng 6, cột C (Tập thể/Cá nhân): “Hộ gia đình” — hãy ghi “Tập thể” hoặc “Cá nhân”.",
        "Dòng 7, cột H (Ngày quyết định): “46000” không phải là ngày",
    ]:
        assert message.replace("“", "&#34;") in page.replace("“", "&#34;") or message in page, (
            message
        )
    assert 'name="token"' not in page
    assert awards_of(app, cid) == []


def test_files_that_are_not_xlsx_are_refused_with_a_reason(app, client):
    cid = make_conference(app)
    cases = [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "định dạng cũ (.xls)"),
        (b"Ho ten;Don vi\nA;B\n", "không phải bảng tính Excel"),
        (b"", "Tệp trống (0 byte)."),
        (workbook([GOOD[0]], head=["Họ tên", "Ghi chú"]), "Không tìm thấy dòng tiêu đề"),
        (workbook([]), "không có dòng khen thưởng nào"),
    ]
    for data, message in cases:
        response = upload(client, cid, data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True), message
    assert awards_of(app, cid) == []


def test_export_reimports_whole_and_replace_swaps_the_list(app, client):
    cid = make_conference(app)
    add_awards(
        app,
        cid,
        "bang_khen_tinh",
        ["Trường Tiểu học Tân Hòa"],
        kind="collective",
        unit="xã Tân Hòa",
        receiver_name="Phạm Quốc Việt",
    )
    add_awards(
        app,
        cid,
        "giay_khen_chu_tich_ubnd_xa",
        ["Lê Thị Ửng", "Thạch Sô Phênh"],
        decision_number="216/QĐ-UBND",
        decision_date=dt.date(2027, 1, 3),
    )
    exported = client.get(f"/hoi-nghi/{cid}/khen-thuong/danh-sach.xlsx").data
    sheet = load_workbook(io.BytesIO(exported))["Khen thưởng"]
    assert sheet["K1"].value == "Tiền thưởng (đồng)"
    assert sheet["K2"].value == 7_590_000  # 1,5 × 2 × 2.530.000 on 15/01/2027
    assert sheet["K3"].value == 760_000
    other = make_conference(app)
    add_awards(app, other, "bang_khen_thu_tuong", ["Sẽ bị thay"])
    response = upload(client, other, exported, replace="1")
    page = response.get_data(as_text=True)
    token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    post(
        client,
        f"/hoi-nghi/{other}/khen-thuong/nhap-excel/xac-nhan",
        {"token": token, "replace": "1"},
        page=f"/hoi-nghi/{other}/khen-thuong/nhap-excel",
    )
    before = [
        (a.name, a.recipient_kind, a.receiver_name, a.decision_date) for a in awards_of(app, cid)
    ]
    after = [
        (a.name, a.recipient_kind, a.receiver_name, a.decision_date) for a in awards_of(app, other)
    ]
    assert after == before
