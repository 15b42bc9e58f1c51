"""FILE inputs by reference: the id of an upload in the file service instead of the file's bytes.

A browser uploads a photo once (``POST /files``) and then runs one model or several on it by sending only the id::

    {"name": "image", "datatype": "BYTES", "shape": [1], "parameters": {"content_type": "file_id"},
     "data": ["9f1c2e4a7b3d4e5f8a6b0c1d2e3f4a5b"]}

The runtime reads the object from the module's object storage through ``FileService``, with the caller's token as the
owner: the same rule as the file service's own API, in one place, so an id of another user's file is simply not found.
The bytes then get the same checks as uploaded ones (empty, size, sniffed type) before the module sees them.
"""

from __future__ import annotations

from app.auth import Principal
from app.files.service import FileNotFound, FileService
from app.runtime.spec import ModuleSpec
from app.runtime.tensors import FileReference, PreparedRequest, RequestError, check_file


def resolve_file_references(
    prepared: PreparedRequest, spec: ModuleSpec, files: FileService | None, owner: Principal, limit: int
) -> None:
    """Replace every ``FileReference`` in ``prepared`` with the file's bytes, checked like an uploaded file.

    Blocking (storage clients are): call it from a worker thread. RequestError 400/413/415 for what the caller got
    wrong; storage faults (``StorageUnavailable``, ``StorageError``) propagate for the server to answer 503/502.
    """
    declared = {tensor.name: tensor for tensor in spec.inputs}
    total = sum(prepared.input_bytes.values())
    for tensor in prepared.inputs:
        if not any(isinstance(item, FileReference) for item in tensor["data"]):
            continue
        resolved: list[bytes] = []
        for item in tensor["data"]:
            if not isinstance(item, FileReference):
                resolved.append(item)
                continue
            data = _read(files, owner, item, limit - total)
            check_file(declared[tensor["name"]], data, item.where)
            total += len(data)
            resolved.append(data)
        tensor["data"] = resolved
        prepared.input_bytes[tensor["name"]] = sum(len(item) for item in resolved)


def _read(files: FileService | None, owner: Principal, reference: FileReference, limit: int) -> bytes:
    if files is None:
        raise RequestError(400, f"{reference.where}: this runtime has no file service to read file ids from")
    try:
        download = files.download(owner, reference.file_id, None)
    except FileNotFound:
        raise RequestError(
            400, f"{reference.where}: no file {reference.file_id!r} among your uploads in the file service"
        ) from None
    with download.body as body:
        if download.info.size > limit:
            raise RequestError(413, f"{reference.where}: the file is {download.info.size} bytes; the limit is {limit}")
        return b"".join(body.chunks())
