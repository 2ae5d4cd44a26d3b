"""The machinery of `make bench`, without timing anything: every measured address answers 200 to the role that
opens it on a one-gmina data set, the target check lists exactly the targets missed, the load run's statistics
are read from locust's CSV and the results land between the markers of docs/benchmarks.md."""

import pytest
from django.core.management import call_command
from django.test import Client

from kooperacja.demo.bench import load, measure, pages, report, targets

FLOOR = {"n": 30, "p50": 0.010, "p95": 0.015, "queries": 4, "status": 200, "error": None}


def row(p50: float, p95: float, queries: int | None = 10, status: int | None = 200) -> dict:
    return {"n": 30, "p50": p50, "p95": p95, "queries": queries, "status": status, "error": None}


def by_name(name: str) -> pages.Item:
    return next(item for item in pages.items({"gmina_name": "Gmina"}) if item.name == name)


@pytest.fixture
def scale1(db):
    from kooperacja.demo.scale import seed_scale

    call_command("load_teryt", verbosity=0)
    seed_scale(scale="1", say=lambda message: None)
    return pages.resolved_subjects()


@pytest.mark.urls("config.urls_bench")
def test_every_measured_address_answers_200_to_its_role_on_one_gmina(scale1):
    # One test for both checks: seeding the gmina is what takes time here.
    selected = [item for item in pages.items(scale1) if item.kind != pages.DIRECT]
    urls = pages.urls(selected, scale1)
    clients = {}
    for item in selected:
        if item.role not in clients:
            clients[item.role] = Client()
            measure.login(clients[item.role], scale1[pages.ROLE_EMAILS[item.role]], password=scale1["password"])
        response = clients[item.role].get(urls[item.name])
        assert response.status_code == 200, (item.name, urls[item.name], response.status_code)

    # The measuring loop: samples, a query count, and the session the load run reuses.
    # The budget is large enough never to cut the three samples short: what is checked is the bookkeeping (how many
    # requests were taken, their status, the queries counted), never how long they took.
    outcome = measure.measure_all([by_name("floor")], scale1, repeat=3, budget=3600, clients=clients, log=print)
    floor = outcome["items"]["floor"]
    assert floor["status"] == 200 and floor["n"] == 3
    assert floor["queries"] >= 1
    assert set(outcome["sessions"]) == set(clients)
    plan = load.plan([by_name("home"), by_name("floor")], {"home": "/pulpit/"}, outcome["sessions"], "sessionid")
    assert plan["requests"] == [{"name": "home", "path": "/pulpit/", "role": "coordinator", "weight": 10}]
    assert plan["roles"] == ["coordinator", "coordinator", "coordinator"]


def test_the_check_lists_each_target_missed_and_nothing_else():
    items = [by_name(n) for n in ("floor", "home", "case_list", "rops_dashboard", "search_typo", "network_measures")]
    results = {
        "scale1": {
            "floor": FLOOR,
            "home": row(0.015, 0.030),
            "case_list": row(0.015, 0.030, queries=23),
            "rops_dashboard": row(0.2, 0.3, queries=12),
            "search_typo": row(0.02, 0.04),
        },
        "national": {
            "floor": FLOOR,
            "home": row(0.018, 0.040),  # 1.8× and 2.7× the floor, growth 1.2: met
            "case_list": row(0.025, 0.040, queries=303),  # 2.5× floor p50, 303 ≠ 23 queries, growth 1.67
            "rops_dashboard": row(0.9, 1.4, queries=12),  # p95 over 1 s, growth 4.5
            "search_typo": row(0.02, 0.04),
            "network_measures": row(0.3, 0.6, queries=None, status=None),  # over 0.5 s
        },
    }
    load_result = {"requests": 1000, "failures": 2, "p95": 0.2}  # 2 errors, 13× the floor's p95
    misses = [str(m) for m in targets.check(items, results, load_result)]
    assert misses == [
        "case_list: p50 25.0 ms = 2.5× floor (target ≤ 2×)",
        "case_list: 23 queries at one gmina, 303 at national",
        "case_list: growth 1.67× national ÷ one gmina (target ≤ 1.3×)",
        "rops_dashboard: p95 1.40 s (target ≤ 1.00 s)",
        "rops_dashboard: growth 4.50× national ÷ one gmina (target ≤ 1.3×)",
        "network_measures: p95 600.0 ms (target ≤ 500.0 ms)",
        "load: 2 of 1000 requests failed (target 0)",
        "load: p95 200.0 ms = 13.3× floor (target ≤ 5×)",
    ]


def test_a_page_that_does_not_answer_200_is_a_miss_and_one_data_set_is_judged_alone():
    results = {"scale1": {"floor": FLOOR, "home": row(0.012, 0.02), "plan": row(None, None, None, status=500)}}
    misses = [str(m) for m in targets.check([by_name("floor"), by_name("home"), by_name("plan")], results, None)]
    assert misses == ["plan: scale1: answered 500"]


def test_locust_statistics_are_read_from_its_csv(tmp_path):
    header = "Type,Name,Request Count,Failure Count,Median Response Time,Requests/s,50%,95%"
    csv_file = tmp_path / "load_stats.csv"
    csv_file.write_text(f"{header}\nGET,home,900,0,12,15.0,12,40\n,Aggregated,1000,3,13,16.5,13,45\n")
    stats = load.parse_stats(csv_file)
    assert (stats["requests"], stats["failures"], stats["p50"], stats["p95"]) == (1000, 3, 0.013, 0.045)
    assert stats["per_item"]["home"] == {"requests": 900, "failures": 0, "p95": 0.040}


def test_the_results_replace_the_previous_ones_between_the_markers(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\nHow to read.\n\n{report.START}\nold table\n{report.END}\n\nFooter.\n")
    items = [by_name("floor"), by_name("home")]
    results = {"scale1": {"floor": FLOOR, "home": row(0.015, 0.03)}}
    info = {"date": "2026-12-07", "cores": 2, "memory": "8 GiB", "cpu": "CPU", "python": "3.11", "commit": "abc"}
    text = report.section(
        items=items,
        results=results,
        load=None,
        misses=[],
        info=info | {"postgresql": "15"},
        builds={"scale1": {"reused": True}},
        options="",
    )
    report.write(doc, text)
    written = doc.read_text()
    assert "old table" not in written and written.count(report.START) == 1
    assert written.startswith("# Benchmarks\n\nHow to read.") and written.endswith("Footer.\n")
    assert "| home page | coordinator | 30 | 15.0 ms | 30.0 ms |" in written
    assert "All targets met." in written
