"""User actor files (``Extractor(actor_files=...)``, ``--actors``): a user's
office-holder takes over the office from their start date, unknown state and
organization codes are refused, and every invalid field is a one-line coded error
naming the file, the entry and the field. The README's own example is run as written."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from diplo_extract import Extractor, ResourceError, cli
from diplo_extract.actors.kb import ActorKB
from paths import ROOT

PETROVSKY = """
persons:
  - id: ivan_petrovsky
    ru: {first: Иван, last: Петровский}
    en: {first: Ivan, last: Petrovsky}
    offices:
      - {role: foreign_minister, party: MDA, start: 2030-01-01}
"""


def _write(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------ the README example
def _readme_actors_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Actors\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.DOTALL)


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory):  # noqa: ANN001, ANN201
    """The README's actor file written under the name it gives, and its Python block
    run there as pasted: ``(namespace, printed lines, expected lines)``."""
    section = _readme_actors_section()
    (yaml_block,) = [b for b in _blocks(section, "yaml") if b.startswith("# ")]
    (code,) = [b for b in _blocks(section, "python") if "actor_files" in b]
    folder = tmp_path_factory.mktemp("readme")
    _write(folder, yaml_block, yaml_block.splitlines()[0].removeprefix("# ").strip())
    namespace: dict = {}
    out = io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out):
        exec(compile(code, "README.md#actors", "exec"), namespace)  # noqa: S102 - the README's own code
    expected = [line.removeprefix("# ") for line in code.splitlines() if line.startswith("# ")]
    return namespace, out.getvalue().splitlines(), expected


def test_readme_example_prints_what_the_readme_says(readme_run) -> None:  # noqa: ANN001
    _, printed, expected = readme_run
    assert expected, "the README's example should show its output as '# ' lines"
    assert printed == expected


# (text, published, expected role holder's KB key): the user's minister from 2030-01-01,
# the packaged holder (Mihai Popșoi, open-ended term from 2024) before it
README_ROLE_CASES = [
    ("Глава МИД Молдавии прибыл в Москву.", "2031-03-01", "person:ivan_petrovsky"),
    ("Moldova's Foreign Minister held talks with Sergei Lavrov in Moscow.", "2031-03-01", "person:ivan_petrovsky"),
    ("Глава МИД Молдавии провел переговоры с Сергеем Лавровым в Москве.", "2030-01-01", "person:ivan_petrovsky"),
    # negatives: before the user's start date the packaged holder stays
    ("Глава МИД Молдавии прибыл в Москву.", "2025-03-01", "person:mihai_popsoi"),
    ("Moldova's Foreign Minister held talks with Sergei Lavrov in Moscow.", "2025-03-01", "person:mihai_popsoi"),
    ("Глава МИД Молдавии провел переговоры с Сергеем Лавровым в Москве.", "2029-12-31", "person:mihai_popsoi"),
    # another state's minister is not taken over
    ("Глава МИД Белоруссии провел переговоры с Сергеем Лавровым в Москве.", "2031-03-01", "person:maxim_ryzhenkov"),
]


@pytest.mark.parametrize("text,published,key", README_ROLE_CASES)
def test_readme_actor_file_takes_over_the_office(readme_run, text, published, key) -> None:  # noqa: ANN001
    ex = readme_run[0]["ex"]
    (event,) = ex.extract(text, published=published).events
    assert [p.kb for p in event.role_holders] == [key]


# ------------------------------------------------------------------ take-over
# (user file, role, party, day, expected holder's id)
TAKE_OVER_CASES = [
    (PETROVSKY, "foreign_minister", "MDA", "2031-06-01", "ivan_petrovsky"),
    (PETROVSKY, "foreign_minister", "MDA", "2030-01-01", "ivan_petrovsky"),
    (PETROVSKY, "foreign_minister", "MDA", "2029-12-31", "mihai_popsoi"),
    (PETROVSKY, "foreign_minister", "MDA", "2022-01-01", "nicu_popescu"),
    # other offices and other parties are untouched
    (PETROVSKY, "head_of_state", "MDA", "2031-06-01", "maia_sandu"),
    (PETROVSKY, "foreign_minister", "BLR", "2031-06-01", "maxim_ryzhenkov"),
    # a user term with an end: the packaged open-ended term still ends when it starts
    (PETROVSKY.replace("2030-01-01}", "2030-01-01, end: 2030-12-31}"), "foreign_minister", "MDA", "2030-06-01", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01}", "2030-01-01, end: 2030-12-31}"), "foreign_minister", "MDA", "2031-06-01", None),
    # a user's term that started earlier wins on the days it covers
    (PETROVSKY.replace("2030-01-01", "2024-06-01"), "foreign_minister", "MDA", "2025-03-01", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01", "2024-06-01"), "foreign_minister", "MDA", "2024-03-01", "mihai_popsoi"),
    # a user's head of government of Russia takes over from Mishustin
    (PETROVSKY.replace("foreign_minister, party: MDA", "head_of_government, party: RUS"), "head_of_government", "RUS", "2031-06-01", "ivan_petrovsky"),
    (PETROVSKY.replace("foreign_minister, party: MDA", "head_of_government, party: RUS"), "head_of_government", "RUS", "2025-06-01", "mikhail_mishustin"),
]


@pytest.mark.parametrize("text,role,party,day,expect", TAKE_OVER_CASES)
def test_a_user_office_holder_takes_over_from_the_start_date(tmp_path, text, role, party, day, expect) -> None:
    kb = ActorKB.load([_write(tmp_path, text)])
    person = kb.holder(role, party, dt.date.fromisoformat(day))
    assert (person.id if person else None) == expect


def test_the_packaged_term_ends_the_day_before_the_user_term(tmp_path) -> None:
    kb = ActorKB.load([_write(tmp_path, PETROVSKY)])
    ends = [o.end for o in kb.persons["mihai_popsoi"].offices if o.role == "foreign_minister"]
    assert ends == [dt.date(2029, 12, 31)]
    assert kb.party_of("person:mihai_popsoi", dt.date(2025, 1, 1)) == "MDA"


def test_without_user_files_the_packaged_terms_stay_open() -> None:
    kb = ActorKB.load()
    assert [o.end for o in kb.persons["mihai_popsoi"].offices] == [None]
    assert kb.holder("foreign_minister", "MDA", dt.date(2031, 6, 1)).id == "mihai_popsoi"


@pytest.mark.parametrize(
    "role,party,packaged",
    [
        ("deputy_foreign_minister", "RUS", "alexander_grushko"),  # many deputies at once
        ("other", "RUS", "dmitry_peskov"),  # "other" is not one office
    ],
)
def test_offices_held_by_many_are_not_taken_over(tmp_path, role, party, packaged) -> None:
    text = PETROVSKY.replace("foreign_minister, party: MDA", f"{role}, party: {party}")
    kb = ActorKB.load([_write(tmp_path, text)])
    assert [o.end for o in kb.persons[packaged].offices if o.role == role] == [None]


# ------------------------------------------------------------- unknown codes
# (user file, field, entry, code): the error names the file too
UNKNOWN_CODE_CASES = [
    (PETROVSKY.replace("party: MDA", "party: XYZ"), "persons.0.offices.0.party", "ivan_petrovsky", "'XYZ'"),
    (PETROVSKY.replace("party: MDA", "party: Nato"), "persons.0.offices.0.party", "ivan_petrovsky", "'Nato'"),
    (PETROVSKY.replace("party: MDA", "party: MLD"), "persons.0.offices.0.party", "ivan_petrovsky", "'MLD'"),
    (PETROVSKY + "      - {role: other, party: QQ, start: 2031-01-01}\n", "persons.0.offices.1.party", "ivan_petrovsky", "'QQ'"),
    ("bodies:\n  - id: my_mfa\n    state: QQQ\n    names: {ru: [Мое МИД], en: [My Ministry]}\n", "bodies.0.state", "my_mfa", "'QQQ'"),
    # an organization is not a state a body can stand for
    ("bodies:\n  - id: my_mfa\n    state: CIS\n    names: {ru: [Мое МИД], en: [My Ministry]}\n", "bodies.0.state", "my_mfa", "'CIS'"),
]


@pytest.mark.parametrize("text,field,entry,code", UNKNOWN_CODE_CASES)
def test_an_unknown_code_names_file_and_entry(tmp_path, text, field, entry, code) -> None:
    with pytest.raises(ResourceError) as caught:
        ActorKB.load([_write(tmp_path, text)])
    message = str(caught.value)
    assert message.startswith("E012 ") and "\n" not in message, message
    for part in ("mine.yaml", field, entry, code):
        assert part in message, f"{part!r} not in {message!r}"


# negatives: codes that are known (packaged, guide organizations, or added by a user file)
KNOWN_CODE_CASES = [
    PETROVSKY,
    PETROVSKY.replace("foreign_minister, party: MDA", "secretary_general, party: CSTO"),
    PETROVSKY.replace("party: MDA", "party: ZZZ") + "states:\n  - code: ZZZ\n    names: {ru: [Зед], en: [Zed]}\n",
    PETROVSKY.replace("party: MDA", "party: MYORG") + "organizations:\n  - code: MYORG\n    names: {ru: [Моя организация], en: [My Organization]}\n",
    "bodies:\n  - id: my_mfa\n    state: MDA\n    names: {ru: [Мое МИД], en: [My Ministry]}\n",
]


@pytest.mark.parametrize("text", KNOWN_CODE_CASES)
def test_known_codes_are_accepted(tmp_path, text) -> None:
    ActorKB.load([_write(tmp_path, text)])


def test_a_code_from_another_user_file_is_known(tmp_path) -> None:
    states = _write(tmp_path, "states:\n  - code: ZZZ\n    names: {ru: [Зед], en: [Zed]}\n", "states.yaml")
    person = _write(tmp_path, PETROVSKY.replace("party: MDA", "party: ZZZ"))
    assert ActorKB.load([states, person]).holder("foreign_minister", "ZZZ", dt.date(2031, 1, 1)).id == "ivan_petrovsky"


# ------------------------------------------------------------ invalid fields
# (user file, error code, field, entry)
INVALID_CASES = [
    (PETROVSKY.replace("2030-01-01", "2030-13-01"), "E010", "persons.0.offices.0.start", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01", "2030-02-30"), "E010", "persons.0.offices.0.start", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01}", "2030-01-01, end: 2030-00-10}"), "E010", "persons.0.offices.0.end", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01", "2030-1-5"), "E010", "persons.0.offices.0.start", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01", "soon"), "E010", "persons.0.offices.0.start", "ivan_petrovsky"),
    (PETROVSKY.replace("2030-01-01}", "2030-01-01, end: 2029-01-01}"), "E010", "persons.0.offices.0", "ivan_petrovsky"),
    (PETROVSKY.replace("foreign_minister", "chief_of_everything"), "E010", "persons.0.offices.0.role", "ivan_petrovsky"),
    (PETROVSKY.replace("start:", "begin:"), "E010", "persons.0.offices.0.begin", "ivan_petrovsky"),
    (PETROVSKY.replace("id: ivan_petrovsky", "id: Ivan Petrovsky"), "E010", "persons.0.id", "Ivan Petrovsky"),
    (PETROVSKY.replace("id: ivan_petrovsky", "name: ivan_petrovsky"), "E010", "persons.0.id", "persons[0]"),
    (PETROVSKY.replace("last: Petrovsky", "last: 2030-01-01"), "E010", "persons.0.en.last", "ivan_petrovsky"),
    ("states:\n  - code: ZZZZ\n    names: {ru: [Зед], en: [Zed]}\n", "E010", "states.0.code", "ZZZZ"),
    ("states:\n  - code: ZZZ\n    names: {ru: ['  '], en: [Zed]}\n", "E010", "states.0.names.ru", "ZZZ"),
    ("persons: nobody\n", "E010", "persons", "persons"),
    ("- just\n- a list\n", "E010", "(top level)", "(whole file)"),
    ("persons: [\n", "E011", "line 2", "mine.yaml"),
]


@pytest.mark.parametrize("text,code,field,entry", INVALID_CASES)
def test_an_invalid_field_is_one_coded_line_naming_file_entry_field(tmp_path, text, code, field, entry) -> None:
    with pytest.raises(ResourceError) as caught:
        ActorKB.load([_write(tmp_path, text)])
    message = str(caught.value)
    assert message.startswith(f"{code} ") and "\n" not in message, message
    for part in ("mine.yaml", field, entry):
        assert part in message, f"{part!r} not in {message!r}"


# negatives: valid files and valid dates in any YAML form load
VALID_CASES = [
    PETROVSKY,
    PETROVSKY.replace("2030-01-01", "2030-01-05"),
    PETROVSKY.replace("2030-01-01", "'2030-01-05'"),
    PETROVSKY.replace("2030-01-01}", "2030-01-01, end: null}"),
    PETROVSKY.replace("2030-01-01}", "2030-01-01, end: 2030-01-01}"),
    PETROVSKY.replace("last: Petrovsky", "last: 'No'"),
    "",
]


@pytest.mark.parametrize("text", VALID_CASES)
def test_valid_files_load(tmp_path, text) -> None:
    kb = ActorKB.load([_write(tmp_path, text)])
    assert len(kb.persons) >= 100


def test_a_valid_date_keeps_its_value(tmp_path) -> None:
    for written in ("2030-01-05", "'2030-01-05'"):
        kb = ActorKB.load([_write(tmp_path, PETROVSKY.replace("2030-01-01", written))])
        assert kb.persons["ivan_petrovsky"].offices[0].start == dt.date(2030, 1, 5)


def test_extractor_raises_the_coded_error_without_a_raw_cause(tmp_path) -> None:
    path = _write(tmp_path, PETROVSKY.replace("2030-01-01", "2030-13-01"))
    with pytest.raises(ResourceError, match=r"^E010 .*mine\.yaml.*persons\.0\.offices\.0\.start.*ivan_petrovsky") as caught:
        Extractor(actor_files=[path])
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize(
    "text,code",
    [
        (PETROVSKY.replace("2030-01-01", "2030-13-01"), "E010"),
        (PETROVSKY.replace("party: MDA", "party: XYZ"), "E012"),
    ],
)
def test_cli_prints_one_line_and_exits_2(tmp_path, capsys, text, code) -> None:  # noqa: ANN001
    article = tmp_path / "article.txt"
    article.write_text("Глава МИД Молдавии прибыл в Москву.", encoding="utf-8")
    assert cli.main(["extract", str(article), "--actors", str(_write(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"diplo-extract: error: {code} ") and err.count("\n") == 1, err
    assert "mine.yaml" in err and "ivan_petrovsky" in err and "Traceback" not in err
