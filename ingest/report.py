"""What an ingest run reports: documents ingested, unchanged or refused, and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["ENTITIES_PER_DOCUMENT_LABEL", "IngestReport", "Progress"]

# on_document(origin, status): status is "extracted" (extraction done, not yet written),
# then "ingested"; or "unchanged"; or "error".
Progress = Callable[[str, str], None]


ENTITIES_PER_DOCUMENT_LABEL = ("entities mentioned (distinct within each document, summed "
                               "over documents), by class")


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    triples: int = 0
    # Entities mentioned, by class: each document counts the distinct entities it
    # mentions (under one class each), and these counts are summed over documents, so
    # an entity mentioned in three documents counts three times.  Not the number of
    # distinct resources in the store (that is `conflict-kg stats`).
    entities_per_document: Counter[str] = field(default_factory=Counter)
    events: int = 0
    claims: int = 0
    # Where the time went.  extract_seconds sums each document's extraction time in the
    # process that extracted it (so documents / extract_seconds is the rate of one worker);
    # write_seconds is the time spent loading graphs into the store.
    extract_seconds: float = 0.0
    extract_cpu_seconds: float = 0.0  # the same, CPU time of the extracting thread
    write_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        first = (
            f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, "
            f"{len(self.errors)} failed, {self.triples} triples written"
        )
        if not self.ingested:
            return first
        entity_classes = dict(self.entities_per_document)
        lines = [first, f"{self.events} events, {self.claims} claims, "
                        f"{len(self.warnings)} warnings"]
        if entity_classes:
            lines.append(f"{ENTITIES_PER_DOCUMENT_LABEL}: " + ", ".join(
                f"{c} {n}" for c, n in sorted(entity_classes.items(), key=lambda x: (-x[1], x[0]))
            ))
        lines += [f"warning: {w}" for w in self.warnings[:20]]
        if len(self.warnings) > 20:
            lines.append(f"… and {len(self.warnings) - 20} more warnings")
        return "\n".join(lines)
