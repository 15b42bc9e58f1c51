"""The serving benchmark: our module runtime and Seldon MLServer serving the same contract modules, measured in one
run on the same machine (``make bench-serving``).

MLServer pins web-stack versions that conflict with ours, so it runs from its own virtualenv (``.venv-mlserver``)
with the repository on ``PYTHONPATH``; only ``contract``, ``noop_module`` and ``mlserver_model`` are imported there.
"""
