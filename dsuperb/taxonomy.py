"""The task taxonomy: domains and the categories under them, read from schemas/taxonomy.json.

That file is the one source of category names and definitions: the card schema's category enum
mirrors it (a test holds them equal), docs/taxonomy.md is generated from it, and reports group
categories under their domain with it. Each category also sits in one of the four evaluation
dimensions of the survey of audio-language model evaluation (arXiv 2505.15957), and reports
aggregate by dimension too. The file's shape is checked against schemas/taxonomy.schema.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .errors import CardError
from .infra.schemas import first_error, schemas_dir

TAXONOMY_FILE = "taxonomy.json"


class TaxonomyError(CardError):
    """schemas/taxonomy.json is missing or malformed."""


@dataclass(frozen=True)
class Category:
    name: str
    domain: str
    title: str
    definition: str
    dimension: str = ""
    dimension_note: str = ""


@dataclass(frozen=True)
class Dimension:
    name: str
    title: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    domains: dict[str, str]  # domain -> one-line definition, in display order
    categories: dict[str, Category]  # name -> category, in display order
    dimensions: dict[str, Dimension]  # name -> the survey's dimension, in display order

    def under(self, domain: str) -> list[Category]:
        return [c for c in self.categories.values() if c.domain == domain]

    def domain_of(self, category: str) -> str | None:
        found = self.categories.get(category)
        return found.domain if found else None

    def dimension_of(self, category: str) -> str | None:
        found = self.categories.get(category)
        return found.dimension if found else None


@cache
def load_taxonomy() -> Taxonomy:
    path = schemas_dir() / TAXONOMY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        problem = first_error(data, "taxonomy")
        if problem is not None:
            raise TaxonomyError(f"{path}: not a valid taxonomy ({problem})")
        domains = {str(k): str(v) for k, v in data["domains"].items()}
        dimensions = {str(k): Dimension(str(k), v["title"], v["definition"])
                      for k, v in data["dimensions"].items()}
        categories = {}
        for name, item in data["categories"].items():
            for field, known in (("domain", domains), ("dimension", dimensions)):
                if item[field] not in known:
                    raise TaxonomyError(f"{path}: category {name!r} names unknown {field} {item[field]!r}")
            categories[name] = Category(name, item["domain"], item["title"], item["definition"],
                                        item["dimension"], item.get("dimension_note", ""))
    except (OSError, json.JSONDecodeError, KeyError, AttributeError, TypeError) as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy ({exc})") from exc
    return Taxonomy(domains, categories, dimensions)
