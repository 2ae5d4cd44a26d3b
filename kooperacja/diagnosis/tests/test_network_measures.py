"""The network measures on a small network computed by hand (and checked against networkx)."""

import random
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kooperacja.diagnosis.network.measures import Answer, Node, betweenness, compute

A, B, C, D, E = 1, 2, 3, 4, 5
NODES = [
    Node(A, "OPS", "social", "pomoc społeczna", "Ośrodek Pomocy Społecznej"),
    Node(B, "Szkoła", "education", "edukacja", "Szkoła Podstawowa"),
    Node(C, "Policja", "security", "bezpieczeństwo", "Komisariat Policji"),
    Node(D, "PCPR", "social", "pomoc społeczna", "Powiatowe Centrum Pomocy Rodzinie"),
    Node(E, "Parafia", "church", "kościół", "Parafia"),
]
ANSWERS = [
    Answer(A, B, 3, trust=(4, 3, None), value=(2, 2, 2)),  # reciprocated, pair level 3
    Answer(B, A, 2, trust=(2, 2, 2)),
    Answer(A, C, 1, trust=(1, None, None)),  # one-sided, information only
    Answer(C, D, 2),  # one-sided, information only, no ratings
    Answer(D, C, 0),  # D answered: no cooperation
    Answer(A, E, 0, trust=(4, 4, 4)),  # level 0: ratings ignored, E stays isolated
]


@pytest.fixture
def measures():
    return compute(NODES, ANSWERS)


def by_id(measures):
    return {m.node.id: m for m in measures.institutions}


def test_network_measures_match_hand_computed_values(measures):
    assert measures.density == pytest.approx(4 / 20)  # 4 reports of 5·4 possible
    assert measures.reciprocity == pytest.approx(2 / 4)  # A→B and B→A answered each other
    assert measures.centralisation == pytest.approx((0 + 1 + 0 + 1 + 2) / (4 * 3))  # degrees 2,1,2,1,0
    assert measures.information_only_share == pytest.approx(2 / 3)  # pairs AB=3, AC=1, CD=2
    assert [n.id for n in measures.isolated] == [E]
    assert measures.respondents == 4 and measures.response_rate == pytest.approx(0.8)
    assert measures.tie_count == 3
    assert {(t.a, t.b): (t.level, t.reciprocated) for t in measures.ties} == {
        (A, B): (3, True),
        (A, C): (1, False),
        (C, D): (2, False),
    }


def test_institution_measures(measures):
    rows = by_id(measures)
    assert [(rows[i].in_degree, rows[i].out_degree) for i in (A, B, C, D, E)] == [
        (1, 2),
        (1, 1),
        (1, 1),
        (1, 0),
        (0, 0),
    ]
    assert [rows[i].relative_connectivity for i in (A, B, C, D, E)] == [100, 50, 100, 50, 0]
    # Directed, normalised by (n−1)(n−2) = 12: A lies on B→C and B→D, C on B→D and A→D.
    assert rows[A].betweenness == pytest.approx(2 / 12) and rows[C].betweenness == pytest.approx(2 / 12)
    assert rows[B].betweenness == 0 and rows[E].betweenness == 0
    assert rows[B].trust_score == pytest.approx(3.5) and rows[B].value_score == pytest.approx(2)
    assert rows[A].trust_score == pytest.approx(2) and rows[A].value_score is None
    assert rows[C].trust_score == pytest.approx(1)
    assert rows[D].trust_score is None and rows[E].trust_score is None  # level-0 ratings are ignored
    assert rows[E].isolated and not rows[E].answered and rows[D].answered


def test_measures_agree_with_networkx(measures):
    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in NODES)
    graph.add_edges_from((a.respondent_id, a.partner_id) for a in ANSWERS if a.level)
    assert measures.density == pytest.approx(nx.density(graph))
    assert measures.reciprocity == pytest.approx(nx.reciprocity(graph))
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert {m.node.id: m.betweenness for m in measures.institutions} == pytest.approx(expected)


def test_an_empty_round_has_no_undefined_numbers():
    measures = compute(NODES[:2], [])
    assert measures.density == 0 and measures.reciprocity is None and measures.information_only_share is None
    assert measures.centralisation == 0 and measures.response_rate == 0 and len(measures.isolated) == 2
    assert compute([], []).response_rate == 0


def test_answers_about_institutions_outside_the_round_are_ignored():
    measures = compute(NODES[:2], [Answer(A, 99, 4), Answer(A, B, 2)])
    assert measures.tie_count == 1 and measures.density == pytest.approx(0.5)


def test_svg_is_well_formed_escaped_and_accessible():
    nodes = [*NODES[:2], Node(9, "<script>alert(1)</script> & co", "ngo", "NGO <b>", "x")]
    measures = compute(nodes, [Answer(A, B, 4), Answer(B, A, 1), Answer(9, A, 2)], key="test")
    svg = str(measures.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "NGO &lt;b&gt;" in svg
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "test-title test-desc"
    assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text
    edges = [line for line in root.iter(f"{ns}line") if line.get("stroke-opacity")]
    assert len(edges) == 2
    widths = sorted(float(e.get("stroke-width")) for e in edges)
    assert widths == [2.0, 5.5]  # pair levels 2 and 4 (the higher of both reports)
    assert sum(1 for e in edges if e.get("stroke-dasharray")) == 1  # 9→A is one-sided
    assert len(list(root.iter(f"{ns}circle"))) == 3
    assert "var(" not in svg and "<script" not in svg and "marker" not in svg


@pytest.mark.parametrize("seed", range(40))
def test_betweenness_equals_networkx_on_random_networks(seed):
    rnd = random.Random(seed)
    graph = nx.DiGraph()
    graph.add_nodes_from(rnd.sample(range(1000), rnd.randint(0, 30)))
    nodes = list(graph)
    if len(nodes) >= 2:
        graph.add_edges_from(rnd.sample(nodes, 2) for _ in range(rnd.randint(0, 4 * len(nodes))))
    assert betweenness(graph) == nx.betweenness_centrality(graph, normalized=True)
