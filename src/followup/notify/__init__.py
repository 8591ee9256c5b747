"""Notifications shown on the user's own computer (push to the phone is `mail.push`)."""
