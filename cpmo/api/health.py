"""GET /api/v1/health: the only endpoint without authentication."""

from marshmallow import fields
from sqlalchemy import text

from cpmo import __version__
from cpmo.api.blueprints import documents, make_blueprint
from cpmo.api.schemas.common import StrictSchema
from cpmo.app import request_session

blp = make_blueprint("health", "/health", "Liveness and database reachability (no token needed)")


class HealthRead(StrictSchema):
    status = fields.String(required=True)
    version = fields.String(required=True)
    database = fields.String(required=True)


@blp.route("", methods=["GET"])
@blp.doc(security=[])
@blp.response(200, HealthRead)
@documents(blp, 503, public=True)
def health() -> dict[str, str]:
    """Report that the service is up and its database answers (503 when it does not)."""
    # a real read of the database: SELECT 1 alone would pass on a SQLite file that is
    # damaged, or on a database that was never migrated
    request_session().execute(text("SELECT count(*) FROM alembic_version"))
    return {"status": "ok", "version": __version__, "database": "ok"}
