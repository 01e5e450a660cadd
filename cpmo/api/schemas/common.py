"""Field types shared by every API schema: strict, bounded, and safe to store."""

import re
import unicodedata
from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from cpmo.validation import CODE_PATTERN

MAX_MONEY_GBP = 10**13  # £10 trillion: far above any programme, far below a BIGINT
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Text(fields.String):
    """A string without control characters (NUL breaks PostgreSQL), stripped of outer space."""

    def __init__(self, *, max_length: int = 10_000, min_length: int = 0, **kwargs: Any) -> None:
        validators = list(kwargs.pop("validate", []) or [])
        validators.append(validate.Length(min=min_length, max=max_length))
        super().__init__(validate=validators, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL.search(text) or any(unicodedata.category(c) == "Cs" for c in text):
            raise ValidationError("must not contain control characters")
        return text.strip()


def Code(**kwargs: Any) -> Text:
    """A lowercase slug code such as ``ttp-cyber``."""
    return Text(
        max_length=80,
        min_length=1,
        validate=[validate.Regexp(CODE_PATTERN, error="must be a lowercase code like 'ttp-cyber'")],
        **kwargs,
    )


def Money(**kwargs: Any) -> fields.Integer:
    """Whole pounds sterling, 0 or more."""
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=MAX_MONEY_GBP),
        metadata={"description": "whole pounds sterling"},
        **kwargs,
    )


def OneOf(choices: list[str], **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(choices), **kwargs)


class StrictSchema(Schema):
    """Unknown fields are refused; each (start, end) pair in ``date_pairs`` must be in order."""

    date_pairs: ClassVar[tuple[tuple[str, str], ...]] = ()

    class Meta:
        unknown = RAISE

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
        for start, end in self.date_pairs:
            if data.get(start) and data.get(end) and data[end] < data[start]:
                raise ValidationError(f"must not be before {start}", field_name=end)


class UpdateSchema(StrictSchema):
    """A PATCH body: at least one field to change besides those in ``not_changes``."""

    not_changes: ClassVar[tuple[str, ...]] = ("version", "rationale")

    @validates_schema
    def _something_to_change(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not set(data) - set(self.not_changes):
            raise ValidationError("Nothing to change: send at least one field to edit.")


class PageArgs(StrictSchema):
    page = fields.Integer(strict=False, load_default=1, validate=validate.Range(min=1, max=100_000))
    page_size = fields.Integer(
        strict=False, load_default=50, validate=validate.Range(min=1, max=500)
    )


class MessageSchema(Schema):
    status = fields.String(required=True)
    version = fields.String()
