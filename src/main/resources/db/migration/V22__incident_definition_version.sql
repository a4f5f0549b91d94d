-- Issue 13 (kpi), point 4: which version of each process and decision table an incident ran under,
-- so KPIs can be compared by version (docs/kpis.md, "The effect of process changes"). Copied from the
-- engine's history when the incident reaches a stage (the history is cleaned after its time to live;
-- these rows are not). One row per incident and definition: the version it first ran under.
CREATE TABLE incident_definition_version (
    incident_key     VARCHAR(20)  NOT NULL,
    definition_type  VARCHAR(10)  NOT NULL,
    definition_key   VARCHAR(255) NOT NULL,
    version          INTEGER      NOT NULL,
    definition_id    VARCHAR(64)  NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_key, definition_type, definition_key)
);
CREATE INDEX incident_definition_version_idx ON incident_definition_version (definition_type, definition_key, version);

-- The Prometheus KPI histograms are exported by one node of the cluster: the node holding this
-- lease (renewed at every scrape; taken over by another node once it has expired).
CREATE TABLE kpi_exporter_lease (
    lease_name  VARCHAR(40)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(100),
    expires_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO kpi_exporter_lease (lease_name, holder, expires_at) VALUES ('incident-kpis', NULL, NULL);
