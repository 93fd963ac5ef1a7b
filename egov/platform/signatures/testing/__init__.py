"""Test tools that later tests and the demo import: a PKI on loopback
(pki.py), a SoftHSM2 token (softhsm.py) and a remote signing
service (remote_sandbox.py). Never used in production."""
