"""Property: no generated query or update makes the service call a loopback listener.

Hypothesis builds texts that mix SERVICE and LOAD with the things that made the
old tokenizer and the store's parser disagree: codepoint escapes (of the
keyword, inside IRIs, of the endpoint), comments, strings holding braces and
'#', Unicode name characters (U+00B7, U+0300-U+036F, U+203F) and escaped local
names, prefixes and BASE for the endpoint, SILENT, case, and nesting.  Every
text goes through the app over its test client (real store, real evaluation);
the listener on another loopback port must see no connection, whatever the
answer.  At least 2,000 texts run per CI run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_kg.store import OxigraphStore
from tests.security.conftest import Listener
from tests.support.server import AUTH, make_app

EXAMPLES = 2000


@pytest.fixture(scope="module")
def client() -> Iterator[FlaskClient]:
    store = OxigraphStore.in_memory()
    store.update("INSERT DATA { GRAPH <http://g> { <http://a> <http://b> 1 } }")
    app = make_app(store, reason_on_write=False,
                   federation_allow="http://127.0.0.1:9/allowed/sparql")
    yield app.test_client()
    store.close()


def _escape(text: str) -> str:
    return "".join(f"\\u{ord(c):04X}" for c in text)


def _case(word: str, mask: int) -> str:
    return "".join(c.upper() if mask >> i & 1 else c.lower() for i, c in enumerate(word))


NAME_CHARS = st.sampled_from(["\u00b7", "\u0300", "\u036f", "\u203f", "\u2040", "\\#", "\\.",
                              "%23", "a", "_", "-", "."])
NOISE = st.sampled_from([
    "# a comment } SERVICE\n", "'#}'", '"}{#"', "'''\n#\n'''", "<http://a/#>",
    "<http://a/\\u0041#>", "?service", "_:b1", "'SERVICE <http://x>'", "\n", " ",
])


@st.composite
def endpoint(draw: st.DrawFn, url: str) -> tuple[str, str]:
    """(prologue, the endpoint as written in the query) for ``url``."""
    base, _, last = url.rpartition("/")
    form = draw(st.sampled_from(["iri", "escaped-iri", "prefix", "base", "escaped-prefix"]))
    if form == "iri":
        return "", f"<{url}>"
    if form == "escaped-iri":
        return "", f"<{_escape(url)}>"
    if form == "prefix":
        return f"PREFIX r: <{base}/>\n", f"r:{last}"
    if form == "escaped-prefix":
        return f"PREFIX r: <{_escape(base)}/>\n", f"r:{_escape(last)}"
    return f"BASE <{base}/>\n", f"<{last}>"


@st.composite
def hostile(draw: st.DrawFn, url: str) -> tuple[str, str]:
    """(kind, text): a query with a SERVICE, or an update with a LOAD, to ``url``."""
    prologue, target = draw(endpoint(url))
    local = "".join(draw(st.lists(NAME_CHARS, min_size=1, max_size=4)))
    noise = draw(st.lists(NOISE, max_size=4))
    prologue = "PREFIX e: <http://e/>\n" + prologue
    pattern = f"?x e:n{local}a ?y ."
    keyword = draw(st.sampled_from(["SERVICE", "LOAD"]))
    spelled = _case(keyword, draw(st.integers(0, 127)))
    if draw(st.booleans()):
        spelled = _escape(spelled[:1]) + spelled[1:]
    silent = " SILENT" if draw(st.booleans()) else ""
    depth = draw(st.integers(0, 3))
    if keyword == "SERVICE":
        inner = f"{spelled}{silent} {target} {{ ?s ?p ?o }}"
        for _ in range(depth):
            inner = draw(st.sampled_from(["{{ {} }}", "OPTIONAL {{ {} }}", "{{ {} }} UNION {{}}",
                                          "GRAPH ?g {{ {} }}"])).format(inner)
        body = " ".join([pattern, *noise, inner])
        return "query", f"{prologue}SELECT * {{ {body} }}"
    lead = " ".join(noise)
    return "update", (f"{prologue}INSERT DATA {{ <http://a> e:n{local}a 1 }} ;\n{lead}\n"
                      f"{spelled}{silent} {target}")


def test_generated_texts_never_reach_a_listener(client: FlaskClient, listener: Listener) -> None:
    reached: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(hostile(listener.url))
    def check(case: tuple[str, str]) -> None:
        kind, text = case
        before = listener.connections
        if kind == "query":
            response = client.post("/sparql", data=text.encode("utf-8"),
                                   headers={"Content-Type": "application/sparql-query"})
        else:
            response = client.post("/update", data=text.encode("utf-8"),
                                   headers={"Content-Type": "application/sparql-update",
                                            **AUTH})
        assert response.status_code in (400, 502, 503), (response.status_code, text)
        if listener.connections != before:
            reached.append(text)
        assert b"leaked.example" not in response.get_data()

    check()
    assert not reached, reached[:5]
