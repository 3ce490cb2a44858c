"""The ``client`` here is an app over the shared read-only corpus (tests/support/corpus.py),
not over an empty store as in the rest of tests/server."""

from __future__ import annotations

import pytest

from tests.support.corpus import corpus_client


@pytest.fixture(scope="module")
def client(corpus):  # type: ignore[no-untyped-def]
    return corpus_client(corpus)
