"""What a reasoning run did."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReasonReport:
    """Summary of one run; ``inferred`` is the size of the inferred graph afterwards
    (``None`` after an incremental run, where counting would cost more than reasoning)."""

    engine: str
    mode: str
    inferred: int | None = 0
    rounds: int = 0
    seconds: float = 0.0
    fallback: str | None = None
    notes: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step, when measured

    def summary(self) -> str:
        text = (
            f"{self.engine} ({self.mode}): "
            f"{'?' if self.inferred is None else self.inferred} inferred triples, "
            f"{self.rounds} rounds, {self.seconds:.2f} s"
        )
        if self.phases:
            text += " (" + ", ".join(f"{k} {v:.2f} s" for k, v in self.phases.items()) + ")"
        if self.fallback:
            text += f" (full recomputation: {self.fallback})"
        for note in self.notes:
            text += f"; {note}"
        return text

    def __str__(self) -> str:
        return self.summary()
