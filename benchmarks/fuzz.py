"""Fuzzing at scale: generated inputs through ``Extractor().extract_many(jobs=2)``.

Every input is built from ``--seed`` and its index alone (``random.Random(f"{seed}:{i}")``),
so a run can be repeated and any single input rebuilt (``--show I``). The kinds:

- ``unicode``: random code points of the whole range (surrogates, unassigned,
  controls included); ``blocks``: characters of chosen blocks (Cyrillic, Latin,
  combining marks, zero-width and control characters, CJK, Arabic, emoji...);
- ``pieces``: names, phrases, dates, trigger words and odd characters glued together;
- ``fragments``, ``spliced``, ``words``, ``full``: the dev fixtures
  (``tests/fixtures/dev/*.json``; never the held-out ones) cut into sentences and
  shuffled, a window with odd characters inserted anywhere (mid-word too), their
  words shuffled, or a whole text under an odd ``published``;
- ``triggers``: runs of Russian and English trigger words, a few names between;
- ``dates``: short sentences with relative dates ("накануне", "next week") under
  ``published`` dates at the edges of the calendar;
- ``big``: a handful of huge single inputs, at fixed places of the batch: 1 MB single
  words (a repeated letter, random letters, a trigger glued to itself, letters with
  soft hyphens and zero-width characters, decomposed letters) and 200,000-character
  trigger runs.

Every record also gets, now and then, an odd ``published`` (None, "", the edges
1900-01-01 and 2100-12-31, out-of-range and garbage strings, numbers, lists...), an
odd ``id`` (numbers, empty, huge, a lone surrogate, a bool, a list) or an odd ``text``
(None, bytes, a number, missing), and a few records are not objects at all.

Checked for every result, in the parent:

- **crashes**: ``error`` E050 (a worker died) or E051 (an unexpected exception), or
  an exception out of ``extract_many`` itself (the batch died);
- **input errors**: the documented refusals (E020 text type, E021 published, E025
  length, E026 id, E027 record, E028 a surrogate pair left as two code points), counted apart; "refused valid" and "accepted invalid"
  compare them with what the generator knows of its input;
- **bad spans**: any span with ``text[start:end] != span.text`` or outside
  ``0..len(text)``, a result whose ``text`` is not the input's, or a language part
  out of range; **bad JSON**: a ``model_dump_json()`` that fails or does not read back
  to the text;
- **lost records**: fewer or more results than inputs, or a result out of place
  (its id or text not those of the input at that position).

Speed: ``extract_many`` streams results without timings, so after the batch every
input of at least ``--min-chars`` (1,000) characters is extracted again in the parent,
one at a time, and timed in CPU time (``--no-timing`` skips it); the ``--retime``
(20) slowest are timed twice more and keep their best time (one measurement on a
shared machine catches pauses), and the slowest microseconds per character is
reported with its input, beside the largest single measurement. Memory: peak RSS
(``ru_maxrss``) of the parent during the batch (it loads no models) and the largest
of the worker processes (``RUSAGE_CHILDREN``: the largest child reaped, i.e. every
worker, including any replaced after dying).

Usage::

    .venv/bin/python benchmarks/fuzz.py [--n 100000] [--jobs 2] [--seed 0] [--out report.json]
    .venv/bin/python benchmarks/fuzz.py --show 1234     # print input 1234 of the seed
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import traceback
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "dev"  # never tests/fixtures/heldout

CRASH_CODES = ("E050", "E051")
INPUT_CODES = ("E020", "E021", "E025", "E026", "E027", "E028")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")

# ------------------------------------------------------------------ vocabulary

TRIGGERS_RU = [
    "встреча", "встречи", "встретился", "встретятся", "переговоры", "переговоров", "провели переговоры", "заседание",
    "консультации", "саммит", "саммите", "совещание", "конференция", "беседа", "побеседовал", "форум", "рабочий ужин",
    "телефонный разговор", "по телефону", "созвонились", "позвонил", "видеоконференция", "по видеосвязи", "визит",
    "визита", "посетил", "посетит", "посещение", "прибыл", "прибудет", "поездка", "турне", "прилетел", "вылетел",
    "приехал", "побывал", "подписали", "подписал", "подпишут", "скрепили", "приняли", "принял", "утвердили", "одобрили",
    "мероприятие", "сессия", "дискуссия",
]
TRIGGERS_EN = [
    "meeting", "met", "meets", "will meet", "talks", "held talks", "summit", "conference", "session", "consultations",
    "phone call", "called", "spoke by phone", "telephone conversation", "video call", "visit", "visited", "will visit",
    "arrived", "trip", "tour", "signed", "sign", "will sign", "adopted", "approved", "endorsed", "forum", "dinner",
    "working dinner", "hosted", "received",
]
NAMES = [
    "Лавров", "Лаврова", "Сергей Лавров", "Ван И", "Путин", "Владимир Путин", "Си Цзиньпин", "Токаев", "Мирзиёев",
    "Захарова", "Макей", "Блинкен", "Lavrov", "Sergei Lavrov", "Blinken", "Antony Blinken", "Wang Yi", "Xi Jinping",
    "Putin", "Modi", "Kishida", "Yoon Suk Yeol", "Tokayev", "Péter Szijjártó", "Гутерриш", "Guterres",
]
PLACES = ["в Пекине", "в Москве", "в Минске", "в Астане", "в Женеве", "в Нью-Йорке", "in Beijing", "in Moscow",
          "in Geneva", "in New Delhi", "in Tokyo", "in Astana", "на полях саммита ШОС", "on the sidelines of the G20"]
PARTIES = ["России", "Китая", "Казахстана", "США", "Индии", "ООН", "ЕС", "НАТО", "Russia", "China", "the US", "India",
           "the UN", "the EU", "NATO", "BRICS", "ШОС", "ОДКБ"]
DATES = [
    "накануне", "вчера", "сегодня", "завтра", "на следующей неделе", "на этой неделе", "в прошлом году", "в следующем месяце",
    "9 апреля", "8-9 апреля", "9 апреля 2024 года", "в мае", "в 2031 году", "в понедельник", "во вторник", "31 декабря",
    "1 января", "29 февраля", "yesterday", "today", "tomorrow", "next week", "this week", "last year", "next month",
    "on Tuesday", "on Monday", "April 9", "April 8-9, 2024", "in May", "on December 31", "January 1", "February 29",
    "in 2100", "in 1900", "31.12.2100", "01.01.1900", "XXXX", "9999 года", "0001 year",
]
SPECIALS = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\u00ad", "\u200b", "\u200c",
    "\u200d", "\u2060", "\ufeff", "\u00a0", "\u2028", "\u2029", "\u200e", "\u200f", "\u202e", "\u2066", "\ufffd", "\ufffe",
    "\ud83d", "\udc00", "\ud800", "\udfff", "\udce9", "\u0301", "\u0306", "\u0308", "\u0327", "\u20dd", "\ufe0f", "\r",
    "\t", "\n", "\r\n", "\n\n", "🙂", "👍🏽", "🇷🇺", "👨‍👩‍👧", "🤝", "\U0010ffff", "\U000e0001",
)
SEPARATORS = (" ", " ", " ", "\n", "\n\n", "", "\r\n", "\t", "\u2028", "\u00a0", ". ", ", ", " — ", "\x00", "\u200b")
BLOCKS = (
    (0x0000, 0x001F), (0x0020, 0x007E), (0x007F, 0x00FF), (0x0400, 0x04FF), (0x0300, 0x036F), (0x2000, 0x206F),
    (0xD800, 0xDFFF), (0x4E00, 0x4FFF), (0x0600, 0x06FF), (0x0590, 0x05FF), (0x1F300, 0x1F6FF), (0xFE00, 0xFE0F),
    (0xFFF0, 0xFFFF), (0xE000, 0xE0FF), (0x10FF00, 0x10FFFF), (0x0E00, 0x0E7F), (0x1100, 0x11FF),
)
WEIGHTS = {"unicode": 12, "blocks": 10, "pieces": 12, "fragments": 16, "spliced": 14, "words": 8, "full": 4, "triggers": 14,
           "dates": 10}
EDGE_DATES = ("1900-01-01", "1900-01-02", "1900-01-07", "1900-02-28", "1900-12-31", "2100-01-01", "2100-02-28",
              "2100-12-25", "2100-12-27", "2100-12-31", "2000-02-29", "2024-02-29")


BIG_KINDS = 7  # the number of huge inputs of big_inputs()


def big_inputs() -> list[tuple[str, str]]:
    """The huge inputs: (kind, text). Built on demand (a few MB each)."""
    rng = random.Random("big")
    cyr = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    return [
        ("big:repeat", "а" * 1_000_000),
        ("big:random", "".join(rng.choice(cyr) for _ in range(1_000_000))),
        ("big:trigger-glued", "переговоры" * 100_000),
        ("big:soft-hyphens", "".join(rng.choice("abcdefghij") + rng.choice("\u00ad\u200b\u200d\u2060\ufeff") for _ in range(500_000))),
        ("big:combining", "и\u0306" * 500_000),
        ("big:triggers-ru", " ".join(rng.choice(TRIGGERS_RU) for _ in range(200_000))[:200_000]),
        ("big:triggers-en", " ".join(rng.choice(TRIGGERS_EN) for _ in range(200_000))[:200_000]),
    ]


# ------------------------------------------------------------------ generation


@dataclass
class Corpus:
    """The dev fixtures cut into pieces (loaded once, in the parent)."""

    texts: list[tuple[str, str | None]]  # (text, published)
    sentences: list[str]
    words: list[str]

    @classmethod
    def load(cls) -> Corpus:
        texts = []
        for path in sorted(DEV.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            texts.append((data["text"], data.get("published")))
        if not texts:
            raise SystemExit(f"no dev fixtures in {DEV.relative_to(ROOT)}")
        sentences = [s for text, _ in texts for s in re.split(r"(?<=[.!?…])\s+|\n+", text) if s.strip()]
        words = [w for text, _ in texts for w in text.split()]
        return cls(texts, sentences, words)


@dataclass
class Input:
    index: int
    kind: str
    record: Any  # normally a dict {id, text, published}
    expect: str  # "ok", "error" or "?" (the generator cannot tell)

    @property
    def text(self) -> Any:
        return self.record.get("text") if isinstance(self.record, dict) else None

    @property
    def expected_id(self) -> str | None:
        rid = self.record.get("id") if isinstance(self.record, dict) else None
        return None if rid is None else str(rid)


class Generator:
    """Input ``i`` of a seed, from ``random.Random(f"{seed}:{i}")`` alone."""

    def __init__(self, seed: int, n: int, corpus: Corpus, big: int) -> None:
        self.seed = seed
        self.n = n
        self.corpus = corpus
        self.kinds = list(WEIGHTS)
        self.weights = [WEIGHTS[k] for k in self.kinds]
        self._big_texts: list[tuple[str, str]] | None = None
        count = min(big, BIG_KINDS, n)
        # spread over the batch, never the first records (so a fast failure shows fast)
        self.big_at = {(k + 1) * n // (count + 1): k for k in range(count)}

    def __iter__(self) -> Iterator[Input]:
        return (self.make(i) for i in range(self.n))

    def big(self, k: int) -> tuple[str, str]:
        if self._big_texts is None:
            self._big_texts = big_inputs()
        return self._big_texts[k]

    def make(self, i: int) -> Input:
        rng = random.Random(f"{self.seed}:{i}")
        if i in self.big_at:
            kind, text = self.big(self.big_at[i])
            published, p_ok = random_published(rng, edge=0.1)
            return Input(i, kind, {"id": f"fz{i:06d}", "text": text, "published": published}, "ok" if p_ok else "?")
        kind = rng.choices(self.kinds, self.weights)[0]
        text, published = getattr(self, f"_{kind}")(rng)
        if published is _UNSET:
            published, p_ok = random_published(rng, edge=0.6 if kind == "dates" else 0.15)
        else:
            p_ok = True
        record: Any = {"id": f"fz{i:06d}", "text": text, "published": published}
        id_ok = True
        roll = rng.random()
        if roll < 0.06:
            record["id"], id_ok = odd_id(rng, i)
        text_ok = True
        roll = rng.random()
        if roll < 0.004:
            record = rng.choice([None, "just a string", ["a", "list"], 42, ("tuple",)])
            return Input(i, "not-a-record", record, "error")
        if roll < 0.012:
            odd = rng.choice([None, b"Lavrov met Blinken", 42, 3.5, ["Лавров"], {"text": "x"}, _MISSING])
            if odd is _MISSING:
                del record["text"]
            else:
                record["text"] = odd
            text_ok = False
        if rng.random() < 0.05:
            del record["published"]
            p_ok = True
        if isinstance(record.get("text"), str) and _SURROGATE_PAIR.search(record["text"]):
            text_ok = False  # a surrogate pair left as two code points: refused (E028)
        expect = "error" if not (text_ok and id_ok and p_ok is not False) else ("ok" if p_ok else "?")
        return Input(i, kind, record, expect)

    # each kind returns (text, published or _UNSET for a random one)

    def _unicode(self, rng: random.Random) -> tuple[str, Any]:
        size = rng.choice([0, 1, 2, 5, 20, 80, 300, 1500]) if rng.random() < 0.97 else rng.randint(1000, 3000)
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, size))), _UNSET

    def _blocks(self, rng: random.Random) -> tuple[str, Any]:
        chosen = rng.sample(BLOCKS, rng.randint(1, 4))
        size = rng.randint(0, 400) if rng.random() < 0.95 else rng.randint(1000, 2500)
        return "".join(chr(rng.randint(*rng.choice(chosen))) for _ in range(size)), _UNSET

    def _piece(self, rng: random.Random) -> str:
        pool = rng.choice([NAMES, PLACES, PARTIES, DATES, TRIGGERS_RU, TRIGGERS_EN, SPECIALS, SEPARATORS])
        piece = rng.choice(pool)
        if rng.random() < 0.1:
            piece = piece.upper() if rng.random() < 0.5 else piece.lower()
        return piece

    def _pieces(self, rng: random.Random) -> tuple[str, Any]:
        count = rng.randint(0, 60) if rng.random() < 0.95 else rng.randint(150, 400)
        return "".join(self._piece(rng) + rng.choice(SEPARATORS) for _ in range(count)), _UNSET

    def _fragments(self, rng: random.Random) -> tuple[str, Any]:
        count = rng.randint(1, 8) if rng.random() < 0.8 else rng.randint(10, 30)
        parts = rng.sample(self.corpus.sentences, count)
        return rng.choice(SEPARATORS[:7]).join(parts), self._fixture_published(rng)

    def _spliced(self, rng: random.Random) -> tuple[str, Any]:
        text, published = rng.choice(self.corpus.texts)
        width = rng.randint(20, 400) if rng.random() < 0.85 else rng.randint(1000, 2500)
        start = rng.randrange(max(1, len(text) - width))
        chars = list(text[start : start + width])
        for _ in range(rng.randint(1, max(1, len(chars) // rng.choice([5, 20, 100])))):
            chars.insert(rng.randint(0, len(chars)), rng.choice(SPECIALS) * rng.choice([1, 1, 1, 2, 5]))
        return "".join(chars), published if rng.random() < 0.5 else _UNSET

    def _words(self, rng: random.Random) -> tuple[str, Any]:
        count = rng.randint(1, 80) if rng.random() < 0.9 else rng.randint(150, 400)
        return " ".join(rng.choice(self.corpus.words) for _ in range(count)), self._fixture_published(rng)

    def _full(self, rng: random.Random) -> tuple[str, Any]:
        text, published = rng.choice(self.corpus.texts)
        if rng.random() < 0.3:  # one odd character anywhere
            k = rng.randint(0, len(text))
            text = text[:k] + rng.choice(SPECIALS) + text[k:]
        return text, published if rng.random() < 0.3 else _UNSET

    def _triggers(self, rng: random.Random) -> tuple[str, Any]:
        pool = rng.choice([TRIGGERS_RU, TRIGGERS_EN, TRIGGERS_RU + TRIGGERS_EN])
        count = rng.choice([1, 3, 10, 40]) if rng.random() < 0.9 else rng.randint(150, 500)
        sep = rng.choice(SEPARATORS)
        words = []
        for _ in range(count):
            words.append(rng.choice(pool))
            if rng.random() < 0.1:
                words.append(rng.choice(NAMES + PLACES + PARTIES + DATES))
        return sep.join(words), _UNSET

    def _dates(self, rng: random.Random) -> tuple[str, Any]:
        ru = rng.random() < 0.5
        person = rng.choice(NAMES[:14] if ru else NAMES[14:])
        other = rng.choice(NAMES)
        verb = rng.choice(TRIGGERS_RU[:30] if ru else TRIGGERS_EN)
        when = " ".join(rng.choice(DATES) for _ in range(rng.randint(1, 3)))
        place = rng.choice(PLACES)
        sentence = rng.choice(["{p} {v} {o} {w} {pl}.", "{w} {p} и {o} {v} {pl}.", "{p} {v} {w}.", "{pl}, {w}. {p} {v} {o}."])
        return sentence.format(p=person, v=verb, o=other, w=when, pl=place), _UNSET

    def _fixture_published(self, rng: random.Random) -> Any:
        return rng.choice(self.corpus.texts)[1] if rng.random() < 0.4 else _UNSET


class _Sentinel:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Sentinel()
_MISSING = _Sentinel()


def random_published(rng: random.Random, edge: float) -> tuple[Any, bool | None]:
    """An odd or ordinary ``published`` and whether it is valid (None: unknown)."""
    roll = rng.random()
    if roll < edge:
        choice = rng.choice(EDGE_DATES)
        form = rng.randrange(4)
        if form == 0:
            return choice, True
        day = _dt.date.fromisoformat(choice)
        if form == 1:
            return day, True
        if form == 2:
            return _dt.datetime.combine(day, _dt.time(23, 59, 59)), True
        return f"{choice}T00:00:00+14:00", True
    roll = rng.random()
    if roll < 0.45:
        day = _dt.date(1900, 1, 1) + _dt.timedelta(days=rng.randrange(73_049))
        return day.isoformat(), True
    if roll < 0.6:
        return None, True
    if roll < 0.66:
        return rng.choice(["", " ", "\t\n"]), True
    if roll < 0.78:  # out of the usable range
        return rng.choice(["0001-01-01", "9999-12-31", "9999-12-27", "1899-12-31", "2101-01-01", "1000-06-15",
                           _dt.date(1, 1, 1), _dt.date(9999, 12, 31), _dt.datetime(9999, 12, 31, 23, 59)]), False
    if roll < 0.92:  # garbage
        return rng.choice(["2024-13-45", "2023-02-29", "2024-04-10T25:00", "yesterday", "вчера", "2024/04/10", "10.04.2024",
                           "\ud83d", "2024-04-10\x00", "2024-04-10\u200b", "٢٠٢٤-٠٤-١٠", "NaN", "-1", "None", 2024, 3.5,
                           -1, ["2024-04-10"], {"date": "2024-04-10"}, b"2024-04-10", True, float("nan")]), False
    alphabet = "0123456789-:TZ+ WabcЯ\ud800\x00"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25))), None


def odd_id(rng: random.Random, i: int) -> tuple[Any, bool]:
    return rng.choice([
        (i, True), (i + 0.5, True), (-i, True), ("", True), ("x" * 10_000, True), ("id\udc80", True), (None, True),
        ("id\x00\u200b", True), (10**30, True), (float("inf"), True),
        (True, False), ([i], False), ({"id": i}, False), (b"id", False),
    ])


# ------------------------------------------------------------------ checks


def text_digest(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def iter_spans(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every ``{start, end, text}`` dict anywhere in a model dump."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield path, node
        for key, value in node.items():
            yield from iter_spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from iter_spans(value, f"{path}[{k}]")


def check_result(item: Input, result: Any) -> tuple[list[str], int]:
    """Problems of one result (empty if none) and how many spans were checked."""
    from diplo_extract.schema import DocumentResult

    if not isinstance(result, DocumentResult):
        return [f"not a DocumentResult: {type(result).__name__}"], 0
    problems = []
    refused_pair = (getattr(result, "error", None) or "").startswith("E028")  # written without its text
    if isinstance(item.text, str) and result.text != item.text and not refused_pair:
        problems.append("result text differs from the input text")
    dump = result.model_dump()
    text = result.text
    spans = 0
    for path, span in iter_spans({k: v for k, v in dump.items() if k != "text"}):
        start, end = span["start"], span["end"]
        spans += 1
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{path}: {start}..{end} outside 0..{len(text)}")
        elif text[start:end] != span["text"]:
            problems.append(f"{path}: text[{start}:{end}]={text[start:end]!r} != {span['text']!r}")
    for part in dump["languages"]:
        if not 0 <= part["start"] <= part["end"] <= len(text):
            problems.append(f"language part {part} outside the text")
    try:
        back = json.loads(result.model_dump_json())
        if back["text"] != text:
            problems.append("model_dump_json does not read back to the text")
    except Exception as exc:  # noqa: BLE001 - reported
        problems.append(f"model_dump_json failed: {type(exc).__name__}: {exc}")
    return problems, spans


# ------------------------------------------------------------------ report


@dataclass
class Report:
    seed: int
    n: int
    jobs: int
    inputs: int = 0
    results: int = 0
    ok: int = 0
    events: int = 0
    spans: int = 0
    crashes: int = 0
    input_errors: Counter = field(default_factory=Counter)
    other_errors: int = 0
    refused_valid: int = 0
    accepted_invalid: int = 0
    bad_spans: int = 0
    bad_json: int = 0
    lost: int = 0
    out_of_place: int = 0
    batch_deaths: int = 0
    kinds: Counter = field(default_factory=Counter)
    kind_crashes: Counter = field(default_factory=Counter)
    findings: list[dict] = field(default_factory=list)
    batch_seconds: float = 0.0
    parent_rss_mb: float = 0.0
    worker_rss_mb: float = 0.0
    timed: int = 0
    slowest: dict | None = None
    median_us_per_char: float | None = None
    timing_seconds: float = 0.0
    timing_errors: int = 0
    single_max_us_per_char: float | None = None

    def finding(self, what: str, item: Input, detail: str, limit: int) -> None:
        if len(self.findings) < limit:
            self.findings.append({"what": what, "index": item.index, "kind": item.kind, "detail": detail[:2000],
                                  "record": describe(item.record)})


def describe(record: Any, cap: int = 600) -> Any:
    """A JSON-able, short description of a record (long texts cut, with their length)."""
    if not isinstance(record, dict):
        return repr(record)[:cap]
    out = {}
    for key, value in record.items():
        text = value if isinstance(value, str) else repr(value)
        if isinstance(value, str) and len(value) > cap:
            text = f"{value[:cap]!r}... ({len(value):,} chars)"
        elif isinstance(value, str):
            text = repr(value)
        out[key] = text
    return out


def mb(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss is in kB on Linux


# ------------------------------------------------------------------ run


def run_batch(gen: Generator, report: Report, jobs: int, limit: int) -> None:
    """The batch through ``extract_many``, checking each result as it comes."""
    from diplo_extract import Extractor

    extractor = Extractor()
    start = 0
    started = time.perf_counter()
    while start < gen.n:
        sent: deque[Input] = deque()  # inputs given to extract_many whose result has not come yet
        try:
            for result in extractor.extract_many(records(gen, start, sent, report), jobs=jobs, progress=True, total=gen.n - start):
                report.results += 1
                if not sent:
                    report.lost += 1  # a result for no input
                    continue
                item = sent.popleft()
                start = item.index + 1
                account(report, item, result, limit)
            report.lost += len(sent)  # inputs sent without a result
            break
        except Exception as exc:  # noqa: BLE001 - the batch died: reported, and the run goes on after it
            report.batch_deaths += 1
            head = sent[0] if sent else None
            if head is not None:  # its result never came: lost; the run goes on after it
                report.finding("batch died", head, traceback.format_exc(), limit)
                report.lost += 1
                report.inputs -= len(sent) - 1  # sent again by the next batch
                start = head.index + 1
            else:
                print(f"batch died with no record in flight: {exc!r}", file=sys.stderr)
                break
    report.batch_seconds = time.perf_counter() - started


def records(gen: Generator, first: int, sent: deque[Input], report: Report) -> Iterator[Any]:
    """The records from ``first`` on, each remembered in ``sent`` as it goes."""
    for i in range(first, gen.n):
        item = gen.make(i)
        sent.append(item)
        report.inputs += 1
        yield item.record


def account(report: Report, item: Input, result: Any, limit: int) -> None:
    report.kinds[item.kind] += 1
    rid = getattr(result, "id", None)
    refused_pair = (getattr(result, "error", None) or "").startswith("E028")  # written without its text
    if rid != item.expected_id or (isinstance(item.text, str) and getattr(result, "text", None) != item.text and not refused_pair):
        report.out_of_place += 1
        report.finding("out of place", item, f"result id {rid!r}, expected {item.expected_id!r}", limit)
    problems, spans = check_result(item, result)
    report.spans += spans
    json_problems = [p for p in problems if p.startswith("model_dump_json")]
    span_problems = [p for p in problems if not p.startswith("model_dump_json")]
    if span_problems:
        report.bad_spans += 1
        report.finding("bad spans", item, "; ".join(span_problems[:5]), limit)
    if json_problems:
        report.bad_json += 1
        report.finding("bad JSON", item, json_problems[0], limit)
    error = getattr(result, "error", None)
    if error is None:
        report.ok += 1
        report.events += len(result.events)
        if item.expect == "error":
            report.accepted_invalid += 1
            report.finding("accepted invalid", item, "no error", limit)
        return
    code = error[:4]
    if code in CRASH_CODES:
        report.crashes += 1
        report.kind_crashes[item.kind] += 1
        report.finding("crash", item, error, limit)
    elif code in INPUT_CODES:
        report.input_errors[code] += 1
        if item.expect == "ok":
            report.refused_valid += 1
            report.finding("refused valid", item, error, limit)
    else:
        report.other_errors += 1
        report.finding("other error", item, error, limit)


def run_timing(gen: Generator, report: Report, min_chars: int, retime: int) -> None:
    """Every string input of at least ``min_chars`` again, alone, in CPU time; then
    the ``retime`` slowest twice more, each keeping its best time (a single
    measurement on a shared machine catches pauses: GC, other processes)."""
    from tqdm import tqdm

    from diplo_extract import Extractor
    from diplo_extract.errors import InputError
    from diplo_extract.pipeline import parse_published

    extractor = Extractor()
    extractor.extract("Лавров провел переговоры с Ван И в Пекине.", "2024-04-10")  # load the models outside the timing
    extractor.extract("Lavrov met Blinken in Geneva.", "2024-04-10")

    def timed(item: Input) -> float | None:
        """Microseconds per character of one extraction (None if it raised)."""
        text, published = item.text, item.record.get("published")
        try:
            parse_published(published)
        except InputError:
            published = None  # refused up front in the batch: time the text alone
        t0 = time.process_time()
        try:
            extractor.extract(text, published)
        except Exception as exc:  # noqa: BLE001 - a crash is counted by the batch; here it is only not timed
            report.timing_errors += 1
            print(f"timing pass: input {item.index} raised {type(exc).__name__}: {exc}", file=sys.stderr)
            return None
        return (time.process_time() - t0) * 1e6 / len(text)

    rates: dict[int, float] = {}
    started = time.perf_counter()
    for item in tqdm((gen.make(i) for i in range(gen.n)), total=gen.n, unit="input", desc="timing"):
        if isinstance(item.text, str) and len(item.text) >= min_chars:
            rate = timed(item)
            if rate is not None:
                rates[item.index] = rate
    first = dict(rates)
    for index in sorted(rates, key=rates.get, reverse=True)[:retime]:
        for _ in range(2):
            rate = timed(gen.make(index))
            if rate is not None:
                rates[index] = min(rates[index], rate)
    if rates:
        index = max(rates, key=rates.get)
        item = gen.make(index)
        report.slowest = {"us_per_char": rates[index], "first_measure": first[index], "index": index, "kind": item.kind,
                          "chars": len(item.text), "seconds": rates[index] * len(item.text) / 1e6,
                          "published": repr(item.record.get("published")), "text": describe({"t": item.text})["t"]}
        report.single_max_us_per_char = max(first.values())
    report.timed = len(rates)
    report.median_us_per_char = statistics.median(rates.values()) if rates else None
    report.timing_seconds = time.perf_counter() - started


def commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def code_changes() -> str:
    """The files of ``src/`` and ``models/`` changed since the commit (the code measured is not only the commit's)."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "models"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    changed = [line[3:] for line in out.stdout.splitlines() if line.strip()]
    return "tree clean" if not changed else f"{len(changed)} file(s) of src/ and models/ changed since: " + ", ".join(changed[:8])


def markdown(report: Report, args: argparse.Namespace) -> str:
    errors = ", ".join(f"{code} {count:,}" for code, count in sorted(report.input_errors.items())) or "0"
    slow = report.slowest
    slowest = (f"{slow['us_per_char']:.1f} ({slow['kind']}, {slow['chars']:,} chars, {slow['seconds']:.2f} s; "
               f"single-shot max {report.single_max_us_per_char:.1f})" if slow else "—")
    median = f"{report.median_us_per_char:.1f}" if report.median_us_per_char is not None else "—"
    rows = [
        ("inputs", f"{report.inputs:,} (seed {report.seed}; {len(report.kinds)} kinds)"),
        ("results", f"{report.results:,} ({report.ok:,} extracted, {report.events:,} events, {report.spans:,} spans checked)"),
        ("crashes (E050/E051, batch deaths)", f"**{report.crashes + report.batch_deaths:,}**"),
        ("expected input errors", errors),
        ("other errors", f"{report.other_errors:,}"),
        ("refused valid / accepted invalid", f"{report.refused_valid:,} / {report.accepted_invalid:,}"),
        ("bad spans (or result text)", f"**{report.bad_spans:,}**"),
        ("JSON not read back to the text", f"**{report.bad_json:,}**"),
        ("lost or misplaced records", f"**{report.lost + report.out_of_place:,}**"),
        (f"slowest µs/char (≥ {args.min_chars:,} chars; best of 3 for the {args.retime} slowest)", slowest),
        (f"median µs/char (≥ {args.min_chars:,} chars, {report.timed:,} inputs)", median),
        ("peak RSS, parent / largest worker", f"{report.parent_rss_mb:,.0f} MB / {report.worker_rss_mb:,.0f} MB"),
        ("batch wall time", f"{report.batch_seconds / 60:.1f} min ({report.inputs / max(report.batch_seconds, 1e-9):.1f} inputs/s, {args.jobs} jobs)"),
    ]
    lines = ["| measure | value |", "|---|---:|", *(f"| {a} | {b} |" for a, b in rows)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="number of inputs (default 100000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of extract_many (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the inputs (default 0)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.add_argument("--big", type=int, default=7, help="how many huge inputs (1 MB words, 200k trigger runs; at most 7)")
    parser.add_argument("--min-chars", type=int, default=1000, help="inputs timed for µs/char have at least this many characters")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing pass")
    parser.add_argument("--retime", type=int, default=20, help="the slowest inputs timed twice more, keeping their best (default 20)")
    parser.add_argument("--findings", type=int, default=200, help="keep at most this many findings in the report")
    parser.add_argument("--show", type=int, metavar="I", help="print input I of the seed (as Python) and exit")
    args = parser.parse_args(argv)

    corpus = Corpus.load()
    gen = Generator(args.seed, args.n, corpus, args.big)
    if args.show is not None:
        item = gen.make(args.show)
        print(f"# input {item.index} of seed {args.seed}: kind {item.kind}, expect {item.expect}")
        shown = repr(item.record)
        print(f"record = {shown if len(shown) <= 20_000 else describe(item.record, cap=2000)}")
        return 0

    report = Report(seed=args.seed, n=args.n, jobs=args.jobs)
    started = _dt.datetime.now(_dt.timezone.utc)
    code = f"commit {commit()} ({code_changes()})"  # the code measured: as it is now
    print(f"fuzz: {args.n:,} inputs, seed {args.seed}, {args.jobs} jobs, {code}, "
          f"started {started:%Y-%m-%d %H:%M} UTC", file=sys.stderr, flush=True)
    run_batch(gen, report, args.jobs, args.findings)
    report.parent_rss_mb = mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    report.worker_rss_mb = mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"batch done in {report.batch_seconds / 60:.1f} min; timing pass...", file=sys.stderr, flush=True)
    if not args.no_timing:
        run_timing(gen, report, args.min_chars, args.retime)

    summary = markdown(report, args)
    print(f"\n`.venv/bin/python benchmarks/fuzz.py --n {args.n} --jobs {args.jobs} --seed {args.seed}`, "
          f"started {started:%Y-%m-%d %H:%M} UTC, {code}, Python {platform.python_version()}, "
          f"timing pass {report.timing_seconds / 60:.1f} min.\n")
    if f"commit {commit()} ({code_changes()})" != code:
        print(f"WARNING: the code changed during the run (now commit {commit()}, {code_changes()})\n")
    print(summary)
    print("\ninputs by kind (crashes): " + ", ".join(f"{k} {v:,} ({report.kind_crashes[k]})" for k, v in sorted(report.kinds.items())))
    if report.findings:
        print(f"\n{len(report.findings)} finding(s) (first 10; all in --out):")
        for f in report.findings[:10]:
            print(f"- {f['what']} at input {f['index']} ({f['kind']}): {f['detail'][:300]}\n  record: {str(f['record'])[:400]}")
    if args.out:
        data = {k: v for k, v in report.__dict__.items()}
        data["input_errors"] = dict(report.input_errors)
        data["kinds"] = dict(report.kinds)
        data["kind_crashes"] = dict(report.kind_crashes)
        data["code"] = code
        data["started"] = started.isoformat()
        data["markdown"] = summary
        args.out.write_text(json.dumps(data, ensure_ascii=True, indent=1, default=repr), encoding="utf-8")
    failed = report.crashes + report.batch_deaths + report.bad_spans + report.bad_json + report.lost + report.out_of_place
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
