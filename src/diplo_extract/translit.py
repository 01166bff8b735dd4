"""Cyrillic-to-Latin transliteration for comparing names across scripts.

The scheme is a simplified BGN/PCGN romanization, close to the spellings used by
English-language news (``Лукашенко`` -> ``lukashenko``, ``Рыженков`` ->
``ryzhenkov``, ``Дмитрий`` -> ``dmitry``). It is lossy on purpose and always
case-folds: its only job is to put Russian, Belarusian and Ukrainian spellings
of a name within fuzzy-matching distance of their English spellings.

:func:`to_latin` maps letters. :func:`normalize_name` builds a comparison key:
it also strips punctuation and diacritics and folds a few spelling variants of
Latin text (``Sergey``/``Sergei``, ``Alexei``/``Aleksei``,
``Zelenskiy``/``Zelenskyy``/``Zelensky``), so both sides of a comparison meet
in one form. The keys are for comparison only, never for display.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["to_latin", "normalize_name", "fold_variants"]

_LETTERS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian and Belarusian letters
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
}
# Letters read differently in a Ukrainian word (one holding і, ї, є or ґ); a
# word-initial є/ї keeps "ye"/"yi" (see _latin_word).
_UKRAINIAN_LETTERS: dict[str, str] = {
    **_LETTERS, "и": "y", "г": "h", "ї": "i", "є": "ie",
}
_UKRAINIAN_MARKERS = frozenset("іїєґ")

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_ADJECTIVE_ENDING = re.compile(r"[иы]й$")  # Дмитрий -> dmitry, Белый -> bely
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NOT_ALNUM = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

# Ordered (pattern, replacement) rules applied to Latin text by fold_variants.
_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"x"), "ks"),  # Alexei -> Aleksei
    # Zelensky, Zelenskiy, Zelenskyy -> zelenski; Yury -> yuri; Dmitriy -> dmitri
    (re.compile(r"(?<=[b-df-hj-np-tv-z])[iy]{1,2}\b"), "i"),
    (re.compile(r"(?<=[aeou])y(?![aeiouy])"), "i"),  # Sergey -> Sergei
)


def _latin_word(word: str) -> str:
    """Transliterate one lower-case Cyrillic word.

    >>> _latin_word("дмитрий"), _latin_word("київ"), _latin_word("ігор")
    ('dmitry', 'kyiv', 'ihor')
    >>> _latin_word("їжак"), _latin_word("європа"), _latin_word("україна")
    ('yizhak', 'yevropa', 'ukraina')
    """
    if not _UKRAINIAN_MARKERS & set(word):
        word = _ADJECTIVE_ENDING.sub("y", word)
        return "".join(_LETTERS.get(ch, ch) for ch in word)
    head = _LETTERS.get(word[0], word[0]) if word[0] in "єї" else ""
    rest = word[1:] if head else word
    return head + "".join(_UKRAINIAN_LETTERS.get(ch, ch) for ch in rest)


def to_latin(s: str) -> str:
    """Transliterate the Cyrillic letters of ``s`` to Latin and case-fold it.

    Other characters are kept (case-folded). ``й`` and ``ы`` give ``y``; a final
    ``-ий``/``-ый`` gives ``-y``; ``ь`` and ``ъ`` are dropped. In a word holding
    a Ukrainian letter (``і ї є ґ``), ``и`` gives ``y`` and ``г`` gives ``h``.

    >>> to_latin("Сергей Лавров")
    'sergey lavrov'
    >>> to_latin("Лукашенко"), to_latin("Рыженков"), to_latin("Минск")
    ('lukashenko', 'ryzhenkov', 'minsk')
    >>> to_latin("Максим Владимирович Рыженков")
    'maksim vladimirovich ryzhenkov'
    >>> to_latin("Шойгу"), to_latin("Глазьев"), to_latin("Щёкино")
    ('shoygu', 'glazev', 'shchekino')
    >>> to_latin("Лукашэнка, Магілёў"), to_latin("Київ")
    ('lukashenka, mahileu', 'kyiv')
    >>> to_latin("Moscow / Москва")
    'moscow / moskva'
    >>> to_latin("")
    ''
    """
    text = unicodedata.normalize("NFC", s).casefold()
    return _CYRILLIC_WORD.sub(lambda m: _latin_word(m.group()), text)


def fold_variants(s: str) -> str:
    """Fold common variant spellings of romanized names into one form.

    ``s`` should already be lower-case Latin (as :func:`to_latin` gives).

    >>> fold_variants("sergey"), fold_variants("sergei"), fold_variants("makey")
    ('sergei', 'sergei', 'makei')
    >>> fold_variants("alexei"), fold_variants("zelenskyy"), fold_variants("dmitrii")
    ('aleksei', 'zelenski', 'dmitri')
    >>> fold_variants("yury"), fold_variants("yuri"), fold_variants("dmitriy")
    ('yuri', 'yuri', 'dmitri')
    >>> fold_variants("maya"), fold_variants("lavrov")
    ('maya', 'lavrov')
    """
    for pattern, replacement in _VARIANT_RULES:
        s = pattern.sub(replacement, s)
    return s


def _strip_marks(s: str) -> str:
    """Drop combining diacritics (after transliteration, so ``й`` survives).

    >>> _strip_marks("šefčovič")
    'sefcovic'
    """
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(s: str) -> str:
    """Build the comparison key of a name or place name.

    Case-folds, maps ``ё`` to ``е``, transliterates, strips diacritics, removes
    apostrophes, turns other punctuation into spaces, collapses spaces and
    folds spelling variants (:func:`fold_variants`).

    >>> normalize_name("  Сергей   Лавров! ")
    'sergei lavrov'
    >>> normalize_name("Sergey Lavrov") == normalize_name("Sergei LAVROV")
    True
    >>> normalize_name("Алексей Оверчук") == normalize_name("Alexei Overchuk")
    True
    >>> normalize_name("Санкт-Петербург"), normalize_name("Горбачёв")
    ('sankt peterburg', 'gorbachev')
    >>> normalize_name("Maroš Šefčovič"), normalize_name("O'Neill")
    ('maros sefcovic', 'oneill')
    >>> normalize_name("Зеленский") == normalize_name("Zelenskyy")
    True
    """
    text = unicodedata.normalize("NFC", s).casefold().replace("ё", "е")
    text = _APOSTROPHES.sub("", _strip_marks(to_latin(text)))
    text = _SPACES.sub(" ", _NOT_ALNUM.sub(" ", text)).strip()
    return fold_variants(text)
