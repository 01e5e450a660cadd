"""Prioritisation maths: weights (direct, AHP), scoring and ranking, sensitivity, selection."""

from cpmo.prioritisation.criteria import Criterion, Direction, Score
from cpmo.prioritisation.frontier import FrontierPoint, efficient_frontier, scale_budget
from cpmo.prioritisation.greedy import GreedyResult, greedy_select
from cpmo.prioritisation.pairwise import matrix_from_judgements, pairwise_matrix
from cpmo.prioritisation.score_table import ScoreTable, build_score_table
from cpmo.prioritisation.scoring import (
    CriterionResult,
    RankedCandidate,
    competition_ranks,
    rank_candidates,
    rank_table,
)
from cpmo.prioritisation.selection import SelectionResult, select_portfolio, solve_problem
from cpmo.prioritisation.selection_input import (
    Candidate,
    SelectionProblem,
    Year,
    prepare_selection,
)
from cpmo.prioritisation.sensitivity import (
    CandidateSensitivity,
    SensitivityResult,
    table_sensitivity,
    weight_sensitivity,
)
from cpmo.prioritisation.weights import (
    CR_THRESHOLD,
    RANDOM_INDEX,
    AhpResult,
    ahp_weights,
    analyse_pairwise,
    normalise_weights,
)

__all__ = [
    "CR_THRESHOLD",
    "RANDOM_INDEX",
    "AhpResult",
    "Candidate",
    "CandidateSensitivity",
    "Criterion",
    "CriterionResult",
    "Direction",
    "FrontierPoint",
    "GreedyResult",
    "RankedCandidate",
    "Score",
    "ScoreTable",
    "SelectionProblem",
    "SelectionResult",
    "SensitivityResult",
    "Year",
    "ahp_weights",
    "analyse_pairwise",
    "build_score_table",
    "competition_ranks",
    "efficient_frontier",
    "greedy_select",
    "matrix_from_judgements",
    "normalise_weights",
    "pairwise_matrix",
    "prepare_selection",
    "rank_candidates",
    "rank_table",
    "scale_budget",
    "select_portfolio",
    "solve_problem",
    "table_sensitivity",
    "weight_sensitivity",
]
