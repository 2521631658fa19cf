"""The pure engine: from a profile, the rules and an as-of date to a report. No I/O here."""
