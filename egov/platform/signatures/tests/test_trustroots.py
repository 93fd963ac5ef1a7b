"""The trusted roots page: a province administrator adds and removes a
root, audited; bad files refused with a code; others denied, nothing changed;
the added roots count only where the deployment turns admin_roots on."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import TrustedRoot
from egov.platform.signatures.trustroots import add_trusted_root, remove_trusted_root

pytestmark = pytest.mark.django_db
URL = "/chu-ky-so/chung-thu-goc/"
NOW = datetime.now(UTC)


def certificate(name: str, *, ca: bool = True, days: int = 3650, pem: bool = True) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)])
    built = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=2 * abs(days) + 1))
        .not_valid_after(NOW + timedelta(days=days))
        .add_extension(cx509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    encoding = serialization.Encoding.PEM if pem else serialization.Encoding.DER
    return built.public_bytes(encoding)


@pytest.fixture
def root_admin(province: Province) -> User:
    return make_staff("quantri.tinh", "Đỗ Văn Khoa", (province.province, Role.ADMINISTRATOR))


def events() -> list[str]:
    return list(
        AuditEvent.objects.filter(event_type__startswith="signatures.trusted_root")
        .order_by("pk")
        .values_list("event_type", flat=True)
    )


def test_a_province_administrator_adds_and_removes_a_root(root_admin: User) -> None:
    client = Client()
    login(client, root_admin)
    upload = SimpleUploadedFile("goc.pem", certificate("Root CA Bộ Ngành"))

    added = client.post(URL, {"certificate": upload}, follow=True)

    assert "Đã thêm chứng thư số gốc tin cậy." in added.content.decode()
    root = TrustedRoot.objects.get()
    assert (root.name, root.added_by, len(root.fingerprint)) == ("Root CA Bộ Ngành", root_admin, 64)
    assert "Root CA Bộ Ngành" in client.get(URL).content.decode()
    assert 'id="roots-link"' in client.get("/chu-ky-so/").content.decode()

    removed = client.post(f"{URL}{root.pk}/xoa/", follow=True)

    assert "Đã gỡ chứng thư số gốc khỏi danh sách tin cậy." in removed.content.decode()
    assert TrustedRoot.objects.count() == 0
    assert events() == ["signatures.trusted_root_added", "signatures.trusted_root_removed"]


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (
            b"khong phai chung thu",
            "signature.root_not_certificate",
            "Tệp không phải là chứng thư số (PEM hoặc DER).",
        ),
        (
            certificate("Leaf", ca=False),
            "signature.root_not_ca",
            "Chứng thư số không phải là chứng thư gốc (tự ký, của tổ chức chứng thực).",
        ),
        (certificate("Old", days=-1), "signature.root_expired", "Chứng thư số gốc đã hết hạn."),
    ],
)
def test_bad_files_are_refused_with_a_code(
    root_admin: User, data: bytes, code: str, message: str
) -> None:
    with pytest.raises(SigningError) as raised:
        add_trusted_root(actor=root_admin, data=data)

    assert (raised.value.code, raised.value.message) == (code, message)
    assert (TrustedRoot.objects.count(), events()) == (0, [])


def test_the_same_root_twice_is_refused_der_or_pem(root_admin: User) -> None:
    pem = certificate("Root CA")
    add_trusted_root(actor=root_admin, data=pem)
    der = cx509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)

    with pytest.raises(SigningError) as raised:
        add_trusted_root(actor=root_admin, data=der)

    assert raised.value.code == "signature.root_exists"
    assert TrustedRoot.objects.count() == 1


def test_others_are_denied_and_nothing_changes(cast: Cast, root_admin: User) -> None:
    root = add_trusted_root(actor=root_admin, data=certificate("Root CA"))
    # A commune's administrator, a leader, a citizen: not deployment-wide.
    for user in (cast.admin, cast.leader, cast.citizen):
        client = Client()
        login(client, user)
        upload = SimpleUploadedFile("goc.pem", certificate("Khác"))
        assert client.get(URL).status_code == 404
        assert 'id="roots-link"' not in client.get("/chu-ky-so/").content.decode()
        assert client.post(URL, {"certificate": upload}).status_code == 404
        assert client.post(f"{URL}{root.pk}/xoa/").status_code == 404
        with pytest.raises(SigningError) as raised:
            remove_trusted_root(actor=user, root=root)
        assert raised.value.code == "signature.roots_not_allowed"
    assert Client().get(URL).status_code == 302

    assert list(TrustedRoot.objects.values_list("name", flat=True)) == ["Root CA"]
    assert events() == ["signatures.trusted_root_added"]


def test_added_roots_count_only_where_the_deployment_says_so(
    root_admin: User, config: SignatureConfig
) -> None:
    add_trusted_root(actor=root_admin, data=certificate("Root CA Bộ Ngành"))

    files_only = [c.subject.native["common_name"] for c in config.roots()]
    with_admin = [
        c.subject.native["common_name"]
        for c in dataclasses.replace(config, admin_roots=True).roots()
    ]

    assert with_admin == [*files_only, "Root CA Bộ Ngành"]
    assert "Root CA Bộ Ngành" not in files_only
