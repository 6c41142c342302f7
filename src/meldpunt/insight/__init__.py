"""The systematic picture: aggregates of the reports' statistical metadata and of the knowledge base,
published only through disclosure control (DESIGN rule 7)."""
