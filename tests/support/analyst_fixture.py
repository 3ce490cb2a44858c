"""A small hand-modelled document graph in the shape the ontology README sets for ingest.

It covers what the analyst queries ask about and the seed/demo extraction may
not (yet) give: a shootdown with casualties and a place, blame and denial
claims, an announced and a completed arms transfer, a provision with a
deadline.  Written in our own words; offsets are computed from the text.
"""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import DCTERMS, ITSRDF, NIF, ONTOLOGY, RDF, RDFS, XSD, DataNamespace
from conflict_kg.store import GraphStore

DOC_ID = "fixture-analyst"
TEXT = (
    "On 17 September 2018 a Russian Il-20 was shot down near Latakia, killing 15 servicemen. "
    "Russia blamed Israel for the loss of the aircraft. "
    "Israel denied responsibility and blamed the Syrian government. "
    "Russia announced that it would deliver S-300 systems to Syria. "
    "On 2 October 2018 Russia completed the delivery of S-300 systems to Syria. "
    "Under the agreement heavy weapons must leave the zone by 10 October 2018."
)


def _sentence_of(start: int) -> tuple[int, int]:
    begin = TEXT.rfind(". ", 0, start)
    begin = 0 if begin < 0 else begin + 2
    end = TEXT.find(".", start) + 1
    return begin, end


class _Builder:
    def __init__(self, ns: DataNamespace) -> None:
        self.ns = ns
        self.doc = ox.NamedNode(ns.base + "id/document/" + DOC_ID)
        self.triples: list[ox.Triple] = []

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def span(self, begin: int, end: int) -> ox.NamedNode:
        node = ox.NamedNode(f"{self.doc.value}#char={begin},{end}")
        self.add(node, RDF + "type", ox.NamedNode(ONTOLOGY + "Mention"))
        self.add(node, NIF + "anchorOf", ox.Literal(TEXT[begin:end]))
        integer = ox.NamedNode(XSD + "integer")
        self.add(node, NIF + "beginIndex", ox.Literal(str(begin), datatype=integer))
        self.add(node, NIF + "endIndex", ox.Literal(str(end), datatype=integer))
        self.add(node, NIF + "referenceContext", self.doc)
        return node

    def mention(self, text: str, entity: ox.NamedNode | None = None,
                after: int = 0) -> ox.NamedNode:
        begin = TEXT.index(text, after)
        node = self.span(begin, begin + len(text))
        sb, se = _sentence_of(begin)
        sentence = self.span(sb, se)
        self.add(sentence, RDF + "type", ox.NamedNode(NIF + "Sentence"))
        self.add(node, ONTOLOGY + "sentence", sentence)
        if entity is not None:
            self.add(node, ITSRDF + "taIdentRef", entity)
        return node


def ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


def date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))


def load(store: GraphStore, ns: DataNamespace) -> dict[str, str]:
    """Add the fixture document's graph; return the IRIs the tests look for."""
    b = _Builder(ns)
    iri = {
        "russia": ns.resource("state", "russia"),
        "israel": ns.resource("state", "israel"),
        "syria": ns.resource("state", "syria"),
        "syrian-government": ns.resource("government", "syria"),
        "latakia": ns.resource("place", "latakia"),
        "s300": ns.resource("weapon-model", "s-300"),
        "shootdown": ns.resource("event", "fixture", "shootdown", "2018-09-17"),
        "announced": ns.resource("event", "fixture", "arms-transfer", "announced"),
        "delivered": ns.resource("event", "fixture", "arms-transfer", "completed"),
        "blame": ns.resource("claim", DOC_ID, "russia-blames-israel"),
        "denial": ns.resource("claim", DOC_ID, "israel-denies"),
        "counter-blame": ns.resource("claim", DOC_ID, "israel-blames-syria"),
        "agreement": ns.resource("agreement", "fixture", "zone"),
        "provision": ns.resource("agreement", "fixture", "zone", "heavy-weapons"),
        "document": b.doc.value,
    }
    n = {k: ox.NamedNode(v) for k, v in iri.items()}
    b.add(b.doc, RDF + "type", ck("Document"))
    b.add(b.doc, RDF + "type", ox.NamedNode(NIF + "Context"))
    b.add(b.doc, NIF + "isString", ox.Literal(TEXT))
    b.add(b.doc, DCTERMS + "title", ox.Literal("Fixture: the Il-20 and after"))
    b.add(b.doc, DCTERMS + "issued", date("2018-10-02"))

    shoot = n["shootdown"]
    b.add(shoot, RDF + "type", ck("Shootdown"))
    b.add(shoot, RDFS + "label", ox.Literal("Il-20 shootdown, 17 September 2018"))
    b.add(shoot, ONTOLOGY + "date", date("2018-09-17"))
    b.add(shoot, ONTOLOGY + "location", n["latakia"])
    b.add(shoot, ONTOLOGY + "victim", n["russia"])
    b.add(shoot, ONTOLOGY + "evidence", b.mention("shot down"))
    b.mention("Latakia", n["latakia"])
    deaths = ox.NamedNode(iri["shootdown"] + "/deaths")
    b.add(shoot, ONTOLOGY + "deaths", deaths)
    b.add(deaths, RDF + "type", ck("Quantity"))
    b.add(deaths, ONTOLOGY + "value", ox.Literal("15", datatype=ox.NamedNode(XSD + "integer")))
    b.add(deaths, ONTOLOGY + "countOf", ox.Literal("servicemen"))
    b.add(deaths, ONTOLOGY + "evidence", b.mention("killing 15 servicemen"))

    def claim(key: str, claimant: str, stance: str, target: str, quote: str, after: int) -> None:
        c = n[key]
        b.add(c, RDF + "type", ck("Claim"))
        b.add(c, ONTOLOGY + "claimant", n[claimant])
        b.add(c, ONTOLOGY + "stance", ck(stance))
        b.add(c, ONTOLOGY + "about", shoot)
        b.add(c, ONTOLOGY + "date", date("2018-09-18"))
        if target:
            b.add(c, ONTOLOGY + "target", n[target])
        b.add(c, ONTOLOGY + "quote", ox.Literal(quote))
        b.add(c, ONTOLOGY + "evidence", b.mention(quote, None, after))

    claim("blame", "russia", "blames", "israel", "Russia blamed Israel", 0)
    claim("denial", "israel", "denies", "", "Israel denied responsibility", 0)
    claim("counter-blame", "israel", "blames", "syrian-government",
          "blamed the Syrian government", 0)
    b.mention("Russia", n["russia"], TEXT.index("Russia blamed"))
    b.mention("Israel", n["israel"], TEXT.index("Israel for"))

    for key, status, factuality, when, phrase in (
        ("announced", "announced", "future", "2018-09-24", "would deliver S-300 systems"),
        ("delivered", "completed", "actual", "2018-10-02", "completed the delivery"),
    ):
        t = n[key]
        b.add(t, RDF + "type", ck("ArmsTransfer"))
        b.add(t, ONTOLOGY + "agent", n["russia"])
        b.add(t, ONTOLOGY + "recipient", n["syria"])
        b.add(t, ONTOLOGY + "instrument", n["s300"])
        b.add(t, ONTOLOGY + "status", ck(status))
        b.add(t, ONTOLOGY + "factuality", ck(factuality))
        b.add(t, ONTOLOGY + "date", date(when))
        b.add(t, ONTOLOGY + "evidence", b.mention(phrase))

    prov = n["provision"]
    b.add(n["agreement"], RDF + "type", ck("Agreement"))
    b.add(n["agreement"], RDFS + "label", ox.Literal("fixture zone agreement"))
    b.add(n["agreement"], ONTOLOGY + "party", n["russia"])
    b.add(n["agreement"], ONTOLOGY + "evidence", b.mention("Under the agreement"))
    b.add(n["agreement"], ONTOLOGY + "provision", prov)
    b.add(prov, RDF + "type", ck("WithdrawalProvision"))
    b.add(prov, RDFS + "label", ox.Literal("withdrawal of heavy weapons"))
    b.add(prov, ONTOLOGY + "deadline", date("2018-10-12"))
    b.add(prov, ONTOLOGY + "obligedParty", n["syrian-government"])
    b.add(prov, ONTOLOGY + "evidence", b.mention("heavy weapons must leave the zone"))

    store.replace_graph(ns.document_graph(DOC_ID), b.triples)
    return iri
