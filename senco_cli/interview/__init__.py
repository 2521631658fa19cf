"""The interview: questions as data, typed answers, the flow, and the terminal that asks."""
