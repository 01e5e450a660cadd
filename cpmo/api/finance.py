"""Budget, actual and forecast: record spend and forecasts; read a programme's or portfolio's."""

from datetime import date
from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.finance import (
    ActualsCreate,
    BenefitYearsPut,
    FinanceRead,
    ForecastPut,
    ForecastRead,
    NotRealisedPut,
    PortfolioFinanceRead,
    ProgrammeBenefitsRead,
    SpendRead,
)
from cpmo.api.schemas.workshop_reads import ImportRead
from cpmo.api.schemas.workshops import FileUpload
from cpmo.api.uploads import required_file
from cpmo.app import governance_limits, request_session
from cpmo.finance import realisation, service, spend_import

blp = make_blueprint("finance", "", "Budget, actual and forecast; benefits realisation")


@blp.get("/programmes/<code>/finance", schema=FinanceRead, errors=(404,))
def programme_finance(code: str) -> Any:
    """Baseline, actual and forecast by financial year and for the whole life, with variance
    and where each number comes from."""
    return service.programme_finance(
        request_session(), code=code, limits=governance_limits(), today=date.today()
    )


@blp.get("/programmes/<code>/actuals", schema=SpendRead(many=True), errors=(404,))
def list_actuals(code: str) -> Any:
    """Actual spend recorded by month."""
    return service.list_actuals(request_session(), code=code)


@blp.post(
    "/programmes/<code>/actuals",
    body=ActualsCreate,
    schema=SpendRead(many=True),
    errors=(404, 409, 422),
)
def record_actuals(data: dict[str, Any], code: str) -> Any:
    """Record actual spend by month (a month already recorded is corrected; audited)."""
    entries = [
        service.SpendEntry(
            month=date.fromisoformat(f"{e['month']}-01"), amount_gbp=e["amount_gbp"], note=e["note"]
        )
        for e in data["entries"]
    ]
    return service.record_actuals(
        request_session(), actor=current_user(), code=code, entries=entries
    )


@blp.get("/programmes/<code>/forecast", schema=ForecastRead(many=True), errors=(404,))
def get_forecast(code: str) -> Any:
    """The forecast by financial year, with its rationale."""
    return service.list_forecast(request_session(), code=code)


@blp.put(
    "/programmes/<code>/forecast",
    body=ForecastPut,
    schema=ForecastRead(many=True),
    errors=(404, 409, 422),
)
def put_forecast(data: dict[str, Any], code: str) -> Any:
    """Replace the forecast profile (financial year → £) with a rationale (audited)."""
    years = {int(year): amount for year, amount in data["years"].items()}
    return service.set_forecast(
        request_session(),
        actor=current_user(),
        code=code,
        years=years,
        rationale=data["rationale"],
    )


@blp.get("/portfolios/<code>/finance", schema=PortfolioFinanceRead, errors=(404,))
def portfolio_finance(code: str) -> Any:
    """The portfolio's baseline, actual and forecast by the roll-up rule (each pound once),
    beside its departments' allocations; stopped and closed programmes' spend apart."""
    return service.portfolio_finance(
        request_session(), code=code, limits=governance_limits(), today=date.today()
    )


@blp.get("/programmes/<code>/benefits", schema=ProgrammeBenefitsRead, errors=(404,))
def programme_benefits(code: str) -> Any:
    """Each benefit's plan and actuals by financial year, realisation to date, owner and
    measure; totals count a container once and keep yearly rates apart."""
    return realisation.programme_benefits(request_session(), code=code)


@blp.put(
    "/benefits/<code>/years",
    body=BenefitYearsPut,
    schema=ProgrammeBenefitsRead,
    errors=(404, 409, 422),
)
def put_benefit_years(data: dict[str, Any], code: str) -> Any:
    """Set planned and/or actual figures for financial years (audited)."""
    session = request_session()
    benefit = realisation.record_years(
        session,
        actor=current_user(),
        code=code,
        planned={int(y): a for y, a in data["planned"].items()},
        actual={int(y): a for y, a in data["actual"].items()},
    )
    return realisation.programme_benefits(session, code=_programme_code(benefit))


@blp.put(
    "/benefits/<code>/not-realised",
    body=NotRealisedPut,
    schema=ProgrammeBenefitsRead,
    errors=(404, 409, 422),
)
def put_not_realised(data: dict[str, Any], code: str) -> Any:
    """Declare, with a reason, that a benefit will not be realised (null withdraws it)."""
    session = request_session()
    benefit = realisation.declare_not_realised(
        session, actor=current_user(), code=code, rationale=data["rationale"]
    )
    return realisation.programme_benefits(session, code=_programme_code(benefit))


def _programme_code(benefit: Any) -> str:
    return realisation.programme_of(request_session(), benefit).code


@blp.post(
    "/portfolios/<code>/actuals/import",
    form=FileUpload,
    status=201,
    schema=ImportRead,
    errors=(404, 413, 422),
)
def import_actuals(data: dict[str, Any], code: str) -> Any:
    """Record many programmes' spend from the sheet 'Actuals' of an .xlsx (or a .csv): columns
    programme, month (YYYY-MM), amount (whole pounds), note. All rows or none; each problem
    names its sheet, row and column."""
    upload = required_file("file", what="the .xlsx or .csv", expected="an .xlsx or .csv file")
    n = spend_import.import_actuals(
        request_session(),
        actor=current_user(),
        portfolio=code,
        content=upload.read(),
        filename=upload.filename,
    )
    return {"imported": n, "what": "actuals"}
