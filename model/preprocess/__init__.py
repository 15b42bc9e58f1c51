"""OpenCV preprocessing before OCR: find the paper, turn it upright, level it, even the light, scale.

OpenCV runs its loops on one thread, as Tesseract does (``model.tesseract``): parallelism comes from the runtime's
worker slots, and a document's time budget counts its reading thread's CPU, which OpenCV's helper threads escaped.
Measured in paired runs (one worker): a 3264×2448 photo's preprocessing spent 0.4-0.7 CPU s on them, and one thread
took 2% off the corpus's CPU, 5-8% off the real documents', and its slowest document from 4.6 to 4.0-4.3 CPU s.
"""

import cv2

from model.preprocess.pipeline import Preprocessed, PreprocessOptions, Step, preprocess

cv2.setNumThreads(1)

__all__ = ["PreprocessOptions", "Preprocessed", "Step", "preprocess"]
