"""Locust users of the load run (``kooperacja.demo.bench.load`` starts locust with this file).

No Django here: locust patches the standard library with gevent. The plan — session cookies per role, the
requests of each role and their weights — comes as JSON in the file named by BENCH_LOAD_PLAN.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
_ROLES = itertools.cycle(PLAN["roles"])


class Person(HttpUser):
    """One logged-in person of a role, opening that role's pages with a pause of 1–3 s between requests."""

    wait_time = between(1, 3)

    def on_start(self):
        self.role = next(_ROLES)
        self.client.cookies.set(PLAN["cookie"], PLAN["sessions"][self.role])
        self.requests = [r for r in PLAN["requests"] if r["role"] == self.role]
        self.weights = [r["weight"] for r in self.requests]

    @task
    def open_page(self):
        request = random.choices(self.requests, weights=self.weights)[0]  # noqa: S311 — a workload, not a secret  # nosec B311
        with self.client.get(request["path"], name=request["name"], allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"answered {r.status_code}")
