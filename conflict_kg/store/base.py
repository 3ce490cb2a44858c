"""The store interface every backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox

# Graphs written first and moved over their target (and the reasoner's scratch graphs):
# hidden from graphs() and the union default graph on every backend.
STAGING_PREFIX = "urn:conflict-kg:staging:"


class StoreError(Exception):
    """A store operation failed; the message is meant for the user."""


class StoreLockedError(StoreError):
    """The embedded store is held by another process (typically a running server)."""


@runtime_checkable
class GraphStore(Protocol):
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None,
        union_default_graph: bool = True,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a SPARQL query. By default the default graph is the union of all graphs."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``, atomically."""

    def replace_graphs(self, contents: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Replace several graphs in what readers see as one step."""

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple], *,
                     atomic: bool = True) -> None:
        """Add ``triples`` to ``graph``: in one transaction, or with ``atomic=False`` in
        bounded ones (memory does not grow with the number of triples)."""

    def drop_graph(self, graph: str, *, atomic: bool = True) -> bool:
        """Remove a named graph; return whether it existed.  ``atomic=False`` removes a
        large graph in bounded transactions (readers may see it part-way)."""

    def copy_graph(self, source: str, target: str) -> None:
        """SPARQL ``ADD``: add ``source``'s triples to ``target``, in bounded transactions."""

    def move_graph(self, source: str, target: str) -> None:
        """SPARQL ``MOVE``: ``target`` becomes ``source``, which is dropped; in bounded
        transactions, so only for graphs no reader relies on mid-way (scratch graphs)."""

    def graphs(self) -> list[str]:
        """IRIs of the named graphs."""

    def count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or of triples in one named graph."""

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Serialize the whole dataset, or one graph, to ``output``."""

    def load_file(self, path: Path, graph: str, fmt: ox.RdfFormat | None = None, *,
                  keep_graphs: bool = False) -> int:
        """Replace ``graph`` with the triples of an RDF file; return the triple count.

        A file that names graphs of its own (N-Quads, TriG) is refused unless
        ``keep_graphs``: then each of those graphs is replaced by its content in the
        file (see :func:`conflict_kg.store.oxigraph.read_rdf_file`)."""

    def close(self) -> None:
        """Flush and release the store."""
