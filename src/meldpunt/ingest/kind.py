"""Document kind by structure: a set of numbered questions with their answers, or news."""

from __future__ import annotations

import re

from meldpunt.ingest import parliamentary
from meldpunt.ingest.lexicon import load

NEWS = "news"
PARLIAMENTARY_ANSWERS = "parliamentary_answers"


def detect(text: str) -> str:
    labels = parliamentary.labels(text)
    questions = sum(1 for label in labels if label.role == "question")
    answers = sum(1 for label in labels if label.role == "answer")
    signals = sum(1 for pattern in load("parliamentary_nl")["kind_signals"] if re.search(pattern, text))
    if questions >= 2 and answers >= 1:
        return PARLIAMENTARY_ANSWERS
    if questions + answers >= 1 and signals >= 1:
        return PARLIAMENTARY_ANSWERS
    return NEWS
