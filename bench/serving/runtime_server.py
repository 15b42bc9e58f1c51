"""Our runtime as a process of its own for the serving benchmark, configured as in production but for the model.

The Api manifest gives the limits, CORS origins and token clients; the command line names the contract module and
the one model to serve; ``RECEIPT_*`` settings give the port, the issuer and whether auth is on. The queue is made at
least as long as the most concurrent clients the benchmark sends, because MLServer queues without a bound and a
runtime that turns requests away with 503 would look faster than it is.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence

from app.manifests import Manifests, load_manifests
from app.runtime.dataplane import RuntimeConfig
from app.runtime.main import run_server, runtime_config
from app.runtime.registry import ModelDeclaration
from app.settings import Settings

BENCH_GROUP = "/pu-gallery-pa-bench/gallery-bench-users"
"""The group the benchmark's model is declared for and its tokens carry."""


def benchmark_config(
    manifests: Manifests, entrypoint: str, model: str, model_key: str, min_queue: int
) -> RuntimeConfig:
    """The manifests' runtime configuration serving ``model`` of ``entrypoint`` with a queue of at least
    ``min_queue``."""
    config = runtime_config(manifests)
    limits = config.limits.model_copy(update={"max_queue": max(config.limits.max_queue, min_queue)})
    declaration = ModelDeclaration(model, model_key, (BENCH_GROUP,))
    return dataclasses.replace(config, entrypoint=entrypoint, models=(declaration,), limits=limits)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve until SIGTERM, on the same server as ``app.runtime.main.serve``, with malloc set as ``receipt-extractor
    serve`` sets it."""
    from app.allocator import keep_freed_memory
    from app.common.logs import configure_logging
    from app.runtime.server import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entrypoint", required=True, help="contract module, e.g. model.inference")
    parser.add_argument("--model", required=True, help="model name in the URL")
    parser.add_argument("--model-key", required=True, help="model_key passed to load() and inference()")
    parser.add_argument("--min-queue", type=int, default=0, help="raise limits.maxQueue to at least this")
    args = parser.parse_args(argv)
    keep_freed_memory()
    settings = Settings()
    config = benchmark_config(
        load_manifests(settings.manifests_dir), args.entrypoint, args.model, args.model_key, args.min_queue
    )
    configure_logging()
    run_server(create_app(settings, config), settings, config.limits)


if __name__ == "__main__":
    main()
