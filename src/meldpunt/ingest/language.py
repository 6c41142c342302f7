"""Language of a document, chosen among the platform's languages only (lingua's models ship in its wheel)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The platform's languages that lingua knows; Uyghur is not among lingua's languages.
CODES = {Language.DUTCH: "nl", Language.ENGLISH: "en", Language.CHINESE: "zh"}
SAMPLE = 20_000  # characters; enough to decide, and keeps long PDFs cheap


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CODES).build()


def detect(text: str, default: str = "en") -> str:
    language = detector().detect_language_of(text[:SAMPLE])
    return CODES.get(language, default) if language else default
