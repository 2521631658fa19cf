"""Every way a result is shown or written: terminal, Markdown, HTML, CSV, xlsx, iCalendar."""
