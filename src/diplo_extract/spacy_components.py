"""spaCy components of diplo_extract, registered as factories."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .ner import load_titled_patterns


@Language.factory("diplo_titled_names", default_config={"patterns_path": None, "names_path": None})
def make_titled_names(nlp: Language, name: str, patterns_path: str | None, names_path: str | None) -> "TitledNameRuler":
    """Factory: keyword arguments are the component's config."""
    from pathlib import Path

    return TitledNameRuler(nlp, name, Path(patterns_path) if patterns_path else None, Path(names_path) if names_path else None)


class TitledNameRuler:
    """Labels as PERSON the capitalized name after an office title
    (``Foreign Minister Sergei Lavrov``, ``his Belarusian counterpart Maxim Ryzhenkov``)."""

    def __init__(self, nlp: Language, name: str, patterns_path=None, names_path=None) -> None:  # noqa: ANN001
        from .ner import load_first_names

        self.name = name
        self.not_names = frozenset(load_first_names(names_path).not_names)
        self.matcher = Matcher(nlp.vocab)
        self._title_len: dict[int, int] = {}
        for p in load_titled_patterns(patterns_path):
            self.matcher.add(p.id, [p.title + p.name], greedy="LONGEST")
            self._title_len[nlp.vocab.strings[p.id]] = len(p.title)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s + self._title_len[m], e, label="PERSON") for m, s, e in self.matcher(doc) if e > s + self._title_len[m]]
        kept = [s for s in spans if not any(t.ent_type_ for t in s) and not all(t.lower_ in self.not_names for t in s)]
        doc.ents = filter_spans(list(doc.ents) + kept)
        return doc


@Language.factory("diplo_first_names", default_config={"names_path": None})
def make_first_names(nlp: Language, name: str, names_path: str | None) -> "FirstNameRuler":
    """Factory: keyword arguments are the component's config."""
    from pathlib import Path

    return FirstNameRuler(nlp, name, Path(names_path) if names_path else None)


class FirstNameRuler:
    """Labels as PERSON a capitalized name sequence that starts with a known first name
    (``Mark Rutte said``, ``met Jean-Noël Barrot``, ``Ismail Ould Cheikh Ahmed``: up to
    three parts after it), where no entity is found yet."""

    def __init__(self, nlp: Language, name: str, names_path=None) -> None:  # noqa: ANN001
        from .ner import load_first_names

        self.name = name
        self.matcher = Matcher(nlp.vocab)
        names = load_first_names(names_path)
        surname = {"IS_TITLE": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(names.not_surnames)}}
        self.matcher.add("FIRST_LAST", [[{"TEXT": {"IN": sorted(names.first_names)}}, surname, dict(surname, OP="?"), dict(surname, OP="?")]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label="PERSON") for _m, s, e in self.matcher(doc)]
        kept = [s for s in spans if not any(t.ent_type_ for t in s)]
        doc.ents = filter_spans(list(doc.ents) + kept)
        return doc


@Language.factory("diplo_name_particles", default_config={"names_path": None})
def make_name_particles(nlp: Language, name: str, names_path: str | None) -> "NameParticleExtender":
    """Factory: keyword arguments are the component's config."""
    from pathlib import Path

    return NameParticleExtender(name, Path(names_path) if names_path else None)


class NameParticleExtender:
    """Extends a PERSON over a name particle and the capitalized parts after it
    (``Mohammed Shia`` + ``al-Sudani``, ``Abdullatif`` + ``bin Rashid Al Zayani``),
    so that a name is not cut at its particle."""

    def __init__(self, name: str, names_path=None) -> None:  # noqa: ANN001
        from .ner import load_first_names

        self.name = name
        names = load_first_names(names_path)
        self.particles = frozenset(p.lower() for p in names.particles)
        self.not_surnames = frozenset(names.not_surnames)

    def __call__(self, doc: Doc) -> Doc:
        ents = [Span(doc, e.start, self._end(doc, e.end), label=e.label_) if e.label_ == "PERSON" else e for e in doc.ents]
        doc.ents = filter_spans(ents)
        return doc

    def _end(self, doc: Doc, end: int) -> int:
        """Where the name ending at ``end`` really ends: after each particle that a
        capitalized part follows ("al", "-", "Sudani"; "bin", "Rashid", "Al", "Zayani")."""
        while end < len(doc) and doc[end].lower_ in self.particles:
            k = end + 1 + (end + 1 < len(doc) and doc[end + 1].text == "-")
            if k >= len(doc) or not self._capitalized(doc[k]):
                break
            end = k + 1
            while end < len(doc) and (self._capitalized(doc[end]) or doc[end].lower_ in self.particles and end + 1 < len(doc) and self._capitalized(doc[end + 1])):
                end += 1
        return end

    def _capitalized(self, tok) -> bool:  # noqa: ANN001
        return tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in self.not_surnames
