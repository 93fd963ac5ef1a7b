"""Remote signing, as the Vietnamese cloud-signing services work (VNPT
SmartCA, Viettel MySign): the key stays with the service, the platform sends
the digest of what is to be signed, the signer confirms on their phone, and
the platform embeds the raw signature the service returns (DOMAIN.md).

- adapter.py: the interface a service implements, and what a poll answers;
- http_adapter.py: the HTTP adapter of the loopback sandbox (testing/remote_sandbox.py);
- smartca.py, mysign.py: the adapters of VNPT SmartCA and Viettel MySign,
  sharing transport.py; services.py picks the configured one;
- pending.py: the state kept between starting and finishing, serialisable and
  protected against tampering;
- flow.py: `start_remote_signing` and `finish_remote_signing` (pyHanko's
  interrupted signing).
"""
