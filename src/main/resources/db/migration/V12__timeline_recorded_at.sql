-- A timeline entry has two times: when it happened (occurred_at, the timeline's order; a
-- responder's note may say "14:35 …") and when Firebreak recorded it (recorded_at).
ALTER TABLE incident_timeline ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE;
UPDATE incident_timeline SET recorded_at = occurred_at;
ALTER TABLE incident_timeline ALTER COLUMN recorded_at SET NOT NULL;
CREATE INDEX incident_timeline_order_idx ON incident_timeline (incident_key, occurred_at, id);
