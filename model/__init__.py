"""The receipt extractor module: ``model.inference`` is its contract with the platform, ``platform_hooks`` its
commands and start-up checks (``app.hooks`` finds them here)."""

from model.hooks import platform_hooks

__all__ = ["platform_hooks"]
