"""The Five Case Model as marshmallow schemas. Drafts may be incomplete, never ill-typed."""

from marshmallow import fields, validate

from cpmo.api.schemas.common import MAX_MONEY_GBP, Money, OneOf, StrictSchema, Text
from cpmo.workflows.case_status import CASE_STATUSES
from cpmo.workflows.gates import CASE_KINDS

TITLE = {"max_length": 300, "min_length": 1}
NPV = fields.Integer(
    strict=True,
    validate=validate.Range(min=-MAX_MONEY_GBP, max=MAX_MONEY_GBP),
    metadata={"description": "net present value, whole pounds (may be negative)"},
)
SCORE = validate.Range(min=1, max=5)


class Option(StrictSchema):
    name = Text(required=True, **TITLE)
    npv = fields.Integer(
        strict=True, validate=validate.Range(min=-MAX_MONEY_GBP, max=MAX_MONEY_GBP)
    )
    description = Text(max_length=5000)
    do_minimum = fields.Boolean(metadata={"description": "business-as-usual / do-minimum"})


class Strategic(StrictSchema):
    case_for_change = Text(max_length=50_000)
    objectives = fields.List(Text(max_length=200, min_length=1), validate=validate.Length(max=100))


class Economic(StrictSchema):
    options = fields.List(fields.Nested(Option), validate=validate.Length(max=50))
    preferred_option = Text(max_length=300)


class LotSpec(StrictSchema):
    name = Text(required=True, **TITLE)
    description = Text(max_length=5000)


class Commercial(StrictSchema):
    procurement_route = Text(max_length=2000)
    lots = fields.List(fields.Nested(LotSpec), validate=validate.Length(max=100))


class Financial(StrictSchema):
    whole_life_cost = Money()
    funding_source = Text(max_length=2000)
    profile = fields.Dict(
        keys=fields.String(
            validate=validate.Regexp(r"^(19|20|21)\d\d$", error="years are written like 2024")
        ),
        values=Money(),
        validate=validate.Length(max=60),
    )


class MilestoneSpec(StrictSchema):
    name = Text(required=True, **TITLE)
    due = fields.Date(required=True)


class RiskSpec(StrictSchema):
    title = Text(required=True, **TITLE)
    likelihood = fields.Integer(strict=True, required=True, validate=SCORE)
    impact = fields.Integer(strict=True, required=True, validate=SCORE)
    owner = Text(required=True, **TITLE)


class BenefitSpec(StrictSchema):
    title = Text(required=True, **TITLE)
    value_gbp = Money(allow_none=True)
    measure = Text(max_length=2000, allow_none=True)


class Management(StrictSchema):
    senior_responsible_owner = Text(
        max_length=300, metadata={"description": "a role title, never a name"}
    )
    milestones = fields.List(fields.Nested(MilestoneSpec), validate=validate.Length(max=200))
    risks = fields.List(fields.Nested(RiskSpec), validate=validate.Length(max=200))
    benefits = fields.List(fields.Nested(BenefitSpec), validate=validate.Length(max=200))


class FiveCases(StrictSchema):
    strategic = fields.Nested(Strategic)
    economic = fields.Nested(Economic)
    commercial = fields.Nested(Commercial)
    financial = fields.Nested(Financial)
    management = fields.Nested(Management)


class BusinessCaseCreate(FiveCases):
    kind = OneOf(list(CASE_KINDS), required=True)


class BusinessCaseUpdate(FiveCases):
    revision = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={
            "description": "the draft's revision this edit was made from (as last read); "
            "409 if someone saved the draft since"
        },
    )


class CaseDecisionRead(StrictSchema):
    event = fields.String(required=True)
    actor = fields.String(required=True)
    role = fields.String(required=True)
    at = fields.DateTime(required=True)
    rationale = fields.String(allow_none=True)
    conditions = fields.List(fields.String())


class BusinessCaseRead(FiveCases):
    programme = fields.String(required=True)
    kind = fields.String(required=True)
    version = fields.Integer(required=True)
    revision = fields.Integer(
        required=True, metadata={"description": "the draft's edit count; send it back to edit"}
    )
    content_sha256 = fields.String(
        allow_none=True, metadata={"description": "SHA-256 of the stored content"}
    )
    status = fields.String(required=True, validate=validate.OneOf(["draft", "submitted"]))
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    submitted_by = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    missing = fields.List(
        fields.String(),
        metadata={"description": "what the case still lacks before it can be submitted"},
    )
    gate_status = fields.String(
        validate=validate.OneOf(CASE_STATUSES),
        metadata={"description": "where the case stands at its gate (follows the decisions)"},
    )
    decision = fields.Nested(
        CaseDecisionRead,
        allow_none=True,
        metadata={"description": "the approval, return or stop that settled it, if any"},
    )
    endorsement = fields.Nested(
        CaseDecisionRead,
        allow_none=True,
        metadata={"description": "the oversight endorsement of its submission, if any"},
    )


class DocxUpload(StrictSchema):
    """multipart/form-data: the .docx, and which case it is."""

    kind = OneOf(list(CASE_KINDS), required=True)
    file = fields.Raw(
        load_default=None,
        metadata={"type": "string", "format": "binary", "description": "a Word .docx file"},
    )


class DocxImportRead(StrictSchema):
    business_case = fields.Nested(BusinessCaseRead, required=True)
    not_found = fields.List(fields.String(), required=True)
    notes = fields.List(fields.String(), required=True)


def to_content(data: dict) -> dict:  # type: ignore[type-arg]
    """Validated input → the JSON-safe content stored (dates as ISO text)."""
    return FiveCases().dump({k: data[k] for k in FiveCases().fields if k in data})


class CaseChangeRead(StrictSchema):
    section = fields.String(
        required=True, metadata={"description": "strategic, economic, commercial, financial …"}
    )
    section_label = fields.String(required=True, metadata={"description": "as people read it"})
    field = fields.String(
        required=True, metadata={"description": "the field (a list's field: milestones.due)"}
    )
    item = fields.String(
        allow_none=True, metadata={"description": "the list item's name or the profile's year"}
    )
    change = fields.String(required=True, validate=validate.OneOf(["added", "removed", "changed"]))
    label = fields.String(required=True, metadata={"description": "the field as the form names it"})
    before = fields.String(allow_none=True, metadata={"description": "in the approved OBC"})
    after = fields.String(allow_none=True, metadata={"description": "in this FBC"})


class FbcChangesRead(StrictSchema):
    programme = fields.String(required=True)
    obc_version = fields.Integer(required=True, metadata={"description": "the approved OBC"})
    fbc_version = fields.Integer(required=True)
    changes = fields.List(
        fields.Nested(CaseChangeRead),
        required=True,
        metadata={"description": "only what changed; empty when nothing did"},
    )
