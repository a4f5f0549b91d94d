-- Issue 13 (kpi), performance: every write of an incident record takes the next number of
-- incident_row_version_seq (the same column as db/vendor/postgresql/V42, where the comments say
-- why; H2 sets it on insert by the default and on every update that changes the row by ON UPDATE).
CREATE SEQUENCE incident_row_version_seq;
ALTER TABLE incident ADD COLUMN row_version BIGINT DEFAULT NEXT VALUE FOR incident_row_version_seq
    ON UPDATE NEXT VALUE FOR incident_row_version_seq NOT NULL;
CREATE INDEX incident_row_version_idx ON incident (row_version);
CREATE INDEX incident_step_recovery_idx ON incident_step (activity_id, id);
