"""Money as people read it: exact integer pounds sterling shown with a £ sign, and a minus
sign (−, not a hyphen) before the £ for a negative amount ("−£3,200,000", "−£3.2m")."""

MINUS = "\u2212"


def money(amount: int | None) -> str:
    """£ with thousands separators ("£1,234,567"); "—" when unknown."""
    if amount is None:
        return "—"
    return f"{MINUS if amount < 0 else ''}£{abs(amount):,}"


def short_money(amount: int | None) -> str:
    """£ in millions or billions for headline figures ("£99.0m"); "—" when unknown."""
    if amount is None:
        return "—"
    sign = MINUS if amount < 0 else ""
    for size, unit in ((1_000_000_000, "bn"), (1_000_000, "m")):
        if abs(amount) >= size:
            return f"{sign}£{abs(amount) / size:,.1f}{unit}"
    return f"{sign}£{abs(amount):,}"
