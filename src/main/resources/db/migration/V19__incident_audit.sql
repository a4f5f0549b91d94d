-- The auditor's evidence of an incident (tasks, decisions, approvals, notifications, administrative
-- changes of its process instances), archived when the incident closes so that it outlives the
-- engine's history cleanup. One JSON document per incident, as GET /api/incidents/{key}/audit shows it.
CREATE TABLE incident_audit (
    incident_key VARCHAR(20)  NOT NULL PRIMARY KEY,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    tasks        INTEGER      NOT NULL,
    decisions    INTEGER      NOT NULL,
    evidence     TEXT         NOT NULL
);
