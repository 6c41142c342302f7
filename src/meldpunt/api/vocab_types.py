"""Schema types generated from the vocabularies, so the OpenAPI enums never drift from the YAML."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from meldpunt.vocab import concept


def vocab_term(name: str) -> Any:
    """A string restricted to the ids of one vocabulary, published as an enum in the schema."""
    ids = concept(name).ids()

    def check(value: str) -> str:
        if value not in ids:
            raise ValueError(f"unknown {name} term {value!r}")
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(ids)})]
