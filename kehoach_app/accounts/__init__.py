"""Named accounts for LAN mode: who may open the app from another computer, and what they may do.

The install's owner (chủ máy) is an account with the quản trị role, made at the first LAN start
from the password asked then; colleagues get their own logins with a role (xem, nhập liệu,
quản trị). `logic.py` holds the pure rules (roles, the same-origin `next`, login throttling),
`operations.py` the database work, `views.py` the accounts page; lan.py enforces them.
"""
