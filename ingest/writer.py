"""Findings become triples: IRIs, classes, values and ck:evidence to mentions."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from conflict_kg.ingest import factuality, lexicon
from conflict_kg.ingest.agreements import AgreementFinding, ProvisionFinding, ZoneFinding
from conflict_kg.ingest.claims import ClaimFinding
from conflict_kg.ingest.dates import DateMention, PeriodMention
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.events import EventFinding
from conflict_kg.ingest.kb import ck as kb_ck
from conflict_kg.ingest.quantities import QuantityMention
from conflict_kg.ingest.rdf import (
    LABEL,
    A,
    GraphBuilder,
    Term,
    ck,
    iri_value,
    literal,
    resource,
    slug,
)
from conflict_kg.ingest.rdf import iri as named
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.ingest.text import Span
from conflict_kg.namespaces import RDFS, SKOS, XSD, DataNamespace

PREF_LABEL = named(SKOS + "prefLabel")
_SKOS_EXACT_MATCH = named(SKOS + "exactMatch")
_SKOS_ALT_LABEL = named(SKOS + "altLabel")
TIME = "http://www.w3.org/2006/time#"
_PRECISION = {"day": "unitDay", "month": "unitMonth", "year": "unitYear"}


def _xsd(name: str) -> str:
    return XSD + name


def date_value(date: DateMention) -> Term:
    if date.precision == "month":
        return literal(date.value.strftime("%Y-%m"), datatype=_xsd("gYearMonth"))
    if date.precision == "year":
        return literal(str(date.value.year), datatype=_xsd("gYear"))
    return literal(date.value.isoformat(), datatype=_xsd("date"))


def _decimal(value: float | int) -> Term:
    return literal(str(value), datatype=_xsd("decimal"))


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class FactWriter:
    def __init__(self, g: GraphBuilder, ns: DataNamespace, finder: EntityFinder,
                 doc: SourceDocument, sentence_spans: list[Span]) -> None:
        self.g = g
        self.ns = ns
        self.finder = finder
        self.doc = doc
        self.warnings: list[str] = []
        self._sentences: dict[int, Term] = {}
        self._sentence_spans = sentence_spans
        self._sentence_starts = [s.start for s in sentence_spans]

    # --- provenance ---------------------------------------------------------

    def mention(self, span: Span) -> Term:
        sentence = self._sentence_for(span)
        return self.g.mention(span, sentence)

    def _sentence_for(self, span: Span) -> Term | None:
        i = bisect.bisect_right(self._sentence_starts, span.start) - 1
        for s in self._sentence_spans[max(i, 0) : i + 1]:
            if s.start <= span.start and span.end <= s.end:
                if s.start not in self._sentences:
                    self._sentences[s.start] = self.g.sentence(s)
                    self.g.add(self._sentences[s.start], A, ck("SentenceMention"))
                return self._sentences[s.start]
        return None

    def evidence(self, node: Term, span: Span) -> None:
        self.g.add(node, ck("evidence"), self.mention(span))

    def _date(self, node: Term, date: DateMention, prop: str = "date") -> None:
        if date.precision == "week":
            interval = named(iri_value(node) + "-period")
            self.g.add(node, ck("during"), interval)
            self.g.add(interval, A, ck("TimeInterval"))
            start = date.value - dt.timedelta(days=date.value.weekday())
            self.g.add(interval, ck("startDate"), date_value(_day(date, start)))
            self.g.add(interval, ck("endDate"), date_value(_day(date, start + dt.timedelta(6))))
            self.evidence(interval, date.span)
            return
        self.g.add(node, ck(prop), date_value(date))
        if prop == "date":
            self.g.add(node, ck("datePrecision"), named(TIME + _PRECISION[date.precision]))

    def _period(self, node: Term, period: PeriodMention) -> None:
        interval = named(iri_value(node) + "-period")
        self.g.add(node, ck("during"), interval)
        self.g.add(interval, A, ck("TimeInterval"))
        self.g.add(interval, ck("startDate"), literal(period.start.isoformat(),
                                                          datatype=_xsd("date")))
        self.g.add(interval, ck("endDate"), literal(period.end.isoformat(),
                                                        datatype=_xsd("date")))
        self.g.add(interval, ck("duration"), literal(period.duration,
                                                         datatype=_xsd("duration")))
        self.evidence(interval, period.span)

    def quantity(self, owner: Term, prop: str, q: QuantityMention) -> Term:
        # One node per source: a second document's different toll for the same event is
        # its own quantity (checked as a conflict warning), never a second ck:value.
        node = self._quantity_node(owner, prop)
        self.g.add(owner, ck(prop), node)
        self.g.add(node, A, ck("Quantity"))
        if q.value is not None:
            self.g.add(node, ck("value"), _decimal(q.value))
        if q.lower is not None:
            self.g.add(node, ck("lowerBound"), _decimal(q.lower))
        if q.upper is not None:
            self.g.add(node, ck("upperBound"), _decimal(q.upper))
        if q.unit is not None:
            self.g.add(node, ck("unit"), ck(q.unit))
        if q.counted:
            self.g.add(node, ck("countOf"), literal(q.counted))
        if q.approximate:
            self.g.add(node, ck("approximate"), literal("true", datatype=_xsd("boolean")))
        self.evidence(node, q.span)
        return node

    def _quantity_node(self, owner: Term, prop: str) -> Term:
        return named(f"{iri_value(owner)}-{slug(prop)}-{slug(self.doc.doc_id)}")

    def quantity_claims(self, events: Sequence[EventFinding], claims: Sequence[ClaimFinding],
                        nodes: dict[int, Term]) -> None:
        """``ck:statedIn``: the claim whose words give an event's number ("killing 12
        people, the ministry said"), so each source's figure keeps its claimant."""
        said = [(c, [w for w in (c.quote, c.content) if w is not None])
                for c in claims if c.claimant is not None]
        for event in events:
            if id(event) not in nodes:
                continue
            for prop, q in event.quantities.items():
                for claim, words in said:
                    if any(w.start <= q.span.start and q.span.end <= w.end for w in words):
                        node = named(self.ns.resource("claim", self.doc.doc_id,
                                                      str(claim.verb.start)))
                        self.g.add(self._quantity_node(nodes[id(event)], prop), ck("statedIn"),
                                   node)

    # --- entities and positions ----------------------------------------------

    def new_entities(self) -> None:
        for iri in sorted(self.finder.new):
            entity = self.finder.new[iri]
            node = named(iri)
            for cls in entity.classes:
                self.g.add(node, A, ck(cls))
            self.g.add(node, PREF_LABEL, literal(entity.label, language="en"))
            self.g.add(node, LABEL, literal(entity.label, language="en"))
            for prop, value in entity.relations:
                self.g.add(node, ck(prop), named(value))
            for prop, number in entity.data:
                self.g.add(node, ck(prop), literal(number, datatype=_xsd("decimal")))
            for alt in entity.alt_labels:
                self.g.add(node, _SKOS_ALT_LABEL, literal(alt, language="en"))
            for link in entity.links:
                self.g.add(node, _SKOS_EXACT_MATCH, named(link))
            for span in entity.evidence[:3]:
                self.evidence(node, span)

    def positions(self) -> None:
        written: dict[str, bool] = {}
        officer = kb_ck("officer")  # roles in findings are plain IRIs, not N-Triples terms
        for p in self.finder.positions:
            if p.role == officer:
                if p.rank is None:
                    continue
                # A rank without a role: attach it to the person's other position if any,
                # else an officer's position with that rank (ck:officer: "only a rank").
                role = next((q.role for q in self.finder.positions
                             if q.person == p.person and q.role != officer), officer)
                p = type(p)(p.person, role, p.organisation, p.rank, p.span)
            known = self.finder.kb.positions.get((p.person, p.role))
            iri = known or resource(self.ns,
                "position", f"{_slug(p.person)}-{slug(_role_label(self.finder, p.role))}")
            node = named(iri)
            person = named(p.person)
            self.g.add(node, A, ck("Position"))
            self.g.add(node, ck("holder"), person)
            self.g.add(person, ck("holdsPosition"), node)
            self.g.add(node, ck("role"), named(p.role))
            self.g.add(node, ck("title"), literal(" ".join(p.span.text.split())))
            if p.rank is not None:
                self.g.add(node, ck("rank"), named(p.rank))
            if p.organisation is not None and known is None and not written.get(iri):
                # ck:positionIn is functional: one organisation per position, the first given.
                representative = _slug(p.role) in lexicon.REPRESENTATIVE_ROLES
                prop = "represents" if representative else "positionIn"
                self.g.add(node, ck(prop), named(p.organisation))
                written[iri] = True
                state = self.finder.state_of(p.organisation)
                if state is not None and self.finder.is_a(p.person, "Person"):
                    self.g.add(person, ck("nationality"), named(state))
            if self.doc.published is not None:
                self.g.add(node, ck("asOf"), literal(self.doc.published.isoformat(),
                                                        datatype=_xsd("date")))
            self.evidence(node, p.span)

    # --- events -----------------------------------------------------------------

    def event_iri(self, event: EventFinding) -> str:
        when = event.date.value.isoformat() if event.date and event.date.precision == "day" \
            else event.date.value.strftime("%Y-%m") if event.date else None
        keys = [_slug(k) for k in event.key_state(self.finder)]
        if event.type == "ArmsTransfer":
            keys += [_slug(i[0]) for i in event.items[:1]]
            keys += [event.status] if event.status and event.status != "completed" else []
        parts = [slug(_kebab(event.type))]
        if when is None or not keys:
            # Without a date or a participant, two reports cannot be told to be the same.
            parts += [slug(self.doc.doc_id), str(event.first[0].start)]
        else:
            parts += [when, *keys]
        return resource(self.ns, "event", *parts)

    def events(self, events: list[EventFinding]) -> dict[int, Term]:
        nodes: dict[int, Term] = {}
        for event in events:
            nodes[id(event)] = named(self.event_iri(event))
        for event in events:
            node = nodes[id(event)]
            self.g.add(node, A, ck(event.type))
            self.g.add(node, LABEL, literal(self._event_label(event), language="en"))
            for trigger, _sentence in event.triggers:
                self.evidence(node, trigger)
            for prop, values in (("agent", event.agents), ("eventTarget", event.targets),
                                 ("recipient", event.recipients),
                                 ("participant", event.participants),
                                 ("instrument", event.instruments),
                                 ("location", event.locations)):
                for value in values:
                    self.g.add(node, ck(prop), named(value))
            if event.origin is not None:
                self.g.add(node, ck("origin"), named(event.origin))
            if event.date is not None:
                self._date(node, event.date)
            if event.period is not None:
                self._period(node, event.period)
            for prop, q in sorted(event.quantities.items()):
                self.quantity(node, prop, q)
            value = event.factuality if event.factuality in factuality.VALUES else "actual"
            self.g.add(node, ck("factuality"), ck(value))
            if event.status is not None:
                self.g.add(node, ck("status"), ck(event.status))
            elif value == "calledOff":
                self.g.add(node, ck("status"), ck("cancelled"))
            if event.caused_by is not None and id(event.caused_by) in nodes:
                self.g.add(node, ck("causedBy"), nodes[id(event.caused_by)])
            if event.aircraft is not None:
                self._aircraft(node, event)
            for i, (item, how, span) in enumerate(event.items):
                self._item(node, event, i, item, how, span)
        return nodes

    def _event_label(self, event: EventFinding) -> str:
        words = _kebab(event.type).replace("-", " ")
        names = [self._name(e) for e in event.agents[:2]]
        when = f" ({event.date.value.isoformat()})" if event.date else ""
        return f"{words}{' by ' + ' and '.join(names) if names else ''}{when}"

    def _name(self, iri: str) -> str:
        label = self.finder.kb.pref_labels.get(iri)
        if label is None and iri in self.finder.new:
            label = self.finder.new[iri].label
        return label or _slug(iri)

    def _aircraft(self, node: Term, event: EventFinding) -> None:
        aircraft = event.aircraft
        assert aircraft is not None
        owner = _slug(aircraft.owner) if aircraft.owner else "unknown"
        model = _slug(aircraft.model) if aircraft.model else slug(aircraft.kind or "aircraft")
        when = event.date.value.isoformat() if event.date else slug(self.doc.doc_id)
        platform = named(resource(self.ns, "platform", f"{owner}-{model}-{when}"))
        self.g.add(node, ck("eventTarget"), platform)
        self.g.add(platform, A, ck(aircraft.kind or "MilitaryAircraft"))
        if aircraft.model is not None:
            self.g.add(platform, ck("model"), named(aircraft.model))
        if aircraft.owner is not None:
            self.g.add(platform, ck("operator"), named(aircraft.owner))
        owner_name = self._name(aircraft.owner) if aircraft.owner else ""
        model_name = self._name(aircraft.model) if aircraft.model else "aircraft"
        self.g.add(platform, LABEL, literal(f"{owner_name} {model_name} lost {when}".strip(),
                                               language="en"))
        for span in aircraft.evidence:
            self.evidence(platform, span)

    def _item(self, node: Term, event: EventFinding, i: int, item: str, how: str,
              span: Span) -> None:
        system = named(f"{iri_value(node)}-item-{i}")
        self.g.add(node, ck("participant"), system)
        if how == "model":
            self.g.add(system, ck("model"), named(item))
            self.g.add(system, A, ck("WeaponSystem"))
        else:
            self.g.add(system, A, ck(item))
        for supplier in event.agents[:1]:
            self.g.add(system, ck("suppliedBy"), named(supplier))
        for recipient in event.recipients[:1]:
            self.g.add(system, ck("operator"), named(recipient))
        self.evidence(system, span)

    # --- claims -----------------------------------------------------------------

    def claims(self, claims: list[ClaimFinding], events: dict[int, Term],
               agreements: Sequence[AgreementFinding] = ()) -> None:
        # A claim with no event of its own is about the agreement its sentence names.
        by_sentence = {sentence.start: self.agreement_iri(a)
                       for a in agreements if a.written for _trigger, sentence in a.evidence}
        for claim in claims:
            if claim.claimant is None:
                continue
            node = named(self.ns.resource("claim", self.doc.doc_id,
                                                 str(claim.verb.start)))
            self.g.add(node, A, ck("Claim"))
            self.g.add(node, ck("claimant"), named(claim.claimant))
            self.g.add(node, ck("stance"), ck(claim.stance))
            for target in claim.targets:
                self.g.add(node, ck("target"), named(target))
            if claim.addressee:
                self.g.add(node, ck("addressee"), named(claim.addressee))
            if claim.reported_by:
                self.g.add(node, ck("reportedBy"), named(claim.reported_by))
            if claim.quote is not None:
                text = claim.quote.text.strip("“”\"‘’")
                self.g.add(node, ck("quote"), literal(text))
                self.evidence(node, claim.quote)
            if claim.content is not None:
                # the dateline is blanked, never part of the content: strip what is left
                content = " ".join(claim.content.text.split()).strip(" ,—–-")
                if content:
                    self.g.add(node, ck("content"), literal(content))
            if claim.about is not None and id(claim.about) in events:
                self.g.add(node, ck("about"), events[id(claim.about)])
            elif claim.sentence.start in by_sentence:
                self.g.add(node, ck("about"), named(by_sentence[claim.sentence.start]))
            if claim.certainty:
                self.g.add(node, ck("certainty"), ck(claim.certainty))
            if claim.date is not None:
                self._date(node, claim.date)
            elif self.doc.published is not None:
                self.g.add(node, ck("date"), literal(self.doc.published.isoformat(),
                                                        datatype=_xsd("date")))
            self.evidence(node, claim.verb)

    # --- agreements ---------------------------------------------------------------

    def agreement_iri(self, agreement: AgreementFinding) -> str:
        parties = sorted(_slug(p) for p in agreement.named_parties)
        if not parties:
            # nothing says who agreed: this document's own node, by kind and date
            on = agreement.date.value.strftime("%Y-%m-%d") if agreement.date else "undated"
            return resource(self.ns, "agreement", "in", slug(self.doc.doc_id),
                            slug(_kebab(agreement.classes[0] if agreement.classes
                                        else agreement.kind)), on)
        if agreement.kind == "CoordinationMechanism":
            return resource(self.ns, "agreement", "coordination", *parties)
        when = agreement.date.value if agreement.date else self.doc.published
        # Undated: this document's own node (undated agreements of the same parties
        # in other documents may be other agreements).
        # The month, so that "the deal reached last month" meets the one "signed on the
        # 17th"; the day too when the document has another signing of the same parties
        # that month (two agreements, two nodes).
        day = agreement.day_in_iri and agreement.date is not None and \
            agreement.date.precision == "day"
        return resource(self.ns, "agreement", *parties,
                        when.strftime("%Y-%m-%d" if day else "%Y-%m") if when
                        else f"undated-{slug(self.doc.doc_id)}")

    def agreements(self, agreements: list[AgreementFinding],
                   events: dict[int, Term]) -> None:
        # A mention without two parties beside an agreement of its kind with them is most
        # often that agreement with a slot misread ("struck hours before a pause brokered
        # in X on Thursday"): only a kind the document names no parties for is written so.
        with_parties = {(a.classes or [a.kind])[0] for a in agreements if a.named_parties}
        for agreement in agreements:
            if not agreement.named_parties and \
                    (agreement.classes or [agreement.kind])[0] in with_parties:
                continue
            iri = self.agreement_iri(agreement)
            node = named(iri)
            # The most specific class only: a mechanism is an agreement by inference, and
            # "which agreements did X sign" should not list standing mechanisms unasked.
            for cls in agreement.classes or [agreement.kind]:
                self.g.add(node, A, ck(cls))
            self._agreement_extras(node, agreement)
            names = " and ".join(self._name(p) for p in agreement.named_parties)
            kind = "coordination mechanism" if agreement.kind != "Agreement" else "agreement"
            label = f"{kind} between {names}" if names else \
                f"{kind} reported in {self.doc.doc_id} (parties not named)"
            self.g.add(node, LABEL, literal(label, language="en"))
            for party in agreement.named_parties:
                self.g.add(node, ck("party"), named(party))
            for trigger, _sentence in agreement.evidence:
                self.evidence(node, trigger)
            if agreement.date is not None:
                self.g.add(node, ck("signingDate"), date_value(agreement.date))
            if agreement.place is not None:
                self.g.add(node, ck("signingPlace"), named(agreement.place))
            if agreement.talks is not None and id(agreement.talks) in events:
                self.g.add(node, ck("reachedAt"), events[id(agreement.talks)])
            if agreement.period_start is not None:
                self.g.add(node, ck("startDate"), date_value(agreement.period_start))
            if agreement.purpose:
                self.g.add(node, ck("purpose"), literal(agreement.purpose))
            if agreement.zone is not None:
                self._zone(node, agreement.zone)
            for provision in agreement.provisions:
                p = named(provision_iri(iri, provision))
                places = ", ".join(self._name(place) for place in provision.places)
                self.g.add(p, LABEL, literal(provision_label(provision, names, places),
                                             language="en"))
                self.g.add(node, ck("provision"), p)
                self.g.add(p, ck("provisionOf"), node)
                self.g.add(p, A, ck(provision.kind))
                self.g.add(p, A, ck("Provision"))
                if provision.deadline is not None:
                    self.g.add(p, ck("deadline"), date_value(provision.deadline))
                if provision.effective_from is not None:
                    self.g.add(p, ck("effectiveFrom"), date_value(provision.effective_from))
                for force in provision.forces:
                    self.g.add(p, ck("obligedParty"), named(force))
                for category in provision.categories:
                    self.g.add(p, ck("weaponCategory"), ck(category))
                for place in provision.places:
                    self.g.add(p, ck("appliesTo"), named(place))
                if provision.handed_to is not None:
                    self.g.add(p, ck("handedTo"), named(provision.handed_to))
                if provision.personnel is not None:
                    self.quantity(p, "personnel", provision.personnel)
                if provision.quantity is not None:  # a ceiling the term sets
                    self.quantity(p, "quantity", provision.quantity)
                if provision.duration is not None:
                    self.g.add(p, ck("duration"), literal(provision.duration,
                                                          datatype=_xsd("duration")))
                    if provision.at_least:
                        self.g.add(p, ck("durationAtLeast"),
                                   literal("true", datatype=_xsd("boolean")))
                if agreement.zone is not None and provision.kind in ("ZoneProvision",
                                                                     "PatrolProvision"):
                    self.g.add(p, ck("zone"), named(f"{iri}/zone"))
                self.g.add(p, named(RDFS + "comment"),
                           literal(" ".join(provision.evidence.text.split())))
                self.evidence(p, provision.evidence)

    def _agreement_extras(self, node: Term, agreement: AgreementFinding) -> None:
        """Signatories, hosts, mediators, entry into force, duration and renewal."""
        for prop, values in (("signatory", agreement.signatories), ("host", agreement.hosts),
                             ("mediator", agreement.mediators)):
            if prop == "signatory" and not agreement.named_parties:
                continue  # who signed for whom is unknown: often the lone "party"'s broker
            for value in values:
                if value not in agreement.parties:
                    self.g.add(node, ck(prop), named(value))
        if agreement.effective_from is not None:
            self.g.add(node, ck("effectiveFrom"), date_value(agreement.effective_from))
        if agreement.effective_time is not None:  # "took effect at midnight": hour, no date
            self.g.add(node, ck("effectiveTime"), literal(agreement.effective_time))
        if agreement.duration is not None:
            self.g.add(node, ck("duration"), literal(agreement.duration,
                                                     datatype=_xsd("duration")))
        for place in agreement.applies_to:
            self.g.add(node, ck("appliesTo"), named(place))
        if agreement.renewable:
            self.g.add(node, ck("renewable"), literal("true", datatype=_xsd("boolean")))
        if agreement.status is not None:
            # collapsed / pulled out of (ck:cancelled), suspended (ck:suspended)
            self.g.add(node, ck("status"), ck(agreement.status))

    def _zone(self, agreement: Term, zone: ZoneFinding) -> None:
        node = named(f"{iri_value(agreement)}/zone")
        self.g.add(agreement, ck("zone"), node)
        self.g.add(node, A, ck(zone.kind))
        self.g.add(node, A, ck("Zone"))
        self.g.add(node, LABEL, literal(zone.evidence[0].text if zone.evidence else "zone",
                                           language="en"))
        if zone.location is not None:
            self.g.add(node, ck("locatedIn"), named(zone.location))
            self.g.add(agreement, ck("appliesTo"), named(zone.location))
        if zone.width is not None:
            self.quantity(node, "width", zone.width)
        for force in zone.patrolled_by:
            self.g.add(node, ck("patrolledBy"), named(force))
        if zone.effective_from is not None:
            self.g.add(node, ck("effectiveFrom"), date_value(zone.effective_from))
        for span in zone.evidence:
            self.evidence(node, span)


def _day(date: DateMention, value: dt.date) -> DateMention:
    return DateMention(date.span, value, "day", date.relative)


def _kebab(name: str) -> str:
    out = ""
    for ch in name:
        out += "-" + ch.lower() if ch.isupper() and out else ch.lower()
    return out


def _role_label(finder: EntityFinder, role: str) -> str:
    label = finder.kb.pref_labels.get(role)
    return label or _kebab(_slug(role))


def provision_iri(agreement_iri: str, provision: ProvisionFinding) -> str:
    """A provision's IRI from what it says, never from its position in the text.

    Two documents that each find a "second provision" of one agreement must not
    give different terms one node; the same provision ingested again keeps its IRI.
    """
    key = "|".join([
        provision.kind,
        provision.deadline.value.isoformat() if provision.deadline else "",
        provision.effective_from.value.isoformat() if provision.effective_from else "",
        ",".join(sorted(provision.forces)),
        ",".join(sorted(provision.categories)),
        ",".join(sorted(provision.places)),
        " ".join(provision.evidence.text.split()).lower(),
    ])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    kind = re.sub(r"(?<!^)(?=[A-Z])", "-", provision.kind.removesuffix("Provision")).lower()
    kind = kind or "term"
    return f"{agreement_iri}/provision-{kind}-{digest}"


def provision_label(provision: ProvisionFinding, parties: str, places: str = "") -> str:
    kind = re.sub(r"(?<!^)(?=[A-Z])", " ", provision.kind).lower()
    label = f"{kind} of the agreement between {parties}"
    if places:
        label += f": {places}"
    if provision.deadline is not None:
        label += f", by {provision.deadline.value.isoformat()}"
    elif provision.effective_from is not None:
        label += f", from {provision.effective_from.value.isoformat()}"
    return label
