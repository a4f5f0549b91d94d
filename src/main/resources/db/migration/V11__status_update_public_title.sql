-- The public title of an incident as published with each status update (drafted from the notice
-- template of the incident type, or chosen by communications); the status page shows the latest.
ALTER TABLE status_update ADD COLUMN title VARCHAR(200);
