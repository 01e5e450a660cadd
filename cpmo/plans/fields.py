"""Field types of the plan file: bounded text without control characters, codes, labels
('5.3', 'RES01'), numbers, 1–N scores and reporting periods; and the record base (source)."""

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from cpmo.plans.periods import parse_period
from cpmo.validation import CODE_PATTERN

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
LABEL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9./-]{0,19}$"
MAX_VALUE = 1e12


class Text(fields.String):
    """A string without control characters, stripped of outer space."""

    def __init__(self, max_length: int | None = 20_000, *, required: bool = False, **kw: Any):
        length = validate.Length(min=1, max=max_length) if required else None
        validators = [length or validate.Length(max=max_length)]
        validators += list(kw.pop("validate", []))
        extra = {} if required else {"allow_none": True, "load_default": None}
        super().__init__(required=required, validate=validators, **extra, **kw)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        text = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL.search(text):
            raise ValidationError("must not contain control characters")
        return text.strip()


def Code(*, required: bool = False) -> Text:
    return Text(
        80,
        required=required,
        validate=[validate.Regexp(CODE_PATTERN, error="must be a lowercase code like 'ttp-cyber'")],
    )


def Label(*, required: bool = False) -> Text:
    """An action number ('5.3'), priority number ('RES01') or milestone letter."""
    return Text(
        20,
        required=required,
        validate=[
            validate.Regexp(LABEL_PATTERN, error="must be a short label such as '5.3' or 'RES01'")
        ],
    )


def Number(**kw: Any) -> fields.Float:
    return fields.Float(
        allow_none=True, load_default=None, validate=validate.Range(-MAX_VALUE, MAX_VALUE), **kw
    )


KPI_FREQUENCIES = ["monthly", "quarterly", "six_monthly", "annually", "ad_hoc"]


def Frequency() -> fields.String:
    """How often a KPI is reported: one of ``KPI_FREQUENCIES``, or none."""
    return fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(KPI_FREQUENCIES)
    )


def Score(top: int) -> fields.Integer:
    return fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(1, top)
    )


class Period(Text):
    """A reporting period, kept in its canonical label."""

    def __init__(self, *, required: bool = True) -> None:
        super().__init__(20, required=required)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        try:
            return parse_period(super()._deserialize(value, attr, data, **kwargs)).label
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class Record(Schema):
    class Meta:
        unknown = RAISE

    source = Text(1000, required=True, validate=[validate.Length(min=3)])
    illustrative = fields.Boolean(load_default=False)
