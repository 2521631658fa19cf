"""`senco plan --format ics`: the plan's key dates as an iCalendar file (RFC 5545)."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from senco_cli.dates import add_months, long_date
from senco_cli.logic.plan import Plan
from senco_cli.text import plural

CALENDAR_MILESTONES = (
    "deadline",
    "deadline_other_reading",
    "register_npq",
    "late_join",
    "registration_opens",
    "cohort_start",
    "latest_cohort_start",
    "nasenco_cut_off",
    "npq_result",
)
# How an event's description marks a date to verify or a result after the deadline.
MARKS = {
    (False, False): "",
    (True, False): " (check: one reading or an assumption)",
    (False, True): " (after the deadline)",
    (True, True): " (check; after the deadline)",
}
DEADLINE_REMINDERS_MONTHS = (6, 1)
# Reminders ring at 09:00 local time: the events are all-day (floating) dates, and a trigger
# relative to the start keeps them floating, so a calendar in England rings at 09:00 GMT or
# BST alike. (RFC 5545 allows an absolute trigger only in UTC, which rang at 10:00 in summer.)
REMINDER_TIME = dt.time(9, 0)


def reminder_offset(event_day: dt.date, ring_on: dt.date) -> dt.timedelta:
    """How far before the all-day event's start (local midnight) a reminder on `ring_on` at
    REMINDER_TIME local time rings: negative, e.g. -P183DT15H."""
    return dt.datetime.combine(ring_on, REMINDER_TIME) - dt.datetime.combine(event_day, dt.time(0, 0))


def plan_calendar(plan: Plan) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//senco//SENCO plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "SENCO plan")
    stamp = dt.datetime.combine(plan.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    seed = plan.uid_seed()
    for milestone in plan.milestones:
        if milestone.id not in CALENDAR_MILESTONES:
            continue
        event = Event()
        # The same person and milestone always get the same UID: re-importing updates the event.
        event.add("uid", f"{milestone.id}-{seed}@senco")
        event.add("summary", f"SENCO: {milestone.label}")
        event.add("dtstart", milestone.date)
        event.add("dtend", milestone.date + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("transp", "TRANSPARENT")
        sources = "\n".join(f"{s.title}: {s.url}" for s in milestone.sources)
        event.add(
            "description",
            f"{milestone.kind.capitalize()} date{MARKS[milestone.check, milestone.after_deadline]}, "
            f"from senco as of {plan.as_of}.\n{sources}",
        )
        if milestone.id == "deadline":
            for months in DEADLINE_REMINDERS_MONTHS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add(
                    "description",
                    f"SENCO qualification deadline in {plural(months, 'month')}: {long_date(milestone.date)}",
                )
                alarm.add("trigger", reminder_offset(milestone.date, add_months(milestone.date, -months)))
                event.add_component(alarm)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
