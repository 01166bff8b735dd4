"""The public spaCy component ``diplo_events``: diplo_extract inside any spaCy pipeline.

>>> import spacy                                                    # doctest: +SKIP
>>> nlp = spacy.blank("ru")                                         # doctest: +SKIP
>>> nlp.add_pipe("diplo_events", config={"published": "2020-11-26", "actor_files": []})  # doctest: +SKIP
>>> doc = nlp("Сергей Лавров и Владимир Макей провели переговоры в Минске.")  # doctest: +SKIP
>>> [e.type for e in doc._.events], [(s.text, s.label_) for s in doc._.event_spans["persons"]]  # doctest: +SKIP

The factory is registered through the ``spacy_factories`` entry point, so
``add_pipe("diplo_events")`` works without importing this module first; importing
it (which spaCy does when it resolves the factory, in every worker process too)
registers the ``Doc`` extensions:

* ``doc._.diplo_json``: the :class:`~diplo_extract.schema.DocumentResult` as JSON.
  This string is what is stored: it survives ``Doc.to_bytes``, pickling and
  ``nlp.pipe(n_process=N)``, which pydantic objects in ``user_data`` would not.
* ``doc._.diplo``: that result as a pydantic object (parsed on each access: bind it
  once), ``doc._.events`` its events.
* ``doc._.event_spans``: a ``SpanGroup`` per role (``trigger``, ``date``, ``location``,
  ``persons``, ``parties``, ``document``), views of ``doc.spans["diplo_events"]``.
  Each span is labelled ``<type>:<role>``, its ``id_`` is the event's id (``e1``) and
  its ``kb_id_`` the normalized value (date, name, party code, document kind).

Alignment: the extractor works on the text and gives character offsets; each is
mapped to the pipeline's tokens with ``char_span(alignment_mode="expand")``. A span
that cuts a token is widened to the whole tokens it touches, so its ``span.text``
may be longer than the value's text; the exact offsets stay in ``doc._.events``. A
span that touches no token (whitespace only) is left out of ``doc.spans`` and
logged at debug level.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from .errors import Errors, InputError
from .event_spans import ROLES, event_spans
from .pipeline import Extractor, parse_published
from .schema import DocumentResult, Event

__all__ = ["DiploEvents", "SPANS_KEY", "make_diplo_events", "register_extensions"]

log = logging.getLogger(__name__)

SPANS_KEY = "diplo_events"
DEFAULT_CONFIG = {"published": None, "actor_files": []}


def register_extensions() -> None:
    """Register the ``Doc`` extensions of the component (idempotent)."""
    Doc.set_extension("diplo_json", default=None, force=True)
    Doc.set_extension("diplo", getter=_result_of, force=True)
    Doc.set_extension("events", getter=_events_of, force=True)
    Doc.set_extension("event_spans", getter=_role_groups_of, force=True)


def _result_of(doc: Doc) -> DocumentResult | None:
    stored = doc._.diplo_json
    return None if stored is None else DocumentResult.model_validate_json(stored)


def _events_of(doc: Doc) -> list[Event]:
    result = _result_of(doc)
    return [] if result is None else list(result.events)


def _role_groups_of(doc: Doc) -> dict[str, SpanGroup]:
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    return {role: SpanGroup(doc, name=f"{SPANS_KEY}:{role}", spans=[s for s in spans if s.label_.rpartition(":")[2] == role])
            for role in ROLES}


@Language.factory("diplo_events", default_config=DEFAULT_CONFIG)
def make_diplo_events(nlp: Language, name: str, published: str | None, actor_files: Sequence[object]) -> DiploEvents:
    """Factory of the ``diplo_events`` component; its keyword arguments are the config.

    Raises:
        InputError: ``published`` is not an ISO date in 1900-2100 (E021) or
            ``actor_files`` is not a list of paths (E061).
    """
    return DiploEvents(name, published=published, actor_files=actor_files)


class DiploEvents:
    """Runs the extractor on each ``Doc`` and puts its result on the ``Doc``.

    Args:
        name: the component's name in the pipeline.
        published: publication date (ISO string) of every text, unless a doc
            carries its own in ``doc.user_data["published"]``.
        actor_files: extra knowledge-base files (``models/actors`` format).
    """

    def __init__(self, name: str = "diplo_events", *, published: str | None = None, actor_files: Sequence[str] = ()) -> None:
        if isinstance(actor_files, str) or not all(isinstance(f, str) for f in actor_files):
            raise InputError(Errors.E061.format(value=actor_files))
        self.name = name
        self.published = published
        self.actor_files = tuple(actor_files)
        self._default_published = parse_published(published)
        self.extractor = Extractor(actor_files=self.actor_files)

    def __reduce__(self) -> tuple:
        """Pickled as its config: a spawned worker builds its own extractor."""
        return (_rebuild, (self.name, self.published, self.actor_files))

    def __call__(self, doc: Doc) -> Doc:
        """Extract the events of ``doc.text`` and set ``doc._.diplo_json`` and
        ``doc.spans["diplo_events"]``. The pipeline's entities (``doc.ents``), where
        it has any, are used instead of the extractor's own NER.

        Raises:
            InputError: ``doc.user_data["published"]`` is not a usable date (E021),
                or the text cannot be extracted (E025, E028).
        """
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc.ents else None  # the pipeline's NER, where it has one
        result = self.extractor.extract(doc.text, self._published_of(doc), id=doc.user_data.get("id"), entities=entities)
        doc._.diplo_json = result.model_dump_json()
        doc.spans[SPANS_KEY] = event_span_group(doc, result)
        return doc

    def _published_of(self, doc: Doc):  # noqa: ANN202 - a date or None
        if "published" in doc.user_data:
            return parse_published(doc.user_data["published"])
        return self._default_published


def _rebuild(name: str, published: str | None, actor_files: Sequence[str]) -> DiploEvents:
    return DiploEvents(name, published=published, actor_files=actor_files)


def event_span_group(doc: Doc, result: DocumentResult) -> SpanGroup:
    """The spans of ``result``'s events on ``doc``'s tokens (expanded to whole
    tokens), labelled ``<type>:<role>``, with the event id as ``id_`` and the
    normalized value as ``kb_id_``."""
    spans = []
    for item in event_spans(result):
        span = doc.char_span(item.start, item.end, label=item.label, kb_id=item.value or "", span_id=item.event_id, alignment_mode="expand")
        if span is None:
            log.debug("%s span %d-%d of %s touches no token; left out of doc.spans", item.label, item.start, item.end, item.event_id)
            continue
        spans.append(span)
    return SpanGroup(doc, name=SPANS_KEY, spans=spans)


register_extensions()
