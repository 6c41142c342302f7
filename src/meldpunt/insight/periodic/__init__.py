"""The periodic report for policymakers: one closed period's disclosure-controlled figures as a PDF.

`period` reads the period (pure), `figures` reads its publication as the public dashboard does,
`content` words and orders them in the active language, `charts` draws them and `render` lays out the
PDF. `periodic_report_pdf` puts them together; equal data, language and day give identical bytes.
"""

from __future__ import annotations

from datetime import date

from django.utils import translation

from meldpunt.insight.periodic.content import ReportContent, report_content
from meldpunt.insight.periodic.figures import NotPublished, period_figures, previous_figures
from meldpunt.insight.periodic.period import Period, PeriodError, period_parse
from meldpunt.insight.periodic.render import report_pdf


def periodic_report_content(*, period: Period, language: str, today: date) -> ReportContent:
    with translation.override(language):
        figures = period_figures(period=period)
        return report_content(
            figures=figures,
            previous=previous_figures(period=period),
            knowledge=figures.knowledge,
            language=language,
            today=today,
        )


def periodic_report_pdf(*, period: Period, language: str, today: date) -> bytes:
    return report_pdf(periodic_report_content(period=period, language=language, today=today))


__all__ = ["NotPublished", "Period", "PeriodError", "period_parse", "periodic_report_content", "periodic_report_pdf"]
