"""Roles resolved by date: "глава МИД Белоруссии", "Belarus' Foreign Minister" name
the office-holder on the day (Makei in 2020, Ryzhenkov in 2025)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from ..doc import Mention
from .kb import ActorKB

ROLE_HOLDER = "role:holder"  # the rule of a person found from a role phrase, not named in the text
REACH = 3  # characters of punctuation/space allowed between the role and its state


class RoleResolver:
    """Turns a role phrase next to a state into the person holding that office.

    The state may follow the role (``глава МИД Белоруссии``) or precede it as a name
    or adjective (``Belarus' Foreign Minister``, ``российский министр``). A role
    followed by a person's name is left alone: the name says who it is. Without a
    day, no person is given (the role still shows the party through its state).
    """

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def __call__(self, text: str, mentions: Sequence[Mention], day: _dt.date | None, lang: str) -> list[Mention]:
        if day is None:
            return []
        ordered = sorted(mentions, key=lambda m: m.start)
        out = []
        for k, m in enumerate(ordered):
            if m.label != "ROLE" or not m.role or _named_after(text, ordered, k):
                continue
            state = _state_next_to(text, ordered, k, self._links(lang))
            states = [state, *self._coordinated(text, ordered, k, lang, state)] if state is not None else []
            for st in states:
                person = self.kb.holder(m.role, st.code, day)
                if person is None:
                    continue
                start, end = min(m.start, st.start), max(m.end, st.end)
                name = getattr(person, lang).full if lang in ("ru", "en") else person.en.full
                out.append(Mention(start, end, text[start:end], "PER", person.key, st.code, _display(person, lang, name), m.role, ROLE_HOLDER))
        return out

    def _links(self, lang: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.kb.role_links.get(lang, ()))

    def _coordinated(self, text: str, ordered: Sequence[Mention], k: int, lang: str, state: Mention) -> list[Mention]:
        """States joined to the one right before the role ("российского и [турецкого]
        лидеров", "the Russian and Turkish leaders"), each after a coordinating word."""
        if k == 0 or ordered[k - 1] is not state:
            return []
        words = {w.casefold() for w in self.kb.role_coordinators.get(lang, ())}
        out: list[Mention] = []
        j = k - 1
        while j >= 1:
            prev = ordered[j - 1]
            if prev.label != "STATE" or text[prev.end : ordered[j].start].strip().casefold() not in words:
                break
            out.append(prev)
            j -= 1
        return out


def _display(person, lang: str, full: str) -> str:  # noqa: ANN001
    """The usual written form: a listed variant with a space (``Xi Jinping``) if any."""
    name = getattr(person, lang, None)
    if name is None:
        return full
    spaced = [v for v in name.variants if " " in v]
    return spaced[0] if spaced and full not in name.variants and _reordered(full, spaced[0]) else full


def _reordered(full: str, variant: str) -> bool:
    return sorted(full.split()) == sorted(variant.split())


def _gap(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return 0 <= b - a <= REACH and not between.strip(" ’'s")


def _linked(text: str, a: int, b: int, links: frozenset[str]) -> bool:
    """Only a linking word between a role and its state ("President of Russia")."""
    between = " ".join(text[a:b].split()).casefold()
    return _gap(text, a, b) or between in links


def _state_next_to(text: str, ordered: Sequence[Mention], k: int, links: frozenset[str] = frozenset()) -> Mention | None:
    role = ordered[k]
    after = ordered[k + 1] if k + 1 < len(ordered) else None
    if after is not None and after.label == "STATE" and _linked(text, role.end, after.start, links):
        return after
    before = ordered[k - 1] if k > 0 else None
    if before is not None and before.label == "STATE" and _gap(text, before.end, role.start):
        return before
    return None


def _named_after(text: str, ordered: Sequence[Mention], k: int) -> bool:
    """A person's name right after the role, or after the state that follows it
    ("глава МИД Белоруссии Максим Рыженков")."""
    end = ordered[k].end
    for m in ordered[k + 1 : k + 3]:
        if not text[end : m.start].strip(" ,"):
            if m.label == "PER":
                return True
            if m.label != "STATE":
                return False
            end = m.end
    return False
