"""Money as people read it: exact integer pounds sterling shown with a £ sign."""


def money(amount: int | None) -> str:
    """£ with thousands separators ("£1,234,567"); "—" when unknown."""
    return "—" if amount is None else f"£{amount:,}"


def short_money(amount: int | None) -> str:
    """£ in millions or billions for headline figures ("£99.0m"); "—" when unknown."""
    if amount is None:
        return "—"
    for size, unit in ((1_000_000_000, "bn"), (1_000_000, "m")):
        if abs(amount) >= size:
            return f"£{amount / size:,.1f}{unit}"
    return f"£{amount:,}"
