"""English as the second language: the catalogue is complete and the switch works."""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    # LocaleMiddleware leaves the last request's language active in this
    # thread; later tests that translate outside a request expect Vietnamese.
    yield
    translation.deactivate()


_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def _unquote(quoted: str) -> str:
    # A PO string is a double-quoted C string; its escapes are Python's too.
    value = ast.literal_eval(quoted)
    assert isinstance(value, str)
    return value


def read_po(path: Path) -> list[dict[str, str]]:
    """The entries of a PO file as {keyword: text}, with flags under "#,"."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    keyword = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~"):
            continue  # obsolete entries are not compiled
        starts_entry = line.startswith(("#", "msgctxt ")) or (
            line.startswith("msgid ") and keyword != "msgctxt"
        )
        if (not line.strip() or starts_entry) and keyword:
            entries.append(entry)
            entry, keyword = {}, ""
        if line.startswith("#,"):
            entry["#,"] = entry.get("#,", "") + line[2:]
        elif match := _FIELD.match(line):
            keyword = match.group(1)
            entry[keyword] = _unquote(match.group(2))
        elif line.startswith('"') and keyword:
            entry[keyword] += _unquote(line)
    if keyword:
        entries.append(entry)
    return entries


def messages() -> list[dict[str, str]]:
    return [e for e in read_po(PO_FILE) if e.get("msgid")]


def test_po_file_is_filled_in() -> None:
    entries = messages()
    assert len(entries) > 100
    for entry in entries:
        msgstrs = [v for k, v in entry.items() if k.startswith("msgstr")]
        assert msgstrs, entry["msgid"]
        assert all(s.strip() for s in msgstrs), f"untranslated: {entry['msgid']!r}"
        assert "fuzzy" not in entry.get("#,", ""), f"fuzzy: {entry['msgid']!r}"


def _key(entry: dict[str, str]) -> tuple[str, str, str]:
    # A msgid that became plural (or got a context) is a different message
    # to gettext: the old entry would no longer be found.
    return (entry.get("msgctxt", ""), entry["msgid"], entry.get("msgid_plural", ""))


def _require_gettext() -> None:
    # makemessages runs GNU gettext's xgettext and msguniq (Debian package
    # "gettext", listed in deploy/debian-packages.txt). Without them the test
    # says why it did not run; CI sets EGOV_REQUIRE_TOOLS=1 and then it fails.
    if shutil.which("xgettext") and shutil.which("msguniq"):
        return
    message = "needs Debian package gettext (deploy/debian-packages.txt)"
    if os.environ.get("EGOV_REQUIRE_TOOLS", "") not in ("", "0"):
        pytest.fail(f"EGOV_REQUIRE_TOOLS is set but the tool is missing: {message}")
    pytest.skip(message)


def test_every_msgid_of_the_code_is_in_the_catalogue(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extract the code's msgids the way the catalogue is made and compare.

    makemessages runs in an empty directory linking to the package, so the
    extracted catalogue lands in tmp_path and the real one is not touched.
    """
    _require_gettext()
    package = Path(settings.BASE_DIR) / "egov"
    workdir = tmp_path / "src"
    workdir.mkdir()
    (workdir / "egov").symlink_to(package, target_is_directory=True)
    extracted_dir = tmp_path / "extracted" / "locale"
    settings.LOCALE_PATHS = [str(extracted_dir)]
    monkeypatch.chdir(workdir)

    catalogue_before = PO_FILE.read_bytes()

    # A "locale" directory found on the walk becomes the output of the files
    # under it: ignoring egov/locale sends the output to LOCALE_PATHS. Without
    # locations the run is a few seconds faster (no reference rewriting).
    call_command(
        "makemessages",
        locale=["en"],
        symlinks=True,
        ignore_patterns=["egov/locale"],
        no_location=True,
        verbosity=0,
    )

    assert PO_FILE.read_bytes() == catalogue_before

    extracted_po = extracted_dir / "en" / "LC_MESSAGES" / "django.po"
    extracted = {_key(e) for e in read_po(extracted_po) if e.get("msgid")}
    catalogued = {_key(e) for e in messages()}
    # The extraction saw the code: a string of egov/api.py and a plural one.
    assert ("", "Bạn cần đăng nhập.", "") in extracted
    assert ("", "%(n)s hồ sơ", "%(n)s hồ sơ") in extracted
    missing = sorted(set(extracted) - catalogued)
    assert not missing, (
        f"{len(missing)} msgid(s) of the code are not in {PO_FILE.relative_to(package.parent)}; "
        "run `cd egov && ../.venv/bin/egov makemessages -l en --no-obsolete`, translate the "
        "new entries, then `compilemessages -l en`. First ones: "
        + "; ".join(repr(key[1]) for key in missing[:10])
    )


def test_po_header_is_not_fuzzy_and_names_english() -> None:
    header = next(e for e in read_po(PO_FILE) if e.get("msgid") == "")
    assert "fuzzy" not in header.get("#,", "")
    assert "Language: en\n" in header["msgstr"]


def test_mo_file_matches_po_file() -> None:
    # Catches a .po that was edited but not compiled.
    with MO_FILE.open("rb") as fp:
        catalogue = gettext.GNUTranslations(fp)
    for entry in messages():
        if "msgid_plural" in entry or "msgctxt" in entry:
            continue
        assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


def test_placeholders_survive_translation() -> None:
    placeholder = re.compile(r"%(?:\(\w+\))?[sdif]")
    for entry in messages():
        expected = sorted(placeholder.findall(entry["msgid"]))
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert sorted(placeholder.findall(value)) == expected, entry["msgid"]


@pytest.mark.django_db
def test_home_is_vietnamese_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Chính quyền điện tử" in body
    assert "Đăng nhập" in body


@pytest.mark.django_db
def test_language_switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "E-Government" in body
    assert "Log in" in body
    assert ">Home</a>" in body
    assert "Chính quyền điện tử" not in body
    assert "Đăng nhập" not in body
    # The language names are shown in their own language.
    assert "Tiếng Việt" in body


@pytest.mark.django_db
def test_english_cookie_translates_the_login_page(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/dang-nhap/").content.decode()
    assert "Username" in body
    assert "Password" in body


@pytest.mark.django_db
def test_back_to_vietnamese(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Chính quyền điện tử" in client.get("/").content.decode()
