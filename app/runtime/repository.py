"""Model versions side by side: the Open Inference Protocol's model repository extension, for zero-downtime switches.

A new version of a model (other weights, another model key or environment; the code is the image's) is loaded beside
the serving one, off the event loop, while requests keep going to the old one. Only when its ``load()`` returned does
the model's name point at it: one assignment on the event loop, so every request goes wholly to the old version or
wholly to the new one, and requests already running finish on the version they started with. A failed load changes
nothing. Earlier versions stay loaded until unloaded, so rolling back is another instant switch. All versions of a
model share one ``CallStats``, which is how the stats show the calls each version served.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from app.errors import ApiError
from app.runtime.registry import ServedModel

Loader = Callable[[str], Any] | None
PrepareFor = Callable[[ServedModel], Callable[[], Mapping[str, str]] | None]
"""The weights step of a version before its ``load()`` (``dataplane._weights_preparation``)."""


class RepositoryError(ApiError):
    """A repository request that cannot be carried out; ``status_code`` is the HTTP answer (400, 404, 409)."""


@dataclasses.dataclass(frozen=True)
class VersionRequest:
    """What to load: a version label, and what differs from the serving version (None: the same)."""

    version: str
    source: str | None = None
    model_key: str | None = None
    env: Mapping[str, str] | None = None

    @classmethod
    def from_parameters(cls, parameters: Any) -> VersionRequest:
        """The ``parameters`` object of a load request: ``{"version": "...", "source"?, "model_key"?, "env"?}``."""
        if not isinstance(parameters, dict):
            raise RepositoryError(400, 'parameters must be an object such as {"version": "v2"}')
        unknown = sorted(set(parameters) - {"version", "source", "model_key", "env"})
        if unknown:
            raise RepositoryError(400, f"parameters.{unknown[0]} is not known; known: version, source, model_key, env")
        version = parameters.get("version")
        if not isinstance(version, str) or not version.strip() or len(version) > 128:
            raise RepositoryError(400, "parameters.version must be a non-empty string (at most 128 characters)")
        for name in ("source", "model_key"):
            if parameters.get(name) is not None and not isinstance(parameters[name], str):
                raise RepositoryError(400, f"parameters.{name} must be a string")
        env = parameters.get("env")
        if env is not None and not (
            isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
        ):
            raise RepositoryError(400, "parameters.env must be an object of string → string")
        return cls(version.strip(), parameters.get("source"), parameters.get("model_key"), env)


class ModelRepository:
    """The loaded versions of every model, and which one each name serves (``serving``, shared with the server)."""

    def __init__(self, serving: MutableMapping[str, ServedModel]) -> None:
        self.serving = serving
        self._loaded: dict[str, dict[str, ServedModel]] = {name: {m.version: m} for name, m in serving.items()}
        self._locks: dict[str, asyncio.Lock] = {}

    def find(self, name: str, version: str | None = None) -> ServedModel:
        """The serving version of ``name``, or its loaded ``version``; RepositoryError 404 otherwise."""
        current = self.serving.get(name)
        if current is None:
            raise RepositoryError(404, f"model {name!r} is not served here; models: {', '.join(self.serving)}")
        if version is None or version == current.version:
            return current
        found = self._loaded[name].get(version)
        if found is None:
            loaded = ", ".join(self._loaded[name])
            raise RepositoryError(404, f"model {name!r} has no version {version!r} loaded; loaded: {loaded}")
        return found

    def versions(self, name: str) -> list[ServedModel]:
        """Every loaded version of ``name``, oldest first."""
        self.find(name)
        return sorted(self._loaded[name].values(), key=lambda served: served.loaded_at or 0.0)

    async def load(self, name: str, wanted: VersionRequest, loader: Loader, prepare_for: PrepareFor) -> ServedModel:
        """Load ``wanted`` beside the serving version and switch to it once ready; a loaded version is switched to
        at once (a rollback). RepositoryError 400 with the reason when its load fails; the old version serves on."""
        current = self.find(name)
        async with self._locks.setdefault(name, asyncio.Lock()):
            candidate = self._loaded[name].get(wanted.version)
            if candidate is not None and (wanted.source, wanted.model_key, wanted.env) != (None, None, None):
                raise RepositoryError(409, f"version {wanted.version!r} of {name!r} is loaded already; unload it first")
            if candidate is None:
                candidate = dataclasses.replace(
                    current,
                    version=wanted.version,
                    source=wanted.source if wanted.source is not None else current.source,
                    model_key=wanted.model_key if wanted.model_key is not None else current.model_key,
                    env=dict(wanted.env) if wanted.env is not None else dict(current.env),
                    model=None, ready=False, error=None, load_seconds=None, loaded_at=None,
                )  # fmt: skip
                await asyncio.to_thread(candidate.load, loader, prepare_for(candidate))
                if not candidate.ready:
                    reason = candidate.error
                    raise RepositoryError(400, f"version {wanted.version!r} of {name!r} did not load: {reason}")
                self._loaded[name][wanted.version] = candidate
            self.serving[name] = candidate  # the switch: one assignment on the event loop
            return candidate

    def unload(self, name: str, version: str) -> None:
        """Drop a version that is not serving (its model object is released); 409 for the serving one."""
        if self.find(name).version == version:
            raise RepositoryError(409, f"version {version!r} of {name!r} is serving; switch to another version first")
        self.find(name, version)
        self._loaded[name].pop(version).model = None


def describe(served: ServedModel, serving: ServedModel) -> dict[str, Any]:
    """One version as ``GET /v2/models/{name}/versions`` lists it."""
    return {
        "version": served.version,
        "serving": served is serving,
        "ready": served.ready,
        "model_key": served.model_key,
        "source": served.source,
        "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(served.loaded_at)) if served.loaded_at else None,
        "load_seconds": round(served.load_seconds, 3) if served.load_seconds is not None else None,
    }
