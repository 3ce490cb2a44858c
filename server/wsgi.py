"""Production serving with gunicorn: one process (it owns the store), many threads."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from conflict_kg.settings import Settings

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s bytes %(M)sms'


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        super().__init__()

    def load_config(self) -> None:
        s = self._settings
        options: dict[str, Any] = {
            "bind": f"{s.host}:{s.port}",
            "workers": 1,
            "threads": s.threads,
            "worker_class": "gthread",
            "accesslog": "-",
            "errorlog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "loglevel": s.log_level.lower(),
            "timeout": int(s.query_timeout) + 30,
            "graceful_timeout": 5,
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Imported here so the store is opened in the worker, never at import time.
        from server import create_app

        return create_app(self._settings)


def serve(settings: Settings) -> None:
    print(f"conflict-kg serving on http://{settings.host}:{settings.port}/ (Ctrl-C to stop)",
          flush=True)
    _Gunicorn(settings).run()
