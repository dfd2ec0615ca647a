"""Benchmarks of TuanWu's heavy paths (`make bench`, or `python -m bench`); see bench/README.md."""
