-- Issue 13: the times KPIs are measured from (docs/kpis.md).
-- impact_started_at: when the impact began. NULL means "as detected" (detected_at, which for an
-- incident opened by an alert is that alert's startsAt); a later alert of the incident that started
-- earlier moves it back, and an incident commander may correct it (impact_start_corrected: then
-- alerts no longer move it).
ALTER TABLE incident ADD COLUMN impact_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN impact_start_corrected BOOLEAN DEFAULT FALSE NOT NULL;
-- imported: a past incident brought in by an import (issue 14); counted in KPIs, flagged, filterable.
ALTER TABLE incident ADD COLUMN imported BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX incident_kpi_period_idx ON incident (detected_at);
