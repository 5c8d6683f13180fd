"""Every Dutch string has an English translation: no empty and no fuzzy msgstr in the .po file
(a fuzzy one is a guess by msgmerge that Django does not use, and usually a wrong one)."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

PO_FILE = Path(__file__).resolve().parents[2] / "koppeling/locale/en/LC_MESSAGES/django.po"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # msgid, msgid_plural, msgstr, msgstr[0]...

    @property
    def problem(self) -> str:
        if "fuzzy" in self.flags:
            return "fuzzy"
        if any(not text for key, text in self.texts.items() if key.startswith("msgstr")):
            return "empty"
        return ""


def entries(text: str) -> list[Entry]:
    """The active entries of a .po file (obsolete `#~` ones are skipped), header excluded."""
    found, entry, key = [], None, ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is None or entry.texts:  # a comment starts the next entry
                entry = Entry(number)
                found.append(entry)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            entry.texts[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        if key in ("msgctxt", "msgid") and (entry is None or "msgid" in entry.texts):
            entry = Entry(number)
            found.append(entry)
        entry.texts[key] = ast.literal_eval(value)
    return [entry for entry in found if entry.texts.get("msgid")]


def test_the_parser_finds_empty_and_fuzzy_entries():
    sample = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#: a.py:1\nmsgid "Opslaan"\nmsgstr "Save"\n\n'
              '#: a.py:2\n#, fuzzy\nmsgid "Webhooks instellen"\nmsgstr "More settings"\n\n'
              'msgid "Verbinden"\nmsgstr ""\n\n#~ msgid "Oud"\n#~ msgstr ""\n')
    assert [(e.texts["msgid"], e.problem) for e in entries(sample)] == [
        ("Opslaan", ""), ("Webhooks instellen", "fuzzy"), ("Verbinden", "empty")]


def test_every_msgstr_is_filled_in_and_not_fuzzy():
    found = entries(PO_FILE.read_text(encoding="utf-8"))
    problems = [f"line {e.line}: {e.problem}: {e.texts['msgid'][:70]!r}" for e in found if e.problem]
    assert len(found) > 100
    assert not problems, "untranslated strings in django.po:\n" + "\n".join(problems)
