"""Long texts in bounded memory: windows of paragraphs, one result.

A text longer than :data:`WINDOW_CHARS` is segmented, cleaned of page noise and
language-tagged once, as a whole (cheap, and the page-noise tail and the
document's language are document-level). Then its sentences are cut into windows
of whole paragraphs, and the other stages run on one window at a time over the
same text, so offsets stay global and a window's tokens, NER and frames are freed
before the next. The document-level state the windows share: the publication
date, the document's language, the page-noise marks, and the dateline (read from
the top of the text by every window; only the first window's lead is dated by it).
The results of the windows are merged one by one (:class:`ResultMerger`): events in text order and renumbered,
entities of the same actor joined.

A happening mentioned in two windows is two events; windows are large (news
articles are far shorter) so that this is rare.
"""
from __future__ import annotations

from collections.abc import Iterator

from .doc import Sentence
from .schema import DocumentResult, Entity, Event, LanguagePart, PartyArg, PersonArg

WINDOW_CHARS = 100_000  # characters of text per window; longer texts are read window by window


def sentence_windows(text: str, sentences: list[Sentence], size: int | None = None) -> Iterator[list[Sentence]]:
    """Runs of sentences of about ``size`` characters, cut where a paragraph ends
    (a blank line, else a line break) after the window is full.

    >>> s = [Sentence(0, 3), Sentence(4, 7), Sentence(9, 12)]
    >>> [[x.start for x in w] for w in sentence_windows("aaa bbb\\n\\nccc", s, size=5)]
    [[0, 4], [9]]
    """
    size = size or WINDOW_CHARS
    window: list[Sentence] = []
    for k, sent in enumerate(sentences):
        window.append(sent)
        full = sent.end - window[0].start >= size
        nxt = sentences[k + 1] if k + 1 < len(sentences) else None
        if nxt is not None and full and ("\n" in text[sent.end : nxt.start] or sent.end - window[0].start >= 2 * size):
            yield window
            window = []
    if window:
        yield window


class ResultMerger:
    """Joins the results of consecutive windows of one text, one window at a time
    (so a window's own result is freed as soon as it is added): events in text
    order and renumbered, one entity per actor numbered by first mention."""

    def __init__(self) -> None:
        self._first: DocumentResult | None = None
        self._entities: dict[tuple[str, str], Entity] = {}
        self._events: list[Event] = []
        self._languages: list[LanguagePart] = []

    def add(self, part: DocumentResult) -> None:
        self._first = self._first or part.model_copy(update={"events": [], "entities": [], "languages": []})
        ids: dict[str, str] = {}
        for e in part.entities:
            key = _entity_key(e)
            old = self._entities.get(key)
            if old is None:
                self._entities[key] = e.model_copy(update={"id": f"ent{len(self._entities) + 1}"})
            else:
                self._entities[key] = old.model_copy(update={"names": sorted({*old.names, *e.names}), "mentions": old.mentions + e.mentions})
            ids[e.id] = self._entities[key].id
        self._events += [_renamed(ev, f"e{len(self._events) + k}", ids) for k, ev in enumerate(part.events, 1)]
        self._languages = _merge_languages(self._languages + part.languages)

    def result(self, lang: str) -> DocumentResult:
        first = self._first
        assert first is not None, "no window was added"
        return DocumentResult(
            id=first.id, lang=lang, published=first.published, text=first.text, events=self._events,
            entities=list(self._entities.values()), languages=self._languages,
        )


def _entity_key(e: Entity) -> tuple[str, str]:
    return e.kind, e.kb or e.code or e.name


def _renamed(ev: Event, new_id: str, ids: dict[str, str]) -> Event:
    """``ev`` under its merged id, its arguments pointing at the merged entities."""
    def moved(arg: PersonArg | PartyArg) -> PersonArg | PartyArg:
        return arg.model_copy(update={"entity": ids.get(arg.entity, arg.entity) if arg.entity else None})

    return ev.model_copy(update={
        "id": new_id, "persons": [moved(p) for p in ev.persons], "role_holders": [moved(p) for p in ev.role_holders],
        "parties": [moved(p) for p in ev.parties],
    })


def _merge_languages(parts: list[LanguagePart]) -> list[LanguagePart]:
    out: list[LanguagePart] = []
    for part in parts:
        if out and out[-1].lang == part.lang:
            out[-1] = LanguagePart(lang=part.lang, start=out[-1].start, end=part.end)
        else:
            out.append(part)
    return out
