"""Does regulation 49 bind this person's SENCO post? Yes, no, or not settled (and why)."""

from __future__ import annotations

import datetime as dt

from senco_cli.logic.memo import by_answers
from senco_cli.logic.notices import say
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Rules, Setting

NOT_YET_SENCO = (None, "planning", "no")


class Scope(NamedTuple):
    binds: bool | None  # None: the answers do not settle it
    reason: str  # why it does not bind, or what settles it; empty when it binds


def reg49_scope(profile: Profile, setting: Setting | None, rules: Rules) -> Scope:
    """Does SEND Regulations 2014 reg 49 bind this person's SENCO post? In England only, at
    the settings data/settings.toml marks `statutory` (mainstream state schools and
    maintained nursery schools). None, with what settles it, when the setting is unknown,
    when the post will be at another school, or when a nursery class or sixth form may be
    part of a school. Computed once per assessment (logic.assess.Context)."""
    years = rules.law["three_year_duty"].number("years")
    if profile.in_england is False:
        return Scope(False, say(rules, "scope_england_only"))
    if setting is None:
        return Scope(None, say(rules, "scope_setting_unknown"))
    if setting.statutory:
        return Scope(True, "")
    if not setting.senco_post_here and profile.senco in NOT_YET_SENCO:
        return Scope(None, say(rules, "scope_depends_on_school", setting=setting.label, years=years))
    if setting.may_be_part_of_school and profile.part_of_school is not False:
        answered = say(rules, "scope_answered_part") if profile.part_of_school else ""
        return Scope(
            None,
            say(rules, "scope_part_of_school", answered=answered, setting_lower=setting.label.lower()),
        )
    return Scope(False, say(rules, "scope_not_bound", setting=setting.label))


@by_answers("in_england", "setting", "senco", "part_of_school")
def scope_on(profile: Profile, rules: Rules, as_of: dt.date) -> Scope:
    """reg49_scope for the profile's own setting, decided once per rules, day and answers."""
    return reg49_scope(profile, rules.settings.get(profile.setting or ""), rules)
