-- The second wall between accounts (issue #16): every query of the store names its owner (the
-- first wall); PostgreSQL also refuses to show or change another owner's rows. A connection says
-- whose rows it works on in the setting `followup.owner` (the store sets it before each statement,
-- see store/postgresql.py); owner 0 is the installation itself (migrations, the workers' scans
-- over every account, an administrator's aggregate figures). FORCE: followup connects as the
-- tables' owner, which row security would otherwise let through.
--
-- Left open on purpose: owner (the list of ids), account, account_session, invitation,
-- password_reset and sign_in_failure, which signing in must read before anyone is signed in;
-- meta and schema_version (the installation's). coach_link is seen by both of its sides.

CREATE FUNCTION followup_owner() RETURNS BIGINT LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('followup.owner', true), '')::BIGINT $$;

ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON contact USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE application ENABLE ROW LEVEL SECURITY;
ALTER TABLE application FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON application USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE interview ENABLE ROW LEVEL SECURITY;
ALTER TABLE interview FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON interview USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE touchpoint ENABLE ROW LEVEL SECURITY;
ALTER TABLE touchpoint FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON touchpoint USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE action_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_decision FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON action_decision USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE pending_action ENABLE ROW LEVEL SECURITY;
ALTER TABLE pending_action FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON pending_action USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE mail_folder ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_folder FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON mail_folder USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE mail_seen ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_seen FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON mail_seen USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE mail_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_message FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON mail_message USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON outbox USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE mail_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_pending FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON mail_pending USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE import_mapping ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_mapping FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON import_mapping USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE draft_edit ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft_edit FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON draft_edit USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE reminder_sent ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminder_sent FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON reminder_sent USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE coach_note ENABLE ROW LEVEL SECURITY;
ALTER TABLE coach_note FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON coach_note USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE owner_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE owner_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON owner_settings USING (owner_id = followup_owner() OR followup_owner() = 0);

ALTER TABLE owner_secret ENABLE ROW LEVEL SECURITY;
ALTER TABLE owner_secret FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON owner_secret USING (owner_id = followup_owner() OR followup_owner() = 0);

-- No owner column: a row is seen with the parent row it belongs to (whose own policy applies).
ALTER TABLE application_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_contact FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON application_contact USING (EXISTS (SELECT 1 FROM application WHERE application.id = application_contact.application_id));

-- No owner column: a row is seen with the parent row it belongs to (whose own policy applies).
ALTER TABLE reference_named ENABLE ROW LEVEL SECURITY;
ALTER TABLE reference_named FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON reference_named USING (EXISTS (SELECT 1 FROM application WHERE application.id = reference_named.application_id));

-- No owner column: a row is seen with the parent row it belongs to (whose own policy applies).
ALTER TABLE interview_participant ENABLE ROW LEVEL SECURITY;
ALTER TABLE interview_participant FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON interview_participant USING (EXISTS (SELECT 1 FROM interview WHERE interview.id = interview_participant.interview_id));

ALTER TABLE coach_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE coach_link FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON coach_link
    USING (owner_id = followup_owner() OR coach_id = followup_owner() OR followup_owner() = 0)
    WITH CHECK (owner_id = followup_owner() OR followup_owner() = 0);
