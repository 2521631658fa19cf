"""assess(): a pure function of (profile, rules, as-of date) giving the whole report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.dates import add_months, long_date, ordinal
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.npq_timing import NPQ_NOT_BEGUN, NPQ_UNDER_WAY, NpqTiming, npq_timing
from senco_cli.logic.qualification import Outcome, senco_qualification
from senco_cli.logic.report import FINISHED, CostItem, Deadline, Funding, Report, RouteOption, Step
from senco_cli.logic.routes import fitting_routes
from senco_cli.logic.scope import reg49_scope
from senco_cli.profile.model import KEY_PATHS, Profile
from senco_cli.rules.model import Rules, Setting, Source, StepStatus

UK_NATIONS = {"wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}

RECENT_COHORT_DAYS = 60
TRN_ADVICE = ("trn_find", "trn_request")  # a missing TRN: advice to find or request one


class Context:
    """What every step looks at: the answers, the rules, the date and the setting."""

    def __init__(self, profile: Profile, rules: Rules, as_of: dt.date) -> None:
        self.profile = profile
        self.rules = rules
        self.as_of = as_of
        self.setting: Setting | None = rules.settings.get(profile.setting or "")
        self.years = rules.law["three_year_duty"].number("years")
        self.scope = reg49_scope(profile, self.setting, self.years)
        self.statutory = self.scope.binds

    def qtls_counts(self) -> bool:
        return bool(self.profile.qtls and self.profile.set_member)

    def qtls_rule(self) -> str:
        return "qtls" if self.rules.law["qtls"].in_force(self.as_of) else "qtls_ifl"

    def step(
        self, step_id: str, status: StepStatus, code: str, sources: tuple[Source, ...], **values: Any
    ) -> Step:
        """A checklist step in the words data/wording.toml gives the decision `code`."""
        filled = {"years": self.years, "ordinal": ordinal(self.years), "reason": self.scope.reason, **values}
        title, detail = self.rules.wording[code].fill(filled)
        return Step(step_id, status, title, detail, sources, code)

    def nation(self) -> str | None:
        """Wales, Scotland or Northern Ireland, where the teaching qualification was gained there."""
        return UK_NATIONS.get(self.profile.qualified_in or "")


def assess(profile: Profile, rules: Rules, as_of: dt.date) -> Report:
    if profile.senco is None and profile.senco_since is not None:
        profile = profile._replace(senco="yes")  # a date of becoming SENCO says they are or were one
    ctx = Context(profile, rules, as_of)
    qualification = senco_qualification(profile, rules, ctx.setting, as_of)
    teacher = qualified_teacher_step(ctx)
    steps = [
        teacher,
        induction_step(ctx),
        teaching_post_step(ctx),
        trn_step(ctx, qualification.qualified),
        qualification.step,
    ]
    steps += extra_steps(ctx, qualification.step, qualification.qualified)
    # Routes for anyone who must gain QTS (QTLS holders only renew SET membership), and for
    # people abroad or elsewhere weighing a post at a school where QTS is required.
    unsettled_without_qts = ctx.statutory is None and profile.qts is False and not profile.qtls
    wants_routes = (teacher.status == "todo" and not profile.qtls) or (
        teacher.status == "check" and (profile.in_england is False or unsettled_without_qts)
    )
    routes = fitting_routes(profile, rules, as_of) if wants_routes else ()
    funding = decide_funding(profile, rules, as_of)
    timing = npq_timing(profile, rules, as_of) if not qualification.qualified else None
    at_risk = is_at_risk(qualification.deadline, qualification.qualified, timing)
    notes, note_sources = situation_notes(ctx, qualification)
    review = rules.law["npq_frameworks_review"]
    if timing is not None and review.in_force(as_of) and timing.starts > review.date("cohorts_after"):
        notes.append(review.title + ".")  # a new framework may apply to later cohorts
        note_sources += review.sources
    urgent = timing_warnings(ctx, qualification, funding, timing)
    urgent += [w for w in qualification.warnings if not w.startswith("Check: ")]
    warnings = urgent + [w for w in qualification.warnings if w.startswith("Check: ")]
    warnings += notes + rules.warnings_on(as_of)
    return Report(
        as_of=as_of,
        data_reviewed=rules.reviewed,
        name=profile.name,
        setting_label=ctx.setting.label if ctx.setting else None,
        statutory=ctx.statutory,
        can_be_designated=can_be_designated(ctx, steps[:3]),
        qualified=qualification.qualified,
        steps=tuple(steps),
        deadline=qualification.deadline,
        funding=funding,
        costs=cost_items(ctx, steps, routes, funding),
        routes=routes,
        warnings=tuple(warnings),
        at_risk=at_risk,
        urgent=tuple(urgent),
        next_cohort=timing.cohort if timing and timing.cohort and profile.npq in NPQ_NOT_BEGUN else None,
        expected_result=timing.result_by if timing and qualification.deadline.applies else None,
        warning_sources=note_sources,
    )


def is_at_risk(deadline: Deadline, qualified: bool, timing: NpqTiming | None) -> bool:
    """Overdue, or the standard NPQ schedule gives the result after the deadline."""
    if qualified or not deadline.applies or deadline.date is None:
        return False
    return deadline.overdue or (timing is not None and timing.result_by > deadline.date)


def situation_notes(ctx: Context, qualification: Outcome) -> tuple[list[str], tuple[Source, ...]]:
    """What the rules say about this person's circumstances, with the rules' sources."""
    p, law = ctx.profile, ctx.rules.law
    notes: list[str] = []
    sources: list[Source] = []
    if p.head_teacher and p.shared_senco:
        notes.append(
            "You are head and a SENCO shared between schools: the SEND Code of Practice (6.92 to 6.93) "
            "says a shared SENCO should not be a head teacher at one of the schools, and regulation "
            "49(3) covers only the head or acting head of this school."
        )
        sources += law["shared_senco"].sources
    if p.on_leave and qualification.deadline.applies:
        notes.append(
            f"Leave does not pause the {ctx.years}-year clock: regulation 49(4) has no extension for maternity or "
            "other leave. If you are on the NPQ, ask your provider to defer rather than withdraw, to keep "
            "your place; how long a deferral may last, check with your provider."
        )
        sources += law["no_leave_extension"].sources
    if p.npq in ("registered", "studying", "deferred") or (p.npq_funded_before and p.npq in NPQ_NOT_BEGUN):
        notes.append(law["npq_deferral"].title + ".")
        sources += law["npq_deferral"].sources
    return notes, tuple(dict.fromkeys(sources))


def _answer(key: str) -> str:
    return f"Answer it with senco check --save me.toml (in a profile file: {KEY_PATHS[key]})."


def qualified_teacher_step(ctx: Context) -> Step:
    p, law = ctx.profile, ctx.rules.law
    sources = law["designation"].sources
    qtls = law[ctx.qtls_rule()]
    body = qtls.values["body"]

    def step(status: StepStatus, code: str, cited: tuple[Source, ...] = sources, **values: Any) -> Step:
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
        return step("check", "qtls_check_membership", qtls.sources, answer=_answer("set_member"))
    nation = ctx.nation()
    if p.qts is False and nation in ("Scotland", "Northern Ireland"):
        return step("todo", "qts_apply_uk", sources + law["uk_nations"].sources, nation=nation)
    if p.qts is False:
        extra, cited = "", sources
        if p.eyts:
            extra += " Early Years Teacher Status is not QTS."
            cited += law["eyts"].sources
        if p.gcse_english_maths is False:
            extra += " Training routes need GCSE English and maths at grade 4/C or an equivalent."
        return step("todo", "qts_gain", cited, extra=extra)
    return step("check", "qts_unknown", answer=_answer("qts"))


def induction_step(ctx: Context) -> Step:
    p, rule = ctx.profile, ctx.rules.law["induction"]
    nation = ctx.nation()

    def step(status: StepStatus, code: str, cited: tuple[Source, ...] = rule.sources, **values: Any) -> Step:
        return ctx.step("induction", status, code, cited, induction_years=rule.number("years"), **values)

    if p.induction == "passed" and nation is not None:
        completed = "probation" if nation == "Scotland" else "induction"
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
        return step("check", "induction_unknown", answer=_answer("induction"))
    if ctx.setting.induction == "check":
        return step("check", "induction_ask_academy")
    if state == "in_progress":
        return step("in_progress", "induction_finish")
    return step("todo", "induction_complete")


def teaching_post_step(ctx: Context) -> Step:
    p, sources = ctx.profile, ctx.rules.law["designation"].sources

    def step(status: StepStatus, code: str, **values: Any) -> Step:
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
    return step("check", "post_unknown", answer=_answer("teaches_at_school"))


def trn_step(ctx: Context, qualified: bool) -> Step:
    """The contract's `trn` step. Since 1 June 2026 DfE's NPQ registration signs people in
    with GOV.UK One Login and has no TRN step (DFE-Digital/npq-registration 556dcda), so a
    missing or unknown TRN is advice: `not_needed`, never a status that makes anyone "not
    ready". The codes say which advice (find it, request it, or whether you have one)."""
    p, sources = ctx.profile, ctx.rules.law["trn"].sources

    def step(status: StepStatus, code: str, **values: Any) -> Step:
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
    return step("not_needed", "trn_unknown", answer=_answer("has_trn"))


def extra_steps(ctx: Context, qualification: Step, qualified: bool) -> list[Step]:
    p, law, steps = ctx.profile, ctx.rules.law, []
    if p.setting is None:
        steps.append(
            ctx.step(
                "school_setting",
                "check",
                "setting_unknown",
                law["designation"].sources,
                answer=_answer("setting"),
            )
        )
    if not qualified and ctx.statutory is not False:
        duty_sources = law["three_year_duty"].sources
        if p.senco is None:
            steps.append(
                ctx.step("senco_role", "check", "role_unknown", duty_sources, answer=_answer("senco"))
            )
        elif p.senco == "yes" and p.senco_since is None:
            steps.append(
                ctx.step(
                    "senco_start_date",
                    "check",
                    "start_date_unknown",
                    duty_sources,
                    answer=_answer("senco_since"),
                )
            )
    if qualification.status == "todo" and p.npq not in NPQ_UNDER_WAY:
        sources = law["school_support"].sources
        if p.supports_npq:
            steps.append(ctx.step("school_support", "done", "support_given", sources))
        elif p.supports_npq is False:
            steps.append(ctx.step("school_support", "todo", "support_ask", sources))
        else:
            steps.append(
                ctx.step(
                    "school_support", "check", "support_unknown", sources, answer=_answer("supports_npq")
                )
            )
    return steps


def can_be_designated(ctx: Context, legal_steps: list[Step]) -> bool | None:
    if ctx.statutory is False or (ctx.statutory and ctx.profile.head_teacher):
        return True
    statuses = {step.status for step in legal_steps}
    if statuses <= set(FINISHED):
        return True
    if statuses & {"todo", "in_progress"}:
        return False
    return None


def cost_items(
    ctx: Context, steps: list[Step], routes: tuple[RouteOption, ...], funding: Funding
) -> tuple[CostItem, ...]:
    status = {step.id: step.status for step in steps}
    codes = {step.id: step.code for step in steps}
    items: list[CostItem] = []
    priced = [r for r in routes if r.min_gbp is not None and r.max_gbp is not None]
    if priced:  # routes are listed only when QTS is still to gain
        items.append(
            CostItem(
                "qts_route",
                "Qualified teacher status: the cheapest to the dearest route that fits you",
                min(r.min_gbp or 0 for r in priced),
                max(r.max_gbp or 0 for r in priced),
                "you_or_school",
                tuple(dict.fromkeys(s for r in priced for s in r.sources)),
            )
        )
    if codes["trn"] in TRN_ADVICE:
        trn = ctx.rules.trn_price
        items.append(CostItem("trn", trn.title, trn.min_gbp, trn.max_gbp, "you_or_school", trn.sources))
    if status["senco_qualification"] == "todo" or (
        status["senco_qualification"] == "check" and ctx.profile.npq in (None, "none")
    ):
        items.append(npq_cost(ctx.rules, funding, ctx.as_of))
    return tuple(items)


def npq_cost(rules: Rules, funding: Funding, as_of: dt.date) -> CostItem:
    price = rules.npq_price_on(as_of)
    sources = price.sources + funding.sources
    if funding.status == "funded":
        return CostItem("npq_senco", "NPQ for SENCOs (DfE-funded if you get a place)", 0, 0, "dfe", sources)
    if funding.status == "not_funded":
        return CostItem("npq_senco", price.title, price.min_gbp, price.max_gbp, "you_or_school", sources)
    return CostItem(
        "npq_senco",
        "NPQ for SENCOs: free if DfE funds your place, otherwise the provider's price",
        0,
        price.max_gbp,
        "you_or_school",
        sources,
    )


def timing_warnings(
    ctx: Context, qualification: Outcome, funding: Funding, timing: NpqTiming | None
) -> list[str]:
    deadline = qualification.deadline
    warnings: list[str] = []
    if deadline.overdue and deadline.date is not None:
        warnings.append(
            f"The deadline {long_date(deadline.date)} has passed: the school must not keep an unqualified "
            f"SENCO after the {ordinal(ctx.years)} anniversary (regulation 49(4))."
        )
    needs_npq = qualification.step.status in ("todo", "check") and ctx.profile.npq in NPQ_NOT_BEGUN
    late = (
        needs_npq
        and deadline.date is not None
        and not deadline.overdue
        and timing is not None
        and timing.result_by > deadline.date
    )
    if late and timing is not None and timing.cohort is not None and deadline.date is not None:
        warnings.append(
            f"With {timing.cohort.label}, the NPQ result comes about {long_date(timing.result_by)}, after "
            "your deadline: you cannot finish on the standard schedule. Talk to your head teacher now."
        )
    if needs_npq and deadline.applies and ctx.profile.npq_cohort is None:
        for cohort in ctx.rules.cohorts:
            days_since_start = (ctx.as_of - cohort.starts).days
            if 0 < days_since_start <= RECENT_COHORT_DAYS and cohort.funding == "funded":
                result_by = add_months(cohort.starts, ctx.rules.course.number("months_to_result_max"))
                warnings.append(
                    f"{cohort.label} started on {long_date(cohort.starts)} and would give a result by about "
                    f"{long_date(result_by)}: ask a lead provider now whether you can still join it."
                )
    return warnings
