-- Alert updates of an incident's chat channel, coalesced (issue 12, "calm channels"): each update
-- redraws the incident's card in place at once; a separate update post, summarising the alert
-- timeline since the previous one, goes out at most once per firebreak.notify.alert-update-interval,
-- and never before the opening announcement. A sweep posts what is still waiting when the
-- interval ends, so the last state is always posted.
CREATE TABLE chat_alert_update (
    incident_key   VARCHAR(20)  NOT NULL PRIMARY KEY,
    -- when the opening announcement went to the incident's channel; null: updates wait for it
    opened_at      TIMESTAMP WITH TIME ZONE,
    -- alert updates arrived that no update post has summarised yet
    pending        BOOLEAN      NOT NULL DEFAULT FALSE,
    -- the waiting update post goes out then (the end of the interval); null: nothing scheduled
    due_at         TIMESTAMP WITH TIME ZONE,
    last_post_at   TIMESTAMP WITH TIME ZONE,
    -- the newest timeline entry (id) an update post has summarised
    summarised_to  BIGINT       NOT NULL DEFAULT 0,
    posts          INTEGER      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chat_alert_update_due_idx ON chat_alert_update (pending, due_at);
