"""Rows of the access table for this app's subjects (spec 01 section 4)."""
