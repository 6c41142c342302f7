"""Correlation of identifiers across reports and known actors."""
