"""The day an employer promised news by, read from the user's own words: the capture form, the
interview API, "news promised by" fields and `followup log`/`interview capture` all read it here,
by the one reader replies are read with (`followup.reading.when`, docs/dates.md)."""

from followup.reading.when import ParsedTimeline, interview_timeline, parse_timeline, promised_day

__all__ = ["ParsedTimeline", "interview_timeline", "parse_timeline", "promised_day"]
