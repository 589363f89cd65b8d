"""The task taxonomy: domains and the categories under them, read from schemas/taxonomy.json.

That file is the one source of category names and definitions: the card schema's category enum
mirrors it (a test holds them equal), docs/taxonomy.md is generated from it, and reports group
categories under their domain with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .errors import CardError
from .infra.schemas import schemas_dir

TAXONOMY_FILE = "taxonomy.json"


class TaxonomyError(CardError):
    """schemas/taxonomy.json is missing or malformed."""


@dataclass(frozen=True)
class Category:
    name: str
    domain: str
    title: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    domains: dict[str, str]  # domain -> one-line definition, in display order
    categories: dict[str, Category]  # name -> category, in display order

    def under(self, domain: str) -> list[Category]:
        return [c for c in self.categories.values() if c.domain == domain]

    def domain_of(self, category: str) -> str | None:
        found = self.categories.get(category)
        return found.domain if found else None


@cache
def load_taxonomy() -> Taxonomy:
    path = schemas_dir() / TAXONOMY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        domains = {str(k): str(v) for k, v in data["domains"].items()}
        categories = {}
        for name, item in data["categories"].items():
            if item["domain"] not in domains:
                raise TaxonomyError(f"{path}: category {name!r} names unknown domain {item['domain']!r}")
            categories[name] = Category(name, item["domain"], item["title"], item["definition"])
    except (OSError, json.JSONDecodeError, KeyError, AttributeError, TypeError) as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy ({exc})") from exc
    return Taxonomy(domains, categories)
