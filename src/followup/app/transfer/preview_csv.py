"""What importing a spreadsheet would do, for the doors to show before the user confirms.

The preview is the import's own check (`check_csv`) with nothing written: each
column with what it is read as and a sample of its cells, each row with what
would happen to it (added, or here already and left out or updated), and the
problems that keep the file from being imported.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from followup.app.context import Env
from followup.app.transfer.csv_duplicates import Duplicate
from followup.app.transfer.csv_import import ColumnChoices, check_csv
from followup.domain.model import ApplicationStatus
from followup.transfer.report import ImportReport
from followup.transfer.trackers import CHOICES


@dataclass(frozen=True)
class ColumnPreview:
    index: int
    name: str
    read_as: str  # a key of CHOICES
    samples: list[str]

    @property
    def read_as_label(self) -> str:
        return CHOICES[self.read_as]


@dataclass(frozen=True)
class PreviewRow:
    """One row of a spreadsheet as the import will read it."""

    number: int
    company: str
    role: str
    status: ApplicationStatus
    applied_on: date | None
    interview_at: datetime | None
    # "add", or for a row already here "skip" or "update"
    outcome: str
    # The file's word for an interview stage when it dates no interview ("Phone Screen").
    undated_interview: str | None = None


@dataclass(frozen=True)
class CsvPreview:
    columns: list[ColumnPreview]
    rows: list[PreviewRow]
    duplicates: list[Duplicate]
    problems: list[tuple[str, str]]
    report: ImportReport
    tracker: str | None
    remembered: bool
    chosen: bool
    mapping: dict[str, str]

    @property
    def ready(self) -> bool:
        return not self.problems


def preview_csv(
    env: Env,
    data: bytes | str,
    *,
    dates: str | None = None,
    columns: ColumnChoices | None = None,
    duplicates: str = "skip",
    update_rows: Collection[int] = (),
) -> CsvPreview:
    """The preview of importing `data` with these choices (see `import_csv`); writes nothing."""
    check = check_csv(env, data, dates=dates, columns=columns, duplicates=duplicates, update_rows=update_rows)
    sheet = check.sheet
    found = {d.row: d for d in check.duplicates}
    rows = [
        PreviewRow(
            row.number,
            row.company,
            row.role,
            row.status,
            row.applied_on,
            row.interview_at,
            "add" if row.number not in found else "update" if found[row.number].update else "skip",
            row.undated_interview,
        )
        for row in check.rows
    ]
    return CsvPreview(
        columns=[
            ColumnPreview(index, sheet.name(index), read_as, sheet.samples(index))
            for index, read_as in enumerate(check.columns.fields)
        ],
        rows=rows,
        duplicates=check.duplicates,
        problems=check.problems,
        report=check.report,
        tracker=check.tracker,
        remembered=check.remembered,
        chosen=check.chosen,
        mapping=check.mapping,
    )
