"""The Chinese catalogue is complete, not fuzzy, and its compiled .mo matches the .po."""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LC_MESSAGES = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return repr(self.msgid if self.msgctxt is None else f"{self.msgctxt}|{self.msgid}")


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: entries with flags, msgctxt, msgid(_plural) and msgstr(s); obsolete ones skipped."""
    entries: list[Entry] = []
    cur: Entry | None = None
    key: str | None = None

    def flush():
        nonlocal cur, key
        if cur is not None and key is not None:
            entries.append(cur)
        cur, key = None, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if cur is None:
            cur = Entry()
        if line.startswith("#,"):
            cur.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        m = _KEYWORD.match(line)
        if m:
            key = m.group(1)
            _append(cur, key, ast.literal_eval(m.group(2)), new=True)
        elif line.startswith('"') and key is not None:
            _append(cur, key, ast.literal_eval(line), new=False)
        else:
            raise AssertionError(f"{path}: cannot read line {raw!r}")
    flush()
    return entries


def _append(entry: Entry, key: str, value: str, new: bool) -> None:
    if key.startswith("msgstr"):
        entry.msgstr[key] = ("" if new else entry.msgstr.get(key, "")) + value
    elif key == "msgid_plural":
        entry.msgid_plural = ("" if new else entry.msgid_plural or "") + value
    elif key == "msgctxt":
        entry.msgctxt = ("" if new else entry.msgctxt or "") + value
    else:
        entry.msgid = ("" if new else entry.msgid) + value


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run makemessages -l zh_Hans"
    parsed = [e for e in parse_po(PO_PATH) if e.msgid]  # the header has an empty msgid
    assert parsed, f"{PO_PATH} holds no entries"
    return parsed


def test_header_declares_chinese_and_one_plural_form():
    header = next(e for e in parse_po(PO_PATH) if e.msgid == "" and e.msgctxt is None)
    text = header.msgstr["msgstr"]
    assert "Language: zh_Hans" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=1; plural=0;" in text
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"


def test_every_entry_is_translated(entries):
    empty = [e.label for e in entries if not e.msgstr or any(not v for v in e.msgstr.values())]
    assert not empty, f"{len(empty)} msgid(s) without a Chinese translation in {PO_PATH.name}: " + ", ".join(empty)


def test_no_entry_is_fuzzy(entries):
    fuzzy = [e.label for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entr(y/ies) in {PO_PATH.name}; review and remove the flag: " + ", ".join(
        fuzzy
    )


def test_plural_entries_use_one_form(entries):
    wrong = [e.label for e in entries if e.msgid_plural is not None and set(e.msgstr) != {"msgstr[0]"}]
    assert not wrong, "Chinese has one plural form; keep msgstr[0] only: " + ", ".join(wrong)


def test_placeholders_are_kept(entries):
    wrong = []
    for e in entries:
        expected = sorted(_PLACEHOLDER.findall(e.msgid))
        for value in e.msgstr.values():
            if value and sorted(_PLACEHOLDER.findall(value)) != expected:
                wrong.append(f"{e.label} -> {value!r}")
    assert not wrong, "placeholders differ between msgid and msgstr: " + "; ".join(wrong)


def test_compiled_catalogue_matches_the_po(entries):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run compilemessages"
    with MO_PATH.open("rb") as fp:
        mo = gettext.GNUTranslations(fp)
    stale = []
    for e in entries:
        if e.msgid_plural is not None:
            want = e.msgstr.get("msgstr[0]", "")
            got = (
                mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1)
                if e.msgctxt is not None
                else mo.ngettext(e.msgid, e.msgid_plural, 1)
            )
        else:
            want = e.msgstr.get("msgstr", "")
            got = mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else mo.gettext(e.msgid)
        if got != want:
            stale.append(e.label)
    assert not stale, (
        f"{MO_PATH.name} is older than {PO_PATH.name} for {len(stale)} msgid(s); run compilemessages: "
        + ", ".join(stale)
    )


def test_django_serves_chinese():
    with translation.override("zh-hans"):
        assert translation.gettext("Organizations") == "团组织"
        assert translation.gettext("Branch") == "团支部"
        assert translation.ngettext("%(total)s record", "%(total)s records", 3) % {"total": 3} == "共3条记录"


_TEMPLATE_LITERAL = re.compile(
    r'\{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)+)"|\'((?:[^\'\\]|\\.)+)\')\s*(?:noop\s*)?(?:as\s+\w+\s*)?%\}'
)


def test_every_literal_template_string_has_its_chinese():
    """What a template translates is in the catalogue under the key Django looks up: a literal with "%" is
    looked up with "%%" (as makemessages writes it), so an entry typed with a single "%" is never found."""
    from django.utils.translation import gettext

    templates = Path(__file__).resolve().parents[2]
    missing = []
    with translation.override("zh-hans"):
        for path in sorted(templates.glob("**/templates/**/*.html")):
            for double, single in _TEMPLATE_LITERAL.findall(path.read_text(encoding="utf-8")):
                literal = double or single
                if not re.search(r"[A-Za-z]{2}", literal):
                    continue
                if gettext(literal.replace("%", "%%")).replace("%%", "%") == literal:
                    missing.append(f"{path.relative_to(templates)}: {literal[:60]}")
    assert missing == []
