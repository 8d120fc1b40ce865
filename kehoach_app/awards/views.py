"""Pages of the awards part (being written)."""

from flask import Blueprint

bp = Blueprint("awards", __name__)
