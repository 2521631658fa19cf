"""The rules grow by data: five edits to a copy of data/, each working with no code change
and with the right words."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.interview.questions import questions
from senco_cli.rules.load import load_rules
from senco_cli.rules.vocab import LAW_VALUES, NOTICE_CODES, NPQ_VALUES, SENTENCE_CODES, STEP_CODES

from conftest import EXAMPLES, ROOT, SHIPPED_RULES, run_senco

runner = CliRunner()

PERSON = """format = 1
[you]
name = "Edit Test"
has_trn = true
[qualifications]
qts = true
induction = "passed"
degree = true
gcse_english_maths = true
[senco_training]
npq = "none"
npq_funded_before = false
nasenco = "none"
[role]
senco = "yes"
senco_since = 2025-09-01
previous_senco_months = 0
head_teacher = false
teaches_at_school = true
[school]
setting = "academy"
in_england = true
supports_npq = true
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(SHIPPED_RULES, copy, ignore=shutil.ignore_patterns("examples"))
    return copy


def append(folder: Path, name: str, text: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write("\n" + text)


def replace(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def recipe_files(recipe: str) -> set[str]:
    """The files README's "Where things go" table names for one change."""
    readme = (SHIPPED_RULES.parent / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith(f"| {recipe} |")]
    return set(re.findall(r"`((?:data|senco_cli)/[^`]+)`", row))


def edited_files(copy: Path) -> set[str]:
    """The files of a copy of data/ that differ from the shipped ones, as data/NAME."""
    return {
        f"data/{path.relative_to(copy).as_posix()}"
        for path in copy.rglob("*")
        if path.is_file()
        and (
            not (SHIPPED_RULES / path.relative_to(copy)).exists()
            or (SHIPPED_RULES / path.relative_to(copy)).read_bytes() != path.read_bytes()
        )
    }


def check(data: Path, tmp_path: Path, profile: str = PERSON, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    path = tmp_path / "me.toml"
    path.write_text(profile, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--profile", str(path), "--format", "json", *args], env={"SENCO_DATA_DIR": str(data)}
    )
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_a_new_spring_cohort(data: Path, tmp_path: Path) -> None:
    append(
        data,
        "npq.toml",
        '[[cohorts]]\nid = "2028-spring"\nlabel = "Spring 2028"\nstarts = 2028-04-01\nfunding = "funded"\n'
        'policy = "publicly_funded"\nfrom = 2027-12-01\nsources = ["npq_funding_guidance"]\n',
    )
    _, report = check(data, tmp_path, PERSON, "--as-of", "2028-01-10")
    assert report["funding"]["cohort"] == "2028-spring" and report["funding"]["status"] == "funded"
    words = json.dumps(report)
    assert "Spring 2028" in words and "Autumn registration" not in words
    costs = runner.invoke(
        app, ["costs", "--format", "json", "--cohort", "2028-spring"], env={"SENCO_DATA_DIR": str(data)}
    )
    assert costs.exit_code == 0 and "2028-spring" in {c["id"] for c in json.loads(costs.stdout)["cohorts"]}
    assert edited_files(data) == {"data/npq.toml"} <= recipe_files("a new cohort")


def test_a_new_statutory_setting(data: Path, tmp_path: Path) -> None:
    append(
        data,
        "settings.toml",
        '[settings.city_academy]\nlabel = "City academy"\nhelp = "A new kind of mainstream school."\n'
        'statutory = true\nstatutory_from = 2027-01-01\ninduction = "required"\ndfe_names = ["school"]\n'
        'from = 2027-01-01\nsources = ["cfa_s67"]\n',
    )
    replace(
        data,
        "npq.toml",
        'settings = ["maintained", "academy",',
        'settings = ["maintained", "city_academy", "academy",',
    )
    _, report = check(data, tmp_path, PERSON.replace('"academy"', '"city_academy"'), "--as-of", "2027-06-01")
    assert report["statutory"] is True and report["funding"]["status"] in ("funded", "unknown")
    rules = load_rules(data)
    head = next(q for q in questions(rules) if q.key == "head_teacher")
    assert head.when({"setting": "city_academy"})  # the questions for a statutory setting are asked
    roster = tmp_path / "roster.csv"
    roster.write_text("you.name,school.setting,qualifications.qts\nA,City_Academy,yes\n", encoding="utf-8")
    audit = runner.invoke(app, ["audit", str(roster), "--format", "json"], env={"SENCO_DATA_DIR": str(data)})
    assert audit.exit_code == 1 and json.loads(audit.stdout)["summary"]["invalid"] == 0
    assert edited_files(data) == {"data/settings.toml", "data/npq.toml"} <= recipe_files("a new setting")


def test_the_where_things_go_table_names_real_files() -> None:
    recipes = (
        "a new cohort",
        "a new setting",
        "a change of wording",
        "a new sentence",
        "a new question",
        "a new output format",
        "a new command",
    )
    for recipe in recipes:
        files = recipe_files(recipe)
        assert files, recipe
        for name in files:
            path = SHIPPED_RULES.parent / name
            assert path.parent.is_dir() if "NAME" in name else path.exists(), f"{recipe}: {name}"


def test_a_route_needing_another_answer(data: Path, tmp_path: Path) -> None:
    append(
        data,
        "routes.toml",
        '[[routes]]\nid = "primary_pgce"\npayer = "you_with_loan"\nlabel = "Primary PGCE"\nmonths_min = 9\n'
        "months_max = 12\nfrom = 2014-09-01\nrequires = { degree = true, gcse_science = true }\n"
        'sources = ["cptshn_itt_faq"]\n',
    )
    no_qts = PERSON.replace("qts = true", "qts = false").replace('induction = "passed"\n', "")
    _, with_science = check(
        data, tmp_path, no_qts.replace("degree = true", "degree = true\ngcse_science = true")
    )
    _, without = check(data, tmp_path, no_qts.replace("degree = true", "degree = true\ngcse_science = false"))
    assert "primary_pgce" in {r["id"] for r in with_science["routes"]}
    assert "primary_pgce" not in {r["id"] for r in without["routes"]}


def test_a_dated_price_change(data: Path, tmp_path: Path) -> None:
    append(
        data,
        "costs.toml",
        '[[npq_senco]]\nlabel = "NPQ for SENCOs without DfE funding (new price)"\ngbp = 1400\nfrom = 2027-09-01\n'
        'sources = ["redkite_npq_price"]\n',
    )
    profile = PERSON.replace("npq_funded_before = false", "npq_funded_before = true")  # pays the price
    prices = {}
    for day in ("2027-08-31", "2027-09-01"):
        _, report = check(data, tmp_path, profile, "--as-of", day)
        prices[day] = next(i["max_gbp"] for i in report["costs"]["items"] if i["id"] == "npq_senco")
    assert prices == {"2027-08-31": 1518, "2027-09-01": 1400}  # 1,518: the 2026 range, VAT included


def test_a_four_year_duty(data: Path, tmp_path: Path) -> None:
    replace(data, "law.toml", "years = 3", "years = 4")
    _, report = check(data, tmp_path, PERSON, "--as-of", "2026-11-28")
    assert report["deadline"]["date"] == "2029-09-01"
    assert report["deadline"]["basis"].startswith("Fourth anniversary")
    words = json.dumps(report)
    assert "hird anniversary" not in words and "3-year" not in words and "3 years" not in words
    rules = load_rules(data)
    senco = next(q for q in questions(rules) if q.key == "senco")
    assert "4-year" in senco.choices[0].help


def test_words_come_from_the_catalogue(data: Path, tmp_path: Path) -> None:
    replace(
        data,
        "wording.toml",
        'title = "Take the NPQ for SENCOs"\ndetail = "Register',
        'title = "Sign up for the NPQ for SENCOs"\ndetail = "Register',
    )
    _, report = check(data, tmp_path)
    step = next(s for s in report["steps"] if s["id"] == "senco_qualification")
    assert (step["title"], step["code"]) == ("Sign up for the NPQ for SENCOs", "npq_take")


def test_a_misspelt_placeholder_is_refused_when_loading(data: Path) -> None:
    from senco_cli.errors import InputError

    replace(data, "wording.toml", "{body} membership counts", "{bdy} membership counts")
    with pytest.raises(InputError, match=r"steps.qtls_current.detail: names unknown placeholder\(s\) bdy"):
        load_rules(data)


def test_a_change_of_wording_is_a_data_edit(data: Path, tmp_path: Path) -> None:
    """The plan's words come from data/wording.toml: a milestone's label edited there is the
    label in every format, and no other file changes."""
    replace(
        data,
        "wording.toml",
        'text = "Statutory deadline: hold the SENCO qualification"',
        'text = "Last day to hold the SENCO qualification"',
    )
    profile = tmp_path / "me.toml"
    profile.write_text(PERSON, encoding="utf-8")
    for output in ("json", "text", "markdown"):
        result = runner.invoke(
            app,
            ["plan", "--profile", str(profile), "--format", output, "--as-of", "2026-11-28"],
            env={"SENCO_DATA_DIR": str(data), "COLUMNS": "200"},
        )
        assert "Last day to hold the SENCO qualification" in result.stdout, output
        assert "Statutory deadline: hold" not in result.stdout, output
    assert edited_files(data) == {"data/wording.toml"} == recipe_files("a change of wording")


def test_every_code_in_the_catalogue_is_used() -> None:
    """Each code data/wording.toml has words for is named somewhere in the code, beside the
    list that declares it (rules/vocab.py)."""
    source = "".join(
        path.read_text(encoding="utf-8")
        for path in (SHIPPED_RULES.parent / "senco_cli").rglob("*.py")
        if path.name != "vocab.py"
    )
    rules = load_rules(SHIPPED_RULES)
    codes = [*rules.wording, *rules.notices, *rules.sentences]
    unused = [code for code in codes if f'"{code}"' not in source]
    assert unused == []


@pytest.mark.parametrize(
    ("command", "values"),
    [
        (
            "costs",
            ["--setting", "academy", "maintained_nursery", "--route", "pgce", "--cohort", "2026-autumn"],
        ),
        ("audit", ["--cohort", "2027-autumn", "csv"]),
        ("check", ["text, json, markdown or html", "Example: senco check"]),
        ("plan", ["ics", "Example: senco plan"]),
    ],
)
def test_help_lists_the_allowed_values(command: str, values: list[str]) -> None:
    help_text = " ".join(runner.invoke(app, [command, "--help"], terminal_width=200).stdout.split())
    for value in values:
        assert value in help_text, value


def test_a_new_cohort_appears_in_costs_help(data: Path) -> None:
    append(
        data,
        "npq.toml",
        '[[cohorts]]\nid = "2028-autumn"\nlabel = "Autumn 2028"\nstarts = 2028-11-01\nfunding = "not_announced"\n'
        'from = 2027-11-01\nsources = ["npq_funding_guidance"]\n',
    )
    result = runner.invoke(app, ["costs", "--help"], env={"SENCO_DATA_DIR": str(data)}, terminal_width=200)
    assert "2028-autumn" in result.stdout


def test_option_values_ignore_case() -> None:
    result = runner.invoke(
        app, ["costs", "--setting", "Academy", "--cohort", "2026-AUTUMN", "--format", "JSON"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["cohorts"]


def test_a_broken_placeholder_is_refused_when_loading(data: Path) -> None:
    from senco_cli.errors import InputError

    replace(data, "wording.toml", "{body} membership counts", "{body membership counts")
    with pytest.raises(InputError, match=r"steps.qtls_current.detail: has a broken placeholder"):
        load_rules(data)


def rewrite(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit a rules file as data: read it, change it, write it back as TOML."""
    import tomllib

    import tomli_w

    path = folder / f"{name}.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    change(table)
    path.write_text(tomli_w.dumps(table), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "change", "line"),
    [
        (
            "wording",
            lambda t: t["steps"].pop("npq_take"),
            "senco: error: data/wording.toml: steps.npq_take: is missing: each decision code needs its "
            "words (a title and a detail).",
        ),
        (
            "law",
            lambda t: t["three_year_duty"].pop("years"),
            "senco: error: data/law.toml: three_year_duty.years: is required but missing.",
        ),
    ],
    ids=["a missing wording entry", "the duty without years"],
)
def test_an_edited_rules_folder_is_refused_when_loaded(
    data: Path, name: str, change: Callable[[dict[str, Any]], None], line: str
) -> None:
    rewrite(data, name, change)
    result = run_senco(
        "check", "--profile", str(EXAMPLES / "new-senco.toml"), env={"SENCO_DATA_DIR": str(data)}
    )
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [line], "")


# Every code senco gives words for: a checklist step's, a notice's and a sentence's.
WORDING_CODES = [
    (table, code)
    for table, codes in (("steps", STEP_CODES), ("notices", NOTICE_CODES), ("sentences", SENTENCE_CODES))
    for code in sorted(codes)
]


@pytest.mark.parametrize(("table", "code"), WORDING_CODES)
def test_every_code_needs_its_words(data: Path, table: str, code: str) -> None:
    from senco_cli.errors import InputError

    rewrite(data, "wording", lambda words: words[table].pop(code))
    with pytest.raises(InputError) as refused:
        load_rules(data)
    assert (refused.value.file, refused.value.path) == ("data/wording.toml", f"{table}.{code}")
    assert refused.value.message.startswith("is missing: ")


@pytest.mark.parametrize("table", ["notices", "sentences"])
def test_words_for_a_notice_or_sentence_senco_never_gives_are_refused(data: Path, table: str) -> None:
    from senco_cli.errors import InputError

    code = WORDING_CODES[[t for t, _ in WORDING_CODES].index(table)][1]
    rewrite(data, "wording", lambda words: words[table].update({code + "s": words[table][code]}))
    with pytest.raises(InputError, match=f'is not a code senco gives. Did you mean "{code}"') as refused:
        load_rules(data)
    assert refused.value.path == f"{table}.{code}s"


def test_words_for_a_code_senco_never_decides_are_refused(data: Path) -> None:
    from senco_cli.errors import InputError

    rewrite(data, "wording", lambda t: t["steps"].update(npq_tkae=t["steps"]["npq_take"]))
    with pytest.raises(InputError, match='is not a decision code senco makes. Did you mean "npq_take"'):
        load_rules(data)


REQUIRED_VALUES = [
    (file, entry, key)
    for file, shapes in (("law", LAW_VALUES), ("npq", NPQ_VALUES))
    for entry, values in shapes.items()
    for key, spec in values.items()
    if spec.required
]


@pytest.mark.parametrize(("file", "entry", "key"), REQUIRED_VALUES)
def test_each_law_entry_keeps_the_values_its_shape_declares(
    data: Path, file: str, entry: str, key: str
) -> None:
    from senco_cli.errors import InputError

    rewrite(data, file, lambda table: table[entry].pop(key))
    with pytest.raises(InputError) as refused:
        load_rules(data)
    assert (refused.value.file, refused.value.path) == (f"data/{file}.toml", f"{entry}.{key}")


def test_a_value_a_law_entry_does_not_declare_is_refused(data: Path) -> None:
    from senco_cli.errors import InputError

    rewrite(data, "law", lambda table: table["trn"].update(years=3))
    with pytest.raises(InputError, match="unknown key"):
        load_rules(data)


def test_an_unknown_funding_code_is_refused(data: Path) -> None:
    from senco_cli.errors import InputError

    def misspell(table: dict[str, Any]) -> None:
        table["policies"]["publicly_funded"]["rules"][0]["reason_code"] = "ELIGBLE_SETTING"

    rewrite(data, "npq", misspell)
    with pytest.raises(InputError, match='Did you mean "ELIGIBLE_SETTING"'):
        load_rules(data)


def test_every_law_value_the_code_reads_is_declared() -> None:
    """A `.number("x")` or `.date("x")` on a law entry reads a value some shape declares, of
    that kind (so the shape's check at load covers it)."""
    declared = {
        (key, spec.kind)
        for shapes in (LAW_VALUES, NPQ_VALUES)
        for v in shapes.values()
        for key, spec in v.items()
    }
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "senco_cli").rglob("*.py"))
    read = {(key, "int") for key in re.findall(r'\.number\(\s*"(\w+)"\s*\)', source)}
    read |= {(key, "date") for key in re.findall(r'\.date\(\s*"(\w+)"\s*\)', source)}
    assert read and read <= declared, read - declared
