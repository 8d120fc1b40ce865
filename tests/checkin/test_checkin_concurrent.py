"""Two check-in points at once against the real server (python -m kehoach_app, waitress):
500 delegates, each scanned at both points at about the same moment — 500 arrivals, none lost,
none doubled, and exactly one of the two points told "new" for each."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from kehoach_app import create_app
from kehoach_app.db import db
from tests.server import running_server

COUNT = 500


def _conference_of(data_dir) -> tuple[int, list[str]]:
    from kehoach_app.conferences.models import Conference
    from kehoach_app.delegates.models import Delegate

    app = create_app({"TESTING": True}, data_dir=data_dir)
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference: Conference = create_demo_conference()
        db.session.add_all(
            Delegate(conference_id=conference.id, full_name=f"Đại biểu số {i}", unit="Xã Tân Hòa")
            for i in range(COUNT - 40)
        )
        db.session.commit()
        codes = [
            d.check_in_code
            for d in db.session.query(Delegate).filter_by(conference_id=conference.id)
        ]
        conference_id = conference.id
        db.session.remove()
        db.engine.dispose()
    assert len(codes) == COUNT
    return conference_id, codes


class Point:
    """One check-in point: its own session cookie and CSRF token, as a phone's browser."""

    def __init__(self, base: str, conference_id: int, name: str):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.url = f"{base}/hoi-nghi/{conference_id}/diem-danh"
        html = self.opener.open(self.url, timeout=30).read().decode()
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        self.name = name
        self.answers: list[tuple[str, str]] = []
        self.errors: list[str] = []

    def scan_all(self, codes: list[str]) -> None:
        for code in codes:
            body = urllib.parse.urlencode(
                {"csrf_token": self.token, "ma": code, "diem": self.name}
            ).encode()
            request = urllib.request.Request(
                self.url, data=body, headers={"X-Requested-With": "fetch"}
            )
            try:
                with self.opener.open(request, timeout=60) as response:
                    import json

                    self.answers.append((code, json.loads(response.read())["status"]))
            except Exception as error:  # noqa: BLE001 — every failure is reported by the test
                self.errors.append(f"{code}: {error}")


def test_two_points_500_arrivals_none_lost_none_doubled(tmp_path):
    data_dir = tmp_path / "data"
    conference_id, codes = _conference_of(data_dir)
    with running_server(data_dir) as (base, _process):
        one = Point(base, conference_id, "Cửa 1")
        two = Point(base, conference_id, "Cửa 2")
        threads = [
            threading.Thread(target=one.scan_all, args=(codes,)),
            threading.Thread(target=two.scan_all, args=(list(reversed(codes)),)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        import json

        with urllib.request.urlopen(
            f"{base}/hoi-nghi/{conference_id}/diem-danh/so-lieu", timeout=30
        ) as response:
            figures = json.loads(response.read())
    assert one.errors == [] and two.errors == []
    assert len(one.answers) == len(two.answers) == COUNT
    new = [code for code, status in one.answers + two.answers if status == "new"]
    again = [code for code, status in one.answers + two.answers if status == "again"]
    assert sorted(new) == sorted(codes)  # each code recorded once, by one of the two points
    assert sorted(again) == sorted(codes)  # and the other point was told so
    assert figures["present"] == figures["total"] == COUNT
    import sqlite3

    connection = sqlite3.connect(data_dir / "kehoach.sqlite3")
    try:
        rows = connection.execute(
            "SELECT code, point FROM arrivals WHERE conference_id = ?", (conference_id,)
        ).fetchall()
    finally:
        connection.close()
    assert len(rows) == COUNT and len({code for code, _ in rows}) == COUNT
    points = {point for _, point in rows}
    assert points <= {"Cửa 1", "Cửa 2"}
