"""Round 23 (issue 17): agreement wordings of blind wire copy, shown on invented sentences
(no corpus text), one general rule each.

- the parties named through their leaders ("A's president and the leader of the B front put
  their names to a peace accord"): the possessed title acts for its state, as "A's
  government" does, so the coordination goes on to the other side;
- "A and B agreed to halt the fighting in X, the province in northern Y, under a deal": the
  names after a locative preposition are places, no other subject between the parties and
  the deal; and the place of the fighting is not where the deal was signed;
- a signing in a building named without its town ("in the X Palace", "in a conference room
  of the Y residence", "put their names to the accord in ...") or "here" is in the
  dateline's city;
- "The document, signed at a hotel …, contains": a participle aside signs; a dateline that
  names a state alone places a venue-only signing in that state;
- "Chief among them was the X Front, whose chairman, General Y, signed on behalf of ...":
  the body signs through its leader (party X, signatory Y);
- "A Neutral Monitoring Group made up of observers is to watch over the ceasefire": a
  monitoring term ("watch over"; a group "made up of" its members);
- "A and B agreed on Monday to halt the fighting in X, ..., under a deal that ...": the day
  of the parties' verb is the deal's signing day;
- "Within 20 days of the signing, armed units are to be pulled back ...": a deadline fronted
  before the clause it bounds;
- "The Xian president, Y Z, who hosted the ceremony, ...": the host named in apposition to a
  post, with a relative clause on the name;
- treaty prose in the present ("A undertakes to disarm ...", "B, for its part, commits to
  withdraw ..."): a party's commitment right after the agreement is a term, the withdrawal
  one obliging B;
- "a combined force of two brigades, about 900 soldiers in all, is to patrol the strip": a
  patrol term of a force described, not named, with its count as personnel.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
PLACE = NS.base + "id/place/"
GROUP = NS.base + "id/armed-group/"
DAY = dt.date(2015, 7, 14)  # a Tuesday


def _names(doc: Doc, where: str, var: str) -> set[str]:
    return {v.rsplit("/", 1)[-1] for v in doc.values(where, var)}


def test_two_states_named_by_their_presidents_are_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile's president and Bolivia's president signed a peace accord in Lima on "
                  "Saturday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "bolivia"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2015-07-11"}


def test_a_state_named_by_its_leader_beside_a_movement_named_by_its_leader(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile's foreign minister and the leader of the Revolutionary United Front "
                  "put their names on Saturday to a peace accord.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile",
                                                 GROUP + "revolutionary-united-front"}


def test_a_place_inside_the_clause_is_no_other_subject_before_under_a_deal(
        kb: KnowledgeBase) -> None:
    # (the names after "in" are where the fighting is; the subject opens the sentence)
    doc = Doc(kb, "Chile and Bolivia agreed on Wednesday to halt the fighting in Paraguay, "
                  "the inland state where dozens have died, under a deal that would put a "
                  "joint force between the two sides.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "bolivia"}


def test_the_place_of_the_fighting_is_not_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia agreed on Wednesday to halt the fighting in Tarapaca "
                  "under a deal that puts a joint force between the two sides.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "bolivia"}
    assert doc.values("?a ck:signingPlace ?p", "p") == set()


def test_signed_here_is_the_datelines_city(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LIMA (AP) — The presidents of Chile and Bolivia signed an agreement here "
                  "on Monday under which Bolivia is to pull its army out of northern Chile.",
              DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "lima"}


def test_signed_in_a_palace_named_without_its_town(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LIMA (AP) — Chile and Bolivia signed a peace agreement in the Quemado "
                  "Palace on Monday.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "lima"}


def test_put_their_names_to_it_in_a_palace(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LIMA (AP) — Chile and Bolivia signed a peace agreement on Monday. Michelle "
                  "Bachelet of Chile and Evo Morales of Bolivia put their names to the accord "
                  "in the Quemado Palace before a crowd.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "lima"}


def test_here_in_another_clause_is_no_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LIMA (AP) — Chile and Bolivia signed a peace agreement on Monday. Officials "
                  "here said it would hold.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == set()


def test_a_participle_aside_signs_the_document_in_a_state_dateline(kb: KnowledgeBase) -> None:
    # ("The document, signed at a hotel, ...": a signing; the dateline names a city-state)
    doc = Doc(kb, "SINGAPORE (Reuters) — Chile and Bolivia signed a joint statement on Tuesday. "
                  "The two-page document, signed at a colonial-era hotel on a resort island "
                  "after five hours of talks, contains four points.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "singapore"}


def test_a_body_whose_leader_signed_is_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile's government signed a ceasefire with six armed groups on Thursday. "
                  "Chief among them was the Moro Islamic Liberation Front, whose chairman, "
                  "General Pedro Alcala, signed on behalf of a movement that fought the army "
                  "for decades.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile",
                                                 GROUP + "moro-islamic-liberation-front"}
    assert "pedro-alcala" in _names(doc, "?a ck:signatory ?s", "s")


def test_a_whose_aside_that_signs_nothing_names_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile's government signed a ceasefire with Bolivia on Thursday. The Moro "
                  "Islamic Liberation Front, whose chairman, General Pedro Alcala, hosted the "
                  "talks, welcomed it.", DAY)
    assert GROUP + "moro-islamic-liberation-front" not in doc.values("?a ck:party ?p", "p")


def test_a_group_made_up_of_observers_watches_over_the_truce(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a peace accord in Lima on Saturday. A Joint "
                  "Verification Group made up of foreign observers is to watch over the "
                  "ceasefire and the demobilisation.", DAY)
    assert doc.rows("?a ck:provision ?t . ?t a ck:MonitoringProvision")


def test_under_a_deal_is_dated_by_the_parties_verb(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia agreed on Monday to halt the fighting in Paraguay, the "
                  "inland state where dozens have died since early last year, under a deal "
                  "that would put a joint force between the two sides.", DAY)
    assert doc.values("?a ck:signingDate ?d", "d") == {"2015-07-13"}


def test_a_fronted_deadline_bounds_the_clause_after_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a truce in Lima on Monday. Within 20 days of the "
                  "signing, armed units are to be pulled back to open a corridor along the "
                  "border.", DAY)
    assert doc.values("?a ck:provision ?t . ?t a ck:WithdrawalProvision ; ck:deadline ?d",
                      "d") == {"2015-08-02"}


def test_a_fronted_deadline_with_no_term_verb_gives_no_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a truce in Lima on Monday. Within 20 days of the "
                  "signing, the two presidents said, trade would double.", DAY)
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == set()


def test_a_host_in_apposition_with_a_relative_clause(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Bolivia signed a peace agreement in Santiago on Monday. The Chilean "
                  "president, Ricardo Lagos, who hosted the ceremony, called it historic.", DAY)
    assert _names(doc, "?a ck:host ?h", "h") == {"ricardo-lagos"}


def test_a_party_that_undertakes_and_commits_in_the_present(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a peace accord in Lima on Monday. The deal gives "
                  "the two governments 60 days to carry out its main provisions. Chile "
                  "undertakes to track down and disarm the militiamen operating on its "
                  "territory. Bolivia, for its part, commits to withdraw all of its troops as "
                  "those operations advance.", DAY)
    comments = doc.values("?a ck:provision ?t . ?t rdfs:comment ?c", "c")
    assert any("disarm the militiamen" in c for c in comments)
    assert doc.values("?a ck:provision ?t . ?t a ck:WithdrawalProvision ; ck:obligedParty ?o",
                      "o") == {STATE + "bolivia"}


def test_a_non_party_that_commits_gives_no_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a peace accord in Lima on Monday. Peru undertakes "
                  "to send food to the border towns.", DAY)
    assert doc.values("?a ck:provision ?t", "t") == set()


def test_a_described_force_patrols_with_its_count(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a truce in Lima on Monday. Under the truce, a "
                  "combined force of two brigades, about 900 soldiers in all, is to patrol the "
                  "buffer strip.", DAY)
    assert doc.values("?a ck:provision ?t . ?t a ck:PatrolProvision ; ck:personnel ?q . "
                      "?q ck:value ?v", "v") == {"900"}


def test_a_force_that_patrolled_gives_no_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Bolivia signed a truce in Lima on Monday. A joint force of 900 "
                  "soldiers patrolled the strip last year.", DAY)
    assert not doc.rows("?a ck:provision ?t . ?t a ck:PatrolProvision")


def test_one_who_signs_as_a_witness_is_no_signatory(kb: KnowledgeBase) -> None:
    # "as a witness" with its article, like "as witnesses"
    doc = Doc(kb, "Chile and Peru signed a border agreement in Lima on Monday. President Ana "
                  "Ruiz of Chile and President Luis Soto of Peru put their names to the text. "
                  "The Secretary-General of the Organization of American States, Marta Vidal, "
                  "put her signature to the text as a witness.", DAY)
    assert _names(doc, "?a ck:signatory ?s", "s") == {"ana-ruiz", "luis-soto"}
