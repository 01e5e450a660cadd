"""Prioritisation workshops: criteria, candidates, scorers, scores, results and scenarios.

The maths lives in ``cpmo.prioritisation``; these services keep the workshop in the database,
enforce its state machine (draft → scoring → closed) and who sees what, and hand plain values
to the maths.
"""
