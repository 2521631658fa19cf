"""The rules: data/*.toml loaded, validated and looked up as of a date."""
