"""The sourced knowledge base: documented actors, places, partnerships, events and statements, every
fact citing a passage of its source (DESIGN "Knowledge is cited")."""
