"""Blueprint factory and the error documentation every authenticated endpoint shares."""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import Schema

from cpmo.api.problems import PROBLEM_JSON

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


def refusals(blp: Blueprint, schema: type[Schema], *codes: int) -> Callable[[Any], Any]:
    """Document refusals as problem+json carrying a feature's own extensions (``schema``)."""

    def decorate(func: Any) -> Any:
        for code in sorted(codes, reverse=True):
            func = blp.alt_response(
                code,
                schema=schema,
                content_type=PROBLEM_JSON,
                description=HTTPStatus(code).phrase,
            )(func)
        return func

    return decorate


def no_content() -> Response:
    """204 No Content: no body and no Content-Type."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response
