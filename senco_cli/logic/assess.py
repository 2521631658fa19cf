"""judge() and assess(): pure functions of (profile, rules, as-of date) giving one person's
verdict, and the whole report (the verdict with its notices, notes and costs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from senco_cli.dates import add_months, long_date, ordinal
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.memo import by_answers, once_per_day
from senco_cli.logic.next_action import next_action
from senco_cli.logic.notices import Notice, notice, rules_notices, say
from senco_cli.logic.npq_timing import (
    NPQ_NOT_BEGUN,
    NPQ_UNDER_WAY,
    NpqTiming,
    npq_timing,
    recent_cohorts,
    resubmission_months,
)
from senco_cli.logic.qualification import STILL_OPEN, Outcome, senco_qualification
from senco_cli.logic.report import FINISHED, CostItem, Funding, Report, RouteOption, Step
from senco_cli.logic.routes import RouteUnderWay, fitting_routes, route_under_way
from senco_cli.logic.scope import Scope, scope_on
from senco_cli.logic.situation import Facts, decide_situation, earliest_reading
from senco_cli.logic.verdict import Verdict
from senco_cli.profile.model import KEY_PATHS, Profile
from senco_cli.rules.model import Rules, Setting, Source, StepStatus
from senco_cli.rules.vocab import NoticeCode, StepCode

UK_NATIONS = {"wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}

TRN_ADVICE = ("trn_find", "trn_request")  # a missing TRN: advice to find or request one


class Context:
    """What every step looks at: the answers, the rules, the date and the setting."""

    def __init__(self, profile: Profile, rules: Rules, as_of: dt.date, scope: Scope | None = None) -> None:
        self.profile = profile
        self.rules = rules
        self.as_of = as_of
        self.setting: Setting | None = rules.settings.get(profile.setting or "")
        self.years = rules.law["three_year_duty"].number("years")
        self.scope = scope if scope is not None else scope_on(profile, rules, as_of)
        self.statutory = self.scope.binds

    def qtls_counts(self) -> bool:
        return bool(self.profile.qtls and self.profile.set_member)

    def qtls_rule(self) -> str:
        return "qtls" if self.rules.law["qtls"].in_force(self.as_of) else "qtls_ifl"

    def step(
        self, step_id: str, status: StepStatus, code: StepCode, sources: tuple[Source, ...], **values: Any
    ) -> Step:
        """A checklist step in the words data/wording.toml gives the decision `code`."""
        filled = {"years": self.years, "ordinal": ordinal(self.years), "reason": self.scope.reason, **values}
        title, detail = self.rules.wording[code].fill(filled)
        return Step(step_id, status, title, detail, sources, code)

    def answer(self, key: str) -> str:
        """How to answer the question of profile field `key`, in words."""
        return say(self.rules, "answer_key", key=KEY_PATHS[key])

    def nation(self) -> str | None:
        """Wales, Scotland or Northern Ireland, where the teaching qualification was gained there."""
        return UK_NATIONS.get(self.profile.qualified_in or "")


def assess(profile: Profile, rules: Rules, as_of: dt.date) -> Report:
    """The whole report for one person on `as_of`, a pure function of the answers and the
    rules: the verdict (judge) with its words, the notices, notes and costs."""
    verdict = judge(profile, rules, as_of)
    profile, scope, qualification, timing = (
        verdict.profile,
        verdict.scope,
        verdict.qualification,
        verdict.timing,
    )
    ctx = Context(profile, rules, as_of, scope)
    notices = situation_notices(ctx, verdict.situation, qualification, timing)
    notices += [n for n in qualification.notices if n.level == "urgent"]
    notices += [n for n in qualification.notices if n.level != "urgent"]
    notes, note_sources = NOTES(
        profile,
        rules,
        as_of,
        scope,
        qualification.deadline.applies,
        qualification.qualified,
        timing.starts if timing is not None else None,
    )
    notices += notes
    notices += rules_notices(rules, as_of)
    # A notice whose instruction the next action gives is not said again beside it (issue
    # 23: the AT RISK opening told the person twice to ask about the late cohort).
    action = verdict.next_action
    said = SAID_BY_NEXT_ACTION.get(action.code, ()) if action is not None else ()
    notices = [n for n in notices if n.code not in said]
    notices.sort(key=lambda n: n.level != "urgent")  # stable: urgent ones first
    # The lead providers' list is a source where a notice's words name the providers (the
    # next action cites it itself: NextAction.sources).
    if rules.lead_providers is not None and any(n.code in NAME_PROVIDERS for n in notices):
        note_sources = tuple(dict.fromkeys((*note_sources, *rules.lead_providers.sources)))
    steps = verdict.steps
    report = Report(
        as_of=as_of,
        data_reviewed=rules.reviewed,
        name=profile.name,
        setting_label=ctx.setting.label if ctx.setting else None,
        statutory=verdict.statutory,
        can_be_designated=verdict.can_be_designated,
        qualified=verdict.qualified,
        steps=steps,
        deadline=verdict.deadline,
        funding=verdict.funding,
        costs=COSTS(
            profile,
            rules,
            as_of,
            scope,
            steps[3].code,
            qualification.step.status,
            verdict.routes,
            verdict.funding,
        ),
        routes=verdict.routes,
        warnings=tuple(n.text for n in notices),
        at_risk=verdict.at_risk,
        urgent=tuple(n.text for n in notices if n.level == "urgent"),
        next_cohort=verdict.next_cohort,
        expected_result=verdict.expected_result,
        warning_sources=note_sources,
        situation=verdict.situation,
        notices=tuple(notices),
        next_action=verdict.next_action,
    )
    return report


def judge(profile: Profile, rules: Rules, as_of: dt.date) -> Verdict:
    """One person's verdict on `as_of`, a pure function of the answers and the rules: the
    checklist of SEND Regulations 2014 reg 49 (QTS or QTLS with SET membership, induction,
    working as a teacher at the school, the SENCO qualification within the duty's years),
    the deadline, DfE funding, routes to QTS, the situation decided once (logic.situation)
    and the next action (logic.next_action). `check`, `plan` and `audit` all read it."""
    if profile.senco is None and profile.senco_since is not None:
        profile = profile._replace(senco="yes")  # a date of becoming SENCO says they are or were one
    elif profile.senco is None and profile.senco_from is not None:
        profile = profile._replace(senco="planning")  # a planned start says they plan to be one
    # The steps, funding, routes, costs and notes depend on a few answers each: they are
    # worked out once per rules, day and those answers (logic/memo.py), and shared.
    scope = scope_on(profile, rules, as_of)
    ctx = Context(profile, rules, as_of, scope)
    qualification = senco_qualification(profile, rules, ctx.setting, as_of, scope)
    teacher = QUALIFIED_TEACHER(profile, rules, as_of, scope)
    training = route_under_way(profile, rules, as_of) if teacher.status == "todo" else None
    steps = [
        teacher,
        INDUCTION(profile, rules, as_of, scope),
        TEACHING_POST(profile, rules, as_of, scope),
        TRN(profile, rules, as_of, scope, qualification.qualified),
        qualification.step,
    ]
    steps += EXTRA_STEPS(profile, rules, as_of, scope, qualification.step.status, qualification.qualified)
    # Routes for anyone who must gain QTS (QTLS holders only renew SET membership), and for
    # people abroad or elsewhere weighing a post at a school where QTS is required.
    unsettled_without_qts = ctx.statutory is None and profile.qts is False and not profile.qtls
    wants_routes = (teacher.status == "todo" and not profile.qtls) or (
        teacher.status == "check" and (profile.in_england is False or unsettled_without_qts)
    )
    routes = fitting_routes(profile, rules, as_of) if wants_routes else ()
    if training is not None:  # already training: that route, timed from its start
        routes = (training.option,)
        steps[0] = training_step(ctx, training)
    funding = decide_funding(profile, rules, as_of)
    still_needs_npq = not qualification.qualified and qualification.step.status in STILL_OPEN
    timing = npq_timing(profile, rules, as_of) if still_needs_npq else None
    deadline = qualification.deadline
    designable = can_be_designated(ctx, steps[:3])
    expected = timing.result_by if timing is not None and deadline.applies else None
    situation = decide_situation(
        Facts(
            as_of,
            ctx.statutory,
            profile.senco,
            designable,
            qualification.qualified,
            qualification.settled,
            deadline,
            expected,
            tuple(steps),
        )
    )
    verdict = Verdict(
        as_of=as_of,
        profile=profile,
        scope=scope,
        statutory=ctx.statutory,
        can_be_designated=designable,
        qualified=qualification.qualified,
        steps=tuple(steps),
        qualification=qualification,
        deadline=deadline,
        funding=funding,
        routes=routes,
        timing=timing,
        expected_result=expected,
        next_cohort=timing.cohort if timing and timing.cohort and profile.npq in NPQ_NOT_BEGUN else None,
        situation=situation,
    )
    return verdict._replace(next_action=next_action(verdict, rules))  # decided from the rest


# The notices that tell the person to do what a next action already tells them, by the next
# action's code: asking a lead provider about a cohort that has just started is said by the
# Next line (with the providers to ask and the fallback), not again by a warning beside it.
NAME_PROVIDERS = ("recent_cohort_join", "recent_cohort_soonest")  # notices that name the lead providers
SAID_BY_NEXT_ACTION = {"late_join": NAME_PROVIDERS}


def talk_to(ctx: Context) -> str:
    """Who to talk to about the deadline: a head talks to the governing body or trust."""
    return say(ctx.rules, "who_governing_body" if ctx.profile.head_teacher else "who_head_teacher")


def situation_notices(
    ctx: Context, situation: str, qualification: Outcome, timing: NpqTiming | None
) -> list[Notice]:
    """The notices that follow from the situation and the NPQ's timing: a breach, a passed
    deadline, a result after the earliest deadline reading or with no margin, a result date
    passed, an assumed cohort, a cohort that started in the last weeks."""
    rules, profile = ctx.rules, ctx.profile
    deadline = qualification.deadline
    earliest = earliest_reading(deadline)
    notices: list[Notice] = []
    if situation == "in_breach":
        notices.append(notice(rules, "cannot_be_designated", years=ctx.years))
    if deadline.overdue and deadline.date is not None:
        notices.append(
            notice(
                rules,
                "deadline_passed",
                {"deadline": deadline.date},
                ordinal=ordinal(ctx.years),
                who=talk_to(ctx),
            )
        )
    if timing is None or not deadline.applies or earliest is None:
        return notices
    if deadline.overdue or earliest < ctx.as_of:
        if profile.npq in NPQ_NOT_BEGUN and profile.npq_cohort is None:
            notices += soonest_cohorts(rules, ctx.as_of)
        return notices
    months = resubmission_months(rules)
    result_by = timing.result_by
    label = timing.cohort.label if timing.cohort else say(rules, "next_intake")
    dates = {"result_by": result_by, "deadline": earliest}
    if timing.route == "resubmission":
        code: NoticeCode = "resubmission_after_deadline" if result_by > earliest else "resubmission"
        notices.append(notice(rules, code, dates, months=months, who=talk_to(ctx)))
    elif result_by > earliest and profile.npq in NPQ_UNDER_WAY:
        notices.append(notice(rules, "under_way_after_deadline", dates, who=talk_to(ctx)))
    elif result_by > earliest:
        notices.append(notice(rules, "result_after_deadline", dates, cohort=label, who=talk_to(ctx)))
    elif add_months(result_by, months) > earliest and result_by >= ctx.as_of:
        notices.append(notice(rules, "no_margin", dates, months=months))
    if profile.npq == "awaiting_result" and result_by < ctx.as_of:
        notices.append(notice(rules, "result_date_passed", {"result_by": result_by}))
    if timing.assumed and timing.cohort is not None:
        notices.append(
            notice(rules, "cohort_assumed", {"starts": timing.cohort.starts}, cohort=timing.cohort.label)
        )
    if profile.npq in NPQ_NOT_BEGUN and profile.npq_cohort is None:
        for cohort in recent_cohorts(rules, ctx.as_of):
            late_result = add_months(cohort.starts, rules.course.number("months_to_result_max"))
            cohort_dates = {"starts": cohort.starts, "result_by": late_result, "deadline": earliest}
            if late_result <= earliest:
                notices.append(
                    notice(
                        rules,
                        "recent_cohort_join",
                        cohort_dates,
                        cohort=cohort.label,
                        next_cohort=label,
                        providers=rules.provider_names(),
                    )
                )
            else:
                notices.append(notice(rules, "recent_cohort_also_late", cohort_dates, cohort=cohort.label))
    return notices


@once_per_day
def soonest_cohorts(rules: Rules, as_of: dt.date) -> tuple[Notice, ...]:
    """For a person past the earliest deadline reading who has not begun the NPQ: each funded
    cohort that started in the last weeks, and its soonest result."""
    months = rules.course.number("months_to_result_max")
    return tuple(
        notice(
            rules,
            "recent_cohort_soonest",
            {"starts": cohort.starts, "result_by": add_months(cohort.starts, months)},
            cohort=cohort.label,
            providers=rules.provider_names(),
        )
        for cohort in recent_cohorts(rules, as_of)
    )


def situation_notes(
    ctx: Context, deadline_applies: bool | None, qualified: bool, npq_starts: dt.date | None
) -> tuple[tuple[Notice, ...], tuple[Source, ...]]:
    """What the rules say about this person's circumstances (data/law.toml's titles where
    the rule is its own words), and those rules' sources. `deadline_applies`: the
    qualification duty's deadline applies; `npq_starts`: when the NPQ would start (None:
    no NPQ timed)."""
    p, law, rules = ctx.profile, ctx.rules.law, ctx.rules
    notes: list[Notice] = []
    if p.head_teacher and p.shared_senco:
        notes.append(notice(rules, "head_shared_senco"))
    if p.on_leave and deadline_applies:
        notes.append(notice(rules, "leave_no_pause", years=ctx.years))
    if deferral_note(p):
        notes.append(Notice("npq_deferral", "info", law["npq_deferral"].title + ".", {}))
    review = law["npq_frameworks_review"]
    if frameworks_note(ctx, npq_starts):
        # A new framework may apply to later cohorts.
        notes.append(
            Notice(
                "npq_frameworks_review",
                "info",
                review.title + ".",
                {"cohorts_after": review.date("cohorts_after")},
            )
        )
    optional = ctx.statutory is False and not qualified and p.npq in (None, "none")
    if optional and p.senco == "yes":
        notes.append(notice(rules, "npq_optional_here"))
    return tuple(notes), note_sources(ctx, deadline_applies, npq_starts)


def deferral_note(p: Profile) -> bool:
    return p.npq in ("registered", "studying", "deferred") or bool(
        p.npq_funded_before and p.npq in NPQ_NOT_BEGUN
    )


def frameworks_note(ctx: Context, npq_starts: dt.date | None) -> bool:
    review = ctx.rules.law["npq_frameworks_review"]
    return npq_starts is not None and review.in_force(ctx.as_of) and npq_starts > review.date("cohorts_after")


def note_sources(
    ctx: Context, deadline_applies: bool | None, npq_starts: dt.date | None
) -> tuple[Source, ...]:
    """The rules' sources for the notes of situation_notes."""
    p, law = ctx.profile, ctx.rules.law
    sources: list[Source] = []
    if p.head_teacher and p.shared_senco:
        sources += law["shared_senco"].sources
    if p.on_leave and deadline_applies:
        sources += law["no_leave_extension"].sources
    if deferral_note(p):
        sources += law["npq_deferral"].sources
    if frameworks_note(ctx, npq_starts):
        sources += law["npq_frameworks_review"].sources
    return tuple(dict.fromkeys(sources))


def qualified_teacher_step(ctx: Context) -> Step:
    p, law = ctx.profile, ctx.rules.law
    sources = law["designation"].sources
    qtls = law[ctx.qtls_rule()]
    body = qtls.values["body"]

    def step(status: StepStatus, code: StepCode, cited: tuple[Source, ...] = sources, **values: Any) -> Step:
        return ctx.step("qualified_teacher", status, code, cited, body=body, **values)

    if p.qts and p.qualified_in == "wales":
        return step("done", "qts_wales", sources + law["uk_nations"].sources)
    if p.qts:
        return step("done", "qts_held")
    if ctx.qtls_counts():
        return step("done", "qtls_current", sources + qtls.sources)
    if p.in_england is False and not p.qtls:
        return step("check", "qts_for_england")
    if ctx.statutory is False:
        return step(
            "not_needed", "qts_not_required_here", sources + (ctx.setting.sources if ctx.setting else ())
        )
    if p.head_teacher:
        return step("not_needed", "qts_head_route")
    if ctx.statutory is None:
        return step("check", "qts_depends_on_school")
    if p.qtls and p.set_member is False:
        return step("todo", "qtls_renew", qtls.sources)
    if p.qtls and p.set_member is None:
        return step("check", "qtls_check_membership", qtls.sources, answer=ctx.answer("set_member"))
    nation = ctx.nation()
    if p.qts is False and nation in ("Scotland", "Northern Ireland"):
        return step("todo", "qts_apply_uk", sources + law["uk_nations"].sources, nation=nation)
    if p.qts is False:
        extra, cited = "", sources
        if p.eyts:
            extra += say(ctx.rules, "qts_gain_eyts")
            cited += law["eyts"].sources
        if p.gcse_english_maths is False:
            extra += say(ctx.rules, "qts_gain_gcse")
        return step("todo", "qts_gain", cited, extra=extra)
    return step("check", "qts_unknown", answer=ctx.answer("qts"))


def training_step(ctx: Context, training: RouteUnderWay) -> Step:
    """Training for QTS on a route now: in progress, QTS dated from the route's start."""
    sources = ctx.rules.law["designation"].sources + training.option.sources
    route = training.option.label.split(" (")[0]
    if training.starts is None:
        return ctx.step(
            "qualified_teacher",
            "in_progress",
            "qts_training_undated",
            sources,
            route=route,
            answer=ctx.answer("qts_route_started"),
        )
    if training.qts_by is None:
        return ctx.step(
            "qualified_teacher",
            "in_progress",
            "qts_training_no_length",
            sources,
            route=route,
            started=long_date(training.starts),
        )
    return ctx.step(
        "qualified_teacher",
        "in_progress",
        "qts_training",
        sources,
        route=route,
        started=long_date(training.starts),
        qts_by=long_date(training.qts_by),
    )


def induction_step(ctx: Context) -> Step:
    p, rule = ctx.profile, ctx.rules.law["induction"]
    nation = ctx.nation()

    def step(
        status: StepStatus, code: StepCode, cited: tuple[Source, ...] = rule.sources, **values: Any
    ) -> Step:
        return ctx.step("induction", status, code, cited, induction_years=rule.number("years"), **values)

    if p.induction == "passed" and nation is not None:
        completed = say(ctx.rules, "completed_probation" if nation == "Scotland" else "completed_induction")
        return step(
            "done",
            "induction_uk",
            rule.sources + ctx.rules.law["uk_nations"].sources,
            nation=nation,
            completed=completed,
            completed_title=completed.capitalize(),
        )
    if p.induction == "passed":
        return step("done", "induction_passed")
    if ctx.statutory is False:
        return step("not_needed", "induction_not_required_here")
    if p.qtls and not p.qts:
        return step("not_needed", "induction_qtls", ctx.rules.law[ctx.qtls_rule()].sources)
    if p.induction == "failed":
        return step("todo", "induction_failed")
    if p.head_teacher and not p.qts:
        return step("not_needed", "induction_head_route", ctx.rules.law["designation"].sources)
    if p.induction == "not_required":
        return step("not_needed", "induction_not_required_for_you")
    if ctx.statutory is None:
        return step("check", "induction_depends_on_school")
    assert ctx.setting is not None  # the scope is settled only when the setting is known
    state = p.induction if (p.qts is not False or nation is not None) else "not_started"
    if state is None:
        return step("check", "induction_unknown", answer=ctx.answer("induction"))
    if ctx.setting.induction == "check":
        return step("check", "induction_ask_academy")
    if state == "in_progress":
        return step("in_progress", "induction_finish")
    return step("todo", "induction_complete")


def teaching_post_step(ctx: Context) -> Step:
    p, sources = ctx.profile, ctx.rules.law["designation"].sources

    def step(status: StepStatus, code: StepCode, **values: Any) -> Step:
        return ctx.step("teaching_post", status, code, sources, **values)

    if p.teaches_at_school:
        return step("done", "post_teaches")
    if ctx.statutory is False:
        return step("not_needed", "post_not_required_here")
    if p.head_teacher:
        return step("not_needed", "post_head_route")
    if ctx.statutory is None and p.setting is not None:
        return step("check", "post_depends_on_school")
    if p.teaches_at_school is False and ctx.statutory:
        return step("todo", "post_teach_there")
    return step("check", "post_unknown", answer=ctx.answer("teaches_at_school"))


def trn_step(ctx: Context, qualified: bool) -> Step:
    """The contract's `trn` step. Since 1 June 2026 DfE's NPQ registration signs people in
    with GOV.UK One Login and has no TRN step (DFE-Digital/npq-registration 556dcda), so a
    missing or unknown TRN is advice: `not_needed`, never a status that makes anyone "not
    ready". The codes say which advice (find it, request it, or whether you have one)."""
    p, sources = ctx.profile, ctx.rules.law["trn"].sources

    def step(status: StepStatus, code: StepCode, **values: Any) -> Step:
        return ctx.step("trn", status, code, sources, **values)

    if p.has_trn or p.trn:
        return step("done", "trn_held")
    if qualified:
        return step("not_needed", "trn_not_needed")
    already_has = bool(p.qts or p.eyts or (p.npq not in (None, "none")))
    if p.has_trn is None and already_has:
        return step("done", "trn_assumed")
    if p.has_trn is False and (already_has or p.teaching_years):
        return step("not_needed", "trn_find")
    if p.has_trn is False:
        return step("not_needed", "trn_request")
    return step("not_needed", "trn_unknown", answer=ctx.answer("has_trn"))


def extra_steps(ctx: Context, qualification_status: StepStatus, qualified: bool) -> tuple[Step, ...]:
    """The steps after the legal ones: the setting, the role or its start to answer, and the
    school's support for the NPQ while the qualification is still to gain."""
    p, law, steps = ctx.profile, ctx.rules.law, []
    if p.setting is None:
        steps.append(
            ctx.step(
                "school_setting",
                "check",
                "setting_unknown",
                law["designation"].sources,
                answer=ctx.answer("setting"),
            )
        )
    if not qualified and ctx.statutory is not False:
        duty_sources = law["three_year_duty"].sources
        if p.senco is None:
            steps.append(
                ctx.step("senco_role", "check", "role_unknown", duty_sources, answer=ctx.answer("senco"))
            )
        elif p.senco == "yes" and p.senco_since is None:
            steps.append(
                ctx.step(
                    "senco_start_date",
                    "check",
                    "start_date_unknown",
                    duty_sources,
                    answer=ctx.answer("senco_since"),
                )
            )
    if qualification_status == "todo" and p.npq not in NPQ_UNDER_WAY:
        sources = law["school_support"].sources
        if p.supports_npq:
            steps.append(ctx.step("school_support", "done", "support_given", sources))
        elif p.supports_npq is False:
            steps.append(ctx.step("school_support", "todo", "support_ask", sources))
        else:
            steps.append(
                ctx.step(
                    "school_support", "check", "support_unknown", sources, answer=ctx.answer("supports_npq")
                )
            )
    return tuple(steps)


def can_be_designated(ctx: Context, legal_steps: list[Step]) -> bool | None:
    if ctx.statutory is False or (ctx.statutory and ctx.profile.head_teacher):
        return True
    statuses = {step.status for step in legal_steps}
    if statuses <= FINISHED_SET:
        return True
    if statuses & ACTING:
        return False
    return None


FINISHED_SET = frozenset(FINISHED)
ACTING = frozenset(("todo", "in_progress"))  # statuses that mean a requirement is not met yet


def cost_items(
    ctx: Context,
    trn_code: str,
    qualification_status: StepStatus,
    routes: tuple[RouteOption, ...],
    funding: Funding,
) -> tuple[CostItem, ...]:
    """What the remaining steps cost: a route to QTS, a TRN where one is to find or request
    (`trn_code`), the NPQ while the qualification is still to gain."""
    items: list[CostItem] = []
    priced = [r for r in routes if r.min_gbp is not None and r.max_gbp is not None]
    if priced:  # routes are listed only when QTS is still to gain
        items.append(
            CostItem(
                "qts_route",
                say(ctx.rules, "cost_qts_routes"),
                min(r.min_gbp or 0 for r in priced),
                max(r.max_gbp or 0 for r in priced),
                "you_or_school",
                tuple(dict.fromkeys(s for r in priced for s in r.sources)),
            )
        )
    if trn_code in TRN_ADVICE:
        trn = ctx.rules.trn_price
        items.append(CostItem("trn", trn.title, trn.min_gbp, trn.max_gbp, "you_or_school", trn.sources))
    if qualification_status in STILL_OPEN and ctx.profile.npq not in NPQ_UNDER_WAY:
        items.append(npq_cost(ctx.rules, funding, ctx.as_of))
    elif ctx.statutory is False and ctx.profile.senco == "yes" and ctx.profile.npq in (None, "none"):
        optional = npq_cost(ctx.rules, funding, ctx.as_of)
        items.append(optional._replace(label=say(ctx.rules, "cost_npq_optional", label=optional.label)))
    return tuple(items)


def npq_cost(rules: Rules, funding: Funding, as_of: dt.date) -> CostItem:
    price = rules.npq_price_on(as_of)
    sources = price.sources + funding.sources
    if funding.status == "funded":
        return CostItem("npq_senco", say(rules, "cost_npq_funded"), 0, 0, "dfe", sources)
    if funding.status == "not_funded":
        return CostItem("npq_senco", price.title, price.min_gbp, price.max_gbp, "you_or_school", sources)
    return CostItem(
        "npq_senco",
        say(rules, "cost_npq_maybe_funded"),
        0,
        price.max_gbp,
        "you_or_school",
        sources,
    )


def on_answers(*fields: str, truthy: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Any]:
    """`part(ctx, *more)` remembered per rules, day, scope, setting, the answers `fields`
    (and the truth of `truthy`) and `more`: called as `remembered(profile, rules, as_of,
    scope, *more)`. The fields must name every answer the part reads (tests/test_memo_keys.py)."""

    def decorate(part: Callable[..., Any]) -> Any:
        @by_answers(*fields, "setting", truthy=truthy)
        def remembered(profile: Profile, rules: Rules, as_of: dt.date, scope: Scope, *more: Any) -> Any:
            return part(Context(profile, rules, as_of, scope), *more)

        remembered.part = part  # type: ignore[attr-defined]
        return remembered

    return decorate


# The parts of a report that depend on a few answers each, remembered by them.
QUALIFIED_TEACHER = on_answers(
    "qts", "qualified_in", "qtls", "set_member", "in_england", "head_teacher", "eyts", "gcse_english_maths"
)(qualified_teacher_step)
INDUCTION = on_answers("induction", "qualified_in", "qts", "qtls", "head_teacher")(induction_step)
TEACHING_POST = on_answers("teaches_at_school", "head_teacher")(teaching_post_step)
TRN = on_answers("has_trn", "qts", "eyts", "npq", truthy=("trn", "teaching_years"))(trn_step)
EXTRA_STEPS = on_answers("senco", "npq", "supports_npq", truthy=("senco_since",))(extra_steps)
COSTS = on_answers("npq", "senco")(cost_items)
NOTES = on_answers("head_teacher", "shared_senco", "on_leave", "npq", "npq_funded_before", "senco")(
    situation_notes
)
