"""A campaign drawn as an SVG graph of reports and the identifiers they share (pure, server-side).

No script and no external resource: the picture is plain SVG inside the page, so it works with
JavaScript off. Identifiers appear by kind and a short digest prefix, never by value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

MAX_NODES = 400


def campaign_svg(members: Sequence[tuple[int, Sequence[tuple[str, str]]]], *, size: int = 640) -> str:
    """`members`: (report number, [(kind, digest) shared within the campaign]) per report."""
    members = list(members)[:MAX_NODES]
    digests = sorted({d for _report, shared in members for d in shared})
    centre, outer, inner = size / 2, size / 2 - 40, size / 4
    report_at = {
        report: (
            centre + outer * math.cos(2 * math.pi * i / max(1, len(members))),
            centre + outer * math.sin(2 * math.pi * i / max(1, len(members))),
        )
        for i, (report, _shared) in enumerate(members)
    }
    digest_at = {
        digest: (
            centre + inner * math.cos(2 * math.pi * i / max(1, len(digests))),
            centre + inner * math.sin(2 * math.pi * i / max(1, len(digests))),
        )
        for i, digest in enumerate(digests)
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        'role="img" aria-label="campaign graph" class="campaign-graph">'
    ]
    for report, shared in members:
        x1, y1 = report_at[report]
        for digest in shared:
            x2, y2 = digest_at[digest]
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa5b8"/>')
    for (kind, hex_digest), (x, y) in digest_at.items():
        label = escape(f"{kind} {hex_digest[:6]}")
        parts.append(
            f'<g class="identifier"><rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="#c9a227"/>'
            f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" font-size="10">{label}</text></g>'
        )
    for report, (x, y) in report_at.items():
        parts.append(
            f'<g class="report"><circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="#0b5cad"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="9" fill="#fff" text-anchor="middle">{report}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
