"""`make bench`: the key pages of Kooperacja timed against the floor, on a one-gmina and a national data set.

``pages`` lists what is measured and as whom, ``measure`` times it through the whole middleware stack (Django's
test client, logged in through the real two-step form), ``datasets`` builds or reuses the bench databases,
``load`` runs the 50-user load run (gunicorn + locust), ``targets`` judges the numbers and ``report`` writes
the table to docs/benchmarks.md. The command is ``manage.py bench`` (docs/benchmarks.md tells how to run it).
"""
