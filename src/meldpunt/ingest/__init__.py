"""Ingestion: turn source documents (text, HTML, PDF) into cited facts, one pure function per document."""
