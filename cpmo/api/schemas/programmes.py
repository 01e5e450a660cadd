"""Programme schemas: Create, Update, Read (Dispatch's schema families)."""

from marshmallow import fields, validate

from cpmo.api.schemas.common import Code, Money, OneOf, PageArgs, StrictSchema, Text, UpdateSchema
from cpmo.api.schemas.graph import DependenciesRead
from cpmo.vocabulary import RAGS, STAGES, ProgrammeGroup

GROUPS = [g.value for g in ProgrammeGroup]


class ProgrammeFields(StrictSchema):
    date_pairs = (("planned_start", "planned_end"),)
    name = Text(max_length=300, min_length=1)
    parent = Code(allow_none=True)
    department = Code(allow_none=True)
    group = OneOf(GROUPS, allow_none=True)
    description = Text(max_length=20_000, allow_none=True)
    senior_responsible_owner = Text(
        max_length=300, allow_none=True, metadata={"description": "a role title, never a name"}
    )
    rag = OneOf(RAGS)
    rag_reason = Text(max_length=500, allow_none=True)
    whole_life_cost_gbp = Money(allow_none=True)
    planned_start = fields.Date(allow_none=True)
    planned_end = fields.Date(allow_none=True)
    manager = Text(max_length=80, allow_none=True, metadata={"description": "username"})


class ProgrammeCreate(ProgrammeFields):
    code = Code(required=True)
    name = Text(max_length=300, min_length=1, required=True)
    portfolio = Code(required=True)


class ProgrammeUpdate(UpdateSchema, ProgrammeFields):
    version = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "the version you edited; 409 if the programme has moved on"},
    )
    rationale = Text(
        max_length=2_000,
        allow_none=True,
        metadata={
            "description": "why cost, manager, SRO, RAG or planned dates change (recorded in "
            "the audit trail; required while a gate is under review)"
        },
    )


class NextGateRead(StrictSchema):
    gate = fields.String()
    planned_date = fields.Date(allow_none=True)
    planned_text = fields.String(allow_none=True)


class ProgrammeRead(StrictSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    portfolio = fields.String(required=True)
    parent = fields.String(allow_none=True)
    department = fields.String(allow_none=True)
    manager = fields.String(allow_none=True)
    group = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    senior_responsible_owner = fields.String(allow_none=True)
    stage = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(STAGES),
        metadata={"description": "null: not stated (an imported record whose source states none)"},
    )
    outside_gates = fields.String(
        allow_none=True,
        metadata={"description": "why gate events do not apply (e.g. imported GMPP data)"},
    )
    version = fields.Integer(required=True)
    rag = fields.String(required=True, validate=validate.OneOf(RAGS))
    rag_reason = fields.String(allow_none=True)
    whole_life_cost_gbp = fields.Integer(allow_none=True)
    planned_start = fields.Date(allow_none=True)
    planned_end = fields.Date(allow_none=True)
    next_gate = fields.Nested(NextGateRead, allow_none=True)
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ProgrammeDetail(ProgrammeRead):
    dependencies = fields.Nested(
        DependenciesRead,
        required=True,
        metadata={
            "description": "programmes it needs first (upstream) and what depends on it "
            "(downstream), from the dependency graph"
        },
    )


class ProgrammePage(StrictSchema):
    items = fields.List(fields.Nested(ProgrammeRead), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)


class ProgrammeQuery(PageArgs):
    portfolio = Code()
    stage = OneOf(STAGES)
    rag = OneOf(RAGS)
    department = Code()
    parent = Code()
