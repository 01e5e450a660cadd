"""Documents on the programme page: add one (its manager or a CPMO officer), download one
(anyone who sees the programme). Bytes are served as kept, never rendered by the browser."""

from typing import Any

from flask import Response, flash, redirect, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from cpmo.app import max_attachment_bytes, request_session, transactional
from cpmo.business_cases.service import check_may_write
from cpmo.documents import files
from cpmo.documents import service as documents
from cpmo.errors import InvalidInput, status_of
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.views.programmes import render_programme

FORM = "add-document"
FIELD = "document"
MISSING = "Select a document to add"


def uploaded_file(field: str) -> tuple[str, bytes] | None:
    """The file sent as ``field`` (name, bytes), or None when none was chosen; TooLarge when
    the request is over the attachment limit (nothing past it is read)."""
    try:
        upload = request.files.get(field)
    except RequestEntityTooLarge:  # (the CSRF check usually meets the body cap first)
        raise files.too_large(max_attachment_bytes()) from None
    if upload is None or not upload.filename:
        return None
    return upload.filename, upload.stream.read(max_attachment_bytes() + 1)


def checked_file(field: str, *, required: str | None = None) -> files.CheckedFile | None:
    """The file sent as ``field``, checked (InvalidInput, TooLarge); None when none was sent
    and none is ``required`` (the message to show)."""
    sent = uploaded_file(field)
    if sent is None:
        if required:
            raise InvalidInput(required, errors={"file": [required]})
        return None
    return files.check(*sent, max_bytes=max_attachment_bytes())


@bp.route("/programmes/<code>/documents", methods=["POST"])
@transactional
def add_document(code: str) -> Any:
    """Keep a document for the programme generally; its SHA-256 goes into the audit entry."""
    session = request_session()
    check_may_write(acting_user(), get_programme_or_raise(session, code=code))
    try:
        checked = checked_file(FIELD, required=MISSING)
        assert checked is not None
        kept = documents.add_document(session, actor=acting_user(), code=code, file=checked)
    except InvalidInput as exc:
        return render_programme(code, status_of(exc), form=FORM, errors={FIELD: [exc.detail]})
    flash(f"Document added: {kept.filename}.", "success")
    return redirect(url_for("web.programme", code=code, _anchor="documents"))


@bp.route("/programmes/<code>/documents/<int:attachment_id>", methods=["GET"])
def document(code: str, attachment_id: int) -> Response:
    """The document's bytes as kept, saved by the browser, with its SHA-256."""
    kept = documents.get_or_raise(request_session(), code=code, attachment_id=attachment_id)
    headers = files.download_headers(filename=kept.filename, sha256=kept.sha256)
    return Response(kept.content, content_type=kept.media_type, headers=headers)
