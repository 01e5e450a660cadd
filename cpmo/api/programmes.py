"""Programme endpoints: list (filtered, paginated), one, create, edit details."""

from dataclasses import dataclass
from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.programmes import (
    ProgrammeCreate,
    ProgrammeDetail,
    ProgrammePage,
    ProgrammeQuery,
    ProgrammeRead,
    ProgrammeUpdate,
)
from cpmo.app import request_session
from cpmo.graph import service as graph
from cpmo.portfolios import inputs, service
from cpmo.portfolios.read_models import ProgrammeView
from cpmo.portfolios.service import ProgrammeFilter

blp = make_blueprint("programmes", "/programmes", "Programmes and projects")


@dataclass(frozen=True)
class _Detail:
    """A programme view with its place in the dependency graph."""

    view: ProgrammeView
    dependencies: graph.Dependencies

    def __getattr__(self, name: str) -> object:
        return getattr(self.view, name)


@blp.get("", query=ProgrammeQuery, schema=ProgrammePage)
def list_programmes(args: dict[str, Any]) -> dict[str, Any]:
    """Programmes, filtered by portfolio, stage, RAG, department or parent; paginated."""
    page, page_size = args.pop("page"), args.pop("page_size")
    items, total = service.list_programmes(
        request_session(), flt=ProgrammeFilter(**args), page=page, page_size=page_size
    )
    return {"items": items, "total": total, "page": page, "page_size": page_size}


@blp.get("/<code>", schema=ProgrammeDetail, errors=(404,))
def get_programme(code: str) -> Any:
    """One programme, with the programmes it needs first (directly or through others) and a
    summary of what depends on it."""
    session = request_session()
    view = service.get_programme_view(session, code=code)
    return _Detail(view, graph.programme_dependencies(session, code=code))


@blp.post("", body=ProgrammeCreate, status=201, schema=ProgrammeRead, errors=(409, 422))
def create_programme(data: dict[str, Any]) -> Any:
    """Register a programme (it starts at ``proposed``). A programme manager who registers it
    becomes its manager."""
    session = request_session()
    programme_in = inputs.ProgrammeCreate(**data)
    view = service.create_programme(session, actor=current_user(), programme_in=programme_in)
    return view


@blp.patch("/<code>", body=ProgrammeUpdate, schema=ProgrammeRead, errors=(404, 409, 422))
def update_programme(data: dict[str, Any], code: str) -> Any:
    """Edit a programme's details (never its stage). Bumps the version."""
    session = request_session()
    programme_in = inputs.ProgrammeUpdate(**data)
    view = service.update_programme(
        session, actor=current_user(), code=code, programme_in=programme_in
    )
    return view
