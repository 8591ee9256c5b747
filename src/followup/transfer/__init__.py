"""File formats for moving a job search in and out: the JSON export's schema and keys, CSV columns, ical.

Nothing here writes to the store; the import and export use cases are `followup.app.transfer`.
"""
