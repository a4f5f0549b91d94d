-- One-time links to set a password (POST /api/directory/people/{id}/invitation). Only the SHA-256
-- of the token is stored; a new invitation replaces an unused one of the same person.
CREATE TABLE person_invitation (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id  VARCHAR(64)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX person_invitation_person_idx ON person_invitation (person_id);
