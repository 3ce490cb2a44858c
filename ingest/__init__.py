"""Ingest: source documents become RDF with sentence-level provenance.

The entry points are :func:`ingest.pipeline.run` (files and folders) and
:func:`ingest.pipeline.run_documents` (documents already read, such as uploads held
in memory), re-exported here.
"""

from conflict_kg.ingest.pipeline import IngestReport, run, run_documents

__all__ = ["IngestReport", "run", "run_documents"]
