"""Hand-built mentions, frames and event drafts for the assembly, carry and
discourse tests (no model runs). Offsets are arbitrary but ordered: what a rule
compares (before/after a trigger, same sentence) is set explicitly."""
from __future__ import annotations

from diplo_extract.arguments import Frame
from diplo_extract.assembly import EventDraft
from diplo_extract.dates import DateExpression
from diplo_extract.doc import Mention, Trigger


def trig(start: int = 100, type: str = "meeting", *, sentence: int = 0, pos: str = "noun", group: str = "bilateral",
         weak: bool = False, text: str | None = None) -> Trigger:
    text = text or type
    return Trigger(start, start + len(text), text, type, text, pos, sentence, weak=weak, group=group)


def per(start: int, surname: str, key: str | None = None) -> Mention:
    """A person mention; ``key`` like ``vladimir_putin`` becomes ``person:vladimir_putin``."""
    return Mention(start, start + len(surname), surname, "PER", key=f"person:{key}" if key else None, name=surname)


def state(start: int, code: str, name: str | None = None) -> Mention:
    name = name or code
    return Mention(start, start + len(name), name, "STATE", key=f"state:{code}", code=code, name=name, rule="gazetteer:name")


def org(start: int, code: str) -> Mention:
    return Mention(start, start + len(code), code, "ORG", key=f"org:{code}", code=code, name=code, rule="gazetteer:abbreviation")


def place(start: int, name: str, code: str | None, rule: str = "gazetteer:city", label: str = "PLACE") -> Mention:
    key = f"place:{code}:{name}" if code else None
    return Mention(start, start + len(name), name, label, key=key, code=code, name=name, rule=rule)


def day(start: int, month: int, d: int, year: int | None = None, text: str | None = None) -> DateExpression:
    text = text or f"{d}.{month}"
    return DateExpression(start, start + len(text), text, "date", year=year, month=month, day=d)


def frame(t: Trigger | None = None, *, status: str = "occurred", rule: str = "status:own_tense", **kw) -> Frame:
    t = t or trig()
    return Frame(t, type=kw.pop("type", t.type), status=status, status_rule=rule, weak=kw.pop("weak", t.weak), **kw)


def draft(type: str = "meeting", *, status: str = "occurred", sentences: tuple[int, ...] = (0,), start: int = 100,
          rule: str = "status:own_tense", group: str = "bilateral", frames: list[Frame] | None = None, **kw) -> EventDraft:
    """An event with one strong frame per sentence in ``sentences`` (triggers from
    ``start``, 1000 characters apart), and fields ``kw`` set directly."""
    if frames is None:
        frames = [frame(trig(start + 1000 * k, type, sentence=s, group=group), status=status, rule=rule) for k, s in enumerate(sentences)]
    ev = EventDraft(type, status, rule, frames=frames, sentences={f.trigger.sentence for f in frames})
    for name, value in kw.items():
        setattr(ev, name, value)
    return ev
