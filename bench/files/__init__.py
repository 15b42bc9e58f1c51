"""``make bench-files``: upload and download throughput through the file service against the raw minio client on the
same SeaweedFS server, and the latency of a 2 MB photo upload; writes bench/results/files.md."""
