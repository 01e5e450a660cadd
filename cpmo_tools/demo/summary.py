"""What `cpmo demo-data` made: counts per kind of record, and the demo users' tokens."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoSummary:
    """Counts of the records generated for one demo portfolio; ``tokens`` maps role → token."""

    portfolio: str
    seed: int
    programmes: int
    projects: int  # programmes that have a parent
    departments: int
    priorities: int
    objectives: int
    kpis: int
    benefits: int
    benefit_actuals: int  # realised figures recorded before each close
    risks: int
    gate_plans: int
    business_cases: int
    audit_entries: int  # the recorded lifecycle decisions and submissions
    conditions: int
    open_conditions: int
    lots: int
    milestones: int
    benefits_plans: int
    graph_nodes: int
    graph_edges: int
    workshops: int
    criteria: int
    candidates: int
    scorers: int
    scores: int
    stages: dict[str, int]
    tokens: dict[str, str] = field(repr=False)

    def line(self) -> str:
        """One line for a terminal."""
        return (
            f"Demo portfolio {self.portfolio} (seed {self.seed}): {self.programmes:,} programmes "
            f"({self.projects:,} with a parent), {self.business_cases:,} business cases, "
            f"{self.audit_entries:,} audit entries, {self.conditions:,} conditions, "
            f"{self.graph_nodes:,} graph nodes, {self.graph_edges:,} edges, "
            f"{self.workshops} workshop with {self.candidates:,} candidates and "
            f"{self.scores:,} scores; tokens for {', '.join(sorted(self.tokens))}."
        )
