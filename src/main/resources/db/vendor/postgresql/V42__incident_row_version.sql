-- Issue 13 (kpi), performance: the KPI figures keep a copy of every incident record's KPI columns
-- (kpi.KpiRows) and must know when a record changes, whoever writes it (the repository, an import, a
-- correction, an operator's SQL, another node).
-- 1. Every write of a record takes the next number of incident_row_version_seq (an insert by the
--    column's default, an update by the trigger below). A copy compares COUNT, SUM and MAX of the
--    numbers with its own, reads the rows above its highest number, and finds by the SUM a
--    transaction that took a lower number but committed later.
-- 2. Every insert, update and delete notifies the record's key on the channel
--    firebreak_incident_changed; PostgreSQL delivers it when the transaction commits (never for one
--    rolled back), so a node that listens (kpi.IncidentChanges) reads again only the records told.
-- H2 has the column with ON UPDATE in db/vendor/h2/V42 (and no notifications: it compares).
CREATE SEQUENCE incident_row_version_seq;
ALTER TABLE incident ADD COLUMN row_version BIGINT NOT NULL DEFAULT nextval('incident_row_version_seq');

CREATE FUNCTION incident_next_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_version := nextval('incident_row_version_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER incident_row_version BEFORE UPDATE ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_next_row_version();

CREATE FUNCTION incident_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('firebreak_incident_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.incident_key
      ELSE NEW.incident_key END);
  RETURN NULL;
END
$$;
CREATE TRIGGER incident_changed AFTER INSERT OR UPDATE OR DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_notify_changed();

-- COUNT, SUM and MAX of the numbers, and the rows above a number, from the index alone
CREATE INDEX incident_row_version_idx ON incident (row_version);

-- the DORA block's steps (three activities) and the COUNT and SUM of their ids, which tell the KPI
-- figures whether their copy of them is current, from the index alone
CREATE INDEX incident_step_recovery_idx ON incident_step (activity_id) INCLUDE (id, incident_key, process_key, ended_at);
