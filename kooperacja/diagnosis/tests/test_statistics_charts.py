"""The shared SVG charts: valid XML, accessible, proportional, gaps for missing values, text escaped."""

import re
import xml.etree.ElementTree as ET

from django.utils.safestring import SafeString

from kooperacja.diagnosis import charts

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    assert isinstance(svg, SafeString)
    return ET.fromstring(svg)


def _accessible(root: ET.Element, title: str) -> None:
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert root.find(f"{NS}title").text == title
    assert root.find(f"{NS}title").get("id") == ids[0]
    assert root.find(f"{NS}desc").get("id") == ids[1]


def test_line_chart_is_accessible_svg_with_a_text_legend():
    svg = charts.line_chart(
        title="Ludność <gminy> & co",
        years=[2017, 2018, 2019],
        series=[("przedprodukcyjny", [2154, 2168, 2160]), ("poprodukcyjny", [2090, None, 2176])],
    )
    root = _parse(svg)
    _accessible(root, "Ludność <gminy> & co")
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "przedprodukcyjny" in texts and "poprodukcyjny" in texts  # the legend is text
    assert "2017" in texts and "2019" in texts
    paths = [p.get("d") for p in root.iter(f"{NS}path") if p.get("fill") == "none"]
    assert len(paths) == 2
    assert paths[1].count("M") == 2 and "L" not in paths[1]  # the gap of None: two separate points
    assert "&lt;gminy&gt; &amp; co" in svg


def test_line_chart_without_data_says_so():
    root = _parse(charts.line_chart(title="Pusto", years=[], series=[]))
    assert any("No data" in (t.text or "") or "Brak" in (t.text or "") for t in root.iter(f"{NS}text"))


def test_bar_chart_bars_are_proportional_and_height_grows():
    small = charts.bar_chart(title="Usługi", bars=[("OPS", 10), ("Szkoła", 5)])
    big = charts.bar_chart(title="Usługi", bars=[(f"Instytucja {i}", i) for i in range(1, 11)])
    root = _parse(small)
    _accessible(root, "Usługi")
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect") if r.get("fill") != "#ffffff"]
    assert len(widths) == 2 and abs(widths[0] / widths[1] - 2) < 0.01
    assert int(_parse(big).get("height")) > int(root.get("height"))
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert "OPS" in labels and "10" in labels and "5" in labels


def test_grouped_bar_chart_handles_missing_values_and_escapes():
    svg = charts.grouped_bar_chart(
        title="2023 i 2024", labels=["Przemoc <domowa>", "Ubóstwo"], series=[("2023", [4, 12]), ("2024", [None, 6.5])]
    )
    root = _parse(svg)
    _accessible(root, "2023 i 2024")
    bars = [r for r in root.iter(f"{NS}rect") if r.get("fill") not in ("#ffffff",) and r.get("height") == "16"]
    assert len(bars) == 3  # one value is missing
    assert "Przemoc &lt;domowa&gt;" in svg
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "6,5" in texts  # Polish decimal comma
    assert sum(t in ("no data", "brak danych") for t in texts) == 1


def test_negative_values_draw_left_of_zero():
    root = _parse(charts.bar_chart(title="Saldo migracji", bars=[("2018", -20), ("2019", 10)]))
    rects = [r for r in root.iter(f"{NS}rect") if r.get("fill") != "#ffffff"]
    assert float(rects[0].get("x")) < float(rects[1].get("x"))
    assert re.search(r"\u221220|-20", "".join(t.text or "" for t in root.iter(f"{NS}text")))
