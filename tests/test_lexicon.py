"""Lexicons of framing phrases (analysis/lexicon.py): the built-in TOML file, users' TOML and .txt files.

Expected values are read off analysis/data/lexicon.toml and CONTRACT.md ("phrases") by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.framing.lexicon import DEFAULT_LEXICON, Formula, Lexicon, Phrase, load_lexicon
from analysis.text.vietnamese import fold

GROUPS = {"relationship formula", "relationship quality", "policy slogan", "mechanism", "cooperation field"}
FORMULA = ("hữu nghị vĩ đại", "đoàn kết đặc biệt", "hợp tác toàn diện", "gắn kết chiến lược")


@pytest.fixture(scope="module")
def builtin() -> Lexicon:
    return load_lexicon()


# --------------------------------------------------------------------------- the built-in lexicon


def test_builtin_loads_with_30_phrases(builtin):
    assert isinstance(builtin, Lexicon)
    assert len(builtin) == 30
    assert load_lexicon(DEFAULT_LEXICON) == builtin
    assert [p.phrase for p in builtin][:4] == list(FORMULA)
    assert [p.phrase for p in builtin][-1] == "kết nối"


def test_every_entry_has_phrase_gloss_and_group(builtin):
    for p in builtin:
        assert isinstance(p, Phrase)
        assert p.phrase.strip() == p.phrase and p.phrase, p
        assert isinstance(p.gloss, str) and p.gloss.strip(), p
        assert p.group in GROUPS, p
        assert p.forms[0] == p.phrase


@pytest.mark.parametrize(
    "phrase, gloss, group",
    [
        ("gắn kết chiến lược", "strategic cohesion", "relationship formula"),
        ("nòng cốt", "core, backbone (of political relations)", "relationship quality"),
        ("Thỏa thuận cấp cao", "High-Level Agreement", "mechanism"),
        ("kết nối", "connectivity", "cooperation field"),
        ("từ sớm từ xa", "early and from afar (pre-emptive defence)", "policy slogan"),
    ],
)
def test_gloss_and_group(builtin, phrase, gloss, group):
    assert builtin.gloss(phrase) == gloss
    assert builtin.group_of(phrase) == group


def test_group_sizes(builtin):
    # lexicon.toml: 4 formula parts, 8 qualities, 10 slogans, 2 mechanisms, 6 fields
    sizes = {g: sum(p.group == g for p in builtin) for g in GROUPS}
    assert sizes == {
        "relationship formula": 4,
        "relationship quality": 8,
        "policy slogan": 10,
        "mechanism": 2,
        "cooperation field": 6,
    }


def test_unknown_phrase_has_no_gloss(builtin):
    assert builtin.gloss("không có") == "" and builtin.group_of("không có") == ""


@pytest.mark.parametrize(
    "phrase, variants",
    [
        ("thực chất, hiệu quả", ("thực chất và hiệu quả",)),
        ("động lực mới", ("xung lực mới",)),
        ("từ sớm từ xa", ("từ sớm, từ xa",)),
        ("giáo dục, đào tạo", ("giáo dục - đào tạo",)),
        ("gắn kết chiến lược", ()),
    ],
)
def test_variants(builtin, phrase, variants):
    entry = next(p for p in builtin if p.phrase == phrase)
    assert entry.variants == variants
    assert entry.forms == (phrase, *variants)


def test_formula_parts_are_phrases(builtin):
    assert len(builtin.formulas) == 1
    formula = builtin.formulas[0]
    assert isinstance(formula, Formula)
    assert formula.parts == FORMULA
    assert "2025" in formula.note
    phrases = {p.phrase for p in builtin}
    for part in formula.parts:
        assert part in phrases
        assert builtin.group_of(part) == "relationship formula"


def test_no_two_forms_fold_alike(builtin):
    keys = [fold(form) for p in builtin for form in p.forms]
    assert len(keys) == len(set(keys))


# --------------------------------------------------------------------------- users' lexicons


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_txt_lexicon(tmp_path):
    path = write(
        tmp_path,
        "mine.txt",
        "# framing phrases\n\ngắn kết chiến lược\n  # indented comment\nThoả thuận cấp cao\n\n\nnòng cốt\n",
    )
    lex = load_lexicon(path)
    assert [p.phrase for p in lex] == ["gắn kết chiến lược", "Thoả thuận cấp cao", "nòng cốt"]
    assert all(p.gloss == "" and p.group == "" and p.variants == () for p in lex)
    assert lex.formulas == ()


def test_txt_lexicon_with_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffnòng cốt\r\ntrụ cột\r\n".encode("utf-8"))
    assert [p.phrase for p in load_lexicon(path)] == ["nòng cốt", "trụ cột"]


def test_user_toml_lexicon(tmp_path):
    path = write(
        tmp_path,
        "mine.toml",
        """
[[formula]]
name = "pair"
parts = ["hòa bình", "hợp tác"]

[[phrase]]
phrase = "hòa bình"
gloss = "peace"
group = "value"
variants = ["hoà bình ổn định"]

[[phrase]]
phrase = "hợp tác"
""",
    )
    lex = load_lexicon(path)
    assert [(p.phrase, p.gloss, p.group, p.variants) for p in lex] == [
        ("hòa bình", "peace", "value", ("hoà bình ổn định",)),
        ("hợp tác", "", "", ()),
    ]
    assert lex.formulas[0].name == "pair" and lex.formulas[0].parts == ("hòa bình", "hợp tác")


# --------------------------------------------------------------------------- bad lexicons


BAD = [
    ("dup.toml", '[[phrase]]\nphrase = "nòng cốt"\n\n[[phrase]]\nphrase = "nòng cốt"\n'),
    # the same phrase once tones are placed and case folded
    ("dup_tone.toml", '[[phrase]]\nphrase = "Thỏa thuận cấp cao"\n\n[[phrase]]\nphrase = "thoả thuận cấp cao"\n'),
    (
        "dup_variant.toml",
        '[[phrase]]\nphrase = "động lực mới"\nvariants = ["xung lực mới"]\n\n[[phrase]]\nphrase = "xung lực mới"\n',
    ),
    ("invalid.toml", '[[phrase]\nphrase = "nòng cốt"\n'),
    ("unclosed.toml", '[[phrase]]\nphrase = "nòng cốt\n'),
    ("empty.toml", ""),
    ("no_phrase.toml", '[[phrase]]\ngloss = "no phrase here"\n'),
    ("no_syllable.toml", '[[phrase]]\nphrase = " - , "\n'),
    (
        "bad_formula.toml",
        '[[formula]]\nname = "f"\nparts = ["nòng cốt", "trụ cột"]\n\n[[phrase]]\nphrase = "nòng cốt"\n',
    ),
    ("dup.txt", "nòng cốt\ntrụ cột\nNÒNG CỐT\n"),
    ("empty.txt", ""),
    ("comments.txt", "# only a comment\n\n   \n# and another\n"),
]


@pytest.mark.parametrize("name, text", BAD, ids=[name for name, _ in BAD])
def test_bad_lexicon_is_input_error(tmp_path, name, text):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        load_lexicon(path)
    assert info.value.where == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_undecodable_txt_is_input_error(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("nòng cốt\n".encode() + b"\xff\xfe\n")
    with pytest.raises(InputError):
        load_lexicon(path)


@pytest.mark.parametrize("name", ["missing.toml", "missing.txt"])
def test_missing_lexicon_is_input_error(tmp_path, name):
    with pytest.raises(InputError) as info:
        load_lexicon(tmp_path / name)
    assert info.value.where == str(tmp_path / name)


def test_folder_is_not_a_lexicon(tmp_path):
    with pytest.raises(InputError):
        load_lexicon(tmp_path)


# A [[phrase]] that is fine, for the entries below to be the only fault of their file.
_GOOD = '[[phrase]]\nphrase = "nòng cốt"\n\n'
BAD_FIELDS = [
    ("formula-without-name", '[[formula]]\nparts = ["nòng cốt"]\n', "[[formula]] number 1", "'name'"),
    ("formula-without-parts", '[[formula]]\nname = "f"\n', "[[formula]] number 1", "'parts'"),
    ("formula-parts-a-string", '[[formula]]\nname = "f"\nparts = "nòng cốt"\n', "[[formula]] number 1", "'parts'"),
    ("formula-name-a-number", '[[formula]]\nname = 3\nparts = ["nòng cốt"]\n', "[[formula]] number 1", "'name'"),
    ("variants-numbers", '[[phrase]]\nphrase = "trụ cột"\nvariants = [1, 2]\n', "[[phrase]] number 2", "'variants'"),
    (
        "variants-a-string",
        '[[phrase]]\nphrase = "trụ cột"\nvariants = "cột trụ"\n',
        "[[phrase]] number 2",
        "'variants'",
    ),
    ("gloss-a-list", '[[phrase]]\nphrase = "trụ cột"\ngloss = ["pillar"]\n', "[[phrase]] number 2", "'gloss'"),
    ("phrase-a-table", 'phrase = "trụ cột"\n', "", "'phrase'"),
    ("formula-a-table", '[formula]\nname = "f"\n', "", "'formula'"),
]


@pytest.mark.parametrize("text, entry, field", [b[1:] for b in BAD_FIELDS], ids=[b[0] for b in BAD_FIELDS])
def test_toml_entries_with_missing_or_mistyped_fields_are_input_errors(tmp_path, text, entry, field):
    path = write(tmp_path, "mine.toml", text if text.startswith("phrase =") else _GOOD + text)
    with pytest.raises(InputError) as info:
        load_lexicon(path)
    assert info.value.where == str(path)
    assert entry in info.value.message and field in info.value.message


def test_undecodable_txt_names_the_byte_at_its_offset_in_the_file(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"\xef\xbb\xbfn\xc3\xb2ng c\xff\n")  # BOM (3 bytes) + "nòng c" (7 bytes): 0xff at 10
    with pytest.raises(InputError) as info:
        load_lexicon(path)
    assert "0xff at offset 10" in info.value.message
