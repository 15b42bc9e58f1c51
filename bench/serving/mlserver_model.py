"""A contract module served by Seldon MLServer: the same ``load()`` and ``inference()`` our runtime calls.

Runs in ``.venv-mlserver`` only (MLServer is not installed in the project's venv). ``model-settings.json`` names the
module and model key in ``parameters.extra``; ``predict`` converts the request with ``bench.serving.contract`` the
way our runtime does and runs ``inference()`` in a worker thread, at most ``max_concurrency`` at once, as our
runtime does with the Api manifest's ``limits.maxConcurrency``.
"""

from __future__ import annotations

import asyncio
import importlib
from types import ModuleType
from typing import Any

from mlserver import MLModel
from mlserver.types import InferenceRequest, InferenceResponse, ResponseOutput

from bench.serving.contract import contract_call, response_outputs


class ContractModel(MLModel):
    """An MLServer model around any module that follows the platform contract."""

    _module: ModuleType
    _model_key: str
    _model: Any
    _slots: asyncio.Semaphore

    async def load(self) -> bool:
        extra: dict[str, Any] = dict(self.settings.parameters.extra or {})
        self._module = importlib.import_module(str(extra["entrypoint"]))
        self._model_key = str(extra["model_key"])
        self._model = await asyncio.to_thread(self._module.load, self._model_key)
        self._slots = asyncio.Semaphore(int(extra["max_concurrency"]))
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        parameters, inputs, output_fields = contract_call(payload.model_dump(mode="json", exclude_none=True))
        async with self._slots:
            outputs = await asyncio.to_thread(
                self._module.inference, parameters, inputs, output_fields, self._model_key, self._model
            )
        return InferenceResponse(
            model_name=self.name,
            model_version=self.version,
            outputs=[ResponseOutput.model_validate(tensor) for tensor in response_outputs(outputs)],
        )
