-- Who put the copy of a sent follow-up into the Sent folder: the provider by itself, or
-- followup. Once an account's provider is known to file sent mail, an interrupted send
-- that is not in Sent was certainly not taken by the server, and can be sent again
-- without asking; otherwise nothing can tell, and the user decides.
ALTER TABLE outbox ADD COLUMN filed TEXT CHECK (filed IN ('provider', 'copied'));
