"""The models one runtime process serves: the module imported once, each model loaded once, readiness per model.

A model whose ``load()`` fails stays listed and reports why it is not ready; the others keep serving. The
version is the one baked into the build (the git tag), the same for every model of one image.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from app.common.version import build_version
from app.runtime.observability import CallStats
from app.runtime.spec import ModuleSpec, module_spec
from app.runtime.weights import environment

LOG = logging.getLogger(__name__)


@dataclass
class ServedModel:
    name: str
    model_key: str
    version: str
    groups: tuple[str, ...]
    spec: ModuleSpec
    inference: Callable[..., list[dict[str, Any]]]
    model: Any = None
    ready: bool = False
    error: str | None = None
    load_seconds: float | None = None
    stats: CallStats = field(default_factory=CallStats)
    source: str = "builtin"
    env: Mapping[str, str] = field(default_factory=dict)
    loaded_at: float | None = None
    """Wall-clock time (epoch seconds) its ``load()`` returned."""
    takes_deadline: bool = False
    """Its ``inference`` has a ``deadline`` parameter: it is told when the request times out, and can stop then."""

    def load(self, loader: Callable[[str], Any] | None, prepare: Callable[[], Mapping[str, str]] | None = None) -> None:
        """Fetch the weights (``prepare``, which answers the model's variables), then call the module's
        ``load(model_key)`` with them set; a failure of either is kept as this model's reason for not being ready."""
        started = time.perf_counter()
        try:
            variables = prepare() if prepare is not None else {}
        except Exception as exc:
            self.error = f"fetching the weights from {self.source} failed: {type(exc).__name__}: {exc}"
            LOG.exception("model %s has no weights", self.name)
            return
        try:
            with environment(variables):
                self.model = loader(self.model_key) if loader is not None else None
        except Exception as exc:
            self.error = f"load({self.model_key!r}) failed: {type(exc).__name__}: {exc}"
            LOG.exception("model %s failed to load", self.name)
            return
        self.load_seconds = time.perf_counter() - started
        self.loaded_at = time.time()
        self.ready = True


def import_module_contract(entrypoint: str) -> tuple[ModuleType, ModuleSpec]:
    """Import the module and parse its ``inference`` docstring; a bad docstring stops the start with its line."""
    module = importlib.import_module(entrypoint)
    return module, module_spec(module)


@dataclass(frozen=True)
class ModelDeclaration:
    """What the manifests say about one model: its name, the module's model_key and who may call it."""

    name: str
    model_key: str
    groups: tuple[str, ...] = ()
    source: str = "builtin"
    """Where the weights come from (``app.runtime.weights``): builtin, a path, a hub id or s3://bucket/prefix."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Variables the model gets before its ``load()``; ``$(MODEL_SOURCE)`` expands to the resolved source."""


def build_registry(entrypoint: str, declarations: Iterable[ModelDeclaration]) -> dict[str, ServedModel]:
    module, spec = import_module_contract(entrypoint)
    version = build_version()
    return {
        declared.name: ServedModel(
            name=declared.name,
            model_key=declared.model_key,
            version=version,
            groups=declared.groups,
            spec=spec,
            inference=module.inference,
            takes_deadline="deadline" in inspect.signature(module.inference).parameters,
            source=declared.source,
            env=declared.env,
        )
        for declared in declarations
    }


def loader_of(entrypoint: str) -> Callable[[str], Any] | None:
    module = importlib.import_module(entrypoint)
    load = getattr(module, "load", None)
    return load if callable(load) else None
