"""Digital signatures: how fast the organisation signs, and a long document's cost.

    .venv/bin/python bench/signatures.py [--signatures 30] [--repeats 3]

Issue 12: organisation signatures per second with the server's seal key on a
20-page PDF, and the time to sign and to validate a 200-page PDF. Each
signature is what the platform makes: PAdES B-LT (the signature, an RFC 3161
timestamp, the chain and its OCSP answers and CRLs embedded), so each one
asks the timestamp authority and the OCSP responder. They are the loopback
test PKI's (certomancer on 127.0.0.1, testing/pki.py): the figures leave out
a real network's round trips (add yours: a TSA and an OCSP answer, tens of
milliseconds each). Documents are drawn by WeasyPrint before timing starts.
Prints JSON and writes var/bench/signatures.json; docs/performance.md records
the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE_ENV = "EGOV_BENCH_SEAL_PASSPHRASE"  # noqa: S105 - a variable name
PAGE = """<section style="page-break-after: always">
<h2>Điều {n}. Quy định thử nghiệm</h2>
<p>{text}</p><p>{text}</p><p>{text}</p>
</section>"""
TEXT = (
    "Cơ quan, tổ chức thực hiện ký số văn bản điện tử theo quy định của Nghị định "
    "30/2020/NĐ-CP về công tác văn thư; chữ ký số của người có thẩm quyền và chữ ký số "
    "của cơ quan được thể hiện trên văn bản theo Phụ lục I. "
) * 4


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings_test")
    import django

    django.setup()


def document(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(PAGE.format(n=n, text=TEXT) for n in range(1, pages + 1))
    html = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>'
        '@page { size: A4; margin: 20mm; } body { font-family: "Liberation Serif", serif; }'
        f"</style></head><body>{body}</body></html>"
    )
    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def run(signatures: int, repeats: int) -> dict[str, Any]:
    from egov.platform.signatures.backends.server_key import ServerKeyBackend
    from egov.platform.signatures.config import SignatureConfig
    from egov.platform.signatures.pdfinput import page_count, read_pdf
    from egov.platform.signatures.signing import sign_pdf
    from egov.platform.signatures.testing.pki import start_test_pki
    from egov.platform.signatures.validation import Verdict, validate_pdf

    short, long = document(20), document(200)
    assert (page_count(read_pdf(short)), page_count(read_pdf(long))) == (20, 200)
    with tempfile.TemporaryDirectory(prefix="bench-signatures-") as directory:
        pki = start_test_pki(Path(directory))
        try:
            seal = Path(directory) / "org.p12"
            seal.write_bytes(pki.pkcs12("org", b"bench"))
            os.environ[PASSPHRASE_ENV] = "bench"
            config = SignatureConfig(tsa_url=pki.tsa_url, trusted_roots=(pki.root_path,))
            backend = ServerKeyBackend(pkcs12_path=seal, passphrase_env=PASSPHRASE_ENV)

            def sign(pdf: bytes) -> bytes:
                return sign_pdf(pdf, backend, field_name="CoQuan", config=config)

            sign(short)  # warm-up: imports, the first TLS-less connections
            started = time.perf_counter()
            for _ in range(signatures):
                sign(short)
            elapsed = time.perf_counter() - started

            sign_times, validate_times = [], []
            signed = b""
            for _ in range(repeats):
                started = time.perf_counter()
                signed = sign(long)
                sign_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                [report] = validate_pdf(signed, config)
                validate_times.append(time.perf_counter() - started)
                assert report.verdict == Verdict.VALID, report.reason
        finally:
            pki.stop()
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "pdf_20_pages_bytes": len(short),
        "pdf_200_pages_bytes": len(long),
        "signatures": signatures,
        "org_signatures_per_second_20_pages": round(signatures / elapsed, 2),
        "seconds_per_signature_20_pages": round(elapsed / signatures, 3),
        "sign_200_pages_seconds_median": round(statistics.median(sign_times), 3),
        "validate_200_pages_seconds_median": round(statistics.median(validate_times), 3),
        "signed_200_pages_bytes": len(signed),
        "repeats": repeats,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signatures", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    _setup()
    results = run(args.signatures, args.repeats)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "signatures.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
