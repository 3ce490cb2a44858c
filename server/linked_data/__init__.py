"""Linked data: a resource's RDF description (its "twin") and the RDF formats it is served in.

No views: the pages wing answers a resource IRI with HTML or one of these formats.

May import: ``http`` and core.
"""
