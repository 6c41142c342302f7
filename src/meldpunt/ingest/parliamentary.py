"""Dutch answers to written parliamentary questions: numbered question/answer pairs, cleaned of page furniture.

The PDF text runs page headers, footers and footnotes through the answers; a pair's text keeps only what
the minister wrote. Layout patterns live in data/parliamentary_nl.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from meldpunt.ingest.lexicon import load
from meldpunt.ingest.model import QAPair

QUESTION = "question"
ANSWER = "answer"
TERMINAL = ".?!)"
REPEATED_LINE_MIN_LENGTH = 12
REPEATED_LINE_MIN_COUNT = 3
# A footnote marker is a small number glued to the end of a word or sentence: "Nederland?1", "stations.3".
GLUED_MARKER = re.compile(r"(?<=[a-zà-ÿ?.!,;:’”'\")])(\d{1,2})(?=[\s.,;:]|$)")
FOOTNOTE_LINE = re.compile(r"^[ \t]*(\d{1,2})[ \t]+\S")
URL_START = re.compile(r"^[ \t]*(?:https?://|www\.)")


@dataclass(frozen=True)
class Label:
    role: str
    numbers: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """The text a label introduces: from the label's end to the next label or the signature."""

    label: Label
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load("parliamentary_nl")
    numbers = data["numbers"]
    compiled = {
        key: re.compile(data[key].replace("{numbers}", numbers), re.MULTILINE)
        for key in ("question_label", "answer_label", "numbered_question_label", "signature")
    }
    compiled["no_answer"] = re.compile(data["no_answer"])
    compiled["furniture"] = re.compile("|".join(f"(?:{p})" for p in data["furniture"]))
    compiled["range"] = re.compile("|".join(re.escape(word) for word in data["range_words"]))
    return compiled


def parse_numbers(run: str) -> tuple[int, ...]:
    """ "2 en 3" -> (2, 3); "4 t/m 6" -> (4, 5, 6); "4, 5 en 6" -> (4, 5, 6)."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|\ben\b)\s*", run):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and _patterns()["range"].search(part) and ends[0] < ends[1] <= ends[0] + 50:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return tuple(dict.fromkeys(numbers))


def lines(text: str) -> Iterator[Line]:
    for match in re.finditer(r"[^\r\n]*", text):
        if match.start() == match.end() and match.start() > 0 and text[match.start() - 1] not in "\r\n":
            continue  # the empty match finditer yields right after each line
        yield Line(match.start(), match.end(), match.group())


@lru_cache(maxsize=4)  # kind detection, pairs, prose and statements all ask for the same document's labels
def labels(text: str) -> tuple[Label, ...]:
    """Question and answer labels in reading order."""
    patterns = _patterns()
    found = [
        Label(role, parse_numbers(m.group("numbers") or ""), m.start(), m.end())
        for role, key in ((QUESTION, "question_label"), (ANSWER, "answer_label"))
        for m in patterns[key].finditer(text)
    ]
    if not any(label.role == QUESTION for label in found) and found:
        found.extend(_numbered_questions(text, found))
    return tuple(sorted(found, key=lambda label: label.start))


def _numbered_questions(text: str, answers: list[Label]) -> list[Label]:
    """Layouts that number questions "1." take a numbered line as a label only in sequence and with a question."""
    starts = sorted(label.start for label in answers)
    out: list[Label] = []
    last = 0
    for m in _patterns()["numbered_question_label"].finditer(text):
        numbers = parse_numbers(m.group("numbers"))
        following = [s for s in starts if s > m.start()]
        segment = text[m.end() : following[0] if following else len(text)]
        if numbers and numbers[0] == last + 1 and "?" in segment:
            out.append(Label(QUESTION, numbers, m.start(), m.end()))
            last = numbers[-1]
    return out


def footnote_numbers(text: str) -> set[int]:
    return {int(m.group(1)) for m in GLUED_MARKER.finditer(text)}


@lru_cache(maxsize=4)
def dropped_lines(text: str) -> frozenset[int]:
    """Start offsets of lines that are page furniture or footnotes, not the author's text."""
    patterns = _patterns()
    all_lines = list(lines(text))
    line_starts = [line.start for line in all_lines]
    label_lines = {line_starts[bisect_right(line_starts, label.start) - 1] for label in labels(text)}
    counts = Counter(line.text.strip() for line in all_lines)
    markers = footnote_numbers(text)
    dropped: set[int] = set()
    last_footnote = 0
    in_footnote = False
    previous = ""
    for line in all_lines:
        stripped = line.text.strip()
        is_label = line.start in label_lines
        footnote = FOOTNOTE_LINE.match(line.text)
        if footnote and not is_label and int(footnote.group(1)) in markers and int(footnote.group(1)) > last_footnote:
            last_footnote = int(footnote.group(1))
            in_footnote = True
        elif in_footnote and stripped and not is_label:
            in_footnote = bool(URL_START.match(line.text)) or previous.endswith("-") or previous[-1:] not in TERMINAL
        else:
            in_footnote = False
        if in_footnote or (
            not is_label
            and (
                patterns["furniture"].match(line.text)
                or (len(stripped) >= REPEATED_LINE_MIN_LENGTH and counts[stripped] >= REPEATED_LINE_MIN_COUNT)
            )
        ):
            dropped.add(line.start)
        if stripped:
            previous = stripped
    return frozenset(dropped)


def clean(text: str, start: int, end: int, dropped: frozenset[int], markers: set[int], all_lines: list[Line]) -> str:
    """The author's words between two offsets: furniture and footnotes out, lines joined, markers removed."""
    kept = [line.text.strip() for line in all_lines if start <= line.start < end and line.start not in dropped]
    line_end = min(i for i in (text.find("\n", start), text.find("\r", start), end) if i >= 0)
    if start > 0 and text[start - 1] not in "\r\n":  # the segment starts mid-line, after its label
        kept.insert(0, text[start:line_end].strip())
    joined = ""
    for part in (p for p in kept if p):
        if joined.endswith("-") and part[:1].islower():
            joined += part
        else:
            joined = f"{joined} {part}" if joined else part
    return GLUED_MARKER.sub(lambda m: "" if int(m.group(1)) in markers else m.group(1), joined).strip()


def answered_elsewhere(passage: str) -> bool:
    """A notice instead of an answer ("Vraag 4 en 5 zijn beantwoord bij brief van …")."""
    return bool(_patterns()["no_answer"].search(passage))


def prose(text: str) -> str:
    """The text with labels, page furniture and footnote lines blanked out, same length, so offsets stay valid."""
    dropped = dropped_lines(text)
    blanks = [(line.start, line.end) for line in lines(text) if line.start in dropped]
    blanks.extend((label.start, label.end) for label in labels(text))
    parts: list[str] = []
    last = 0
    for start, end in sorted(blanks):
        if start >= last:
            parts.extend((text[last:start], re.sub(r"[^\r\n]", " ", text[start:end])))
            last = end
    parts.append(text[last:])
    return "".join(parts)


def segments(text: str) -> list[Segment]:
    found = labels(text)
    signature = _patterns()["signature"]
    out = []
    for index, label in enumerate(found):
        end = found[index + 1].start if index + 1 < len(found) else len(text)
        signed = signature.search(text, label.end, end)
        out.append(Segment(label, label.end, signed.start() if signed else end))
    return out


def pairs(text: str) -> list[QAPair]:
    found = segments(text)
    if not found:
        return []
    dropped = dropped_lines(text)
    markers = footnote_numbers(text)
    all_lines = list(lines(text))
    questions: dict[int, str] = {}
    answers: dict[int, str] = {}
    pending: list[int] = []
    for segment in found:
        label = segment.label
        passage = clean(text, segment.start, segment.end, dropped, markers, all_lines)
        if label.role == QUESTION:
            for number in label.numbers:
                questions[number] = passage
            pending.extend(label.numbers)
        else:
            targets = list(label.numbers) or pending
            if answered_elsewhere(passage):
                passage = ""
            for number in targets:
                answers[number] = passage
            pending = [n for n in pending if n not in targets]
    return [QAPair(number, questions[number], answers.get(number, "")) for number in sorted(questions)]
