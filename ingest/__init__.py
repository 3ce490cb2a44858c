"""Ingest: source documents become RDF with sentence-level provenance.

The entry point is :func:`ingest.pipeline.run` (re-exported as ``ingest.run``).
"""

from conflict_kg.ingest.pipeline import IngestReport, run

__all__ = ["IngestReport", "run"]
