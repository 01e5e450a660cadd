"""Static charts (matplotlib, Agg): the figures and their SVG/PNG images."""
