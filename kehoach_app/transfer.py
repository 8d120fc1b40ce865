"""The conference file: one conference and everything it holds, as versioned JSON.

Written by the Xuất tệp button and `flask --app kehoach_app export-conference`, read back by
Nhập tệp and `import-conference`. The format is described by schemas/conference-file.v1.json
(docs/conference-file.md). Import is all-or-nothing: the file is checked against the schema and
then every value against the same rules as the form, and only a clean file is written.

Later parts of the conference register a PartTransfer so their rows travel in the same file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from werkzeug.datastructures import MultiDict

from . import vn
from .conferences.models import Conference
from .db import db
from .lazy import lazy_function

FILE_FORMAT = "kehoach-hoi-nghi/conference"
FILE_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
# The format nests at most 6 levels (parts → rows → a row's lists); anything deeper is not our
# file, and a deep enough nesting made json.loads raise RecursionError (a 500, issue 18).
MAX_DEPTH = 32
_NESTED_TOO_DEEP = (
    f"Tệp lồng nhau quá sâu (quá {MAX_DEPTH} cấp) — không phải tệp hội nghị của chương trình."
)


def _depth_exceeds(document: Any, limit: int = MAX_DEPTH) -> bool:
    """True when lists/objects nest deeper than `limit` (walked without recursion)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class ConferenceFileError(Exception):
    """A conference file that cannot be imported; `messages` say why, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class PartTransfer:
    """How one part of a conference (agenda, tasks, delegates, …) goes into and out of the file.

    export(conference) returns the part as JSON-ready data (the file's value under `key`).
    validate(data) checks that value with the same rules as the part's forms and returns it
    ready for replace(), or raises ConferenceFileError listing every problem in Vietnamese.
    replace(conference, data) makes the part's rows exactly `data` (deleting what was there):
    used by import, by "Nhân bản" and by undo.
    """

    key: str
    export: Callable[[Conference], Any]
    validate: Callable[[Any], Any]
    replace: Callable[[Conference, Any], None]
    # For "Nhân bản": the part's exported data moved to next edition (years in texts, fixed
    # dates, statuses reset): next_edition(data, years, offset) with the conference's years and
    # how far they move. None: the part is copied as it is.
    next_edition: Callable[[Any, set[int], int], Any] | None = None
    # Parts are replaced in this order: a part that refers to another's rows comes after it
    # (delegates before awards and seating, which link to delegates).
    order: int = 100


_PARTS: list[PartTransfer] = []


def register_part(part: PartTransfer) -> None:
    if all(existing.key != part.key for existing in _PARTS):
        _PARTS.append(part)
        _PARTS.sort(key=lambda p: p.order)


def register_file_part(
    key: str,
    module: str,
    order: int = 100,
    next_edition: bool = True,
    export: str = "export",
    validate: str = "validate",
    replace: str = "replace",
) -> None:
    """A part whose conference-file functions live in `module` (absolute, imported on first
    use) under the names export, validate, replace and next_edition (without next_edition the
    part is copied as it is by "Nhân bản")."""
    register_part(
        PartTransfer(
            key,
            lazy_function(module, export),
            lazy_function(module, validate),
            lazy_function(module, replace),
            lazy_function(module, "next_edition") if next_edition else None,
            order=order,
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def conference_fields(conference: Conference) -> dict:
    """The conference's own fields as JSON-ready values."""
    fields = (*Conference.FIELDS, *Conference.PLAN_FIELDS)  # not values()'s derived first_due
    return {name: _plain(getattr(conference, name)) for name in fields}


def export_conference(conference: Conference) -> dict:
    from . import __version__

    document = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "conference": conference_fields(conference),
    }
    for part in _PARTS:
        document[part.key] = part.export(conference)
    return document


def dump_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@cache
def _schema() -> dict:
    text = (
        resources.files("kehoach_app")
        .joinpath("schemas/conference-file.v1.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)


def _where(path) -> str:
    parts = [str(p) for p in path]
    return "/".join(parts) if parts else "(toàn tệp)"


def _schema_message(error) -> str:
    """A jsonschema error said in Vietnamese, naming where in the file it is."""
    where = _where(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"Thiếu mục “{missing}” tại {where}."
    if kind == "additionalProperties":
        return f"Có mục không được phép tại {where}: {error.message.split('(')[-1].rstrip(')')}"
    if kind == "const" and error.absolute_path and error.absolute_path[-1] == "format":
        return "Đây không phải tệp hội nghị của chương trình Kế hoạch Hội nghị."
    if kind == "const" and error.absolute_path and error.absolute_path[-1] == "version":
        return (
            f"Tệp được ghi theo phiên bản định dạng {error.instance!r}; chương trình này đọc "
            f"phiên bản {FILE_VERSION}. Hãy cập nhật chương trình."
        )
    if kind == "type":
        wanted = {
            "string": "chữ",
            "integer": "số nguyên",
            "object": "nhóm mục",
            "array": "danh sách",
        }
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        return f"Giá trị tại {where} phải là {wanted.get(expected, expected)}."
    if kind == "enum":
        return f"Giá trị “{error.instance}” tại {where} không thuộc danh sách cho phép."
    if kind in ("minimum", "maximum"):
        return f"Giá trị {error.instance} tại {where} nằm ngoài khoảng cho phép."
    if kind in ("minLength", "maxLength"):
        return f"Độ dài của giá trị tại {where} không hợp lệ (trống hoặc quá dài)."
    if kind == "pattern":
        return f"Giá trị “{error.instance}” tại {where} sai định dạng."
    return f"Giá trị tại {where} không hợp lệ."


def read_conference_file(raw: bytes) -> dict:
    """Parse and check a conference file; return it with the conference's values validated.

    Raises ConferenceFileError listing every problem. Nothing is written.
    """
    import jsonschema

    if len(raw) > MAX_FILE_BYTES:
        raise ConferenceFileError(["Tệp quá lớn (tối đa 20 MB)."])
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConferenceFileError(
            ["Tệp không phải văn bản UTF-8 — không phải tệp hội nghị."]
        ) from None
    except json.JSONDecodeError as error:
        raise ConferenceFileError(
            [f"Tệp không đúng định dạng JSON (dòng {error.lineno}, cột {error.colno})."]
        ) from None
    except RecursionError:
        raise ConferenceFileError([_NESTED_TOO_DEEP]) from None
    if _depth_exceeds(document):
        raise ConferenceFileError([_NESTED_TOO_DEEP])
    # Control characters (NUL, Word's soft line break) out of every text before any check;
    # the form classes then turn a line break into a space in one-line values.
    from .forms import clean_value  # WTForms: loaded with the first file read, not at start

    document = clean_value(document)
    if not isinstance(document, dict):
        raise ConferenceFileError(
            ["Đây không phải tệp hội nghị của chương trình Kế hoạch Hội nghị."]
        )
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        raise ConferenceFileError([_schema_message(e) for e in errors[:20]])
    # Every text of the file may be printed: a character the fonts cannot draw (an emoji) is
    # refused here for all parts alike, as the forms refuse it, never dropped from a PDF.
    undrawable = _undrawable_texts(document)
    if undrawable:
        raise ConferenceFileError(undrawable[:20])
    document["conference"] = validate_conference_values(document["conference"])
    document.update(validate_parts({p.key: document[p.key] for p in _PARTS if p.key in document}))
    return document


def _undrawable_texts(value, path: str = "") -> list[str]:
    """One message per text of the file holding characters the printouts cannot draw."""
    from . import glyphs

    if isinstance(value, str):
        missing = glyphs.undrawable(value)
        if not missing:
            return []
        where = f" (tại {path})" if path else ""
        return [glyphs.message(missing).rstrip(".") + where + "."]
    if isinstance(value, dict):
        return [
            m for k, v in value.items() for m in _undrawable_texts(v, f"{path}/{k}".lstrip("/"))
        ]
    if isinstance(value, list):
        return [m for i, v in enumerate(value) for m in _undrawable_texts(v, f"{path}/{i + 1}")]
    return []


def validate_parts(parts: dict) -> dict:
    """Each registered part's value checked by the part; every problem of every part listed."""
    messages: list[str] = []
    checked = {}
    for part in _PARTS:
        if part.key in parts:
            try:
                checked[part.key] = part.validate(parts[part.key])
            except ConferenceFileError as error:
                messages.extend(error.messages)
    if messages:
        raise ConferenceFileError(messages)
    return checked


def validate_conference_values(data: dict) -> dict:
    """Check a conference's values with the same rules as the form; return typed values."""
    from .conferences.forms import ConferenceForm
    from .conferences.units import guess_unit

    data = dict(data)
    if not data.get("unit_type"):
        # A file written before the organiser's unit was a field: read it from the issuer
        # ("Ủy ban nhân dân phường Hồng Hà") when that names exactly one unit of the list, else
        # leave it unstated (the pre-signature check asks for the province at level xã).
        unit_type, unit_name, province = guess_unit(data.get("issuer") or "", data.get("level"))
        if unit_type and (province or unit_type == "huyen"):
            data.update(unit_type=unit_type, unit_name=unit_name)
            data["province"] = data.get("province") or province
    formdata = MultiDict({k: "" if v is None else str(v) for k, v in data.items()})
    form = ConferenceForm(formdata=formdata, meta={"csrf": False})
    form.allow_unknown_unit = True
    if not form.validate():
        messages = []
        for name, field_errors in form.errors.items():
            label = getattr(form, name).label.text
            messages.extend(f"{label}: {message}" for message in field_errors if message)
        raise ConferenceFileError(messages)
    values = form.conference_values()
    for name in Conference.PLAN_FIELDS:  # the plan's texts: free text, kept as written (NFC)
        values[name] = vn.clean_text(data.get(name) or "")
    return values


def import_conference(raw: bytes) -> Conference:
    """Create a new conference from a file's bytes; all or nothing (the caller commits)."""
    document = read_conference_file(raw)
    conference = Conference()
    conference.set_values(document["conference"])
    db.session.add(conference)
    db.session.flush()
    replace_parts(conference, document)
    return conference


def replace_parts(conference: Conference, document: dict) -> None:
    """Make every part of `conference` what `document` holds (parts it lacks are left alone)."""
    with _codes_follow(document):
        for part in _PARTS:
            if part.key in document:
                part.replace(conference, document[part.key])
        db.session.flush()


@contextlib.contextmanager
def _codes_follow(document: dict):
    """While the parts are replaced: when the document holds the check-in codes, the check-in
    part gives them to the delegates and stores each code's QR mask, so the codes the new
    delegate rows get on the way need no mask of their own (delegates.models.CODES_FOLLOW)."""
    from .delegates.models import CODES_FOLLOW

    db.session.info[CODES_FOLLOW] = "check_in" in document
    try:
        yield
    finally:
        db.session.info.pop(CODES_FOLLOW, None)


def snapshot(conference: Conference) -> str:
    """The whole conference as JSON text, as undo steps were saved before 0020 (today's steps
    keep only the tables a change writes: conferences/undo.py)."""
    return json.dumps(export_conference(conference), ensure_ascii=False)


def restore_snapshot(conference: Conference, text: str) -> None:
    """Put the conference and all its parts back as a whole-conference snapshot holds them
    (an undo step saved before 0020; its rows come back with new ids)."""
    document = json.loads(text)
    if "conference" not in document:  # a first-release snapshot held the fields alone
        document = {"conference": document}
    values = dict(document["conference"])
    values["date"] = dt.date.fromisoformat(values["date"])
    values["start_time"] = dt.time.fromisoformat(values["start_time"])
    # A snapshot taken before the ngày ký existed had none: the conference had none then either.
    signing = values.get("signing_date")
    values["signing_date"] = dt.date.fromisoformat(signing) if signing else None
    # A snapshot taken before planned-date kinds (issue 17) had an exact day.
    other = values.get("date_other")
    values["date_other"] = dt.date.fromisoformat(other) if other else None
    values.setdefault("date_kind", "exact")
    conference.set_values(values)
    with _codes_follow(document):
        for part in _PARTS:
            if part.key in document:
                part.replace(conference, part.validate(document[part.key]))
        db.session.flush()
