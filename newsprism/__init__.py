"""newsprism: turn news articles into checkable evidence: quotes, actors, events and framing."""

__version__ = "0.1.0"
