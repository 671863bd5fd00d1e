"""Diagnostics: the Finding, the catalogue of every code, did-you-mean, and the text / JSON / SARIF outputs."""

from toolkit.diagnostics.finding import Finding, Location, Severity

__all__ = ["Finding", "Location", "Severity"]
