-- The board and the Applications page read all of one owner's interviews and touchpoints, in order.
-- With one owner (the local app) a scan of the table is that read; in a hosted installation it would
-- read every account's rows for each page.
CREATE INDEX interview_owner ON interview(owner_id, starts_at);
CREATE INDEX touchpoint_owner ON touchpoint(owner_id, occurred_at);
