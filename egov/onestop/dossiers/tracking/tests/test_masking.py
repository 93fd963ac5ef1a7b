from __future__ import annotations

import unicodedata

import pytest

from egov.onestop.dossiers.tracking.masking import mask_name, normalise_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Trần Văn An", "T*** V** A*"),
        ("Đỗ Thị Ánh", "Đ* T** Á**"),
        ("Nguyễn Thị Thu Hà", "N***** T** T** H*"),
        ("  Ấu   Lê ", "Ấ* L*"),
        ("Lò A", "L* A"),
        ("Công ty TNHH Ánh Dương", "C*** t* T*** Á** D****"),
        ("", ""),
    ],
)
def test_mask_keeps_the_first_letter_of_each_word(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_counts_a_decomposed_vietnamese_letter_once() -> None:
    # "Trần" typed with combining marks (NFD): "a" + circumflex + grave.
    decomposed = unicodedata.normalize("NFD", "Ầu Trần")

    assert len(decomposed) == 11
    assert mask_name(decomposed) == "Ầ* T***"


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(+84) 912-345-678", "0912345678"),
        (" 02763 822 111 ", "02763822111"),
        ("091234567", ""),
        ("abc", ""),
        ("０９１２３４５６７８", ""),
        ("", ""),
    ],
)
def test_phone_normalisation(typed: str, national: str) -> None:
    assert normalise_phone(typed) == national
