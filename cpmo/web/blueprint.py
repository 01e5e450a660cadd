"""The one blueprint every page hangs on (endpoints are ``web.<name>``)."""

from flask import Blueprint

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)
