"""conflict-kg: a knowledge graph of conflicts, weapons and agreements built from news."""

__version__ = "0.1.0"


def version() -> str:
    """The version this code reports everywhere: ``conflict-kg --version``, ``/healthz``
    and the SPARQL service description.

    ``__version__`` is the one source: the wheel's metadata is built from it
    (``[tool.setuptools.dynamic]`` in pyproject.toml), so the running code never
    reports the version of some other install's metadata.

    >>> version() == __version__
    True
    """
    return __version__
