"""OpenCV preprocessing before OCR: find the paper, turn it upright, level it, even the light, scale."""

from model.preprocess.pipeline import Preprocessed, PreprocessOptions, Step, preprocess

__all__ = ["PreprocessOptions", "Preprocessed", "Step", "preprocess"]
