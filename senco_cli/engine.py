"""assess(): a pure function of (profile, rules, as-of date) giving the whole report."""

from __future__ import annotations

import datetime as dt

from senco_cli.dates import long_date, ordinal
from senco_cli.funding import decide_funding
from senco_cli.npq_timing import NPQ_NOT_BEGUN, NPQ_UNDER_WAY, NpqTiming, npq_timing
from senco_cli.profile import KEY_PATHS, Profile
from senco_cli.qualification import Outcome, senco_qualification
from senco_cli.report import FINISHED, CostItem, Deadline, Funding, Report, RouteOption, Step
from senco_cli.routes import fitting_routes
from senco_cli.rules import Rules, Setting, Source
from senco_cli.scope import reg49_scope

UK_NATIONS = {"wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}

RECENT_COHORT_DAYS = 60


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

    def not_bound(self) -> str:
        return self.scope.reason

    def qtls_counts(self) -> bool:
        return bool(self.profile.qtls and self.profile.set_member)

    def qtls_rule(self) -> str:
        return "qtls" if self.rules.law["qtls"].in_force(self.as_of) else "qtls_ifl"

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
    warnings = list(qualification.warnings) + timing_warnings(ctx, qualification, funding, timing)
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
        defer = law["npq_deferral"].number("defer_months")
        notes.append(
            f"Leave does not pause the {ctx.years}-year clock: regulation 49(4) has no extension for maternity or "
            f"other leave. If you are on the NPQ, ask your provider to defer (typically up to {defer} "
            "months) rather than withdraw, to keep your place."
        )
        sources += law["no_leave_extension"].sources
    if p.npq in ("registered", "studying") or (p.npq_funded_before and p.npq in NPQ_NOT_BEGUN):
        defer = law["npq_deferral"].number("defer_months")
        notes.append(
            "DfE funds this NPQ once: if you cannot continue, defer (providers typically allow up to "
            f"{defer} months) rather than withdraw, or a later place will not be funded."
        )
        sources += law["npq_deferral"].sources
    return notes, tuple(dict.fromkeys(sources))


def _answer(key: str) -> str:
    return f"Answer {KEY_PATHS[key]} in your profile."


def qualified_teacher_step(ctx: Context) -> Step:
    p, law = ctx.profile, ctx.rules.law
    sources = law["designation"].sources
    step_id = "qualified_teacher"
    qtls = law[ctx.qtls_rule()]
    body = qtls.values["body"]
    if p.qts and p.qualified_in == "wales":
        return Step(
            step_id,
            "done",
            "You hold QTS (awarded in Wales)",
            "QTS awarded in Wales is recognised in England automatically; it meets regulation 49(2)(a).",
            sources + law["uk_nations"].sources,
        )
    if p.qts:
        return Step(step_id, "done", "You hold QTS", "QTS meets regulation 49(2)(a).", sources)
    if ctx.qtls_counts():
        return Step(
            step_id,
            "done",
            "QTLS with current membership",
            f"QTLS with current {body} membership counts as QTS in schools.",
            sources + qtls.sources,
        )
    if p.in_england is False and not p.qtls:
        return Step(
            step_id,
            "check",
            "QTS for a SENCO post in England",
            ctx.not_bound() + " To be SENCO at a mainstream state school or maintained nursery school in "
            "England you would need QTS: the routes for teachers outside England are listed below.",
            sources,
        )
    if ctx.statutory is False:
        return Step(
            step_id,
            "not_needed",
            "QTS is not a legal requirement here",
            ctx.not_bound() + " Employers may still ask for QTS.",
            sources + (ctx.setting.sources if ctx.setting else ()),
        )
    if p.head_teacher:
        return Step(
            step_id,
            "not_needed",
            "Head teachers can be SENCO without QTS",
            "As head or acting head you may be designated SENCO under regulation 49(3).",
            sources,
        )
    if ctx.statutory is None:
        return Step(step_id, "check", "Whether you need QTS depends on the school", ctx.scope.reason, sources)
    if p.qtls and p.set_member is False:
        return Step(
            step_id,
            "todo",
            "Renew your SET membership",
            f"QTLS counts as QTS only while your {body} membership is current; renewing it restores "
            "your qualified-teacher status. Nothing else is needed: QTLS holders do not serve induction.",
            qtls.sources,
        )
    if p.qtls and p.set_member is None:
        return Step(
            step_id,
            "check",
            "Check your SET membership is current",
            f"QTLS counts as QTS only with current {body} membership. " + _answer("set_member"),
            qtls.sources,
        )
    nation = ctx.nation()
    if p.qts is False and nation in ("Scotland", "Northern Ireland"):
        return Step(
            step_id,
            "todo",
            "Apply for QTS in England",
            f"Teachers qualified in {nation} apply to the Teaching Regulation Agency for QTS in England "
            "(Apply for QTS). A SENCO here must be a qualified teacher.",
            sources + law["uk_nations"].sources,
        )
    if p.qts is False:
        detail = "A SENCO here must be a qualified teacher: QTS, or QTLS with SET membership."
        extra = sources
        if p.eyts:
            detail += " Early Years Teacher Status is not QTS."
            extra += law["eyts"].sources
        if p.gcse_english_maths is False:
            detail += " Training routes need GCSE English and maths at grade 4/C or an equivalent."
        return Step(
            step_id,
            "todo",
            "Gain qualified teacher status (QTS)",
            detail + " Routes that fit you are listed below.",
            extra,
        )
    return Step(step_id, "check", "Do you hold QTS?", _answer("qts"), sources)


def induction_step(ctx: Context) -> Step:
    p, rule = ctx.profile, ctx.rules.law["induction"]
    step_id = "induction"
    nation = ctx.nation()
    if p.induction == "passed" and nation is not None:
        completed = "probation" if nation == "Scotland" else "induction"
        return Step(
            step_id,
            "done",
            f"{completed.capitalize()} completed in {nation}",
            f"Teachers who completed {completed} in {nation} are exempt from induction in England; "
            "this meets regulation 49(2)(b).",
            rule.sources + ctx.rules.law["uk_nations"].sources,
        )
    if p.induction == "passed":
        return Step(
            step_id,
            "done",
            "Statutory induction passed",
            "Meets regulation 49(2)(b).",
            rule.sources,
        )
    if ctx.statutory is False:
        return Step(
            step_id,
            "not_needed",
            "Induction is not a legal requirement for the role here",
            ctx.not_bound(),
            rule.sources,
        )
    if p.qtls and not p.qts:
        return Step(
            step_id,
            "not_needed",
            "QTLS holders do not serve induction",
            "QTLS holders are exempt from statutory induction.",
            ctx.rules.law[ctx.qtls_rule()].sources,
        )
    if p.induction == "failed":
        return Step(
            step_id,
            "todo",
            "A failed induction bars designation here",
            "Regulation 49(2)(b) needs statutory induction completed satisfactorily: after a failed "
            "induction you cannot be designated SENCO at a school the regulation binds, except as its "
            "head or acting head (49(3)).",
            rule.sources,
        )
    if p.head_teacher and not p.qts:
        return Step(
            step_id,
            "not_needed",
            "Not needed on the head teacher route",
            "Regulation 49(3) has no induction condition.",
            ctx.rules.law["designation"].sources,
        )
    if p.induction == "not_required":
        return Step(
            step_id,
            "not_needed",
            "Induction not required for you",
            "You answered that you are not required to serve induction.",
            rule.sources,
        )
    if ctx.statutory is None:
        return Step(
            step_id,
            "check",
            "Whether you need induction depends on the school",
            ctx.scope.reason,
            rule.sources,
        )
    assert ctx.setting is not None  # the scope is settled only when the setting is known
    state = p.induction if (p.qts is not False or nation is not None) else "not_started"
    if state is None:
        return Step(
            step_id,
            "check",
            "Have you passed statutory induction?",
            _answer("induction"),
            rule.sources,
        )
    if ctx.setting.induction == "check":
        return Step(
            step_id,
            "check",
            "Ask your school whether you must finish induction first",
            "Academies need not require statutory induction until the Children's Wellbeing and "
            "Schools Act 2026 duty is commenced. If your school requires it, you cannot be "
            "designated SENCO until you pass (regulation 49(2)(b)).",
            rule.sources,
        )
    years = rule.number("years")
    if state == "in_progress":
        return Step(
            step_id,
            "in_progress",
            "Finish statutory induction",
            f"Induction lasts {years} school years; you cannot be designated SENCO here until you pass.",
            rule.sources,
        )
    return Step(
        step_id,
        "todo",
        "Complete statutory induction",
        f"After QTS, serve {years} school years of induction; you cannot be designated SENCO here until you pass.",
        rule.sources,
    )


def teaching_post_step(ctx: Context) -> Step:
    p, sources = ctx.profile, ctx.rules.law["designation"].sources
    step_id = "teaching_post"
    if p.teaches_at_school:
        return Step(step_id, "done", "You teach at the school", "Meets regulation 49(2)(c).", sources)
    if ctx.statutory is False:
        return Step(step_id, "not_needed", "No legal teaching-post condition here", ctx.not_bound(), sources)
    if p.head_teacher:
        return Step(
            step_id,
            "not_needed",
            "Not needed on the head teacher route",
            "Regulation 49(3) covers heads and acting heads.",
            sources,
        )
    if ctx.statutory is None and p.setting is not None:
        return Step(
            step_id, "check", "Whether you must teach there depends on the school", ctx.scope.reason, sources
        )
    if p.teaches_at_school is False and ctx.statutory:
        return Step(
            step_id,
            "todo",
            "Work as a teacher at the school",
            "Regulation 49(2)(c): the SENCO must work as a teacher at the school.",
            sources,
        )
    return Step(step_id, "check", "Do you teach at the school?", _answer("teaches_at_school"), sources)


def trn_step(ctx: Context, qualified: bool) -> Step:
    p, sources = ctx.profile, ctx.rules.law["trn"].sources
    step_id = "trn"
    find = "Check payslips, pension statements or training records, or use GOV.UK's Find a lost TRN."
    if p.has_trn or p.trn:
        return Step(
            step_id,
            "done",
            "You have a teacher reference number",
            "You will need it to register for the NPQ.",
            sources,
        )
    if qualified:
        return Step(
            step_id,
            "not_needed",
            "No TRN needed for the qualification",
            "You already hold or are exempt from the SENCO qualification.",
            sources,
        )
    already_has = bool(p.qts or p.eyts or (p.npq not in (None, "none")))
    if p.has_trn is None and already_has:
        return Step(step_id, "done", "You have a TRN as a QTS, EYTS or NPQ holder", find, sources)
    if p.has_trn is False and (already_has or p.teaching_years):
        return Step(
            step_id,
            "todo",
            "Find your TRN",
            "You probably have one: everyone who holds or trains for QTS, EYTS or an NPQ, or pays "
            "into the Teachers' Pension Scheme, is given a TRN. " + find,
            sources,
        )
    if p.has_trn is False:
        return Step(
            step_id,
            "todo",
            "Request a TRN",
            "You need a teacher reference number to register for the NPQ; request one on GOV.UK first.",
            sources,
        )
    return Step(step_id, "check", "Do you have a teacher reference number?", _answer("has_trn"), sources)


def extra_steps(ctx: Context, qualification: Step, qualified: bool) -> list[Step]:
    p, steps = ctx.profile, []
    if p.setting is None:
        steps.append(
            Step(
                "school_setting",
                "check",
                "Where do you work?",
                "The legal rules and NPQ funding depend on it. " + _answer("setting"),
                ctx.rules.law["designation"].sources,
            )
        )
    if not qualified and ctx.statutory is not False:
        if p.senco is None:
            steps.append(
                Step(
                    "senco_role",
                    "check",
                    "Are you a SENCO now?",
                    "Your deadline depends on when you became SENCO. " + _answer("senco"),
                    ctx.rules.law["three_year_duty"].sources,
                )
            )
        elif p.senco == "yes" and p.senco_since is None:
            steps.append(
                Step(
                    "senco_start_date",
                    "check",
                    "When did you become SENCO?",
                    f"Your deadline is the {ordinal(ctx.years)} anniversary of that date. "
                    + _answer("senco_since"),
                    ctx.rules.law["three_year_duty"].sources,
                )
            )
    needs_npq = qualification.status == "todo" and p.npq not in NPQ_UNDER_WAY
    if needs_npq:
        sources = ctx.rules.law["school_support"].sources
        if p.supports_npq:
            steps.append(
                Step(
                    "school_support",
                    "done",
                    "Your school supports your NPQ application",
                    "Lead providers' NPQ applications ask for it.",
                    sources,
                )
            )
        elif p.supports_npq is False:
            steps.append(
                Step(
                    "school_support",
                    "todo",
                    "Ask your school to support your NPQ application",
                    "Lead providers' NPQ applications ask whether your school or employer supports you; talk to your head teacher.",
                    sources,
                )
            )
        else:
            steps.append(
                Step(
                    "school_support",
                    "check",
                    "Will your school support your NPQ?",
                    _answer("supports_npq"),
                    sources,
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
    if status["trn"] == "todo":
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
            f"Starting with {timing.cohort.label} ({long_date(timing.starts)}), the NPQ result is "
            f"expected by about {long_date(timing.result_by)}, after your deadline "
            f"{long_date(deadline.date)}: you cannot finish on the standard schedule. Talk to your "
            "head teacher now."
        )
    if needs_npq and ctx.profile.npq_cohort is None:
        for cohort in ctx.rules.cohorts:
            days_since_start = (ctx.as_of - cohort.starts).days
            if 0 < days_since_start <= RECENT_COHORT_DAYS and cohort.funding == "funded":
                warnings.append(
                    f"{cohort.label} started on {long_date(cohort.starts)}. Registration has run on for "
                    "weeks after the start before, so it may still be open: answer "
                    f'senco_training.npq_cohort = "{cohort.id}" to judge that cohort.'
                )
    return warnings
