"""Indicator pages: dashboard, indicator list and pages, reporting and verification, and the
public open-data pages."""
