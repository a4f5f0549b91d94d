-- Incident updates now reach subscribers through subscriber_outbox (V6), like maintenance notices
-- and confirmation links; the per-update delivery log of V4 is no longer written or read.
DROP TABLE subscriber_delivery;
