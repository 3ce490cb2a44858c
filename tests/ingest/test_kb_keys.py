"""The towns table's names are keyed by a fast path for ASCII names: it must give
:func:`label_key`'s key for every kind of name (spelling map, punctuation, hyphens)."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import _name_key, label_key


@pytest.mark.parametrize("name", [
    "Port Harcourt", "Saint-Louis", "Fort St. John", "Defense Heights", "O'Higgins",
    "Kilometer 101", "AL-QAIM", "Ras Tanura (old town)", "Mazār-e Sharīf", "Erdoğan’s Mill",
    "Łódź", "Bir  Lehlou",
])
def test_a_town_name_key_is_the_label_key(name: str) -> None:
    assert _name_key(name) == label_key(name)
