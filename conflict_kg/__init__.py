"""conflict-kg: a knowledge graph of conflicts, weapons and agreements built from news."""

__version__ = "0.1.0"
