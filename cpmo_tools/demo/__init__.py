"""Synthetic demo portfolios at scale, for benchmarks and load tests (`cpmo demo-data`)."""

from cpmo_tools.demo.generate import generate
from cpmo_tools.demo.summary import DemoSummary

__all__ = ["DemoSummary", "generate"]
