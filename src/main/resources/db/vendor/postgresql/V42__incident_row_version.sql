-- Issue 13 (kpi), performance: every write of an incident record takes the next number of
-- incident_row_version_seq (an insert by the column's default, an update by the trigger below,
-- whoever writes: the repository, an import, a correction, an operator's SQL). A reader that keeps a
-- copy of the records (the KPI figures, kpi.KpiRows) asks for the rows above the highest number it
-- has, and checks COUNT and SUM of the numbers against its copy: a transaction that took a lower
-- number but committed later changes the SUM, so nothing is missed. H2 has the same column with
-- ON UPDATE in db/vendor/h2/V42.
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

-- COUNT, SUM and MAX of the numbers, and the rows above a number, from the index alone
CREATE INDEX incident_row_version_idx ON incident (row_version);
