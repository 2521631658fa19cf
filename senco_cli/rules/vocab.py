"""The decision codes senco makes, each set declared once (DfE's npq-registration keeps its
funding reasons as named constants the same way). Each step code has its words in
data/wording.toml, and each funding code in data/npq.toml is one of these: both are checked
when the rules are loaded, and mypy checks that the logic names only declared codes."""

from __future__ import annotations

from typing import Literal, get_args

from senco_cli.schema import Field

# What a checklist step decided: data/wording.toml has one [steps.CODE] entry for each.
StepCode = Literal[
    "qts_wales",
    "qts_held",
    "qts_for_england",
    "qts_not_required_here",
    "qts_head_route",
    "qts_depends_on_school",
    "qts_apply_uk",
    "qts_gain",
    "qts_unknown",
    "qts_training",
    "qts_training_undated",
    "qts_training_no_length",
    "qtls_current",
    "qtls_renew",
    "qtls_check_membership",
    "induction_uk",
    "induction_passed",
    "induction_not_required_here",
    "induction_qtls",
    "induction_failed",
    "induction_head_route",
    "induction_not_required_for_you",
    "induction_depends_on_school",
    "induction_unknown",
    "induction_ask_academy",
    "induction_finish",
    "induction_complete",
    "post_teaches",
    "post_not_required_here",
    "post_head_route",
    "post_depends_on_school",
    "post_teach_there",
    "post_unknown",
    "trn_held",
    "trn_not_needed",
    "trn_assumed",
    "trn_find",
    "trn_request",
    "trn_unknown",
    "setting_unknown",
    "role_unknown",
    "start_date_unknown",
    "support_given",
    "support_ask",
    "support_unknown",
    "npq_passed",
    "npq_under_way",
    "npq_registered",
    "npq_deferred",
    "npq_retake",
    "npq_register_again",
    "npq_take_nasenco_late",
    "npq_take",
    "nasenco_counts",
    "nasenco_start_unknown",
    "nasenco_finish",
    "nasenco_dates_unknown",
    "nasenco_gain",
    "duty_not_binding",
    "qualification_not_required_here",
]
STEP_CODES: frozenset[str] = frozenset(get_args(StepCode))

# Why the NPQ would or would not be funded, in DfE's terms (funding_eligibility.rb). The
# engine decides the first six itself; a policy's rules in data/npq.toml give the rest.
FundingCode = Literal[
    "UNFUNDED_COHORT",
    "NOT_IN_ENGLAND",
    "PREVIOUSLY_FUNDED",
    "COHORT_NOT_ANNOUNCED",
    "MISSING_ANSWER",
    "NO_COHORT",
    "ELIGIBLE_SETTING",
    "INELIGIBLE_SETTING",
    "REFERRED_FOR_REVIEW",
    "EARLY_YEARS_INVALID_NPQ",
    "SOURCES_CONFLICT",
]
FUNDING_CODES: tuple[FundingCode, ...] = get_args(FundingCode)

# The values each entry of data/law.toml (and the course and cohort pattern of data/npq.toml)
# must have, beside its title, dates and sources: what the logic reads from it. An entry
# with no values here may have none.
_INT = Field("int", required=True, minimum=0)
_DATE = Field("date", required=True)
LAW_VALUES: dict[str, dict[str, Field]] = {
    "designation": {},
    "qtls": {"body": Field("str", required=True)},
    "qtls_ifl": {"body": Field("str", required=True)},
    "eyts": {},
    "uk_nations": {},
    "induction": {"years": Field("int", required=True, minimum=1)},
    "three_year_duty": {
        "years": Field("int", required=True, minimum=1),
        "previous_service_limit_months": _INT,
        "became_senco_after": Field("date"),  # reg 49(4): shown in the data, not read
    },
    "literal_exemption": {},
    "transition_2009": {"in_post_by": _DATE, "award_by": _DATE},
    "nasenco_transition": {"started_before": _DATE, "completed_before": _DATE},
    "npq_required": {},
    "trn": {},
    "school_support": {},
    "no_leave_extension": {},
    "npq_deferral": {},
    "shared_senco": {},
    "send_reform": {},
    "npq_frameworks_review": {"cohorts_after": _DATE},
}
NPQ_VALUES: dict[str, dict[str, Field]] = {
    "course": {"months_taught": _INT, "months_to_result_min": _INT, "months_to_result_max": _INT},
    "cohort_pattern": {
        "start_month": Field("int", required=True, minimum=1, maximum=12),
        "start_day": Field("int", required=True, minimum=1, maximum=28),
        "registration_open_month": Field("int", minimum=1, maximum=12),
        "registration_open_day": Field("int", minimum=1, maximum=28),
    },
}
# [lead_providers] in data/npq.toml, when given: who offers the NPQ for SENCOs.
LEAD_PROVIDER_VALUES: dict[str, Field] = {"names": Field("str_list", required=True)}
