"""The store interface every backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

import pyoxigraph as ox

if TYPE_CHECKING:
    from conflict_kg.store.native import NativeQuads

# Graphs written first and moved over their target (and the reasoner's scratch graphs):
# hidden from graphs() and the union default graph on every backend.
STAGING_PREFIX = "urn:conflict-kg:staging:"


class StoreError(Exception):
    """A store operation failed; the message is meant for the user."""


class StoreLockedError(StoreError):
    """The embedded store is held by another process (typically a running server)."""


@dataclass(frozen=True)
class StoreCapabilities:
    """What a backend can do beyond the interface, stated as data.

    Callers branch on these flags, never on a backend's class: a new backend
    says what it is, and every caller follows.  The flags and who reads them
    are listed in docs/architecture.md ("The store interface").
    """

    native_quads: bool = False
    """The store is an embedded pyoxigraph store: ``native_quads()`` gives its quads
    directly (index scans, bulk loads, bounded transactions, the crash journal)."""

    persistent: bool = False
    """Its writes are disk transactions (an embedded store in a directory, not
    ``:memory:``): graph-sized work goes in bounded chunks, and a full closure is
    computed on an in-memory copy."""

    exclusive: bool = False
    """Nobody else writes it while it is open (the embedded store's lock, or memory),
    so what was read stays true until this process writes."""

    variable_predicate_joins: bool = False
    """Its query planner joins on a predicate variable well; without it the reasoner
    writes one update per T-box property (``reasoning/specialise.py``)."""


@runtime_checkable
class GraphStore(Protocol):
    capabilities: StoreCapabilities
    """What this backend can do beyond the interface (see :class:`StoreCapabilities`)."""

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

    def native_quads(self) -> NativeQuads:
        """Quad-level access to the store; only when ``capabilities.native_quads``
        (other backends raise :class:`StoreError`)."""
