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
        # An incremental run does not recount the inferred graph (a full scan of it):
        # it says what it did rather than print an unknown size.
        size = ("inferred graph brought up to date" if self.inferred is None
                else f"{self.inferred} inferred triples")
        text = f"{self.engine} ({self.mode}): {size}, {self.rounds} rounds, {self.seconds:.2f} s"
        if self.phases:
            text += " (" + ", ".join(f"{k} {v:.2f} s" for k, v in self.phases.items()) + ")"
        if self.fallback:
            text += f" (full recomputation: {self.fallback})"
        for note in self.notes:
            text += f"; {note}"
        return text

    def __str__(self) -> str:
        """
        >>> str(ReasonReport("rules", "incremental", inferred=None, rounds=2))
        'rules (incremental): inferred graph brought up to date, 2 rounds, 0.00 s'
        """
        return self.summary()
