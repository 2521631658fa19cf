"""One module per command, and what the commands share on the way in and out."""
