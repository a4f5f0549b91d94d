-- Issue 13 (kpi), performance: the KPI durations stored with the incident record, computed by the
-- database whenever the record changes (generated columns); the same columns as
-- db/vendor/postgresql/V39, where the comments say more. Seconds, double precision, NULL when a time
-- is missing.
ALTER TABLE incident ADD COLUMN kpi_impact_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(impact_started_at, detected_at));
ALTER TABLE incident ADD COLUMN kpi_impact_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM COALESCE(impact_started_at, detected_at)) AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_resolved_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM resolved_at) AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_ttd_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM detected_at) - EXTRACT(EPOCH FROM COALESCE(impact_started_at, detected_at))
        AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_tta_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM acknowledged_at) - EXTRACT(EPOCH FROM declared_at) AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_ttm_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM mitigated_at) - EXTRACT(EPOCH FROM COALESCE(impact_started_at, detected_at))
        AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_ttr_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM COALESCE(impact_started_at, detected_at))
        AS DOUBLE PRECISION));
ALTER TABLE incident ADD COLUMN kpi_ttc_s DOUBLE PRECISION
    GENERATED ALWAYS AS (CAST(EXTRACT(EPOCH FROM closed_at) - EXTRACT(EPOCH FROM resolved_at) AS DOUBLE PRECISION));

CREATE INDEX incident_kpi_counted_idx ON incident (service, kpi_impact_at, incident_key);
CREATE INDEX incident_kpi_period_counted_idx ON incident (kpi_impact_at);
CREATE INDEX incident_step_activity_key_idx ON incident_step (activity_id, process_key, incident_key);
