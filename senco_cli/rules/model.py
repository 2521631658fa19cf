"""The rules as typed entries, each with its dates and sources, and the queries that look a value up as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, Protocol, get_args

from senco_cli.dates import add_months
from senco_cli.profile.model import Vocabulary, header_key
from senco_cli.records import NamedTuple
from senco_cli.rules.answers import AnswerWords
from senco_cli.rules.vocab import FundingCode
from senco_cli.rules.wording import NoticeWords, StepWords, ThirdPerson

STALE_AFTER_MONTHS = 12
# The vocabularies of results, each declared once.
StepStatus = Literal["done", "todo", "in_progress", "not_needed", "check"]
FundingStatus = Literal["funded", "subject_to_review", "not_funded", "unknown"]
Payer = Literal["dfe", "you_or_school", "you_with_loan", "employer"]
VERDICTS: tuple[FundingStatus, ...] = get_args(FundingStatus)
CohortFunding = Literal["funded", "unfunded", "not_announced"]
Induction = Literal["required", "not_required", "check"]
COHORT_FUNDING: tuple[CohortFunding, ...] = get_args(CohortFunding)
INDUCTION: tuple[Induction, ...] = get_args(Induction)
PAYERS: tuple[Payer, ...] = get_args(Payer)


# Domain suffixes under which a site's own name is the third label from the right.
SECOND_LEVEL = frozenset({"gov.uk", "co.uk", "org.uk", "ac.uk", "ltd.uk", "nhs.uk", "sch.uk"})


class Source(NamedTuple):
    id: str
    title: str
    url: str
    short: str = ""  # a label of a few words for a terminal's list of sources: "SEND Regulations reg 49"

    @property
    def label(self) -> str:
        """The short label, or the title up to its first colon or comma when there is none."""
        return self.short or self.title.split(":")[0].split(",")[0]

    @property
    def site(self) -> str:
        """The site that publishes it, as people name it: "legislation.gov.uk", "gov.uk",
        "education.gov.uk" (for getintoteaching.education.gov.uk), "github.com"."""
        host = self.url.split("/")[2].lower()
        labels = host.split(".")
        keep = 3 if ".".join(labels[-2:]) in SECOND_LEVEL else 2
        if labels[-2:] == ["gov", "uk"] and len(labels) > 3:
            keep = 3
        return ".".join(labels[-keep:]).removeprefix("www.")


class Dated(Protocol):
    """What every rule entry has: when it applies and where it comes from."""

    @property
    def title(self) -> str: ...
    @property
    def applies_from(self) -> dt.date: ...
    @property
    def applies_until(self) -> dt.date | None: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...


def in_force(entry: Dated, day: dt.date) -> bool:
    return entry.applies_from <= day and (entry.applies_until is None or day <= entry.applies_until)


# The entries are NamedTuples, each starting with the Dated fields: they cost a fifth of
# a frozen dataclass to define, which matters for start-up time.


class LawRule(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    values: Mapping[str, Any]

    def date(self, key: str) -> dt.date:
        value = self.values[key]
        assert isinstance(value, dt.date)
        return value

    def number(self, key: str) -> int:
        value = self.values[key]
        assert isinstance(value, int)
        return value

    def in_force(self, day: dt.date) -> bool:
        return in_force(self, day)


class Setting(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    id: str
    help: str
    statutory: bool
    induction: Induction
    dfe_names: tuple[str, ...]
    statutory_from: dt.date | None = None
    senco_post_here: bool = True
    may_be_part_of_school: bool = False

    @property
    def label(self) -> str:
        return self.title


class GiasType(NamedTuple):
    """A GIAS establishment type and the setting it is; `check` says why the type alone does
    not decide the setting (then `setting` is None)."""

    code: int
    name: str
    also: tuple[str, ...]
    setting: str | None
    check: str | None
    sources: tuple[Source, ...]


class Cohort(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    id: str
    starts: dt.date
    funding: CohortFunding
    registration_opens: dt.date | None = None
    policy: str | None = None
    starts_estimated: bool = False
    new_participants: bool = True
    note: str = ""

    @property
    def label(self) -> str:
        return self.title


class DfeCohort(NamedTuple):
    """A cohort as DfE's NPQ registration service names it ("2026b": its start year and a
    one-letter suffix), and senco's cohort it is, as its sources say."""

    identifier: str
    cohort: str  # a Cohort id
    sources: tuple[Source, ...]


class FundingRule(NamedTuple):
    settings: tuple[str, ...]
    rtta_referred: bool | None
    verdict: FundingStatus
    reason_code: FundingCode
    reason: str
    sources: tuple[Source, ...]


class Policy(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    id: str
    rules: tuple[FundingRule, ...]
    extends: str | None = None


class Duration(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    months_min: int
    months_max: int


class Route(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    id: str
    payer: Payer
    requires: Mapping[str, Any]  # answers that must all hold
    requires_any: Mapping[str, Any]  # answers of which one must hold
    months_min: int | None = None
    months_max: int | None = None
    min_gbp: int | None = None
    max_gbp: int | None = None
    fee_cap_years_min: int | None = None
    fee_cap_years_max: int | None = None
    note: str = ""
    durations: tuple[Duration, ...] = ()

    @property
    def label(self) -> str:
        return self.title

    def in_force(self, day: dt.date) -> bool:
        return in_force(self, day)

    def months_on(self, day: dt.date) -> tuple[int | None, int | None, tuple[Source, ...]]:
        """(min, max, sources) of the length in force on `day`; the route's own when undated."""
        for duration in self.durations:
            if in_force(duration, day):
                return duration.months_min, duration.months_max, duration.sources
        return self.months_min, self.months_max, ()


class Amount(NamedTuple):
    """A priced item: a range of whole pounds."""

    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    min_gbp: int
    max_gbp: int

    def in_force(self, day: dt.date) -> bool:
        return in_force(self, day)


class Rules(NamedTuple):
    reviewed: dt.date
    sources: Mapping[str, Source]
    law: Mapping[str, LawRule]
    settings: Mapping[str, Setting]
    course: LawRule
    cohort_pattern: LawRule
    cohorts: tuple[Cohort, ...]
    policies: Mapping[str, Policy]
    routes: tuple[Route, ...]
    fee_caps: tuple[Amount, ...]
    wording: Mapping[str, StepWords]  # the words of each checklist decision, by code
    npq_prices: tuple[Amount, ...]  # dated: a new price starts on its `from` date
    trn_price: Amount
    gias: tuple[GiasType, ...] = ()
    dfe_cohorts: tuple[DfeCohort, ...] = ()  # DfE's cohort identifiers ("2026b") read, with sources
    third_person: ThirdPerson = ThirdPerson()  # a step's title about someone else (audit)
    column_names: Mapping[str, tuple[str, ...]] = {}  # roster column -> the headers that mean it
    notices: Mapping[str, NoticeWords] = {}  # the words of each notice, by code
    sentences: Mapping[str, str] = {}  # the words of each reason or basis, by code
    lead_providers: LawRule | None = None  # who offers the NPQ for SENCOs (`names`), with the source

    def provider_names(self) -> str:
        """The lead providers for the NPQ for SENCOs, in words ("Ambition Institute, ... and X")."""
        names = (
            [str(name) for name in self.lead_providers.values.get("names", [])] if self.lead_providers else []
        )
        if not names:
            return "see DfE's NPQ registration service"
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]

    def registration_opens(self, cohort: Cohort) -> tuple[dt.date, bool]:
        """When registration opens for `cohort`, and whether that is an estimate (from the
        yearly pattern's registration month and day, in the year the cohort starts)."""
        if cohort.registration_opens is not None:
            return cohort.registration_opens, False
        values = self.cohort_pattern.values
        month, day = values.get("registration_open_month", 6), values.get("registration_open_day", 23)
        return dt.date(cohort.starts.year, int(month), int(day)), True

    answers: AnswerWords = AnswerWords({}, (), (), {})  # the words each choice takes
    read_past: Mapping[str, str] = {}  # headers known and not needed, normalised -> READ_PAST | PRIVATE
    posts: Mapping[str, str] = {}  # a post's words, normalised -> senco | head_teacher | teacher
    concepts: tuple[str, ...] = ()  # words that say what a header is about (for "did you mean")

    def header_names(self) -> dict[str, tuple[str, ...]]:
        """The roster's header lookup: each column's headers, and the headers read past."""
        marked: dict[str, list[str]] = {}
        for name, mark in self.read_past.items():
            marked.setdefault(mark, []).append(name)
        return {**self.column_names, **{mark: tuple(names) for mark, names in marked.items()}}

    def vocabulary(self) -> Vocabulary:
        cohorts = {
            **self.cohort_years(),
            **{header_key(n): (c.id, None) for c in self.cohorts for n in (c.id, c.label)},
        }
        posts = {word: (kind, None) for word, kind in self.posts.items()}
        words = {**self.answers.words, "senco_training.npq_cohort": cohorts, "role.post": posts}
        return Vocabulary(
            tuple(c.id for c in self.cohorts),
            tuple(self.settings),
            self.setting_names(),
            tuple(route.id for route in self.routes),
            {c.id: c.starts for c in self.cohorts},
            words,
        )

    def cohort_years(self) -> dict[str, tuple[Any, str | None]]:
        """A cohort as DfE's NPQ registration service writes it, read as its sources say.

        DfE names a cohort by its start year and a one-letter suffix, "a" first
        (app/models/cohort.rb; "2026b"), and its SENCO data export writes the start year
        alone (tad_senco_data_request.rb: "2026"). An identifier in `dfe_cohorts` (npq.toml)
        is the cohort its sources name; one that is not is no cohort senco can name, and a
        start year with more than one cohort could be either. Those two are left open: the
        value is the tuple of readings (none, or each cohort) and the note says them all,
        so that the row says `check` rather than a guess. Returns written -> (cohort id or
        readings, note)."""
        label = {c.id: c.label for c in self.cohorts}
        named = {d.identifier: d.cohort for d in self.dfe_cohorts}
        years: dict[str, tuple[Any, str | None]] = {}
        for year in sorted({c.id.split("-")[0] for c in self.cohorts} | {i[:4] for i in named}):
            dfe = {i: c for i, c in sorted(named.items()) if i.startswith(year)}
            readings = tuple(dict.fromkeys(dfe.values())) or tuple(
                c.id for c in sorted(self.cohorts, key=lambda c: c.starts) if c.id.startswith(year + "-")
            )
            if len(readings) == 1:
                years[year] = (readings[0], None)
            elif readings:
                either = " or ".join(
                    f"{label[cohort]}" + "".join(f' (DfE\'s "{i}")' for i, c in dfe.items() if c == cohort)
                    for cohort in readings
                )
                years[year] = (
                    readings,
                    f'NPQ cohort "{year}" could be {either}: DfE\'s NPQ export writes the start year '
                    "only. Left unanswered; put the cohort by name, or give --cohort.",
                )
            for letter in "abcdefgh":
                written = year + letter
                if written in named:
                    years[written] = (named[written], None)
                else:
                    years[written] = (
                        (),
                        f'NPQ cohort "{written}": no source says which cohort DfE\'s "{written}" is. '
                        "Left unanswered; put the cohort by name.",
                    )
        return years

    def setting_names(self) -> dict[str, tuple[str | None, str]]:
        """Every other name of a setting a roster may use, normalised: the settings' labels,
        and GIAS establishment types by name, other spelling and code."""
        names: dict[str, tuple[str | None, str]] = {}
        for key, setting in self.settings.items():
            names[header_key(key)] = names[header_key(setting.label)] = (key, setting.label)
        for kind in self.gias:
            meaning = (kind.setting, kind.name) if kind.setting else (None, kind.check or "")
            for name in (kind.name, *kind.also, str(kind.code)):
                names[header_key(name)] = meaning
        return names

    def cohort(self, cohort_id: str) -> Cohort | None:
        return next((c for c in self.cohorts if c.id == cohort_id), None)

    def next_cohort(self, as_of: dt.date) -> Cohort | None:
        """The earliest intake for new participants that starts on or after `as_of`."""
        upcoming = [c for c in self.cohorts if c.starts >= as_of and c.new_participants]
        return min(upcoming, key=lambda c: c.starts, default=None)

    def skipped_cohorts(self, as_of: dt.date, until: dt.date) -> list[Cohort]:
        """Cohort codes between `as_of` and `until` that took no new participants."""
        return [c for c in self.cohorts if as_of <= c.starts < until and not c.new_participants]

    def latest_started_cohort(self, as_of: dt.date) -> Cohort | None:
        """The last intake that started on or before `as_of`."""
        started = [c for c in self.cohorts if c.starts <= as_of and c.new_participants]
        return max(started, key=lambda c: c.starts, default=None)

    def npq_price_on(self, day: dt.date) -> Amount:
        """The unfunded NPQ price in force on `day` (before any, the first known)."""
        started = [price for price in self.npq_prices if price.applies_from <= day]
        return max(started, key=lambda price: price.applies_from, default=self.npq_prices[0])

    def fee_cap_on(self, day: dt.date) -> Amount | None:
        return next((cap for cap in self.fee_caps if cap.in_force(day)), None)

    def warnings_on(self, day: dt.date, reform: bool = True) -> list[str]:
        """What the reports say about the data itself on `day` (`reform`: and the SEND reform
        proposals, which matter to a person's plans but not to a price list)."""
        warnings = []
        if day > add_months(self.reviewed, STALE_AFTER_MONTHS):
            warnings.append(
                f"The rules were last reviewed on {self.reviewed}, more than {STALE_AFTER_MONTHS} "
                f"months before {day}: they may have changed. Check the sources."
            )
        proposals = self.law["send_reform"]
        if reform and proposals.in_force(day):
            warnings.append(proposals.title + ".")
        return warnings
