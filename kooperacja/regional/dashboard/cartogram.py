"""The tile cartogram of a voivodeship (R-40): one square per gmina, grouped by powiat, coloured by the stage of
its cooperation. Drawn on the server as SVG (no JS, the same picture on screen and in print); the stage is also
written in each tile and in the accessible table that goes with it, so colour is never the only carrier."""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja.core.svg import svg_join
from kooperacja.regional.dashboard.aggregates import STAGES, gmina_stages, stage_labels
from kooperacja.regional.dashboard.selectors import RegionData

COLOURS = {"none": "#f1f3f5", "II": "#ffd166", "III": "#5cc9a7", "IV": "#7cc6e8", "ended": "#adb5bd"}
MARKS = {"none": "", "II": "II", "III": "III", "IV": "IV", "ended": "×"}
TILE, GAP, COLUMNS, BLOCKS_PER_ROW, LABEL = 30, 4, 5, 4, 18
BLOCK_WIDTH = COLUMNS * (TILE + GAP) + 24


def cartogram_rows(data: RegionData) -> list[dict]:
    """Per powiat: its gminas with their stage — the table alternative and the tiles."""
    stages = gmina_stages(data)
    labels = stage_labels()
    return [
        {
            "county": county,
            "gminas": [
                {"unit": g, "stage": stages.get(g.pk, "none"), "label": labels[stages.get(g.pk, "none")]}
                for g in data.gminas
                if g.parent_id == county.pk
            ],
        }
        for county in data.counties
    ]


def cartogram_svg(rows: list[dict]) -> SafeString:
    blocks, x, y, row_height, column = [], 0, 0, 0, 0
    for row in rows:
        if column == BLOCKS_PER_ROW:
            x, y, column, row_height = 0, y + row_height + 12, 0, 0
        lines = max(1, -(-len(row["gminas"]) // COLUMNS))
        height = LABEL + lines * (TILE + GAP)
        tiles = []
        for index, gmina in enumerate(row["gminas"]):
            gx, gy = (index % COLUMNS) * (TILE + GAP), LABEL + (index // COLUMNS) * (TILE + GAP)
            tiles.append(
                format_html(
                    '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                    'stroke="#495057" stroke-width="1"/>'
                    '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#000">{}</text></g>',
                    gmina["unit"].name,
                    gmina["label"],
                    gx,
                    gy,
                    TILE,
                    TILE,
                    COLOURS[gmina["stage"]],
                    gx + TILE / 2,
                    gy + TILE / 2 + 4,
                    MARKS[gmina["stage"]],
                )
            )
        blocks.append(
            format_html(
                '<g transform="translate({},{})"><text x="0" y="12" font-size="11" fill="#212529">{}</text>{}</g>',
                x,
                y,
                row["county"].name[:28],
                svg_join(tiles),
            )
        )
        row_height = max(row_height, height)
        x += BLOCK_WIDTH
        column += 1
    width = BLOCKS_PER_ROW * BLOCK_WIDTH
    height = y + row_height + 4
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="cartogram-title cartogram-desc" class="regional-cartogram">'
        '<title id="cartogram-title">{}</title><desc id="cartogram-desc">{}</desc>{}</svg>',
        width,
        height,
        _("Cartogram of the gminas by the stage of their cooperation"),
        _("One square per gmina, grouped by powiat; the table below gives the same information."),
        svg_join(blocks),
    )


def legend() -> list[dict]:
    labels = stage_labels()
    return [{"stage": s, "colour": COLOURS[s], "mark": MARKS[s], "label": labels[s]} for s in STAGES]
