"""Named entities: natasha's NER for Russian; for English, a spaCy pipeline built in
code (``spacy.blank('en')`` plus rulers fed by ``models/``) or, opt-in, an installed
statistical spaCy pipeline with the same rulers added."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .doc import Mention, Token
from .errors import Errors, ResourceError
from .resources import model_path

PERSON_LABELS = {"PER": "PER", "PERSON": "PER"}
PLACE_LABELS = {"LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}


class NatashaNER:
    """natasha's ``NewsNERTagger`` (slovnet) over sentences (PER and LOC spans).

    Sentences are tagged in batches of similar length (less padding), over the razdel
    tokens the caller already has (slovnet would tokenize each sentence again with
    razdel); each sentence's tags do not depend on its batch. A word form's
    vocabulary and shape ids are kept (at most ``cache_size`` forms).
    """

    def __init__(self, cache_size: int = 20_000) -> None:
        from natasha import NewsEmbedding, NewsNERTagger

        self._tagger = NewsNERTagger(NewsEmbedding())
        self._ids = lru_cache(maxsize=cache_size)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, int]:
        """The word's vocabulary id and shape id, as slovnet's encoder gives them."""
        word_ids, shape_ids = self._tagger.infer.encoder.item([word])
        return word_ids[0], shape_ids[0]

    def _encoded(self, sentences: list[list[Token]]) -> Iterator[Any]:
        """slovnet's model inputs, one per batch of ``sentences``."""
        from slovnet.chop import chop

        encoder = self._tagger.infer.encoder
        items = []
        for tokens in sentences:
            ids = [self._ids(t.text) for t in tokens]
            items.append(([w for w, _ in ids], [s for _, s in ids]))
        for chunk in chop(items, encoder.batch_size):
            yield encoder.input(chunk)

    def __call__(self, text: str, start: int, end: int) -> list[Mention]:
        return self.batch(text, [(start, end)])[0]

    def batch(self, text: str, spans: list[tuple[int, int]], tokens: Sequence[list[Token] | None] | None = None) -> list[list[Mention]]:
        """Tag many sentences at once: one list per span. ``tokens``, when given, are
        each span's razdel tokens (``RussianTokenizer``), used instead of tokenizing again."""
        found = [_spans_of(text, s, e) if tokens is None or tokens[k] is None else tokens[k] for k, (s, e) in enumerate(spans)]
        order = sorted((k for k in range(len(spans)) if found[k]), key=lambda k: len(found[k]))  # stable: equal lengths keep text order
        infer = self._tagger.infer
        tags = infer.decoder(infer.process(self._encoded([found[k] for k in order])))
        out: list[list[Mention]] = [[] for _ in spans]
        for k, sentence_tags in zip(order, tags):
            out[k] = _bio_mentions(text, found[k], sentence_tags)
        return out


def _spans_of(text: str, start: int, end: int) -> list[Token]:
    """razdel tokens of ``text[start:end]`` (no lemmas: for tagging only)."""
    from razdel import tokenize

    return [Token(start + t.start, start + t.stop, t.text, frozenset()) for t in tokenize(text[start:end])]


def _bio_mentions(text: str, tokens: list[Token], tags: list[str]) -> list[Mention]:
    """PER and LOC mentions of BIO tags over tokens, as slovnet reads them."""
    from slovnet.bio import bio_spans

    out = []
    for span in bio_spans([_SlovnetToken(t.start, t.end) for t in tokens], tags):
        label = PERSON_LABELS.get(span.type) or PLACE_LABELS.get(span.type)
        if label:
            out.append(Mention(span.start, span.stop, text[span.start : span.stop], label, rule="ner:natasha"))
    return out


class _SlovnetToken:
    """The two fields of a token that slovnet's ``bio_spans`` reads."""

    __slots__ = ("start", "stop")

    def __init__(self, start: int, stop: int) -> None:
        self.start, self.stop = start, stop


class TitledNamePattern(BaseModel):
    """One line of ``models/patterns/en_titled_names.jsonl``: spaCy Matcher token
    patterns for an office title and for the name that follows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: list[dict[str, Any]]
    name: list[dict[str, Any]]


def load_titled_patterns(path: Path | None = None) -> list[TitledNamePattern]:
    path = path or model_path("patterns", "en_titled_names.jsonl")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(TitledNamePattern.model_validate_json(line))
        except ValidationError as exc:
            raise ResourceError(Errors.E010.format(path=f"{path}:{n}", what="pattern", entry=line[:40], detail=exc)) from exc
    return out


class FirstNames(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    first_names: list[str]
    not_surnames: list[str] = []
    not_names: list[str] = []
    particles: list[str] = []  # "bin", "al-", "van": inside a name, before a capitalized part
    # Capitalised words that never stand alone as a name ("Putin and May", "Putin and He"):
    # months, weekdays, pronouns.
    never_alone: list[str] = []


@lru_cache(maxsize=8)  # read once for the two components that use it
def load_first_names(path: Path | None = None) -> FirstNames:
    """The first names of ``models/names/en.yaml`` and the words that are no surnames (validated)."""
    from .lexicon import load_model

    return load_model(path or model_path("names", "en.yaml"), FirstNames)


def build_english_pipeline(person_names: Iterable[str], model: str | None = None, patterns_path: Path | None = None, names_path: Path | None = None):
    """The English NLP object: a statistical pipeline by name or path when ``model``
    is given, else ``spacy.blank('en')``; then a person ruler fed by the knowledge
    base and the titled-name component."""
    import spacy

    from . import spacy_components  # noqa: F401  (registers the factories)

    nlp = _load_model(spacy, model) if model else spacy.blank("en")
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="kb_persons", before=before, config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns([{"label": "PERSON", "pattern": name} for name in sorted(set(person_names))])
    names = None if names_path is None else str(names_path)
    nlp.add_pipe("diplo_titled_names", after="kb_persons", config={"patterns_path": None if patterns_path is None else str(patterns_path), "names_path": names})
    nlp.add_pipe("diplo_first_names", after="diplo_titled_names", config={"names_path": names})
    nlp.add_pipe("diplo_name_particles", after="diplo_first_names", config={"names_path": names})
    return nlp


def _load_model(spacy, model: str):  # noqa: ANN001
    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise ResourceError(Errors.E040.format(name=model, detail=exc)) from exc


class SpacyEnglishNER:
    """Runs the English pipeline over one sentence; returns PER and LOC mentions."""

    def __init__(self, nlp) -> None:  # noqa: ANN001
        self.nlp = nlp

    def batch(self, text: str, spans: list[tuple[int, int]], tokens: Sequence[list[Token] | None] | None = None) -> list[list[Mention]]:
        """One list of mentions per span (``tokens`` are not used: spaCy tokenizes)."""
        return [self(text, s, e) for s, e in spans]

    def __call__(self, text: str, start: int, end: int) -> list[Mention]:
        sdoc = self.nlp(text[start:end])
        out = []
        for ent in sdoc.ents:
            label = PERSON_LABELS.get(ent.label_) or PLACE_LABELS.get(ent.label_)
            if label:
                s, e = start + ent.start_char, start + ent.end_char
                out.append(Mention(s, e, text[s:e], label, rule=f"ner:{ent.ent_id_ or ent.label_}"))
        return out
