"""Synthetic demo portfolios at scale, for benchmarks and load tests (`cpmo demo-data`)."""

from cpmo.demo.generate import generate
from cpmo.demo.summary import DemoSummary

__all__ = ["DemoSummary", "generate"]
