"""Which result format a request gets: the ``format`` parameter, else ``Accept``."""

from __future__ import annotations

from flask import request

from conflict_kg.server.http.formats import Format, by_media_type, by_name, is_known_name, offers
from conflict_kg.server.http.negotiation import negotiate
from conflict_kg.server.http.protocol import ProtocolError


def choose_format(formats: tuple[Format, ...]) -> Format:
    """By the ``format`` parameter, else by ``Accept``; 406 when nothing fits."""
    name = request.values.get("format") or request.values.get("output")
    if name and is_known_name(name):  # unknown names (clients send many): use Accept
        chosen = by_name(formats, name)
        if chosen is None:
            raise ProtocolError(406, f"format {name!r} is not available for this result; "
                                     f"choose one of {', '.join(f.name for f in formats)}")
        return chosen
    media = negotiate(request.headers.get("Accept"), offers(formats))
    if media is None:
        raise ProtocolError(406, "none of the accepted media types fits this result; available: "
                                 + ", ".join(f.media_type for f in formats))
    return by_media_type(formats, media)
