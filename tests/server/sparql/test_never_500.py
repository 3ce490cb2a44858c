"""Whatever text arrives as a query or an update, the answer is never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BACKENDS, backend_store
from tests.support.server import AUTH, make_app


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest) -> Iterator[Any]:
    """One app per backend for every example (a fresh store each would be 500 stores)."""
    with backend_store(request, request.param, holder=__name__) as store:
        yield make_app(store).test_client()


FRAGMENTS = st.sampled_from([
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "?s", "?p", "?o", "<http://a>",
    "<rel>", "'x'", '"y"', "GRAPH", "SERVICE", "FROM", "NAMED", "FILTER", "(", ")", ".", ";",
    "PREFIX", "p:", "BASE", "#", "\n", "INSERT", "DELETE", "DATA", "USING", "WITH", "LOAD",
    "CLEAR", "DROP", "ALL", "OPTIONAL", "UNION", "1", "*", "LIMIT", "COUNT", "AS", "<", ">",
    "\\u0053", "'''", "\"\"\"", "_:b", "@en", "^^", "a",
])
TEXTS = st.one_of(st.text(max_size=80), st.lists(FRAGMENTS, max_size=25).map(" ".join))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_queries_never_500(client, text):
    response = client.get("/sparql", query_string={"query": text})
    assert response.status_code < 500 or response.status_code == 503, response.data


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.booleans())
def test_updates_never_500(client, text, with_using):
    path = "/update?using-graph-uri=http://g" if with_using else "/update"
    response = client.post(path, data=text.encode("utf-8", "surrogatepass"), headers=AUTH,
                           content_type="application/sparql-update")
    assert response.status_code < 500, response.data
