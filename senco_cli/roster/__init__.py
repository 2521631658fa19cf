"""A roster read: CSV or workbook, its header matched to the profile's columns, rows into profiles."""
