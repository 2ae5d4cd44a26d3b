"""Measures of the cooperation network (R-13), computed with networkx from the answers of one survey round,
and the network drawn as SVG. Pure functions: no database, so they test against hand-computed values.

Definitions (also in the page's footnotes):

* A **tie report** is one answer with level ≥ 1: respondent → partner. The directed graph holds one edge per
  tie report; the undirected *tie graph* links a pair when at least one side reports the tie.
* **Density**: ``nx.density`` of the directed graph, reports / (n·(n−1)).
* **In-degree** of an institution: how many others report a tie with it; **out-degree**: how many it reports.
* **Betweenness**: ``nx.betweenness_centrality`` of the directed graph, normalised (computed by ``betweenness``
  below — the same algorithm and the same numbers, on integer indices, about three times faster).
* **Relative connectivity**: an institution's degree in the tie graph as a percent of the highest degree.
* **Degree centralisation** (Freeman, tie graph): Σ(max − deg_i) / ((n−1)(n−2)); 0 when n < 3.
* **Isolated**: no tie either way.
* **Reciprocity**: ``nx.reciprocity`` of the directed graph — the share of tie reports answered by the
  partner's report of the same tie. None when there are no ties.
* **A pair's level** is the higher of the two sides' reports. **Information-only ties**: pairs whose level is
  1 (awareness) or 2 (information exchange), as a share of all pairs with level ≥ 1.
* **Trust score / value score** of an institution: the mean of every single trust (value) rating the others
  gave it (three ratings per answer, 1–4); None when nobody rated it.
* **Response rate**: institutions that saved at least one answer, as a share of the round's institutions.
"""

import math
from collections import deque
from dataclasses import dataclass, field

import networkx as nx
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja.core.svg import dash_attribute, svg_join

# Okabe–Ito, then Paul Tol's muted scheme: distinguishable with colour-vision deficiencies. Sectors are
# additionally named in the legend and in the table, so colour never carries the meaning alone.
PALETTE = [
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#332288",
    "#88CCEE",
    "#117733",
    "#999933",
    "#882255",
    "#AA4499",
    "#DDDDDD",
]
EDGE_WIDTH = {1: 1.0, 2: 2.0, 3: 3.5, 4: 5.5}


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    sector: str
    sector_label: str = ""
    name: str = ""


@dataclass(frozen=True)
class Answer:
    respondent_id: int
    partner_id: int
    level: int
    trust: tuple = ()
    value: tuple = ()


@dataclass
class InstitutionMeasures:
    node: Node
    answered: bool
    in_degree: int
    out_degree: int
    degree: int  # in the undirected tie graph
    betweenness: float
    relative_connectivity: float
    trust_score: float | None
    value_score: float | None
    isolated: bool


@dataclass
class Tie:
    a: int
    b: int
    level: int  # the higher of both sides' reports
    reciprocated: bool


@dataclass
class NetworkMeasures:
    nodes: list[Node]
    institutions: list[InstitutionMeasures]
    ties: list[Tie]
    density: float
    centralisation: float
    reciprocity: float | None
    information_only_share: float | None
    isolated: list[Node]
    respondents: int
    response_rate: float
    svg: SafeString = field(default_factory=SafeString)

    @property
    def tie_count(self) -> int:
        return len(self.ties)

    @property
    def sectors(self) -> list[tuple[str, str, str]]:
        """(sector, label, colour) of the sectors present, in drawing order."""
        return sector_colours(self.nodes)


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def betweenness(directed: nx.DiGraph) -> dict[int, float]:
    """``nx.betweenness_centrality(directed, normalized=True)``, equal to the last bit: Brandes' algorithm as
    networkx runs it (breadth-first search from every node, successors in the graph's order, dependencies
    accumulated in the same order), but on lists indexed by integers instead of dictionaries of nodes — the
    network page of 300 institutions spent most of its time here."""
    order = list(directed)
    n = len(order)
    index = {node: i for i, node in enumerate(order)}
    successors = [[index[w] for w in directed.successors(v)] for v in order]
    total = [0.0] * n
    for source in range(n):
        if not successors[source]:
            continue  # reaches nobody: adds nothing
        sigma = [0.0] * n
        distance = [-1] * n
        predecessors: list[list[int]] = [[] for _ in range(n)]
        sigma[source], distance[source] = 1.0, 0
        visited = []
        queue = deque([source])
        while queue:
            v = queue.popleft()
            visited.append(v)
            next_distance, sigma_v = distance[v] + 1, sigma[v]
            for w in successors[v]:
                if distance[w] < 0:
                    queue.append(w)
                    distance[w] = next_distance
                if distance[w] == next_distance:
                    sigma[w] += sigma_v
                    predecessors[w].append(v)
        delta = [0.0] * n
        while visited:
            w = visited.pop()
            coefficient = (1 + delta[w]) / sigma[w]
            for v in predecessors[w]:
                delta[v] += sigma[v] * coefficient
            if w != source:
                total[w] += delta[w]
    if n > 2:
        scale = 1 / ((n - 1) * (n - 2))
        total = [value * scale for value in total]
    return dict(zip(order, total, strict=True))


def compute(nodes: list[Node], answers: list[Answer], *, key: str = "network") -> NetworkMeasures:
    """All measures of one round. Answers about institutions outside ``nodes`` are ignored; ``key`` makes the
    SVG's element ids unique when a page shows two networks."""
    ids = {n.id for n in nodes}
    answers = [a for a in answers if a.respondent_id in ids and a.partner_id in ids and a.respondent_id != a.partner_id]
    directed = nx.DiGraph()
    directed.add_nodes_from(ids)
    directed.add_edges_from((a.respondent_id, a.partner_id) for a in answers if a.level >= 1)
    n = len(ids)

    pair_level: dict[tuple[int, int], int] = {}
    for a in answers:
        if a.level >= 1:
            pair = (min(a.respondent_id, a.partner_id), max(a.respondent_id, a.partner_id))
            pair_level[pair] = max(pair_level.get(pair, 0), a.level)
    ties = [
        Tie(a, b, level, directed.has_edge(a, b) and directed.has_edge(b, a))
        for (a, b), level in sorted(pair_level.items())
    ]

    # Degree in the undirected tie graph: the partners linked either way.
    degrees = {v: len(directed.succ[v].keys() | directed.pred[v].keys()) for v in directed}
    top = max(degrees.values(), default=0)
    node_betweenness = betweenness(directed)
    centralisation = sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2)) if n >= 3 else 0.0
    answered = {a.respondent_id for a in answers}
    received: dict[int, list[Answer]] = {}
    for a in answers:
        if a.level >= 1:
            received.setdefault(a.partner_id, []).append(a)

    institutions = [
        InstitutionMeasures(
            node=node,
            answered=node.id in answered,
            in_degree=directed.in_degree(node.id),
            out_degree=directed.out_degree(node.id),
            degree=degrees[node.id],
            betweenness=node_betweenness.get(node.id, 0.0),
            relative_connectivity=degrees[node.id] / top * 100 if top else 0.0,
            trust_score=_mean(r for a in received.get(node.id, []) for r in a.trust),
            value_score=_mean(r for a in received.get(node.id, []) for r in a.value),
            isolated=degrees[node.id] == 0,
        )
        for node in nodes
    ]
    measures = NetworkMeasures(
        nodes=list(nodes),
        institutions=institutions,
        ties=ties,
        density=nx.density(directed) if n >= 2 else 0.0,
        centralisation=centralisation,
        # nx.reciprocity: the share of tie reports whose reverse is reported too (without building the
        # undirected copy of the graph it makes for that).
        reciprocity=(
            sum(1 for a, b in directed.edges if directed.has_edge(b, a)) / directed.number_of_edges()
            if directed.number_of_edges()
            else None
        ),
        information_only_share=(sum(1 for t in ties if t.level <= 2) / len(ties)) if ties else None,
        isolated=[node for node in nodes if degrees[node.id] == 0],
        respondents=len(answered),
        response_rate=len(answered) / n if n else 0.0,
    )
    measures.svg = network_svg(measures, key=key)
    return measures


# --- Drawing ------------------------------------------------------------------------------------------------


def drawing_order(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (n.sector, n.label.lower(), n.id))


def sector_colours(nodes: list[Node]) -> list[tuple[str, str, str]]:
    seen: dict[str, str] = {}
    for node in drawing_order(nodes):
        seen.setdefault(node.sector, node.sector_label or node.sector)
    return [(sector, label, PALETTE[i % len(PALETTE)]) for i, (sector, label) in enumerate(seen.items())]


def _label(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(x: float) -> str:
    return f"{x:.1f}"


def network_svg(measures: NetworkMeasures, *, key: str = "network", size: int = 640) -> SafeString:
    """The network as inline SVG: a circle ordered by sector, nodes coloured by sector, edges as wide as the
    pair's level, solid when both sides report the tie and dashed when one does. No CSS, scripts or markers,
    so WeasyPrint draws it as the browser does. Every text is escaped."""
    nodes = drawing_order(measures.nodes)
    colours = {sector: colour for sector, _label_, colour in sector_colours(nodes)}
    margin = 90  # room for labels left and right of the circle
    width = size + 2 * margin
    centre_x, centre = width / 2, size / 2
    radius = size / 2 - 100
    positions = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        positions[node.id] = (centre_x + radius * math.cos(angle), centre + radius * math.sin(angle), angle)

    legend_rows = len(colours) + 3
    height = size + 24 * legend_rows + 10
    title = _("Network of cooperation of %(count)d institutions") % {"count": len(nodes)}
    desc = _("%(ties)d ties, of them %(reciprocated)d reported by both sides. Isolated institutions: %(isolated)s.") % {
        "ties": measures.tie_count,
        "reciprocated": sum(1 for t in measures.ties if t.reciprocated),
        "isolated": ", ".join(n.label for n in measures.isolated) or _("none"),
    }
    parts = []
    # A network of 300 institutions has thousands of ties: coordinates and dash attributes formatted once.
    points = {node_id: (_num(x), _num(y)) for node_id, (x, y, _angle) in positions.items()}
    dashes = {True: dash_attribute(""), False: dash_attribute("6 4")}
    for tie in measures.ties:
        (x1, y1), (x2, y2) = points[tie.a], points[tie.b]
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444444" stroke-width="{}" stroke-opacity="0.8"{}/>',
                x1,
                y1,
                x2,
                y2,
                EDGE_WIDTH.get(tie.level, 1.0),
                dashes[tie.reciprocated],
            )
        )
    for node in nodes:
        x, y, angle = positions[node.id]
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="11" fill="{}" stroke="#000000" stroke-width="1"/>',
                _num(x),
                _num(y),
                colours[node.sector],
            )
        )
        lx, ly = x + 18 * math.cos(angle), y + 18 * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        if anchor == "middle":
            ly += 8 if math.sin(angle) > 0 else -6
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" fill="#000000">{}</text>',
                _num(lx),
                _num(ly),
                anchor,
                _label(node.label),
            )
        )
    y = size + 10
    for _sector, label, colour in sector_colours(nodes):
        parts.append(format_html('<rect x="20" y="{}" width="14" height="14" fill="{}" stroke="#000000"/>', y, colour))
        parts.append(format_html('<text x="42" y="{}" fill="#000000">{}</text>', y + 12, label))
        y += 24
    for dash, text in (("", _("tie reported by both sides")), ("6 4", _("tie reported by one side"))):
        parts.append(
            format_html(
                '<line x1="20" y1="{}" x2="60" y2="{}" stroke="#444444" stroke-width="2"{}/>'
                '<text x="70" y="{}" fill="#000000">{}</text>',
                y + 7,
                y + 7,
                dash_attribute(dash),
                y + 12,
                text,
            )
        )
        y += 24
    parts.append(
        format_html(
            '<text x="20" y="{}" fill="#000000">{}</text>',
            y + 12,
            _("Line width: level of cooperation, from awareness (thin) to integration (thick)."),
        )
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{}-title {}-desc" '
        'viewBox="0 0 {} {}" width="100%" style="max-width:{}px" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>{}</svg>',
        key,
        key,
        width,
        height,
        width,
        key,
        title,
        key,
        desc,
        width,
        height,
        svg_join(parts),
    )
