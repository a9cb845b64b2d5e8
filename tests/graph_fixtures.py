"""Hand-written extractions (the JSON contract) and store fixtures for the graph tests.

The ``store`` fixture is parametrized over store kinds; the Neo4j store adds
``"neo4j"`` to :data:`STORE_KINDS` (it then gets a wiped server from the
``neo4j_clean`` fixture of ``tests/neo4j_server.py``). Test modules import it with
``from tests.graph_fixtures import store``.
"""

from __future__ import annotations

import copy
import random

import pytest

from graph.stores import make_store

STORE_KINDS = ["embedded", "neo4j"]


@pytest.fixture(params=STORE_KINDS)
def store(request, tmp_path):
    """A fresh, empty store of each kind, in a real file under ``tmp_path``."""
    if request.param == "embedded":
        kw = {"path": tmp_path / "graph.db"}
    elif request.param == "neo4j":
        kw = {"uri": request.getfixturevalue("neo4j_clean")}
    else:
        kw = {}
    built = make_store(request.param, **kw)
    yield built
    built.close()


# -- builders ------------------------------------------------------------------------------
def entity(local_id, name, kind, *, aliases=(), affiliation=(), role=(), country=None,
           geonames_id=None, wikidata=None, iso=None, mentions=None):
    """An entity of the contract; one mention at offset 0 unless given."""
    return {
        "id": local_id, "name": name, "type": kind, "aliases": list(aliases),
        "attributes": {"affiliation": list(affiliation), "role": list(role), "country": country,
                       "geonames_id": geonames_id, "wikidata": wikidata, "iso": iso},
        "mentions": mentions if mentions is not None
        else [{"start": 0, "end": len(name), "text": name}],
    }


def event(local_id, kind, date_value, *, participants=(), place=None, country=None,
          sentence=None, start=0, confidence=0.9):
    """An event of the contract; ``participants`` is a list of (entity id, role)."""
    granularity = {10: "day", 7: "month", 4: "year"}.get(len(date_value or ""), "day")
    if date_value and "W" in date_value:
        granularity = "week"
    sentence = sentence or f"A {kind.lower()} happened on {date_value}."
    return {
        "id": local_id, "type": kind, "trigger": kind.lower(),
        "date": {"value": date_value, "granularity": granularity} if date_value else None,
        "place": place, "country": country,
        "participants": [{"entity": e, "role": r} for e, r in participants],
        "evidence": {"sentence": sentence, "start": start, "end": start + len(sentence)},
        "confidence": confidence,
    }


def extraction(doc_id, *, outlet=None, published=None, entities=(), events=(), title=None,
               url=None, content_hash=None, claims=None):
    """An extraction dict for one article."""
    document = {"id": doc_id, "title": title or f"Article {doc_id}",
                "url": url or f"https://news.example/{doc_id}", "outlet": outlet,
                "published": published, "source_path": f"corpus/{doc_id}.txt"}
    if content_hash is not None:
        document["content_hash"] = content_hash
    result = {"document": document, "entities": list(entities), "dates": [],
              "events": list(events)}
    if claims is not None:
        result["claims"] = claims
    return result


# -- a small realistic corpus: Kazakhstan, January 2022 --------------------------------------
ALMATY = dict(country="Kazakhstan", geonames_id=1526384, wikidata="Q35493")


def reuters_broadcast_and_outage():
    """Ablyazov livestreams on YouTube on 4 January; YouTube is blocked in Almaty on 5 January."""
    s1 = ("Exiled opposition leader Mukhtar Ablyazov urged supporters to rally in a "
          "livestream on YouTube on Tuesday.")
    s2 = "On Wednesday YouTube was blocked in Almaty, NetBlocks said."
    return extraction(
        "reuters-2022-01-05", outlet="Reuters", published="2022-01-05T18:00:00Z",
        title="Kazakh unrest: exiled leader calls for protests as internet goes dark",
        entities=[
            entity("e1", "Mukhtar Ablyazov", "PERSON", affiliation=["opposition"],
                   role=["exiled opposition leader"],
                   mentions=[{"start": 25, "end": 41, "text": "Mukhtar Ablyazov"}]),
            entity("e2", "YouTube", "PLATFORM", mentions=[{"start": 88, "end": 95,
                                                           "text": "YouTube"}]),
            entity("e3", "Almaty", "CITY", **ALMATY),
            entity("e4", "Kazakhstan", "COUNTRY", iso="KZ"),
        ],
        events=[
            event("ev1", "BROADCAST", "2022-01-04", participants=[("e1", "speaker"),
                                                                  ("e2", "platform")],
                  country="Kazakhstan", sentence=s1, start=0),
            event("ev2", "OUTAGE", "2022-01-05", participants=[("e2", "affected_platform")],
                  place="e3", country="Kazakhstan", sentence=s2, start=len(s1) + 1),
        ],
    )


def ap_outage():
    """AP reports the same Almaty outage; names Ablyazov with a possessive."""
    s1 = "YouTube and other sites were cut off in Almaty on Jan. 5 by Kazakhtelecom."
    s2 = "Mukhtar Ablyazov's supporters blamed the government."
    return extraction(
        "ap-2022-01-06", outlet="AP", published="2022-01-06",
        entities=[
            entity("e1", "YouTube", "PLATFORM"),
            entity("e2", "Almaty", "CITY", **ALMATY),
            entity("e3", "Kazakhtelecom", "ORGANIZATION", affiliation=["industry"]),
            entity("e4", "Mukhtar Ablyazov's", "PERSON", affiliation=["opposition"]),
        ],
        events=[
            event("ev1", "OUTAGE", "2022-01-05", participants=[("e1", "affected_platform"),
                                                               ("e3", "actor")],
                  place="e2", country="Kazakhstan", sentence=s1),
            event("ev2", "PROTEST", "2022-01", participants=[("e4", "participant")],
                  country="Kazakhstan", sentence=s2, start=len(s1) + 1),
        ],
    )


def eurasianet_family():
    """Madina Ablyazova (a different person) and a misspelt 'Mukhtar Ablyasov'."""
    s1 = "Madina Ablyazova, daughter of Mukhtar Ablyasov, spoke in a video message."
    return extraction(
        "eurasianet-2022-01-07", outlet="Eurasianet", published="2022-01-07",
        entities=[
            entity("e1", "Madina Ablyazova", "PERSON", affiliation=["opposition"]),
            entity("e2", "Mukhtar Ablyasov", "PERSON"),
        ],
        events=[event("ev1", "BROADCAST", "2022-01-07", participants=[("e1", "speaker")],
                      country="Kazakhstan", sentence=s1)],
    )


def government_broadcast_then_outage():
    """President Tokayev addresses the nation; the internet is shut down the next day."""
    s1 = "President Kassym-Jomart Tokayev addressed the nation on state television."
    s2 = "The next day the internet was shut down across Kazakhstan."
    return extraction(
        "tass-2022-01-08", outlet="TASS", published="2022-01-08",
        entities=[
            entity("e1", "Kassym-Jomart Tokayev", "PERSON", affiliation=["government"]),
            entity("e2", "Government of Kazakhstan", "GOVERNMENT"),
            entity("e3", "Kazakhstan", "COUNTRY", iso="KZ"),
        ],
        events=[
            event("ev1", "BROADCAST", "2022-01-10", participants=[("e1", "speaker")],
                  country="Kazakhstan", sentence=s1),
            event("ev2", "OUTAGE", "2022-01-11", participants=[("e2", "actor")], place="e3",
                  country="Kazakhstan", sentence=s2, start=len(s1) + 1),
        ],
    )


def corpus():
    """The four articles above, in publication order."""
    return [reuters_broadcast_and_outage(), ap_outage(), eurasianet_family(),
            government_broadcast_then_outage()]


def changed(extraction_dict, **document_fields):
    """A copy of an extraction with document fields changed (e.g. a new content hash)."""
    result = copy.deepcopy(extraction_dict)
    result["document"].update(document_fields)
    return result


# -- synthetic corpora ---------------------------------------------------------------------
PEOPLE = ["Mukhtar Ablyazov", "Madina Ablyazova", "Kassym-Jomart Tokayev", "Nursultan Nazarbayev",
          "Karim Massimov", "Zhanbolat Mamay", "Dimash Alzhanov", "Aidos Sadykov"]
PLATFORMS = ["YouTube", "Telegram", "WhatsApp", "Facebook", "Instagram", "TikTok"]
CITIES = ["Almaty", "Astana", "Aktobe", "Zhanaozen", "Shymkent", "Taraz"]
TYPES = ["BROADCAST", "OUTAGE", "PROTEST", "ARREST", "RESTORATION"]


def synthetic_extractions(n, seed=0, start_ordinal=738156):
    """``n`` synthetic but contract-shaped extractions; events often merge across documents."""
    from datetime import date

    rng = random.Random(seed)
    outlets = ["Reuters", "AP", "AFP", "Eurasianet", "RFE/RL", "TASS", None]
    result = []
    for i in range(n):
        people = rng.sample(PEOPLE, 2)
        platform = rng.choice(PLATFORMS)
        city = rng.choice(CITIES)
        ents = [
            entity("e1", people[0], "PERSON",
                   affiliation=[rng.choice(["opposition", "government"])]),
            entity("e2", people[1], "PERSON"),
            entity("e3", platform, "PLATFORM"),
            entity("e4", city, "CITY", country="Kazakhstan"),
        ]
        evs = []
        for j in range(rng.randint(1, 3)):
            day = date.fromordinal(start_ordinal + rng.randint(0, 60)).isoformat()
            value = day[:7] if rng.random() < 0.1 else day
            kind = rng.choice(TYPES)
            roles = [("e1", "actor")] if kind != "OUTAGE" else [("e3", "affected_platform")]
            evs.append(event(f"ev{j + 1}", kind, value, participants=roles, place="e4",
                             country="Kazakhstan", start=100 * j,
                             sentence=f"Sentence {j} of article {i}: {kind.lower()} in {city}."))
        published = date.fromordinal(start_ordinal + 61 + rng.randint(0, 5)).isoformat()
        result.append(extraction(f"syn-{i:04d}", outlet=rng.choice(outlets), published=published,
                                 entities=ents, events=evs))
    return result
