"""cpmo: portfolio and programme governance for a Corporate Portfolio Management Office."""

__version__ = "0.1.0"
