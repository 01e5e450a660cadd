"""The ``UNSET`` sentinel: in a typed update (a PATCH), a field that was not sent.

``None`` is a value a client may set ("clear the planned end"); ``UNSET`` means "leave it as it
is". Update inputs default every field to ``UNSET`` and say what was given with ``given()``.
"""

from dataclasses import fields
from enum import Enum
from typing import Any, Final, Literal, TypeVar


class _Unset(Enum):
    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset.UNSET
Unset = Literal[_Unset.UNSET]

T = TypeVar("T")
D = TypeVar("D")


def given(values: Any, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of the dataclass ``values`` that were given (not UNSET), by name, in the
    order they are declared; ``leave_out`` names fields that are not changes."""
    return {
        f.name: getattr(values, f.name)
        for f in fields(values)
        if f.name not in leave_out and getattr(values, f.name) is not UNSET
    }


def or_default(value: T | Unset, default: D) -> T | D:
    """``value``, or ``default`` when it was not given."""
    return default if value is UNSET else value
