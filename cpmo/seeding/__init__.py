"""Load the seed documents' data from YAML files (`cpmo seed`)."""

from cpmo.seeding.loader import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data

__all__ = ["SEEDS_DIR", "SeedError", "load_seeds", "reset_seeded_data"]
