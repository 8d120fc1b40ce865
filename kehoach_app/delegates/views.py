"""Pages of the delegates part (being written)."""

from flask import Blueprint

bp = Blueprint("delegates", __name__)
