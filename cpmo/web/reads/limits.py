"""The governance limits from the app's settings (as the API reads them)."""

from flask import current_app

from cpmo.workflows.service import Limits


def limits() -> Limits:
    return Limits(
        delegated_limit_gbp=current_app.config["CPMO_DELEGATED_LIMIT_GBP"],
        cost_tolerance=current_app.config["CPMO_COST_TOLERANCE"],
    )
