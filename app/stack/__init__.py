"""The local stack on one machine, with real parts: the dev identity provider (Node, a Keycloak stand-in), SeaweedFS as
the S3 server, and the three services, started and stopped together by ``receipt-extractor stack`` (``make demo``).

The launchers of the two foreign servers live here so that the tests start them exactly as the demo does.
"""
