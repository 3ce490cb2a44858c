"""Helpers of the tests in tests/ingest."""
