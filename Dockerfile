# syntax=docker/dockerfile:1.7
# The module image the platform builds from a git tag: the runtime serving model/ with the Tesseract backend (CPU).
#   docker build --build-arg VERSION=$(git describe --tags --always) -t receipt-extractor:$(git describe --tags) .
# The Qwen-VL (CUDA) variant and the web/file-service images come with the release issue.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-rus \
 && rm -rf /var/lib/apt/lists/*

# Dependencies only, pinned by the lock: this layer is rebuilt when they change, not when the code does.
FROM base AS deps
WORKDIR /build
COPY pyproject.toml requirements.lock ./
RUN python -m venv /opt/venv \
 && python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > requirements.in \
 && /opt/venv/bin/pip install -r requirements.in -c requirements.lock

FROM base AS module
ARG VERSION=dev
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/app RECEIPT_VERSION=${VERSION} RECEIPT_HOST=0.0.0.0 RECEIPT_PORT=8000 \
    OMP_THREAD_LIMIT=1
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin receipts
COPY --from=deps /opt/venv /opt/venv
WORKDIR /app
COPY --chown=receipts:receipts model/ model/
COPY --chown=receipts:receipts app/ app/
COPY --chown=receipts:receipts manifests/ manifests/
COPY --chown=receipts:receipts frontend/static/ frontend/static/
USER receipts
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/v2/health/ready', timeout=2).status != 200)"
CMD ["python", "-m", "app.cli", "serve", "module", "--model", "tesseract-ocr"]
