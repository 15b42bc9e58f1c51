"""The synthetic benchmark corpus: payment documents drawn with exact ground truth (see ``generate``)."""

from bench.corpus.truth import TRUTH_FILE, Difficulty, TruthRecord, load_truth, write_truth

__all__ = ["TRUTH_FILE", "Difficulty", "TruthRecord", "load_truth", "write_truth"]
