"""Benchmark of the delegates' printouts (issue 4): figures, not a timed test.

    python bench/bench_delegates.py [--delegates 1000] [--repeat 3]

Builds a conference with 1,000 delegates in a temporary data folder and prints the time of:
1,000 giấy mời (target ≤ 3 s), the danh sách đại biểu PDF (target ≤ 500 ms), the other
delegate printouts, and — for comparison, in the same run — the same delegate-list table drawn
by WeasyPrint from equivalent HTML (optional: ``pip install -r bench/requirements.txt``; it
needs Debian's ``libpango-1.0-0 libpangoft2-1.0-0``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thành", "Ngọc", "Minh", "Thanh", "Quốc", "Thị Kim",
          "Hoàng", "Xuân"]  # fmt: skip
GIVEN = ["An", "Ánh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
         "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến"]  # fmt: skip
POSITIONS = [
    ("Chủ tịch", "Ủy ban nhân dân xã Tân Hòa"),
    ("Bí thư Đảng ủy", "Đảng ủy xã Tân Hòa"),
    ("Trưởng phòng", "Phòng Văn hóa - Xã hội"),
    ("Hiệu trưởng", "Trường Tiểu học Tân Hòa"),
    ("Trưởng ấp", "Ấp Mỹ Lộc"),
    ("Giám đốc", "Hợp tác xã Nông nghiệp Mỹ Lộc"),
    ("Phóng viên", "Đài Truyền thanh xã"),
    ("Phó Giám đốc", "Trung tâm Phục vụ hành chính công xã Tân Hòa, tỉnh Đồng Tháp"),
]
GROUPS = [
    "Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân xã",
    "Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể",
    "Thành viên Hội đồng Thi đua - Khen thưởng",
    "Lãnh đạo các cơ quan, đơn vị, trường học",
    "Trưởng ấp, tổ dân phố",
    "Tập thể, cá nhân được khen thưởng",
    "Báo chí",
]


def populate(data_dir: Path, count: int):
    """A data folder with one conference and ``count`` delegates; returns (app, conference id)."""
    from kehoach_app import create_app
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate, DelegateGroup
    from kehoach_app.demo import create_demo_conference

    app = create_app(data_dir=data_dir)
    with app.app_context():
        conference = create_demo_conference()
        # the demo may bring its own delegates and groups: the figures are for exactly ``count``
        db.session.query(Delegate).filter_by(conference_id=conference.id).delete()
        db.session.query(DelegateGroup).filter_by(conference_id=conference.id).delete()
        groups = [
            DelegateGroup(conference=conference, position=i, name=name, planned=count // 7)
            for i, name in enumerate(GROUPS, start=1)
        ]
        db.session.add_all(groups)
        for n in range(count):
            position, unit = POSITIONS[n % len(POSITIONS)]
            db.session.add(
                Delegate(
                    conference=conference,
                    group=groups[n % len(groups)],
                    honorific=("Ông", "Bà", "Đồng chí")[n % 3],
                    full_name=f"{FAMILY[n % 16]} {MIDDLE[n // 16 % 12]} {GIVEN[n // 7 % 32]}",
                    position=position,
                    unit=unit,
                    protocol_rank=n + 1 if n < 40 else 0,
                    invitation_sent_on=dt.date(2027, 1, 8) if n % 2 else None,
                    reply=("pending", "attending", "absent", "substitute")[n % 4],
                    substitute_name="Trần Văn Thay" if n % 4 == 3 else "",
                )
            )
        db.session.commit()
        return app, conference.id


def timed(function: Callable[[], bytes], repeat: int) -> tuple[float, float, bytes]:
    """Median wall-clock and CPU seconds over ``repeat`` runs after one warm-up run, and the
    last result. The CPU time is what to compare on a busy machine."""
    result = function()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def figure(wall: float, cpu: float) -> str:
    return f"{wall * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)"


def list_html(data) -> str:
    """The danh sách đại biểu as HTML: the same header, groups, rows and total as the PDF."""
    from kehoach_app.printing.fonts import BUNDLED_DIR

    e = html.escape
    faces = "".join(
        f"@font-face {{ font-family: 'KH Serif'; src: url('{(BUNDLED_DIR / file).as_uri()}');"
        f" font-weight: {weight}; font-style: {style}; }}"
        for file, weight, style in (
            ("LiberationSerif-Regular.ttf", "normal", "normal"),
            ("LiberationSerif-Bold.ttf", "bold", "normal"),
            ("LiberationSerif-Italic.ttf", "normal", "italic"),
        )
    )
    rows = []
    for group in data.groups:
        rows.append(f"<tr><th colspan=4 class=group>{e(group.heading)}</th></tr>")
        rows += [
            f"<tr><td class=c>{r.number}</td><td>{e(r.full_name)}</td><td>{e(r.role)}</td>"
            f"<td>{e(r.note)}</td></tr>"
            for r in group.rows
        ]
    rows.append(f"<tr><th colspan=4 class=group>{e(data.total_line)}</th></tr>")
    return f"""<!doctype html><html lang=vi><head><meta charset=utf-8><style>
{faces}
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm;
         @top-center {{ content: counter(page); font: 13pt 'KH Serif'; }} }}
@page :first {{ @top-center {{ content: none; }} }}
body {{ font: 12pt/1.2 'KH Serif'; margin: 0; }}
.head {{ display: flex; text-align: center; font-size: 12pt; }}
.head > div:first-child {{ width: 40%; }} .head > div:last-child {{ width: 60%; }}
h1 {{ font-size: 14pt; text-align: center; margin: 18pt 0 0; }}
h2 {{ font-size: 14pt; text-align: center; margin: 0 0 12pt; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ border: 0.5pt solid black; padding: 2pt 3pt 3pt; vertical-align: middle; }}
thead th {{ text-align: center; }} th.group {{ text-align: left; }} td.c {{ text-align: center; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
</style></head><body>
<div class=head><div>{e(data.head.parent_body)}<br><b>{e(data.head.issuer.upper())}</b></div>
<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b><u>Độc lập - Tự do - Hạnh phúc</u></b><br>
<i>{e(data.head.date_line)}</i></div></div>
<h1>{e(data.title)}</h1><h2>{e(data.subject)}</h2>
<table><colgroup><col style="width:11mm"><col style="width:48mm"><col style="width:76mm">
<col style="width:30mm"></colgroup>
<thead><tr><th>STT</th><th>Họ và tên</th><th>Chức vụ, đơn vị</th><th>Ghi chú</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>"""


def weasyprint_render() -> Callable[[str], bytes] | str:
    """WeasyPrint's HTML → PDF, or the reason it cannot run here."""
    try:
        import weasyprint
    except ImportError:
        return "chưa cài (pip install -r bench/requirements.txt)"
    except OSError as error:  # the Python package is there, Pango is not
        return (
            f"thiếu thư viện Pango ({error}); apt-get install -y libpango-1.0-0 libpangoft2-1.0-0"
        )
    return lambda markup: weasyprint.HTML(string=markup).write_pdf()


def pages(data: bytes) -> int:
    import pdfplumber  # a test dependency; only to count pages

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        app, conference_id = populate(Path(tmp) / "data", args.delegates)
        print(
            f"Dữ liệu thử: 1 hội nghị, {args.delegates} đại biểu, tạo trong "
            f"{time.perf_counter() - started:.1f} s"
        )
        from kehoach_app.conferences.models import Conference
        from kehoach_app.db import db
        from kehoach_app.delegates import printout as P

        n = args.delegates
        rows: list[tuple[str, str, str]] = []
        with app.app_context():
            conference = db.session.get(Conference, conference_id)
            delegates = P.conference_delegates(conference)
            c, ds = conference, delegates
            measured = [
                (f"{n} giấy mời (PDF)", lambda: P.invitations_pdf(c, ds), "≤ 3 s"),
                (f"danh sách đại biểu, {n} người (PDF)", lambda: P.delegate_list_pdf(c, ds),
                 "≤ 500 ms"),
                ("nhãn phong bì (PDF)", lambda: P.envelope_labels_pdf(c, ds), ""),
                ("sổ theo dõi gửi giấy mời (PDF)", lambda: P.tracking_sheet_pdf(c, ds), ""),
                ("danh sách ký nhận (PDF)", lambda: P.sign_in_sheet_pdf(c, ds), ""),
                ("danh sách đại biểu (XLSX)", lambda: P.delegate_list_xlsx(c, ds), ""),
                ("sổ theo dõi gửi giấy mời (XLSX)", lambda: P.tracking_sheet_xlsx(c, ds), ""),
                ("danh sách ký nhận (XLSX)", lambda: P.sign_in_sheet_xlsx(c, ds), ""),
            ]  # fmt: skip
            for name, function, target in measured:
                wall, cpu, data = timed(function, args.repeat)
                extra = f", {pages(data)} trang" if data.startswith(b"%PDF") else ""
                rows.append((name, f"{figure(wall, cpu)}, {len(data) // 1024} KB{extra}", target))

            # the same table through the two engines: ReportLab (ours) and WeasyPrint (HTML)
            data = P.delegate_list_data(conference, delegates, P.conference_groups(conference))
            ours, ours_cpu, _ = timed(lambda: P.render_delegate_list_pdf(data), args.repeat)
            rows.append(("danh sách đại biểu — chỉ vẽ, ReportLab", figure(ours, ours_cpu), ""))
            render = weasyprint_render()
            if isinstance(render, str):
                rows.append(("danh sách đại biểu — WeasyPrint (HTML)", render, ""))
            else:
                markup = list_html(data)
                theirs, theirs_cpu, pdf = timed(lambda: render(markup), args.repeat)
                rows.append(
                    (
                        "danh sách đại biểu — WeasyPrint (HTML)",
                        f"{figure(theirs, theirs_cpu)}, {pages(pdf)} trang",
                        "",
                    )
                )
                ratio = f"{theirs / ours:.1f} lần (CPU {theirs_cpu / ours_cpu:.1f} lần)"
                rows.append(("tỉ lệ WeasyPrint / ReportLab", ratio, ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'phép đo'.ljust(width)}  {'kết quả':<44} mục tiêu")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:<44} {target}")


if __name__ == "__main__":
    main()
