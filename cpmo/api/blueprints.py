"""Blueprint factory and the error documentation every authenticated endpoint shares."""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema

from cpmo.api.problems import PROBLEM_JSON
from cpmo.api.uploads import MULTIPART, checked_first
from cpmo.app import transactional

AUTH_ERRORS = (401, 403)


def make_blueprint(
    name: str, url_prefix: str, description: str, *, problem: type[Schema] | None = None
) -> "ApiBlueprint":
    """A blueprint under /api/v1; ``problem`` documents its ``refused`` codes (see ApiBlueprint)."""
    return ApiBlueprint(
        name, __name__, url_prefix=f"/api/v1{url_prefix}", description=description, problem=problem
    )


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


class ApiBlueprint(Blueprint):
    """A blueprint whose ``get``/``post``/``put``/``patch``/``delete`` declare an endpoint's
    whole stack in one decorator: route, input, answer, documented errors and transaction.

    Options: the input (a JSON ``body``; a ``query`` string, unknown keys refused; or a
    multipart ``form``, whose ``check(**view_args)`` runs before a byte of it is read), the
    answer (``status``, ``schema``, ``content_type``, ``description``), ``errors`` documented
    as problem+json (401/403 always), ``refused`` codes documented with the blueprint's own
    ``problem`` schema, and ``writes`` (one transaction; the default for all but GET)."""

    def __init__(self, *args: Any, problem: type[Schema] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problem = problem

    def get(self, rule: str, **options: Any) -> Callable[[Any], Any]:
        return self._declare("GET", rule, **options)

    def post(self, rule: str, **options: Any) -> Callable[[Any], Any]:
        return self._declare("POST", rule, **options)

    def put(self, rule: str, **options: Any) -> Callable[[Any], Any]:
        return self._declare("PUT", rule, **options)

    def patch(self, rule: str, **options: Any) -> Callable[[Any], Any]:
        return self._declare("PATCH", rule, **options)

    def delete(self, rule: str, **options: Any) -> Callable[[Any], Any]:
        return self._declare("DELETE", rule, **options)

    def _declare(
        self,
        method: str,
        rule: str,
        *,
        body: type[Schema] | None = None,
        query: type[Schema] | None = None,
        form: type[Schema] | None = None,
        check: Callable[..., None] | None = None,
        status: int = 200,
        schema: Any = None,
        content_type: str | None = None,
        description: str | None = None,
        errors: tuple[int, ...] = (),
        refused: tuple[int, ...] = (),
        writes: bool | None = None,
    ) -> Callable[[Any], Any]:
        blp = self

        def decorate(func: Any) -> Any:
            if method != "GET" if writes is None else writes:
                func = transactional(func)
            if refused:
                if self.problem is None:
                    raise TypeError("refused codes need the blueprint's problem schema")
                func = refusals(blp, self.problem, *refused)(func)
            func = documents(blp, *errors)(func)
            answer = blp.response(
                status, schema, content_type=content_type, description=description
            )
            func = answer(func)
            if body is not None:
                func = blp.arguments(body)(func)
            if query is not None:
                func = blp.arguments(query, location="query", unknown=RAISE)(func)
            if form is not None:
                func = blp.arguments(form, location="form", content_type=MULTIPART)(func)
            if check is not None:
                func = checked_first(check)(func)
            return blp.route(rule, methods=[method])(func)

        return decorate


def no_content() -> Response:
    """204 No Content: no body and no Content-Type."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response
