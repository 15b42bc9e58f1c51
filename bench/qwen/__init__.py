"""``make bench-qwen``: what the Qwen-VL backend costs on a GPU (load, prefill, decode, memory, images/s) for the
published architecture of its default checkpoint, with random weights: no model hub is reachable here, so the
timings are real and the answers are noise (no F1)."""
