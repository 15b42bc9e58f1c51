"""What the file service answers: the response bodies (also the OpenAPI schemas) and the error every refusal is."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.errors import ApiError


class FileInfo(BaseModel):
    """A stored file, as its owner sees it."""

    id: str = Field(description="Opaque id of the file", examples=["9f1c2e4a7b3d4e5f8a6b0c1d2e3f4a5b"])
    name: str = Field(description="The name it was uploaded with (control characters removed, at most 255 bytes)")
    size: int = Field(description="Bytes", examples=[2097152])
    sha256: str = Field(description="Hex SHA-256 of the content, computed while it was stored")
    content_type: str = Field(
        description="Sniffed from the bytes, never taken from the client", examples=["image/jpeg"]
    )
    created: datetime = Field(description="When the upload started (UTC)")


class FilePage(BaseModel):
    """One page of the caller's files, in id order."""

    items: list[FileInfo]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


class FileUrl(BaseModel):
    """A link that downloads the file without a token until it expires."""

    url: str
    expires: datetime


class ErrorBody(BaseModel):
    """Every error the file service answers."""

    error: str = Field(examples=["no such file"])


class FileServiceError(ApiError):
    """A request the file service refuses, already shaped as its answer: an HTTP status and a stable message."""
