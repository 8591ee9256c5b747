"""followup: everything after the job interview."""

__version__ = "0.1.0"
