"""Why the knowledge base refused a write, as a stable code and a message an analyst can act on."""

from __future__ import annotations


class KnowledgeError(ValueError):
    """A refused write. `code` is stable for forms, the API and tests."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
