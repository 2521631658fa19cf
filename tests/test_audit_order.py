"""A large audit's rows kept on disk (audit/ordered.py) come back in exactly the order, and
with exactly the school table, that sorting them all in memory gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from senco_cli.audit.ordered import OrderedRows, sort_record
from senco_cli.audit.person import RowResult
from senco_cli.audit.schools import SCHOOL_STATUS, SchoolSummary, school_key, school_table

DAY = dt.date(2026, 11, 28)


@st.composite
def results(draw: st.DrawFn) -> list[RowResult]:
    count = draw(st.integers(min_value=0, max_value=60))
    rows = []
    line = 1
    for _ in range(count):
        line += draw(st.integers(min_value=1, max_value=3))
        days = draw(st.one_of(st.none(), st.integers(min_value=-4000, max_value=4000)))
        status = draw(st.sampled_from(["ready", "not_ready", "invalid"]))
        rows.append(
            RowResult(
                row=line,
                name=f"P{line}",
                trn=None,
                status=status,
                qualified=draw(st.sampled_from([True, False, None])),
                deadline=DAY + dt.timedelta(days=days) if days is not None else None,
                days_left=days,
                overdue=draw(st.booleans()),
                funding=draw(st.sampled_from([None, "funded", "unknown"])),
                cohort=None,
                next_step=None,
                next_step_title=None,
                error=None,
                at_risk=draw(st.booleans()),
                cant_tell=draw(st.booleans()),
                school=draw(st.sampled_from([None, "Oak", "oak", "Elm", "Ash"])),
                urn=draw(st.sampled_from([None, None, "100001", "100002"])),
                senco=draw(st.booleans()),
                statutory=draw(st.sampled_from([True, False, None])),
                meets_reg49=draw(st.booleans()),
                can_be_designated=draw(st.sampled_from([True, False, None])),
                situation=draw(
                    st.sampled_from([None, "in_breach", "overdue", "at_risk", "cant_tell", "on_track"])
                ),
            )
        )
    return rows


def in_memory(rows: list[RowResult], by: str) -> list[RowResult]:
    """The order as it was computed with every row in memory."""
    ordered = sorted(rows, key=RowResult.urgency)
    if by != "school":
        return ordered
    rank: dict[str, int] = {}
    for row in ordered:
        rank.setdefault(school_key(row), len(rank))
    return sorted(ordered, key=lambda row: rank[school_key(row)])


def status_of(rows: list[RowResult]) -> str:
    """One school's status as decided from the list of its rows (issue 25's order)."""
    valid = [r for r in rows if r.status != "invalid"]
    sencos = [r for r in valid if r.senco]
    if rows and len(valid) == len(rows) and all(r.statutory is False for r in valid):
        return "not_required"
    if not sencos and not any(r.meets_reg49 for r in valid):
        return "cant_tell" if len(valid) < len(rows) else "no_senco"
    if sencos and all(r.can_be_designated is False for r in sencos):
        return "none_meets"
    if any(r.overdue for r in sencos):
        return "overdue"
    if any(r.meets_reg49 for r in valid):
        return "at_risk" if any(r.at_risk for r in sencos) else "meets"
    if any(r.at_risk for r in sencos):
        return "at_risk"
    if len(valid) < len(rows) or any(r.situation == "cant_tell" for r in sencos):
        return "cant_tell"
    return "not_met"


def counted_at(row: RowResult, rows: list[RowResult]) -> str:
    """The school a row counts at: its own, or, with no URN (or LAESTAB), the one URN that
    rows of the same name (ignoring case) give, if there is exactly one."""
    if row.urn or row.laestab or not row.school:
        return school_key(row)
    name = row.school.casefold()
    urns = {r.urn for r in rows if r.urn and r.school and r.school.casefold() == name}
    return f"urn:{urns.pop()}" if len(urns) == 1 else school_key(row)


def summary_of(rows: list[RowResult]) -> SchoolSummary:
    """One school's line as computed from a list of its rows (named as its rows with a URN
    name it, where it has them)."""
    valid = [r for r in rows if r.status != "invalid"]
    deadlines = [r.deadline for r in valid if r.deadline and r.status != "ready"]
    named = [r.school for r in rows if r.school and r.urn] or [r.school for r in rows if r.school]
    return SchoolSummary(
        name=named[0] if named else "(no school name)",
        urn=next((r.urn for r in rows if r.urn), None),
        people=len(rows),
        sencos=sum(r.senco for r in valid),
        status=status_of(rows),
        at_risk=sum(r.at_risk and not r.overdue for r in valid),
        overdue=sum(r.overdue for r in valid),
        invalid=len(rows) - len(valid),
        earliest_deadline=min(deadlines, default=None),
        meeting=sum(r.meets_reg49 for r in valid),
        in_breach=sum(r.situation == "in_breach" for r in rows),
    )


@settings(max_examples=150, deadline=None)
@given(rows=results(), by=st.sampled_from(["school", "person"]))
def test_order_and_school_table_match_sorting_in_memory(rows: list[RowResult], by: str) -> None:
    kept = OrderedRows()
    for row in rows:
        kept.append(row)
    kept.sort(by)
    expected = in_memory(rows, by)
    assert list(kept) == expected
    assert len(kept) == len(expected) and bool(kept) == bool(expected)
    if expected:
        assert kept[0] == expected[0] and kept[-1] == expected[-1] and kept[1:3] == expected[1:3]
    groups: dict[str, list[RowResult]] = {}
    for row in expected:
        groups.setdefault(counted_at(row, rows), []).append(row)
    named = any(row.school or row.urn for row in rows)
    ranks = list(SCHOOL_STATUS)
    table = sorted((summary_of(g) for g in groups.values()), key=lambda s: ranks.index(s.status))  # stable
    assert school_table(kept) == (tuple(table) if named else ())


@given(
    first=st.tuples(st.integers(0, 5), st.integers(-(2**40), 2**40), st.integers(0, 2**27)),
    second=st.tuples(st.integers(0, 5), st.integers(-(2**40), 2**40), st.integers(0, 2**27)),
)
def test_sort_records_sort_as_the_urgency_does(
    first: tuple[int, int, int], second: tuple[int, int, int]
) -> None:
    """Within the range of days a date can give (clamped beyond about 5.8 million years)."""
    limit = 2**31 - 1

    def clamp(key: tuple[int, int, int]) -> tuple[int, int, int]:
        return (key[0], max(min(key[1], limit), -limit - 1), key[2])

    a, b = sort_record(first, first[2]), sort_record(second, second[2])
    assert (a < b) == (clamp(first) < clamp(second))


def test_workers_one_for_a_small_roster_and_never_more_than_the_cores() -> None:
    import os

    from senco_cli.audit.parallel import PARALLEL_BYTES, choose_workers

    assert choose_workers(PARALLEL_BYTES) == 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    assert 1 <= choose_workers(100 * PARALLEL_BYTES) <= cores
