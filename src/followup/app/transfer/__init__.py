"""Importing and exporting a job search: a versioned JSON export, and spreadsheets as CSV.

The file formats themselves (schema, CSV columns, reading) live in `followup.transfer`;
this package writes what they read into the store, all or nothing, and reads it back out.
The JSON format is described for users in docs/export-format.md and for programs in
followup/schema/followup-export.schema.json.
"""

from __future__ import annotations

from followup.app.transfer.csv_duplicates import Duplicate
from followup.app.transfer.csv_export import export_csv
from followup.app.transfer.csv_import import DUPLICATE_CHOICES, choice_of, import_csv
from followup.app.transfer.json_export import export_json
from followup.app.transfer.json_import import import_json, parse_json
from followup.app.transfer.preview_csv import ColumnPreview, CsvPreview, PreviewRow, preview_csv
from followup.transfer.report import ImportReport
from followup.transfer.trackers import CHOICES, IGNORE, KEEP

__all__ = [
    "CHOICES",
    "DUPLICATE_CHOICES",
    "IGNORE",
    "KEEP",
    "ColumnPreview",
    "CsvPreview",
    "Duplicate",
    "ImportReport",
    "PreviewRow",
    "choice_of",
    "export_csv",
    "export_json",
    "import_csv",
    "import_json",
    "parse_json",
    "preview_csv",
]
