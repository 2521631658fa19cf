"""A roster's people school by school: whether each school has a SENCO who meets
regulation 49 today, and who there needs attention; with a list of schools (--schools),
every open school on it, people or not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from senco_cli.audit.person import RowResult
from senco_cli.records import NamedTuple

# Each school status, most urgent first: the school table is in this order.
SCHOOL_STATUS = {
    "no_senco": "no SENCO in the roster",
    "none_meets": "no SENCO meets regulation 49",
    "overdue": "the SENCO is past the deadline",
    "at_risk": "a SENCO is at risk of missing the deadline",
    "not_met": "no SENCO meets regulation 49 yet",
    "cant_tell": "can't tell: answers missing or to correct",
    "meets": "a SENCO meets regulation 49",
    "not_required": "regulation 49 does not apply",
}
NO_NAME = "(no school name)"
STATUS_ORDER = {status: rank for rank, status in enumerate(SCHOOL_STATUS)}


class ListedSchool(NamedTuple):
    """A school on the trust's or authority's list (--schools)."""

    name: str
    urn: str | None
    laestab: str | None
    statutory: bool | None  # regulation 49 binds it (None: its type alone does not say)


class SchoolSummary(NamedTuple):
    """One school's people in the roster, and whether it has a SENCO who meets regulation 49."""

    name: str
    urn: str | None
    people: int
    sencos: int
    status: str  # a key of SCHOOL_STATUS
    at_risk: int
    overdue: int
    invalid: int
    earliest_deadline: dt.date | None  # of its people still to qualify
    laestab: str | None = None  # its LA and establishment number ("DfE number")
    meeting: int = 0  # its SENCOs who meet regulation 49 today
    in_breach: int = 0  # its people in breach (as each row's situation; a breach stands on a row to correct)

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        fields["earliest_deadline"] = self.earliest_deadline.isoformat() if self.earliest_deadline else None
        return fields


def school_key(row: RowResult | ListedSchool | SchoolSummary) -> str:
    """Which school a row, a listed school or a summary is: by URN, else LAESTAB, else name."""
    if row.urn:
        return f"urn:{row.urn}"
    if row.laestab:
        return f"laestab:{row.laestab}"
    name = row.name if isinstance(row, ListedSchool | SchoolSummary) else row.school
    return f"name:{'' if name == NO_NAME else (name or '').casefold()}"


class _School:
    """One school's rows, counted as they come (no row kept)."""

    def __init__(self, listed: ListedSchool | None = None) -> None:
        self.listed = listed
        self.name: str | None = None
        self.urn: str | None = None
        self.laestab: str | None = None
        self.people = self.sencos = self.at_risk = self.overdue = self.invalid = self.meeting = 0
        self.in_breach = 0
        self.senco_overdue = self.senco_at_risk = self.senco_unsure = False
        self.all_undesignable = True  # every SENCO so far cannot be designated
        self.all_not_statutory = True
        self.earliest: dt.date | None = None
        self.first: tuple[int, int, int] | None = None  # its most urgent row's urgency

    def add(self, r: RowResult) -> None:
        self.people += 1
        self.name = self.name or r.school
        self.urn = self.urn or r.urn
        self.laestab = self.laestab or r.laestab
        urgency = r.urgency()
        self.first = urgency if self.first is None else min(self.first, urgency)
        self.in_breach += r.situation == "in_breach"
        if r.status == "invalid":  # a row to correct never counts as overdue or at risk
            self.invalid += 1
            self.all_not_statutory = False
            return
        self.all_not_statutory = self.all_not_statutory and r.statutory is False
        self.meeting += r.meets_reg49
        if r.senco:
            self.sencos += 1
            self.senco_overdue = self.senco_overdue or r.overdue
            self.senco_at_risk = self.senco_at_risk or r.at_risk
            self.senco_unsure = self.senco_unsure or r.situation == "cant_tell"
            self.all_undesignable = self.all_undesignable and r.can_be_designated is False
        self.at_risk += r.at_risk and not r.overdue
        self.overdue += r.overdue
        if r.deadline and r.status != "ready" and (self.earliest is None or r.deadline < self.earliest):
            self.earliest = r.deadline

    def status(self) -> str:
        """Whether the school has a SENCO who meets regulation 49 (SEND Regulations 2014).

        no_senco: nobody in the roster is its SENCO (and no row to correct might be);
        none_meets: every SENCO is one who cannot be designated (reg 49(1)-(3): no QTS, not
        working as a teacher there, not the head); overdue / at_risk: a SENCO past, or
        likely to miss, the three-year deadline (reg 49(4)); a school is never shown as
        meeting the duty while one of its SENCOs is overdue; not_met: none qualified or
        within the deadline yet; cant_tell: answers missing or to correct; meets;
        not_required: the law does not bind the school (its setting, or the list, says so)."""
        if (self.listed and self.listed.statutory is False) or (self.people and self.all_not_statutory):
            return "not_required"
        if not self.sencos and not self.meeting:
            return "cant_tell" if self.invalid else "no_senco"
        if self.sencos and self.all_undesignable:
            return "none_meets"
        if self.senco_overdue:
            return "overdue"
        if self.meeting:
            return "at_risk" if self.senco_at_risk else "meets"
        if self.senco_at_risk:
            return "at_risk"
        if self.invalid or self.senco_unsure:
            return "cant_tell"
        return "not_met"

    def merge(self, other: _School) -> None:
        """Take in another group's rows: the same school, found apart."""
        self.people += other.people
        self.sencos += other.sencos
        self.at_risk += other.at_risk
        self.overdue += other.overdue
        self.invalid += other.invalid
        self.meeting += other.meeting
        self.in_breach += other.in_breach
        self.senco_overdue = self.senco_overdue or other.senco_overdue
        self.senco_at_risk = self.senco_at_risk or other.senco_at_risk
        self.senco_unsure = self.senco_unsure or other.senco_unsure
        self.all_undesignable = self.all_undesignable and other.all_undesignable
        self.all_not_statutory = self.all_not_statutory and other.all_not_statutory
        self.name, self.laestab = self.name or other.name, self.laestab or other.laestab
        if other.earliest is not None and (self.earliest is None or other.earliest < self.earliest):
            self.earliest = other.earliest
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first

    def summary(self) -> SchoolSummary:
        listed = self.listed
        return SchoolSummary(
            name=self.name or (listed.name if listed else NO_NAME),
            urn=self.urn or (listed.urn if listed else None),
            people=self.people,
            sencos=self.sencos,
            status=self.status(),
            at_risk=self.at_risk,
            overdue=self.overdue,
            invalid=self.invalid,
            earliest_deadline=self.earliest,
            laestab=self.laestab or (listed.laestab if listed else None),
            meeting=self.meeting,
            in_breach=self.in_breach,
        )


class SchoolTable:
    """The school table, built as rows come (in any order): a summary per school, most
    urgent status first, then by each school's most urgent row; every listed school too,
    with or without people."""

    def __init__(self, listed: Iterable[ListedSchool] = ()) -> None:
        self.listed = tuple(listed)
        self.groups: dict[str, _School] = {school_key(s): _School(s) for s in self.listed}
        self.named = bool(self.listed)
        # The names each URN is given in the roster, and the URNs each name is given (by
        # the name's key), each in the order first seen.
        self.names_of: dict[str, dict[str, str]] = {}
        self.urns_of: dict[str, dict[str, None]] = {}
        self.joined: dict[str, str] = {}  # a group of rows without a URN -> the school it joined

    def add(self, row: RowResult) -> None:
        self.named = self.named or bool(row.school or row.urn or row.laestab)
        key = school_key(row)
        school = self.groups.get(key)
        if school is None:
            school = self.groups[key] = _School()
        school.add(row)
        if row.urn and row.school:
            name = row.school.casefold()
            self.names_of.setdefault(row.urn, {}).setdefault(name, row.school)
            self.urns_of.setdefault(name, {}).setdefault(row.urn, None)

    def join(self) -> dict[str, str]:
        """Rows without a URN or LAESTAB joined to the school of the same name (ignoring
        case) when exactly one URN in the roster has that name; returns each joined group's
        key and the key of the school it joined (kept in `joined`)."""
        for key, school in list(self.groups.items()):
            urns = self.urns_of.get(key.removeprefix("name:"), {}) if key.startswith("name:") else {}
            if school.listed is None and len(urns) == 1:
                (urn,) = urns
                target = self.groups.get(f"urn:{urn}")
                if target is not None:
                    target.merge(self.groups.pop(key))
                    self.joined[key] = f"urn:{urn}"
        return self.joined

    def warnings(self) -> list[str]:
        """One warning for each school name given two or more URNs, and for each URN given
        two or more names: one school split, or two schools run together."""
        said = []
        for name, urns in self.urns_of.items():
            if len(urns) > 1:
                shown = self.names_of[next(iter(urns))][name]
                said.append(
                    f'The school name "{shown}" is given {len(urns)} URNs in the roster ({", ".join(urns)}): '
                    "they are counted as different schools, and rows with that name but no URN join neither. "
                    "Correct the URN or the name."
                )
        for urn, names in self.names_of.items():
            if len(names) > 1:
                listed = ", ".join(f'"{name}"' for name in names.values())
                first = next(iter(names.values()))
                said.append(
                    f"URN {urn} is given {len(names)} school names in the roster ({listed}): they are counted "
                    f'as one school, shown as "{first}". Correct the name or the URN.'
                )
        return said

    def summaries(self) -> tuple[SchoolSummary, ...]:
        """None when neither the roster nor a list names a school."""
        if not self.named:
            return ()
        self.join()
        last = (9, 0, 0)
        ordered = sorted(
            self.groups.values(), key=lambda school: (STATUS_ORDER[school.status()], school.first or last)
        )
        return tuple(school.summary() for school in ordered)


def school_table(rows: Iterable[RowResult], listed: Iterable[ListedSchool] = ()) -> tuple[SchoolSummary, ...]:
    """A summary per school (see SchoolTable); one pass, no row kept."""
    table = SchoolTable(listed)
    for row in rows:
        table.add(row)
    return table.summaries()


class SchoolList:
    """Rows matched to the list of schools (--schools) by URN, then LAESTAB, then name,
    taking the list's URN and name where the row lacks them; a row at a school not on the
    list is flagged in its note and counted in `off_list`."""

    def __init__(self, listed: tuple[ListedSchool, ...]) -> None:
        self.by_urn = {school.urn: school for school in listed if school.urn}
        self.by_laestab = {school.laestab: school for school in listed if school.laestab}
        self.by_name = {school.name.casefold(): school for school in listed}
        self.off_list = 0

    def match(self, row: RowResult) -> RowResult:
        school = (
            self.by_urn.get(row.urn or "")
            or self.by_laestab.get(row.laestab or "")
            or (self.by_name.get(row.school.casefold()) if row.school and not row.urn else None)
        )
        if school is None:
            self.off_list += 1
            said = f"URN {row.urn}" if row.urn else (f'"{row.school}"' if row.school else "no school")
            flag = f"{said} is not on the list of schools (--schools)."
            return row._replace(note=f"{row.note} {flag}" if row.note else flag)
        return row._replace(urn=school.urn or row.urn, school=row.school or school.name)
