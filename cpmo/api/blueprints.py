"""Blueprint factory and the error documentation every authenticated endpoint shares."""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask_smorest import Blueprint

AUTH_ERRORS = (401, 403)


def make_blueprint(name: str, url_prefix: str, description: str) -> Blueprint:
    return Blueprint(name, __name__, url_prefix=f"/api/v1{url_prefix}", description=description)


def documents(blp: Blueprint, *codes: int, public: bool = False) -> Callable[[Any], Any]:
    """Document problem+json error responses (401/403 too unless ``public``)."""
    all_codes = codes if public else (*AUTH_ERRORS, *codes)

    def decorate(func: Any) -> Any:
        for code in sorted(set(all_codes), reverse=True):
            func = blp.alt_response(code, response=HTTPStatus(code).name)(func)
        return func

    return decorate
