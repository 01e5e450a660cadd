"""Money and benefits: the one place every cpmo money figure comes from (ARCHITECTURE.md §5a).

Pure functions over plain values; callers gather the facts and hand them in.
"""
