"""Documents kept for a programme: list them (with their SHA-256) and download one. There is
no endpoint that changes or removes a document."""

from typing import Any

from flask import Response

from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.documents import AttachmentRead
from cpmo.app import request_session
from cpmo.documents import files, service

blp = make_blueprint("documents", "/programmes", "Documents kept as attachments (read only)")
BINARY = {"type": "string", "format": "binary"}


@blp.get("/<code>/documents", schema=AttachmentRead(many=True), errors=(404,))
def list_documents(code: str) -> Any:
    """The programme's documents, oldest first, each with its SHA-256."""
    return service.list_attachments(request_session(), code=code)


@blp.get(
    "/<code>/documents/<int:attachment_id>/content",
    schema=BINARY,
    content_type="application/octet-stream",
    description="The bytes as kept; the Digest header carries their SHA-256",
    errors=(404,),
)
def document_content(code: str, attachment_id: int) -> Response:
    """The document's bytes as kept, with its media type and SHA-256 (Digest, ETag)."""
    kept = service.get_or_raise(request_session(), code=code, attachment_id=attachment_id)
    headers = files.download_headers(filename=kept.filename, sha256=kept.sha256)
    return Response(kept.content, content_type=kept.media_type, headers=headers)
