-- The knowledge base (package knowledge): one entry per published incident report, written when the
-- report is published and again when it is re-published. Portable between H2 and PostgreSQL; the
-- search indexes are per vendor (db/vendor/{vendor}/V26__knowledge_search.sql).
CREATE TABLE knowledge_entry (
    incident_key  VARCHAR(20)  NOT NULL PRIMARY KEY,
    title         VARCHAR(200) NOT NULL,
    service       VARCHAR(100) NOT NULL,
    incident_type VARCHAR(40),
    severity      VARCHAR(10),
    summary       TEXT,
    cause         TEXT,
    resolution    TEXT,
    lessons       TEXT,
    full_text     TEXT         NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
