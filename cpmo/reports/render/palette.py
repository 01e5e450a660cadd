"""Chart colours and style: GOV.UK colours; RAG always also written as text."""

from typing import Any

from matplotlib.figure import Figure

RAG_COLOURS = {
    "green": "#00703c",
    "amber_green": "#85994b",
    "amber": "#ffbf47",
    "amber_red": "#f47738",
    "red": "#d4351c",
    "unrated": "#b1b4b6",
}
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def new_figure(width: float, height: float, cols: int = 1) -> tuple[Figure, Any]:
    """A figure (constrained layout) and its axes: one, or a tuple of ``cols``."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, cols)
    return fig, axes
