"""`# 待更新` notes of an import survive the UI's saves and a restart, above the item they concern,
until the writer changes that item."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.importing import import_file
from drafter.spec import load_spec
from drafter.tui.draft import Draft
from drafter.tui.oldspeech import NOTE_MARK, OldSpeech, anchored_notes, notes_in, speech_label, update_lines

from conftest import SEED_000, SEED_004

TODAY = dt.date(2026, 11, 29)


def _old(path) -> OldSpeech:
    (imp,) = import_file(path, today=TODAY)
    return OldSpeech(imp.data, imp.data["outline"], speech_label(imp.data, 0), update_lines(imp.notes),
                     anchored_notes(imp.data, imp.notes))


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith(NOTE_MARK)]


def _imported_draft(path, tmp_path) -> tuple[Draft, OldSpeech]:
    speech = _old(path)
    draft = Draft.from_data(speech.data, tmp_path / "d.yaml")
    draft.update_notes = list(speech.notes)
    draft.dirty = True
    draft.save()
    return draft, speech


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=["000", "004"])
def test_notes_are_written_on_save_and_survive_a_reopen(seed, tmp_path):
    draft, speech = _imported_draft(seed, tmp_path)
    saved = draft.path.read_text(encoding="utf-8")
    assert len(_comments(saved)) >= 3 and set(_comments(saved)) <= {NOTE_MARK + n.text for n in speech.notes}
    load_spec(draft.path)  # still a spec that loads
    reopened = Draft.open(draft.path)
    assert [n.text for n in reopened.update_notes] == [n.text for n in notes_in(saved)]
    assert not reopened.has_comments  # no "comments will be lost" warning for its own notes
    reopened.save(force=True)
    assert draft.path.read_text(encoding="utf-8") == saved


def test_a_note_follows_its_item_and_goes_when_the_item_is_changed(tmp_path):
    draft, _ = _imported_draft(SEED_004, tmp_path)
    notes = list(Draft.open(draft.path).update_notes)
    target = next(n for n in notes if len(n.path) == 4 and n.path[0] == "sections" and n.path[2] == "paragraphs")
    # a new point in front: every note on a section moves down one with its item
    reopened = Draft.open(draft.path)
    reopened.data["sections"].insert(0, {"heading": "新增的要点", "paragraphs": ["新写的一段。"], "children": []})
    reopened.dirty = True
    reopened.save()
    moved = Draft.open(draft.path).update_notes
    assert [n.text for n in moved] == [n.text for n in notes]
    assert [n.path[1] for n in moved if n.path[0] == "sections"] == \
        [n.path[1] + 1 for n in notes if n.path[0] == "sections"]
    # the writer rewrites the paragraph a note was about: that note is done, the others stay
    edited = Draft.open(draft.path)
    edited.data["sections"][target.path[1] + 1]["paragraphs"][target.path[3]] = "改写后的新内容。"
    edited.dirty = True
    edited.save()
    left = [n.text for n in Draft.open(draft.path).update_notes]
    expected = [n.text for n in notes]
    expected.remove(target.text)
    assert left == expected


def test_other_comments_still_warn_and_notes_in_a_broken_file_are_ignored(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("# 我的批注\noutline: work-meeting\nfacts: {}\nsections: []\n", encoding="utf-8")
    assert Draft.open(p).has_comments
    assert notes_in("outline: [\n# 待更新：x\n") == []
