-- Similar past incidents (PostgresKnowledgeSearch.similar) take their candidates as the newest reports
-- of the same service and type, of the same service, and of the same type: each an index range read
-- newest first, however large the knowledge base grows.
CREATE INDEX knowledge_entry_service_type_published ON knowledge_entry (service, incident_type, published_at DESC);
CREATE INDEX knowledge_entry_service_published ON knowledge_entry (service, published_at DESC);
CREATE INDEX knowledge_entry_type_published ON knowledge_entry (incident_type, published_at DESC);
