"""Each audit row's word (in breach, overdue, at risk, ...) and the summary's counts come from
one place (RowResult.state and AuditResult.summary): every format says the same; the rows
are in the situations' order of precedence; and the counts are of the rows judged."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from workbooks import read_workbook

from senco_cli.audit.ordered import OrderedRows
from senco_cli.audit.person import STATES, RowResult
from senco_cli.audit.rows import AuditResult, row_state
from senco_cli.audit.schools import school_key
from senco_cli.dates import add_months
from senco_cli.logic.situation import SITUATIONS

from conftest import AUDIT_AS_OF, run_in_process

FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = ("--as-of", "2026-11-30")  # the day of the new user's trial
HEADER = (
    "Name,School,URN,Has TRN,TRN,QTS,Induction,NPQ,NPQ funded before,NASENCO,SENCO,Date appointed SENCO,"
    "Previous SENCO months,Head teacher,Teaches at school,School type,In England,School supports NPQ"
)
# People in each situation, as on 28 November 2026 (after the new user's roster): {n} is the
# person's number, {school} and {urn} their school's.
KINDS = {
    "in breach": "{name},{school},{urn},No,,No,,Not started,No,No,Yes,01/01/2026,0,No,Yes,academy,Yes,Yes",
    "overdue": "{name},{school},{urn},Yes,{trn},Yes,Passed,Not started,No,No,Yes,2022-09-01,0,No,Yes,academy,Yes,Yes",
    "at risk": "{name},{school},{urn},Yes,{trn},Yes,Passed,Not started,No,No,Yes,01/09/2025,0,No,Yes,academy,Yes,Yes",
    "can't tell": "{name},{school},{urn},Yes,{trn},No,,Not started,No,No,No,,0,No,Yes,academy,Yes,Yes",
    "needs correcting": "{name},{school},{urn},Yes,{trn},maybe,Passed,Not started,No,No,Yes,2022-09-01,0,No,Yes,"
    "academy,Yes,Yes",
    "not ready": "{name},{school},{urn},Yes,{trn},Yes,In progress,Not started,No,No,No,,0,No,Yes,maintained,Yes,Yes",
    "ready": "{name},{school},{urn},Yes,{trn},Yes,Passed,Passed,No,No,No,,0,No,Yes,academy,Yes,Yes",
    "not required": "{name},{school},{urn},Yes,{trn},Yes,Passed,Not started,No,No,Yes,1-Sep-2023,0,No,Yes,special,"
    "Yes,Yes",
}
SCHOOLS = (("Oak", "100001"), ("Elm", "100002"), ("Ash", "100003"))
RANK = {word: rank for rank, (word, _) in enumerate(STATES)}


def write_roster(folder: Path, people: list[tuple[str, int]]) -> Path:
    lines = [HEADER]
    for number, (kind, school) in enumerate(people):
        name, urn = SCHOOLS[school]
        lines.append(
            KINDS[kind].format(name=f"Pat Doe{number}", school=name, urn=urn, trn=f"{7_100_000 + number}")
        )
    path = folder / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    result = run_in_process("audit", str(path), *args)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def words_in_text(out: str) -> dict[str, str]:
    found = re.findall(r"^[✘✔!] (in breach|overdue|at risk|needs correcting|can't tell|not ready|ready) +"
                       r"(\S[^\n]*?)  ", out, re.M)  # fmt: skip
    return {name: word for word, name in found}


def words_in_markdown(out: str) -> dict[str, str]:
    found = re.findall(r"^\| \d+ \| [✘✔!] ([^|]+?) \| ([^|]+?) \|", out, re.M)
    return {name: word for word, name in found}


def words_in_html(out: str) -> dict[str, str]:
    found = re.findall(
        r'<td data-label="Result"><strong class="tag tag--\w+"><span aria-hidden="true">.</span> ([^<]+)'
        r'</strong></td>\s*<td data-label="Name">([^<]+)</td>',
        out,
    )
    return {html.unescape(name): html.unescape(word) for word, name in found}


def words_in_xlsx(path: Path, folder: Path) -> dict[str, str]:
    out = folder / "results.xlsx"
    run(path, "--format", "xlsx", "--output", str(out), "--force", *AUDIT_AS_OF)
    header, *rows = read_workbook(out)["Staff"]
    return {row[header.index("Name")]: row[header.index("Result")] for row in rows}


# The words each count of the summary is said with, in the text and Markdown summaries.
COUNT_WORDS = {
    "lines": r"data lines?",
    "rows": r"(?:person|people)",
    "assessed": "assessed",
    "ready": r"ready",
    "not_ready": "not ready",
    "invalid": "to correct",
    "in_breach": "in breach",
    "overdue": "overdue",
    "at_risk": "at risk",
    "cant_tell": "can't tell",
    "due_within_6_months": "due within 6 months",
    "schools": r"schools?",
    "schools_meeting_reg49": "with a SENCO who meets regulation 49",
}


def says_every_count(summary: dict[str, object], said: str) -> None:
    said = " ".join(said.split())
    for key, words in COUNT_WORDS.items():
        count = summary[key]
        if count:
            assert re.search(rf"(?<![\d(]){count} {words}", said) or re.search(rf"\({count} {words}", said), (
                key,
                count,
                said,
            )
    for counts in (summary["funding"], summary["cohorts"]):
        assert isinstance(counts, dict)
        for key in counts:
            assert key.replace("_", " ").split()[0] in said, (key, said)


people = st.lists(
    st.tuples(st.sampled_from(sorted(KINDS)), st.integers(0, len(SCHOOLS) - 1)), min_size=1, max_size=8
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=people)
def test_every_format_says_each_rows_word_and_every_count(
    people: list[tuple[str, int]], tmp_path: Path
) -> None:
    path = write_roster(tmp_path, people)
    data = json.loads(run(path, "--format", "json", *AUDIT_AS_OF))
    text = run(path, "--no-color", *AUDIT_AS_OF)
    markdown = run(path, "--format", "markdown", *AUDIT_AS_OF)
    page = run(path, "--format", "html", *AUDIT_AS_OF)
    names = {f"Pat Doe{number}" for number in range(len(people))}
    by_text = words_in_text(text)
    assert set(by_text) == names
    assert words_in_markdown(markdown) == by_text
    assert words_in_html(page) == by_text
    assert words_in_xlsx(path, tmp_path) == by_text
    # Each person's word is their situation's (the word for an in-breach person is "in breach").
    for row in data["rows"]:
        word = by_text[row["name"]]
        if row["situation"] == "in_breach":
            assert word == "in breach"
        elif row["status"] == "invalid":
            assert word == "needs correcting"
            line = next(line for line in markdown.splitlines() if f"| {row['name']} |" in line)
            assert "overdue" not in line  # flagged, not judged
        elif row["situation"] in ("overdue", "at_risk"):
            assert word == row["situation"].replace("_", " ")
        elif row["situation"] in ("cant_tell", "on_track"):
            # The situation's word, as check says it: a step to check on an on-track row
            # (a cant_tell flag) does not make the row "can't tell".
            assert word == ("can't tell" if row["situation"] == "cant_tell" else "not ready")
    summary = data["summary"]
    head = text.split("\n\n")[0]
    says_every_count(summary, head)
    says_every_count(summary, markdown.split("## ")[0])
    if summary["in_breach"]:
        assert re.search(rf"<strong[^>]*>{summary['in_breach']}</strong> in breach", page)
    # What to do next is said once for every format: the step, or the cell to correct, and the note.
    for row in data["rows"]:
        step = f"correct: {row['error']}" if row["error"] else (row["next_step_title"] or "")
        said = " · ".join(part for part in (step, row["note"]) if part)
        line = next(line for line in markdown.splitlines() if f"| {row['name']} |" in line)
        assert line.endswith(f"| {said} |"), (said, line)
        assert str(escape(said)) in page  # as the page's autoescape writes it
        assert " ".join(said.split()) in " ".join(text.split())


def test_the_new_users_roster_says_in_breach_in_every_format(tmp_path: Path) -> None:
    """Ravi Singh (a SENCO without QTS) is "in breach" in Markdown too, and the summaries say
    how many are in breach; within Cedar Academy he comes before Ann Cole (overdue)."""
    roster = FIXTURES / "new-user-ten.csv"
    markdown = run(roster, "--format", "markdown", *AS_OF)
    ravi = next(line for line in markdown.splitlines() if "Ravi Singh" in line)
    assert "| ✘ in breach | Ravi Singh |" in ravi
    assert "1 in breach" in markdown.split("## ")[0]
    text = run(roster, "--no-color", *AS_OF)
    assert "1 in breach" in " ".join(text.split("\n\n")[0].split())
    assert text.index("Ravi Singh") < text.index("Ann Cole")
    assert markdown.index("Ravi Singh") < markdown.index("Ann Cole")
    page = run(roster, "--format", "html", *AS_OF)
    assert re.search(r"<strong[^>]*>1</strong> in breach", page)
    assert words_in_html(page)["Ravi Singh"] == "in breach"
    # Kim Li (no QTS, at an academy whose induction rule is to check) is on track, as check
    # says: "not ready", never "can't tell", and not counted as can't tell.
    assert words_in_markdown(markdown)["Kim Li"] == "not ready" == words_in_text(text)["Kim Li"]
    # His next step is the QTS he lacks, in every format, with the note after it (the text
    # view gave only the note, Markdown only the step).
    said = "Needs qualified teacher status (QTS) · Needs an answer for Induction."
    assert said in ravi and said in page and said in " ".join(text.split())
    assert words_in_xlsx(roster, tmp_path)["Ravi Singh"] == "in breach"
    # Cedar Academy's line in the school table counts him, in JSON and every table.
    data = json.loads(run(roster, "--format", "json", *AS_OF))
    cedar = next(school for school in data["schools"] if school["name"] == "Cedar Academy")
    assert cedar["in_breach"] == 1 and cedar["overdue"] == 1
    assert "| Cedar Academy | 100005 | the SENCO is past the deadline | 2 | 1 | 1 | 0 | 0 |" in markdown
    assert "1 in breach · 1 overdue" in text
    header, *schools = read_workbook(tmp_path / "results.xlsx")["Schools"]
    sheet = {row[0]: dict(zip(header, row, strict=True)) for row in schools}
    assert sheet["Cedar Academy"]["In breach"] == 1 and sheet["Cedar Academy"]["Overdue"] == 1


# ---- the order ------------------------------------------------------------------------

DAY = dt.date(2026, 11, 28)


@st.composite
def row_results(draw: st.DrawFn) -> list[RowResult]:
    rows = []
    for number in range(draw(st.integers(0, 40))):
        situation = draw(st.sampled_from([None, *SITUATIONS]))
        error = draw(st.sampled_from([None, None, "QTS: maybe"]))
        invalid = error is not None or situation is None
        days = draw(st.one_of(st.none(), st.integers(-1500, 1500)))
        status = (
            "invalid" if invalid else ("ready" if situation in ("ready", "not_required") else "not_ready")
        )
        rows.append(
            RowResult(
                row=number + 2,
                name=f"P{number}",
                trn=None,
                status=status,
                qualified=None,
                deadline=DAY + dt.timedelta(days=days) if days is not None else None,
                days_left=days,
                overdue=situation == "overdue" and not invalid,
                funding=draw(st.sampled_from([None, "funded", "unknown"])) if not invalid else None,
                cohort=draw(st.sampled_from([None, "2027-autumn"])),
                next_step=None,
                next_step_title=None,
                error=error or ("no profile" if situation is None else None),
                at_risk=situation == "at_risk" and not invalid,
                cant_tell=situation == "cant_tell" or draw(st.booleans()),
                school=draw(st.sampled_from(["Oak", "Elm", None])),
                urn=None,
                senco=draw(st.booleans()),
                statutory=situation != "not_required",
                situation=situation
                if situation is None or not invalid or situation == "in_breach"
                else "cant_tell",
            )
        )
    return rows


def audited(rows: list[RowResult], by: str) -> AuditResult:
    from senco_cli.audit.schools import SchoolTable

    kept, table = OrderedRows(), SchoolTable()
    for row in rows:
        kept.append(row)
        table.add(row)
    schools = table.summaries()
    kept.sort(by, [school_key(s) for s in schools], table.joined)
    return AuditResult(DAY, DAY, kept, (), None, by, schools)


@settings(max_examples=150, deadline=None)
@given(rows=row_results(), by=st.sampled_from(["school", "person"]))
def test_a_less_urgent_row_never_comes_before_a_more_urgent_one(rows: list[RowResult], by: str) -> None:
    """Within a school (and, by person, over all), the rows follow the situations' precedence:
    in breach, overdue, at risk, (needs correcting,) can't tell, not ready, ready."""
    result = audited(rows, by)
    seen: dict[str, int] = {}
    for row in result.rows:
        key = school_key(row) if by == "school" else ""
        rank = RANK[row_state(row)[0]]
        assert rank >= seen.get(key, 0), (row_state(row), key)
        seen[key] = rank
    # The words' order is the situations' own.
    order = [word for word, _ in STATES if word != "needs correcting"]
    assert order[:3] == [situation.replace("_", " ") for situation in SITUATIONS[:3]]


# ---- the counts -----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(rows=row_results())
def test_each_count_is_a_count_of_the_rows_judged_by_its_definition(rows: list[RowResult]) -> None:
    summary = audited(rows, "person").summary()
    judged = [r for r in rows if r.error is None]
    soon = add_months(DAY, 6)
    assert summary["rows"] == len(rows)
    assert summary["invalid"] == len(rows) - len(judged)
    assert summary["assessed"] == len(judged)
    assert summary["in_breach"] == sum(r.situation == "in_breach" for r in rows)
    assert summary["overdue"] == sum(r.situation == "overdue" for r in judged)
    assert summary["at_risk"] == sum(r.situation == "at_risk" for r in judged)
    assert summary["cant_tell"] == sum(r.situation == "cant_tell" for r in judged)
    assert summary["due_within_6_months"] == sum(
        r.deadline is not None and r.situation != "overdue" and DAY <= r.deadline <= soon for r in judged
    )
    funded = [r.funding for r in judged if r.funding]
    assert summary["funding"] == {status: funded.count(status) for status in sorted(set(funded))}


def test_a_closed_schools_row_is_flagged_not_counted() -> None:
    """The GIAS roster: the closed school's row (455 days past its deadline) is to correct;
    nobody is due within 6 months (it was counted so), and it is in no other count."""
    roster = FIXTURES / "new-user-gias.csv"
    data = json.loads(run(roster, "--format", "json", *AS_OF))
    summary = data["summary"]
    closed = next(row for row in data["rows"] if row["name"] == "Pat Green")
    assert closed["status"] == "invalid" and closed["days_left"] == -455
    assert summary["due_within_6_months"] == 0 and summary["overdue"] == 0
    judged = [row for row in data["rows"] if row["status"] != "invalid"]
    assert summary["cant_tell"] == sum(row["situation"] == "cant_tell" for row in judged)
    text = run(roster, "--no-color", *AS_OF)
    assert "0 due within 6 months" in " ".join(text.split())
    # Flagged, not judged: its deadline is shown, but not as overdue, in any format.
    markdown = run(roster, "--format", "markdown", *AS_OF)
    pat = next(line for line in markdown.splitlines() if "Pat Green" in line)
    assert "1 September 2025 (455 days ago)" in pat and "overdue" not in pat
    assert "1 Sep 2025, 455 days ago" in text
