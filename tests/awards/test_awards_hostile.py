"""Hostile input on every awards route: never a server error, and a refused post writes nothing."""

from __future__ import annotations

import itertools

from tests.awards.conftest import add_awards, awards_of, make_conference
from tests.conftest import csrf_token
from tests.security.test_csrf_and_hosts import database_fingerprint

VALUES = [
    "",
    "0",
    "-1",
    "99999999999999999999",
    "1,5",
    "31/02/2027",
    "<script>alert(1)</script>",
    "\x00",
    "x" * 6000,
    "collective",
    "individual",
]


def test_awards_routes_survive_hostile_posts(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức", "Lê Thị Ửng"])
    award = awards_of(app, cid)[0].id
    token = csrf_token(client, f"/hoi-nghi/{cid}/khen-thuong")
    routes = {
        f"/hoi-nghi/{cid}/khen-thuong/them": [
            "form_id",
            "recipient_kind",
            "name",
            "decision_date",
            "receiver_delegate_id",
            "receiver_name",
        ],
        f"/hoi-nghi/{cid}/khen-thuong/{award}/sua": [
            "version",
            "form_id",
            "recipient_kind",
            "name",
            "decision_date",
            "receiver_delegate_id",
        ],
        f"/hoi-nghi/{cid}/khen-thuong/{award}/xoa": ["version"],
        f"/hoi-nghi/{cid}/trao-thuong": ["batch_size", "version", "breaks_after"],
        f"/hoi-nghi/{cid}/trao-thuong/dot/1": [
            "b1-form_id",
            "b1-number",
            "b1-sequence",
            "b1-presenter",
            "b1-music_cue",
        ],
        f"/hoi-nghi/{cid}/khen-thuong/nhap-excel/xac-nhan": ["token", "replace"],
        "/danh-muc-khen-thuong/luong-co-so": ["amount", "effective_from", "legal_basis"],
        "/danh-muc-khen-thuong/1/sua": [
            "version",
            "code",
            "name",
            "level",
            "coefficient",
            "collective_multiplier",
            "precedence",
        ],
    }
    for path, fields in routes.items():
        for first, second in itertools.product(VALUES, repeat=2):
            payload = {name: (first if i % 2 else second) for i, name in enumerate(fields)}
            payload["csrf_token"] = token
            before = database_fingerprint(app)
            response = client.post(path, data=payload)
            assert response.status_code < 500, (path, payload)
            if response.status_code not in (301, 302, 303):
                assert database_fingerprint(app) == before, (path, payload)
