-- When an application was entered into followup, when that is later than its
-- `created_at`: an import dates each application the day it was applied (so that
-- "added in the last week" means what it says), and the note about an application
-- is never due before it was entered. NULL means the same as `created_at` (everything
-- added by hand, and everything from before this column existed).

ALTER TABLE application ADD COLUMN entered_at TEXT;
