"""The plain values a referral is built from."""

from __future__ import annotations

from dataclasses import replace

import pytest

from meldpunt.cases.referral.inputs import AttachmentMismatch, check_files
from tests.cases.referral.factories import STORIES, referral_file, referral_input


def test_report_text_and_file_contents_stay_out_of_repr() -> None:
    shown = repr(referral_input("ug"))
    assert "4711" in shown
    for secret in (STORIES["ug"].narrative, STORIES["ug"].message, "screenshot.png", "threatening letter"):
        assert secret not in shown


@pytest.mark.parametrize(
    "change",
    [
        {"data": b"\x89PNG tampered"},
        {"size": 99},
        {"sha256": "0" * 64},
    ],
)
def test_files_must_match_their_recorded_size_and_digest(change: dict[str, object]) -> None:
    file = referral_file("photo.png", b"\x89PNG original")
    check_files([file, replace(file, sha256=file.sha256.upper())])
    with pytest.raises(AttachmentMismatch, match="attachment 2"):
        check_files([file, replace(file, **change)])
