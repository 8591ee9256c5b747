"""`followup worker`: the jobs of a hosted installation, run by any number of worker processes on any
number of machines against one PostgreSQL database (docs/hosting.md, "Workers").

A door, like the CLI and the web app: it may import `followup.app` and nothing below it. The queue
is Procrastinate's (its tables in the same database, LISTEN/NOTIFY, periodic tasks, locks, retries);
the jobs themselves are `followup.app.hosted_jobs`. The single-user app never imports this package.
"""
