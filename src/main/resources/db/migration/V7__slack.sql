-- Where Firebreak's Slack incident cards live: one card per incident and channel (the central
-- channel, the incident's own channel, the drill channel), posted once and then updated in place
-- with chat.update. A retried job finds the card here and never posts it twice.
CREATE TABLE slack_delivery (
    incident_key VARCHAR(20)   NOT NULL,
    -- the channel as Firebreak names it: #incidents, #inc-2026-0042, #incident-drills
    channel      VARCHAR(100)  NOT NULL,
    -- Slack's channel id (C0123...) once known: created, or returned by chat.postMessage
    channel_id   VARCHAR(40),
    channel_name VARCHAR(80),
    -- the card's message timestamp (Slack's message id in the channel); null until posted
    message_ts   VARCHAR(40),
    -- the card's latest update line, so the card can be redrawn (e.g. after Acknowledge in Slack)
    last_text    VARCHAR(4000),
    -- e-mails (lowercase, space separated) already looked up and invited to the incident channel,
    -- or found to have no Slack account: each person is looked up once per incident
    invited      VARCHAR(4000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_key, channel)
);
