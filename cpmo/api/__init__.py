"""The HTTP API: flask-smorest blueprints under /api/v1, problem+json errors, offline docs."""

import http
from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Flask, current_app, request, send_from_directory
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from cpmo import __version__
from cpmo.api import problems
from cpmo.api.auth import API_PREFIX, authenticate_request, refuse_unsafe_json
from cpmo.api.bodies import BoundedIntConverter
from cpmo.api.headers import api_security_headers
from cpmo.errors import DomainError

SWAGGER_ASSETS = Path(swagger_ui_bundle.swagger_ui_path)


class CpmoApi(Api):
    """flask-smorest's Api with every error documented and served as problem+json."""

    ERROR_SCHEMA = problems.ProblemSchema

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, object] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, problems.PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, problems.PROBLEM_JSON)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        # problem+json under /api/v1; anywhere else the pages' HTML error page, if registered
        pages = current_app.extensions.get("cpmo.page_errors")
        if pages is not None and not request.path.startswith(API_PREFIX):
            return pages(error)
        return problems.handle_http_exception(error)


def _assets_blueprint() -> Blueprint:
    """Swagger UI's files, served from the installed package (no CDN)."""
    assets = Blueprint("api_assets", __name__, url_prefix="/api/v1/docs/assets")

    @assets.route("/<path:filename>")
    def swagger_asset(filename: str):  # type: ignore[no-untyped-def]
        return send_from_directory(SWAGGER_ASSETS, filename, max_age=3600)

    return assets


def init_app(app: Flask) -> None:
    """Register the API, its documentation, authentication and error handlers."""
    # before any rule is added (pages too): an id beyond an INTEGER column is a 404
    app.url_map.converters["int"] = BoundedIntConverter
    app.config.update(
        API_TITLE="cpmo",
        API_VERSION=__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="/api/v1/docs/assets/",
        API_SPEC_OPTIONS={
            "info": {
                "description": "Portfolio and programme governance for a Corporate Portfolio "
                "Management Office. Authenticate with 'Authorization: Bearer <token>' "
                "(create one with `cpmo users add NAME --role ROLE`). Errors are "
                "application/problem+json.",
            },
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearerAuth": []}],
        },
    )
    api = CpmoApi(app)
    from cpmo.api import (
        business_cases,
        delivery,
        documents,
        finance,
        graph,
        health,
        imports,
        me,
        plan_registers,
        plans,
        portfolios,
        prioritisation,
        programmes,
        reports,
        search,
        workflow,
        workshop_files,
        workshop_results,
        workshops,
    )

    for blp in (
        health.blp,
        me.me_blp,
        me.users_blp,
        portfolios.blp,
        programmes.blp,
        business_cases.blp,
        workflow.blp,
        workflow.audit_blp,
        workflow.diagram_blp,
        delivery.blp,
        documents.blp,
        finance.blp,
        graph.blp,
        reports.blp,
        imports.blp,
        plans.blp,
        plan_registers.kpis_blp,
        plan_registers.risks_blp,
        workshops.blp,
        workshop_results.blp,
        workshop_files.blp,
        prioritisation.blp,
        search.blp,
    ):
        api.register_blueprint(blp)
    app.register_blueprint(_assets_blueprint())
    app.before_request(authenticate_request)
    app.before_request(refuse_unsafe_json)
    app.after_request(api_security_headers)
    app.register_error_handler(DomainError, problems.handle_domain_error)
    app.register_error_handler(IntegrityError, problems.handle_integrity_error)
    app.register_error_handler(DataError, problems.handle_data_error)
    app.register_error_handler(DBAPIError, problems.handle_operational_error)
    app.register_error_handler(PoolTimeout, problems.handle_operational_error)
    app.register_error_handler(Exception, problems.handle_unexpected)
