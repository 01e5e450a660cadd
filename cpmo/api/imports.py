"""Import endpoints: a UK GMPP annual-report CSV becomes its own portfolio (one per year)."""

from dataclasses import asdict
from typing import Any

from sqlmodel import select

from cpmo.api.auth import current_user
from cpmo.api.blueprints import documents, make_blueprint
from cpmo.api.schemas.reports import GmppImportRead, GmppUpload
from cpmo.api.uploads import required_file
from cpmo.app import request_session, transactional
from cpmo.imports.gmpp.models import GmppImport
from cpmo.imports.gmpp.service import import_gmpp

blp = make_blueprint("imports", "/imports", "Importers: UK GMPP annual-report data")


@blp.route("/gmpp", methods=["POST"])
@blp.arguments(GmppUpload, location="form", content_type="multipart/form-data")
@blp.response(201, GmppImportRead)
@blp.alt_response(200, schema=GmppImportRead, description="Year already imported: updated")
@documents(blp, 409, 413, 415, 422)
@transactional
def import_gmpp_file(data: dict[str, Any]) -> Any:
    """Upload one GMPP annual-report CSV (multipart field `file`, named like gmpp_2021_22.csv,
    or give `year`). All or nothing: any unreadable row refuses the file (422), naming each
    row and column. Importing a year again updates it in place (200)."""
    upload = required_file("file", what="the CSV", expected="a GMPP CSV file")
    session = request_session()
    year_known = set(session.exec(select(GmppImport.year)).all())
    result = import_gmpp(
        session,
        data=upload.read(),
        filename=upload.filename[:300],
        year=data.get("year"),
        actor=current_user().username,
    )
    return asdict(result), (200 if result.year in year_known else 201)
