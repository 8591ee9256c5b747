"""The mailbox: reading replies (parse, classify, match, sync, import) and sending follow-ups."""
