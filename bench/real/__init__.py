"""A check on real payment documents nobody on this project made (``python -m bench.real.run --help``)."""
