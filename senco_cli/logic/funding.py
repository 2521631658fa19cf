"""Would DfE fund the NPQ for SENCOs? Checks in DfE's order, each with a reason code."""

from __future__ import annotations

import datetime as dt

from senco_cli.logic.memo import by_answers
from senco_cli.logic.notices import say
from senco_cli.logic.npq_timing import judged_cohort
from senco_cli.logic.report import Funding
from senco_cli.profile.model import KEY_PATHS, Profile
from senco_cli.rules.model import FundingStatus, Rules, Source
from senco_cli.rules.vocab import FundingCode


@by_answers("npq_cohort", "in_england", "npq_funded_before", "setting", "rtta_referred")
def decide_funding(profile: Profile, rules: Rules, as_of: dt.date) -> Funding:
    """Would DfE fund this person's NPQ for SENCOs in the judged cohort (`judged_cohort`)?
    DfE's order, as its registration service's funding_eligibility.rb: an unfunded cohort,
    not in England, funded before, a cohort not announced, then the setting's policy in
    data/npq.toml. Returns the status (funded | subject_to_review | not_funded | unknown),
    DfE's reason code and the words; a missing answer gives `unknown` naming the key.
    Decided once per rules, day and the answers it reads (a roster shares a few)."""
    cohort = judged_cohort(profile, rules, as_of)
    if cohort is None:
        latest = max(rules.cohorts, key=lambda c: c.starts)
        return Funding(
            "unknown",
            None,
            "NO_COHORT",
            say(rules, "funding_no_cohort", {"starts": as_of}),
            latest.sources,
        )

    skipped = rules.skipped_cohorts(as_of, cohort.starts) if profile.npq_cohort is None else []
    context = "".join(
        say(rules, "funding_skipped_cohort", cohort=c.label, basis=c.note, next_cohort=cohort.label)
        for c in skipped
    )
    if profile.npq_cohort is not None and cohort.note:
        context += f" {cohort.note}"
    context_sources = tuple(s for c in skipped for s in c.sources)

    def verdict(
        status: FundingStatus, code: FundingCode, reason: str, sources: tuple[Source, ...]
    ) -> Funding:
        return Funding(
            status,
            cohort.id,
            code,
            f"{cohort.label}: {reason}{context}",
            tuple(dict.fromkeys(cohort.sources + sources + context_sources)),
            cohort_label=cohort.label,
            cohort_starts=cohort.starts,
        )

    def missing(key: str, question: str) -> Funding:
        return verdict(
            "unknown",
            "MISSING_ANSWER",
            say(rules, "funding_missing_answer", basis=KEY_PATHS[key], question=question),
            (),
        )

    if cohort.funding == "unfunded":
        return verdict(
            "not_funded",
            "UNFUNDED_COHORT",
            say(rules, "funding_unfunded_cohort"),
            (),
        )
    # DfE's order; a settled "no" is given even when the cohort's funding is not announced.
    if profile.in_england is False:
        return verdict(
            "not_funded",
            "NOT_IN_ENGLAND",
            say(rules, "funding_not_in_england"),
            (),
        )
    if profile.npq_funded_before:
        return verdict(
            "not_funded",
            "PREVIOUSLY_FUNDED",
            say(rules, "funding_previously_funded"),
            rules.law["npq_deferral"].sources,
        )
    if cohort.funding == "not_announced" or cohort.policy is None:
        return verdict(
            "unknown",
            "COHORT_NOT_ANNOUNCED",
            say(rules, "funding_not_announced"),
            (),
        )
    if profile.in_england is None:
        return missing("in_england", say(rules, "question_in_england"))
    if profile.npq_funded_before is None:
        return missing("npq_funded_before", say(rules, "question_funded_before"))
    if profile.setting is None:
        return missing("setting", say(rules, "question_setting"))
    if profile.setting == "other" and profile.rtta_referred is None:
        return missing("rtta_referred", say(rules, "question_rtta_referred"))
    policy = rules.policies[cohort.policy]
    rule = next(
        rule
        for rule in policy.rules
        if profile.setting in rule.settings and rule.rtta_referred in (None, profile.rtta_referred)
    )
    reason = rule.reason + (say(rules, "funding_not_guaranteed") if rule.verdict == "funded" else "")
    return verdict(rule.verdict, rule.reason_code, reason, policy.sources + rule.sources)
