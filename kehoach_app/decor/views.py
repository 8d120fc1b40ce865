"""Pages of the decor part (being written)."""

from flask import Blueprint

bp = Blueprint("decor", __name__)
