"""A second synthetic set drawn by other hands: templates, faces and photo damage made without looking at
``bench/corpus``, to measure how far the extractor carries to layouts its own generator never drew.

    python -m bench.layouts --out .cache/layouts [--seed 14] [--per-kind N] [--round 1..17]
    python -m app.cli bench --corpus .cache/layouts --out bench/results/layouts
"""
