"""the plan's own words on a programme item (agenda_items.plan_note)

Revision ID: 0022
Revises: 0021

`agenda_items.plan_note` ("Yêu cầu nêu trong Kế hoạch") is what the Kế hoạch prints after the
item's title and nothing else prints: the guidance to the units ("(Báo cáo phải nêu được …)",
seed 004). Until now the presets put it inside the title, so the programme, the MC script and
the LED read it out in the hall.

A column (empty for every row), then a data step that splits a title only when it is exactly
one of the texts an older preset wrote (the years excepted): then the officer never typed it
and splitting it is what they would want. Any other title is the officer's and stays as it is
(docs/agenda.md "Yêu cầu nêu trong Kế hoạch").
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

# The titles the presets wrote before this revision (dai_hoi.tinh, tuyen_duong.xa): the title
# the hall hears, then the plan's note. Written out here so this revision does the same
# whatever the presets become.
OLD_PRESET_TITLES = [
    re.compile(
        r'(Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn \d{4} - \d{4}) '
        r'(\(Báo cáo phải nêu được những nét mới, sáng tạo, những phong trào thi đua đã phát '
        r'động, bảo đảm thiết thực, hiệu quả, góp phần hoàn thành tốt nhiệm vụ chính trị của cơ '
        r'quan, đơn vị, địa phương\))'
    ),
    re.compile(
        r'(Báo cáo tham luận của các điển hình tiên tiến \(tập thể và cá nhân\))\. '
        r'(Chú trọng lựa chọn điển hình thật sự tiêu biểu trong 05 năm qua và có sức lan tỏa)'
    ),
    re.compile(
        r'(Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 05 năm) '
        r'(\(nêu những nét mới, sáng tạo, những phong trào thi đua đã phát động\))'
    ),
]


def split_old_title(title):
    """(title, plan_note) when `title` is exactly an older preset's text; None otherwise."""
    text = unicodedata.normalize('NFC', title or '')
    for pattern in OLD_PRESET_TITLES:
        match = pattern.fullmatch(text)
        if match:
            return match.group(1), match.group(2)
    return None


def upgrade():
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('plan_note', sa.String(length=2000), server_default='', nullable=False)
        )
    _split_old_titles(op.get_bind())


def downgrade():
    # The note goes back into the title, as the older program printed it everywhere.
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, title, plan_note FROM agenda_items WHERE plan_note != ''")
    ).fetchall()
    updates = [
        {'title': _joined(title, note)[:2000], 'id': item_id} for item_id, title, note in rows
    ]
    if updates:
        connection.execute(
            sa.text('UPDATE agenda_items SET title = :title WHERE id = :id'), updates
        )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('plan_note')


def _joined(title, note):
    if note.startswith('('):
        return f'{title} {note}'
    return f'{title}. {note}'


def _split_old_titles(connection):
    """The data step: the rows whose title begins like an old preset's, each checked whole; one
    executemany for those to split (a handful per conference at most)."""
    rows = connection.execute(
        sa.text("SELECT id, title FROM agenda_items WHERE title LIKE 'Báo cáo %'")
    ).fetchall()
    updates = []
    for item_id, title in rows:
        parts = split_old_title(title)
        if parts:
            updates.append({'title': parts[0], 'note': parts[1], 'id': item_id})
    if updates:
        connection.execute(
            sa.text('UPDATE agenda_items SET title = :title, plan_note = :note WHERE id = :id'),
            updates,
        )
