"""Business plans: priorities → actions → milestones, KPIs, risks, continuity; progress."""
