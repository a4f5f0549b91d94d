-- Issue 13 (kpi), performance: the KPI durations of docs/kpis.md stored with the incident record,
-- computed by the database whenever the record changes (generated columns: a correction, an import or
-- a stage moving a time recomputes them; nothing else writes them), so a KPI answer reads numbers
-- instead of working out five intervals per incident per request. Seconds, double precision; NULL when
-- a time is missing, as the definitions say. kpi_impact_at: impact started at (else detected at);
-- kpi_impact_s and kpi_resolved_s: the same instants as seconds since 1970 (the gap between
-- incidents and the downtime are then subtractions).
-- H2 has the same columns in db/vendor/h2/V39 (EXTRACT over a timestamp with time zone is only
-- STABLE on PostgreSQL, so here every value is the EPOCH of an interval, which is IMMUTABLE).
ALTER TABLE incident
    ADD COLUMN kpi_impact_at TIMESTAMP WITH TIME ZONE
        GENERATED ALWAYS AS (COALESCE(impact_started_at, detected_at)) STORED,
    ADD COLUMN kpi_impact_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (COALESCE(impact_started_at, detected_at)
            - TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')) AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_resolved_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (resolved_at
            - TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')) AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_ttd_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (detected_at - COALESCE(impact_started_at, detected_at)))
            AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_tta_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (acknowledged_at - declared_at)) AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_ttm_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (mitigated_at - COALESCE(impact_started_at, detected_at)))
            AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_ttr_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (resolved_at - COALESCE(impact_started_at, detected_at)))
            AS DOUBLE PRECISION)) STORED,
    ADD COLUMN kpi_ttc_s DOUBLE PRECISION
        GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM (closed_at - resolved_at)) AS DOUBLE PRECISION)) STORED;

-- The counted incidents (no drills, no dismissed false positives) in the order the gap between
-- incidents is taken (per service, by impact start), with everything a KPI answer reads: the answer
-- is an index-only scan that needs no sort for its window, the service and team filters (a team is its
-- services) are its leading column, the period its second; type, severity, impact and source filters
-- are read from the index.
CREATE INDEX incident_kpi_counted_idx ON incident (service, kpi_impact_at, incident_key)
    INCLUDE (incident_type, severity, impact_scope, imported, source, kpi_impact_s, kpi_resolved_s,
             kpi_ttd_s, kpi_tta_s, kpi_ttm_s, kpi_ttr_s, kpi_ttc_s)
    WHERE drill = FALSE AND status <> 'dismissed';
-- a period across all services, narrow (the step table, the version comparison; for the DORA
-- block's join over a whole year PostgreSQL still prefers a sequential scan): the counted incidents
-- of the period and their filter columns without the heap
CREATE INDEX incident_kpi_period_counted_idx ON incident (kpi_impact_at)
    INCLUDE (incident_key, service, incident_type, severity, imported, kpi_impact_s)
    WHERE drill = FALSE AND status <> 'dismissed';
-- the DORA block looks for its three activities first
CREATE INDEX incident_step_activity_key_idx ON incident_step (activity_id, process_key, incident_key);
