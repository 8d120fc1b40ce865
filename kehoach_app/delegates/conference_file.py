"""The delegates in the conference file: {"groups": [...], "people": [...]}.

Schema: schemas/conference-file.v1.json, $defs/delegates. People name their group; the groups'
names are unique within a conference. The values are checked by the same forms as the pages
(GroupForm, DelegateForm), and every problem names the item: "Đại biểu 12: Điện thoại: …".
Also used by undo (the snapshot is this export) and by "Nhân bản".
"""

from __future__ import annotations

from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from ..conferences.models import Conference
from ..db import db
from ..transfer import ConferenceFileError
from .forms import DelegateChecker, GroupForm, field_label
from .logic import UNGROUPED, group_key
from .models import Delegate, DelegateGroup
from .operations import groups_of

# The fields of a person, in the order the file writes them: the model's own list without the
# group (the file nests people under their group).
_PERSON_FIELDS = tuple(name for name in Delegate.FIELDS if name != "group_id")


def export(conference: Conference) -> dict:
    """The conference's groups (in order) and delegates (in the order they were added)."""
    groups = groups_of(conference)
    names = {g.id: g.name for g in groups}
    people = db.session.execute(
        select(Delegate.group_id, *(getattr(Delegate, f) for f in _PERSON_FIELDS))
        .where(Delegate.conference_id == conference.id)
        .order_by(Delegate.id)
    )
    return {
        "groups": [{"name": g.name, "planned": g.planned, "notes": g.notes} for g in groups],
        "people": [
            {
                "group": names.get(row.group_id),
                "honorific": row.honorific,
                "full_name": row.full_name,
                "position": row.position,
                "unit": row.unit,
                "protocol_rank": row.protocol_rank,
                "presidium": row.presidium,
                "phone": row.phone,
                "invitation_sent_on": (
                    row.invitation_sent_on.isoformat() if row.invitation_sent_on else None
                ),
                "reply": row.reply,
                "substitute_name": row.substitute_name,
                "notes": row.notes,
            }
            for row in people
        ],
    }


def _text(value) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "y"
    return str(value)


def validate(data: dict) -> dict:
    """Check the file's groups and people; return {"groups": [values], "people": [values]}.

    A person's "group_index" is the position of their group in "groups" (None: no group).
    Raises ConferenceFileError listing every problem, each naming the group or person by number.
    """
    messages: list[str] = []
    groups: list[dict] = []
    index_by_key: dict[str, int] = {}
    for number, item in enumerate(data.get("groups", []), start=1):
        form = GroupForm(
            formdata=MultiDict({k: _text(v) for k, v in item.items()}), meta={"csrf": False}
        )
        form.taken_names = frozenset(index_by_key)
        if not form.validate():
            for name, errors in form.errors.items():
                label = getattr(form, name).label.text
                messages.extend(f"Thành phần {number}: {label}: {m}" for m in errors if m)
            continue
        values = form.group_values()
        index_by_key[group_key(values["name"])] = len(groups)
        groups.append(values)

    choices = [SelectChoice("", UNGROUPED)] + [
        SelectChoice(str(i), g["name"]) for i, g in enumerate(groups)
    ]
    checker = DelegateChecker(choices)
    people: list[dict] = []
    for number, item in enumerate(data.get("people", []), start=1):
        group_name = item.get("group")
        formdata = MultiDict({name: _text(item[name]) for name in _PERSON_FIELDS if name in item})
        if group_name:
            index = index_by_key.get(group_key(group_name))
            if index is None:
                messages.append(
                    f"Đại biểu {number}: thành phần “{group_name}” không có trong danh sách "
                    "thành phần của tệp."
                )
                continue
            formdata["group_id"] = str(index)
        values, errors = checker.check(formdata)
        if errors:
            for name, field_errors in errors.items():
                messages.extend(
                    f"Đại biểu {number}: {field_label(name)}: {m}" for m in field_errors
                )
            continue
        values["group_index"] = values.pop("group_id")
        people.append(values)
    if messages:
        raise ConferenceFileError(messages)
    return {"groups": groups, "people": people}


def replace(conference: Conference, data: dict) -> None:
    """Make the conference's groups and delegates exactly the checked `data`."""
    db.session.execute(delete(Delegate).where(Delegate.conference_id == conference.id))
    db.session.execute(delete(DelegateGroup).where(DelegateGroup.conference_id == conference.id))
    groups = [
        DelegateGroup(conference_id=conference.id, position=position, **values)
        for position, values in enumerate(data["groups"], start=1)
    ]
    db.session.add_all(groups)
    db.session.flush()
    people = []
    for values in data["people"]:
        values = dict(values)
        index = values.pop("group_index")
        people.append(
            Delegate(
                conference_id=conference.id,
                group_id=groups[index].id if index is not None else None,
                **values,
            )
        )
    db.session.add_all(people)
    db.session.flush()
