"""The fonts of the referral PDF: where they come from and how they enter the document.

- Noto Sans SC (PyPI package justmytype-intl-cjk) covers Latin, Greek, Cyrillic and every Han
  character of GBK, simplified and traditional; it sets the package's own labels and Dutch, English
  and Chinese text.
- Noto Sans TC (same package) draws traditional characters in their Taiwan/Hong Kong forms; it leads
  for reports written in Traditional Chinese, with SC behind it for simplified characters it lacks.
- DejaVu Sans (Debian package fonts-dejavu-core) sets Arabic-script text, Uyghur letters included
  (ئ ې ۆ ۇ ۈ ۋ ڭ ھ …), shaped by HarfBuzz. Newer Noto Arabic fonts draw a dotted letter as a
  skeleton plus a dots mark; fpdf2 2.8 places those marks wrongly and leaves them out of the text
  layer, so they are not used. DejaVu's precomposed letters render and extract correctly. It is
  only needed when a report contains right-to-left text.

The Noto fonts ship as variable fonts whose default instance is Thin. PDF readers know no variations,
so each is cut down to the characters of one document and pinned to a weight in memory. fpdf2 2.8
opens fonts only from a path (py-pdf/fpdf2#172); rather than write a file derived from report text
to disk, `add_static_font` hands fpdf2 the bytes directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from io import BytesIO
from pathlib import Path
from typing import Final

import uharfbuzz  # type: ignore[import-untyped]  # a Cython extension without stubs
from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type information
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fontTools.varLib import instancer  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import HarfBuzzFont, TTFFont

REGULAR: Final = 400
BOLD: Final = 700


class FontMissing(RuntimeError):
    """A font the referral PDF needs is not installed."""


@dataclass(frozen=True)
class PyPIFont:
    script: str
    distribution: str
    path: str  # inside the distribution


@dataclass(frozen=True)
class DebianFont:
    script: str
    debian_package: str
    paths: tuple[str, ...]  # where distributions install the same file


HAN_SIMPLIFIED: Final = PyPIFont(
    "Latin and Chinese", "justmytype-intl-cjk", "justmytype_intl_cjk/fonts/ofl/notosanssc/NotoSansSC[wght].ttf"
)
HAN_TRADITIONAL: Final = PyPIFont(
    "Traditional Chinese", "justmytype-intl-cjk", "justmytype_intl_cjk/fonts/ofl/notosanstc/NotoSansTC[wght].ttf"
)
ARABIC_SCRIPT: Final = DebianFont(
    "Arabic-script (Uyghur) text",
    "fonts-dejavu-core",
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # Fedora
        "/usr/share/fonts/TTF/DejaVuSans.ttf",  # Arch
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",  # Alpine
    ),
)


def font_path(source: PyPIFont | DebianFont) -> Path:
    """The installed font file, or FontMissing saying which package to install."""
    if isinstance(source, DebianFont):
        found = [path for path in map(Path, source.paths) if path.is_file()]
        if not found:
            raise FontMissing(
                f"The referral PDF needs {Path(source.paths[0]).name} for {source.script}: install the Debian "
                f"package {source.debian_package} (apt-get install {source.debian_package})."
            )
        return found[0]
    missing = FontMissing(
        f"The referral PDF needs {Path(source.path).name} for {source.script}, shipped in the PyPI package "
        f"{source.distribution}: install the project's dependencies (make install, or pip install -e .)."
    )
    try:
        path = Path(str(distribution(source.distribution).locate_file(source.path)))
    except PackageNotFoundError:
        raise missing from None
    if not path.is_file():
        raise missing
    return path


@cache
def characters(path: Path) -> frozenset[int]:
    """The code points the font file has glyphs for."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def static_fonts(source: PyPIFont, *, weights: tuple[int, ...], text: str) -> list[bytes]:
    """The variable font cut down to the characters of `text`, at each fixed weight, as TrueType bytes.

    Layout tables are kept whole for HarfBuzz. Hinting goes: PDF readers rasterise without it, and
    it is code a reader would otherwise run. Cutting first makes each weight quick to compute.
    """
    # The timestamp stays as shipped, so equal input gives an identical font and PDF.
    font = TTFont(font_path(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the instancer names the weight from them: PDF readers tell fonts apart by name
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    variable = BytesIO()
    font.save(variable)
    instances = []
    for weight in weights:
        instance = TTFont(BytesIO(variable.getvalue()), recalcTimestamp=False)
        instancer.instantiateVariableFont(instance, {"wght": weight}, inplace=True, static=True, updateFontNames=True)
        out = BytesIO()
        instance.save(out)
        instances.append(out.getvalue())
    return instances


def add_static_font(pdf: FPDF, family: str, style: str, data: bytes) -> None:
    """Register TrueType bytes with fpdf2 as `family` in `style` ("" or "B"), shaped by HarfBuzz.

    Does what FPDF.add_font does once it has opened a file. It leans on TTFFont's constructor and
    its cached HarfBuzz font, which is why pyproject pins fpdf2 to one version.
    """
    fontkey = f"{family.lower()}{style}"
    font = TTFFont(pdf, BytesIO(data), fontkey, style)  # type: ignore[arg-type]  # fontTools also opens a file object
    font._hbfont = HarfBuzzFont(uharfbuzz.Face(uharfbuzz.Blob(data)))
    pdf.fonts[fontkey] = font
