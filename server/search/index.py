"""The label index behind ``/search``, ``/reconcile`` and the label lookup of the
analyst query forms: every label of every entity of the data namespace, in SQLite.

Each entity (an IRI under ``<base>id/``, reference or minted, with at least one
``skos:prefLabel``, ``rdfs:label`` or ``skos:altLabel``) is one row with its
display label, its most specific ontology class, its count of mentions and where
its labels come from; each of its labels is a row of ``name``, normalized
(diacritics dropped, case folded, punctuation as spaces), with a B-tree index
for exact and whole-label prefix matches and an FTS5 table for word matches.
Queries bind every value as an SQLite parameter.

The index lives in memory, built from the store when the served app starts (in
a background thread, :meth:`LabelIndex.warm_up`) or by the first search (4 s at
10,000 synthetic documents, 10 s with 118,000 entities: ``benchmarks/search.py``),
and kept current by the write paths (:func:`conflict_kg.server.sparql.writes.refresh_inferences`
calls :meth:`LabelIndex.after_write`): a document ingested, replaced or deleted
re-reads only the entities it names; a change of unknown extent (SPARQL Update)
rebuilds the index while searches go on answering from the old one.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from conflict_kg.namespaces import ITSRDF, ONTOLOGY, RDF, RDFS, SKOS, DataNamespace
from conflict_kg.store import GraphStore

log = logging.getLogger(__name__)

PREF_PROPS = (SKOS + "prefLabel", RDFS + "label")
ALT_PROPS = (SKOS + "altLabel",)
LABEL_PROPS = PREF_PROPS + ALT_PROPS
_VALUES_P = "VALUES ?p { " + " ".join(f"<{p}>" for p in LABEL_PROPS) + " }"

#: Match kinds, best first: an exact label, a label starting with the query, every
#: query word starting a word of a label. A preferred label beats an alternative one.
MATCH_KINDS = ("exact", "prefix", "words")

# --- store queries (terms bound through substitutions, never spliced) ------------------

_ALL_LABELS = f"""SELECT ?e ?g ?p ?l WHERE {{ GRAPH ?g {{ ?e ?p ?l }} {_VALUES_P}
  FILTER(isIRI(?e) && isLiteral(?l) && STRSTARTS(STR(?e), STR(?prefix))) }}"""
# Every typed resource (not only the labelled ones: joining with the labels costs
# ten times more than skipping the others in Python).
_ALL_TYPES = f"""SELECT ?e ?t WHERE {{ ?e <{RDF}type> ?t .
  FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}")) }}"""
_ALL_MENTIONS = f"""SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m <{ITSRDF}taIdentRef> ?e }}
  GROUP BY ?e"""
_CLASSES = f"""SELECT ?c ?p ?o WHERE {{ ?c ?p ?o .
  VALUES ?p {{ <{RDFS}subClassOf> <{RDFS}label> }}
  FILTER(isIRI(?c) && STRSTARTS(STR(?c), "{ONTOLOGY}")) }}"""

_LABELS_OF = f"""SELECT ?g ?p ?l WHERE {{ GRAPH ?g {{ ?e ?p ?l }} {_VALUES_P}
  FILTER(isLiteral(?l)) }}"""
_TYPES_OF = f"""SELECT DISTINCT ?t WHERE {{ ?e <{RDF}type> ?t .
  FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}")) }}"""
_MENTIONS_OF = f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m <{ITSRDF}taIdentRef> ?e }}"
# The entities a graph names: what a new or replaced document graph may change.
_NAMED_IN = f"""SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{
  {{ ?e ?p ?l {_VALUES_P} }} UNION {{ ?e <{RDF}type> ?t }} UNION {{ ?m <{ITSRDF}taIdentRef> ?e }}
}} }}"""

_SCHEMA = """
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, label TEXT NOT NULL,
  class_iri TEXT, class_label TEXT, types TEXT NOT NULL, mentions INTEGER NOT NULL,
  source TEXT NOT NULL);
CREATE TABLE name(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, text TEXT NOT NULL,
  norm TEXT NOT NULL, alt INTEGER NOT NULL,
  mentions INTEGER NOT NULL, label_length INTEGER NOT NULL, label TEXT NOT NULL);
CREATE INDEX name_norm ON name(norm);
CREATE INDEX name_entity ON name(entity);
CREATE VIRTUAL TABLE name_fts USING fts5(norm, tokenize='unicode61 remove_diacritics 2',
  prefix='1 2 3');
"""

# One query per match kind, best first: exact (rank 0/1), whole-label prefix (2/3),
# every word a word prefix (4/5); +1 for an alternative label. A kind is only asked
# for when the better ones left room under the limit (short prefixes such as "a"
# match most labels by their words). Each sorts names, not entities: the entity's
# mentions and label are copied into its names, so that a common word (10,000s of
# matching labels) is sorted without a join; an entity found twice is kept once.
_MATCHES = {
    "exact": "SELECT entity, alt, text FROM name n WHERE norm = :q",
    "prefix": "SELECT entity, 2 + alt, text FROM name n WHERE norm > :q AND norm < :upper",
    "words": "SELECT n.entity, 4 + n.alt, n.text FROM name_fts "
             "JOIN name n ON n.id = name_fts.rowid WHERE name_fts MATCH :words",
}
_ORDER = " ORDER BY n.alt, n.mentions DESC, n.label_length, n.label, n.entity LIMIT :k"
# Only for a search narrowed to a class (the reconciliation API's "type").
_OF_TYPE = (" AND n.entity IN (SELECT id FROM entity WHERE "
            "instr(' ' || types || ' ', ' ' || :type || ' ') > 0)")
_ENTITY = ("SELECT id, iri, label, class_iri, class_label, mentions, source FROM entity "
           "WHERE id = ?")

#: Words of a query matched as words (the first ones; distinct).
MAX_WORDS = 12
#: A write naming more entities than this rebuilds the index instead of re-reading each.
MAX_REFRESH = 2000

_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """The form labels and queries are compared in.

    >>> normalize("  Recep Tayyip Erdoğan ")
    'recep tayyip erdogan'
    >>> normalize("Il-20M")
    'il 20m'
    >>> normalize("Вооружённые силы")
    'вооруженные силы'
    """
    if not text.isascii():  # (most labels are: skip the decomposition)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the entity's display label
    matched: str  # the label that matched the query
    match: str  # one of MATCH_KINDS
    alt: bool  # matched on an alternative label
    class_iri: str | None
    class_label: str | None
    mentions: int
    source: str  # reference | document | curated | other

    @property
    def rank(self) -> int:
        return MATCH_KINDS.index(self.match) * 2 + int(self.alt)


@dataclass
class _Entity:
    labels: set[tuple[str, str, str]]  # (property, text, language) of each label
    graphs: set[str]
    types: set[str]
    mentions: int = 0


class _Classes:
    """The ontology's classes: labels and superclasses, to name an entity's most
    specific class (the reasoner adds every superclass of a type)."""

    def __init__(self, store: GraphStore) -> None:
        self.labels: dict[str, str] = {}
        self.parents: dict[str, set[str]] = {}
        for row in store.query(_CLASSES):
            c, p, o = row["c"].value, row["p"].value, row["o"]
            if p == RDFS + "label" and isinstance(o, ox.Literal):
                if c not in self.labels or o.language in (None, "en"):
                    self.labels[c] = o.value
            elif isinstance(o, ox.NamedNode):
                self.parents.setdefault(c, set()).add(o.value)
        self._above: dict[str, set[str]] = {}

    def above(self, cls: str) -> set[str]:
        if cls not in self._above:
            seen: set[str] = set()
            todo = list(self.parents.get(cls, ()))
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(self.parents.get(node, ()))
            seen.discard(cls)
            self._above[cls] = seen
        return self._above[cls]

    def most_specific(self, types: set[str]) -> str | None:
        """The most specific of ``types`` (ties: by label, then IRI), or None."""
        covered: set[str] = set().union(*(self.above(t) for t in types)) if types else set()
        specific = [t for t in types if t not in covered]
        specific.sort(key=lambda t: ((self.labels.get(t) or t).casefold(), t))
        return specific[0] if specific else None


def _display_label(labels: set[tuple[str, str, str]]) -> str:
    """skos:prefLabel before rdfs:label before altLabel; English or untagged first."""
    def key(item: tuple[str, str, str]) -> tuple[int, int, str]:
        prop, text, lang = item
        return (LABEL_PROPS.index(prop), 0 if lang in ("", "en") else 1, text)
    return min(labels, key=key)[1]


class LabelIndex:
    """An in-memory SQLite index of the labels of one store's entities.

    ``search`` may be called from any thread; it builds the index on first use.
    """

    def __init__(self, store: GraphStore, ns: DataNamespace) -> None:
        self.store = store
        self.ns = ns
        self.prefix = ns.base + "id/"
        self._reference_graph = ns.reference_graph
        self._lock = threading.Lock()  # guards _db (one connection, shared by threads)
        self._build_lock = threading.Lock()  # one build at a time
        self._db: sqlite3.Connection | None = None
        self._classes: _Classes | None = None
        self._rebuild_wanted = False
        self.entities = 0

    # --- building -------------------------------------------------------------------
    def _is_entity(self, iri: str) -> bool:
        return iri.startswith(self.prefix) and "#" not in iri

    def _source(self, graphs: set[str]) -> str:
        if self._reference_graph in graphs:
            return "reference"
        base = self.ns.base + "graph/"
        for kind in ("document", "curated"):
            if any(g.startswith(f"{base}{kind}/") for g in graphs):
                return kind
        return "other"

    def build(self) -> None:
        """Read every entity's labels, classes and mention counts; swap the index in."""
        with self._build_lock:
            self._build()

    def _build(self) -> None:
        self._rebuild_wanted = False
        classes = _Classes(self.store)
        entities: dict[str, _Entity] = {}
        prefix = {"prefix": ox.Literal(self.prefix)}
        for row in self.store.query(_ALL_LABELS, substitutions=prefix):
            iri = row["e"].value
            if not self._is_entity(iri):
                continue
            entity = entities.setdefault(iri, _Entity(set(), set(), set()))
            lit = row["l"]
            entity.labels.add((row["p"].value, lit.value, lit.language or ""))
            entity.graphs.add(row["g"].value)
        for row in self.store.query(_ALL_TYPES):
            found = entities.get(row["e"].value)
            if found is not None:
                found.types.add(row["t"].value)
        for row in self.store.query(_ALL_MENTIONS):
            found = entities.get(row["e"].value) if isinstance(row["e"], ox.NamedNode) \
                else None
            if found is not None:
                found.mentions = int(row["n"].value)
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(_SCHEMA)
        self._insert(db, classes, entities)
        with self._lock:
            old, self._db, self._classes = self._db, db, classes
            self.entities = len(entities)
        if old is not None:
            old.close()

    def _insert(self, db: sqlite3.Connection, classes: _Classes,
                entities: dict[str, _Entity]) -> None:
        """Add the entities (none of them in the index) and their names, in one transaction."""
        entity_id = db.execute("SELECT coalesce(max(id), 0) FROM entity").fetchone()[0]
        name_id = db.execute("SELECT coalesce(max(id), 0) FROM name").fetchone()[0]
        entity_rows, name_rows = [], []
        for iri, entity in entities.items():
            entity_id += 1
            cls = classes.most_specific(entity.types)
            label = _display_label(entity.labels)
            entity_rows.append((entity_id, iri, label, cls,
                                None if cls is None else classes.labels.get(cls),
                                " ".join(sorted(entity.types)), entity.mentions,
                                self._source(entity.graphs)))
            seen: set[str] = set()
            # preferred labels first: a text that is both counts as preferred
            for prop, text, _lang in sorted(entity.labels, key=lambda x: x[0] in ALT_PROPS):
                norm = normalize(text)
                if norm and norm not in seen:
                    seen.add(norm)
                    name_id += 1
                    name_rows.append((name_id, entity_id, text, norm, int(prop in ALT_PROPS),
                                      entity.mentions, len(label), label))
        with db:
            db.executemany("INSERT INTO entity(id, iri, label, class_iri, class_label, types, "
                           "mentions, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entity_rows)
            db.executemany("INSERT INTO name(id, entity, text, norm, alt, mentions, "
                           "label_length, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", name_rows)
            db.executemany("INSERT INTO name_fts(rowid, norm) VALUES (?, ?)",
                           [(row[0], row[3]) for row in name_rows])

    def _read_entity(self, iri: str) -> _Entity | None:
        node = {"e": ox.NamedNode(iri)}
        entity = _Entity(set(), set(), set())
        for row in self.store.query(_LABELS_OF, substitutions=node):
            lit = row["l"]
            entity.labels.add((row["p"].value, lit.value, lit.language or ""))
            entity.graphs.add(row["g"].value)
        if not entity.labels:
            return None
        entity.types = {row["t"].value for row in self.store.query(_TYPES_OF, substitutions=node)}
        for row in self.store.query(_MENTIONS_OF, substitutions=node):
            entity.mentions = int(row["n"].value)
        return entity

    def refresh(self, iris: Iterable[str]) -> int:
        """Re-read the given entities from the store (gone ones leave the index)."""
        wanted = sorted({i for i in iris if self._is_entity(i)})
        if self._db is None or not wanted:
            return 0  # not built yet: the first search reads the store as it is then
        read = {iri: self._read_entity(iri) for iri in wanted}
        with self._lock:
            db, classes = self._db, self._classes
            if db is None or classes is None:
                return 0
            with db:
                for iri in read:
                    self._delete(db, iri)
            self._insert(db, classes, {i: e for i, e in read.items() if e is not None})
            self.entities = db.execute("SELECT count(*) FROM entity").fetchone()[0]
        return len(wanted)

    @staticmethod
    def _delete(db: sqlite3.Connection, iri: str) -> None:
        row = db.execute("SELECT id FROM entity WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            return
        for (name_id,) in db.execute("SELECT id FROM name WHERE entity = ?", (row[0],)).fetchall():
            db.execute("DELETE FROM name_fts WHERE rowid = ?", (name_id,))
        db.execute("DELETE FROM name WHERE entity = ?", (row[0],))
        db.execute("DELETE FROM entity WHERE id = ?", (row[0],))

    def after_write(self, *, added: Iterable[str] = (), removed: Iterable[ox.Triple] = (),
                    full: bool = False) -> None:
        """Bring the index up to date after a committed write (never raises): the
        entities named by the added graphs and the removed triples are re-read; a
        change of unknown extent rebuilds the index."""
        if self._build_lock.locked():
            self._rebuild_wanted = True  # a build running now may have read the store before
        if self._db is None:
            return
        try:
            if full:
                self.build()
                return
            iris: set[str] = set()
            for graph in added:
                if len(iris) > MAX_REFRESH:
                    break
                for row in self.store.query(_NAMED_IN, substitutions={"g": ox.NamedNode(graph)}):
                    iris.add(row["e"].value)
            for triple in removed:
                for term in (triple.subject, triple.object):
                    if isinstance(term, ox.NamedNode):
                        iris.add(term.value)
            if len(iris) > MAX_REFRESH:  # one entity at a time would be slower
                self.build()
            else:
                self.refresh(iris)
        except Exception:  # the write stands; the next search rebuilds the index
            log.exception("updating the search index after a write failed; rebuilding it")
            self._rebuild_wanted = True

    def class_label(self, iri: str) -> str | None:
        self.ensure_built()
        return None if self._classes is None else self._classes.labels.get(iri)

    # --- searching ------------------------------------------------------------------
    def warm_up(self) -> None:
        """Build the index in a background thread (a served app calls this at start)."""
        def run() -> None:
            try:
                self.ensure_built()
            except Exception:  # the first search tries again, and reports the error
                log.exception("building the search index failed")
        threading.Thread(target=run, name="search-index", daemon=True).start()

    def ensure_built(self) -> None:
        if self._db is None or self._rebuild_wanted:
            with self._build_lock:
                if self._db is None or self._rebuild_wanted:  # not done meanwhile
                    self._build()

    def search(self, query: str, limit: int, type_iri: str = "") -> list[Hit]:
        """Entities whose labels match ``query``, best first (see module docs)."""
        norm = normalize(query)
        if not norm:
            return []
        self.ensure_built()
        # each distinct word once (a word repeated 100 times costs 50x more), the first
        # MAX_WORDS of them: the rest of a long query is matched as a prefix only
        distinct = list(dict.fromkeys(norm.split()))[:MAX_WORDS]
        words = " ".join('"' + w.replace('"', '""') + '"*' for w in distinct)
        params = {"q": norm, "upper": norm + "\U0010ffff", "words": words,
                  "type": type_iri, "limit": limit}
        found: dict[int, tuple[int, str]] = {}  # entity id: (rank, matched text)
        with self._lock:
            assert self._db is not None
            for kind in MATCH_KINDS:
                # constant SQL text; every value is a bound parameter
                sql = _MATCHES[kind] + (_OF_TYPE if type_iri else "") + _ORDER
                wanted, k = limit - len(found), 2 * limit
                while True:
                    rows = self._db.execute(sql, {**params, "k": k}).fetchall()
                    new = [(e, r, text) for e, r, text in rows if e not in found]
                    if len({e for e, _, _ in new}) >= wanted or len(rows) < k:
                        break
                    k *= 4  # an entity matched by several of its names: look further
                for entity, r, text in new:
                    if entity not in found and len(found) < limit:
                        found[entity] = (r, text)
                if len(found) >= limit:
                    break
            hits = []
            for entity, (r, text) in found.items():
                _, iri, label, class_iri, class_label, mentions, source = self._db.execute(
                    _ENTITY, (entity,)).fetchone()
                hits.append(Hit(iri, label, text, MATCH_KINDS[r // 2], bool(r % 2),
                                class_iri, class_label, mentions, source))
        return hits
