"""The profile: a person's answers, their vocabulary, and the TOML file they live in."""
