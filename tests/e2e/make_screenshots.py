"""Take the README's screenshots: `python -m tests.e2e.make_screenshots` (needs chromium)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.server import ROOT, running_server

OUT = ROOT / "docs" / "screenshots"

PAGES = (
    ("programme", "/hoi-nghi/1/chuong-trinh"),
    ("delegates", "/hoi-nghi/1/dai-bieu"),
    ("tasks", "/hoi-nghi/1/nhiem-vu"),
    ("awards", "/hoi-nghi/1/khen-thuong"),
    ("seating", "/hoi-nghi/1/cho-ngoi"),
    ("decor", "/hoi-nghi/1/trang-tri"),
    ("budget", "/hoi-nghi/1/du-toan"),
    ("plan", "/hoi-nghi/1/ke-hoach"),
    ("print-centre", "/hoi-nghi/1/in"),
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pdfs = {}
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "data") as (base, _):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "empty.png"))
            page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
            page.screenshot(path=str(OUT / "dashboard.png"), full_page=True)
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "index.png"))
            page.goto(base + "/hoi-nghi/moi")
            page.screenshot(path=str(OUT / "presets.png"), full_page=True)
            page.goto(base + "/hoi-nghi/1/sua")
            page.get_by_label("Tên hội nghị").fill("")
            page.get_by_label("Giờ bắt đầu").fill("25:00")
            page.get_by_label("Số đại biểu dự kiến").fill("100000")
            page.get_by_role("button", name="Lưu thay đổi").click()
            page.screenshot(path=str(OUT / "form-errors.png"), full_page=True)
            for name, path in PAGES:
                response = page.goto(base + path)
                if response is not None and response.status == 200:
                    page.screenshot(path=str(OUT / f"{name}.png"))
            for name, key in (("summary-pdf", "thong-tin-hoi-nghi"), ("plan-pdf", "ke-hoach")):
                pdfs[name] = page.request.get(f"{base}/hoi-nghi/1/in/{key}.pdf").body()
            browser.close()
    for name, data in pdfs.items():
        pdf_path = Path(tempfile.mkdtemp()) / f"{name}.pdf"
        pdf_path.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf_path),
                str(OUT / name),
            ],
            check=True,
        )
    print("\n".join(sorted(str(p) for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
