-- Knowledge base search on H2 (knowledge.PortableKnowledgeSearch): words are matched with LIKE over
-- the entry's texts, which no index serves; the filters and similar incidents use these.
CREATE INDEX knowledge_entry_service_type ON knowledge_entry (service, incident_type);
CREATE INDEX knowledge_entry_occurred_at ON knowledge_entry (occurred_at);
