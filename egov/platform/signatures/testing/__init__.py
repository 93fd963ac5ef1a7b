"""Test tools that later tests and the demo import: a PKI on loopback
(pki.py) and a SoftHSM2 token (softhsm.py). Never used in production."""
