"""The user's own service manager (systemd, launchd, Task Scheduler): followup as a background service."""
