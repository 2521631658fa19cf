"""Does regulation 49 bind this person's SENCO post? Yes, no, or not settled (and why)."""

from __future__ import annotations

from typing import NamedTuple

from senco_cli.profile.model import Profile
from senco_cli.rules.model import Setting

NOT_YET_SENCO = (None, "planning", "no")


class Scope(NamedTuple):
    binds: bool | None  # None: the answers do not settle it
    reason: str  # why it does not bind, or what settles it; empty when it binds


def reg49_scope(profile: Profile, setting: Setting | None, years: int) -> Scope:
    """`years`: the length of the qualification duty, from the rules."""
    if profile.in_england is False:
        return Scope(False, "Regulation 49 (SEND Regulations 2014) applies in England only.")
    if setting is None:
        return Scope(
            None,
            "QTS, induction and the SENCO qualification are legal requirements only in mainstream "
            "state schools and maintained nursery schools. Answer where you work (senco check --save me.toml; "
            "in a profile file: school.setting).",
        )
    if setting.statutory:
        return Scope(True, "")
    if not setting.senco_post_here and profile.senco in NOT_YET_SENCO:
        return Scope(
            None,
            f"You work as: {setting.label}. The law depends on the school where you will be SENCO: "
            "at a mainstream state school or maintained nursery school in England you would need QTS "
            "(or to be its head), induction where required, to teach there, and the NPQ for SENCOs "
            f"within {years} years of starting; elsewhere the law sets no requirement.",
        )
    if setting.may_be_part_of_school and profile.part_of_school is not False:
        answered = "You answered that it is part of a school. " if profile.part_of_school else ""
        return Scope(
            None,
            f"{answered}A school's nursery class or sixth form is part of that school: answer "
            "school.setting with the school's own setting (for example maintained or academy), "
            f"because the law binds mainstream schools. If it is a separate {setting.label.lower()}, "
            "no legal SENCO rule applies (answer that it is not part of a school).",
        )
    return Scope(False, f"Regulation 49 does not bind this setting ({setting.label}).")
