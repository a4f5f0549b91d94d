-- Firebreak's Microsoft Teams cards (issue 16). A Teams Workflows webhook can only post: a card can
-- neither be read back nor edited. So an incident gets one full card per Teams channel (sequence 0),
-- and each later event of the incident in that channel is a follow-up card naming the first one
-- (sequence 1, 2, ...). One row per incident, channel and event: the event is the message's words
-- (event_key, a SHA-256 of them), so a retried job, two nodes running the same job, or an event that
-- changed nothing the card says never post a second card.
CREATE TABLE teams_delivery (
    incident_key VARCHAR(20)  NOT NULL,
    -- the channel as Firebreak names it (#incidents, #inc-2026-0042, #incident-drills)
    channel      VARCHAR(100) NOT NULL,
    event_key    VARCHAR(64)  NOT NULL,
    -- 0: the incident's card in this channel; 1, 2, ...: follow-ups, in the order they were claimed
    seq          INTEGER      NOT NULL,
    -- CARD (an incident update) or MESSAGE (an alert update post beside it)
    kind         VARCHAR(10)  NOT NULL,
    text         VARCHAR(4000),
    -- an attempt to post started then and has no answer saved yet (null: none in flight)
    posting_at   TIMESTAMP WITH TIME ZONE,
    -- when Teams accepted the card (202); null: not posted yet
    posted_at    TIMESTAMP WITH TIME ZONE,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_key, channel, event_key),
    CONSTRAINT teams_delivery_seq_uq UNIQUE (incident_key, channel, seq)
);
