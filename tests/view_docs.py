"""Hand-built results and happenings for the page and timeline tests (no model run)."""
from __future__ import annotations

from diplo_extract.happenings import Happening, merge
from diplo_extract.schema import DateArg, DocumentArg, DocumentResult, Event, LocationArg, PartyArg, PersonArg, Span

# a text that would run script if it were not escaped, with an emoji (two UTF-16 units) before the spans
HOSTILE_TEXT = ('😀 <script>window.__pwned = 1</script> Lavrov met "Wang" <img src=x onerror="window.__pwned = 2"> '
                "in Beijing & signed a plan.")


def span_of(text: str, word: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th ``word`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Span(start=start, end=start + len(word), text=word)


def hostile_result() -> DocumentResult:
    """Two events sharing a person span (overlap), with markup in the text and the values."""
    t = HOSTILE_TEXT
    lavrov = PersonArg(name="Sergei <b>Lavrov</b>", spans=[span_of(t, "Lavrov")])
    meeting = Event(id="e1", type="meeting", status="occurred", status_rule="status:<rule>", mentions=[span_of(t, "met")],
                    persons=[lavrov, PersonArg(name="Wang Yi", spans=[span_of(t, '"Wang"')])],
                    location=LocationArg(name="Beijing", spans=[span_of(t, "Beijing")], rule="location:own"),
                    parties=[PartyArg(code="CHN", spans=[span_of(t, "Beijing")], rule="party:capital")])
    signing = Event(id="e2", type="signing", status="occurred", mentions=[span_of(t, "signed")], persons=[lavrov],
                    document=DocumentArg(kind="plan", title="<script>plan</script>", spans=[span_of(t, "a plan")]))
    return DocumentResult(id="hostile <doc>", lang="en", published="2024-04-10", text=t, events=[meeting, signing])


def _report(doc_id: str, published: str, kind: str, status: str, date: str | None, parties: list[str], text: str) -> DocumentResult:
    event = Event(type=kind, status=status, mentions=[span_of(text, "talks")],
                  date=DateArg(value=date, spans=[]) if date else None,
                  parties=[PartyArg(code=c, spans=[]) for c in parties])
    return DocumentResult(id=doc_id, lang="en", published=published, text=text, events=[event])


def sample_happenings() -> list[Happening]:
    """Five happenings in three lanes (RUS–CHN twice, one a two-report merge; SCO; RUS–TUR on
    one day, twice), and one with neither date nor publication day (not placed)."""
    text = "They held talks <script>x</script>."
    results = [
        _report("a", "2024-04-09", "meeting", "occurred", "2024-04-09", ["RUS", "CHN"], text),
        _report("b", "2024-04-10", "meeting", "occurred", "2024-04-09", ["CHN", "RUS"], text),
        _report("c", "2024-06-01", "phone_call", "occurred", "2024-06-01", ["RUS", "CHN"], text),
        _report("d", "2024-07-03", "meeting", "planned", "2024-07-04", ["SCO", "RUS", "CHN"], text),
        _report("e", "2024-08-01", "visit", "cancelled", "2024-08-10", ["RUS", "TUR"], text),
        _report("f", "2024-08-01", "signing", "occurred", "2024-08-10", ["TUR", "RUS"], text.replace("talks", "talks")),
        DocumentResult(id="g", lang="en", published=None, text=text,
                       events=[Event(type="adoption", status="occurred", mentions=[span_of(text, "talks")])]),
    ]
    return merge(results)
