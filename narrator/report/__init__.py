"""Findings shown to people: text, JSON, Markdown, CSV/XLSX and the HTML report of a review."""
