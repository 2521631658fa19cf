"""The coloured terminal views (Rich), one module per command."""
