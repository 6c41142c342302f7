"""Where the fonts come from, the error when one is missing, and a core that needs no Django."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from meldpunt.cases.referral import FontMissing, build_referral_pdf
from meldpunt.cases.referral import pdf as referral_pdf
from meldpunt.cases.referral.fonts import ARABIC_SCRIPT, HAN_SIMPLIFIED, DebianFont, PyPIFont, font_path
from tests.cases.referral.factories import referral_input

ABSENT_ARABIC_FONT = DebianFont("Arabic-script (Uyghur) text", "fonts-dejavu-core", ("/nonexistent/DejaVuSans.ttf",))


def test_every_font_is_installed() -> None:
    for source in (HAN_SIMPLIFIED, ARABIC_SCRIPT):
        assert font_path(source).is_file()


def test_a_missing_debian_font_names_the_package_to_install() -> None:
    with pytest.raises(FontMissing, match=r"DejaVuSans\.ttf for Arabic-script .*apt-get install fonts-dejavu-core"):
        font_path(ABSENT_ARABIC_FONT)


def test_a_missing_pypi_font_names_the_distribution() -> None:
    absent = PyPIFont("Latin and Chinese", "no-such-font-distribution", "fonts/NotoSansSC[wght].ttf")
    with pytest.raises(FontMissing, match=r"NotoSansSC\[wght\]\.ttf .*PyPI package no-such-font-distribution"):
        font_path(absent)


def test_only_reports_with_right_to_left_text_need_the_arabic_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(referral_pdf, "ARABIC_SCRIPT", ABSENT_ARABIC_FONT)
    assert build_referral_pdf(referral_input("zh-hans", "nl")).startswith(b"%PDF-")
    with pytest.raises(FontMissing, match="fonts-dejavu-core"):
        build_referral_pdf(referral_input("ug", "nl"))


def test_the_core_builds_a_package_without_django() -> None:
    script = textwrap.dedent(
        """
        import sys
        from datetime import date
        from meldpunt.cases.referral import ReferralInput, build_referral_pdf, build_referral_zip
        from meldpunt.intake.questionnaire import ReportAnswers
        data = ReferralInput(
            report_number=1, language="en", reporter_language="en", received_on=date(2024, 6, 1), status="open",
            answers=ReportAnswers(language="en", narrative="A man called me."), messages=(), files=(), custody=(),
            prepared_by="hanna", prepared_on=date(2024, 7, 1), labels={},
        )
        assert build_referral_zip(data, build_referral_pdf(data)).startswith(b"PK")
        print(sorted(name for name in sys.modules if name.split(".")[0] == "django"))
        """
    )
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
