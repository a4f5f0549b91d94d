-- Issue 14.4: one row per post-mortem (written when postmortem.bpmn starts): its owner (the incident
-- commander, then the meeting's facilitator), when it is due (the post-mortem policy's postmortemDueIn
-- after the incident was resolved), when it was published and when its owner was reminded.
CREATE TABLE postmortem (
    incident_key VARCHAR(20)  NOT NULL PRIMARY KEY REFERENCES incident (incident_key),
    owner        VARCHAR(100),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE,
    reminded_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX postmortem_due_idx ON postmortem (due_at);

-- who marked an action item done in Firebreak (no tracker configured), and when
ALTER TABLE action_item ADD COLUMN done_by VARCHAR(100);
ALTER TABLE action_item ADD COLUMN done_at TIMESTAMP WITH TIME ZONE;
