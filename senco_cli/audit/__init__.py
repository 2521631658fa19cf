"""`senco audit`: a roster's rows assessed, their results, and the table per school."""
