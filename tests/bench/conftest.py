"""Benchmarks are run by ./bench.sh (tests/bench/run_bench.py), never collected by pytest."""

collect_ignore_glob = ["*"]
