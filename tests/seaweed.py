"""A real S3 server for tests and benchmarks: the app's SeaweedFS launcher (``app.stack.seaweed``), which ``make demo``
starts too, under the names the tests import::

    with SeaweedS3(tmp_path) as s3:
        client = Minio(s3.endpoint, access_key=s3.access_key, secret_key=s3.secret_key, secure=False)
"""

from __future__ import annotations

from app.stack.processes import free_ports
from app.stack.seaweed import ACCESS_KEY, REGION, SECRET_KEY, SeaweedS3, weed_binary

__all__ = ["ACCESS_KEY", "REGION", "SECRET_KEY", "SeaweedS3", "free_ports", "weed_binary"]
