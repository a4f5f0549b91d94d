-- Knowledge base search on PostgreSQL (knowledge.PostgresKnowledgeSearch): a weighted full-text
-- vector (A: key, title, service; B: summary, cause; C: what resolved it, lessons; D: the whole
-- report) and one text for trigram matching (pg_trgm), so words match inside text too - Korean
-- words glued to particles or to each other ("연결풀이") - both under GIN indexes. The 'simple'
-- configuration splits words without stemming, the same for Korean and English. Trigrams and the
-- parser see Korean letters as letters in a UTF-8 database whose ctype is not C (the default of the
-- postgres image and of initdb under a UTF-8 locale).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE knowledge_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('simple'::regconfig, coalesce(incident_key, '') || ' ' || coalesce(title, '') || ' ' || coalesce(service, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '') || ' ' || coalesce(cause, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(resolution, '') || ' ' || coalesce(lessons, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(full_text, '')), 'D')) STORED;

ALTER TABLE knowledge_entry ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
       coalesce(incident_key, '') || ' ' || coalesce(title, '') || ' ' || coalesce(service, '') || ' '
    || coalesce(summary, '') || ' ' || coalesce(cause, '') || ' ' || coalesce(resolution, '') || ' '
    || coalesce(lessons, '') || ' ' || coalesce(full_text, '')) STORED;

CREATE INDEX knowledge_entry_search_vector ON knowledge_entry USING GIN (search_vector);
CREATE INDEX knowledge_entry_search_trigram ON knowledge_entry USING GIN (search_text gin_trgm_ops);
CREATE INDEX knowledge_entry_service_type ON knowledge_entry (service, incident_type);
CREATE INDEX knowledge_entry_occurred_at ON knowledge_entry (occurred_at);
