-- An application another tracker had at an interview stage ("Interviewing") without the
-- interview's date. It is past applying, so the note about an application is not for it;
-- instead the playbook asks once for the interview to be added. `undated_interview` holds
-- the tracker's word for the stage; NULL for everything else (and for everything added
-- before this column existed). Adding a nullable column needs no rebuild of the table.

ALTER TABLE application ADD COLUMN undated_interview TEXT;
