-- POST /api/incidents with an Idempotency-Key header: per user and key, the request's SHA-256 and the
-- incident it declared, kept 24 hours (a retry with the same key and body answers that incident; the
-- same key with another body is refused). Written in the declaration's transaction, so a key never
-- names an incident that was rolled back. Portable between H2 and PostgreSQL.
CREATE TABLE declaration_request (
    requested_by    VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    incident_key    VARCHAR(20)  NOT NULL REFERENCES incident (incident_key),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (requested_by, idempotency_key)
);
CREATE INDEX declaration_request_created_idx ON declaration_request (created_at);
