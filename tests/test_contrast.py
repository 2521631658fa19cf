"""Every colour the terminal views use keeps WCAG AA contrast (4.5:1) on white and black."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style

from senco_cli.render import html as render_html
from senco_cli.render.terminal import audit as render_audit
from senco_cli.render.terminal import check as render_text

from conftest import ROOT

NAMED = re.compile(r'"(?:[a-z ]*\b)?(?:red|green|yellow|cyan|blue|magenta|white|black|dim)\b[a-z ]*"')


def luminance(red: int, green: int, blue: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(a: float, b: float) -> float:
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


STYLES = sorted(
    {
        *render_text.PALETTE,
        *render_text.STATUS_STYLES.values(),
        *render_text.FUNDING_STYLES.values(),
        *render_text.SITUATION_STYLES.values(),
        *(style for style in render_audit.STATE_STYLES.values() if style),  # "" is the terminal's own
    }
)


@pytest.mark.parametrize("style", STYLES)
def test_aa_contrast_on_white_and_black(style: str) -> None:
    colour = Style.parse(style).color
    assert colour is not None and colour.triplet is not None, f"{style}: a colour given as #rrggbb"
    shade = luminance(*colour.triplet)
    assert contrast(shade, 1.0) >= 4.5, f"{style} on white"
    assert contrast(shade, 0.0) >= 4.5, f"{style} on black"


def test_no_named_colours_in_the_views() -> None:
    """Named colours look different in every terminal theme: the views use the palette."""
    for path in sorted((ROOT / "senco_cli").glob("render_*.py")):
        assert not NAMED.findall(Path(path).read_text(encoding="utf-8")), path.name


def hex_luminance(colour: str) -> float:
    return luminance(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("name", sorted(set(render_html.PALETTE) - {"border"}))
def test_html_text_colours_keep_aa_contrast(name: str) -> None:
    """The HTML report's text colours on its white page and on the answer box's grey."""
    shade = hex_luminance(render_html.PALETTE[name])
    for background in ("#ffffff", render_html.ANSWER_BACKGROUND):
        assert contrast(shade, hex_luminance(background)) >= 4.5, f"{name} on {background}"


def test_html_styles_use_only_the_palette() -> None:
    css = (ROOT / "senco_cli" / "render" / "templates" / "style.css.j2").read_text(encoding="utf-8")
    for rule in re.findall(r"(?<![-\w])color:\s*([^;]+);", css):
        assert rule.strip().startswith("{{ palette.") or rule.strip() == "inherit", rule
