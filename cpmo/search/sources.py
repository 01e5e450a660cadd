"""What is searched: for each kind, its tables, the columns indexed (as migration 0016_search
built the indexes: keep the two in step), and how a hit is titled and linked."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One searched table. ``title``/``body`` are the indexed columns (the business case's
    body is its content's strings); ``join`` and ``columns`` fetch what titles and links need,
    with the searched row as ``t``."""

    kind: str
    table: str
    title: str
    body: tuple[str, ...]
    columns: str
    join: str = ""

    @property
    def fts(self) -> str:
        return f"search_{self.table}_fts"

    def pg_body_text(self) -> str:
        """The body as one text on PostgreSQL (for ts_headline)."""
        if self.table == "business_case":
            return "t.content::text"
        return " || ' ' || ".join(f"coalesce(t.{c}, '')" for c in self.body)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    sources: tuple[Source, ...]


KINDS: tuple[Kind, ...] = (
    Kind(
        "programmes",
        "Programmes",
        (
            Source(
                "programmes",
                "programme",
                "name",
                ("description", "senior_responsible_owner", "code"),
                "t.code AS code, t.name AS name",
            ),
        ),
    ),
    Kind(
        "business_cases",
        "Business cases",
        (
            Source(
                "business_cases",
                "business_case",
                "kind",
                (),
                "p.code AS code, p.name AS name, t.kind AS case_kind, t.number AS number",
                "JOIN programme p ON p.id = t.programme_id",
            ),
        ),
    ),
    Kind(
        "plans",
        "Plans",
        (
            Source(
                "plans",
                "business_plan",
                "title",
                (
                    "description",
                    "organisation",
                    "directorate",
                    "unit",
                    "responsible_officer",
                    "code",
                ),
                "t.code AS code, t.title AS name, t.organisation AS organisation",
            ),
        ),
    ),
    Kind(
        "plan_actions",
        "Plan actions",
        (
            Source(
                "plan_actions",
                "plan_action",
                "title",
                (
                    "description",
                    "intended_outcome",
                    "success_measures",
                    "accountable_officer",
                    "number",
                ),
                "b.code AS code, b.title AS plan_title, t.number AS number, t.title AS name",
                "JOIN business_plan b ON b.id = t.plan_id",
            ),
        ),
    ),
    Kind(
        "risks",
        "Risks",
        (
            Source(
                "risks",
                "risk",
                "title",
                ("description", "mitigation", "owner", "code"),
                "p.code AS code, p.name AS programme_name, t.code AS risk_code, t.title AS name",
                "LEFT JOIN programme p ON p.id = t.programme_id",
            ),
            Source(
                "risks",
                "plan_risk",
                "title",
                ("cause", "event", "impact_description", "mitigation", "owner", "code"),
                "b.code AS code, b.title AS plan_title, t.code AS risk_code, t.title AS name",
                "JOIN business_plan b ON b.id = t.plan_id",
            ),
        ),
    ),
    Kind(
        "workshops",
        "Workshops",
        (
            Source(
                "workshops",
                "workshop",
                "name",
                ("description", "code"),
                "t.code AS code, t.name AS name",
            ),
        ),
    ),
    Kind(
        "candidates",
        "Workshop candidates",
        (
            Source(
                "candidates",
                "workshop_candidate",
                "name",
                ("description", "merge_note", "key"),
                "w.code AS code, w.name AS workshop_name, t.name AS name",
                "JOIN workshop w ON w.id = t.workshop_id",
            ),
        ),
    ),
)
KIND_KEYS: tuple[str, ...] = tuple(k.key for k in KINDS)
