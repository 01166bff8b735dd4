"""Event dates the date stage cannot see in one sentence: a planned event dated by
the sentence after it ("Визит запланирован. Он состоится 17 января."), and a visit
of several days whose length and start are named apart ("двухдневный визит" ...
"прилетел в среду": 27–28 ноября)."""
from __future__ import annotations

import datetime as _dt
import re

from .assembly import DateResolver, EventDraft, person_id
from .dates.days import shift
from .doc import Doc
from .languages import Languages

DURATION_TYPES = ("visit", "meeting")  # "a two-day visit", "двухдневный саммит"


class StatusWords:
    """One word list of ``models/status/<lang>.yaml`` as a pattern, per language, read
    once: ``words(lang).search(text)``."""

    def __init__(self, languages: Languages, field: str) -> None:
        self.languages = languages
        self.field = field
        self._patterns: dict[str, re.Pattern[str]] = {}

    def __call__(self, lang: str) -> re.Pattern[str]:
        if lang not in self._patterns:
            from .status import StatusCues

            words = getattr(StatusCues.load(lang, self.languages.root), self.field)
            self._patterns[lang] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE) if words else re.compile("(?!)")
        return self._patterns[lang]


class FollowingDates:
    """A planned event with no date takes the date of the sentence right after its
    mention when that sentence only schedules it ("Визит запланирован. Он состоится
    17 января.", "It will take place on Friday."): no trigger of its own, a schedule
    word from ``models/status/`` and a date."""

    name = "dates.following"
    requires = ("doc.events", "doc.sentences", "sentence.triggers", "sentence.lang", "doc.published", "doc.dateline")
    produces = ("doc.events",)

    def __init__(self, languages: Languages) -> None:
        self.languages = languages
        self.schedule = StatusWords(languages, "schedule")

    def __call__(self, doc: Doc) -> Doc:
        resolve = DateResolver(doc)
        for ev in doc.events:
            if ev.status != "planned" or ev.date is not None:
                continue
            expr = self._following(doc, max(f.trigger.sentence for f in ev.frames))
            if expr is not None:
                ev.date, ev.date_value, ev.date_rule = expr, resolve(expr, "planned"), "date:following-sentence"
        return doc

    def _following(self, doc: Doc, i: int):  # noqa: ANN202
        if i + 1 >= len(doc.sentences):
            return None
        sent = doc.sentences[i + 1]
        if sent.noise or sent.triggers or sent.lang not in self.languages:
            return None
        text = doc.text[sent.start : sent.end]
        if not self.schedule(sent.lang).search(text):
            return None
        found = [d for d in self.languages[sent.lang].dates.find(doc.text, sent.lang, sent.start, sent.end) if not d.is_period and d.kind != "anaphoric"]
        return found[0] if found else None


class EventDurations:
    """An event of several days ("двухдневный государственный визит", "a three-day
    visit") whose date is one day gets the range of its days from that day on: the
    day the text dates it by is its first ("прилетел в среду")."""

    name = "dates.durations"
    requires = ("doc.events", "sentence.lang")
    produces = ("doc.events",)

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        for ev in doc.events:
            if ev.type not in DURATION_TYPES or not _single_day(ev.date_value):
                continue
            days = self._duration(doc, ev)
            if days and days > 1:
                first = _dt.date.fromisoformat(ev.date_value)
                last = shift(first, days - 1)
                if last is not None:
                    ev.date_value = f"{first.isoformat()}/{last.isoformat()}"
                    ev.date_rule = f"{ev.date_rule or 'date:own'}+duration"
        return doc

    def _duration(self, doc: Doc, ev: EventDraft) -> int | None:
        """The days of a duration word right before one of the event's mentions."""
        for f in ev.frames:
            sent = doc.sentences[f.trigger.sentence]
            if sent.lang not in self.languages:
                continue
            days = self.languages[sent.lang].dates.duration_before(doc.text, sent.lang, f.trigger.start)
            if days:
                return days
        return None


class VisitStays:
    """A visit that its mentions do not date takes the range of days a sentence
    gives for its visitor's stay at the destination ("Fidan, who is in the United
    States from Sept. 17 to 23, has held ...", "Бахтиёр Саидов пребывает в
    Беларуси 2-4 октября"): the sentence says where someone stays (a ``stay`` word of
    ``models/status/``), names one of the visit's persons and its destination (or the
    destination's state), and holds a range of days."""

    name = "dates.stays"
    requires = ("doc.events", "doc.sentences", "sentence.mentions", "sentence.lang")
    produces = ("doc.events",)

    def __init__(self, languages: Languages) -> None:
        self.languages = languages
        self.stay = StatusWords(languages, "stay")

    def __call__(self, doc: Doc) -> Doc:
        visits = [ev for ev in doc.events if ev.type == "visit" and ev.date is None and ev.location is not None and ev.location.code and ev.person_ids]
        if not visits:
            return doc
        resolve = DateResolver(doc)
        for ev in visits:
            expr = self._stay(doc, ev)
            if expr is not None:
                ev.date, ev.date_value, ev.date_rule = expr, resolve(expr, ev.status), "date:stay"
        return doc

    def _stay(self, doc: Doc, ev: EventDraft):  # noqa: ANN202
        for sent in doc.sentences:
            if sent.noise or sent.lang not in self.languages:
                continue
            if not self.stay(sent.lang).search(doc.text, sent.start, sent.end):
                continue
            named = any(m.label == "PER" and person_id(m) in ev.person_ids for m in sent.mentions)
            there = any(m.label in ("STATE", "PLACE") and m.code == ev.location.code for m in sent.mentions)
            if named and there:
                ranges = [d for d in self.languages[sent.lang].dates.find(doc.text, sent.lang, sent.start, sent.end) if d.kind == "range" and getattr(d, "day", None) is not None]
                if ranges:
                    return ranges[0]
        return None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _single_day(value: str | None) -> bool:
    """
    >>> _single_day("2024-11-27"), _single_day("2024-11"), _single_day("2024-11-27/2024-11-28"), _single_day(None)
    (True, False, False, False)
    """
    return value is not None and _DAY.fullmatch(value) is not None
