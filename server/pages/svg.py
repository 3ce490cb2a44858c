"""Layout of the neighbourhood picture: the entity in the middle, its neighbours around it.

Only coordinates are computed here; ``templates/_neighbourhood.html`` draws the
SVG with Jinja's autoescaping, so labels never reach the markup unescaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from conflict_kg.server.pages.data import Node

WIDTH, HEIGHT = 640, 420
RADIUS_X, RADIUS_Y = 230, 150


@dataclass(frozen=True)
class Placed:
    node: Node
    edge_label: str
    outgoing: bool
    x: float
    y: float
    label_x: float
    label_y: float


def shorten(text: str, limit: int = 28) -> str:
    """
    >>> shorten("a" * 40, 10)
    'aaaaaaaaa…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def layout(neighbours: list[tuple[Node, str, bool]]) -> list[Placed]:
    """Place neighbours evenly on an ellipse around the centre.

    >>> [(round(p.x), round(p.y)) for p in layout([(Node("a"), "p", True)])]
    [(550, 210)]
    """
    cx, cy = WIDTH / 2, HEIGHT / 2
    placed = []
    n = max(len(neighbours), 1)
    for i, (node, edge, outgoing) in enumerate(neighbours):
        angle = 2 * math.pi * i / n
        x = cx + RADIUS_X * math.cos(angle)
        y = cy + RADIUS_Y * math.sin(angle)
        placed.append(Placed(node, shorten(edge, 22), outgoing, x, y,
                             (cx + x) / 2, (cy + y) / 2 - 4))
    return placed
