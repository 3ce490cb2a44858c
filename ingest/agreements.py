"""Agreements and mechanisms: kinds, parties, signing, entry into force, zones, provisions.

The words are data (``agreement-cues.toml`` beside this module); this module
applies them.  General rules, never tied to one article:

* A noun that names an agreement (agreement, deal, accord, memorandum, treaty,
  ceasefire, truce, roadmap, joint statement, pact, protocol, "N-point
  package"; a bare "statement" only when it is signed) is an agreement when
  its context says one was reached ("signed an agreement", "agreed on a
  ceasefire", "a deal reached last month", "the truce was agreed", "under the
  deal") or it refers back to one already found ("the deal", "its terms").  A
  noun that is only asked for, proposed, hoped for, refused or denied ("called
  for a ceasefire", "did not sign the deal") is none.
* Parties: the agents after "with" or "between A, B and C" that follow the
  noun, the coordinated subject of a reaching verb before it, the agents of a
  passive "was signed/agreed by A, B and C" (a person signs for the state they
  serve: the state is the party, the person a signatory).  States, armed
  groups, movements and organisations can all be parties; hosts ("hosted by"),
  mediators ("brokered by", "with the mediation of"), places, a state named as
  a modifier ("Russian-backed", "the Angolan capital") never are.  An agreement
  with fewer than two parties found is written without parties (a document's own
  node: its identity cannot come from its parties).
* Signing date: the date closest to the noun in a sentence that reports the
  agreement reached, other than its entry into force or a deadline.  Signing
  place: "reached/signed/agreed in X", "talks/summit/meeting in X", "in the
  <demonym> capital" (the state's capital).  Entry into force: "took effect",
  "to begin", "comes into force", "fighting is to stop" with a date within a
  few words (and the time of day when given: "at noon", "6 p.m.").
* An agreement found once is the document's current agreement: definite
  references and the next sentences add to it.  A mention with another date,
  or called "first", "previous", "separate" or "new", is another agreement.
* Terms (provisions), in sentences about the current agreement: withdrawals
  and handovers with one deadline per "by <date>" and the place named before
  it; withdrawals and handovers without a deadline when the sentence says they
  must, will or are to happen; zones and corridors with their widths and
  places; patrols and guards with the forces and their numbers; deployments
  and their duration; prisoner exchanges and releases; monitoring roles;
  start dates of zones.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.clauses import blank_asides, inside_aside
from conflict_kg.ingest.counterpart import counterpart_state
from conflict_kg.ingest.dates import DateMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.events import EventFinding
from conflict_kg.ingest.factuality import clause_before
from conflict_kg.ingest.kb import label_key
from conflict_kg.ingest.lexicon import NOT_NAMES
from conflict_kg.ingest.numbers import parse_number
from conflict_kg.ingest.prefilter import Prefiltered, prefiltered
from conflict_kg.ingest.quantities import QuantityMention
from conflict_kg.ingest.rdf import resource
from conflict_kg.ingest.signing import (
    bound_parties,
    read_signing,
    signing_day,
)
from conflict_kg.ingest.text import Span

CUES_FILE = Path(__file__).resolve().parent / "agreement-cues.toml"

_MECHANISM = prefiltered(r"\b(?:(?:security|military)\s+)?(?:coordination|deconfliction)"
                         r"(?:\s+(?:mechanism|line|hotline|channel))?\b", re.IGNORECASE)
_WITH = re.compile(r"^\W*(?:\w+\W+){0,3}?with\W+(?:the\W+)?$", re.IGNORECASE)
_BETWEEN_GAP = re.compile(
    r"^(?:\s+(?!talks\b|negotiations\b|meeting\b|summit\b|leaders\b)[\w'’-]+){0,6}?\s+between"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?"
                           r"(?:the\s+)?", re.IGNORECASE)
_PASSIVE_BY = re.compile(
    # a reduced relative set off by a comma signs too ("The X Agreement, signed at P by A")
    r"^(?:\s+|(?=,))(?:(?:(?:that|which)\s+(?:[\w'’-]+\s+){1,8}?)?"
    r"(?:was|were|has\s+been|had\s+been|have\s+been|is|are)\s+(?:\w+\s+){0,3}?|,?\s*)"
    r"(?:agreed|signed|reached|concluded|struck|sealed|initialled|initialed|inked|adopted|"
    r"put\s+to\s+paper)"
    # the "by" is the reaching verb's own: no other participle or "between" comes first
    # ("a deal reached ... at talks hosted by X": X hosted)
    r"\b(?:(?!\b(?:hosted|brokered|mediated|facilitated|convened|organi[sz]ed|sponsored|"
    r"witnessed|attended|between)\b)(?:[^,;]|,(?=\s*(?:\d|by\b|(?-i:[A-Z][a-z]+\s+\d)))))*?"
    r"\bby\s+", re.IGNORECASE)
_BY_PHRASE_END = re.compile(
    # ", and" ends the by-phrase unless another signer in apposition follows ("by A's
    # security chief, X, and Y, chief of staff of B")
    # ("by A's minister, X, and his B counterpart, Y": a post in apposition goes on too)
    r"[;:]|,\s*and\b(?!\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),)"
    r"(?!\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+,\s+"
    r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?:,|\.|\s+(?:in|at|on)\b))|"
    r",\s*(?:but|while|after|before|who|which|when|as|at|in|on|with)\b|"
    r"\s(?:with|at|in|on|who|which|after|before|following|"
    r"at\s+talks|hosted|brokered|mediated|in\s+the\s+presence|at\s+a\s+ceremony)\b",
    re.IGNORECASE)
# the by-phrase of a passive signing goes on with the other parties: "was concluded by A
# with B and C" (not "with X looking on", "with the help of X": no name right after "with")
_BY_WITH = re.compile(r"^\s*,?\s+with\s+(?:the\s+)?")
_WITH_ONLOOKERS = re.compile(r"^\s+(?:looking\s+on|watching|present|in\s+attendance|attending|"
                             r"as\s+(?:witness|guarantor|observer|mediator)s?)\b", re.IGNORECASE)
# the monitoring verb after a monitor, and the verb that sends its people ("will send a
# team of 50 officers to monitor")
_MONITOR_VERB = re.compile(r"\b(?:to\s+)?(?:monitor|supervise|verify|oversee|observe|watch|"
                           r"check|inspect)\b", re.IGNORECASE)
_MONITOR_SENT = re.compile(r"\b(?:send|sends|sent|dispatch|dispatches|deploy|deploys|provide|"
                           r"provides|contribute|field)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# the head noun of a body's name right before "for" ("the Popular Front for the Renaissance
# of X"): the "for" is inside the name, no signer signs "for" what follows
_BODY_HEAD_BEFORE = re.compile(r"\b(?:Movement|Front|Army|Alliance|Union|Congress|Organi[sz]ation|"
                               r"Brigades?|Council|Coalition|Opposition|Resistance|Militia|Forces?|"
                               r"Party|Committee|Commission)\s+$")
# the agreement found, named back, was initialled before it was signed
_INITIALLED_AFTER = re.compile(r"^\s+(?:had\s+been|has\s+been|have\s+been|was|were)\s+"
                               r"(?:(?-i:[a-z]+ly)\s+)?initial(?:l)?ed\b", re.IGNORECASE)
# after a term's words, the next coordinated clause of the sentence (", and B will ...")
_NEXT_CLAUSE = re.compile(r"[^,;]*?(?:,\s*|;\s*)(?:and|while|but|whereas)\s+(?P<clause>[^;]+)$",
                          re.IGNORECASE)
# a venue with no town ("at the National Palace", "at the presidential palace"), and a
# signing close before it
_VENUE_ONLY = re.compile(r"\bat\s+(?:the|a)\s+(?:(?:[A-Z][\w'’-]*|presidential|"
                         r"prime\s+minister['’]s|foreign\s+ministry['’]s|government|state)\s+)"
                         r"{0,3}(?:Palace|House|Hall|"
                         r"Building|Centre|Center|Ministry|palace|residence|headquarters|"
                         r"(?-i:[A-Z][\w'’-]*\s+)?(?:Office|office))\b(?!\s+(?:in|of)\b)"
                         # "in the Itamaraty Palace", "at a lakeside hotel", "in a conference
                         # room of the X residence": a building named without its town
                         r"|\b(?:at|in)\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,7}?"
                         r"(?:(?-i:Palace|House|Hall|Buildings?)|palace|residence|hotel|villa|"
                         r"conference\s+room|headquarters)\b(?!\s+(?:in|of|near)\b)")
# "X, whose chairman, General Y, signed on behalf of the movement": X signs through Y
_WHOSE_SIGNER = re.compile(
    r",\s*whose\s+(?:[\w-]+\s+){0,2}?(?:chairman|chairwoman|chair|leader|chief|president|"
    r"commander|head|secretary-general|negotiator)\s*,\s*(?P<name>[^,;]{3,60}?)\s*,\s+"
    r"(?:signed|put\s+(?:his|her)\s+(?:name|signature)|initial(?:l)?ed)\b")
# the parties' verb right before its date: "agreed on Wednesday", "signed late on Sunday"
_VERB_ON = re.compile(r"\b(?:agreed|signed|reached|struck|sealed|concluded|clinched)\s+"
                      r"(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)
# a deadline that opens the sentence: "Within 20 days of the signing, units are to ..."
_FRONTED_DEADLINE = re.compile(r"^\W*(?:[Ww]ithin|[Nn]o\s+later\s+than|[Nn]ot\s+later\s+than)\s+$")
# a party's commitment right after its name: "undertakes to", ", for its part, commits to"
_UNDERTAKES = re.compile(r"\s*(?:,\s*for\s+(?:its|their|his|her)\s+part\s*,\s*)?(?:also\s+)?"
                         r"(?:undertakes?|commits?(?:\s+itself|\s+themselves)?|pledges?)\s+to\s+")
# a force described, not named, as the subject of a term to patrol: "a mixed force of three
# battalions, some 1,500 men in all, will patrol", "a joint peacekeeping force is to patrol"
_DESCRIBED_FORCE = re.compile(
    r"\b(?:an?|the)\s+(?:(?:joint|mixed|combined|peacekeeping|neutral|international|trilateral)"
    r"\s+){1,2}(?:force|contingent|battalion|brigade)\b[^.;]{0,80}?\s+"
    r"(?:will|would|is\s+to|shall|must)\s+(?:jointly\s+)?$")
_SIGNED_HERE = re.compile(r"\b(?:signed|inked|initial(?:l)?ed|sealed|concluded|struck|reached)"
                          r"\s+(?:(?:an?|the|their|its)\s+)?(?:[\w-]+\s+){0,3}?here\b(?!\s+(?:is|are|was|were)\b)")
_SIGNED_NEAR = re.compile(r"\b(?:signed|inked|initial(?:l)?ed|put\s+to\s+paper|"
                          r"put\s+(?:his|her|their|its)\s+(?:names?|signatures?)|"
                          r"signing\s+ceremony|ceremony)\b[^.;]*$", re.IGNORECASE)
# a term's subject named as a party's people: "the URNG's roughly 3,000 fighters",
# "Croatia's forces" (the owner is the obliged party)
_OWNED_SUBJECT = re.compile(
    r"(?:the\s+)?(?P<owner>(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z][\w.-]*)){0,4})['’]s\s+"
    r"(?:(?:some|about|around|roughly|nearly|almost|estimated|more\s+than|at\s+least|"
    r"[\d,]+|remaining|armed|rebel|guerrilla)\s+){0,3}"
    r"(?:fighters|combatants|troops|forces|soldiers|guerrillas|rebels|militiamen|members|"
    r"army|military|units)", re.IGNORECASE)
# a person's name written without a title: two to four capitalised words
# where a list of signers after "signed by" ends (commas and "and" stay inside it)
_SIGNER_LIST_END = re.compile(
    r"[;:]|,\s*(?:but|while|after|before|who|which|when|as|at|in|on|with)\b|"
    r"\s(?:with|at|in|on|who|which|after|before|following|hosted|brokered|mediated)\b")
# (a middle initial and "Jr." stay inside: "William K. Harrison Jr.")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:[ -](?:al-|bin\s+|de\s+|van\s+)?[A-Z][a-z'’]+)"
                   r"{1,3}\b(?:\s+(?:Jr|Sr)\b\.?)?")
_NAME_LIST = re.compile(r"^(?P<names>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+"
                        r"(?:(?:\s*,\s*|,?\s+and\s+)(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)*)"
                        r"\s+$")
# the people who sign for a body, then its capitalised name: "the officers of the
# Government of National Accord", "delegates from the Popular Front"
_REPRESENTED = re.compile(
    r"(?:\b(?:officers|officials|representatives|delegates|delegations?|envoys|negotiators|"
    r"commanders|members|leaders)\s+(?:of|from)|"
    # a signer "for" the body it signed for: "by General X for the United Nations Command
    # and by Y for A and the B Volunteers"
    r"\bfor(?:\s+[A-Z][\w'’-]+){0,3}\s+and|\bfor)\s+the\s+(?P<name>[A-Z][\w'’-]+"
    r"(?:\s+(?:of|for|and)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+){1,5})")
_TEMPORAL_CLAUSE = re.compile(r"\b(?:after|before|since|until)\s+(?:the|its|this|their)\s+"
                              r"(?:[\w-]+\s+)?$", re.IGNORECASE)
# a subordinate clause of time whose verb reaches the noun: "two months after they signed a
# declaration in Asmara", "before A and B agreed a truce", "since signing the accord" (the
# noun names another agreement than the main clause's)
_EARLIER_CLAUSE = re.compile(
    r"\b(?:after|before|since)\s+(?:(?:they|the\s+(?:two\s+)?(?:sides|parties|countries|"
    r"governments|leaders)|both\s+sides|(?-i:[A-Z])[\w'’-]*(?:\s+(?:and\s+)?(?:the\s+)?"
    r"(?-i:[A-Z])[\w'’-]*){0,5})\s+(?:had\s+|first\s+)?(?:signed|agreed(?:\s+on|\s+to)?|reached|"
    r"struck|sealed|concluded|clinched|inked|initial(?:l)?ed)|signing|agreeing\s+(?:on|to)|"
    r"reaching|striking|sealing|concluding|initial(?:l)?ing)\s+(?:(?:a|an|the|their|its)\s+)?"
    r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_OTHER_CLAUSE_AFTER = re.compile(r",\s+(?:[\w-]+\s+){0,3}?(?:after|before|since|when|while)\b",
                                 re.IGNORECASE)
# a named site that is a place of its own: "at the Arava crossing", "at the Allenby Bridge"
_NAMED_SITE = re.compile(r"\bat\s+the\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+"
                         r"(?P<kind>(?:border\s+)?crossing|border\s+post|checkpoint|[Bb]ridge|"
                         r"air\s+base|naval\s+base|military\s+base)\b")
# "A and B issued a joint statement": the noun already says they made it together
_ISSUED_JOINTLY = re.compile(r"\b(?:issued|released|published)\s+(?:a|an|the|their)\s+$",
                             re.IGNORECASE)
_JOINT_NOUN = re.compile(r"(?:joint|trilateral|tripartite|bilateral)\b", re.IGNORECASE)
_THE_NEW = re.compile(r"\bthe\s+new\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_RELATIVE_PRONOUN = re.compile(r"\b(?:that|which)\b", re.IGNORECASE)
_OTHER_CLAUSE_BEFORE = re.compile(
    r"\W*(?:[\w-]+\s+){0,3}?(?:after|before|since|when|while)\b[^,]*$", re.IGNORECASE)
# between a body and the name of the person who heads it: lower-case words ending in a post
# ("UNITA rebel leader Jonas Savimbi", "Hamas political chief X")
_TITLE_GAP = re.compile(r"\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}(?:leader|chief|commander|head|"
                        r"chairman|chairwoman|president|secretary-general|negotiator|envoy)\s+")
# a year that names an agreement, right before its noun (a month or a preposition before the
# year makes it a date of something else: "in March 1988")
_YEAR_NAMES = re.compile(
    r"(?<![\w,.-])(?<!\bin\s)(?<!\bof\s)(?<!\bby\s)(?P<y>(?:19|20)\d{2})(?![\w,.-])\s+"
    r"(?:(?![Jj]anuary|[Ff]ebruary|[Mm]arch|[Aa]pril|[Mm]ay|[Jj]une|[Jj]uly|[Aa]ugust|"
    r"[Ss]eptember|[Oo]ctober|[Nn]ovember|[Dd]ecember)[\w'’-]+\s+){0,2}$")
# a ceasefire's place right after the noun ("a ceasefire in eastern Congo", "a truce along
# the Line of Control"), not past a verb ("the truce was announced in Cairo")
_APPLIES_GAP = re.compile(r"\s+(?:(?:agreements?|accords?|deals?|arrangements?|pacts?)\s+)?"
                          r"(?:in|for|across|along|throughout|around|over|covering|on)\s",
                          re.IGNORECASE)
_AGREEMENT_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,4}[A-Z][\w'’-]*$")
_RENEWED = re.compile(r"\b(?:extend|renew|prolong|roll\s+over)\w*\b", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r",\s*(?:who|which)\b[^,;]*,\s*and\s+(?:of|by)\b")
# (also a non-restrictive one: "The pact, which A and B signed in X on Friday, ...")
_RELATIVE_THAT = re.compile(r",?\s+(?:that|which)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}")
# a place named as the modifier of a settlement's noun ("the Black Sea resort of X")
# ("in the Black Sea resort", unnamed, in a story datelined from the town: see _dateline_town)
_PLACE_OF_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:resort|city|town|port|village|capital|"
                             r"island|enclave|oasis)\s+of\s+[A-Z]|"
                             r"^\s+(?:resort|port)\b(?!\s+(?:of|in|at|on)\b)")
_CITY_OF = re.compile(r"\b(?:city|town|capital|port|resort)\s+of\s+$", re.IGNORECASE)
_RELATIVE_INSIDE = re.compile(r",\s*(?:which|who)\b[^,;.]*,")
_RELATIVE_AFTER = re.compile(r"^\s*,\s*(?:which|who)\b[^,;]*(?=,)")
# a state's possessive with the body or the leader that acts for it, between coordinated
# parties: "A's Sandinista government and the B rebels signed", "A's military and B agreed",
# "A's president and the leader of the B front put their names to"
_POSSESSED_HEAD = (r"['’]s\s+(?:(?-i:[A-Z][\w-]*|[a-z][\w-]*)\s+){0,2}?(?:government|regime|"
                   r"authorities|administration|leadership|army|military|armed\s+forces|forces|"
                   r"delegation|negotiators|representatives|president|prime\s+minister|premier|"
                   r"head\s+of\s+state|foreign\s+minister|chief\s+negotiator|king|emir)\s+")
_DATE_OWNS = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,1}")
_DATELINE_PREFIX = re.compile(r"[^—–;]{0,60}\s[—–]\s*")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|claimed|reported|stated|denied|"
                        r"announced\s+that|according)\b", re.IGNORECASE)
_MODIFIER_AFTER = re.compile(
    r"^(?:-(?:backed|led|supported|allied|aligned|based|brokered|sponsored|controlled|held)\b|"
    r"\s+(?:capital|city|border|territory|soil|airspace|waters|side|frontier)\b|"
    # "the Chadian rebels": fighters against the state, never the state
    r"\s+(?:rebels?|insurgents?|guerrillas?|militants?|separatists?|opposition|militias?)\b)",
    re.IGNORECASE)
_IN_PLACE_BEFORE = re.compile(
    r"\b(?:in|inside|near|across|throughout)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?"
    r"(?:ern)?|east(?:ern)?|west(?:ern)?|central|neighbouring|neighboring)\s+)?$",
    re.IGNORECASE)
# the place of a noun of fighting, not of a signing: "agreed to halt the fighting in X"
_STRIFE_IN = re.compile(
    r"\b(?:fighting|war|conflict|hostilities|violence|clashes|bloodshed|insurgency|unrest|"
    r"combat|shelling)\s+(?:in|on|across|around|inside)\s+(?:the\s+)?(?:(?:(?:north|south)"
    r"(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)\s+)?$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|into|across|towards?|inside|outside)"
                              r"\s+(?:the\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|its|their|these|those)\s+"
                       r"(?:(?!(?:a|an|is|was|are|were|be)\s)[\w-]+\s+){0,2}$", re.IGNORECASE)
_PRONOUN_START = re.compile(r"^\s*(?:It|This|That)\b")
# the agreement noun is the sentence's subject: "The treaty runs for ten years"
_SUBJECT_START = re.compile(r"^\W*(?:The|This|That|Its|Their)\s+(?:[\w-]+\s+){0,2}$")
_VENUE_BEFORE = re.compile(
    r"\b(?:talks|meeting|summit|negotiations|conference|ceremony|signed|reached|agreed|held)"
    r"\s+(?:\w+\s+){0,2}?(?:in|at)\s+(?:the\s+)?$|\bhosted\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# "under the deal", "in line with the accord": its terms are meant, not its signing
_TERMS_OF = re.compile(r"(?:under|in\s+line\s+with|in\s+accordance\s+with|as\s+required\s+by|"
                       r"as\s+part\s+of)\b", re.IGNORECASE)
_BARE_CAPITAL = re.compile(r"\b(?:in|at)\s+the\s+capital\b(?!\s+of\b|['’])")
_CAPITAL = re.compile(r"\b(?:in|at)\s+the\s+(?P<dem>[A-Z][\w-]+)\s+capital\b")
# "in the Egyptian resort", "at the Swiss lakeside town": a town named by its state only
# right before a zone's words: forces already there, not a zone the agreement sets up
# ("troops guarding the X corridor", "had confined the troops to the two corridors")
_GUARDED_BEFORE = re.compile(r"(?:\b(?:guard(?:ing|ed|s)?|protect(?:ing|ed|s)?|holding|occupying)|"
                             r"\bconfin(?:e|ed|es|ing)\b[^.;:]{0,60}?\bto)\s+(?:the\s+)?"
                             r"(?:(?:[A-Z][\w'’-]*|two|three|four|both)\s+(?:and\s+)?){0,4}$")
# a party obliged to free a named person: "Russia was to free X", "the government will release
# Y Z" (the modal, the verb, then a capitalised name)
_NAMED_RELEASE = re.compile(r"\s(?:was|were|is|are|will|would|must|shall|agreed)\s+to\s+"
                            r"(?:free|release|hand\s+over|pardon|repatriate)\s+"
                            r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\b")
# right before a date: the day a term applies from ("from noon on Wednesday", "as of 1 May")
_FROM_BEFORE = re.compile(r"\b(?:from|as\s+of|starting|beginning)\s+(?:(?:noon|midday|midnight|"
                          r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?)\s+)?(?:on\s+)?$",
                          re.IGNORECASE)
# the one name of a wartime coalition named in several ways ("the Allied powers", "the Allies")
_ALLIANCE_NAMES = {"Allies": "Allies", "Allied": "Allies", "Axis": "Axis powers",
                   "Entente": "Entente powers"}
# before "patrols": the forces' noun, then an obliging verb ("Russian and Turkish troops will
# begin joint patrols", "A's and B's forces are to conduct patrols")
_PATROL_VERB = re.compile(r"\b(?:will|would|are\s+to|is\s+to|must|shall|agreed\s+to)\s+"
                          r"(?:(?:begin|start|conduct|carry\s+out|mount|hold|launch|run)\s+)?"
                          r"(?:(?:joint|coordinated|regular|separate|mixed)\s+)?$")
_FORCES_NOUN = re.compile(r"\b(?:troops|forces|soldiers|units|military\s+police|police|"
                          r"patrols|servicemen)\s+$")
_DEMONYM_TOWN = re.compile(r"\b(?:in|at)\s+the\s+(?P<dem>[A-Z][\w-]+)\s+"
                           r"(?:(?P<sea>Sea|Coast|Riviera|Lake|Gulf|Ocean|Mountain)\s+)?(?:[a-z]+\s+)?"
                           r"(?:resort|city|town|port|village)\b(?!\s+of\b)(?!\s+[A-Z])")
_BACK_REFERENCE = prefiltered(
    r"\b(?:the|its|this)\s+(?:[A-Z][\w-]+\s+)?(?:agreement|deal|accord|memorandum|roadmap|truce|"
    r"ceasefire|cease-fire|treaty|pact|declaration|terms|zone|corridor)\b|\bthe\s+zone\b",
    re.IGNORECASE)
# the agreement as the subject of a verb that asks for its terms
_AGREEMENT_DEMANDS = re.compile(
    r"^\W*(?:It|They|The\s+(?:[\w-]+\s+){0,2}?(?:agreements?|accords?|deals?|documents?|text|"
    r"truce|ceasefire|cease-fire|armistice|memorand(?:um|a)|treat(?:y|ies)|protocols?|pacts?|"
    r"arrangements?|plan|declarations?))\s+(?:also\s+)?(?:calls?\s+for|provides?\s+for|"
    r"requires?|obliges?|commits?|bars?|prohibits?|forbids?)\b",
    re.IGNORECASE)
# the two sides named back as signers of another agreement
_BOTH_SIDES = re.compile(r"\b(?:by|between|of|that|which)\s+(?:both|the\s+two)\s+"
                         r"(?:sides|parties|countries|states|governments|neighbours|neighbors)\b",
                         re.IGNORECASE)
# a contact relative clause on the noun whose subject is the sides of the agreement being
# described: "A ceasefire they reached in July last year collapsed" (another agreement of
# the same parties)
_STATUS_SUBJECT_GAP = re.compile(
    r"[\s,]*(?:(?:said|announced|declared|confirmed)\b[^,;.]{0,30}?\s(?:that\s+)?(?:it|they)\s+)?"
    r"(?:\w+ly\s+|on\s+\w+day\s+|(?:has|have|had|was|were|is|are)\s+)*", re.IGNORECASE)
_THEY_REACHED = re.compile(r"\s+(?:that\s+|which\s+)?(?:they|the\s+two\s+sides|both\s+sides)\s+"
                           r"(?:had\s+|have\s+)?(?:reached|signed|agreed|struck|sealed|concluded)\b")
# a relative clause on the noun whose subject signed it ("that A and B signed")
_RELATIVE_SIGNED = re.compile(
    r"\s+(?:that|which)\s+(?P<subject>(?:(?!not\b|never\b|neither\b|refus|reject)[^;:.]){1,160}?)"
    r",?\s+(?:signed|inked|sealed|initialled|initialed|concluded|struck|clinched)\b")
# a non-restrictive relative clause on the names before the noun, its verb right before the
# noun: "A and B, which agreed a truce in March," (the verb is checked against [reached] verbs)
_RELATIVE_ON_SUBJECT = re.compile(
    r"\s*,\s*(?:which|who)\s+(?:had\s+|have\s+|has\s+)?(?:also\s+|\w+ly\s+)?"
    r"(?:[a-z]+(?:\s+out)?|put\s+their\s+(?:names|signatures)\s+to)\s+"
    r"(?:(?:a|an|the|their|its)\s+)?(?:[\w-]+\s+){0,3}?")
# the verb "last" of a period ("is to last for 60 days", "and last for 90 days"), the noun
# the subject of its clause ("The truce", "Under the deal, a ceasefire"), and between them no
# other clause ("which", "that", a comma or semicolon once asides are read out)
_LAST_VERB = re.compile(r"(?:will|would|to|shall|must|and)\s+last|last(?:s|ed|ing)\b",
                        re.IGNORECASE)
_NOUN_SUBJECT = re.compile(r"(?:^|[,;:]\s*)\W*(?:an?|the|this|that|its|their)\s+"
                           r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PARTICIPLE_ASIDE = re.compile(r"^\s*,\s+(?:[a-z]+ed|signed|agreed)\s+(?:by|in|at|on|with)\s+"
                               r"[^,;:]{1,80},")
_LAST_GAP_BREAK = re.compile(r"[,;:]|\b(?:which|that|who|while|but|after|before|when|said)\b",
                             re.IGNORECASE)
_MEDIATION_AFTER = re.compile(r"\s+(?:mediation|mediators?|facilitation|good\s+offices)\b",
                              re.IGNORECASE)
_SAME = re.compile(r"\bthe\s+(?:very\s+)?same\s+$", re.IGNORECASE)
_SAME_DAY = prefiltered(r"\bon\s+the\s+same\s+day\b", re.IGNORECASE)
_CATEGORIES = (("tank", "Tank"), ("mortar", "Mortar"), ("artillery", "Artillery"),
               ("rocket launcher", "RocketLauncher"), ("heavy", "HeavyWeapon"),
               ("ground-to-air missile", "SurfaceToAirMissile"),
               ("surface-to-air missile", "SurfaceToAirMissile"))
_CATEGORY_RE = prefiltered(r"\b(?:tank|mortar|artillery|rocket\s+launcher|heavy|"
                           r"ground-to-air\s+missile|surface-to-air\s+missile)", re.IGNORECASE)
_UNITS = {"hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}


@dataclass(frozen=True)
class Cues:
    trigger: Prefiltered
    kinds: tuple[str, ...]  # the class of each trigger group k0, k1…
    signed_only: frozenset[str]  # classes whose bare noun counts only when signed
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    proposed: re.Pattern[str]
    reached_before: re.Pattern[str]
    reached_after: re.Pattern[str]
    reached_verbs: re.Pattern[str]
    signing_after: re.Pattern[str]
    mediator_verbs: re.Pattern[str]
    signed: re.Pattern[str]
    other: re.Pattern[str]
    host: re.Pattern[str]
    mediator: re.Pattern[str]
    third_back: re.Pattern[str]
    talks_by: re.Pattern[str]
    host_subject: re.Pattern[str]
    mediator_subject: re.Pattern[str]
    place_before: re.Pattern[str]
    place_cue: re.Pattern[str]
    not_person: re.Pattern[str]
    possessor_only: re.Pattern[str]
    venue: re.Pattern[str]
    in_force: Prefiltered
    in_force_gap: re.Pattern[str]
    immediate: re.Pattern[str]
    time: re.Pattern[str]
    obliged: re.Pattern[str]
    withdrawal: Prefiltered
    handover: Prefiltered
    deadline: re.Pattern[str]
    relative_deadline: re.Pattern[str]
    under: re.Pattern[str]
    prisoners: Prefiltered
    release: re.Pattern[str]
    monitor: re.Pattern[str]
    monitor_verbs: Prefiltered
    monitor_passive: re.Pattern[str]
    deploy: Prefiltered
    guard: Prefiltered
    duration: Prefiltered
    renewal: Prefiltered
    zones: tuple[tuple[str, Prefiltered], ...]
    # terms stated in other words (deadline bases, ceilings, continuations)
    month_end: re.Pattern[str]
    relative_from: re.Pattern[str]
    relative_signing: re.Pattern[str]
    relative_in_force: re.Pattern[str]
    monitor_objects: re.Pattern[str]
    monitor_people: re.Pattern[str]
    monitor_body_subject: re.Pattern[str]
    limit: re.Pattern[str]
    permitted: re.Pattern[str]
    continues: re.Pattern[str]
    strict_obliged: re.Pattern[str]
    # parties and signers named by description
    party_group: re.Pattern[str]
    party_named: re.Pattern[str]
    reported_subject: re.Pattern[str]
    mediator_led: re.Pattern[str]
    members: re.Pattern[str]
    term_duration: re.Pattern[str]
    mediator_led_name: re.Pattern[str]
    party_coalition: re.Pattern[str]
    party_body: re.Pattern[str]
    party_body_generic: re.Pattern[str]
    in_force_not_subject: re.Pattern[str]
    venue_after: re.Pattern[str]
    signing_of: re.Pattern[str]
    for_force: re.Pattern[str]
    owner_of_signers: re.Pattern[str]
    head_of: re.Pattern[str]
    late_between_words: frozenset[str]
    party_body_armed: re.Pattern[str]
    party_body_armed_before: re.Pattern[str]
    apposition: re.Pattern[str]
    name_then_post: re.Pattern[str]
    signing_verb: re.Pattern[str]
    adjunct: re.Pattern[str]
    subject_verb: re.Pattern[str]
    named_subject: re.Pattern[str]
    # lists of terms: the sentence that opens one, and monitoring said in a listed term
    list_intro: re.Pattern[str]
    listed_monitor: re.Pattern[str]
    # who must act, named by a common noun ("the rebels must withdraw", "French troops will
    # leave"): the subject of a term read as the party it stands for
    rebel_subject: re.Pattern[str]
    state_subject: re.Pattern[str]
    # what became of an agreement ("the truce collapsed", "suspended the accords")
    status_before: re.Pattern[str]
    status_after: re.Pattern[str]
    status_negated: re.Pattern[str]
    compound_mediator: re.Pattern[str]
    mediator_post_name: re.Pattern[str]
    mediator_name: re.Pattern[str]
    titled_third_party: re.Pattern[str]
    in_force_from: re.Pattern[str]
    whose_aside: re.Pattern[str]
    relative_mediator: re.Pattern[str]
    extension: re.Pattern[str]
    swap_verb: re.Pattern[str]
    party_alliance: re.Pattern[str]
    mediator_chair_name: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The agreement lexicon, read once on first use (never at import time)."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    groups: list[str] = []
    kinds: list[str] = []
    signed_only: set[str] = set()
    for kind in data["kind"]:
        for noun in kind["nouns"]:
            groups.append(f"(?P<k{len(kinds)}>{noun})")
            kinds.append(kind["class"])
        for noun in kind.get("signed_only", ()):
            groups.append(f"(?P<k{len(kinds)}>{noun})")
            kinds.append("signed:" + kind["class"])
            signed_only.add(kind["class"])
    trigger = prefiltered(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)
    na, reached, third = data["not_agreement"], data["reached"], data["third_parties"]
    terms, force, zones = data["terms"], data["in_force"], data["zones"]
    parties = data["parties"]
    return Cues(
        trigger, tuple(kinds), frozenset(signed_only),
        rx(na["after"]), rx(na["before"]), rx(na["proposed"]),
        rx(reached["before"]), rx(reached["after"]), rx(reached["verbs"]),
        rx(reached["signing_after"]), rx(third["mediator_verbs"]),
        rx(reached["signed"]), rx(reached["other"]),
        rx(third["host"]), rx(third["mediator"]), rx(third["back"]),
        rx(third["talks_by"]), rx(third["host_subject"]), rx(third["mediator_subject"]),
        rx(data["place"]["before"]), rx(data["place"]["cue"]),
        re.compile(data["signers"]["not_person"]), rx(data["signers"]["possessor_only"]),
        rx(data["place"]["venue"]),
        prefiltered(force["cue"], re.IGNORECASE), rx(force["gap"]),
        rx(force["immediate"]), rx(force["time"]),
        rx(terms["obliged"]), prefiltered(terms["withdrawal"], re.IGNORECASE),
        prefiltered(terms["handover"], re.IGNORECASE), rx(terms["deadline"]),
        rx(terms["relative_deadline"]),
        rx(terms["under"]),
        prefiltered(terms["prisoners"], re.IGNORECASE), rx(terms["release"]),
        rx(terms["monitor"]), prefiltered(terms["monitor_verbs"], re.IGNORECASE),
        rx(terms["monitor_passive"]),
        prefiltered(terms["deploy"], re.IGNORECASE), prefiltered(terms["guard"], re.IGNORECASE),
        prefiltered(terms["duration"], re.IGNORECASE),
        prefiltered(terms["renewal"], re.IGNORECASE),
        (("DemilitarisedZone", prefiltered(zones["demilitarised"], re.IGNORECASE)),
         ("Corridor", prefiltered(zones["corridor"], re.IGNORECASE)),
         ("Zone", prefiltered(zones["zone"], re.IGNORECASE))),
        month_end=re.compile(terms["month_end"]), relative_from=rx(terms["relative_from"]),
        relative_signing=rx(terms["relative_signing"]),
        relative_in_force=rx(terms["relative_in_force"]),
        monitor_objects=rx(terms["monitor_objects"]),
        monitor_people=rx(terms["monitor_people"]),
        monitor_body_subject=rx(terms["monitor_body_subject"]),
        limit=rx(terms["limit"]), permitted=rx(terms["permitted"]),
        continues=re.compile(terms["continues"]), strict_obliged=rx(terms["strict_obliged"]),
        # case matters in these: capitals mark names
        party_group=re.compile(parties["group"]),
        party_named=re.compile(parties["named"]),
        reported_subject=rx(parties["reported_subject"]),
        mediator_led=rx(third["mediator_led"]), members=rx(parties["members"]),
        term_duration=rx(terms["term_duration"]),
        mediator_led_name=re.compile(third["mediator_led_name"]),
        party_coalition=re.compile(parties["coalition"]),
        in_force_not_subject=rx(force["not_subject"]),
        venue_after=rx(data["place"]["venue_after"]),
        signing_of=rx(reached["signing_of"]),
        # case matters: capitals mark the demonym and the name before the signer
        for_force=re.compile(parties["for_force"]),
        owner_of_signers=re.compile(parties["owner_of_signers"]), head_of=rx(parties["head_of"]),
        late_between_words=frozenset(parties["late_between_words"]),
        party_body=re.compile(parties["body"]), party_body_armed=re.compile(parties["body_armed"]),
        party_body_generic=re.compile(parties["body_generic"]),
        party_body_armed_before=rx(parties["body_armed_before"]),
        apposition=re.compile(parties["apposition"]),
        name_then_post=re.compile(parties["name_then_post"]),
        signing_verb=rx(parties["signing_verb"]), adjunct=rx(parties["adjunct"]),
        subject_verb=rx(parties["subject_verb"]),
        named_subject=re.compile(third["named_subject"]),
        list_intro=rx(data["lists"]["intro"]), listed_monitor=rx(data["lists"]["monitor"]),
        rebel_subject=re.compile(data["obliged_subject"]["rebels"]),
        state_subject=re.compile(data["obliged_subject"]["state"]),
        status_before=rx(data["status"]["before"]), status_after=rx(data["status"]["after"]),
        status_negated=rx(data["status"]["negated"]),
        compound_mediator=rx(third["compound"]),
        mediator_post_name=re.compile(third["mediator_post_name"]),
        mediator_name=re.compile(third["mediator_name"]),
        titled_third_party=re.compile(third["titled_name"]),
        in_force_from=rx(force["from_time"]),
        whose_aside=rx(parties["whose_aside"]),
        relative_mediator=rx(third["relative_mediator"]),
        extension=rx(terms["extension"]),
        swap_verb=rx(parties["swap_verb"]),
        party_alliance=re.compile(parties["alliance"]),
        mediator_chair_name=re.compile(third["mediator_chair_name"]),
    )


@dataclass
class ProvisionFinding:
    # WithdrawalProvision | HandoverProvision | ZoneProvision | PatrolProvision |
    # DeploymentProvision | PrisonerExchangeProvision | MonitoringProvision
    kind: str
    sentence: Span
    evidence: Span
    deadline: DateMention | None = None
    effective_from: DateMention | None = None
    forces: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # ontology class local names
    places: list[str] = field(default_factory=list)
    handed_to: str | None = None
    personnel: QuantityMention | None = None
    duration: str | None = None  # xsd:duration
    at_least: bool = False
    quantity: QuantityMention | None = None  # a ceiling it sets ("no more than 700")


@dataclass
class ZoneFinding:
    kind: str  # DemilitarisedZone | Corridor | Zone
    evidence: list[Span]
    location: str | None = None
    width: QuantityMention | None = None
    patrolled_by: list[str] = field(default_factory=list)
    effective_from: DateMention | None = None


@dataclass
class AgreementFinding:
    kind: str  # Agreement | CoordinationMechanism
    trigger: Span
    sentence: Span
    parties: list[str]
    party_refs: list[Ref]
    evidence: list[tuple[Span, Span]] = field(default_factory=list)
    date: DateMention | None = None
    place: str | None = None
    talks: EventFinding | None = None
    zone: ZoneFinding | None = None
    provisions: list[ProvisionFinding] = field(default_factory=list)
    period_start: DateMention | None = None
    purpose: str | None = None
    place_name: str | None = None
    classes: list[str] = field(default_factory=list)  # more specific kinds (Ceasefire…)
    signatories: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    effective_from: DateMention | None = None
    effective_time: str | None = None  # hh:mm, local as written
    duration: str | None = None
    renewable: bool = False
    applies_to: list[str] = field(default_factory=list)  # places it is about
    # what became of it as reported (ck:status): "cancelled" (collapsed, a party pulled
    # out, scrapped) or "suspended" (frozen for now); see [status] in agreement-cues.toml
    status: str | None = None
    # the day belongs in its IRI: another agreement of the same parties was signed on
    # another day of the same month (see AgreementFinder.written)
    day_in_iri: bool = False

    @property
    def written(self) -> bool:
        """Every agreement found becomes a node; see :attr:`named_parties` for its parties."""
        return True

    @property
    def named_parties(self) -> list[str]:
        """The parties written: two or more, or none. A lone party found is more often a
        broker or host read as one than a party (and one side does not agree with
        itself), so an agreement with fewer than two is written without parties: its
        kind, date, place, signatories and terms are still known."""
        return self.parties if len(set(self.parties)) >= 2 else []


@dataclass
class _Mention:
    trigger: Span
    cls: str
    reached: bool
    definite: bool
    other: bool
    parties: list[Ref]
    signatories: list[Ref]
    same: bool = False  # "the same document": the current agreement, whoever signs it
    dated: bool = True  # its context dates the signing (not only "took effect")
    brokers: list[Ref] = field(default_factory=list)  # "China brokered a truce": mediators
    status: str | None = None  # "the truce collapsed": what became of it
    # "A and B agreed on Wednesday to ..., under a deal": the day of the parties' verb
    verb_date: DateMention | None = None


class AgreementFinder:
    def __init__(self, finder: EntityFinder, dateline_place: str | None = None,
                 dateline_town: tuple[Span, str | None] | None = None) -> None:
        self.finder = finder
        # the dateline's first place and the state it names after it ("SHARM EL-SHEIKH,
        # Egypt"): the town of "in the Egyptian resort" when no town is named
        self.dateline_town = dateline_town
        # the one known place of the dateline: where a signing "at the National Palace"
        # with no town named took place
        self.dateline_place = dateline_place
        self.agreements: list[AgreementFinding] = []
        self._current: AgreementFinding | None = None
        self._last_index = -10
        self._index = 0
        self._terms_index = -10  # the last sentence of a run of terms ("Under the deal, ...")
        self._list_open = False  # the last sentence opened a list of terms ("Among its terms:")
        self._listed = False  # the sentence being read is an item of such a list
        # the last agreement a mention of the sentence being read names
        self._named_here: AgreementFinding | None = None
        # the index of the last sentence that named each agreement (by id)
        self._named_at: dict[int, int] = {}

    def sentence(self, s: Sentence, events: list[EventFinding], lead: EventFinding | None) -> None:
        """One sentence; a list of terms in it ("Under its terms:" then bulleted items) is
        read item by item, each item a term of the current agreement with its obligation
        implied by the list (see ``_listed``)."""
        parts = _list_parts(s)
        if parts is None:
            self._one_sentence(s, events, lead)
            self._list_open = self._opens_list(s.span.text)
            return
        intro, items = parts
        if intro is not None:
            self._one_sentence(intro, events, lead)
            self._list_open = self._opens_list(intro.span.text)
        listed = self._list_open
        for item in items:
            self._listed = listed
            try:
                self._one_sentence(item, events, lead)
            finally:
                self._listed = False
        self._list_open = False

    def _opens_list(self, text: str) -> bool:
        """'Among its provisions:', 'The agreement commits both sides to:', 'What the deal
        provided:': a sentence ending in a colon that is about the current agreement."""
        return self._current is not None and self._current.kind == "Agreement" and \
            text.rstrip().endswith(":") and bool(cues().list_intro.search(text))

    def _one_sentence(self, s: Sentence, events: list[EventFinding],
                      lead: EventFinding | None) -> None:
        self._index += 1
        previous = self._current
        touched = self._triggers(s, lead)
        if previous is not None and self._current is not previous and \
                self._current is not None and not self._current.parties and \
                cues().continues.match(s.span.text):
            # "They agreed to ... revive a pact signed in 2001": the older pact is named
            # inside a term of the current agreement, which stays current
            self._current = previous
        current = self._current
        if current is None:
            return
        recent = self._index - self._last_index <= 3
        if not touched and not (recent or self._listed or _BACK_REFERENCE.search(s.span.text)):
            return
        close = touched or self._index - self._last_index <= 1 or bool(
            _BACK_REFERENCE.search(s.span.text))
        # a run of terms: "Under the deal, A will ... . All combatants will receive an
        # amnesty. The rebels are to disarm ...": a sentence with an obligation of its own
        # within two sentences of the run's last one goes on with it
        chained = not touched and self._index - self._terms_index <= 2 and bool(
            cues().strict_obliged.search(s.span.text)) and not _REPORTING.search(s.span.text) \
            and not _NOT_TERM_SUBJECT.match(s.span.text)
        chained = chained or self._listed
        close = close or chained
        if cues().under.match(s.span.text) or (close and cues().continues.match(s.span.text)) \
                or chained:
            self._terms_index = self._index
        related = touched
        if close:
            # the signers of a sentence that names an agreement in the background ("Three
            # months earlier, X and Y signed the Z Declaration") signed that one
            named = self._named_here
            related |= self._signing(s, named if named is not None and named.date is not None
                                     and _background(named, current) else current)
        related |= self._in_force(s, current)
        related |= self._zone(s, current)
        if not self._foreign_plan(s, current):
            related |= self._provisions(s, current, close, chained)
        if self._listed:
            related |= self._term_length(s, current)
        related |= self._talks(s, current, events)
        if not touched and (cues().third_back.search(s.span.text)
                            or cues().talks_by.search(s.span.text)
                            or cues().named_subject.search(s.span.text)
                            or self._subject_third_parties(s)):
            # "It was brokered by X", "after talks hosted by Y", "Qatar, which hosted the
            # talks": the current agreement's mediator or host
            self._third_parties(s, current)
            self._named_third_parties(s, current)
        if related:
            self._last_index = self._index
        if touched or related:
            self._mark_days()

    def _foreign_plan(self, s: Sentence, agreement: AgreementFinding) -> bool:
        """'Under the UN plan, the federal army would then leave': a plan named after a body
        that is no party of the current agreement is that body's plan, not its terms."""
        under = cues().under.match(s.span.text)
        if under is None or not re.search(r"\bplan\s*,\s*$", under.group(), re.IGNORECASE):
            return False
        third = {*agreement.parties, *agreement.mediators, *agreement.hosts}
        return any(s.start <= r.start and r.end <= s.start + under.end() and
                   r.entity not in third and self.finder.state_of(r.entity) not in third
                   for r in s.agents(self.finder))

    def _signing(self, s: Sentence, agreement: AgreementFinding) -> bool:
        """Signers and parties the sentence's clauses state ("X signed for A, Y for B",
        "A and B, the C leader, put their names to it", "The accord binds A and B to"):
        see signing.py.  Hosts and mediators stay out."""
        found = read_signing(self.finder, s, cues().proposed)
        parties = list(found.parties)
        for m in cues().trigger.finditer(s.span.text):
            parties += bound_parties(self.finder, s, s.start + m.end())
        third = {*agreement.mediators, *agreement.hosts}
        changed = False
        for body, signer in self._whose_signers(s):
            # "the X Union, whose chairman, General Y, signed on behalf of ...": the body
            # signs through its leader (a "whose" aside that signs nothing names no party)
            if body.entity not in agreement.parties and body.entity not in third:
                agreement.parties.append(body.entity)
                agreement.party_refs.append(body)
                changed = True
            if signer is not None and signer.entity not in agreement.signatories and \
                    signer.entity not in third:
                agreement.signatories.append(signer.entity)
                changed = True
        if found.signatories and agreement.date is None:
            agreement.date = _week_as_month_or_none(signing_day(s, found))
        for ref in found.signatories:
            if ref.entity not in agreement.signatories and ref.entity not in third:
                agreement.signatories.append(ref.entity)
                changed = True
        for ref in parties:
            if ref.entity not in agreement.parties and ref.entity not in third:
                agreement.parties.append(ref.entity)
                agreement.party_refs.append(ref)
                changed = True
        return changed

    def _whose_signers(self, s: Sentence) -> list[tuple[Ref, Ref | None]]:
        """'X, whose chairman, Y, signed on behalf of ...': the body X (no place, no person)
        and its leader Y (when a person is named there)."""
        found: list[tuple[Ref, Ref | None]] = []
        for m in _WHOSE_SIGNER.finditer(s.span.text):
            lo = s.start + m.start()
            body = next((r for r in s.agents(self.finder) if r.end == lo), None)
            if body is None or self.finder.is_a(body.entity, "Place") or \
                    self.finder.is_a(body.entity, "Person"):
                continue
            signer = next((r for r in s.refs if self.finder.is_a(r.entity, "Person") and
                           s.start + m.start("name") <= r.start and
                           r.end <= s.start + m.end("name")), None)
            found.append((body, signer))
        return found

    @property
    def written(self) -> list[AgreementFinding]:
        return [a for a in self.agreements if a.written]

    def _mark_days(self) -> None:
        """Two agreements of the same parties signed on different days of one month are
        two agreements: their IRIs carry the day (kept up to date after each sentence)."""
        found = self.written
        months: dict[tuple[frozenset[str], int, int], list[AgreementFinding]] = {}
        for a in found:
            if a.kind == "Agreement" and a.date is not None:
                key = (frozenset(a.parties), a.date.value.year, a.date.value.month)
                months.setdefault(key, []).append(a)
        for group in months.values():
            days = {a.date.value for a in group if a.date is not None and
                    a.date.precision == "day"}
            for a in group:
                a.day_in_iri = len(days) > 1

    # --- agreements themselves ------------------------------------------------

    def _triggers(self, s: Sentence, lead: EventFinding | None) -> bool:
        self._named_here = None
        touched = self._mechanisms(s, lead)
        c = cues()
        text = s.span.text
        for m in c.trigger.finditer(text):
            mention = self._mention(s, m)
            if mention is None:
                continue
            agreement = self._target(s, mention)
            if agreement is None:
                continue
            self._update(s, agreement, mention, lead)
            if not _background(agreement, self._current):
                self._current = agreement
            self._named_here = agreement
            self._named_at[id(agreement)] = self._index
            self._last_index = self._index
            touched = True
        return touched

    def _mention(self, s: Sentence, m: re.Match[str]) -> _Mention | None:
        c = cues()
        text = s.span.text
        group = next(g for g, v in m.groupdict().items() if v is not None)
        cls = c.kinds[int(group[1:])]
        before, after = text[:m.start()], text[m.end():]
        if c.not_after.match(after) or c.not_before.search(before[-24:]):
            return None
        clause = clause_before(before)
        if c.proposed.search(clause):
            return None
        reached_before = c.reached_before.search(clause[-80:]) or c.reached_before.search(
            # "signed, at the centre on the Avenue Kléber, an agreement": the aside read out
            re.sub(r"\s{2,}", " ", clause_before(blank_asides(text)[:m.start()]))[-80:])
        if reached_before is None and cls == "JointStatement":
            # "A and B issued a joint statement": issuing it together is reaching it
            reached_before = _ISSUED_JOINTLY.search(clause[-40:])
        reached_after = c.reached_after.match(after) or _reached_after_aside(text, m.end())
        reached = bool(reached_before or reached_after)
        # "a ceasefire came into force on Tuesday": reached, but Tuesday is no signing date
        dated = bool((reached_before and not _TERMS_OF.match(reached_before.group()))
                     or (reached_after and c.signing_after.search(reached_after.group())))
        if not dated and self._relative_signers(s, s.local(m), [
                r for r in s.agents(self.finder) if r.start >= s.start + m.end()]):
            dated = True  # "accords that A and B signed at X late on Sunday"
        if _TEMPORAL_CLAUSE.search(before[-40:]):
            # "X came into force on Friday, a month after the accord was signed": the
            # sentence's date is the main clause's
            dated = False
        other = bool(c.other.search(before[-40:]))
        if _EARLIER_CLAUSE.search(clause[-90:]):
            # "signed a peace deal on Sunday, two months after they signed a declaration in
            # Asmara": another, earlier (or later) agreement, dated only by a date of its own
            # right after it
            other = True
            dated = dated and any(
                s.start + m.end() <= d.span.start <= s.start + m.end() + 60 and
                not re.search(r"[,;]", s.text_between(s.start + m.end(), d.span.start))
                for d in s.dates)
        if reached_before and _RENEWED.search(reached_before.group()):
            # "agreed to extend the truce": the day of the extension, not of the signing
            dated = False
        if cls.startswith("signed:"):
            # "the statement was signed", "signed a statement": a bare statement only then
            # ("agreed on the text": reached, though no one is said to have signed)
            if not c.signed.search(before[-60:]) and \
                    not re.search(r"\bagreed\s+on\s+(?:the|a|an|this|that)\s+$", before[-40:]) \
                    and not re.match(r"^\s+(?:(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+)?)?"
                                     r"(?:signed|inked|initial(?:l)?ed|sealed|concluded)\b",
                                     blank_asides(text)[m.end():], re.IGNORECASE) \
                    and not re.match(r"^,\s+(?:signed|inked|initial(?:l)?ed|sealed)\s+"
                                     r"(?:at|in|on)\b", text[m.end():]):
                # ("The document, signed at a hotel on the island, ...": the participle aside)
                return None
            cls, reached, dated = cls.split(":", 1)[1], True, True
        trigger = s.local(m)
        parties, signatories, brokers = self._parties(s, trigger)
        verb_date = None
        if not dated and len(parties) >= 2 and c.adjunct.search(before):
            # "A and B agreed on Wednesday to halt the fighting in X, ..., under a deal": the
            # noun is an adjunct of the parties' clause, dated by its verb
            verb_date = next((d for d in s.dates if d.span.end <= trigger.start and
                              _VERB_ON.search(s.text_between(max(s.start, d.span.start - 30),
                                                             d.span.start))), None)
            dated = verb_date is not None
        status, leaver = self._status(s, m)
        if status is not None:
            # "Armenia suspended its accords with Turkey", "the truce collapsed": the
            # agreement existed; the day of the verb is no signing day
            if not reached:
                dated = False
            reached = True
            if leaver is not None and leaver.entity not in {r.entity for r in parties}:
                parties = [leaver, *parties]
        return _Mention(trigger, cls, reached, bool(_DEFINITE.search(before[-40:])),
                        other, parties, signatories,
                        bool(_SAME.search(before[-12:])), dated, brokers, status,
                        _week_as_month_or_none(verb_date))

    def _status(self, s: Sentence, m: re.Match[str]) -> tuple[str | None, Ref | None]:
        """What became of the agreement a noun names, from a verb right before it in its
        clause ("Moscow pulled out of the deal": cancelled, and Moscow's state is a party;
        "suspended the ratification of its accords": suspended) or right after it ("the
        truce collapsed"); a negated or modal verb ("would not pull out of") says nothing."""
        c = cues()
        text = blank_asides(s.span.text)
        before = text[:m.start()]
        found = c.status_before.search(before[-90:])
        start = len(before) - len(before[-90:]) + found.start() if found else 0
        if found is None:
            found = c.status_after.match(text[m.end():])
            start = m.end()
        if found is None or c.status_negated.search(text[:start][-40:]):
            return None, None
        status = "cancelled" if found.group("cancelled") else "suspended"
        if start >= m.start():
            return status, None
        # the subject right before the verb is the party that left or froze it
        # (or of the report whose "it" or "they" is the subject: "X said on Friday it was
        # pulling out of the treaty")
        ref = s.agent_before(self.finder, s.start + start, window=80)
        if ref is None or not _STATUS_SUBJECT_GAP.fullmatch(
                s.text_between(ref.end, s.start + start)):
            return status, None
        return status, ref

    def _target(self, s: Sentence, mention: _Mention) -> AgreementFinding | None:
        """The agreement a mention is about: one already found, a new one, or none."""
        states = self._states(mention.parties)
        current = self._current
        if mention.same and current is not None and current.kind == "Agreement":
            return current
        if mention.definite and not mention.parties and current is not None and \
                mention.cls != "Agreement" and current.classes and \
                mention.cls not in current.classes:
            # "The accord replaces a truce that the two sides signed in 2002. That truce
            # collapsed": a definite noun of the kind of an agreement named in the last
            # sentences (kept in the background), not of the current one's, is that one
            recent = next((a for a in reversed(self.agreements) if a is not current and
                           a.kind == "Agreement" and mention.cls in a.classes), None)
            if recent is not None and \
                    self._index - self._named_at.get(id(recent), -10) <= 2:
                return recent
        if mention.definite and not mention.other and current is not None and \
                current.kind == "Agreement" and current.date is not None and \
                _INITIALLED_AFTER.match(s.text_between(mention.trigger.end, s.span.end)):
            # "The document had been initialled in Khartoum on Tuesday": the agreement found,
            # initialled before it was signed (that day and place are not its signing's)
            mention.dated = False
            return current
        if mention.definite and mention.other and not (mention.reached and mention.dated) and \
                not mention.parties and current is not None \
                and current.kind == "Agreement" and _THE_NEW.search(s.text_between(
                    max(s.start, mention.trigger.start - 30), mention.trigger.start)) and \
                current.date is not None and all(
                    a is current or a.date is None or _period_end(a.date) < current.date.value
                    for a in self.agreements):
            # "A previous accord ... collapsed. Under the new agreement, the rebels are to
            # gather": "the new" one is the latest signed, the current agreement
            return current
        owner = self._possessive_date(s, mention)
        if owner is not None:
            # "Tuesday's deal", "the June 18 agreement": the one signed that day
            for agreement in reversed(self.agreements):
                if agreement.date is not None and agreement.date.value == owner.value:
                    return agreement
        if mention.definite and not mention.other and current is not None and \
                current.kind == "Agreement" and len(set(current.parties)) < 2 and \
                self._index - self._last_index <= 1 and not self._other_name(s, mention, current) \
                and _compatible(current.date, self._signing_date(s, mention)
                                if mention.reached and mention.dated else None):
            # "Negotiators for the rebels and the government of A put their names to a peace
            # agreement. The signing of the accord by X and the commanders of B ...": the
            # definite mention in the next sentence names the side the first one left out
            return current
        if not mention.reached and not states:
            # a bare reference: the current agreement, if the words say it is the same
            if mention.definite and not mention.other and current is not None \
                    and current.kind == "Agreement" and not self._other_name(s, mention,
                                                                             current):
                return current
            return None
        date = self._signing_date(s, mention) if mention.reached and mention.dated else None
        if not mention.other:
            for agreement in reversed(self.agreements):
                if agreement.kind == "Agreement" and states and \
                        set(states) & set(agreement.parties) and \
                        _compatible(agreement.date, date) and not _long_before(agreement, date) \
                        and not _another_kind(agreement, mention, states):
                    return agreement
            if current is not None and current.kind == "Agreement" and \
                    _compatible(current.date, date) and not (
                        _long_before(current, date) and not _ratified_later(current, mention)) \
                    and (
                        not current.parties or not states or set(states) & set(current.parties)) \
                    and not _another_kind(current, mention, states):
                close = self._index - self._last_index <= 2
                if mention.definite or (close and not states):
                    return current
        if not mention.parties and not mention.definite and not mention.other and \
                not mention.dated and current is not None and current.kind == "Agreement" and \
                len(set(current.parties)) >= 2 and any(
                    b.start() != mention.trigger.start - s.start
                    for b in _BACK_REFERENCE.finditer(s.span.text)):
            # "A ceasefire takes effect on the day the accord enters into force": a part of
            # the current agreement, named beside it, is no agreement of its own
            return current
        agreement = AgreementFinding("Agreement", mention.trigger, s.span, [], [])
        self.agreements.append(agreement)
        return agreement

    def _other_name(self, s: Sentence, mention: _Mention, current: AgreementFinding) -> bool:
        """'the nuclear Non-Proliferation Treaty' named while a memorandum is current: a
        capitalised name of another kind than the current agreement's is another one."""
        name = _AGREEMENT_NAME.search(s.text_between(max(s.start, mention.trigger.start - 40),
                                                     mention.trigger.end))
        return bool(name is not None and mention.trigger.text[:1].isupper()
                    and mention.cls != "Agreement" and current.classes
                    and mention.cls not in current.classes)

    def _named_year(self, s: Sentence, mention: _Mention) -> DateMention | None:
        """The year right before the noun that names the agreement ("the 1994 truce", "a
        separate 1988 accord", "the 1995 Dayton accords"), unless it is part of a date."""
        m = _YEAR_NAMES.search(s.text_between(max(s.start, mention.trigger.start - 50),
                                              mention.trigger.start))
        if m is None:
            return None
        start = mention.trigger.start - (len(s.text_between(
            max(s.start, mention.trigger.start - 50), mention.trigger.start)) - m.start("y"))
        if any(d.span.start <= start < d.span.end for d in s.dates):
            return None
        return DateMention(s.slice(start, start + 4), dt.date(int(m["y"]), 1, 1), "year", False)

    def _possessive_date(self, s: Sentence, mention: _Mention) -> DateMention | None:
        """The date that names the agreement right before its noun ("Tuesday's deal")."""
        for d in s.dates:
            gap = s.text_between(d.span.end, mention.trigger.start)
            if d.span.end <= mention.trigger.start and _DATE_OWNS.fullmatch(gap):
                return d
        return None

    def _update(self, s: Sentence, agreement: AgreementFinding, mention: _Mention,
                lead: EventFinding | None) -> None:
        agreement.evidence.append((mention.trigger, s.span))
        if mention.status is not None:
            agreement.status = mention.status
        if mention.cls != "Agreement" and mention.cls not in agreement.classes:
            agreement.classes.append(mention.cls)
        for state, ref in zip(self._states(mention.parties), mention.parties, strict=False):
            if state not in agreement.parties:
                agreement.parties.append(state)
                agreement.party_refs.append(ref)
        for ref in mention.signatories:
            if ref.entity not in agreement.signatories:
                agreement.signatories.append(ref.entity)
        self._inherit_parties(s, agreement, mention)
        self._third_parties(s, agreement)
        if cues().mediator_post_name.search(s.span.text) or \
                cues().titled_third_party.search(s.span.text) or \
                cues().mediator_name.search(s.span.text) or \
                cues().named_subject.search(s.span.text):
            # "talks mediated by southern Sudan's vice-president, X Y": a person no rule knows
            self._named_third_parties(s, agreement)
        for ref in mention.brokers:
            if ref.entity not in agreement.mediators and ref.entity not in agreement.parties:
                agreement.mediators.append(ref.entity)
        compound = cues().compound_mediator.search(
            s.text_between(max(s.start, mention.trigger.start - 40), mention.trigger.start))
        if compound is not None:
            # "the US-brokered truce": the name before the hyphen brokered it
            window = s.text_between(max(s.start, mention.trigger.start - 40),
                                    mention.trigger.start)
            hyphen = mention.trigger.start - (len(window) - compound.start())
            broker = next((r for r in s.agents(self.finder) if r.end == hyphen), None)
            if broker is not None and broker.entity not in agreement.mediators and \
                    broker.entity not in agreement.parties:
                agreement.mediators.append(broker.entity)
        relative = cues().relative_mediator.match(s.span.text, mention.trigger.end - s.start)
        if relative is not None:
            # "The truce, which Qatar mediated together with Egypt, was agreed": mediators
            spans = [(s.start + relative.start(g), s.start + relative.end(g))
                     for g in ("who", "with") if relative[g]]
            for ref in s.agents(self.finder):
                if any(lo <= ref.start and ref.end <= hi for lo, hi in spans) and \
                        not self.finder.is_a(ref.entity, "Place") and \
                        ref.entity not in agreement.mediators and \
                        ref.entity not in agreement.parties:
                    agreement.mediators.append(ref.entity)
        named_year = self._named_year(s, mention)
        if named_year is not None and agreement.date is None and (mention.reached or
                                                                  mention.parties):
            # "a separate 1988 accord signed in New York", "the 1995 Dayton accords": the year
            # that names it is its signing year (no other date of the sentence is)
            agreement.date = named_year
        if mention.reached or mention.parties:
            if agreement.date is None and mention.dated:
                previous = self._current
                if re.search(r"\bthe\s+same\s+day\b", s.span.text) and mention.other and \
                        previous is not None \
                        and previous is not agreement and previous.date is not None:
                    # "A separate memorandum ... signed the same day": the day of the
                    # agreement just described
                    agreement.date = previous.date
                elif _SAME_DAY.search(s.span.text) and lead is not None and \
                        lead.date is not None:
                    agreement.date = _week_as_month_or_none(lead.date)
                else:
                    agreement.date = mention.verb_date or self._signing_date(s, mention)
            elif agreement.date is not None and agreement.date.precision in ("week", "month") \
                    and mention.dated:
                # "the accord reached last week" ... "agreed on the text on December 13": the
                # day refines the week or month it falls in
                day = self._signing_date(s, mention)
                if day is not None and day.precision == "day" and (
                        abs((day.value - agreement.date.value).days) <= 7
                        if agreement.date.precision == "week" else
                        (day.value.year, day.value.month) == (agreement.date.value.year,
                                                              agreement.date.value.month)):
                    agreement.date = day
            if agreement.place is None:
                agreement.place = self._place(s, mention.trigger, mention.cls)
            else:
                # "clinched a deal in Burkina Faso ... struck the deal in Ouagadougou": the
                # country's capital refines the country (its territory)
                country = next((st for st, land in self.finder.kb.territory.items()
                                if land == agreement.place), agreement.place)
                capital = self.finder.kb.capitals.get(country)
                if capital is not None and capital != agreement.place and \
                        self._place(s, mention.trigger, mention.cls) == capital:
                    agreement.place = capital
            if agreement.place is None:
                agreement.place = self._bare_capital(s, agreement)
            if agreement.place is None and mention.dated and self.dateline_place is not None \
                    and self._venue_only(s, mention.trigger):
                # "was signed at the National Palace by ..." in a story datelined GUATEMALA
                # CITY: the venue is in the dateline's city
                agreement.place = self.dateline_place
            if mention.cls == "Ceasefire" and " " not in mention.trigger.text.strip():
                # "a ceasefire in eastern Congo" (not "a ceasefire agreement in Doha")
                where = self._place_after(s, mention.trigger) if _APPLIES_GAP.match(
                    s.text_between(mention.trigger.end, s.span.end)) else None
                if where is not None and where not in agreement.applies_to and \
                        where != agreement.place:
                    agreement.applies_to.append(where)
            self._duration(s, agreement, mention.trigger)
        elif mention.definite and not mention.other and _SUBJECT_START.match(
                s.text_between(s.start, mention.trigger.start)):
            # "The treaty runs for ten years and can be extended": said of the agreement
            self._duration(s, agreement, mention.trigger)

    def _inherit_parties(self, s: Sentence, agreement: AgreementFinding,
                         mention: _Mention) -> None:
        """Another agreement of the same sides: "signed ... by both sides", or signed by
        the same people who signed the current one ("a truce that X and Y sealed on August
        22"), or "a ceasefire they reached in July" has the current agreement's parties."""
        previous = next((a for a in reversed(self.agreements)
                         if a is not agreement and len(set(a.parties)) >= 2), None)
        if previous is None or not set(agreement.parties) < set(previous.parties):
            return
        signers = {r.entity for r in mention.signatories}
        they = _THEY_REACHED.match(s.span.text[mention.trigger.end - s.start:])
        if ((_BOTH_SIDES.search(s.span.text) or they) and not agreement.parties) or (
                len(signers) >= 2 and signers <= set(previous.signatories)):
            for party, ref in zip(previous.parties, previous.party_refs, strict=False):
                if party not in agreement.parties:
                    agreement.parties.append(party)
                    agreement.party_refs.append(ref)

    def _states(self, refs: list[Ref]) -> list[str]:
        return _unique([self.finder.state_of(r.entity) or r.entity for r in refs])

    def _party_candidates(self, s: Sentence) -> list[Ref]:
        """Agents that could be parties: no place, no modifier use, no host or mediator."""
        c = cues()
        found: list[Ref] = []
        # states the sentence names other than as the venue ("talks in Switzerland")
        states_named = {self.finder.state_of(r.entity) for r in s.refs
                        if r.how != "anaphora" and not _VENUE_BEFORE.search(
                            s.text_between(max(s.start, r.start - 40), r.start))} - {None}
        described = self._described_groups(s)
        bodies = [b for b in described if b.how.startswith("body")]
        asides = [(s.start + m.start(), s.start + m.end())
                  for m in c.whose_aside.finditer(s.span.text)]
        for r in sorted([*s.agents(self.finder), *described], key=lambda r: r.start):
            if self.finder.is_a(r.entity, "Place"):
                continue
            if any(b <= r.start and r.end <= e for b, e in asides):
                continue  # "X, whose country chairs the Y bloc, announced the deal"
            if asides and self._third_party_subject(s, r) is not None:
                # "X, whose president chairs the Y bloc, hosted the talks and announced the
                # agreement": the host announced it, it did not agree
                continue
            if not r.how.startswith("body") and any(
                    b.start <= r.start and r.end <= b.end for b in bodies):
                continue  # "Sudan" inside "the Sudan People's Liberation Movement"
            if r.how == "anaphora" and states_named - {self.finder.state_of(r.entity)}:
                # "a truce between the government and the Houthis" in a sentence about
                # Yemen: "the government" read back to another state is no party
                continue
            after = s.text_between(r.end, min(s.span.end, r.end + 16))
            before = s.text_between(max(s.start, r.start - 40), r.start)
            if _MODIFIER_AFTER.match(after) and not (
                    # "the X rebel movement": a movement's own name, not a state's
                    re.match(r"\s+(?:rebels?|insurgents?|guerrillas?|militants?|separatists?)"
                             r"(?:\s+(?:movement|group|alliance|front|militia|organi[sz]ation))?\b",
                             after) and (r.how == "described" or (
                        r.how not in ("demonym", "metonym") and
                        not self.finder.is_a(r.entity, "State") and
                        self.finder.is_a(r.entity, "Organisation")))):
                continue
            if r.how == "metonym" and _LOCATIVE_BEFORE.search(before):
                continue
            if c.host.search(before) or c.mediator.search(before):
                continue
            if found and re.fullmatch(r"\s*\(\s*", s.text_between(found[-1].end, r.start)) and \
                    re.fullmatch(r"[A-Z][A-Z0-9-]{1,9}", r.span.text):
                if found[-1].how.startswith("body") and not r.how.startswith("body") and \
                        r.entity in self.finder.kb.classes:
                    # "the Union for Peace in Central Africa (UPC)": the abbreviation the
                    # reference data knows names the body
                    found[-1] = Ref(s.slice(found[-1].start, r.end), r.entity, r.how, r.state)
                continue  # "the X Liberation Front (XLF)": one party, named twice
            found.append(r)
        return found

    def _described_groups(self, s: Sentence) -> list[Ref]:
        """'the Maoist rebels', 'Tamil guerrillas': a movement no other rule knows, named by
        a capitalised word (no demonym, no known name) and a fighters' noun.  Its IRI is
        made now and the entity minted only when it becomes a party (see _parties)."""
        found = []
        for m in cues().party_group.finditer(s.span.text):
            begin, end = s.start + m.start("name"), s.start + m.end("noun")
            word = m["name"]
            if m["kind"]:
                end = s.start + m.end("name")  # "the Xland rebel movement": Xland
            if any(r.start < end and begin < r.end for r in s.refs) or any(
                    w.casefold() in self.finder.kb.demonyms or
                    label_key(w) in self.finder.kb.names or w in NOT_NAMES
                    for w in [word, *word.split()]):
                continue
            name = word if m["kind"] else f"{word} {m['noun']}"
            found.append(Ref(s.slice(begin, end), resource(self.finder.ns, "armed-group", name),
                             "described"))
        for m in cues().party_named.finditer(s.span.text):
            # "the former rebel movement Renamo": an unknown name after its description
            begin, end = s.start + m.start("name"), s.start + m.end("name")
            # a name read elsewhere as a place ("at X's base in Y") is the movement here
            if any(r.start < end and begin < r.end and not self.finder.is_a(r.entity, "Place")
                   for r in s.refs) or \
                    m["name"] in NOT_NAMES or label_key(m["name"]) in self.finder.kb.names:
                continue
            # the reference spans the description, so "A and the rebel movement X" coordinates
            found.append(Ref(s.slice(s.start + m.start(), end),
                             resource(self.finder.ns, "armed-group", m["name"]), "named"))
        for m in cues().party_coalition.finditer(s.span.text):
            # "the Saudi-led coalition": the leader must be a state or its demonym
            leader = m["leader"]
            if leader.casefold() not in self.finder.kb.demonyms and not (
                    label_key(leader) in self.finder.kb.names and self.finder.is_a(
                        self.finder.kb.names[label_key(leader)], "State")):
                continue
            begin, end = s.start + m.start(), s.start + m.end()
            if any(r.start < end and begin < r.end and r.end > s.start + m.end("leader")
                   for r in s.refs):
                continue  # a name the reference data knows
            name = f"{leader}-led {m['noun']}"
            found.append(Ref(s.slice(begin, end), resource(self.finder.ns, "organisation", name),
                             "coalition"))
        for m in cues().party_alliance.finditer(s.span.text):
            # "an armistice with the Allies", "for the Allied powers": one body
            begin, end = s.start + m.start("name"), s.start + m.end("name")
            if any(r.start < end and begin < r.end for r in [*s.refs, *found]):
                continue
            name = _ALLIANCE_NAMES.get(m["name"].split()[0], m["name"])
            found.append(Ref(s.slice(begin, end), resource(self.finder.ns, "organisation", name),
                             "alliance"))
        found += self._named_bodies(s, found)
        return found

    def _named_bodies(self, s: Sentence, found: list[Ref]) -> list[Ref]:
        """'the southern rebel Sudan People's Liberation Movement': a body no other rule
        knows, named by capitalised words and a head noun ("Movement", "Front", "Army"…).
        A known name inside it ("Sudan") is left to _party_candidates to drop; a name made
        only of demonyms and known names ("the Sudanese Army") is no body of its own."""
        c, kb = cues(), self.finder.kb
        bodies = []
        for m in c.party_body.finditer(s.span.text):
            name, begin = m["name"], s.start + m.start("name")
            head_end = s.start + m.end("head")
            if m["tail"] and any(r.start <= begin and head_end <= r.end and r.entity in kb.classes
                                 for r in s.refs):
                # "the European Union in Brussels": a known name, then a place
                name = s.text_between(begin, head_end)
            while (first := name.split(" ", 1))[0] in NOT_NAMES and len(first) > 1:
                begin += len(first[0]) + 1
                name = first[1]
            end = begin + len(name)
            # the words beside the head noun ("Malaita Eagle", "for the Liberation of Congo")
            words = [w for w in s.text_between(begin, head_end).split()[:-1] +
                     s.text_between(head_end, end).split() if not w.islower()]
            if m["head"].startswith("Force") and all(c.party_body_generic.match(w)
                                                     for w in words):
                continue  # "the Ukrainian Air Force": a state's service
            if not words or label_key(name) in kb.names or any(
                    r.start <= begin and end <= r.end for r in s.refs) or any(
                    b.start < end and begin < b.end for b in found) or all(
                    w.casefold() in kb.demonyms or label_key(w) in kb.names or w.islower()
                    for w in words):
                continue
            armed = bool(c.party_body_armed.search(name) or c.party_body_armed_before.search(
                s.text_between(max(s.start, begin - 40), begin)))
            kind = "armed-group" if armed else "organisation"
            bodies.append(Ref(s.slice(begin, end), resource(self.finder.ns, kind, name),
                              "body-armed" if armed else "body"))
        return bodies

    def _parties(self, s: Sentence, trigger: Span) -> tuple[list[Ref], list[Ref], list[Ref]]:
        parties, signatories, brokers = self._found_parties(s, trigger)
        described = self._described_signers(s, trigger)
        for ref in described[0]:
            if ref.entity not in {p.entity for p in parties}:
                parties.append(ref)
        signatories = _unique_refs(signatories + described[1])
        for ref in parties:
            if ref.how == "described":  # a movement named by description: made now
                self.finder.mint("armed-group", ref.span.text.removeprefix("the ").strip(),
                                 ("NonStateArmedGroup", "Organisation", "Agent"), ref.span)
            elif ref.how == "named":  # "the rebel movement X": X made now
                name = cues().party_named.search(ref.span.text)
                if name is not None:
                    self.finder.mint("armed-group", name["name"],
                                     ("NonStateArmedGroup", "Organisation", "Agent"),
                                     s.slice(ref.start + name.start("name"),
                                             ref.start + name.end("name")))
            elif ref.how == "alliance":  # "the Allies": made now, one name for all its names
                self.finder.mint("organisation",
                                 _ALLIANCE_NAMES.get(ref.span.text.split()[0], ref.span.text),
                                 ("Organisation", "Agent"), ref.span)
            elif ref.how == "coalition":  # "the Saudi-led coalition": made now
                self.finder.mint("organisation", ref.span.text, ("Organisation", "Agent"),
                                 ref.span)
            elif ref.how == "body-armed":  # "the X Liberation Movement": made now
                self.finder.mint("armed-group", ref.span.text,
                                 ("NonStateArmedGroup", "Organisation", "Agent"), ref.span)
            elif ref.how == "body":
                self.finder.mint("organisation", ref.span.text, ("Organisation", "Agent"),
                                 ref.span)
        return parties, signatories, brokers

    def _found_parties(self, s: Sentence, trigger: Span
                       ) -> tuple[list[Ref], list[Ref], list[Ref]]:
        agents = self._party_candidates(s)
        parties: list[Ref] = []
        brokers: list[Ref] = []
        after = [m for m in agents if m.start >= trigger.end]
        if after:
            gap = s.text_between(trigger.end, after[0].start)
            if _WITH.match(gap) or _BETWEEN_GAP.match(gap):
                parties.extend(_chain(s, after))
            else:
                parties.extend(_late_between(s, trigger, after))
        # a name right before a capitalised noun names the agreement, it is no party:
        # "the Tashkent Declaration", "the Minsk Protocol"
        before = [m for m in agents if m.end <= trigger.start and not (
            trigger.text[:1].isupper() and not s.text_between(m.end, trigger.start).strip())]
        if before and not parties:
            parties.extend(self._adjunct_parties(s, trigger, before))
        if before and "," in s.text_between(before[-1].end, trigger.start):
            # "A and B, whose troops fought for a month, agreed on a truce": the subject
            # meets its verb once the aside is read out
            blank = blank_asides(s.span.text)
            outside = [m for m in before if not inside_aside(s.span.text, m.start - s.start)]
            if outside and "," not in blank[outside[-1].end - s.start:trigger.start - s.start]:
                before = outside
        if before:
            gap = blank_asides(s.span.text)[before[-1].end - s.start:trigger.start - s.start]
            if (cues().reached_verbs.search(gap) or (
                    _ISSUED_JOINTLY.search(gap) and _JOINT_NOUN.match(trigger.text))) and \
                    "," not in gap and \
                    not cues().possessor_only.match(gap) and \
                    not _REPORTING.search(gap) and not re.search(r"\bby\b", gap):
                if cues().mediator_verbs.search(gap):
                    # "China brokered a truce between A and B": China is no party
                    brokers = _coordinated_before(s, before)
                else:
                    # "Armenia and Azerbaijan signed an agreement": the whole coordinated subject
                    parties[0:0] = _coordinated_before(s, before)
        if before and _RELATIVE_ON_SUBJECT.fullmatch(
                s.text_between(before[-1].end, trigger.start)) and \
                cues().reached_verbs.search(s.text_between(before[-1].end, trigger.start)) and \
                not cues().mediator_verbs.search(s.text_between(before[-1].end, trigger.start)):
            # "Israel and Hamas, which agreed a truce in March, traded fire": the relative
            # clause on the coordinated names says they reached it
            parties[0:0] = [r for r in _coordinated_before(s, before)
                            if r.entity not in {p.entity for p in parties}]
        if before and not parties and cues().reported_subject.match(
                s.text_between(before[-1].end, trigger.start)):
            # "A and B said that their armies had agreed to observe a ceasefire"
            parties[0:0] = _coordinated_before(s, before)
        parties += [r for r in self._relative_signers(s, trigger, after)
                    if r.entity not in {p.entity for p in parties}]
        if not parties:
            parties += self._relative_subject(s, trigger, agents)
        by_end = _passive_by_end(s, trigger)
        if by_end is not None:
            # "the truce was agreed by the foreign ministers of A and B, X and Y"
            start = by_end
            rest = s.text_between(start, s.span.end)
            end = _BY_PHRASE_END.search(rest)
            while end is not None and (going_on := _LIST_GOES_ON.match(rest, end.start())):
                # "by A and by the presidents of B, who sent troops, and of C": the list
                # goes on after the relative clause
                end = _BY_PHRASE_END.search(rest, going_on.end())
            stop = start + (end.start() if end else len(rest))
            members = [(s.start + m.start(), s.start + m.end())
                       for m in cues().members.finditer(s.span.text)]
            by_agents = [a for a in agents if start <= a.start < stop and
                         not any(b <= a.start < e for b, e in members)]
            # "by British General X for NATO": the demonym only tells where X comes from
            by_agents = [a for a in by_agents if not (a.how == "demonym" and any(
                self.finder.is_a(p.entity, "Person") and p.start > a.end and
                re.fullmatch(r"\s+(?:[A-Z][\w.-]*\s+){0,3}", s.text_between(a.end, p.start))
                and re.match(r"\s+for\s+", s.text_between(p.end, min(s.span.end, p.end + 6)))
                for p in by_agents))]
            bodies = self._represented_bodies(s, start, stop)
            # a known name inside a minted body's name is no party of its own
            by_agents = [a for a in by_agents if not any(
                b.start <= a.start and a.end <= b.end for b in bodies)]
            parties += by_agents + bodies + self._untitled_names(s, start, stop, bodies)
            parties += self._passive_with(s, stop, agents) if by_agents else []
        if len(parties) < 2:
            # "the agreement Ankara reached with Moscow in Sochi"
            later = [a for a in agents if a.start >= trigger.end]
            if len(later) >= 2:
                gap1 = s.text_between(trigger.end, later[0].start)
                gap2 = s.text_between(later[0].end, later[1].start)
                if re.fullmatch(r"\s+(?:that\s+)?", gap1) and cues().reached_verbs.search(gap2) \
                        and re.search(r"\bwith\s+(?:the\s+)?$", gap2):
                    parties = [later[0], later[1]]
        parties += self._untitled_signers(s, trigger)
        if cues().signing_verb.search(s.text_between(s.start, trigger.start)):
            # "X and Y, head of the Z Opposition, put their names to the document": the body
            # a signer heads, named in the aside on him, signs with him
            head_of = cues().head_of
            # ("X, leader of the Yland rebel movement,": a movement named by description)
            parties += [r for r in agents if (r.how.startswith("body") or r.how == "described")
                        and r.end <= trigger.start
                        and head_of.search(s.text_between(max(s.start, r.start - 40), r.start))
                        and r.entity not in {p.entity for p in parties}]
        kept, signatories = [], []
        for ref in parties:
            if self.finder.is_a(ref.entity, "Person"):
                if not cues().owner_of_signers.search(s.text_between(max(s.start, ref.start - 60),
                                                               ref.start)):
                    # ("negotiators for the government of President X": X did not sign)
                    signatories.append(ref)
                state = self.finder.state_of(ref.entity)
                if state is None and (owner := self._title_owner(s, ref)) is not None:
                    # "UNITA rebel leader Jonas Savimbi signed": the movement he leads
                    kept.append(owner)
                    continue
                if state is None or re.match(r"\s+for\s+", s.text_between(
                        ref.end, min(s.span.end, ref.end + 6))):
                    # "by British General X for NATO": X signed for NATO, not for Britain
                    continue
                ref = Ref(ref.span, state, ref.how, state)
            kept.append(ref)
        return _unique_refs(kept), _unique_refs(signatories), _unique_refs(brokers)

    def _passive_with(self, s: Sentence, stop: int, agents: list[Ref]) -> list[Ref]:
        """'The deal was concluded by A with B, C and D': the parties listed right after the
        by-phrase's "with" (not "with X looking on", "with the help of X")."""
        with_ = _BY_WITH.match(s.text_between(stop, s.span.end))
        first = [a for a in agents if with_ is not None and a.start == stop + with_.end()]
        if not first:
            return []
        chain = _chain(s, [a for a in agents if a.start >= first[0].start])
        if _WITH_ONLOOKERS.match(s.text_between(chain[-1].end, s.span.end)) or any(
                re.match(r"['’]s\b", s.text_between(a.end, min(s.span.end, a.end + 3)))
                for a in chain):
            return []  # "with Malawi looking on", "with Kenya's backing"
        return [a for a in chain if not self.finder.is_a(a.entity, "Place")
                or self.finder.is_a(a.entity, "State")]

    def _title_owner(self, s: Sentence, person: Ref) -> Ref | None:
        """The body named right before a person's post: "UNITA rebel leader Jonas Savimbi",
        "Hamas political chief X" (the body, not a place or a state, he leads or speaks for)."""
        for ref in s.refs:
            if ref.end > person.start or not _TITLE_GAP.fullmatch(
                    s.text_between(ref.end, person.start)):
                continue
            if self.finder.is_a(ref.entity, "Person") or self.finder.is_a(ref.entity, "Place") \
                    or self.finder.state_of(ref.entity) is not None:
                return None
            if self.finder.is_a(ref.entity, "Organisation"):
                return ref
        return None

    def _relative_signers(self, s: Sentence, trigger: Span, after: list[Ref]) -> list[Ref]:
        """'two accords that President A and Prime Minister B signed': the subject of a
        relative clause on the noun whose verb reaches the agreement."""
        if not after or not _RELATIVE_THAT.fullmatch(s.text_between(trigger.end,
                                                                    after[0].start)):
            return []
        chain = _chain(s, after)
        if not cues().subject_verb.match(s.text_between(chain[-1].end, s.span.end)):
            return []
        return chain

    def _relative_subject(self, s: Sentence, trigger: Span, agents: list[Ref]) -> list[Ref]:
        """'the peace deal that the government and two rebel movements, A (X) and the B
        (Y), signed in P': the bodies of the relative clause's subject are the parties."""
        m = _RELATIVE_SIGNED.match(s.text_between(trigger.end, s.span.end))
        if m is None:
            return []
        lo, hi = trigger.end + m.start("subject"), trigger.end + m.end("subject")
        inside = [r for r in agents if lo <= r.start and r.end <= hi and
                  not self.finder.is_a(r.entity, "Person") and not _LOCATIVE_BEFORE.search(
                      s.text_between(max(s.start, r.start - 12), r.start))]
        return _unique_refs(inside) if len({r.entity for r in inside}) >= 2 else []

    def _adjunct_parties(self, s: Sentence, trigger: Span, before: list[Ref]) -> list[Ref]:
        """'A and B agreed on Friday to restore ties, ..., in a deal brokered by C': the
        coordinated subject that opens the sentence, when the noun is an adjunct of its
        clause and no other agent comes between."""
        c = cues()
        if not c.adjunct.search(s.text_between(s.start, trigger.start)):
            return []
        # a dateline ("NEW DELHI, Jan. 11 — ") is not the subject
        dateline = _DATELINE_PREFIX.match(s.span.text)
        if dateline is not None:
            before = [r for r in before if r.start >= s.start + dateline.end()]
        # nor is an agent inside an aside ("A and B, which negotiated through C's officers,")
        before = [r for r in before if not inside_aside(s.span.text, r.start - s.start)]
        if not before:
            return []
        chain = _coordinated(s, before)
        # the subject opens the sentence, after a dateline if any ("NEW DELHI, Jan. 11 — ")
        # ("The United States and Russia ...": the article may open the sentence)
        if len(chain) < 2 or not re.fullmatch(r"(?:[^—–]{0,60}\s[—–]\s*)?\W*(?:[Tt]he\s+)?",
                                              s.text_between(s.start, chain[0].start)):
            return []
        gap = blank_asides(s.span.text)[chain[-1].end - s.start:trigger.start - s.start]
        # "A and B swapped X for Y at Z's airport under a deal": the people swapped (also
        # "the Russian arms dealer X") and the place of the swap are no other subject
        swap = c.swap_verb.match(gap) is not None
        if not c.subject_verb.match(gap) or _REPORTING.search(gap) or re.search(r"[;:]", gap) \
                or any(chain[-1].end <= r.start < trigger.start and not (
                    swap and (r.how == "demonym" or self.finder.is_a(r.entity, "Person") or
                              self.finder.is_a(r.entity, "Place"))) and
                       # "agreed to halt the fighting in X, the enclave in northern Y, under
                       # a deal": a name after a locative preposition is a place, no subject
                       not _IN_PLACE_BEFORE.search(s.text_between(max(s.start, r.start - 40),
                                                                  r.start))
                       for r in before):
            return []
        return chain

    def _described_signers(self, s: Sentence, trigger: Span) -> tuple[list[Ref], list[Ref]]:
        """Signers named with their posts in apposition, before a signing verb ("A's Defence
        Minister X and B's Minister of Y, Z, signed the text") or after a passive "was signed
        by" ("X, the secretary of A's council, and Y, the B adviser"): the people are
        signatories, the states in their posts the parties."""
        before = s.text_between(s.start, trigger.start)
        verb = cues().signing_verb.search(before)
        if verb is not None:
            begin = max(before.rfind(";", 0, verb.start()) + 1, 0)
            dateline = _DATELINE_PREFIX.match(s.span.text)
            if dateline is not None and dateline.end() <= verb.start():
                # "MOSCOW, May 27 (AP) — President X and Y signed": the dateline's city
                # names no signer's state
                begin = max(begin, dateline.end())
            return self._signer_list(s, s.start + begin, s.start + verb.start())
        by_end = _passive_by_end(s, trigger)
        if by_end is None:
            return [], []
        start = by_end
        rest = s.text_between(start, s.span.end)
        end = _SIGNER_LIST_END.search(rest)
        return self._signer_list(s, start, start + (end.start() if end else len(rest)))

    def _signer_list(self, s: Sentence, start: int, stop: int) -> tuple[list[Ref], list[Ref]]:
        """The people (and their states) of a list of 'post, name' or 'name, post' items;
        nothing unless every item is a person."""
        c = cues()
        text = s.text_between(start, stop)
        cuts = [0, *(m.end() for m in re.finditer(r"\s*,?\s+and\s+", text)), len(text)]
        seps = [m.start() for m in re.finditer(r"\s*,?\s+and\s+", text)] + [len(text)]
        parties: list[Ref] = []
        people: list[Ref] = []
        items: list[tuple[str, Ref]] = []
        stated: dict[str, str] = {}
        for begin, end in zip(cuts[:-1], seps, strict=True):
            item = text[begin:end].strip().rstrip(".")
            offset = start + begin + (len(text[begin:end]) - len(text[begin:end].lstrip()))
            refs = [r for r in s.refs if offset <= r.start and r.end <= start + end]
            person = next((r for r in refs if self.finder.is_a(r.entity, "Person")), None)
            if person is None:
                m = c.apposition.match(item) or c.name_then_post.match(item)
                if m is None or c.not_person.search(m["name"]) or (
                        label_key(m["name"]) in self.finder.kb.names
                        and not self.finder.is_a(self.finder.kb.names[label_key(m["name"])],
                                                 "Person")):
                    return [], []
                span = s.slice(offset + m.start("name"), offset + m.end("name"))
                person = Ref(span, self.finder.person(m["name"], span), "minted")
            people.append(person)
            if re.match(r"\s+for\s+", s.text_between(person.end, min(s.span.end,
                                                                    person.end + 6))):
                # "British General X for NATO": X signs for what follows "for"
                refs = [r for r in refs if r.start > person.end]
                state = next((self.finder.state_of(r.entity) for r in refs
                              if self.finder.is_a(r.entity, "State")), None)
            else:
                # (not a state read back: "X, who heads the government delegation," says
                # nothing of which government)
                state = self.finder.state_of(person.entity) or next(
                    (self.finder.state_of(r.entity) for r in refs
                     if r is not person and r.how != "anaphora"
                     and self.finder.state_of(r.entity)), None)
            if state is not None:
                parties.append(Ref(person.span, state, person.how, state))
                stated[person.entity] = state
            items.append((item, person))
        if len(people) < 2:
            return [], []
        counterpart = counterpart_state(self.finder, s, items, stated)
        if counterpart is not None:
            # "President A and President B of Russia", in a sentence about Ukraine and Russia
            person, state = counterpart
            parties.append(Ref(person.span, state, person.how, state))
        return _unique_refs(parties), people

    def _untitled_signers(self, s: Sentence, trigger: Span) -> list[Ref]:
        """'A B, C D and E F put their names to the accord': the people who signed, named
        without a title, as the whole subject of the signing verb."""
        before = s.text_between(s.start, trigger.start)
        verb = cues().signed.search(before)
        if verb is None:
            return []
        subject = before[:verb.start()]
        # the earliest clause start from which the rest is only a list of names
        starts = [0, *(m.end() for m in re.finditer(r"[,;]\s*|\bwhile\s+", subject))]
        start = next((i for i in starts if _NAME_LIST.match(subject[i:])), None)
        if start is None:
            return []
        return self._untitled_names(s, s.start + start, s.start + verb.start(), [])

    def _represented_bodies(self, s: Sentence, start: int, stop: int) -> list[Ref]:
        """'signed by the officers of the Government of National Accord': a body no other
        rule knows, named with capitals after the people who signed for it."""
        found = []
        for m in _REPRESENTED.finditer(s.text_between(start, stop)):
            begin, end = start + m.start("name"), start + m.end("name")
            if m.group().startswith("for") and _BODY_HEAD_BEFORE.search(
                    s.text_between(max(s.start, start + m.start() - 30), start + m.start())):
                continue  # "the Popular Front for the Renaissance of X": "for" inside a name
            if any(r.start < end and begin < r.end and not (
                    (self.finder.is_a(r.entity, "Place") or begin < r.start or r.end < end)
                    and end - begin > r.end - r.start)
                   for r in s.refs):
                continue  # known already (a place inside the name does not count)
            span = s.slice(begin, end)
            entity = self.finder.kb.names.get(label_key(m["name"])) or self.finder.mint(
                "organisation", m["name"], ("Organisation", "Agent"), span)
            found.append(Ref(span, entity, "minted"))
        for m in cues().for_force.finditer(s.text_between(start, stop)):
            begin, end = start + m.start("name"), start + m.end("name")
            if any(r.start < end and begin < r.end for r in s.refs) or \
                    m["dem"].casefold() in self.finder.kb.demonyms or m["dem"] in NOT_NAMES:
                continue
            span = s.slice(begin, end)
            found.append(Ref(span, self.finder.mint("organisation", m["name"],
                                                    ("Organisation", "Agent"), span), "minted"))
        return found

    def _untitled_names(self, s: Sentence, start: int, stop: int, known: list[Ref]) -> list[Ref]:
        """People named without a title between ``start`` and ``stop`` that no other rule
        found (the signers of "was signed by ... and the rebels' chief, A B C")."""
        found = []
        text = s.text_between(start, stop)
        for m in _NAME.finditer(text):
            begin, end = start + m.start(), start + m.end()
            if any(r.start < end and begin < r.end for r in [*s.refs, *known]) or \
                    cues().not_person.search(m.group()):
                continue
            words = m.group().replace("-", " ").split()
            if words[0] in NOT_NAMES or label_key(m.group()) in self.finder.kb.names or any(
                    w.casefold() in self.finder.kb.demonyms or
                    label_key(w) in self.finder.kb.names for w in words):
                continue
            span = s.slice(begin, end)
            found.append(Ref(span, self.finder.person(m.group(), span), "minted"))
        return found

    def _third_parties(self, s: Sentence, agreement: AgreementFinding) -> None:
        """Hosts and mediators named in the sentence ("hosted by", "brokered by")."""
        c = cues()
        agents = s.agents(self.finder)
        for i, ref in enumerate(agents):
            if ref.how == "demonym" and _MEDIATION_AFTER.match(
                    s.text_between(ref.end, min(s.span.end, ref.end + 30))):
                # "sealed after weeks of Russian mediation": that state mediated
                if ref.entity not in agreement.mediators and ref.entity not in agreement.parties:
                    agreement.mediators.append(ref.entity)
                continue
            before = s.text_between(max(s.start, ref.start - 45), ref.start)
            kind = "host" if c.host.search(before) else \
                "mediator" if c.mediator.search(before) or c.mediator_led.search(
                    s.text_between(max(s.start, ref.start - 120), ref.start)) else None
            if kind is None:
                # "Qatar, which hosted the talks": the subject hosts (only itself); "X hosted
                # and mediated the talks": both
                kind = self._third_party_subject(s, ref)
                kinds = ("host", "mediator") if kind == "both" else (kind,) if kind else ()
                for kind in kinds:
                    target = agreement.hosts if kind == "host" else agreement.mediators
                    if ref.entity not in target and ref.entity not in agreement.parties:
                        target.append(ref.entity)
                continue
            chosen = []
            for r in _chain(s, agents[i:]):
                following = next((a for a in agents if a.start >= r.end), None)
                if r.how == "demonym" and following is not None and \
                        self.finder.is_a(following.entity, "Person") and \
                        following.start - r.end < 40 and (not re.search(
                            r"[,;]", s.text_between(r.end, following.start)) or re.fullmatch(
                            r"\s+(?:[a-z-]+\s+){0,3}?[a-z-]+,\s*",
                            s.text_between(r.end, following.start))):
                    # "hosted by Russian Foreign Minister X", "led by the Swiss ambassador,
                    # X": X
                    r = following
                elif self.finder.is_a(r.entity, "Organisation") and following is not None and \
                        self.finder.is_a(following.entity, "Person") and \
                        following.start - r.end < 30 and re.fullmatch(
                            r"\s+(?:[A-Z][\w-]*\s+){1,3}",
                            s.text_between(r.end, following.start)):
                    # "arranged by United Nations Secretary-General X": X too
                    chosen.append(following.entity)
                chosen.append(r.entity)
            target = agreement.hosts if kind == "host" else agreement.mediators
            for entity in chosen:
                if entity not in target and entity not in agreement.parties:
                    target.append(entity)

    def _third_party_subject(self, s: Sentence, ref: Ref) -> str | None:
        """'host' or 'mediator' when the agent is the subject of hosting or brokering the
        talks right after it ("Norway, which facilitated the talks"), else None."""
        whole = s.text_between(ref.end, min(s.span.end, ref.end + 200))
        apposed = bool(re.search(r",\s*$", s.text_between(max(s.start, ref.start - 3),
                                                          ref.start)))
        found = _third_party_after(whole[:90], apposed)
        whose = cues().whose_aside.match(whole)
        if found is None and whose is not None:
            # "X, whose country chairs the Y bloc, hosted the talks": the aside read out
            # ("X, whose government hosted the talks," is read as it is)
            found = _third_party_after(whole[whose.end():][:90], False)
        return found

    def _subject_third_parties(self, s: Sentence) -> bool:
        return any(self._third_party_subject(s, r) for r in s.agents(self.finder)) or \
            cues().named_subject.search(s.span.text) is not None or \
            cues().mediator_led_name.search(s.span.text) is not None

    def _named_third_parties(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Wang Yi, China's top diplomat, who mediated the talks': a person no other rule
        found, named with a post, who hosted or brokered them."""
        c = cues()
        for m in [*c.named_subject.finditer(s.span.text),
                  *c.mediator_led_name.finditer(s.span.text),
                  *c.mediator_chair_name.finditer(s.span.text),
                  *c.mediator_post_name.finditer(s.span.text),
                  *c.mediator_name.finditer(s.span.text),
                  *c.titled_third_party.finditer(s.span.text)]:
            name = m["name"]
            key = label_key(name)
            if c.not_person.search(name) or name.split()[0] in NOT_NAMES or (
                    key in self.finder.kb.names and not self.finder.is_a(
                        self.finder.kb.names[key], "Person")):
                continue
            span = s.slice(s.start + m.start("name"), s.start + m.end("name"))
            # a known name of the whole span (a town named like a first name does not count)
            known = next((r for r in s.refs if r.start <= span.start and span.end <= r.end),
                         None)
            if known is not None and not self.finder.is_a(known.entity, "Person"):
                continue
            entity = known.entity if known is not None else self.finder.person(name, span)
            verb = m.groupdict().get("verb")
            target = agreement.hosts if verb is not None and verb.split()[0] in (
                "hosted", "convened", "presided") else \
                agreement.mediators
            if entity not in target and entity not in agreement.parties and \
                    entity not in agreement.signatories:
                target.append(entity)

    def _signing_date(self, s: Sentence, mention: _Mention) -> DateMention | None:
        taken = {id(d) for d in self._in_force_dates(s)} | {
            id(d) for d in s.dates if cues().deadline.search(
                s.text_between(max(s.start, d.span.start - 25), d.span.start))
            or re.search(r"\b(?:since|until|till)\s+(?:\w+\s+)?$",
                         s.text_between(max(s.start, d.span.start - 20), d.span.start))}
        dateline = _DATELINE_PREFIX.match(s.span.text)
        if dateline is not None:
            taken |= {id(d) for d in s.dates if d.span.end <= s.start + dateline.end()}
        dates = [d for d in s.dates if id(d) not in taken]
        if not dates:
            return None
        position = mention.trigger.start
        near = s.date_near(position)
        if near is not None and id(near) not in taken:
            return _week_as_month(near)
        return _week_as_month(min(dates, key=lambda d: abs(d.span.start - position)))

    def _place_after(self, s: Sentence, trigger: Span) -> str | None:
        """'an agreement in Sochi', 'a ceasefire in eastern Congo': the place right after."""
        for ref in s.refs:
            # "a ceasefire along the Line of Control": the line it holds on
            if trigger.end <= ref.start <= trigger.end + 40 and \
                    self.finder.is_a(ref.entity, "Place") and re.fullmatch(
                        r"(?:\s+[a-z]+){0,2}?\s+along\s+(?:the\s+)?",
                        s.text_between(trigger.end, ref.start)):
                return ref.entity
        place = s.place_after(self.finder, trigger.end)
        # (not past a relative clause on the noun: "a memorandum that sets a timetable for
        # pullbacks in the West Bank" was not signed there)
        if place is not None and not re.search(r"\bzones?\b|\bcorridors?\b|\bto\s+\w+|,|"
                                               r"\b(?:that|which|who|whose)\b",
                                               s.text_between(trigger.end, place.start)):
            return place.entity
        return None

    def _place(self, s: Sentence, trigger: Span, cls: str) -> str | None:
        """Where it was signed: 'reached in X', 'talks in X', 'in the Angolan capital'."""
        c = cues()
        for ref in s.refs:
            if _OTHER_CLAUSE_AFTER.search(s.text_between(trigger.end, ref.start)) or (
                    ref.end <= trigger.start and "," in s.text_between(ref.end, trigger.start)
                    and _OTHER_CLAUSE_BEFORE.match(s.text_between(s.start, ref.start))):
                # "signed a deal on Friday, a year after A and B agreed a truce in Minsk",
                # "Two months after they signed a declaration in Asmara, A and B ...": the
                # place of the temporal clause is another signing's
                continue
            if trigger.end <= ref.start and (rel := _RELATIVE_PRONOUN.search(
                    s.text_between(trigger.end, ref.start))) is not None and \
                    not c.place_cue.search(s.text_between(trigger.end, ref.start)[rel.end():]):
                # "signed a memorandum on Saturday that sets a timetable for pullbacks in
                # the West Bank": the place of a relative clause that signs nothing
                continue
            if _PLACE_OF_AFTER.match(s.text_between(ref.end, min(s.span.end, ref.end + 40))):
                continue  # "the Black Sea resort of Sochi": signed in Sochi, not the sea
            before = s.text_between(max(s.start, ref.start - 60), ref.start)
            if _STRIFE_IN.search(before):
                continue  # "agreed to halt the fighting in X": where they fight, not sign
            if c.venue.search(before) and self.finder.is_a(ref.entity, "Place") and \
                    c.place_cue.search(s.text_between(s.start, ref.start)) and \
                    not re.search(r"[;:]", s.text_between(trigger.start, ref.start)):
                return ref.entity  # "… at the Elysee Palace in Paris"
            if not c.place_before.search(before[-36:]) and not (
                    re.search(r"\b(?:in|at)\s+an?\s+$", before) and
                    c.venue_after.match(s.text_between(ref.end, min(s.span.end, ref.end + 30)))):
                continue  # (also "in a Nairobi stadium")
            if trigger.end <= ref.start:
                # the cue may stand before the noun, further off ("put their signatures on
                # Sunday to a peace agreement in the northern Australian city of X")
                before = s.text_between(max(s.start, min(ref.start - 60, trigger.start - 60)),
                                        ref.start)
            cue = list(c.place_cue.finditer(before))
            if not cue or re.search(r"[,;]", before[cue[-1].end():]):
                continue
            if re.search(r"\b(?:with|by)\b", before[cue[-1].end():]):
                continue
            if self.finder.is_a(ref.entity, "Place"):
                if _POSSESSIVE_NEXT.match(s.text_between(ref.end, min(s.span.end, ref.end + 2))):
                    continue
                return ref.entity
            if ref.how == "name" and ref.entity in self.finder.kb.territory:
                return self.finder.kb.territory[ref.entity]
            if ref.how == "metonym":
                # a name read as the state or organ it stands for ("Tashkent" for Uzbekistan,
                # "the White House" for the presidency) is, in a place's slot, the place:
                # the reference place of that name, or after "the city of" a new city
                known = self.finder.kb.names.get(label_key(ref.span.text.removeprefix("the ")))
                if known is not None and self.finder.is_a(known, "Place"):
                    return known
                if _CITY_OF.search(before):
                    return self.finder.mint("place", ref.span.text, ("City", "Place"),
                                            ref.span)
        capital = _CAPITAL.search(s.span.text)
        if capital is not None:
            before = s.span.text[:capital.start()]
            cue = list(c.place_cue.finditer(before[-60:]))
            state = self.finder.kb.demonyms.get(capital["dem"].casefold())
            if cue and state is not None and state in self.finder.kb.capitals:
                return self.finder.kb.capitals[state]
        town = self._dateline_town(s) or self._named_site(s)
        if town is not None:
            return town
        # "a ceasefire in X" is about X; "an agreement in X" was made there
        if cls == "Ceasefire" and " " not in trigger.text.strip():
            return None
        return self._place_after(s, trigger)

    def _named_site(self, s: Sentence) -> str | None:
        """'signed in a tent at the Arava crossing', 'at the Allenby Bridge': a named site
        that is a place of its own (a crossing, a border post, a bridge, a base), after a
        signing cue in its clause; minted when the reference data does not know it."""
        for m in _NAMED_SITE.finditer(s.span.text):
            cue = list(cues().place_cue.finditer(s.span.text[:m.start()][-80:]))
            if not cue or re.search(r"[,;:]", s.span.text[:m.start()][-80:][cue[-1].end():]):
                continue
            name = f"{m['name']} {m['kind']}"
            known = self.finder.kb.names.get(label_key(name))
            if known is not None:
                return known if self.finder.is_a(known, "Place") else None
            span = s.slice(s.start + m.start("name"), s.start + m.end("kind"))
            return self.finder.mint("place", name, ("Place",), span)
        return None

    def _dateline_town(self, s: Sentence) -> str | None:
        """'signed at a hotel in the Egyptian resort' with no town named: the town of a
        dateline that names a town of that state ("SHARM EL-SHEIKH, Egypt (Reuters) —", or
        a known capital of it), minted when the reference data does not know it."""
        m = _DEMONYM_TOWN.search(s.span.text)
        if m is None or self.dateline_town is None or \
                not cues().place_cue.search(s.span.text[:m.start()][-80:]):
            return None
        state = self.finder.kb.demonyms.get(m["dem"].casefold())
        span, dateline_state = self.dateline_town
        if state is None and m["sea"] is not None:
            # "in the Black Sea resort" in a story datelined "SOCHI, Russia": the sea names
            # no state, so the town is the dateline's
            state = dateline_state
        known = self.finder.kb.names.get(label_key(span.text))
        if state is None or (dateline_state != state and (
                known is None or self.finder.kb.capitals.get(state) != known)):
            return None
        if known is not None and self.finder.is_a(known, "Place"):
            return known
        if known is not None:
            return None
        return self.finder.mint("place", span.text.title(), ("City", "Place"), span)

    def _venue_only(self, s: Sentence, trigger: Span) -> bool:
        """A signing at a named venue ("signed at the National Palace", "at a ceremony at
        the presidential palace") with no place named in the sentence; or "here" ("signed an
        agreement here on Tuesday": where the story is datelined)."""
        if _SIGNED_HERE.search(s.span.text):
            return True
        venue = _VENUE_ONLY.search(s.span.text)
        return venue is not None and bool(_SIGNED_NEAR.search(
            s.span.text[max(0, venue.start() - 80):venue.start()])) and not any(
            self.finder.is_a(r.entity, "Place") for r in s.refs if r.start > trigger.end)

    def _bare_capital(self, s: Sentence, agreement: AgreementFinding) -> str | None:
        """'signed ... at a convention centre in the capital': the capital of the one state
        among the parties (with two states, nothing says whose capital it is)."""
        m = _BARE_CAPITAL.search(s.span.text)
        if m is None or not cues().place_cue.search(s.span.text[:m.start()]):
            return None
        states = {p for p in agreement.parties if self.finder.kb.is_a(p, "State")}
        if len(states) != 1:
            return None
        return self.finder.kb.capitals.get(states.pop())

    def _duration(self, s: Sentence, agreement: AgreementFinding, trigger: Span) -> None:
        c = cues()
        text = s.span.text
        local = trigger.start - s.start
        for m in c.duration.finditer(text):
            if m["unit2"] and m.end() >= local and m.start() <= local + len(trigger.text):
                agreement.duration = _xsd_duration(m["n2"], m["unit2"])
            elif m["unit2"] and re.search(r"\b(?:period|term|mandate)$", m.group()) and \
                    0 <= m.start() - (local + len(trigger.text)) <= 40 and \
                    not re.search(r"[,;]", text[local:m.start()]):
                # "The agreement provides for a six-year interim period"
                agreement.duration = _xsd_duration(m["n2"], m["unit2"])
            elif m["unit"] and 0 <= m.start() - (local + len(trigger.text)) <= 40 and not \
                    re.search(r"[,;]", text[local:m.start()]):
                agreement.duration = _xsd_duration(m["n"], m["unit"])
            elif m["unit"] and _LAST_VERB.match(m.group()) and \
                    0 <= m.start() - (local + len(trigger.text)) <= 110 and \
                    _NOUN_SUBJECT.search(text[:local]) and not _LAST_GAP_BREAK.search(
                        _PARTICIPLE_ASIDE.sub(lambda a: " " * len(a.group()), blank_asides(
                            text)[local + len(trigger.text):m.start()])):
                # "The truce, brokered by C, took effect at 4 a.m. on Wednesday and is to last
                # for 60 days": the noun is the subject of "last", further on in its clause
                agreement.duration = _xsd_duration(m["n"], m["unit"])
            else:
                continue
            # the first period is the agreement's; a later one is its extension ("runs for
            # ten years and can be extended for up to five more years")
            break
        extension = c.extension.search(blank_asides(text))
        if agreement.duration is None and extension is not None and (
                extension.start() <= local < extension.end() or
                # "The basing deal extends the lease by 25 years": the agreement is the subject
                not text[local + len(trigger.text):extension.start()].strip()):
            # "agreed to extend their truce by two days": the renewed truce runs two days
            agreement.duration = _xsd_duration(extension["n"], extension["unit"])
        renewal = c.renewal.search(text)
        # renewable when it can be renewed or extended, or is: "agreed to extend the truce"
        if renewal is not None and re.search(r"\b(?:renewable|automatically|can\s+be|may\s+be|"
                                             r"could\s+be|option|agreed\s+(?:\w+\s+){0,3}?to\s+(?:renew|extend)|"
                                             r"(?<!\bnot\s)(?<!\bnever\s)(?:was|were|been)\s+(?:renewed|extended))\b",
                                             text, re.IGNORECASE):
            agreement.renewable = True

    def _mechanisms(self, s: Sentence, lead: EventFinding | None) -> bool:
        touched = False
        agents: list[Ref] | None = None
        for m in _MECHANISM.finditer(s.span.text):
            trigger = s.local(m)
            if agents is None:
                agents = [r for r in s.agents(self.finder)
                          if self.finder.state_of(r.entity) is not None
                          and not self.finder.is_a(r.entity, "Person")]
            parties = _old_parties(s, trigger, agents)
            states = _unique([self.finder.state_of(p.entity) or p.entity for p in parties])
            if len(states) < 2:
                continue
            agreement = next((a for a in self.agreements if a.kind == "CoordinationMechanism"
                              and set(a.parties) == set(states)), None)
            if agreement is None:
                agreement = AgreementFinding("CoordinationMechanism", trigger, s.span,
                                             sorted(states), parties)
                self.agreements.append(agreement)
            agreement.evidence.append((trigger, s.span))
            if agreement.date is None:
                agreement.date = _week_as_month_or_none(s.date_near(trigger.start))
            self._period(s, agreement)
            touched = True
        return touched

    def _period(self, s: Sentence, agreement: AgreementFinding) -> None:
        if s.periods:
            period = s.periods[0]
            agreement.period_start = DateMention(period.span, period.start, "year", True)
            m = re.search(r"\b(?:succeeded\s+in\s+|to\s+|in\s+order\s+to\s+)(?P<p>"
                          r"(?:prevent|avoid)[^,.;]*?)(?:\s+in\s+the\s+past\b|[,.;]|$)",
                          s.span.text)
            if m:
                agreement.purpose = m["p"]

    # --- entry into force ---------------------------------------------------------

    def _in_force_dates(self, s: Sentence) -> list[DateMention]:
        return [d for d, _t, _m in self._in_force_matches(s)]

    def _in_force_matches(self, s: Sentence) -> list[tuple[DateMention, str | None,
                                                           re.Match[str]]]:
        c = cues()
        text = s.span.text
        found = []
        for m in c.in_force.finditer(text):
            about_agreement = _about_agreement(text, m)
            if not about_agreement:
                continue
            for date in s.dates:
                start = date.span.start - s.start
                if start < m.end():
                    continue
                gap = text[m.end():start]
                if len(gap) > 50 or ";" in gap or re.search(
                        r"\b(?:after|since|until|before|and\s+(?:was|is|will|to))\b", gap):
                    break
                if not c.in_force_gap.match(gap.replace(".", "")):
                    break
                window = text[m.end():date.span.end - s.start + 25]
                found.append((date, _time_of_day(c.time.search(window)), m))
                break
        return found

    def _in_force(self, s: Sentence, agreement: AgreementFinding) -> bool:
        if agreement.kind != "Agreement":
            return False
        touched = False
        for date, time, m in self._in_force_matches(s):
            subject = s.span.text[:m.start()]
            date = _coming_weekday(date, agreement.date, m.group())
            if any(p.search(subject[-60:]) for _k, p in cues().zones) and not \
                    cues().trigger.search(subject[-60:]):
                continue  # a zone's start: see _zone_start
            if agreement.effective_from is None and _not_before(date, agreement.date):
                agreement.effective_from = date
                agreement.effective_time = time
                touched = True
        if agreement.effective_from is None and agreement.date is not None and any(
                    cues().immediate.match(s.span.text[m.end():]) and
                    _about_agreement(s.span.text, m)
                    for m in cues().in_force.finditer(s.span.text)):
            # "the ceasefire came into force immediately": on the day it was signed
            agreement.effective_from = agreement.date
            touched = True
        if agreement.effective_from is None and agreement.effective_time is None:
            touched |= self._from_time(s, agreement)
        if agreement.effective_from is None and agreement.effective_time is None:
            for m in cues().in_force.finditer(s.span.text):
                # "the truce took effect at midnight": the hour, with no date to give it
                at = re.match(r"\s+(?:at\s+)?", s.span.text[m.end():])
                hour = cues().time.match(s.span.text, m.end() + (at.end() if at else 0))
                if hour is not None and _about_agreement(s.span.text, m) and \
                        not re.match(r"\s*(?:on|,)", s.span.text[hour.end():]):
                    agreement.effective_time = _time_of_day(hour)
                    touched = True
                    break
        return touched

    def _from_time(self, s: Sentence, agreement: AgreementFinding) -> bool:
        """'agreed on Monday to a ceasefire from midnight', 'a truce as of noon': the hour
        right after the agreement's noun is when it takes effect; a bare midnight (or
        'midnight tonight') is the one that ends the day of the signing."""
        c = cues()
        for m in c.trigger.finditer(s.span.text):
            found = c.in_force_from.match(s.span.text, m.end())
            if found is None:
                continue
            hour = c.time.match(s.span.text, found.end())
            if hour is None:
                continue
            rest = s.span.text[hour.end():]
            if re.match(r"\s*(?:,\s*)?(?:on|in|from|of)\b", rest) or any(
                    0 <= d.span.start - (s.start + hour.end()) <= 12 for d in s.dates):
                return False  # a date follows ("from midnight Saturday"): not the next day
            agreement.effective_time = _time_of_day(hour)
            if hour["time"].lower() == "midnight" and agreement.date is not None and \
                    agreement.date.precision == "day":
                agreement.effective_from = replace(
                    agreement.date, value=agreement.date.value + dt.timedelta(days=1))
            return True
        return False

    # --- what later sentences add -------------------------------------------

    def _zone(self, s: Sentence, agreement: AgreementFinding) -> bool:
        if agreement.kind != "Agreement":
            return False
        hit = next(((k, m) for k, p in cues().zones if (m := p.search(s.span.text))), None)
        if hit is None:
            return False
        kind, found = hit
        if _GUARDED_BEFORE.search(s.span.text[:found.start()]):
            return False  # "troops guarding the X and Y corridors are to leave": no new zone
        if agreement.zone is None:
            agreement.zone = ZoneFinding(kind, [])
        zone = agreement.zone
        if kind != "Zone":
            zone.kind = kind
        zone.evidence.append(s.local(found))
        if zone.location is None:
            place = s.place_after(self.finder, s.start + found.start())
            if place is None:
                place = self._place_through(s, s.start + found.end())
            if place is not None:
                zone.location = place.entity
        lengths = [q for q in s.quantities if q.unit in ("kilometre", "mile", "metre")]
        # a conversion in brackets ("15 to 20 kilometres (nine to 12 miles)") is not the width
        outside = [q for q in lengths if s.text_between(s.start, q.span.start).count("(") <=
                   s.text_between(s.start, q.span.start).count(")")]
        lengths = outside or lengths
        if lengths and zone.width is None:
            # the length nearest the zone's words: "each side pulls back 2 kilometres,
            # creating a 4-kilometre zone" is 4 wide
            zone_start, zone_end = s.start + found.start(), s.start + found.end()
            zone.width = min(lengths, key=lambda q: max(zone_start - q.span.end,
                                                        q.span.start - zone_end, 0))
        return True

    def _place_through(self, s: Sentence, position: int) -> Ref | None:
        """'a corridor five kilometres wide through Lachin': the place it runs through."""
        for ref in s.places(self.finder):
            if ref.start < position or ref.start - position > 50:
                continue
            if re.search(r"\b(?:through|along|across|around|via)\s+(?:the\s+)?$",
                         s.text_between(position, ref.start)):
                return ref
        return None

    def _provisions(self, s: Sentence, agreement: AgreementFinding, close: bool,
                    chained: bool = False) -> bool:
        if agreement.kind != "Agreement":
            return False
        before = len(agreement.provisions)
        # "The accord also calls for the exchange of ...", "It provides for the dissolution
        # of ...": what the agreement asks for opens a term, as "Under the deal," does
        under = cues().under.match(s.span.text) or _AGREEMENT_DEMANDS.match(s.span.text)
        if under is not None and not close and re.match(r"\W*In\s+(?:return|exchange)\b",
                                                        under.group()):
            under = None  # "In return, ..." names no agreement: only right after one
        close = close or under is not None
        dated = self._deadlines(s, agreement)
        self._zone_start(s, agreement)
        if close and not dated:
            self._undated_withdrawal(s, agreement)
        if close:
            self._prisoners(s, agreement)
            if under is not None:
                self._named_releases(s, agreement)
            self._deployment(s, agreement)
            self._dated_terms(s, agreement)
            self._limits(s, agreement)
        self._monitoring(s, agreement)
        self._patrol(s, agreement)
        continues = cues().continues.match(s.span.text) if close else None
        opening = under or continues or (self._party_undertakes(s, agreement) if close or chained
                                         else None)
        if opening is not None and len(agreement.provisions) == before and \
                opening.end() < len(s.span.text.rstrip(" .")):
            # "Under the deal, the two sides will reopen their embassies", "They agreed to
            # respect each other's sovereignty": a term in words
            end = len(s.span.text.rstrip().rstrip("."))
            lasting = cues().term_duration.search(s.span.text, opening.end())
            # "Under the deal, X will enter the zone from noon on Wednesday": from that day
            start = next((d for d in s.dates if d.span.start >= s.start + opening.end() and
                          d.precision == "day" and _FROM_BEFORE.search(s.text_between(
                              max(s.start, d.span.start - 30), d.span.start)) and
                          _not_before(d, agreement.date)), None)
            # "Under its terms, a new army of 30,000 soldiers is to be formed": the one count of
            # people in the term is its quantity
            counts = [q for q in s.quantities if q.counted and q.value is not None and
                      q.span.start >= s.start + opening.end()]
            self._add(agreement, ProvisionFinding(
                "Provision", s.span, s.slice(s.start + opening.end(), s.start + end),
                duration=_xsd_duration(lasting["n"], lasting["unit"]) if lasting else None,
                effective_from=start, quantity=counts[0] if len(counts) == 1 else None))
        elif opening is not None and len(agreement.provisions) > before:
            self._coordinated_term(s, agreement, agreement.provisions[before:])
        elif chained and (len(agreement.provisions) == before or (self._listed and not any(
                p.sentence == s.span and p.evidence.start - s.start <= 3
                for p in agreement.provisions[before:]))):
            # (a listed item whose head no specific provision covers is kept in words too:
            # "- dismantle the zone, which is patrolled by X" is no patrol term)
            # a sentence in a run of terms with no more specific kind: a term in words, with
            # the count in its subject ("Some 5,000 of them are to be integrated into the army")
            modal = cues().strict_obliged.search(s.span.text) or self._implied_modal(s.span.text)
            if modal is not None:
                end = len(s.span.text.rstrip().rstrip(".;, "))
                counted = next((q for q in s.quantities if q.value is not None and
                                (q.unit is None or not self._listed) and
                                q.span.start < s.start + modal.start()), None)
                number = _BARE_COUNT.search(s.span.text, 0, modal.start())
                if counted is None and number is not None and \
                        (value := parse_number(number.group())) is not None:
                    # "Some 5,000 of them are to be ...": a count with no noun of its own
                    counted = QuantityMention(
                        s.slice(s.start + number.start(), s.start + number.end()),
                        None, None, value, None, None, False)
                # "Special units will be set up for an initial period of 24 months": how
                # long the term runs
                lasting = cues().term_duration.search(s.span.text, modal.end())
                self._add(agreement, ProvisionFinding(
                    "Provision", s.span, s.slice(s.start, s.start + end), quantity=counted,
                    duration=_xsd_duration(lasting["n"], lasting["unit"]) if lasting else None))
        return len(agreement.provisions) > before or opening is not None

    def _party_undertakes(self, s: Sentence, agreement: AgreementFinding
                          ) -> re.Match[str] | None:
        """'A undertakes to disarm ...', 'B, for its part, commits to withdraw ...': a party of
        the current agreement opening the sentence with its commitment (a term in words)."""
        first = next(iter(sorted(s.agents(self.finder), key=lambda r: r.start)), None)
        if first is None or not re.fullmatch(r"\W*(?:The\s+)?", s.text_between(s.start,
                                                                                first.start)):
            return None
        if (self.finder.state_of(first.entity) or first.entity) not in agreement.parties:
            return None
        return _UNDERTAKES.match(s.span.text, first.end - s.start)

    def _coordinated_term(self, s: Sentence, agreement: AgreementFinding,
                          found: list[ProvisionFinding]) -> None:
        """'Under the agreement, militants must hand in their weapons within 30 days, and
        those who surrender their guns will receive an amnesty': a coordinated clause with an
        obligation of its own after the terms found is a term in words too."""
        mine = [p for p in found if p.sentence == s.span]
        if not mine:
            return
        end = max(p.evidence.end for p in mine) - s.start
        text = s.span.text
        m = _NEXT_CLAUSE.match(text, end)
        if m is None or not cues().strict_obliged.search(m["clause"]) or \
                _REPORTING.search(m["clause"]):
            return
        begin = m.start("clause")
        if any(p.evidence.start - s.start >= begin for p in mine):
            return
        stop = len(text.rstrip().rstrip(".;, "))
        if stop > begin:
            self._add(agreement, ProvisionFinding("Provision", s.span,
                                                  s.slice(s.start + begin, s.start + stop)))

    def _dated_terms(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Elections are to be held by mid-June 2007', 'the two countries will reopen their
        embassies within two months': an obligation with a deadline and no more specific
        kind is a term (ck:Provision) with that deadline.  'would' is no obligation (it
        reports what another plan said: 'under which X would join by December 1')."""
        c = cues()
        text = s.span.text
        for date in sorted([*_month_end_days(s), *self._relative_deadlines(s, agreement)],
                           key=lambda d: d.span.start):
            local = date.span.start - s.start
            if not c.deadline.search(text[max(0, local - 25):local]) or \
                    not _not_before(date, agreement.date):
                continue
            if any(p.deadline is not None and p.sentence == s.span and
                   p.evidence.start <= date.span.start < p.evidence.end + 1
                   for p in agreement.provisions):
                continue  # a withdrawal or release with this deadline has it already
            start = _clause_start(text, local)
            clause = text[start:local]
            steps = 0
            while start > 0 and steps < 3 and not c.strict_obliged.search(clause) and \
                    _VERBLESS.fullmatch(text[start:local].replace(",", " ")) and \
                    not _FINITE.search(text[start:local]):
                # "N fighters will be disarmed in stages, the first of them by <date>": a
                # verbless clause goes on with the obligation of the clause before it (also
                # past a list in apposition: "must gather at two points, A and B, within
                # three weeks")
                start = _clause_start(text, start - 1)
                clause = text[start:local]
                steps += 1
            if not (c.strict_obliged.search(clause) or self._listed) or \
                    _REPORTING.search(clause) or re.search(r"\b(?:which|whom|whose)\b", clause):
                continue
            start += len(re.match(r"\W*(?:and\s+|but\s+)?", text[start:local]).group())  # type: ignore[union-attr]
            modal = c.strict_obliged.search(text, start)
            # how many the term covers: a count in its subject ("About 5,200 fighters will
            # be disarmed ... by the end of August")
            counted = next((q for q in s.quantities if q.counted and modal is not None and
                            s.start + start <= q.span.start < s.start + modal.start()), None)
            self._add(agreement, ProvisionFinding(
                "Provision", s.span, s.slice(s.start + start, date.span.end), deadline=date,
                quantity=counted))

    def _limits(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'each side must cut its warheads to no more than 1,550', 'each may keep no more
        than 700 launchers': a ceiling a term sets, as the term's quantity."""
        c = cues()
        text = s.span.text
        for m in re.finditer(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.,])\d+(?![\d,]\d)",
                             text):
            if not c.limit.search(text[max(0, m.start() - 30):m.start()]):
                continue
            start = _clause_start(text, m.start())
            clause = text[start:m.start()]
            if re.match(r"\W*(?:and|or)\s", clause):
                clause = text[:m.start()]  # "..., and no more than 800 launchers": same modal
            if not (c.obliged.search(clause) or c.permitted.search(clause)) or \
                    _REPORTING.search(clause):
                continue
            value = parse_number(m.group())
            if value is None:
                continue
            span = s.slice(s.start + m.start(), s.start + m.end())
            found = next((q for q in s.quantities if q.span.start <= span.start < q.span.end),
                         None)
            # a ceiling: the number is the upper bound, whatever else the count says
            quantity = QuantityMention(span, None, None, value, None, None, False) \
                if found is None else QuantityMention(found.span, None, None, value, found.unit,
                                                      found.counted, found.approximate)
            holder = next((p for p in agreement.provisions if p.sentence == s.span and
                           p.quantity is None and p.evidence.start <= span.start < p.evidence.end),
                          None)
            if holder is not None:
                holder.quantity = quantity  # the dated term that sets it
                continue
            start += len(re.match(r"\W*(?:and\s+|but\s+)?", text[start:]).group())  # type: ignore[union-attr]
            end = re.search(r"[,;]|$", text[m.end():])
            stop = m.end() + (end.start() if end else 0)
            self._add(agreement, ProvisionFinding(
                "Provision", s.span, s.slice(s.start + start, s.start + stop),
                quantity=quantity))

    def _add(self, agreement: AgreementFinding, provision: ProvisionFinding) -> None:
        key = (provision.kind, provision.evidence.start, provision.evidence.end)
        if any((p.kind, p.evidence.start, p.evidence.end) == key for p in agreement.provisions):
            return
        if provision.kind not in ("MonitoringProvision", "PatrolProvision", "ZoneProvision"):
            named = self._common_subject(agreement, provision)
            if named is not None:
                provision.forces = named
        agreement.provisions.append(provision)

    def _common_subject(self, agreement: AgreementFinding,
                        provision: ProvisionFinding) -> list[str] | None:
        """The party a term's subject names by a common noun: "the rebels must gather" (the
        agreement's one non-state party), "government troops must pull out" (its one state
        party), "French troops will leave" (the state of the demonym).  None when the
        subject is no such noun or the noun fits no single party."""
        text = provision.sentence.text
        offset = provision.evidence.start - provision.sentence.start
        # the modal of the term: the last one shortly before its words, else the first in them
        modals = [m for m in cues().strict_obliged.finditer(text) if offset - 40 <= m.start()
                  <= offset + 80]
        modal = next((m for m in reversed(modals) if m.start() <= offset), None) or \
            next(iter(modals), None)
        if modal is None:
            return None
        # a relative clause on the subject stays out ("French troops, who have backed the
        # government since 1990, will leave")
        head = _RELATIVE_INSIDE.sub(lambda r: " " * len(r.group()), text[:modal.start()])
        subject = head[_clause_start(head, modal.start()):]
        subject = re.sub(r"^\W*(?:and|but|while)\s+", "",
                         re.sub(r"\s{2,}", " ", subject)).strip(" ,")
        owned = _OWNED_SUBJECT.fullmatch(subject)
        if owned is not None:
            # "the URNG's roughly 3,000 fighters must gather", "Croatia's forces are to stay":
            # the party named as their owner
            key = label_key(owned["owner"])
            entity = self.finder.local.get(key) or self.finder.kb.names.get(key)
            if entity is not None and entity not in agreement.parties:
                entity = self.finder.state_of(entity)
            if entity is None and owned["owner"].isupper():
                # "the KRM's fighters" of a party "the Kafue Revolutionary Movement (KRM)"
                initials = [p for p in _unique(agreement.parties) if "".join(
                    w[0] for w in p.rsplit("/", 1)[-1].split("-")
                    if w not in ("of", "the", "for", "and", "in")) == owned["owner"].lower()]
                entity = initials[0] if len(initials) == 1 else None
            return [entity] if entity is not None and entity in agreement.parties else None
        m = cues().rebel_subject.fullmatch(subject) or cues().state_subject.fullmatch(subject)
        if m is None:
            return None
        demonym = m.groupdict().get("dem")
        if demonym:
            state = self.finder.kb.demonyms.get(demonym.casefold())
            return [state] if state is not None else None
        states = [p for p in _unique(agreement.parties) if self.finder.is_a(p, "State")]
        if m.re is cues().rebel_subject:
            others = [p for p in _unique(agreement.parties) if p not in states]
            return others if len(others) == 1 else None
        return states if len(states) == 1 else None

    def _deadlines(self, s: Sentence, agreement: AgreementFinding) -> bool:
        """One provision per "by <date>": withdrawals and handovers, each with its place."""
        c = cues()
        text = s.span.text
        found = False
        previous_end = 0
        dates = sorted([*_month_end_days(s), *self._relative_deadlines(s, agreement)],
                       key=lambda d: d.span.start)
        for date in dates:
            local = date.span.start - s.start
            if not c.deadline.search(text[max(0, local - 25):local]):
                continue
            verbs = [(v, "WithdrawalProvision") for v in _finditer(c.withdrawal, text)
                     if v.end() <= local]
            verbs += [(v, "HandoverProvision") for v in _finditer(c.handover, text)
                      if v.end() <= local]
            stop = local  # where the term's words end (its deadline, or the fronted clause's end)
            if not verbs and _FRONTED_DEADLINE.match(text[:local]):
                # "Within 20 days of the signing, armed units are to be pulled back to …": the
                # deadline fronted before the clause it bounds (its first verb after the comma)
                comma = text.find(",", date.span.end - s.start)
                later = [(v, k) for k, rx in (("WithdrawalProvision", c.withdrawal),
                                              ("HandoverProvision", c.handover))
                         for v in _finditer(rx, text) if comma != -1 and v.start() > comma]
                if later:
                    first = min(later, key=lambda v: v[0].start())
                    end = re.search(r"[,;:.]|$", text[first[0].end():])
                    if not re.search(r"[;:.]", text[comma:first[0].start()]):
                        verbs = [first]
                        stop = first[0].end() + (end.start() if end else 0)
            if not verbs:
                continue
            verb, kind = max(verbs, key=lambda v: v[0].start())
            fronted = stop != local
            if not fronted and c.prisoners.search(text[verb.end():local]):
                continue  # "…, and prisoners are to be released by May 30": not this term's
            handover = kind == "HandoverProvision"
            if not _not_before(date, agreement.date):
                continue
            segment = max(previous_end, verb.end())
            places, handed_to = [], None
            for ref in s.refs:
                if not segment <= ref.start - s.start < stop:
                    continue
                gap_before = s.text_between(max(s.start, ref.start - 6), ref.start)
                if re.search(r"\bto\s+(?:the\s+)?$", gap_before):
                    if self.finder.is_a(ref.entity, "Agent"):
                        handed_to = ref.entity
                    continue
                if self.finder.is_a(ref.entity, "Place"):
                    places.append(ref.entity)
            forces = self._subject(s, s.start + verb.start())
            # the clause of the verb ("must withdraw behind a zone, four km wide, within…")
            start = max(_clause_start(text, verb.start()), previous_end)
            start += len(re.match(r"\W*(?:and\s+)?", text[start:local]).group())  # type: ignore[union-attr]
            evidence = s.slice(s.start + start, date.span.end)
            if fronted:
                start = len(re.match(r"\W*", text).group())  # type: ignore[union-attr]
                evidence = s.slice(s.start + start, s.start + stop)
            provision = ProvisionFinding(kind, s.span, evidence, deadline=date,
                                         forces=forces, categories=self._categories(s),
                                         places=places,
                                         handed_to=handed_to if handover else None)
            self._add(agreement, provision)
            previous_end = date.span.end - s.start
            found = True
        return found

    def _relative_deadlines(self, s: Sentence, agreement: AgreementFinding) -> list[DateMention]:
        """'within three months (of the signing)': the start plus the period, as a date whose
        span is the period (so that 'within' reads as its deadline cue).  The start is the
        signing, or what the words count from: 'of its entry into force', 'from October 1'.
        Also 'by the end of December': that month's last day."""
        found = []
        for m in cues().relative_deadline.finditer(s.span.text):
            n = parse_number(m["n"])
            base = self._period_base(s, agreement, m.end())
            unit = m["unit"].rstrip("s").lower()
            if n is None or base is None:
                continue
            if m["half"] and unit == "year":
                # "within two and a half years": thirty months
                n, unit = int(n) * 12 + 6, "month"
            elif m["half"]:
                continue
            if unit == "hour":
                # "within 72 hours": whole days only (the signing's hour is seldom known)
                if int(n) % 24:
                    continue
                n, unit = int(n) // 24, "day"
            value = _plus(base, int(n), unit)
            span = s.slice(s.start + m.start("n"), s.start + m.end("unit"))
            found.append(DateMention(span, value, "day", True))
        return found + self._month_ends(s, agreement)

    def _period_base(self, s: Sentence, agreement: AgreementFinding,
                     local: int) -> dt.date | None:
        """The day a period right before ``local`` is counted from, or None."""
        c = cues()
        signed = agreement.date.value if agreement.date is not None and \
            agreement.date.precision == "day" else None
        rest = s.span.text[local:]
        start = c.relative_from.match(rest)
        if start is None:
            # "within 30 days": of the entry into force when the agreement has a later one
            # ("took effect at 4 a.m. on Wednesday ... will withdraw within 60 days"), else
            # of the signing
            force = agreement.effective_from
            if force is not None and force.precision == "day" and (
                    signed is None or force.value > signed):
                return force.value
            return signed
        what = rest[start.end():]
        # "of the ceasefire taking effect" counts from the entry into force, "of the
        # ceasefire" from the signing: the longer reading first
        if c.relative_in_force.match(what):
            force = agreement.effective_from
            return force.value if force is not None and force.precision == "day" else None
        if c.relative_signing.match(what):
            return signed
        named = next((d for d in s.dates if d.span.start - s.start == local + start.end()), None)
        if named is not None and named.precision == "day":
            return named.value  # "within 20 days from October 1"
        return None  # counted from something else: no date to give

    def _month_ends(self, s: Sentence, agreement: AgreementFinding) -> list[DateMention]:
        """'by the end of December': the last day of the next such month from the signing."""
        signed = agreement.date
        found = []
        for m in cues().month_end.finditer(s.span.text):
            begin = s.start + m.start("month" if m["month"] else "this" if m["this"]
                                      else "thismonth")
            if any(d.span.start <= begin < d.span.end for d in s.dates):
                continue  # the date finder has it already ("December 2019")
            if m["year"]:
                year = int(m["year"])
            elif signed is None:
                continue  # no year to put it in
            else:
                year = signed.value.year
            # ("by the end of the month": the month of the signing)
            month = list(calendar.month_name).index(m["month"]) if m["month"] else \
                signed.value.month if m["thismonth"] and signed is not None else 12
            if not m["year"] and signed is not None and month < signed.value.month:
                year += 1
            value = dt.date(year, month, calendar.monthrange(year, month)[1])
            found.append(DateMention(s.slice(begin, s.start + m.end()), value, "day", True))
        return found

    def _subject(self, s: Sentence, position: int) -> list[str]:
        """The agent that must act: the subject before the verb (and its modal)."""
        ref = s.agent_before(self.finder, position, window=60)
        if ref is None or self.finder.is_a(ref.entity, "Person"):
            return []
        return [ref.entity]

    def _zone_start(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'The zone … will become operational from October 15.'"""
        c = cues()
        text = s.span.text
        for date, _time, m in [*self._in_force_matches(s), *self._operational(s)]:
            subject = text[:m.start()]
            if not any(p.search(subject) for _k, p in c.zones) or \
                    c.trigger.search(subject[-60:]):
                continue
            if not _not_before(date, agreement.date):
                continue
            local = date.span.start - s.start
            provision = ProvisionFinding("ZoneProvision", s.span, s.slice(
                s.start + _clause_start(text, local), date.span.end), effective_from=date)
            self._add(agreement, provision)
            if agreement.zone is not None:
                agreement.zone.effective_from = date

    def _operational(self, s: Sentence) -> list[tuple[DateMention, str | None, re.Match[str]]]:
        found: list[tuple[DateMention, str | None, re.Match[str]]] = []
        for m in re.finditer(r"\b(?:become|becomes|became|be)\s+operational\b", s.span.text,
                             re.IGNORECASE):
            for date in s.dates:
                gap = s.text_between(s.start + m.end(), date.span.start)
                if date.span.start - s.start >= m.end() and re.fullmatch(
                        r"\s+(?:from|as\s+of|on|by)\s+", gap):
                    found.append((date, None, m))
        return found

    def _undated_withdrawal(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Both sides must pull heavy weapons back', 'the M23 must withdraw from …'."""
        c = cues()
        text = s.span.text
        for pattern, kind in ((c.withdrawal, "WithdrawalProvision"),
                              (c.handover, "HandoverProvision")):
            for verb in _finditer(pattern, text):
                modal = self._obligation_at(text, verb.start())
                if modal is None:
                    continue
                if kind == "HandoverProvision" and not re.match(
                        r"\s+(?:the\s+|several\s+|all\s+|control\s+of\s+|\w+\s+)?"
                        r"(?:[\w-]+\s+){0,2}?(?:districts?|areas?|towns?|territor(?:y|ies)|"
                        r"villages?|regions?|positions?|cities|city|control|[A-Z])",
                        text[verb.end():]):
                    continue
                places = [r.entity for r in s.places(self.finder)
                          if 0 <= r.start - s.start - verb.end() <= 60
                          and re.search(r"\b(?:from|of|over)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                                        s.text_between(s.start + verb.end(), r.start))]
                end = re.search(r"[,;]|$", text[verb.end():])
                stop = verb.end() + (end.start() if end else 0)
                evidence = s.slice(s.start + modal, s.start + stop)
                provision = ProvisionFinding(kind, s.span, evidence,
                                             forces=self._subject(s, s.start + modal),
                                             categories=self._categories(s), places=places)
                self._add(agreement, provision)
                return

    def _prisoners(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Prisoners of war … are to be exchanged', 'to exchange prisoners'."""
        c = cues()
        text = s.span.text
        who = c.prisoners.search(text)
        if who is None:
            return
        for verb in c.release.finditer(text):
            between = text[min(who.end(), verb.end()):max(who.start(), verb.start())]
            if len(between) > 60 or re.search(r"[;:]", between):
                continue
            start = min(who.start(), verb.start())
            clause = text[max(0, start - 60):max(who.end(), verb.end())]
            if not (c.obliged.search(clause) or self._listed or _AGREEMENT_DEMANDS.match(text) or
                    re.search(r"\ballow(?:s|ed|ing)?\b", clause, re.IGNORECASE)):
                continue
            if _past_event(text[max(0, verb.start() - 25):verb.start()]):
                continue
            end = max(who.end(), verb.end())
            deadline = self._deadline_after(s, agreement, end)
            stop = deadline.span.end if deadline is not None else s.start + end
            evidence = s.slice(s.start + start, stop)
            # how many: a count inside the term ("frees 100 prisoners")
            counted = next((q for q in s.quantities if q.value is not None and
                            evidence.start <= q.span.start and q.span.end <= evidence.end), None)
            self._add(agreement, ProvisionFinding("PrisonerExchangeProvision", s.span, evidence,
                                                  deadline=deadline, quantity=counted))
            return

    def _named_releases(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Under the deal, A was to free X, and B was to release Y': a named person whom a
        party must free is a prisoner of a release term, the party its obliged party (one term
        for each; a name the reference data knows as no person, a place, is none)."""
        text = s.span.text
        for m in _NAMED_RELEASE.finditer(text):
            name_start = s.start + m.start("name")
            known = next((r for r in s.refs if r.start <= name_start < r.end), None)
            if known is not None and not self.finder.is_a(known.entity, "Person"):
                continue
            subject = s.agent_before(self.finder, s.start + m.start(), window=40)
            if subject is None or re.search(r"[,;]", s.text_between(subject.end,
                                                                    s.start + m.start())):
                continue
            state = self.finder.state_of(subject.entity) or subject.entity
            evidence = s.slice(subject.start, s.start + m.end("name"))
            self._add(agreement, ProvisionFinding("PrisonerExchangeProvision", s.span, evidence,
                                                  forces=[state]))

    def _deadline_after(self, s: Sentence, agreement: AgreementFinding,
                        local: int) -> DateMention | None:
        """The deadline of a term whose verb ends at ``local``: 'are to be released by
        March 10', 'within 30 days' (in the same clause)."""
        text = s.span.text
        for date in sorted([*_month_end_days(s), *self._relative_deadlines(s, agreement)],
                           key=lambda d: d.span.start):
            start = date.span.start - s.start
            if start < local or start - local > 60 or re.search(r"[;,]", text[local:start]):
                continue
            if cues().deadline.search(text[max(0, start - 25):start]) and \
                    _not_before(date, agreement.date):
                return date
        return None

    def _monitoring(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'under the monitoring of the OSCE', 'UN observers will monitor'."""
        c = cues()
        monitors: list[Ref] = []
        for ref in s.agents(self.finder):
            if c.monitor.search(s.text_between(max(s.start, ref.start - 45), ref.start)):
                monitors.append(ref)
        for verb in _finditer(c.monitor_verbs, s.span.text):
            subject = s.agent_before(self.finder, s.start + verb.start(), window=50) or \
                self._monitor_body(s, s.start + verb.start())
            if subject is not None and not _REPORTING.search(
                    s.text_between(subject.end, s.start + verb.start())):
                monitors.append(subject)
            elif subject is None:
                # "A mission of observers will monitor the ceasefire": the monitor is
                # unnamed, the term still is one when its object is the agreement
                obj = re.match(r"\s+(?:the\s+|its\s+|this\s+)(?:[\w-]+\s+){0,2}?",
                               s.span.text[verb.end():])
                rest = s.span.text[verb.end() + (obj.end() if obj else 0):]
                noun = c.trigger.match(rest) if obj else None
                stop = verb.end() + obj.end() + noun.end() if obj and noun else None
                terms = c.monitor_objects.match(s.span.text[verb.end():])
                if stop is None and terms is not None:
                    # "a committee will be set up to monitor the implementation"
                    stop = verb.end() + terms.end()
                named = re.match(r"\s+(?:the|its|this|that)\s+(?:[\w-]+\s+){0,2}?"
                                 r"(?P<head>[a-z][\w-]{3,})\b", s.span.text[verb.end():])
                if stop is None and named is not None and any(
                        re.search(rf"\b{re.escape(named['head'])}\b", p.evidence.text)
                        for p in agreement.provisions):
                    # "The agreements call for a ballot on August 8. A UN mission is to
                    # supervise the ballot": what an earlier term of the agreement set up
                    stop = verb.end() + named.end()
                if stop is None and c.monitor_body_subject.search(
                        s.span.text[:verb.start()]):
                    # "A joint boundary commission will oversee the demarcation": a body
                    # the agreement sets up to watch, whatever it watches
                    end = re.search(r"[,;:.]|$", s.span.text[verb.end():])
                    stop = verb.end() + (end.start() if end else 0)
                if stop is not None and not _REPORTING.search(s.span.text[:verb.start()]):
                    begin = _clause_start(s.span.text, verb.start())
                    self._add(agreement, ProvisionFinding(
                        "MonitoringProvision", s.span,
                        s.slice(s.start + begin, s.start + stop)))
        listed = c.listed_monitor.search(s.span.text) if self._listed else None
        if listed is not None and not any(p.kind == "MonitoringProvision" and
                                          p.sentence == s.span for p in agreement.provisions):
            # a listed term that says who checks the deal is kept: "- the cardinal verifies
            # compliance", "- inspection of every ship by joint teams"
            modal = self._implied_modal(s.span.text)
            stop = len(s.span.text.rstrip().rstrip(".;, "))
            self._add(agreement, ProvisionFinding(
                "MonitoringProvision", s.span,
                s.slice(s.start + (modal.end() if modal else 0), s.start + stop)))
        for m in c.monitor_passive.finditer(s.span.text):
            if not any(p.kind == "MonitoringProvision" and p.sentence == s.span
                       for p in agreement.provisions):
                begin = _clause_start(s.span.text, m.start())
                self._add(agreement, ProvisionFinding(
                    "MonitoringProvision", s.span, s.slice(s.start + begin, s.start + m.end())))
        for ref in monitors:
            evidence = s.slice(max(s.start, ref.start - 45), ref.end)
            start = re.search(r"\b(?:under|monitored|supervised|verified|overseen|observed)\b",
                              evidence.text)
            if start is not None:
                evidence = s.slice(evidence.start + start.start(), evidence.end)
            self._add(agreement, ProvisionFinding("MonitoringProvision", s.span, evidence,
                                                  forces=[ref.entity],
                                                  personnel=self._monitor_count(s, ref)))

    def _monitor_count(self, s: Sentence, monitor: Ref) -> QuantityMention | None:
        """How many watch: a count of people right before the monitor ("Some 155 UN military
        observers will verify") or in its clause before the monitoring verb ("The UN will
        send a team of 50 liaison officers to monitor the ceasefire")."""
        verb = _MONITOR_VERB.search(s.span.text, monitor.end - s.start)
        for q in s.quantities:
            if not q.counted:
                continue
            if q.span.start < monitor.start and (q.span.end >= monitor.end or (
                    q.span.end <= monitor.start and re.fullmatch(
                        r"\s*", s.text_between(q.span.end, monitor.start)))):
                return q  # "Some 155 UN military observers"
            if verb is not None and monitor.end <= q.span.start and \
                    q.span.end <= s.start + verb.start() and not re.search(
                        r"[,;]", s.text_between(monitor.end, q.span.start)) and \
                    _MONITOR_SENT.search(s.text_between(monitor.end, q.span.start)):
                return q
        return None

    def _monitor_body(self, s: Sentence, position: int) -> Ref | None:
        """'Inspectors of the IAEA will monitor ...', 'observers from the OSCE will verify':
        the body whose people watch, right before the verb (``[terms] monitor_people``)."""
        for ref in reversed(s.agents(self.finder)):
            if ref.end <= position:
                if s.text_between(ref.end, position).strip() or not cues().monitor_people.search(
                        s.text_between(max(s.start, ref.start - 40), ref.start)):
                    return None
                return ref
        return None

    def _patrol(self, s: Sentence, agreement: AgreementFinding) -> None:
        c = cues()
        for guard in _finditer(c.guard, s.span.text):
            by = re.match(r"\s+by\s+", s.span.text[guard.end():])
            if by is None:
                forces, evidence = self._patrol_subject(s, guard)
                described = None if forces else _DESCRIBED_FORCE.search(
                    s.span.text[:guard.start()])
                if described is not None and re.match(r"patrol\b", s.span.text[guard.start():]):
                    # "a mixed force of three battalions, some 1,500 men in all, will patrol
                    # the zone": a patrol term of a force no name gives, with its count
                    lo = s.start + described.start()
                    personnel = next((q for q in s.quantities if q.counted and q.value is not None
                                      and lo <= q.span.start < s.start + guard.start()), None)
                    tail = re.search(r"[,;:.]|$", s.span.text[guard.end():])
                    until = guard.end() + (tail.start() if tail else 0)
                    self._add(agreement, ProvisionFinding(
                        "PatrolProvision", s.span, s.slice(lo, s.start + until),
                        personnel=personnel))
                if forces:
                    self._add(agreement, ProvisionFinding(
                        "PatrolProvision", s.span, evidence, forces=[f.entity for f in forces]))
                    if agreement.zone is not None:
                        for subject in forces:
                            if subject.entity not in agreement.zone.patrolled_by:
                                agreement.zone.patrolled_by.append(subject.entity)
                continue
            start = s.start + guard.end()
            forces = [a for a in s.agents(self.finder) if start <= a.start <= start + 60]
            forces = _coordinated(s, forces)
            if not forces:
                continue
            end = forces[-1].end
            rest = re.match(r"[\s\w-]*?(?:units?|forces|troops|police|peacekeepers)\b",
                            s.text_between(end, s.span.end))
            stop = end + (rest.end() if rest else 0)
            evidence = s.slice(s.start + guard.start(), stop)
            personnel = next((q for q in s.quantities if q.counted and start <= q.span.start
                              and q.span.end >= forces[0].start and q.span.start <= stop), None)
            provision = ProvisionFinding("PatrolProvision", s.span, evidence,
                                         forces=[f.entity for f in forces], personnel=personnel)
            self._add(agreement, provision)
            if agreement.zone is not None:
                for force in provision.forces:
                    if force not in agreement.zone.patrolled_by:
                        agreement.zone.patrolled_by.append(force)

    def _patrol_subject(self, s: Sentence, guard: re.Match[str]) -> tuple[list[Ref], Span]:
        """'Russian and Turkish troops will begin joint patrols': the forces that are the
        subject of a term to patrol (a demonym or a name, then a forces' noun, then an
        obliging verb and "patrols" or "patrol")."""
        text = s.span.text
        verb = _PATROL_VERB.search(text[:guard.start()])
        if verb is None or not re.match(r"patrol(?:s|ling|ing)?\b", text[guard.start():]):
            return [], s.span
        forces_end = _FORCES_NOUN.search(text[:verb.start()])
        if forces_end is None:
            return [], s.span
        noun_end = s.start + forces_end.start() + len(forces_end.group().rstrip())
        # ("Turkish troops" may be one reference, the noun included)
        agents = [a for a in s.agents(self.finder) if a.end <= noun_end
                  and not self.finder.is_a(a.entity, "Place")]
        if not agents or re.search(r"[,;]", s.text_between(agents[-1].end, noun_end)):
            return [], s.span
        chain = [agents[-1]]
        for ref in reversed(agents[:-1]):
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", s.text_between(ref.end, chain[0].start)):
                chain.insert(0, ref)
            else:
                break
        if len(s.text_between(chain[-1].end, noun_end).split()) > 4:
            return [], s.span
        return chain, s.slice(chain[0].start, s.start + guard.end())

    def _deployment(self, s: Sentence, agreement: AgreementFinding) -> None:
        """'Russian peacekeepers will deploy to the region … for at least five years'."""
        c = cues()
        text = s.span.text
        for verb in _finditer(c.deploy, text):
            modal = self._obligation_at(text, verb.start())
            if modal is None:
                continue
            window = s.text_between(max(s.start, s.start + modal - 60), s.start + modal)
            agents = [r for r in s.agents(self.finder)
                      if s.start + modal - 60 <= r.start and r.end <= s.start + modal
                      and not self.finder.is_a(r.entity, "Person")]
            # the size of the force: the first count in its subject ("a force of 60,000
            # troops, among them 20,000 Americans, will deploy": 60,000)
            subject_start = s.start + max(0, text.rfind(";", 0, modal) + 1)
            personnel = next((q for q in s.quantities if q.counted
                              and subject_start <= q.span.start
                              and q.span.end <= s.start + modal
                              and s.start + modal - q.span.start <= 120), None)
            if _REPORTING.search(window) or not agents and personnel is None:
                # no force named before the modal: "a joint force of 12,000 troops is to be
                # deployed" still is one, counted
                continue
            forces = [agents[-1].entity] if agents else []
            # a comma inside a number ("5,000") does not end the clause
            end = re.search(r"[,;](?!\d{3})|\band\s+(?=[A-Z])|$", text[verb.end():])
            stop = verb.end() + (end.start() if end else 0)
            duration = None
            at_least = False
            for m in c.duration.finditer(text[verb.end():stop]):
                if m["unit"]:
                    duration = _xsd_duration(m["n"], m["unit"])
                    at_least = bool(m["bound"]) and "least" in m["bound"].lower()
                    break
            if personnel is None:
                # the count as the verb's object: "the army is to deploy 5,000 troops"
                personnel = next((q for q in s.quantities if q.counted
                                  and s.start + verb.end() <= q.span.start
                                  and q.span.start - s.start - verb.end() <= 3), None)
            at = personnel.span.start - s.start if personnel else modal
            begin = agents[-1].start if agents else s.start + _clause_start(text, at)
            evidence = s.slice(begin, s.start + stop)
            self._add(agreement, ProvisionFinding("DeploymentProvision", s.span, evidence,
                                                  forces=forces, duration=duration,
                                                  at_least=at_least, personnel=personnel))
            return

    def _term_length(self, s: Sentence, agreement: AgreementFinding) -> bool:
        """A listed term that gives the agreement's own length: "- a term of 120 days,
        which could be extended" (its ck:duration, and renewable when it can be extended)."""
        m = _TERM_LENGTH.match(s.span.text)
        if m is None:
            return False
        if agreement.duration is None:
            agreement.duration = _xsd_duration(m["n"], m["unit"])
        if cues().renewal.search(s.span.text, m.end()):
            agreement.renewable = True
        return True

    def _obligation_at(self, text: str, position: int) -> int | None:
        """The modal before a term's verb; in an item of a list of terms, the list implies
        it ("Among its provisions: - the withdrawal of ..."): the item's clause start."""
        modal = _obligation_before(text, position)
        if modal is None and _AGREEMENT_DEMANDS.match(text):
            # "It calls for peacekeepers ... to deploy", "The accord requires both sides to
            # pull back": what the agreement asks for is a term
            to = re.search(r"\bto\s+(?:[\w-]+\s+)?$", text[:position])
            if to is not None:
                modal = to.start()
        if modal is None and self._listed:
            # only the item's head: "the phased withdrawal of X", "pull out of Y", not a
            # noun further on ("a commission is to be set up to oversee the withdrawal")
            start = _clause_start(text, position)
            lead = re.match(r"[\W_]*", text[start:position])
            begin = start + (lead.end() if lead else 0)
            if _LISTED_HEAD.fullmatch(text[begin:position]):
                modal = begin
        return modal

    def _implied_modal(self, text: str) -> re.Match[str] | None:
        """In a listed term, the empty match after the bullet stands for its modal."""
        return re.match(r"[\s\-*•–—]*", text) if self._listed else None

    def _categories(self, s: Sentence) -> list[str]:
        if not _CATEGORY_RE.search(s.span.text):
            return []
        found = []
        for word, cls in _CATEGORIES:
            if re.search(rf"\b{word}", s.span.text, re.IGNORECASE):
                found.append(cls)
        return found

    def _talks(self, s: Sentence, agreement: AgreementFinding,
               events: list[EventFinding]) -> bool:
        for event in events:
            if event.type != "Talks" or agreement.talks is not None:
                continue
            states = {self.finder.state_of(p) for p in event.participants}
            if states & set(agreement.parties) and (agreement.zone is not None or
                                                     any(p.search(s.span.text)
                                                         for _k, p in cues().zones)):
                agreement.talks = event
                if agreement.place is None and event.locations:
                    agreement.place = event.locations[0]
                if agreement.date is None and event.date is not None:
                    agreement.date = _week_as_month(event.date)
                return True
        return False


_POSSESSIVE_NEXT = re.compile(r"['’]s\b")


# a post-modifier between an agreement noun and its passive verb: "the first treaty ever
# to abolish a class of weapons was signed", "a deal on the release of prisoners was reached"
_POSTMODIFIER = re.compile(
    # "a memorandum on normalising relations, which was signed": the relative on the
    # complemented noun
    r"^\s+(?:ever\s+)?(?:to|of|on|for|over|between|with)\s+(?:[\w'’-]+\s+){0,11}?[\w'’-]+"
    r"(?:\s+|,\s*(?:which|that)\s+)"
    r"(?=(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:signed|agreed|reached|"
    r"concluded|initialled|initialed|inked|struck|sealed)\b)", re.IGNORECASE)


def _third_party_after(after: str, apposed: bool) -> str | None:
    """'host', 'mediator' or 'both' when the words right after an agent say it hosted or
    brokered the talks; ``apposed`` when the agent is itself a name in apposition."""
    # "Mexico's president, X Y, hosted the ceremony": the name in apposition read out
    aside = re.match(r"\s*,\s*(?:(?:[A-Z][\w'’.-]*|de|da|del|van|von|al-\w+)\s*){1,6},(?=\s)",
                     after)
    if aside is not None:
        after = after[aside.end():]
    elif apposed and re.match(r",\s", after) and not re.match(r",\s*(?:who|which)\b", after):
        # the name in apposition is the subject itself ("The Xian president, Y Z, who
        # hosted the ceremony": the relative on it stays one)
        after = after[1:]
    if cues().host_subject.match(after):
        return "both" if re.match(r"\s*(?:hosted|convened|organi[sz]ed)\s+and\s+"
                                  r"(?:mediated|brokered|facilitated|chaired)\b", after) \
            else "host"
    if cues().mediator_subject.match(after):
        return "mediator"
    return None


def _late_between(s: Sentence, trigger: Span, after: list[Ref]) -> list[Ref]:
    """'the accord reached in Sweden last week between A and B', 'a truce, brokered by C,
    between A and B': the parties after a "between" that follows the noun's reduced
    relative, its venue, its date or its broker (those words only: names and dates are
    read out, "fighting between A and B" stays out)."""
    rest = s.text_between(trigger.end, s.span.end)
    between = re.search(r"\bbetween\s+(?:the\s+)?", rest)
    if between is None:
        return []
    at = trigger.end + between.end()
    later = [r for r in after if r.start >= at]
    if not later or s.text_between(at, later[0].start).strip() and not re.fullmatch(
            r"(?:[\w-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?", s.text_between(at, later[0].start)):
        return []
    gap = rest[:between.start()]
    spans = [(r.start, r.end) for r in s.refs] + [(d.span.start, d.span.end) for d in s.dates]
    for start, end in sorted(spans, key=lambda x: -x[0]):
        if trigger.end <= start and end <= trigger.end + between.start():
            lo, hi = start - trigger.end, end - trigger.end
            gap = gap[:lo] + " " * (hi - lo) + gap[hi:]
    if not all(w.lower() in cues().late_between_words or w[:1].isupper() or w.isdigit()
               for w in re.findall(r"[\w'’-]+", gap)):
        return []
    return _chain(s, later)


def _another_kind(agreement: AgreementFinding, mention: _Mention, states: list[str]) -> bool:
    """'Iran and six powers reached a deal ... Separately, Iran and the IAEA signed a roadmap':
    an indefinite mention of another kind than the agreement found, naming a party it does
    not have (it has two already), is another agreement, even on the same day."""
    return not mention.definite and mention.cls != "Agreement" and \
        mention.cls not in agreement.classes and len(set(agreement.parties)) >= 2 and \
        bool(set(states) - set(agreement.parties))


def _passive_by_end(s: Sentence, trigger: Span) -> int | None:
    """Where the agents of a passive signing begin, after its "by": right after the noun
    ("the truce was agreed by"), or once asides and a post-modifier are read out ("The
    first treaty ever to ban mines was signed by", "The document, known as X, was signed
    by"), or after a signing named as a noun ("The signing of the accord by A and B")."""
    if cues().signing_of.search(s.text_between(max(s.start, trigger.start - 40), trigger.start)):
        by = re.match(r"\s+by\s+", s.text_between(trigger.end, s.span.end))
        if by is not None:
            return trigger.end + by.end()
    by = _PASSIVE_BY.match(s.text_between(trigger.end, s.span.end))
    if by is not None:
        return trigger.end + by.end()
    raw = s.text_between(trigger.end, s.span.end)
    post = _POSTMODIFIER.match(raw)
    if post is not None and (by := _PASSIVE_BY.match(" " + raw[post.end():])) is not None:
        return trigger.end + post.end() + by.end() - 1
    blank = blank_asides(s.span.text)[trigger.end - s.start:]
    post = _POSTMODIFIER.match(blank)
    skip = post.end() if post else 0
    by = _PASSIVE_BY.match(" " + blank[skip:])  # the space the post-modifier took
    return trigger.end + skip + by.end() - 1 if by is not None else None


def _reached_after_aside(text: str, end: int) -> re.Match[str] | None:
    """The reaching verb after the noun once asides and a post-modifier are read out:
    "The document, known as the X Declaration, was signed", "The first treaty ever to
    abolish a class of weapons was signed"."""
    post = _POSTMODIFIER.match(text[end:])
    if post is not None:
        return cues().reached_after.match(" " + text[end + post.end():])
    after = blank_asides(text)[end:]
    if "," in after[:1]:
        return None
    post = _POSTMODIFIER.match(after)
    rest = " " + after[post.end():] if post else re.sub(r"^\s+", " ", after)
    return cues().reached_after.match(rest)


def _about_agreement(text: str, m: re.Match[str]) -> bool:
    """Whether an entry-into-force cue is said of an agreement (not of a zone or a law)."""
    c = cues()
    # a relative clause inside the subject stays out ("The truce between X, which backs
    # the government, and Y took effect")
    subject = clause_before(_RELATIVE_INSIDE.sub("", text[:m.start()]))
    subject = re.split(r"[;:]|,\s*(?:and|but)\b|\b(?:after|before|since)\b", subject)[-1]
    if not c.trigger.search(subject):
        # an apposition inside the subject stays out too ("A ceasefire between X and Y, the
        # movement that rules Z, took effect")
        blanked = clause_before(blank_asides(text)[:m.start()])
        blanked = re.split(r"[;:]|,\s*(?:and|but)\b|\b(?:after|before|since)\b", blanked)[-1]
        if c.trigger.search(blanked):
            subject = blanked
    raw = text[max(0, m.start() - 80):m.start()]
    relative = re.search(r"\b(?:that|which)\s+(?:\w+\s+)?$", raw)
    trigger = c.trigger.search(subject)
    if trigger is not None and c.in_force_not_subject.search(subject[:trigger.start()]):
        return False  # "the withdrawal from the treaty would take effect on Saturday"
    return bool(
        re.match(r"(?i)(?:fighting|hostilities|shooting|firing|the\s+guns|military)", m.group())
        or c.trigger.search(subject)
        or (_PRONOUN_START.match(subject) and m.start() < 40)
        # "a ceasefire mediated by Egypt that took effect at 2 a.m."
        or (relative is not None and c.trigger.search(raw[:relative.start()])))


# a listed term that is the agreement's length: "a term of 120 days", "an initial period of
# six months"
_TERM_LENGTH = re.compile(
    r"^\W*(?:an?\s+|the\s+|its\s+)?(?:initial\s+|first\s+)?(?:term|period|duration|lifetime|"
    r"validity)\s+of\s+(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|sixty|ninety)\s+(?P<unit>days?|weeks?|months?|years?)\b",
    re.IGNORECASE)
# the words of a listed term before its verb or noun: "the phased", "all", "both sides"
_LISTED_HEAD = re.compile(r"(?:(?:the|a|an|all|both|each)\s+)?(?:(?!to\b|is\b|are\b|be\b)"
                          r"[\w-]+\s+){0,3}", re.IGNORECASE)
_BULLET = re.compile(r"(?m)^[ \t]*[-*•–][ \t]+")


def _list_parts(s: Sentence) -> tuple[Sentence | None, list[Sentence]] | None:
    """A sentence that holds a bulleted list: the text before the first bullet (if any) and
    one sub-sentence per item, each with the references, dates and counts inside it."""
    marks = list(_BULLET.finditer(s.span.text))
    if not marks:
        return None
    bounds = [m.start() for m in marks] + [len(s.span.text)]
    head = s.span.text[:bounds[0]]
    intro = _sub_sentence(s, 0, len(head.rstrip())) if head.strip() else None
    items = [_sub_sentence(s, marks[i].end(), len(s.span.text[:bounds[i + 1]].rstrip()))
             for i in range(len(marks))]
    return intro, items


def _sub_sentence(s: Sentence, lo: int, hi: int) -> Sentence:
    a, b = s.start + lo, s.start + hi

    def inside(span: Span) -> bool:
        return a <= span.start and span.end <= b

    return Sentence(s.slice(a, b), [r for r in s.refs if inside(r.span)],
                    [d for d in s.dates if inside(d.span)],
                    [p for p in s.periods if inside(p.span)],
                    [q for q in s.quantities if inside(q.span)])


def _finditer(pattern: Prefiltered, text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text))


def _obligation_before(text: str, position: int) -> int | None:
    """Where the modal of an obligation or commitment right before ``position`` starts
    ("must begin to withdraw", "will also deploy", "are to be released")."""
    window_start = max(0, position - 40)
    window = text[window_start:position]
    for m in cues().obliged.finditer(window):
        if re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", window[m.end():]):
            return window_start + m.start()
    return None


def _past_event(before: str) -> bool:
    """'were released on Sunday': a release that happened is an event, not a term."""
    return re.search(r"\b(?:were|was|have\s+been|had\s+been|has\s+been)\s+$", before) is not None \
        and re.search(r"\bto\s+be\s+$|\b(?:will|must|shall|would)\s+be\s+$", before) is None


_NUMBER_WORDS = {"two": 2, "five": 5, "ten": 10}


def _time_of_day(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    word = m["time"].lower()
    if word.endswith("midnight"):
        # "one minute past midnight": 00:01
        past = (m["past"] or "0").lower()
        minutes = 1 if past in ("one", "a") else _NUMBER_WORDS.get(past) or int(past)
        return f"00:{minutes:02d}" if minutes < 60 else None
    if word in ("noon", "midday"):
        return "12:00"
    if m["hour"]:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = m["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
        return f"{hour:02d}:{minute:02d}"
    if m["hhmm"]:
        return f"{int(m['hhmm']):02d}:{int(m['mm']):02d}"
    return None


def _week_as_month(date: DateMention) -> DateMention | None:
    """'signed last week': the month when the whole week (Monday to Sunday) falls in one, else
    no signing date (a signing date is a day, a month or a year; the day "last week" stands
    for is not known)."""
    if date.precision != "week":
        return date
    monday = date.value - dt.timedelta(days=date.value.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None
    return DateMention(date.span, monday.replace(day=1), "month", date.relative)


def _month_end_days(s: Sentence) -> list[DateMention]:
    """The sentence's dates, a month "by the end of" which a term is due read as its last day
    ("by the end of November 1992": 1992-11-30)."""
    found = []
    for d in s.dates:
        if d.precision == "month" and re.search(
                r"\bby\s+the\s+end\s+of\s+$", s.text_between(max(s.start, d.span.start - 20),
                                                             d.span.start), re.IGNORECASE):
            last = calendar.monthrange(d.value.year, d.value.month)[1]
            d = DateMention(d.span, d.value.replace(day=last), "day", d.relative)
        found.append(d)
    return found


def _week_as_month_or_none(date: DateMention | None) -> DateMention | None:
    return None if date is None else _week_as_month(date)


def _xsd_duration(number: str, unit: str) -> str | None:
    value = 1 if number.lower() in ("a", "an") else parse_number(number)
    if value is None or not float(value).is_integer():
        return None
    letter = _UNITS[unit.lower().rstrip("s")]
    return f"PT{int(value)}H" if letter == "H" else f"P{int(value)}{letter}"


def _long_before(agreement: AgreementFinding, signed: DateMention | None) -> bool:
    """A signing more than a year before an undated agreement took effect: another agreement
    ("A ceasefire between A and B took effect on Wednesday ... A six-month truce brokered
    between the two sides in June 2008 broke down")."""
    return agreement.date is None and agreement.effective_from is not None and \
        signed is not None and (agreement.effective_from.value - signed.value).days > 366


def _ratified_later(agreement: AgreementFinding, mention: _Mention) -> bool:
    """'A treaty ... came into force on Friday. The two governments signed the treaty in New
    York last March': a treaty named back ("the treaty") is the one in force, however long
    before its signing was (ratification takes time); an indefinite mention or one of another
    kind is still another agreement."""
    return mention.definite and not mention.other and mention.cls == "Treaty" and \
        "Treaty" in agreement.classes


def _background(found: AgreementFinding, current: AgreementFinding | None) -> bool:
    """An agreement signed before the current one, named after it ("The memorandum revises
    the X Memorandum that the two sides concluded in October last year", "Three months
    earlier, A and B signed a declaration"), is the story's background: the current
    agreement stays current, so the terms and references that follow are still its own."""
    if current is None or found is current or found.date is None or current.date is None \
            or current.kind != "Agreement" or found.kind != "Agreement":
        return False
    return _period_end(found.date) < current.date.value


def _period_end(date: DateMention) -> dt.date:
    """The last day of the period a date names (a year, a month, a week or a day)."""
    if date.precision == "year":
        return dt.date(date.value.year, 12, 31)
    if date.precision == "month":
        following = dt.date(date.value.year + date.value.month // 12, date.value.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if date.precision == "week":
        return date.value + dt.timedelta(days=6)
    return date.value


def _compatible(first: DateMention | None, second: DateMention | None) -> bool:
    """Two signing dates that can be one agreement's: unknown, the same day, or the same
    month when one of them gives no day (two days are two signings)."""
    if first is None or second is None:
        return True
    if "year" in (first.precision, second.precision):
        return first.value.year == second.value.year
    if first.precision == "day" and second.precision == "day":
        return first.value == second.value
    return (first.value.year, first.value.month) == (second.value.year, second.value.month)


_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_PRESENT_OR_FUTURE = re.compile(r"^(?:takes|take|to\s+take|will\s+take|comes|come|to\s+come|"
                                r"goes|go|enters|enter|to\s+(?:begin|start|commence)|begins|"
                                r"starts|commences)\b", re.IGNORECASE)


def _coming_weekday(date: DateMention, signed: DateMention | None, cue: str) -> DateMention:
    """'The truce takes effect on Tuesday' in a report of a Saturday signing: a weekday
    read as the past one that falls before the signing is the coming one (an agreement
    never takes effect before it is signed)."""
    if signed is None or not date.relative or date.precision != "day" or \
            signed.precision != "day" or not _WEEKDAY.search(date.span.text) or \
            not _PRESENT_OR_FUTURE.match(cue) or not 0 < (signed.value - date.value).days < 7:
        return date
    return DateMention(date.span, date.value + dt.timedelta(days=7), date.precision, True)


def _not_before(date: DateMention, signed: DateMention | None) -> bool:
    """A start or deadline is not before the signing (same precision compared)."""
    if signed is None:
        return True
    if date.precision == "day" and signed.precision == "day":
        return date.value >= signed.value
    return (date.value.year, date.value.month) >= (signed.value.year, signed.value.month)


def _plus(start: dt.date, n: int, unit: str) -> dt.date:
    """``start`` plus ``n`` days, weeks, months or years (a month end is kept in range)."""
    if unit in ("day", "week"):
        return start + dt.timedelta(days=n * (7 if unit == "week" else 1))
    months = start.month - 1 + n * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


# a count written in digits that is no year ("5,000", "350")
_BARE_COUNT = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?![\w,]\d|\d)")
# a sentence about talks or a visit still to come is no term of the agreement
_NOT_TERM_SUBJECT = re.compile(r"^\W*(?:[\w-]+\s+){0,2}?(?:talks|negotiations|meetings?|"
                               r"summit|conference|visit|delegation|envoys?)\b", re.IGNORECASE)
# a short clause with no verb of its own ("the first group of them")
_VERBLESS = re.compile(r"\W*(?:[\w'’-]+\s+){0,10}")
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|be|been|must|shall|"
                     r"\w+ed)\b", re.IGNORECASE)


def _clause_start(text: str, position: int) -> int:
    # a comma inside a number ("8,600") ends no clause
    cut = max(text.rfind(", ", 0, position), text.rfind(";", 0, position))
    return cut + 1 if cut >= 0 and position - cut < 120 else 0


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_refs(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    kept = []
    for ref in refs:
        if ref.entity not in seen:
            seen.add(ref.entity)
            kept.append(ref)
    return kept


def _chain(s: Sentence, after: list[Ref]) -> list[Ref]:
    """'A, B and C' from the first of ``after`` on ("the leaders of A and B" too)."""
    chain = [after[0]]
    for ref in after[1:]:
        relative = _RELATIVE_AFTER.match(s.text_between(chain[-1].end, s.span.end))
        if relative is not None and ref.start < chain[-1].end + relative.end():
            continue  # inside a relative clause on the previous party
        # a relative clause on a party stays out of the list ("the coalition, which backs
        # the government, and the Houthis")
        gap = _RELATIVE_AFTER.sub("", s.text_between(chain[-1].end, ref.start), count=1)
        if _COORDINATION.fullmatch(gap) and not re.search(r"\b(?:with|by)\b", gap):
            chain.append(ref)
        else:
            break
    return chain


def _old_parties(s: Sentence, trigger: Span, agents: list[Ref]) -> list[Ref]:
    """Parties of a coordination mechanism: "between X and Y", "with X", the subject."""
    parties: list[Ref] = []
    after = [m for m in agents if m.start >= trigger.end]
    if after:
        gap = s.text_between(trigger.end, after[0].start)
        if _WITH.match(gap) or re.search(r"\bbetween\W*(?:the\W+)?$", gap, re.IGNORECASE):
            parties.extend(_chain(s, after)[:2])
    before = [m for m in agents if m.end <= trigger.start]
    if before:
        gap = s.text_between(before[-1].end, trigger.start)
        if cues().reached_verbs.search(gap) and "," not in gap:
            parties[0:0] = _coordinated_before(s, before)
    return parties


def _coordinated_before(s: Sentence, before: list[Ref]) -> list[Ref]:
    """The agents coordinated with the last of ``before`` ("A, B and C"), in order."""
    chain = [before[-1]]
    for ref in reversed(before[:-1]):
        # a shared head noun and a count may come between: "the A and B governments and
        # eight C parties"
        if not re.fullmatch(r"\s*(?:(?-i:[a-z]+)s\s+|" + _POSSESSED_HEAD + r")?"
                            r"(?:,|and|,\s*and)\s*(?:the\s+)?"
                            r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
                            # "A and the rebel X", "A and the former armed group X", "A and
                            # the southern rebel X" (one free modifier before those words)
                            r"(?:(?:(?-i:[a-z][\w-]*)\s+)?(?:former|rebel|armed|opposition|"
                            r"militant|separatist|guerrilla|insurgent)\s+){0,2}"
                            # "Delegations of A and the breakaway region of B"
                            r"(?:(?:(?-i:[a-z][\w-]*)\s+){1,3}?of\s+(?:the\s+)?)?"
                            r"(?:(?-i:[A-Z][a-z]+)\s+)?",
                            s.text_between(ref.end, chain[0].start)):
            break
        chain.insert(0, ref)
    return chain


def _coordinated(s: Sentence, agents: list[Ref]) -> list[Ref]:
    if not agents:
        return []
    chain = [agents[0]]
    for ref in agents[1:]:
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", s.text_between(chain[-1].end,
                                                                             ref.start)):
            chain.append(ref)
        else:
            break
    return chain
