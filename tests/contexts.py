"""One sentence read with the real tools of a language, as the frames stage reads
it: tokens, triggers, gazetteer mentions, dates and document phrases (no NER), for
the argument and framing tests."""
from __future__ import annotations

from diplo_extract.arguments import SentenceContext
from diplo_extract.doc import Trigger
from diplo_extract.schema import DOCUMENT_EVENT_TYPES


def read(extractor, lang: str, text: str) -> tuple[SentenceContext, list[Trigger]]:
    """The context of ``text`` as one sentence, and its triggers."""
    tools = extractor.languages[lang]
    tokens = tools.tokenize(text, 0, len(text))
    triggers = tools.triggers(text, tokens, 0)
    mentions = tools.gazetteer(text, tokens)
    dates = [d for d in tools.dates.find(text, lang, 0, len(text)) if not tools.eve_of(text, d)]
    names = [(m.start, m.end) for m in mentions if m.label in ("ORG", "BODY", "STATE")]
    verbs = [t for t in triggers if t.pos == "verb" or t.type in DOCUMENT_EVENT_TYPES]
    in_trigger = {k for k, tok in enumerate(tokens) for t in verbs if t.start <= tok.start < t.end}
    documents = tools.documents.find_all(text, tokens, names, blocked=in_trigger.__contains__)
    return SentenceContext(0, text, tokens, mentions, dates, documents, lang), triggers


def trigger(triggers: list[Trigger], word: str) -> Trigger:
    """The trigger whose text is ``word`` (or starts with it)."""
    return next(t for t in triggers if t.text == word or t.text.startswith(word))
