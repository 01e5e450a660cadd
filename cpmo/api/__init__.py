"""HTTP API (filled in by the API platform)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API blueprints."""
