"""The information categories Decree 42/2022 asks of a portal, read from
data/decree42_categories.toml (unverified, from official summaries: see the
file's header)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATEGORIES_FILE = Path(__file__).resolve().parent / "data" / "decree42_categories.toml"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    basis: str


@cache
def required_categories() -> tuple[Category, ...]:
    with CATEGORIES_FILE.open("rb") as file:
        data = tomllib.load(file)
    return tuple(
        Category(code=item["code"], name=item["name"], basis=item["basis"])
        for item in data["category"]
    )


def category_codes() -> frozenset[str]:
    return frozenset(category.code for category in required_categories())


def category_choices() -> list[tuple[str, str]]:
    return [(category.code, category.name) for category in required_categories()]
