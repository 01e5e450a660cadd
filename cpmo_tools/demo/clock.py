"""The demo portfolio's calendar: a fixed window, so content never depends on the wall clock."""

from datetime import UTC, date, datetime, time, timedelta

BASE = date(2019, 4, 1)  # the earliest a demo programme can be registered
AS_OF = date(2026, 3, 31)  # "now" inside the demo portfolio: every recorded event is before it
WINDOW_DAYS = (AS_OF - BASE).days
_OPENING = datetime.combine(BASE, time(8, 30), tzinfo=UTC)
WORKING_SECONDS = 9 * 3600  # 08:30 to 17:30


def moment(day_offset: float) -> datetime:
    """The timestamp ``day_offset`` days after BASE, the fraction of a day falling in working
    hours (08:30–17:30 UTC), to the whole second. Later offsets give later moments."""
    whole = int(day_offset // 1)
    seconds = round((day_offset - whole) * WORKING_SECONDS)
    return _OPENING + timedelta(days=whole, seconds=seconds)


def offset_of_moment(at: datetime) -> float:
    """The day offset ``moment`` turns into ``at`` (for moments it made)."""
    since = at - _OPENING
    return since.days + since.seconds / WORKING_SECONDS


def day(day_offset: float) -> date:
    """The calendar date ``day_offset`` days after BASE."""
    return BASE + timedelta(days=int(day_offset))


def offset_of(when: date) -> int:
    """Days from BASE to ``when``."""
    return (when - BASE).days
