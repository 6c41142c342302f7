"""The periodic report: reports submitted through the intake, a PDF opened with pypdf, and the
figures in it controlled exactly as on the public dashboard."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from pypdf import PdfReader

from meldpunt.insight.aggregates import MARKER
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.periodic import (
    PeriodError,
    period_parse,
    periodic_report_content,
    periodic_report_pdf,
)
from meldpunt.insight.periodic.content import TableBlock
from meldpunt.insight.periodic.figures import NotPublished, period_figures
from meldpunt.intake.models import Report
from tests.insight.test_aggregates import make_report, publish

PERIOD = "2025Q3"
TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "label", "first", "last", "end", "previous"),
    [
        ("2026Q3", "2026Q3", "2026-07", "2026-09", date(2026, 9, 30), ("2026Q2", "2026-04", "2026-06")),
        ("2026q1", "2026Q1", "2026-01", "2026-03", date(2026, 3, 31), ("2025Q4", "2025-10", "2025-12")),
        ("2024-02", "2024-02", "2024-02", "2024-02", date(2024, 2, 29), ("2024-01", "2024-01", "2024-01")),
        ("2026-01", "2026-01", "2026-01", "2026-01", date(2026, 1, 31), ("2025-12", "2025-12", "2025-12")),
        ("2025", "2025", "2025-01", "2025-12", date(2025, 12, 31), ("2024", "2024-01", "2024-12")),
        (
            "2025q4-2026Q1",
            "2025Q4-2026Q1",
            "2025-10",
            "2026-03",
            date(2026, 3, 31),
            ("2025Q2-2025Q3", "2025-04", "2025-09"),
        ),
        ("2026Q1-2026Q4", "2026", "2026-01", "2026-12", date(2026, 12, 31), ("2025", "2025-01", "2025-12")),
    ],
)
def test_periods_are_read_as_runs_of_months(
    text: str, label: str, first: str, last: str, end: date, previous: tuple[str, str, str]
) -> None:
    period = period_parse(text)
    assert (period.label, period.first, period.last, period.end) == (label, first, last, end)
    before = period.previous()
    assert (before.label, before.first, before.last) == previous
    assert len(before.months) == len(period.months)


@pytest.mark.parametrize(
    "text",
    [
        "2026Q5",
        "2026Q0",
        "2026-13",
        "2026-00",
        "26Q1",
        "Q3 2026",
        "2026-7",
        "",
        "2026Q2-2026Q1",
        "2026Q1-2026Q1",
        "2026Q1-2026",
        "2026-01-2026-03",
    ],
)
def test_unknown_period_formats_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        period_parse(text)


def _received(day: date, count: int) -> None:
    """Date the last `count` reports as received on `day` (the intake dates them today); a save,
    so the tally follows."""
    for report in Report.objects.order_by("-pk")[:count]:
        report.created_on = day
        report.save(update_fields=["created_on"])


@pytest.fixture
def received(submit: Callable[..., object]) -> None:
    """Received in 2025Q3: 12 reports in July, 2 in August, 6 in September, one more without consent;
    in 2025Q2: 10. The incident months the reporters gave are those months too."""
    for month, count, overrides in [
        ("2025-07", 12, {"tactics": ["direct_threat", "coercion_by_proxy"]}),
        ("2025-08", 2, {"community": "uyghur"}),
        ("2025-09", 6, {"tactics": ["pressure_to_return"]}),
        ("2025-05", 10, {}),
    ]:
        for _ in range(count):
            submit(incident_month=month, **overrides)
        _received(date(int(month[:4]), int(month[5:]), 10), count)
    submit(incident_month="2025-07", consents={"replies": True, "statistics": False, "police_help": False})
    _received(date(2025, 7, 11), 1)


@pytest.fixture
def reports(received: None) -> None:
    """The reports above, with 2025Q2 and 2025Q3 published."""
    publish("2025Q2")
    publish(PERIOD)


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def controlled_tables(language: str) -> list[TableBlock]:
    content = periodic_report_content(period=period_parse(PERIOD), language=language, today=TODAY)
    return [block for block in content.blocks if isinstance(block, TableBlock) and block.controlled]


@pytest.mark.django_db
def test_the_report_shows_the_controlled_figures_of_the_period(reports: None) -> None:
    figures = period_figures(period=period_parse(PERIOD))
    in_period = Report.objects.filter(consent_statistics=True, created_on__range=("2025-07-01", "2025-09-30"))
    assert in_period.count() == 20
    assert figures.total == 20  # every consenting report of the period, the one without consent left out
    months = {row.key: row.count for row in figures.months.rows}
    assert months["2025-07"] == 12
    assert months["2025-08"] is None  # 2 reports: suppressed, and a complement with it
    assert None in (months["2025-09"], figures.months.total)

    text, pages = pdf_text(periodic_report_pdf(period=period_parse(PERIOD), language="en", today=TODAY))
    flat = " ".join(text.split())
    assert pages >= 2
    assert "2025Q3" in flat
    assert "Generated on Nov. 24, 2026" in flat  # the day, not the time
    headings = ("Key figures", "Reports received per month", "Reports naming each tactic", "Trends", "Knowledge base")
    for heading in headings:
        assert heading in flat
    assert "Reports counted in this period: 20 (previous period: 10)" in flat
    assert MARKER in flat
    assert "Method and its limits" in flat
    assert "consented to their use in statistics" in flat
    assert "Reports are not incidents" in flat
    assert "synthetic" not in flat.lower()  # no demo reports in this period
    assert re.search(r"Page 1 of \d+", flat)


@pytest.mark.django_db
def test_no_count_between_one_and_the_threshold_is_published(reports: None) -> None:
    tables = controlled_tables("en")
    assert len(tables) >= 6
    small = {str(n) for n in range(1, THRESHOLD)}
    figures = [cell for table in tables for row in table.rows for cell in row[1:2]]
    assert MARKER in figures
    assert "12" in figures
    assert not small & set(figures)


@pytest.mark.django_db
def test_the_same_data_gives_identical_bytes(reports: None) -> None:
    period = period_parse(PERIOD)
    first = periodic_report_pdf(period=period, language="en", today=TODAY)
    assert first == periodic_report_pdf(period=period, language="en", today=TODAY)
    assert b"/CreationDate (D:20250930" in first  # the period's last day, not the clock


@pytest.mark.django_db
def test_the_command_writes_a_dutch_report(reports: None, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    call_command("report", "--period", PERIOD, "--lang", "nl", "--out", str(out))
    text, _pages = pdf_text(out.read_bytes())
    flat = " ".join(text.split())
    with translation.override("nl"):
        dutch = [translation.gettext(s) for s in ("Reports received per month", "Reports naming each tactic", "Total")]
    assert dutch == ["Ontvangen meldingen per maand", "Meldingen per genoemde tactiek", "Totaal"]
    for heading in dutch:
        assert heading in flat
    assert "Reports received per month" not in flat
    assert "Limits. A report naming several tactics" not in flat  # every paragraph in Dutch
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.pdf"]  # no temporary file left
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # an ordinary file, not mkstemp's private one


@pytest.mark.django_db
def test_synthetic_reports_in_the_period_are_flagged(received: None) -> None:
    Report.objects.filter(created_on__gte=date(2025, 7, 1)).update(synthetic=True)  # never mixed with real ones
    from meldpunt.insight.services import tally_refresh

    tally_refresh()  # the bulk update bypassed the signals that keep the tally in step
    publish(PERIOD)
    text, _pages = pdf_text(periodic_report_pdf(period=period_parse(PERIOD), language="en", today=TODAY))
    assert "This period includes synthetic (demonstration) reports" in " ".join(text.split())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2025Q7", "--lang", "en"], "Unknown period"),
        (["--period", "Q3", "--lang", "nl"], "Unknown period"),
        (["--period", "2099Q1", "--lang", "en"], "has not ended yet"),
        (["--period", str(timezone.localdate().year), "--lang", "en"], "has not ended yet"),
    ],
)
@pytest.mark.django_db
def test_bad_periods_are_refused_and_nothing_is_written(arguments: list[str], message: str, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", *arguments, "--out", str(tmp_path / "report.pdf"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_period_not_published_is_refused_and_nothing_is_written(received: None, tmp_path: Path) -> None:
    with pytest.raises(NotPublished):
        period_figures(period=period_parse(PERIOD))
    with pytest.raises(CommandError, match=re.escape("meldpunt insight publish --period 2025Q3")):
        call_command("report", "--period", PERIOD, "--lang", "en", "--out", str(tmp_path / "report.pdf"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_the_report_prints_the_publication_not_a_fresh_count(reports: None) -> None:
    """Reports arriving or restored after publication change nothing; the previous period, when
    not published, is said to be so rather than counted afresh."""
    before = periodic_report_content(period=period_parse(PERIOD), language="en", today=TODAY)
    for _ in range(5):  # rows dated into the period after its publication (a restore, say)
        make_report(created_on=date(2025, 8, 20), province="utrecht")
    assert period_figures(period=period_parse(PERIOD)).months.total == 20
    after = periodic_report_content(period=period_parse(PERIOD), language="en", today=TODAY)
    assert after == before
    for _ in range(10):
        make_report(created_on=date(2024, 12, 20))
    publish("2024-12")  # published, but not the quarter before 2025Q2
    quarter = periodic_report_content(period=period_parse("2025Q2"), language="en", today=TODAY)
    assert "previous period: not published" in " ".join(quarter.strings())


@pytest.mark.django_db
def test_unwritable_paths_are_refused(reports: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("report", "--period", PERIOD, "--lang", "en", "--out", str(tmp_path / "missing" / "r.pdf"))
    with pytest.raises(CommandError, match="is a folder"):
        call_command("report", "--period", PERIOD, "--lang", "en", "--out", str(tmp_path))
    with pytest.raises(CommandError, match=re.escape("--out /proc/meldpunt-report.pdf")):  # refused even to root
        call_command("report", "--period", PERIOD, "--lang", "en", "--out", "/proc/meldpunt-report.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
@pytest.mark.django_db
def test_a_folder_without_write_permission_is_refused(reports: None, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(CommandError, match="not allowed to write"):
        call_command("report", "--period", PERIOD, "--lang", "en", "--out", str(locked / "r.pdf"))
    assert list(locked.iterdir()) == []
