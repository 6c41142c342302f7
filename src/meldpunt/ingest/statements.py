"""Statements: who said what (speaker as named, stance asserts or denies, the quote) with the sentence as passage.

A speech verb from the document language's lexicon marks a statement; its speaker is the name or noun
phrase right before it ("Zhao Lijian told", "De Chinese ambassade heeft sindsdien bevestigd"), or right
after it where the verb comes first ("…," said Hoekstra; "Gisteren ontkende de ambassade"; "volgens de
politie"). A pronoun ("he said") stands for the last person who spoke. Denying verbs ("denied",
"ontkende", "wees … van de hand") deny; the others assert. The quote is the quoted speech where the
sentence has quote marks, else the clause the verb introduces.

In answers to parliamentary questions each answer is also a statement of the answering minister, named
as the answers' heading or signature names them; an answer opening with "Nee" denies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from meldpunt.ingest import parliamentary
from meldpunt.ingest.entities import PERSON, PLACE
from meldpunt.ingest.lexicon import languages_from, lexicon, load, merged_map
from meldpunt.ingest.model import Entity, Statement
from meldpunt.ingest.sentences import Index, Sentence

ASSERTS, DENIES = "asserts", "denies"
WORD = re.compile(r"[\w][\w’'.-]*[\w]|[\w]")
QUOTED = re.compile(r"[„“«\"]([^„“”«»\"]{3,}?)[”»\"“]")
MAX_BETWEEN_AUX = 8  # words between an auxiliary and its participle
MAX_ADVERBS = 2  # "Hoekstra also later said"
PRONOUN_REACH = 3  # sentences back to the person a pronoun stands for
# "Safeguard Defenders, a human rights watchdog, said": the name before the apposition speaks.
APPOSITIVE = re.compile(r",\s*(?:a|an|een|the|de|het)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
QUOTE_SHARE = 0.5  # quoted words must make up this much of the clause to stand for it
ARTICLES = frozenset({"the", "a", "an", "de", "het", "een", "its", "their", "his", "her"})


@dataclass(frozen=True)
class Cue:
    """A speech verb in a sentence: where it stands, its stance, and how its speaker may be placed."""

    stance: str
    start: int
    end: int
    clause_start: int  # where what was said begins, after the verb and its particle
    form: str  # finite | participle | according


@cache
def _words_of(language: str, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon(language)[key])


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _cue_pattern(language: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """Every speech verb of a language as one pattern; group c<n> names (stance, form).

    Participles come first, so "heeft laten weten" is a participle before "laten" can be a verb.
    """
    vocabulary: dict[str, Any] = lexicon(language)
    rules: list[tuple[str, str, str]] = []
    for stance in (ASSERTS, DENIES):
        if participles := vocabulary["statement_participles"][stance]:
            rules.append((stance, "participle", rf"\b(?:{_alternation(participles)})\b"))
    for stance in (ASSERTS, DENIES):
        if finite := vocabulary["statement_verbs"][stance]:
            rules.append((stance, "finite", rf"\b(?:{_alternation(finite)})\b"))
        for verb, particle in vocabulary["statement_split_verbs"][stance]:
            middle = r"(?:\s+[^\s.?!,;:]+){0,6}?"
            rules.append((stance, "finite", rf"\b{re.escape(verb)}\b(?={middle}\s+{re.escape(particle)}\b)"))
    rules.extend((ASSERTS, "according", f"(?i:{cue})") for cue in vocabulary["according_to"])
    groups = {f"c{i}": (stance, form) for i, (stance, form, _) in enumerate(rules)}
    alternatives = "|".join(f"(?P<c{i}>{pattern})" for i, (_, _, pattern) in enumerate(rules))
    return re.compile(rf"(?<!\w)(?=\w)(?:{alternatives})"), groups


def _particle_end(language: str, sentence: str, verb_end: int) -> int:
    for verb, particle in (p for s in (ASSERTS, DENIES) for p in lexicon(language)["statement_split_verbs"][s]):
        if sentence[:verb_end].endswith(verb):
            match = re.match(rf"(?:\s+[^\s.?!,;:]+){{0,6}}?\s+{re.escape(particle)}\b", sentence[verb_end:])
            if match:
                return verb_end + match.end()
    return verb_end


def _cues(language: str, prose: str, index: Index) -> dict[int, list[Cue]]:
    """Speech verbs by sentence start, in reading order; offsets are sentence-relative."""
    found: dict[int, list[Cue]] = {}
    pattern, groups = _cue_pattern(language)
    for match in pattern.finditer(prose):
        sentence = index.at(*match.span())
        if sentence is None:
            continue
        stance, form = groups[match.lastgroup or ""]
        start, end = match.start() - sentence.start, match.end() - sentence.start
        clause = _particle_end(language, sentence.text, end)
        found.setdefault(sentence.start, []).append(Cue(stance, start, end, clause, form))
    return found


class Speakers:
    """Finds the speaker of a cue in one document's text, given its entities."""

    def __init__(self, text: str, language: str, entities: Sequence[Entity]) -> None:
        self.text = text
        self.language = language
        self.ends = {e.end: e for e in entities}
        self.starts = {e.start: e for e in entities}
        self.nouns = _words_of(language, "speaker_nouns")
        self.stop = _words_of(language, "stopwords") | ARTICLES
        self.not_speakers = _words_of(language, "not_speakers")
        self.locatives = _words_of(language, "locatives")
        self.titles = _words_of(language, "person_cues") | self.nouns
        self.particles = _words_of(language, "name_particles")
        self.calendar = frozenset(w.lower() for w in (*merged_map("months"), *merged_map("weekdays")))

    def before(self, end: int, floor: int) -> tuple[str, int] | None:
        """The speaker whose name ends at `end` (trailing spaces and commas allowed), with its start."""
        while end > floor and self.text[end - 1] in " \t\r\n,":
            end -= 1
        entity = self.ends.get(end)
        if entity and entity.start >= floor:
            return self._checked(entity.name, entity.start, entity.type == PLACE)
        start = end
        words = list(WORD.finditer(self.text, floor, end))
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            particle = word.group() in self.particles and index and words[index - 1].group()[:1].isupper()
            if self.text[word.end() : start].strip(" \t\r\n") or not (
                self._np_word(word.group(), head=start == end) or (particle and start != end)
            ):
                break
            start = word.start()
        if start == end:
            return None
        start = self._untitled(start, end)
        appositive = APPOSITIVE.search(self.text, floor, start)
        if appositive and appositive.end() == start:
            return self.before(appositive.start(), floor) or self._checked(self.text[start:end], start, place=False)
        return self._checked(self.text[start:end], start, place=False)

    def _untitled(self, start: int, end: int) -> int:
        """ "Mayor Anne Jensen" -> "Anne Jensen": titles before a capitalised name are not part of it."""
        for word in WORD.finditer(self.text, start, end):
            rest = self.text[word.end() : end].strip()
            if word.group().lower() not in self.titles or not rest[:1].isupper():
                return word.start()
        return start

    def after(self, start: int, ceiling: int) -> tuple[str, int] | None:
        """The speaker whose name starts at `start`, after an article or title ("zei minister Hoekstra")."""
        words = list(WORD.finditer(self.text, start, ceiling))
        first: int | None = None
        end = start
        for word in words:
            if self.text[end : word.start()].strip(" \t\r\n") and first is not None:
                break
            if self.text[end : word.start()].strip(" \t\r\n"):
                return None  # punctuation before any name
            entity = self.starts.get(word.start())
            if entity:
                return self._checked(entity.name, entity.start, entity.type == PLACE)
            lowered = word.group().lower()
            if first is None and lowered in ARTICLES:
                end = word.end()
                continue
            if not self._np_word(word.group(), head=False):
                break
            first = word.start() if first is None else first
            end = word.end()
        if first is None:
            return None
        named = self.text[first:end].split()
        if named[-1].lower() not in self.nouns and any(w.lower() in self.titles | self.calendar for w in named):
            return None  # a name after the verb is all names ("aldus Wang Lei"), or ends in a speaker noun
        return self._checked(self.text[first:end], first, place=False)

    def _np_word(self, word: str, *, head: bool) -> bool:
        """Speaker nouns and capitalised words; a capitalised head must not name a month or weekday."""
        lowered = word.lower()
        if lowered in self.nouns:
            return True
        return word[:1].isupper() and lowered not in self.stop and not (head and lowered in self.calendar)

    def _checked(self, name: str, start: int, place: bool) -> tuple[str, int] | None:
        words = [w.lower() for w in WORD.findall(name)]
        if not words or set(words) & self.not_speakers or all(w in self.stop for w in words):
            return None
        previous = WORD.findall(self.text[max(0, start - 30) : start])
        if previous and previous[-1].lower() in self.locatives and (place or previous[-1].islower()):
            return None  # "living in Rotterdam disagreed": a place where someone is, not a speaker
        return name, start


def _skip_back(text: str, end: int, floor: int, skippable: frozenset[str], limit: int) -> int:
    """Move `end` back over up to `limit` skippable words."""
    for _ in range(limit):
        match = re.search(r"([\w’'-]+)[ \t\r\n,]*$", text[floor:end])
        if not match or match.group(1).lower() not in skippable:
            break
        end = floor + match.start()
    return end


def _quote(sentence: Sentence, cue: Cue, inverted: bool) -> str:
    """The quoted speech where quote marks hold most of the clause, else the clause the verb introduces."""
    if inverted and re.search(r"[,”\"’:]\s*$", sentence.text[: cue.start]):
        clause = sentence.text[: cue.start]
    else:
        clause = sentence.text[cue.clause_start :]
    clause = re.sub(r"^[\s,:]*(?:(?:that|dat|reporters|journalisten)\b\s*)*[\s,:]*", "", clause)
    clause = clause.strip(" \t\r\n,:;\"'“”„") or sentence.text
    quoted = [q.strip() for q in QUOTED.findall(sentence.text)]
    if quoted and sum(len(q) for q in quoted) >= QUOTE_SHARE * len(clause):
        return " ".join(quoted)
    return clause


class Finder:
    def __init__(self, text: str, language: str, entities: Sequence[Entity]) -> None:
        self.text = text
        self.language = language
        self.speakers = Speakers(text, language, entities)
        self.adverbs = _words_of(language, "adverbs")
        self.auxiliaries = _words_of(language, "auxiliaries")
        self.pronouns = _words_of(language, "pronouns")
        self.inverted = _words_of(language, "inverted_verbs")
        self.negations = _words_of(language, "negations")
        self.people = {e.name for e in entities if e.type == PERSON}
        self.last_person: tuple[str, int] | None = None  # name, sentence index

    def speaker(self, sentence: Sentence, cue: Cue, index: int) -> tuple[str, bool] | None:
        """(speaker, inverted) for a cue, or None."""
        start = sentence.start + cue.start
        if cue.form == "according":
            found = self.speakers.after(sentence.start + cue.end, sentence.end)
            return (found[0], False) if found else None
        aux = self._auxiliary(sentence, start) if cue.form == "participle" else None
        after_aux = None
        if aux is not None:  # without one, a participle may be a present tense ("betwist")
            start, after_aux = aux
        end = _skip_back(self.text, start, sentence.start, self.adverbs, MAX_ADVERBS)
        pronoun = self._pronoun(self.text[sentence.start : end], index)
        if pronoun:
            return pronoun, False
        found = self.speakers.before(end, sentence.start)
        if found:
            return found[0], False
        verb = sentence.text[cue.start : cue.end].lower()
        if after_aux is not None:
            found = self.speakers.after(after_aux, sentence.end)
        elif verb in self.inverted and self._may_invert(sentence, cue):
            following = self.text[sentence.start + cue.end : sentence.end]
            pronoun = self._pronoun(following, index, leading=True)
            if pronoun:
                return pronoun, True
            found = self.speakers.after(sentence.start + cue.end, sentence.end)
        return (found[0], True) if found else None

    def _is_person(self, speaker: str) -> bool:
        if speaker in self.people or any(p.endswith(speaker) for p in self.people):
            return True
        words = speaker.split()
        names = [w for w in words if w[:1].isupper()]
        return len(names) >= 2 and not {w.lower() for w in words} & self.speakers.titles

    def _negated(self, sentence: Sentence, cue: Cue) -> bool:
        before = [w.lower() for w in WORD.findall(sentence.text[: cue.start])[-2:]]
        after = [w.lower() for w in WORD.findall(sentence.text[cue.end :])[:1]]
        return bool(set(before + after) & self.negations)

    def _may_invert(self, sentence: Sentence, cue: Cue) -> bool:
        if self.language != "en":
            return True  # Dutch puts the verb before its subject after any opening phrase
        return bool(re.search(r"[,”\"’:]\s*$", sentence.text[: cue.start]))

    def _auxiliary(self, sentence: Sentence, participle: int) -> tuple[int, int] | None:
        words = list(WORD.finditer(self.text, sentence.start, participle))[-MAX_BETWEEN_AUX:]
        for word in reversed(words):
            if word.group().lower() in self.auxiliaries:
                return word.start(), word.end()
        return None

    def _pronoun(self, text: str, index: int, *, leading: bool = False) -> str | None:
        match = re.match(r"\s*([\w]+)", text) if leading else re.search(r"([\w]+)[\s,]*$", text)
        if not match or match.group(1).lower() not in self.pronouns or self.last_person is None:
            return None
        name, seen = self.last_person
        return name if index - seen <= PRONOUN_REACH else None

    def find(self, sentences: Sequence[Sentence], prose: str) -> list[Statement]:
        out: list[Statement] = []
        cues = _cues(self.language, prose, Index(sentences))
        for index, sentence in enumerate(sentences):
            if sentence.is_question:
                continue
            for cue in cues.get(sentence.start, []):
                if self._negated(sentence, cue):
                    continue  # "did not deny", "ontkende niet": neither a denial nor a claim
                found = self.speaker(sentence, cue, index)
                if not found:
                    continue
                speaker, inverted = re.sub(r"\s+", " ", found[0]), found[1]
                if self._is_person(speaker):
                    self.last_person = (speaker, index)
                quote = _quote(sentence, cue, inverted)
                out.append(Statement(speaker, cue.stance, quote, sentence.start, sentence.end))
        return out


@cache
def _answering() -> list[re.Pattern[str]]:
    return [re.compile(p, re.MULTILINE) for p in load("parliamentary_nl")["answering"]]


def answering_speaker(text: str) -> str | None:
    """The minister or state secretary who answers, as the heading or signature names them."""
    found = [m for pattern in _answering() for m in pattern.finditer(text)]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return re.sub(r"\s+", " ", first.group("speaker")).strip()


def answers(text: str, masked_text: str, language: str) -> list[Statement]:
    """Each non-empty answer as a statement of the answering minister; the passage is its first paragraph."""
    speaker = answering_speaker(text)
    if speaker is None:
        return []
    openers = _words_of(language, "denial_openers")
    out = []
    for segment in parliamentary.segments(text):
        if segment.label.role != parliamentary.ANSWER:
            continue
        body = masked_text[segment.start : segment.end]
        lead = len(body) - len(body.lstrip())
        paragraph = re.split(r"\n[ \t]*\n", body[lead:], maxsplit=1)[0].rstrip()
        if not paragraph or parliamentary.answered_elsewhere(paragraph):
            continue
        start = segment.start + lead
        first = WORD.match(paragraph)
        stance = DENIES if first and first.group().lower() in openers else ASSERTS
        out.append(Statement(speaker, stance, text[start : start + len(paragraph)], start, start + len(paragraph)))
    return out


def find(
    text: str, *, language: str, sentences: Sequence[Sentence], entities: Sequence[Entity], prose: str | None = None
) -> list[Statement]:
    """Statements in the document's language first, then in the others it may quote.

    Speech verbs are sought in `prose` (the text with page furniture blanked, same offsets), names in `text`.
    """
    searched = text if prose is None else prose
    found = [s for lang in languages_from(language) for s in Finder(text, lang, entities).find(sentences, searched)]
    unique = {(s.speaker, s.stance, s.start): s for s in found}
    return sorted(unique.values(), key=lambda s: s.start)
