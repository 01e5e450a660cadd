"""Validation messages in words a person can act on, naming the field as the form labels it.

The schemas' library messages ("Missing data for required field.", "Must be greater than or
equal to 1 and less than or equal to 5.") are turned into GOV.UK-style sentences here, once,
for every page form.
"""

import re
from collections.abc import Callable

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str, str], str]]


def _number(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return f"{int(value):,}" if value.is_integer() else f"{value:g}"


RULES: list[Rule] = [
    (re.compile(r"^Missing data for required field\.$"), lambda m, label, lower: f"Enter {lower}"),
    (re.compile(r"^Field may not be null\.$"), lambda m, label, lower: f"Enter {lower}"),
    (
        re.compile(r"^Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$"),
        lambda m, label, lower: f"{label} must be between {_number(m[1])} and {_number(m[2])}",
    ),
    (
        re.compile(r"^Must be greater than or equal to (\S+)\.$"),
        lambda m, label, lower: f"{label} must be {_number(m[1])} or more",
    ),
    (
        re.compile(r"^Must be less than or equal to (\S+)\.$"),
        lambda m, label, lower: f"{label} must be {_number(m[1])} or less",
    ),
    (
        re.compile(r"^Length must be between 0 and (\d+)\.$"),
        lambda m, label, lower: f"{label} must be {_number(m[1])} characters or fewer",
    ),
    (
        re.compile(r"^Length must be between (\d+) and (\d+)\.$"),
        lambda m, label, lower: (
            f"{label} must be between {_number(m[1])} and {_number(m[2])} characters"
        ),
    ),
    (
        re.compile(r"^Longer than maximum length (\d+)\.$"),
        lambda m, label, lower: f"{label} must be {_number(m[1])} characters or fewer",
    ),
    (
        re.compile(r"^Shorter than minimum length (\d+)\.$"),
        lambda m, label, lower: f"Enter {lower}",
    ),
    (
        re.compile(r"^Not a valid integer\.$"),
        lambda m, label, lower: f"Enter {lower} as a whole number, like 2500000",
    ),
    (
        re.compile(r"^Not a valid (number|float)\.$"),
        lambda m, label, lower: f"Enter {lower} as a number",
    ),
    (
        re.compile(r"^Not a valid date\.$"),
        lambda m, label, lower: f"Enter {lower} as a date, like 31 March 2027",
    ),
    (
        re.compile(r"^Must be one of: .*\.$"),
        lambda m, label, lower: f"Choose {lower} from the list",
    ),
    (
        re.compile(r"^Unknown field\.$"),
        lambda m, label, lower: f"{label} is not part of this form",
    ),
    (
        re.compile(r"^Not a valid (string|boolean|list|mapping)\.$"),
        lambda m, label, lower: f"{label} is not in the form this page expects: enter it again",
    ),
]


def plain(message: str, label: str) -> str:
    """``message`` about the field labelled ``label``, in plain words."""
    lower = label[:1].lower() + label[1:] if not label[:2].isupper() else label
    if not any(c.isdigit() for c in label):  # "the whole-life cost", but "criterion 2 name"
        lower = f"the {lower}"
    for pattern, say in RULES:
        match = pattern.match(str(message).strip())
        if match:
            return say(match, label, lower)
    text = str(message).strip().rstrip(".")
    return f"{label}: {text[:1].lower() + text[1:]}" if text else f"Check {lower}"
