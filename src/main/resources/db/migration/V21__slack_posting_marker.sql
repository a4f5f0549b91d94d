-- A card post in flight: before chat.postMessage, Firebreak commits a marker here (in its own
-- transaction) and posts the card with Slack message metadata carrying it. A node that dies after
-- Slack accepted the post but before message_ts was saved leaves the marker behind; the retried job
-- then looks for the marker in the channel's history (conversations.history) and adopts that
-- message instead of posting the card a second time. Both are cleared once message_ts is saved.
ALTER TABLE slack_delivery ADD COLUMN posting_marker VARCHAR(40);
ALTER TABLE slack_delivery ADD COLUMN posting_at TIMESTAMP WITH TIME ZONE;
