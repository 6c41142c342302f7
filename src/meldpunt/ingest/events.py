"""Events (established, closed, severed, summoned, under_review, discovered) with the place or party they
happened to, the date the sentence gives, and the sentence as passage.

A trigger from the document language's lexicon marks an event; a negation just before it ("zijn niet
gesloten") or a question ("Bent u voornemens … te sluiten?") does not. The place is the gazetteer place in
the sentence that stands after a locative ("in Rotterdam") nearest the trigger, with the places
coordinated with it ("Amsterdam and Rotterdam"); a sentence without a place falls back on the place the
document is about, the one it most often puts something in. A summons happens to a diplomat: the party
is the qualified diplomat in the sentence ("the Chinese ambassador", "de ambassadeur van China").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from meldpunt.ingest.entities import PLACE
from meldpunt.ingest.lexicon import languages_from, lexicon
from meldpunt.ingest.model import DateMention, Entity, Event
from meldpunt.ingest.sentences import Index, Sentence

# How a kind finds what it happened to (the `parties` of a kind in the lexicon).
NEAREST, ALL, DIPLOMAT = "nearest", "all", "diplomat"
NEGATION_WINDOW = 3  # words before a trigger
LOCATIVE_WINDOW = 4  # words between a locative and its place ("in the Dutch cities of Amsterdam")
COORDINATION = re.compile(r"\s*(?:,|&|\band\b|\ben\b|\bor\b|\bof\b)\s*(?:(?:the|de)\s+)?", re.IGNORECASE)
WORD = re.compile(r"[\w’'-]+")


@cache
def _rules(language: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """All triggers of a language as one pattern, alternatives in lexicon order: at a position the first kind
    listed wins, and a trigger hides the ones it overlaps. Group r<n> names (kind, parties)."""
    kinds: dict[str, tuple[str, str]] = {}
    alternatives = []
    for rule in lexicon(language)["events"]:
        for pattern in rule["patterns"]:
            group = f"r{len(kinds)}"
            kinds[group] = (rule["kind"], rule.get("parties", NEAREST))
            alternatives.append(f"(?P<{group}>{pattern})")
    # a word start first: the engine gives up at once on every position inside or between words
    return re.compile(rf"(?<!\w)(?=\w)(?:{'|'.join(alternatives)})", re.IGNORECASE), kinds


@cache
def _party(language: str) -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(lexicon(language)["event_parties"], key=len, reverse=True))
    return re.compile(
        rf"(?:\b(?P<qualifier>[A-Z][\w-]*?)(?P<genitive>['’]s)?\s+)?\b(?i:(?P<noun>{nouns}))\b"
        rf"(?:\s+(?i:of|van|to|in)\s+(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))?"
    )


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _negated(language: str, sentence: Sentence, trigger_start: int) -> bool:
    before = _words(sentence.text[: trigger_start - sentence.start])[-NEGATION_WINDOW:]
    negations = set(lexicon(language)["negations"])
    return any(w in negations or w.endswith("n't") for w in before)


def _locative(language: str, text: str, place: Entity, sentence: Sentence) -> bool:
    """ "in Rotterdam", "in the Dutch cities of Amsterdam": a locative, then only articles, names and place nouns."""
    words = WORD.findall(text[sentence.start : place.start])[-LOCATIVE_WINDOW - 1 :]
    vocabulary = lexicon(language)
    fillers = set(vocabulary["locative_fillers"])
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in vocabulary["locatives"]:
            return True
        if words[index].lower() not in fillers and not words[index][:1].isupper():
            return False
    return False


def _coordinated(text: str, best: Entity, places: list[Entity]) -> list[Entity]:
    ordered = sorted(places, key=lambda e: e.start)
    index = ordered.index(best)
    group = [best]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ordered):
            a, b = sorted((ordered[i], ordered[i + step]), key=lambda e: e.start)
            if not COORDINATION.fullmatch(text[a.end : b.start]):
                break
            group.append(ordered[i + step])
            i += step
    return sorted(group, key=lambda e: e.start)


def _places(
    language: str, text: str, sentence: Sentence, trigger: tuple[int, int], places: list[Entity]
) -> list[Entity]:
    inside = [e for e in places if sentence.start <= e.start and e.end <= sentence.end]
    if not inside:
        return []
    pool = [e for e in inside if _locative(language, text, e, sentence)] or inside
    best = min(pool, key=lambda e: abs(e.start - trigger[0]) if e.start >= trigger[0] else trigger[0] - e.end)
    return _coordinated(text, best, inside)


def _diplomat(language: str, sentence: Sentence) -> tuple[str, int, int] | None:
    stop = {w.capitalize() for w in lexicon(language)["stopwords"]}
    for match in _party(language).finditer(sentence.text):
        offset = sentence.start
        if match.group("country"):
            return match.group("country"), offset + match.start("country"), offset + match.end("country")
        qualifier = match.group("qualifier")
        if qualifier and qualifier not in stop:
            if match.group("genitive"):
                return qualifier, offset + match.start("qualifier"), offset + match.end("qualifier")
            return sentence.text[match.start() : match.end("noun")], offset + match.start(), offset + match.end("noun")
    return None


def locus(language: str, text: str, entities: Sequence[Entity], sentences: Sequence[Sentence]) -> str | None:
    """The place the document is about: the one it most often puts something in, else the most named."""
    places = [e for e in entities if e.type == PLACE]
    if not places:
        return None
    containing = {e: next((s for s in sentences if s.start <= e.start < s.end), None) for e in places}
    located = [e.name for e in places if (s := containing[e]) and _locative(language, text, e, s)]
    return Counter(located or [e.name for e in places]).most_common(1)[0][0]


def find(
    text: str,
    *,
    language: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
    prose: str | None = None,
) -> list[Event]:
    """Events in `text`; triggers are sought in `prose` (the text with page furniture blanked), same offsets."""
    places = [e for e in entities if e.type == PLACE]
    fallback = locus(language, text, entities, sentences)
    index = Index(sentences)
    found: dict[tuple[str, str, int], Event] = {}
    for lang in languages_from(language):
        pattern, kinds = _rules(lang)
        for match in pattern.finditer(text if prose is None else prose):
            span = match.span()
            sentence = index.at(*span)
            if sentence is None or sentence.is_question or _negated(lang, sentence, span[0]):
                continue
            kind, parties = kinds[match.lastgroup or ""]
            date = _date(sentence, span, dates)
            for target in _targets(lang, parties, text, sentence, span, places, fallback):
                name = re.sub(r"\s+", " ", target)
                found.setdefault((kind, name, sentence.start), Event(kind, name, date, sentence.start, sentence.end))
    return sorted(found.values(), key=lambda e: (e.start, e.kind))


def _targets(
    language: str,
    parties: str,
    text: str,
    sentence: Sentence,
    span: tuple[int, int],
    places: list[Entity],
    fallback: str | None,
) -> list[str]:
    if parties == DIPLOMAT:
        party = _diplomat(language, sentence)
        return [party[0]] if party else []
    if parties == ALL:
        named = [e.name for e in places if sentence.start <= e.start and e.end <= sentence.end]
    else:
        named = [e.name for e in _places(language, text, sentence, span, places)]
    return named or ([fallback] if fallback else [])


def _date(sentence: Sentence, span: tuple[int, int], dates: Sequence[DateMention]) -> str | None:
    inside = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.start - span[0])).value
