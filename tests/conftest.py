"""Shared fixtures: an app on a fresh data folder; posting with CSRF tokens like a browser."""

from __future__ import annotations

import re

import pytest

from kehoach_app import create_app
from kehoach_app.db import db

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture()
def app(tmp_path):
    app = create_app({"TESTING": True}, data_dir=tmp_path / "data")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


def csrf_token(client, page: str = "/") -> str:
    html = client.get(page).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def post(client, url: str, data: dict | None = None, page: str = "/", **kwargs):
    """POST as the browser would: with the CSRF token the page carries."""
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, page)
    return client.post(url, data=payload, **kwargs)


@pytest.fixture()
def demo_id(app, client):
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference = create_demo_conference()
        db.session.commit()
        return conference.id
