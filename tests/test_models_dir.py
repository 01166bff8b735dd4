"""``Extractor(models_dir=...)``: another data folder of the same layout, validated."""
import shutil

import pytest

from diplo_extract import Extractor
from diplo_extract.errors import ResourceError
from paths import ROOT

TEXT = "Сергей Лавров и Ван И провели рандеву в Пекине 9 апреля 2024 года."


@pytest.fixture(scope="module")
def own_models(tmp_path_factory):  # noqa: ANN001, ANN201
    """The packaged models with one more Russian trigger word ("рандеву")."""
    folder = tmp_path_factory.mktemp("models") / "models"
    shutil.copytree(ROOT / "models", folder)
    triggers = folder / "triggers" / "ru.yaml"
    text = triggers.read_text(encoding="utf-8")
    text = text.replace("gate: [", "gate: [рандеву, ", 1).replace("triggers:\n", "triggers:\n  - {lemma: рандеву, type: meeting}\n", 1)
    triggers.write_text(text, encoding="utf-8")
    return folder


def test_a_users_lexicon_is_used(own_models) -> None:  # noqa: ANN001
    assert Extractor().extract(TEXT, "2024-04-10").events == []
    (meeting,) = Extractor(models_dir=own_models).extract(TEXT, "2024-04-10").events
    assert (meeting.type, meeting.mentions[0].text, meeting.location.name) == ("meeting", "рандеву", "Пекин")


def test_a_broken_data_file_names_itself(own_models, tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "models"
    shutil.copytree(own_models, broken)
    (broken / "actors" / "media.yaml").write_text("media:\n  - id: Bad Id\n    names: {ru: [x], en: [x]}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"media\.yaml"):
        Extractor(models_dir=broken)


def test_a_missing_folder_is_a_coded_error(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ResourceError, match=r"^E001 "):
        Extractor(models_dir=tmp_path / "nowhere")
