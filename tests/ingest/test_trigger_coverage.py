"""Trigger coverage (issue 17, event recall on unseen documents): wordings of each kind of
event beyond the first lexicon, and the guarded senses of ambiguous words.

Every sentence is invented for this test (other countries, other places); none comes from a
corpus document.  Each positive case names the frame it must give and, where the sentence
names them, its agent, target and place; each negative case a sense that must give no event
of that class ("fell to zero", "captured market share", "held a campaign rally").
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import PUBLISHED


def _rows(kb: KnowledgeBase, text: str) -> list[dict[str, str]]:
    """Each event: class, factuality, agents, targets and places (slugs, comma-joined)."""
    store = extracted(kb, text, "trigger-coverage-test", PUBLISHED)
    found = []
    for row in store.query(PREFIX_LINES + """
            SELECT ?e ?class ?f (GROUP_CONCAT(DISTINCT STR(?a); separator=",") AS ?agents)
                   (GROUP_CONCAT(DISTINCT STR(?t); separator=",") AS ?targets)
                   (GROUP_CONCAT(DISTINCT STR(?l); separator=",") AS ?places) {
              ?e a ?class ; ck:factuality ?f . FILTER(?class != ck:Event)
              OPTIONAL { ?e ck:agent ?a } OPTIONAL { ?e ck:eventTarget ?t }
              OPTIONAL { ?e ck:location ?l }
            } GROUP BY ?e ?class ?f"""):  # type: ignore[union-attr]
        found.append({"class": row["class"].value.rsplit("#", 1)[-1],
                      "f": row["f"].value.rsplit("#", 1)[-1],
                      "agents": _slugs(row["agents"]), "targets": _slugs(row["targets"]),
                      "places": _slugs(row["places"])})
    return found


def _slugs(term: object) -> str:
    value = getattr(term, "value", "") if term is not None else ""
    return ",".join(sorted(x.rsplit("/", 1)[-1] for x in str(value).split(",") if x))


def _has(found: list[dict[str, str]], expected: dict[str, str]) -> bool:
    """One event has every expected value (an agent, target or place may be one of several;
    the state of an armed force, "armed-forces/x", counts as "x")."""
    def matches(event: dict[str, str]) -> bool:
        for key, want in expected.items():
            got = event[key]
            if key in ("agents", "targets", "places"):
                if want not in got.split(","):
                    return False
            elif got != want:
                return False
        return True
    return any(matches(e) for e in found)


# (sentence, class, factuality, agent, target, place): "" where the sentence names none
POSITIVE = [
    # shootdowns: bring/take/knock down, out of the sky, the noun "shootdown"
    ("Armenian troops took down an Azerbaijani drone over Lachin on Sunday.",
     "Shootdown", "actual", "armenia", "", "lachin"),
    ("The Peruvian army failed to bring down any of the Chilean drones.",
     "Shootdown", "negated", "peru", "", ""),
    ("Turkey's shootdown of the Syrian jet angered Damascus.",
     "Shootdown", "actual", "turkey", "", ""),
    ("Ugandan gunners knocked two Sudanese helicopters out of the sky on Sunday.",
     "Shootdown", "actual", "uganda", "", ""),
    # air strikes named by their means
    ("Nigerian jets strafed a rebel convoy near Kano on Sunday.",
     "AirStrike", "actual", "nigeria", "", "kano"),
    ("Kenyan drone strikes killed ten militants near Kismayo on Sunday.",
     "AirStrike", "actual", "kenya", "", "kismayo"),
    # strikes: the weapon as subject, "hit" and "targeted" with a military object, "hammered"
    ("Russian missiles hit Lviv overnight, killing two people.",
     "Strike", "actual", "russia", "lviv", ""),
    ("Ghana hit targets in Togo on Tuesday.", "Strike", "actual", "ghana", "", "togo"),
    ("The army said it had not targeted Malian forces.", "Strike", "negated", "", "mali", ""),
    ("Sudanese artillery hammered rebel positions near Kassala on Sunday.",
     "Strike", "actual", "sudan", "", "kassala"),
    # attacks: firing, bombs that went off, storming a named city, burning with a "by" phrase
    ("Chinese coast guard ships fired water cannon at a Vietnamese fishing boat on Monday.",
     "Attack", "actual", "china", "vietnam", ""),
    ("Eritrean troops opened fire, killing two villagers near Asmara on Monday.",
     "Attack", "actual", "eritrea", "", "asmara"),
    ("A bomb exploded in a market in Kano on Monday, killing five people.",
     "Attack", "actual", "", "", "kano"),
    ("Gunmen stormed the gates of the presidential palace in Bamako on Monday.",
     "Attack", "actual", "", "", "bamako"),
    ("Rebels threatened to storm Kinshasa.", "Attack", "future", "", "", ""),
    ("Two mosques set ablaze by rioters in Kano were rebuilt.", "Attack", "actual", "", "", ""),
    ("Ethiopian forces launched a ground assault on the rebel-held town on Monday.",
     "Attack", "actual", "ethiopia", "", ""),
    # seizures: a place that fell, was liberated or occupied
    ("The town of Goma fell to M23 rebels on Monday.",
     "Seizure", "actual", "march-23-movement", "goma", ""),
    ("The Kenyan army liberated the town of Kismayo on Monday.",
     "Seizure", "actual", "kenya", "kismayo", ""),
    ("Rwandan troops occupied Goma on Monday.", "Seizure", "actual", "rwanda", "goma", ""),
    ("The Liberian navy impounded a Ghanaian trawler on Monday.",
     "Seizure", "actual", "liberia", "", ""),
    # detentions
    ("Police locked up dozens of students in Mombasa on Monday.",
     "Detention", "actual", "", "", "mombasa"),
    ("The Kenyan navy interned the crew of the trawler on Monday.",
     "Detention", "actual", "kenya", "", ""),
    # releases and exchanges
    ("The junta vowed to free the detained journalists.", "Release", "future", "", "", ""),
    ("Ugandan troops rescued the kidnapped engineers near Goma on Monday.",
     "Release", "actual", "uganda", "", "goma"),
    ("Russia and Ukraine exchanged 100 POWs on Monday.",
     "PrisonerExchange", "actual", "russia", "", ""),
    ("The hostage swap took place in Doha on Monday.",
     "PrisonerExchange", "actual", "", "", "doha"),
    # deployments and withdrawals
    ("Turkey rushed reinforcements to the border on Monday.",
     "Deployment", "actual", "turkey", "", ""),
    ("Peacekeepers arrived in Bangui on Monday.", "Deployment", "actual", "", "", "bangui"),
    ("Armenia beefed up its military presence along the border.",
     "Deployment", "actual", "armenia", "", ""),
    ("The Kremlin ordered a partial call-up of reservists on Monday.",
     "Deployment", "actual", "", "", ""),
    ("Britain drew down its troops in Mali on Monday.",
     "Withdrawal", "actual", "united-kingdom", "", "mali"),
    # incursions: the state whose airspace or waters were entered is the target
    ("Three Belarusian helicopters crossed the border into Lithuanian airspace on Monday.",
     "Incursion", "actual", "belarus", "lithuania", ""),
    ("Two Chinese jets breached Taiwanese airspace on Sunday.",
     "Incursion", "actual", "china", "taiwan", ""),
    ("Turkish jets violated Greek airspace on Sunday.",
     "Incursion", "actual", "turkey", "greece", ""),
    ("Two Sudanese gunboats entered Eritrean territorial waters on Sunday.",
     "Incursion", "actual", "sudan", "eritrea", ""),
    ("Israel denied any incursions into Lebanese territory.",
     "Incursion", "hypothetical", "", "lebanon", ""),
    # offensives and operations
    ("Rebel troops advanced on Goma on Sunday.", "Offensive", "actual", "", "", "goma"),
    ("Colombian troops encircled the town on Sunday.",
     "MilitaryOperation", "actual", "colombia", "", ""),
    ("The British army conducted a ground operation in Helmand on Sunday.",
     "MilitaryOperation", "actual", "", "", "helmand"),
    # ceasefires broken
    ("Azerbaijani forces flouted the truce on Sunday.",
     "CeasefireViolation", "actual", "azerbaijan", "", ""),
    ("Indian troops fired across the line in breach of the armistice on Sunday.",
     "CeasefireViolation", "actual", "india", "", ""),
    # government acts
    ("The parliament in Kyiv passed emergency legislation on Sunday.",
     "LegislativeVote", "actual", "", "", ""),
    ("The treaty was ratified by the Senate on Sunday.", "LegislativeVote", "actual", "", "", ""),
    ("The European Union tightened sanctions on Belarus on Sunday.",
     "Sanctions", "actual", "european-union", "belarus", ""),
    ("The United States sanctioned two Russian generals on Sunday.",
     "Sanctions", "actual", "united-states", "", ""),
    ("Nigeria closed its embassy in Niamey on Sunday.",
     "GovernmentAct", "actual", "nigeria", "", "niamey"),
    ("Estonia declared a Russian diplomat persona non grata on Sunday.",
     "GovernmentAct", "actual", "estonia", "russia", ""),
    ("The junta declared a state of siege in the province on Sunday.",
     "EmergencyDeclaration", "actual", "", "", ""),
    # protests
    ("Several hundred students protested in central Lagos on Sunday.",
     "Protest", "actual", "", "", "lagos"),
    ("Opposition supporters staged a protest outside parliament in Nairobi on Sunday.",
     "Protest", "actual", "", "", "nairobi"),
    # second batch: bombs dropped, mortared, firebombed, missiles downed by air defences, a ship
    # sent, executive acts at home
    ("Syrian helicopters dropped barrel bombs on Aleppo on Sunday.",
     "AirStrike", "actual", "syria", "", ""),
    ("Rebels mortared the airport in Goma on Sunday.", "Strike", "actual", "", "", "goma"),
    ("Militants firebombed a church in Kano on Sunday.", "Attack", "actual", "", "", "kano"),
    ("Ukrainian air defences shot down 20 Russian cruise missiles on Sunday.",
     "Interception", "actual", "ukraine", "", ""),
    ("Israeli air defences neutralised 15 drones over the Golan on Sunday.",
     "Interception", "actual", "israel", "", ""),
    ("Britain sent a frigate to the Black Sea on Sunday.",
     "Deployment", "actual", "united-kingdom", "", ""),
    ("The junta dissolved parliament on Sunday.", "GovernmentAct", "actual", "", "", ""),
    ("Canada designated the group a terrorist organisation on Sunday.",
     "GovernmentAct", "actual", "canada", "", ""),
    ("The Kenyan parliament approved the deployment of troops to Haiti on Sunday.",
     "LegislativeVote", "actual", "kenya", "", ""),
    ("Artillery fire hit the village of Goma on Sunday.", "Strike", "actual", "", "goma", ""),
    ("Indian and Pakistani troops exchanged fire across the border on Sunday.",
     "Attack", "actual", "pakistan", "", ""),
    ("A Belarusian fighter forced the airliner to land in Minsk on Sunday.",
     "Interception", "actual", "belarus", "", "minsk"),
    ("Russia recognised the independence of the two regions on Sunday.",
     "GovernmentAct", "actual", "russia", "", ""),
    ("The president signed the bill into law on Sunday.", "GovernmentAct", "actual", "", "", ""),
    # places: a passive's place subject, past a second object, past "the capital,", in "the
    # states of"
    ("Goma was captured by Rwandan troops on Monday.",
     "Seizure", "actual", "rwanda", "goma", ""),
    ("Kenyan jets bombed two large rebel training camps and an old arms depot at Kismayo.",
     "Strike", "actual", "kenya", "", "kismayo"),
    ("Soldiers detained the party leader and two ministers in raids in the port city, Mombasa.",
     "Detention", "actual", "", "", "mombasa"),
    ("The president declared a state of emergency in the northern states of Kano and Kaduna.",
     "EmergencyDeclaration", "actual", "", "", "kano"),
    # ramming and boarding tried
    ("The Chinese coast guard vessel tried to ram the Philippine supply boat.",
     "Ramming", "hypothetical", "china", "philippines", ""),
    ("Somali pirates tried to board the tanker off Eyl.", "Boarding", "hypothetical", "", "", ""),
]


@pytest.mark.parametrize(("text", "event_class", "f", "agent", "target", "place"), POSITIVE,
                         ids=[p[0][:48] for p in POSITIVE])
def test_a_wording_gives_its_frame(kb: KnowledgeBase, text: str, event_class: str, f: str,
                                   agent: str, target: str, place: str) -> None:
    found = _rows(kb, text)
    expected = {"class": event_class, "f": f}
    if agent:
        expected["agents"] = agent
    if target:
        expected["targets"] = target
    if place:
        expected["places"] = place
    assert _has(found, expected), found


# (sentence, the class it must not give)
NEGATIVE = [
    ("Interest rates fell to zero on Monday.", "Seizure"),
    ("The final decision fell to the army chief.", "Seizure"),
    ("The company captured market share in Kenya.", "Seizure"),
    ("The striker captured the imagination of fans in Lagos.", "Seizure"),
    ("The attack was captured on camera in Kano.", "Seizure"),
    ("Kenya seized on the remarks to demand an apology.", "Seizure"),
    ("He suffered a seizure in Nairobi on Sunday.", "Seizure"),
    ("Ghana released a video showing the hostages.", "Release"),
    ("The ministry released figures on the hostages on Monday.", "Release"),
    ("The two states agreed to free trade in Abuja.", "Release"),
    ("Rescuers rescued three children from the flood in Kano.", "Release"),
    ("The party held a campaign rally in Kano on Sunday.", "Protest"),
    ("The students demonstrated their skills in Lagos on Sunday.", "Protest"),
    ("Kenya protested to Uganda over the remarks.", "Protest"),
    ("The unit is part of the special operations forces.", "MilitaryOperation"),
    ("The central bank hit its inflation targets in May.", "Strike"),
    ("Oil prices hit record highs on Monday.", "Strike"),
    ("The new tariffs targeted Chinese steel exports.", "Strike"),
    ("The workers went on strike over pay in Lagos.", "Strike"),
    ("The coast guard fired warning shots at the trawler.", "Attack"),
    ("Critics took a shot at the minister over the budget.", "Attack"),
    ("Soldiers took down the flag at the border post.", "Shootdown"),
    ("Refugees crossed the border into Polish territory on Monday.", "Incursion"),
    ("Prices advanced on Monday in Nairobi.", "Offensive"),
    ("The cabinet sanctioned the use of force in Mali.", "Sanctions"),
    ("Passengers boarded the ferry in Mombasa on Sunday.", "Boarding"),
    ("Thousands of protesters marched on the Nigerian embassy in Accra.", "Offensive"),
    ("The Red Cross helped to free the hostages.", "Release"),
    ("Stock prices rocketed on Sunday.", "Strike"),
    ("He took back his words on Sunday.", "Seizure"),
    ("The troops had hit several camps, the general told reporters.", "Strike"),
    ("The plane was hit by anti-aircraft fire and machine guns at dawn.", "Attack"),
    ("The jets were flown from the aircraft carrier in the Gulf.", "Deployment"),
    ("The rebels demanded that the government lift its ban on the group.", "GovernmentAct"),
    ("The bloc gave the officers one week to free the president.", "Release"),
    ("Shareholders approved the merger on Sunday.", "LegislativeVote"),
    ("The coach forced the players to land on their feet.", "Interception"),
    ("The accord takes effect once the parliament has ratified it.", "LegislativeVote"),
]


@pytest.mark.parametrize(("text", "event_class"), NEGATIVE, ids=[n[0][:48] for n in NEGATIVE])
def test_a_guarded_sense_gives_no_event(kb: KnowledgeBase, text: str, event_class: str) -> None:
    found = _rows(kb, text)
    assert not [e for e in found if e["class"] == event_class], found
