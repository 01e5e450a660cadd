"""Gathering a portfolio's facts from the database: programmes, their surroundings, decisions,
imported register years. Plain dataclasses (``facts``) are what composition reads."""
