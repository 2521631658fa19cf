"""Cells as people type them: every yes/no word the README promises, in every column where it
means one thing; "N/A" left unanswered, never read as yes or no; the same date forms in a
roster and in the interview; and dates left as written in messages, TRNs masked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from senco_cli.dates import MONTH_NAMES, parse_date
from senco_cli.interview.answers import convert, problem_with
from senco_cli.interview.questions import questions
from senco_cli.profile.model import header_key
from senco_cli.roster.cells import ANSWER, ERROR, PLACES, cell_reading
from senco_cli.rules.load import load_rules
from senco_cli.text import mask_cell, mask_numbers

from conftest import ROOT, run_in_process

RULES = load_rules()
KNOWN = RULES.vocabulary()
README = (ROOT / "README.md").read_text(encoding="utf-8")
AS_OF = ("--as-of", "2026-11-28")


def readme_yes_no_words() -> list[str]:
    """The words the README says yes/no cells take ("yes/no/true/false/y/n/1/0")."""
    found = re.search(r"Cells are read as people type them: `([^`]+)` in any case", README)
    assert found, "the README's list of yes/no words has moved: point this test at it"
    return found.group(1).split("/")


YES_NO_WORDS = readme_yes_no_words()
YES_WORDS = [word for word in YES_NO_WORDS if word in ("yes", "true", "y", "1")]
CHOICE_COLUMNS = sorted(RULES.answers.choices)
BOOL_COLUMNS = sorted(column for column, (_, spec) in PLACES.items() if spec.kind == "bool")
# Every column of answers but the name, which is whatever it says.
ANSWER_COLUMNS = sorted(set(PLACES) - {"you.name"})
SPELLINGS = st.sampled_from(
    [str, str.upper, str.lower, str.title, lambda w: f"  {w} ", lambda w: f" {w.upper()}\t"]
)


def test_the_readme_lists_the_words_of_answers_toml() -> None:
    listed = {header_key(word) for word in (*RULES.answers.yes, *RULES.answers.no)}
    assert YES_NO_WORDS and {header_key(word) for word in YES_NO_WORDS} <= listed
    assert len(CHOICE_COLUMNS) >= 5 and "role.senco" in CHOICE_COLUMNS


def reading(column: str, text: str) -> tuple[object, ...]:
    """What a cell says: its kind, its value and its note (the column and header aside)."""
    kind, said, _, value, _, note, _ = cell_reading(column, "Header", text, KNOWN)
    return (kind, value, note) if kind == ANSWER else (kind, said if kind == ERROR else None)


@given(
    column=st.sampled_from(CHOICE_COLUMNS + BOOL_COLUMNS),
    word=st.sampled_from(YES_NO_WORDS),
    spell=SPELLINGS,
)
def test_every_yes_no_word_reads_as_yes_or_no_reads_in_its_column(
    column: str, word: str, spell: object
) -> None:
    """In a yes/no column the README's words are yes or no; in a choice column they read as
    that column's own "yes" or "no" (role.senco "y" is yes, NPQ "n" is none, NASENCO "Y" the
    cautious way "Yes" is read), in any case and with stray spaces; where "yes" means nothing
    (induction), "y" means nothing either."""
    assert callable(spell)
    plain = "yes" if word in YES_WORDS else "no"
    got = reading(column, spell(word))
    if column in BOOL_COLUMNS:
        assert got == (ANSWER, plain == "yes", None), (column, word)
    elif got[0] == ERROR:
        assert reading(column, plain)[0] == ERROR, (column, word)
    else:
        assert got == reading(column, plain), (column, word)
    if column == "role.senco":
        assert got == (ANSWER, plain, None)


@given(
    column=st.sampled_from(ANSWER_COLUMNS),
    word=st.sampled_from(["N/A", "n/a", "NA", "n.a.", "Not applicable"]),
    spell=SPELLINGS,
)
def test_n_a_is_never_read_as_yes_or_no(column: str, word: str, spell: object) -> None:
    """ "N/A" in any column of answers but the name (yes/no, choice, date, number, TRN,
    school type, cohort) is accepted and never guessed as yes or no: it is left unanswered
    with a note naming the column, or read the way the column's own entry in
    data/answers.toml says (with its note)."""
    assert callable(spell)
    kind, _, _, value, _, note, _ = cell_reading(column, "Column X", spell(word), KNOWN)
    assert kind == ANSWER and note, (column, word)
    assert value not in (True, False, "yes", "no"), (column, word, value)
    own = KNOWN.words.get(column, {}).get("na")
    if own is None:
        assert value is None and note.startswith('Column X "N/A"'), (column, note)
    else:
        assert (value, note) == own


def audit_csv(tmp_path: Path, header: str, *rows: str) -> tuple[list[dict[str, str]], str]:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = run_in_process("audit", str(path), *AS_OF, "--format", "csv")
    assert result.returncode in (0, 1), result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))), result.stderr


def test_senco_y_and_n_are_read_in_an_audit(tmp_path: Path) -> None:
    """The new user's roster: SENCO "y", "Y" and "n" were refused as not allowed."""
    rows, _ = audit_csv(
        tmp_path,
        "Name,TRN,QTS,SENCO,Date appointed SENCO,School type",
        "A,1234567,Yes,y,2025-09-01,academy",
        "B,1234568,Yes,Y,2025-09-01,academy",
        "C,1234569,Yes,n,,academy",
        "D,1234560,Yes,n/a,,academy",
    )
    assert [row["result.error"] for row in rows] == ["", "", "", ""]
    assert [row["result.deadline"] for row in rows[:2]] == ["2028-09-01", "2028-09-01"]
    assert "SENCO" not in rows[2]["result.note"]  # "n" answered it: no
    assert rows[3]["result.note"].startswith('SENCO "N/A": left unanswered')
    assert "Needs an answer for" in rows[3]["result.note"] and rows[3]["result.cant_tell"] == "yes"


# Dates: the forms the README and the interview promise, generated.

DATES = st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31))


def written(day: dt.date, form: str) -> str:
    month = MONTH_NAMES[day.month - 1]
    return {
        "iso": f"{day:%Y-%m-%d}",
        "uk": f"{day:%d/%m/%Y}",
        "uk_short": f"{day.day}/{day.month}/{day.year}",
        "words": f"{day.day} {month} {day.year}",
        "short_words": f"{day.day} {month[:3]} {day.year}",
        "excel": f"{day.day}-{month[:3]}-{day.year}",
        "excel_padded": f"{day:%d}-{month[:3]}-{day.year}",
        "excel_long": f"{day.day}-{month}-{day.year}",
    }[form]


FORMS = ("iso", "uk", "uk_short", "words", "short_words", "excel", "excel_padded", "excel_long")
DATE_QUESTION = next(q for q in questions(RULES) if q.key == "senco_since")


@given(day=DATES, form=st.sampled_from(FORMS), spell=SPELLINGS)
def test_every_date_form_reads_the_same_in_a_roster_and_the_interview(
    day: dt.date, form: str, spell: object
) -> None:
    assert callable(spell)
    text = spell(written(day, form))
    assert parse_date(text) == day
    assert reading("role.senco_since", text) == (ANSWER, day, None)
    assert convert(DATE_QUESTION, text) == day
    message = problem_with(DATE_QUESTION, text, dt.date(2101, 1, 1), {})
    assert message is None or "real date" not in message


TIMES = st.sampled_from(
    ["", " 00:00", " 10:30", " 00:00:00", "T08:00:00", " 23:59:59.5", " 9:05 am", " 4:30 PM"]
)


@given(day=DATES, form=st.sampled_from(FORMS), time=TIMES)
def test_a_date_with_a_time_of_day_is_read_as_its_date(day: dt.date, form: str, time: str) -> None:
    """A spreadsheet's date-and-time cell as CSV text ("09/01/2025 10:30") or a census
    export's ("2025-09-01 00:00:00") was refused as "not a date"."""
    text = written(day, form) + time
    assert parse_date(text) == day
    assert reading("role.senco_since", text) == (ANSWER, day, None)


@pytest.mark.parametrize("text", ["2025-09-01T", "01/09/2025 25", "01/09/2025 10", "1 Sep 2025 noon"])
def test_a_date_with_something_else_after_it_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_day_first_date_stays_day_first() -> None:
    """01/02/2025 is 1 February in England, in a roster and in the interview."""
    assert reading("role.senco_since", "01/02/2025") == (ANSWER, dt.date(2025, 2, 1), None)
    assert convert(DATE_QUESTION, "01/02/2025") == dt.date(2025, 2, 1)


def test_an_excel_date_is_read_in_an_audit(tmp_path: Path) -> None:
    """The new user's "1-Sep-2025" was refused, though the interview took "1 September 2025"."""
    rows, _ = audit_csv(
        tmp_path,
        "Name,TRN,QTS,SENCO,Date appointed SENCO,School type",
        "A,1234567,Yes,Yes,1-Sep-2025,academy",
        "B,1234568,Yes,Yes,1 September 2025,academy",
    )
    assert [(row["result.error"], row["result.deadline"]) for row in rows] == [("", "2028-09-01")] * 2


# Masking: a date is never masked, a TRN always.

SHAPES = (*FORMS, "slashes_iso", "us_words", "us_words_comma", "two_digit_year")
TRNS = st.sampled_from(["{0}", "{1} {2}", "{1}-{2}", "{3}/{4}", "{5} {6} {7}"])


def any_written(day: dt.date, form: str) -> str:
    """A date in a form senco reads, or one a person may type that it refuses."""
    month = MONTH_NAMES[day.month - 1]
    extra = {
        "slashes_iso": f"{day:%Y/%m/%d}",
        "us_words": f"{month[:3]} {day.day} {day.year}",
        "us_words_comma": f"{month} {day.day}, {day.year}",
        "two_digit_year": f"{day:%d/%m/%y}",
    }
    return extra[form] if form in extra else written(day, form)


@given(
    day=DATES,
    form=st.sampled_from(SHAPES),
    before=st.text('ab :"(,', max_size=6),
    after=st.text('ab :"),.', max_size=6),
    trn=st.integers(1_000_000, 9_999_999),
    trn_form=TRNS,
)
def test_dates_in_messages_are_left_as_written_and_trns_masked(
    day: dt.date, form: str, before: str, after: str, trn: int, trn_form: str
) -> None:
    date = any_written(day, form)
    digits = str(trn)
    typed = trn_form.format(
        digits, digits[:3], digits[3:], digits[:2], digits[2:], digits[:2], digits[2:5], digits[5:]
    )
    message = f'row 12: "{before}{date}{after}" is not a date; TRN {typed}.'
    for mask in (mask_numbers, mask_cell):
        shown = mask(message)
        assert f"{before}{date}{after}" in shown, (mask.__name__, message, shown)
        assert digits[-5:] not in re.sub(r"\D", "", shown.split("TRN")[1]), (message, shown)
        assert shown.endswith(f"TRN ****{digits[-3:]}.")


@pytest.mark.parametrize("cell", ["2025/09/01", "Sep 1 2025", "31/09/2025"])
def test_a_bad_date_is_shown_as_written(tmp_path: Path, cell: str) -> None:
    """It was shown as "****901" and "Sep ****025"."""
    rows, _ = audit_csv(tmp_path, "Name,TRN,SENCO,Date appointed SENCO", f"A,1234567,Yes,{cell}")
    assert f'"{cell}" is not a date' in rows[0]["result.error"]


@given(column=st.integers(0, 16_383), row=st.integers(1, 1_048_576))
def test_a_cell_address_in_a_message_is_left_as_written(column: int, row: int) -> None:
    """senco names a far cell (XFD1048576) in its warnings and errors: an address, not a TRN."""
    from senco_cli.roster.workbook_bounds import column_letters

    address = f"{column_letters(column)}{row}"
    message = f'left out cells beyond the table on sheet "Staff", the first at {address}: delete it.'
    assert mask_numbers(message) == message and mask_cell(message) == message
    refused = f'sheet "Staff" reaches cell {address}: 1,048,576 rows by 20 columns is more than senco reads.'
    assert mask_numbers(refused) == refused


@given(column=st.integers(0, 16_383), row=st.integers(1_000_000, 1_048_576))
def test_digits_after_capitals_elsewhere_are_masked(column: int, row: int) -> None:
    """Only where senco names a cell is "JO1000001" an address: in a name, a cell or a note
    it could be a TRN after someone's initials, and is masked."""
    from senco_cli.roster.workbook_bounds import column_letters

    typed = f"{column_letters(column)}{row}"
    for text in (typed, f"Name: {typed}", f"{typed} (moved school)"):
        assert str(row) not in mask_numbers(text) and str(row)[-3:] in mask_numbers(text), text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("TRN1234567", "TRN****567"), ("RP99/12345", "RP****345"), ("AB1234567", "AB****567")],
)
def test_a_trn_after_letters_is_still_masked(typed: str, shown: str) -> None:
    assert mask_numbers(f"TRN: {typed}.") == f"TRN: {shown}."
