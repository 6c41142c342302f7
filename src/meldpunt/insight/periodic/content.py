"""What the periodic report says, in which order, before any layout: plain blocks of text, tables
and charts. Every count comes from `PeriodFigures` or the dashboard's knowledge tables, already
disclosure-controlled; this module only words and arranges them (call it inside translation.override).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meldpunt.insight.aggregates import MARKER, Table, previous_month
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.periodic.charts import bar_chart_png
from meldpunt.insight.periodic.figures import PeriodFigures
from meldpunt.insight.periodic.period import Period

TextKind = Literal["title", "subtitle", "heading", "subheading", "paragraph", "note"]


@dataclass(frozen=True)
class Text:
    kind: TextKind
    text: str


@dataclass(frozen=True)
class Chart:
    png: bytes
    label: str  # what it shows, for the text layer


@dataclass(frozen=True)
class TableBlock:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first cell names the row, the others are figures
    controlled: bool  # report counts, through disclosure control (knowledge counts are not)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Text | Chart | TableBlock | PageBreak


@dataclass(frozen=True)
class ReportContent:
    language: str
    title: str
    period: Period
    page_label: str  # with {page} and {pages}
    blocks: tuple[Block, ...]

    def strings(self) -> list[str]:
        found = [self.title, self.page_label]
        for block in self.blocks:
            if isinstance(block, Text):
                found.append(block.text)
            elif isinstance(block, TableBlock):
                found += [*block.headings, *(cell for row in block.rows for cell in row)]
        return found


def _count(count: int | None) -> str:
    return MARKER if count is None else str(count)


def _change(now: int | None, before: int | None) -> str:
    """A change only between two published counts; "–" where either is suppressed."""
    if now is None or before is None:
        return "–"
    return f"{now - before:+d}" if now != before else "0"


def _day(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def _period_name(period: Period) -> str:
    return _("%(period)s (%(start)s to %(end)s)") % {
        "period": period.label,
        "start": _day(period.start),
        "end": _day(period.end),
    }


def _table_section(table: Table, *, empty: str, over_time: bool = False) -> list[Block]:
    blocks: list[Block] = [Text("subheading", table.title)]
    if not table.rows:
        return [*blocks, Text("note", empty)]
    values = [row.count for row in table.rows]
    blocks.append(Chart(bar_chart_png([row.label for row in table.rows], values, over_time=over_time), table.title))
    rows = [(row.label, _count(row.count)) for row in table.rows]
    if table.additive:
        rows.append((_("Total"), _count(table.total)))
    blocks.append(TableBlock((table.heading, table.unit), tuple(rows), table.controlled))
    if not table.additive:
        blocks.append(Text("note", _("A report naming several tactics counts once for each: these do not add up.")))
    return blocks


def _trends(figures: PeriodFigures, previous: PeriodFigures | None) -> list[Block]:
    published = {row.key: row.count for row in figures.series.rows}
    rows = []
    for row in figures.months.rows:
        earlier = published.get(previous_month(row.key))
        year_ago = published.get(previous_month(row.key, back=12))
        rows.append((row.label, _count(row.count), _change(row.count, earlier), _change(row.count, year_ago)))
    return [
        Text("heading", _("Trends")),
        Text(
            "paragraph",
            _(
                "This period: %(now)s reports. The previous period of the same length, %(previous)s: "
                "%(before)s reports. Change: %(change)s."
            )
            % {
                "now": _count(figures.total),
                "previous": _period_name(figures.period.previous()),
                "before": _published_count(previous),
                "change": _change(figures.total, None if previous is None else previous.total),
            },
        ),
        Text("subheading", _("Month on month")),
        TableBlock(
            (_("Month received"), _("reports"), _("change on the month before"), _("change on a year before")),
            tuple(rows),
            True,
        ),
        Text(
            "note",
            _(
                "A change is given only between two published counts; “–” where one of them is suppressed "
                "or was not published."
            ),
        ),
    ]


def _published_count(figures: PeriodFigures | None) -> str:
    return _("not published") if figures is None else _count(figures.total)


def _synthetic_included(figures: PeriodFigures) -> bool:
    return figures.synthetic != 0  # None: suppressed, so at least one


def _method(figures: PeriodFigures) -> list[Block]:
    paragraphs = [
        _(
            "What is counted. Reports to the reporting point whose reporter consented to their use in "
            "statistics, and only those. Each report counts once, in the month it was received; the month "
            "of the incident, when the reporter gave it, is counted in a table of its own. Only the coarse "
            "statistical details are counted (tactics, community, origin state, province, months); no "
            "report text is read for these figures."
        ),
        _(
            "Consent. A reporter decides whether their report may be counted; reports without that "
            "consent appear in no figure of this report."
        ),
        _(
            "Disclosure control. A count from 1 to %(largest)s is never published: it is shown as "
            "“%(marker)s”. Further counts and totals are suppressed where the published figures would "
            "otherwise allow a suppressed count to be worked out by subtraction. Zeros are published. "
            "The figures are controlled in exactly the same way as those of the public dashboard."
        )
        % {"largest": THRESHOLD - 1, "marker": MARKER},
        _(
            "Reports are not incidents. One incident may be reported by several people and many "
            "incidents are never reported; more reports can mean more awareness of the reporting point "
            "as well as more repression. The figures describe what was reported, not how often "
            "transnational repression occurs."
        ),
        _(
            "Publication. The figures of a period are published once, after it has ended, and never "
            "revised: this report prints them as published, like the public dashboard. A report that "
            "arrives later counts in the period it is received in; a consent withdrawn after publication "
            "does not change published figures. No two published periods share a month, so their figures "
            "can not be subtracted from each other to single out a report."
        ),
    ]
    paragraphs.append(
        _(
            "Limits. A report naming several tactics counts for each. Knowledge figures count published, "
            "cited records of the knowledge base on the day of publication, not every station or "
            "partnership that exists."
        )
    )
    if _synthetic_included(figures):
        paragraphs.append(
            _(
                "Synthetic data. This period includes synthetic (demonstration) reports: %(count)s of the "
                "counted reports were generated, not submitted by people. The figures do not describe reality."
            )
            % {"count": _count(figures.synthetic)}
        )
    return [Text("heading", _("Method and its limits")), *(Text("paragraph", text) for text in paragraphs)]


def report_content(
    *,
    figures: PeriodFigures,
    previous: PeriodFigures | None,
    knowledge: Sequence[Table],
    language: str,
    today: date,
) -> ReportContent:
    title = _("Transnational repression in the Netherlands: periodic report")
    period = figures.period
    cover: list[Block] = [
        Text("title", title),
        Text("subtitle", _("Period: %(period)s") % {"period": _period_name(period)}),
        Text("paragraph", _("Generated on %(day)s by Meldpunt.") % {"day": _day(today)}),
        Text(
            "paragraph",
            _("Reports counted in this period: %(count)s (previous period: %(before)s).")
            % {"count": _count(figures.total), "before": _published_count(previous)},
        ),
    ]
    if _synthetic_included(figures):
        cover.append(Text("note", _("This period includes synthetic (demonstration) reports: see the method.")))
    cover.append(
        Text(
            "note",
            _("Counts from 1 to %(largest)s are shown as “%(marker)s”, as are counts that would reveal them.")
            % {"largest": THRESHOLD - 1, "marker": MARKER},
        )
    )
    blocks: list[Block] = [*cover, PageBreak(), Text("heading", _("Key figures"))]
    nothing = _("No reports counted in this period.")
    blocks += _table_section(figures.months, empty=nothing, over_time=True)
    for table in figures.report_tables[1:]:
        blocks += _table_section(table, empty=nothing)
    blocks += _trends(figures, previous)
    blocks.append(Text("heading", _("Knowledge base")))
    blocks.append(
        Text("note", _("Counts of published, cited records of the knowledge base, on the day of publication."))
    )
    for table in knowledge:
        blocks += _table_section(table, empty=_("No such records published yet."))
    blocks += _method(figures)
    return ReportContent(
        language=language,
        title=title,
        period=period,
        page_label=_("Page {page} of {pages}"),
        blocks=tuple(blocks),
    )
