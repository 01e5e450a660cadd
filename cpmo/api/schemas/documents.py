"""Documents kept as attachments (read only: a kept document is never changed)."""

from marshmallow import fields

from cpmo.api.schemas.common import StrictSchema


class AttachmentRead(StrictSchema):
    id = fields.Integer(required=True)
    filename = fields.String(required=True)
    supports = fields.String(
        required=True,
        metadata={"description": "what it evidences: business_case, condition or programme"},
    )
    supports_id = fields.Integer(
        allow_none=True,
        metadata={"description": "the business case version's or the condition's id"},
    )
    media_type = fields.String(required=True, metadata={"description": "judged from its bytes"})
    size_bytes = fields.Integer(required=True)
    sha256 = fields.String(required=True, metadata={"description": "SHA-256 of the bytes, hex"})
    uploaded_by = fields.String(required=True)
    uploaded_at = fields.DateTime(required=True)
