"""senco: what stands between a teacher in England and the SENCO role."""

__version__ = "0.1.0"


def version_text() -> str:
    """What --version prints: the version, and when the rules were last reviewed."""
    from senco_cli.rules.folder import reviewed_date

    reviewed = reviewed_date() or "unknown (sources.toml has no reviewed date)"
    return f"senco {__version__}\nrules reviewed {reviewed}\n"
