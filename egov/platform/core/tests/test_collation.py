"""Vietnamese alphabetical order (egov/platform/core/collation.py)."""

from __future__ import annotations

from egov.platform.core.collation import sorted_vietnamese, vietnamese_key


def test_d_before_dd_before_e_whatever_the_database_does() -> None:
    names = ["Xã Đức Hòa", "Phường Đông Hải", "Xã Dương Minh Châu", "Xã Ea Kar", "Xã Dầu Tiếng"]
    assert sorted(names, key=lambda n: vietnamese_key(n.split(" ", 1)[1])) == [
        "Xã Dầu Tiếng",
        "Xã Dương Minh Châu",
        "Phường Đông Hải",
        "Xã Đức Hòa",
        "Xã Ea Kar",
    ]


def test_letters_with_marks_follow_their_base_letter() -> None:
    words = ["ơ", "o", "ô", "ư", "u", "ă", "â", "a", "b", "ê", "e"]
    assert sorted_vietnamese(words, key=str) == [
        "a",
        "ă",
        "â",
        "b",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]


def test_tones_decide_only_between_the_same_letters() -> None:
    # ngang, huyền, hỏi, ngã, sắc, nặng; and "ma" before "mai" whatever the tones
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "mai"]
    assert sorted_vietnamese(words, key=str) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


def test_decomposed_input_sorts_as_composed() -> None:
    composed = "Đông Hòa"
    decomposed = "Đông Hòa".replace("ò", "o\u0300").replace("ô", "o\u0302")
    assert vietnamese_key(decomposed) == vietnamese_key(composed)
