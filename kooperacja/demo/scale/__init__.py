"""The national-scale fictional data set (``manage.py seed_scale``) and what the benchmark reads of it."""

from kooperacja.demo.scale.run import SeedRefused, seed_scale
from kooperacja.demo.scale.subjects import bench_subjects

__all__ = ["SeedRefused", "bench_subjects", "seed_scale"]
