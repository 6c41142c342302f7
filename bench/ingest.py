"""Ingest throughput: documents per second for `meldpunt extract`, one process and two.

Writes N seeded synthetic documents of about 5 KB to a temporary folder, a third each English news,
Dutch news and Dutch answers to written parliamentary questions (numbered Vraag/Antwoord pairs with
page furniture and footnotes), built from templates with invented names, places drawn from the
gazetteer's cities, dates, quantities, event triggers and quoted speech, so every extractor works.
Then runs documents_extract() over the folder as `meldpunt extract` does (read, extract, write one
JSON per document), first in one process, then with a local pool of 2 workers. Worker start-up
(loading the gazetteers and the language detector) is inside the timing, as it is for the command.

Reported: docs_per_s_1, docs_per_s_2, scaling_efficiency = docs_per_s_2 / (2 x docs_per_s_1),
docs_per_s_per_core = docs_per_s_2 / 2, and peak_rss_mb, the largest resident set of this process
(VmHWM) or any pool worker (ru_maxrss of the children). Target: >= 20 documents per second per core.
The last line is one JSON object. Run from the project folder: `python -m bench.ingest [--documents N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from meldpunt.ingest.pipeline import documents_extract

TARGET_PER_CORE = 20.0
DOCUMENT_BYTES = 5_000
PLACES = ["Leeds", "Oslo", "Utrecht", "Lyon", "Hamburg", "Porto", "Gdansk", "Graz", "Malmo", "Antwerpen", "Toronto"]
COUNTRIES_EN = ["China", "Iran", "Russia", "Turkey", "Eritrea", "Rwanda"]
COUNTRIES_NL = ["China", "Iran", "Rusland", "Turkije", "Eritrea", "Rwanda"]
DEMONYMS_EN = ["Chinese", "Iranian", "Russian", "Turkish", "Eritrean", "Rwandan"]
DEMONYMS_NL = ["Chinese", "Iraanse", "Russische", "Turkse", "Eritrese", "Rwandese"]
SYLLABLES = ["an", "be", "ko", "li", "ma", "no", "ra", "si", "ta", "vo", "we", "zu", "den", "hol", "mer", "ster"]
MONTHS_EN = ["January", "March", "May", "June", "September", "October", "November"]
MONTHS_NL = ["januari", "maart", "mei", "juni", "september", "oktober", "november"]


def name(rng: random.Random) -> str:
    def part() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{part()} {part()}"


def english_news(rng: random.Random) -> str:
    i = rng.randrange(len(COUNTRIES_EN))
    place, other = rng.sample(PLACES, 2)
    month, year = rng.choice(MONTHS_EN), rng.randint(2018, 2024)
    paragraphs = [f"Published {rng.randint(1, 28)} {month} {year}"]
    templates = [
        f"Police in {place} said on {month} {rng.randint(1, 28)}, {year} that an office run for {COUNTRIES_EN[i]} "
        f"had been shut down after {rng.randint(2, 40)} residents reported threats.",
        f"Spokesperson {name(rng)} told reporters that the office in {other} was only a cultural centre.",
        f'"These are volunteers helping with paperwork," said {name(rng)}, a spokesperson for the embassy.',
        f"The {DEMONYMS_EN[i]} embassy denied the allegations last week and called the reports false.",
        f"The foreign ministry summoned the {DEMONYMS_EN[i]} ambassador over the {rng.randint(2, 9)} stations.",
        f"According to Open Doors Watch, {rng.randint(3, 60)} people were pressured to return since {year - 2}.",
        f"Investigators uncovered a second station in {other} last month, and the city is reviewing its ties.",
        f"The city council of {place} severed its partnership with a city in {COUNTRIES_EN[i]} on {month} 3, {year}.",
        f"{name(rng)}, an activist living in {place}, said she received {rng.randint(2, 30)} phone calls a day.",
    ]
    while sum(len(p) for p in paragraphs) < DOCUMENT_BYTES:
        paragraphs.append(" ".join(rng.sample(templates, 3)))
    return "\n".join(paragraphs) + "\n"


def dutch_news(rng: random.Random) -> str:
    i = rng.randrange(len(COUNTRIES_NL))
    place, other = rng.sample(PLACES, 2)
    month, year = rng.choice(MONTHS_NL), rng.randint(2018, 2024)
    paragraphs = [f"Gepubliceerd {rng.randint(1, 28)} {month} {year}"]
    templates = [
        f"De politie in {place} meldde op {rng.randint(1, 28)} {month} {year} dat een kantoor voor "
        f"{COUNTRIES_NL[i]} is gesloten na {rng.randint(2, 40)} meldingen van bedreiging.",
        f"Woordvoerder {name(rng)} zei dat het pand in {other} alleen een cultureel centrum was.",
        f"„Het zijn vrijwilligers die helpen met papieren”, aldus {name(rng)}.",
        f"De {DEMONYMS_NL[i]} ambassade wees de beschuldigingen vorige week van de hand.",
        f"Het ministerie heeft de {DEMONYMS_NL[i]} ambassadeur gisteren ontboden.",
        f"Volgens de stichting Open Deur zijn sinds {year - 2} ten minste {rng.randint(3, 60)} mensen "
        "onder druk gezet.",
        f"Onderzoekers ontdekten vorige maand een tweede bureau in {other}; de stedenband wordt heroverwogen.",
        f"De gemeente {place} heeft de stedenband met een stad in {COUNTRIES_NL[i]} opgezegd.",
        f"{name(rng)}, een activist uit {place}, vertelde dat zij elf telefoontjes per dag kreeg.",
    ]
    while sum(len(p) for p in paragraphs) < DOCUMENT_BYTES:
        paragraphs.append(" ".join(rng.sample(templates, 3)))
    return "\n".join(paragraphs) + "\n"


def dutch_answers(rng: random.Random) -> str:
    i = rng.randrange(len(COUNTRIES_NL))
    place = rng.choice(PLACES)
    year = rng.randint(2018, 2024)
    minister = name(rng).split()[1]
    lines = [
        f"Antwoord van minister {minister} (Justitie en Veiligheid) (ontvangen {rng.randint(1, 28)} mei {year}).",
        f"Vragen van het lid {name(rng)} over een kantoor van {COUNTRIES_NL[i]} in {place} "
        f"(ingezonden {rng.randint(1, 28)} april {year}, kenmerk {year}Z{rng.randint(10000, 99999)}).",
        "",
    ]
    number = 0
    while sum(len(line) + 1 for line in lines) < DOCUMENT_BYTES:
        number += 1
        lines += [
            f"Vraag {number}",
            f"Bent u bekend met het bericht dat er een kantoor van {COUNTRIES_NL[i]} in {place} is gevestigd?{number}",
            "",
            f"Antwoord {number}",
            rng.choice(
                [
                    f"Ja. Het kantoor in {place} is op {rng.randint(1, 28)} maart {year} gesloten.",
                    f"De {DEMONYMS_NL[i]} ambassadeur is ontboden en gesommeerd de activiteiten te beëindigen.",
                    "Nee. Er zijn geen aanwijzingen dat er meer kantoren zijn.",
                    f"Nader onderzoek is ingesteld; de ambassade heeft laten weten dat het om {rng.randint(2, 9)} "
                    "vrijwilligers gaat.",
                ]
            ),
            f"{number} Voorbeeldkrant, {rng.randint(1, 28)} april {year}, 'Kantoor in {place}'",
            f" Pagina {number} van 9",
            "",
        ]
    lines.append("De minister van Justitie en Veiligheid,")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int) -> int:
    rng = random.Random(seed)
    makers = [english_news, dutch_news, dutch_answers]
    total = 0
    for index in range(count):
        text = makers[index % 3](rng)
        (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def peak_rss_mb() -> float:
    """The larger of this process's VmHWM and the largest ru_maxrss of any finished pool worker."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with contextlib.suppress(OSError), open("/proc/self/status") as status:
        own = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def timed(folder: Path, out: Path, workers: int) -> float:
    started = time.perf_counter()
    outcomes = documents_extract(paths=[folder], out=out, workers=workers)
    seconds = time.perf_counter() - started
    failed = [o for o in outcomes if o.error]
    assert not failed, failed[:3]
    return len(outcomes) / seconds


def run(count: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="meldpunt-bench-ingest-") as home:
        folder = Path(home) / "documents"
        folder.mkdir()
        size = write_corpus(folder, count, seed)
        print(f"{count} documents, {size / count / 1000:.1f} KB on average, on {os.cpu_count()} cores")
        one = timed(folder, Path(home) / "out1", workers=1)
        print(f"1 process:  {one:.1f} documents/s")
        two = timed(folder, Path(home) / "out2", workers=2)
        print(f"2 workers:  {two:.1f} documents/s")
    per_core = two / 2
    return {
        "documents": count,
        "mean_document_kb": round(size / count / 1000, 2),
        "docs_per_s_1": round(one, 1),
        "docs_per_s_2": round(two, 1),
        "scaling_efficiency": round(two / (2 * one), 3),
        "docs_per_s_per_core": round(per_core, 1),
        "peak_rss_mb": round(peak_rss_mb()),
        "target_docs_per_s_per_core": TARGET_PER_CORE,
        "meets_target": per_core >= TARGET_PER_CORE,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.documents, args.seed)))


if __name__ == "__main__":
    main()
