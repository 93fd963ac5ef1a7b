"""Digital signatures (chữ ký số) on PDFs: signing and validation, PAdES.

An electronic document signed by the competent person and by the
organisation has the legal value of the paper original (Decree 30/2020/NĐ-CP,
art. 5 and Appendix I; public digital signatures under Decree 23/2025/NĐ-CP).

- errors.py: the stable codes and the Vietnamese messages;
- config.py: the deployment's TSA, trusted roots and keys (EGOV_SIGNATURES);
- pdfinput.py: refusing what is not a readable, unencrypted PDF;
- backends/: where the key lives (the server's seal key, a PKCS#11 token);
- signing.py: `sign_pdf`, PAdES B-LT (or B-LTA);
- remote/: signing through a remote service (the signer confirms on a phone);
- validation.py: `validate_pdf`, one report per signature;
- testing/: a throw-away PKI with OCSP, CRLs and a TSA on loopback, and a
  remote signing sandbox.

- models.py, images.py, services.py: a user's handwritten signature image
  and remote account, a unit's seal image, remote signings that wait for
  the signer (a Django app, label `signatures`).
"""
