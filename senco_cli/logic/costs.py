"""`senco costs`: every cost on the way to a qualified SENCO, who DfE funds, and the cohorts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.dates import next_september
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.notices import Notice, notice, say
from senco_cli.logic.report import CostItem, Funding, sources_json
from senco_cli.logic.routes import route_option
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Amount, Cohort, Rules, Source
from senco_cli.schema import option_value


class PolicyLine(NamedTuple):
    """One funding verdict and the settings it covers in the judged cohort."""

    verdict: str
    settings: tuple[str, ...]
    condition: str  # narrows the rule, e.g. to returners referred by an adviser
    reason: str
    sources: tuple[Source, ...]


class CostsResult(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    items: tuple[CostItem, ...]
    cohorts: tuple[Cohort, ...]
    cohort: Cohort | None  # the cohort judged
    policy_cohort: Cohort | None  # the cohort whose funding rules are shown (the last announced)
    policy: tuple[PolicyLine, ...]
    setting_verdicts: tuple[tuple[str, Funding], ...]  # (label, verdict) for --setting
    fee_cap: Amount | None
    fee_year_starts: dt.date
    setting_labels: dict[str, str]
    warnings: tuple[str, ...]
    route: str | None = None  # --route: the one route asked about
    funding_notes: tuple[Notice, ...] = ()  # why the judged cohort's funding is unknown, decided once

    @property
    def command(self) -> str:
        return "costs"

    def all_sources(self) -> list[Source]:
        """Every source cited, once each, in the order first cited."""
        groups = [item.sources for item in self.items] + [line.sources for line in self.policy]
        groups += [funding.sources for _, funding in self.setting_verdicts]
        groups += [cohort.sources for cohort in self.cohorts]
        return list({s.url: s for group in groups for s in group}.values())

    def current_cohorts(self) -> tuple[Cohort, ...]:
        """The latest cohort to have started by the as-of date and every later one: the
        terminal view lists these; JSON and Markdown keep the whole history."""
        started = [c.starts for c in self.cohorts if c.starts <= self.as_of]
        since = max(started, default=None)
        return tuple(c for c in self.cohorts if since is None or c.starts >= since)

    def by_verdict(self) -> dict[str, tuple[list[str], list[Source]]]:
        """The settings under each funding verdict, in the policy's order: their names (with
        any condition, "Special school (with a place for ...)") and the sources cited."""
        found: dict[str, tuple[list[str], list[Source]]] = {}
        for policy in self.policy:
            names, cited = found.setdefault(policy.verdict, ([], []))
            labels = [self.setting_labels[s] for s in policy.settings]
            names += [f"{n} ({policy.condition})" if policy.condition else n for n in labels]
            cited += policy.sources
        return found

    def shown_sources(self) -> list[Source]:
        """The sources of what the terminal view shows: a filter narrows the list too."""
        if self.setting_verdicts:
            # The NPQ's price without funding is shown under each verdict that is not funded.
            priced = any(funding.status != "funded" for _, funding in self.setting_verdicts)
            npq = [item.sources for item in self.items if item.id == "npq_senco" and priced]
            groups = [funding.sources for _, funding in self.setting_verdicts] + npq
        elif self.route is not None:
            groups = [item.sources for item in self.items]
        else:
            groups = [item.sources for item in self.items] + [line.sources for line in self.policy]
            groups += [cohort.sources for cohort in self.current_cohorts()]
        return list({s.url: s for group in groups for s in group}.values())

    def payload(self) -> dict[str, Any]:
        """The JSON result's fields (the envelope adds the command and the version)."""
        return {
            "status": "ok",
            "exit_code": 0,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "items": [item.as_json() for item in self.items],
            "cohorts": [
                {
                    "id": c.id,
                    "label": c.label,
                    "starts": c.starts.isoformat(),
                    "starts_estimated": c.starts_estimated,
                    "registration_opens": c.registration_opens.isoformat() if c.registration_opens else None,
                    "funding": c.funding,
                    "sources": sources_json(c.sources),
                }
                for c in self.cohorts
            ],
            "funding": {
                "cohort": self.cohort.id if self.cohort else None,
                "cohort_funding": self.cohort.funding if self.cohort else None,
                "rules_cohort": self.policy_cohort.id if self.policy_cohort else None,
                "guaranteed": False,
                "notices": [notice.as_json() for notice in self.funding_notes],
                "rules": [
                    {
                        "verdict": line.verdict,
                        "settings": list(line.settings),
                        "condition": line.condition or None,
                        "reason": line.reason,
                        "sources": sources_json(line.sources),
                    }
                    for line in self.policy
                ],
            },
            "setting": [{"label": label, **funding.as_json()} for label, funding in self.setting_verdicts]
            or None,
            "fee_cap": None
            if self.fee_cap is None
            else {
                "academic_year_starts": self.fee_year_starts.isoformat(),
                "gbp": self.fee_cap.max_gbp,
                "sources": sources_json(self.fee_cap.sources),
            },
            "warnings": list(self.warnings),
        }


def costs_lookup(
    rules: Rules,
    as_of: dt.date,
    *,
    setting: str | None = None,
    route: str | None = None,
    cohort: str | None = None,
) -> CostsResult:
    """Every cost as of `as_of`, narrowed by the filters; unknown filter values are InputErrors."""
    setting = option_value(setting, list(rules.settings), "--setting", "setting")
    route = option_value(route, [r.id for r in rules.routes], "--route", "route")
    cohort = option_value(cohort, [c.id for c in rules.cohorts], "--cohort", "cohort")
    judged = rules.cohort(cohort) if cohort else rules.next_cohort(as_of)
    items = _items(rules, as_of, route)
    verdicts = _setting_verdicts(rules, as_of, setting, judged) if setting else ()
    if setting and verdicts and all(f.status == "funded" for _, f in verdicts):
        items = tuple(
            i._replace(min_gbp=0, max_gbp=0, payer="dfe") if i.id == "npq_senco" else i for i in items
        )
    fee_year = next_september(as_of)
    shown = judged if judged is None or judged.funding != "not_announced" else _last_announced(rules, judged)
    notes: list[Notice] = []
    if judged is None:
        notes.append(notice(rules, "costs_no_cohort", {"starts": as_of}))
    elif judged.funding == "not_announced":
        notes.append(notice(rules, "costs_not_announced", cohort=judged.label))
    if notes and shown is not None:
        notes.append(notice(rules, "costs_last_announced", cohort=shown.label))
    return CostsResult(
        as_of=as_of,
        data_reviewed=rules.reviewed,
        items=items,
        cohorts=rules.cohorts,
        cohort=judged,
        policy_cohort=shown,
        policy=_policy_lines(rules, shown),
        setting_verdicts=verdicts,
        fee_cap=rules.fee_cap_on(fee_year),
        fee_year_starts=fee_year,
        setting_labels={key: s.label for key, s in rules.settings.items()},
        warnings=tuple(rules.warnings_on(as_of, reform=False)),
        route=route,
        funding_notes=tuple(notes),
    )


def _items(rules: Rules, as_of: dt.date, route_id: str | None) -> tuple[CostItem, ...]:
    items = []
    if route_id is None:
        price, course = rules.npq_price_on(as_of), rules.course
        items.append(
            CostItem(
                "npq_senco",
                price.title,
                price.min_gbp,
                price.max_gbp,
                "you_or_school",
                price.sources + course.sources,
                months_min=course.number("months_to_result_min"),
                months_max=course.number("months_to_result_max"),
                note=say(rules, "cost_npq_free_when_funded"),
            )
        )
    for route in rules.routes:
        if (route_id is None and route.in_force(as_of)) or route.id == route_id:
            option = route_option(route, rules, as_of)
            items.append(
                CostItem(
                    route.id,
                    route.label,
                    option.min_gbp,
                    option.max_gbp,
                    route.payer,
                    option.sources,
                    months_min=option.months_min,
                    months_max=option.months_max,
                    note=route.note,
                )
            )
    if route_id is None:
        trn = rules.trn_price
        items.append(CostItem("trn", trn.title, trn.min_gbp, trn.max_gbp, "you_or_school", trn.sources))
    return tuple(items)


def _last_announced(rules: Rules, cohort: Cohort) -> Cohort | None:
    earlier = [c for c in rules.cohorts if c.starts < cohort.starts and c.funding == "funded"]
    return max(earlier, key=lambda c: c.starts, default=None)


def _policy_lines(rules: Rules, cohort: Cohort | None) -> tuple[PolicyLine, ...]:
    if cohort is not None and cohort.funding == "unfunded":
        return (
            PolicyLine(
                "not_funded", tuple(rules.settings), "", say(rules, "policy_cohort_unfunded"), cohort.sources
            ),
        )
    if cohort is None or cohort.policy is None:
        return ()
    lines = []
    for rule in rules.policies[cohort.policy].rules:
        condition = ""
        if rule.rtta_referred is not None:
            condition = say(rules, "rtta_referred" if rule.rtta_referred else "rtta_not_referred")
        lines.append(PolicyLine(rule.verdict, rule.settings, condition, rule.reason, rule.sources))
    return tuple(lines)


def _setting_verdicts(
    rules: Rules, as_of: dt.date, setting: str, cohort: Cohort | None
) -> tuple[tuple[str, Funding], ...]:
    """The setting's verdict for someone in England never funded before for this NPQ."""
    label = rules.settings[setting].label
    cohort_id = cohort.id if cohort else None
    base = Profile(setting=setting, in_england=True, npq_funded_before=False, npq_cohort=cohort_id)
    if setting != "other":
        return ((label, decide_funding(base, rules, as_of)),)
    return tuple(
        (
            say(
                rules,
                "setting_condition",
                setting=label,
                condition=say(rules, "rtta_referred" if referred else "rtta_not_referred"),
            ),
            decide_funding(base._replace(rtta_referred=referred), rules, as_of),
        )
        for referred in (True, False)
    )
