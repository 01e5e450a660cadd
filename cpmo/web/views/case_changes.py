"""What an FBC changed from the approved OBC: only the differences, side by side."""

from itertools import groupby
from typing import Any

from flask import render_template

from cpmo.app import request_session
from cpmo.business_cases.from_obc import fbc_changes as compare
from cpmo.portfolios import service as portfolios
from cpmo.web.blueprint import bp


@bp.route("/programmes/<code>/business-cases/fbc/<int:number>/changes", methods=["GET"])
def fbc_changes(code: str, number: int) -> Any:
    session = request_session()
    view = portfolios.get_programme_view(session, code=code)
    compared = compare(session, code=code, number=number)
    sections = [
        (label, list(changes))
        for label, changes in groupby(compared.changes, key=lambda c: c.section_label)
    ]
    return render_template("web/fbc_changes.html", p=view, compared=compared, sections=sections)
