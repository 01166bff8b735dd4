"""The actor knowledge base: loading ``models/actors/*.yaml`` (and user files),
and the name index that the gazetteer matcher reads."""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, ResourceError
from ..resources import models_dir
from ..schema import ORG_CODES
from .files import check_codes, read_actor_file
from .schema import SOLE_ROLES, ActorFile, BodyRecord, MediaRecord, Office, OrganizationRecord, PersonRecord, RoleRecord, StateRecord

LANGS = ("ru", "en")
MIN_SURNAME = {"ru": 4, "en": 4}  # shorter surnames match alone only when listed as variants (Xi)


@dataclass(frozen=True)
class Entry:
    """One name of one actor, as a sequence of lemmas, in one language."""

    key: str
    label: str  # STATE, ORG, BODY, PER, ROLE, PLACE
    code: str | None
    name: str  # canonical display name in the entry's language
    lang: str
    lemmas: tuple[str, ...]
    role: str | None = None
    kind: str = "name"  # name, adjective, demonym, abbreviation, surname, capital, city, venue
    cased: bool = False  # the text must be capitalized where it matches


class ActorKB:
    """All actor records, merged from the packaged files and any user files.

    A user's holder of a sole office (:data:`SOLE_ROLES`) takes over from its start
    date: an open-ended term of anyone else in the same office for the same party,
    begun before, ends the day before; and on days both hold it the user's wins.
    """

    def __init__(self, files: Iterable[ActorFile], user_files: Iterable[ActorFile] = ()) -> None:
        self.states: dict[str, StateRecord] = {}
        self.organizations: dict[str, OrganizationRecord] = {}
        self.bodies: dict[str, BodyRecord] = {}
        self.persons: dict[str, PersonRecord] = {}
        self.roles: list[RoleRecord] = []
        self.media: dict[str, MediaRecord] = {}
        self.capital_words: dict[str, list[str]] = {"ru": [], "en": []}
        self.role_coordinators: dict[str, list[str]] = {"ru": [], "en": []}
        self.role_links: dict[str, list[str]] = {"ru": [], "en": []}
        for f in files:
            self._merge(f)
        user = list(user_files)
        for f in user:
            self._merge(f)
        self.user_persons = frozenset(p.id for f in user for p in f.persons)
        self._take_over([(p.id, o) for f in user for p in f.persons for o in p.offices if o.role in SOLE_ROLES])

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), root: str | Path | None = None) -> "ActorKB":
        """Load every file of ``<root>/actors/`` (``root``: the packaged ``models/``),
        then the user's ``extra`` files."""
        folder = models_dir(root) / "actors"
        packaged = sorted(folder.glob("*.yaml"))
        users = [Path(p) for p in extra]
        for p in packaged + users:
            if not p.is_file():
                raise ResourceError(Errors.E002.format(path=p))
        files = [(p, read_actor_file(p)) for p in packaged + users]
        kb = cls((f for _, f in files[: len(packaged)]), (f for _, f in files[len(packaged) :]))
        kb.check_codes(files)
        return kb

    def check_codes(self, files: Iterable[tuple[Path, ActorFile]]) -> None:
        """Refuse (E012) a party or state code that no file of this knowledge base defines
        (organization codes of the annotation guide are known too)."""
        states = set(self.states)
        parties = states | set(self.organizations) | ORG_CODES
        for path, f in files:
            check_codes(path, f, states, parties)

    def _merge(self, f: ActorFile) -> None:
        self.states.update((r.code, r) for r in f.states)
        self.organizations.update((r.code, r) for r in f.organizations)
        self.bodies.update((r.id, r) for r in f.bodies)
        self.persons.update((r.id, r) for r in f.persons)
        self.roles.extend(f.roles)
        self.media.update((r.id, r) for r in f.media)
        for lang in self.capital_words:
            self.capital_words[lang] += getattr(f.capital_words, lang)
            self.role_coordinators[lang] += getattr(f.role_coordinators, lang)
            self.role_links[lang] += getattr(f.role_links, lang)

    def party_of(self, person_key: str, day: _dt.date | None) -> str | None:
        """The state or organization a known person stands for on ``day``.

        With no day, the party is given only when all the person's offices agree.
        """
        person = self.persons.get(person_key.removeprefix("person:"))
        if person is None:
            return None
        if day is not None:
            for office in person.offices:
                if office.holds_on(day):
                    return office.party
        parties = {o.party for o in person.offices}
        return parties.pop() if len(parties) == 1 else None

    def holder(self, role: str, party: str, day: _dt.date) -> PersonRecord | None:
        """The person holding ``role`` for ``party`` on ``day``, if known; for a sole
        office, a person of the user's files first."""
        holders = [p for p in self.persons.values() if any(o.role == role and o.party == party and o.holds_on(day) for o in p.offices)]
        if role in SOLE_ROLES:
            holders.sort(key=lambda p: p.id not in self.user_persons)  # stable: file order otherwise
        return holders[0] if holders else None

    def _take_over(self, successors: list[tuple[str, Office]]) -> None:
        """End each open-ended term the day before a user's holder of the same office
        (another person) starts after it."""
        if not successors:
            return
        for key, person in list(self.persons.items()):
            others = [o for holder, o in successors if holder != key]
            offices = [_ended_by(o, others) for o in person.offices]
            if offices != person.offices:
                self.persons[key] = person.model_copy(update={"offices": offices})

    def entries(self, lang: str, lemmatize: Callable[[str], tuple[str, ...]]) -> Iterator[Entry]:
        """Every name of every actor in ``lang``, lemmatized by ``lemmatize``."""
        for source in (_state_entries, _org_entries, _body_entries, _person_entries, _role_entries, _media_entries):
            for label, key, code, name, kind, text, role in source(self, lang):
                lemmas = lemmatize(text)
                if lemmas:
                    cased = label in ("PER", "STATE", "PLACE", "MEDIA") or kind == "abbreviation"
                    yield Entry(key, label, code, name, lang, lemmas, role, kind, cased and (lang == "en" or kind not in ("adjective", "demonym", "capital-phrase")))


def _ended_by(office: Office, successors: Iterable[Office]) -> Office:
    """``office`` ended the day before the first successor in the same office starts
    after it began, if it had no end."""
    if office.end is not None:
        return office
    starts = [s.start for s in successors if s.role == office.role and s.party == office.party and s.start > office.start]
    if not starts:
        return office
    return office.model_copy(update={"end": min(starts) - _dt.timedelta(days=1)})


def _state_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for s in kb.states.values():
        names = getattr(s.names, lang)
        canonical = names[0] if names else s.code
        for text in names:
            yield "STATE", s.key, s.code, canonical, "name", text, None
        for text in getattr(s.adjectives, lang):
            yield "STATE", s.key, s.code, canonical, "adjective", text, None
        for text in getattr(s.demonyms, lang):
            yield "STATE", s.key, s.code, canonical, "demonym", text, None
        if s.capital:  # "китайская столица", "the Kazakh capital"
            city = getattr(s.capital, lang)
            for adjective in getattr(s.adjectives, lang):
                for noun in kb.capital_words.get(lang, ()):
                    yield "PLACE", f"place:{s.code}:{s.capital.en}", s.code, city, "capital-phrase", f"{adjective} {noun}", None
        for place, kind in ([(s.capital, "capital")] if s.capital else []) + [(c, "city") for c in s.cities]:
            city = getattr(place, lang)
            for text in [city, *getattr(place.variants, lang)]:
                yield "PLACE", f"place:{s.code}:{place.en}", s.code, city, kind, text, None
        for venue in s.venues:  # "Hyderabad House": its city
            for text in getattr(venue.names, lang):
                yield "PLACE", f"place:{s.code}:{venue.city.en}", s.code, getattr(venue.city, lang), "venue", text, None


def _org_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for o in kb.organizations.values():
        names = getattr(o.names, lang)
        canonical = names[0] if names else o.code
        for text in names:
            yield "ORG", o.key, o.code, canonical, "name", text, None
        for text in getattr(o.abbreviations, lang):
            yield "ORG", o.key, o.code, canonical, "abbreviation", text, None
        for text in getattr(o.adjectives, lang):
            yield "ORG", o.key, o.code, canonical, "adjective", text, None


def _body_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for b in kb.bodies.values():
        names = getattr(b.names, lang)
        for text in names:
            yield "BODY", b.key, b.state, names[0], "name", text, None
        if b.venue is not None:
            for text in names:
                yield "PLACE", f"place:{b.state}:{b.venue.en}", b.state, getattr(b.venue, lang), "venue", text, None


def _person_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for p in kb.persons.values():
        n = getattr(p, lang)
        full = n.full
        forms = {full, n.last, f"{n.last} {n.first}"}
        if n.patronymic:
            forms |= {f"{n.first} {n.patronymic} {n.last}", f"{n.first} {n.patronymic}"}
        forms |= set(n.variants)
        for text in sorted(forms):
            kind = "surname" if text == n.last and text not in n.variants else "name"
            if kind == "surname" and len(text) < MIN_SURNAME[lang]:
                continue  # "Во", "Ли": too like common words on their own
            yield "PER", p.key, None, full, kind, text, None


def _media_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for m in kb.media.values():
        names = getattr(m.names, lang)
        for text in names:
            yield "MEDIA", m.key, None, names[0], "name", text, None


def _role_entries(kb: ActorKB, lang: str) -> Iterator[tuple]:
    for r in kb.roles:
        for text in getattr(r.names, lang):
            yield "ROLE", f"role:{r.role}", None, text, "role", text, r.role


def build_index(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Index entries by their first lemma, longest first."""
    index: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        index[e.lemmas[0]].append(e)
    for bucket in index.values():
        bucket.sort(key=lambda e: -len(e.lemmas))
    return dict(index)
