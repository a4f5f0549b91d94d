-- Knowledge base search on PostgreSQL, made fast by design (knowledge.PostgresKnowledgeSearch,
-- docs/BENCHMARKS.md): two more generated columns under GIN indexes.
--
-- search_bigrams: every two adjacent letters of a run of Korean, Japanese or Chinese letters in the
-- report ("결제DB연결풀해제지연" gives 결제, 연결, 결풀, 풀해, 해제, 제지, 지연), as lexemes without
-- positions. Trigrams need three letters, so a two-letter Korean word (누수, 연결) inside text could
-- only be found by reading every report; its bigrams find it through this index (the search then
-- checks the exact word with ILIKE on those candidates only).
--
-- search_head: the key, title and service alone, so the search can take the reports whose title
-- matches first when a query matches more reports than it ranks (PostgresKnowledgeSearch.CANDIDATES).
--
-- The letter ranges are the same as PostgresKnowledgeSearch.CJK: Hiragana and Katakana, CJK
-- ideographs (extension A and the unified block), Hangul syllables.
CREATE FUNCTION knowledge_bigrams(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(m.run[1], i, 2))), ''::tsvector)
  FROM regexp_matches(body, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]{2,}', 'g') AS m(run),
       generate_series(1, char_length(m.run[1]) - 1) AS i
$$;

ALTER TABLE knowledge_entry ADD COLUMN search_bigrams tsvector GENERATED ALWAYS AS (knowledge_bigrams(
       coalesce(incident_key, '') || ' ' || coalesce(title, '') || ' ' || coalesce(service, '') || ' '
    || coalesce(summary, '') || ' ' || coalesce(cause, '') || ' ' || coalesce(resolution, '') || ' '
    || coalesce(lessons, '') || ' ' || coalesce(full_text, ''))) STORED;

ALTER TABLE knowledge_entry ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, coalesce(incident_key, '') || ' ' || coalesce(title, '') || ' ' || coalesce(service, ''))) STORED;

CREATE INDEX knowledge_entry_search_bigrams ON knowledge_entry USING GIN (search_bigrams);
CREATE INDEX knowledge_entry_search_head ON knowledge_entry USING GIN (search_head);
