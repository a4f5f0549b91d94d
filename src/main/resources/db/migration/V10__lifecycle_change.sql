-- A proposed change of the lifecycle (processes, decisions, forms) and what became of it: checked,
-- reviewed by someone other than its proposer, deployed or rejected. Each step's who and when is a
-- column, so the change's timeline outlives Camunda's history cleanup.
CREATE TABLE lifecycle_change (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    -- proposed, in-review, approved, rejected, deployed
    status              VARCHAR(20)   NOT NULL,
    summary             VARCHAR(2000) NOT NULL,
    -- the proposed files as JSON: {"incident-severity.dmn": "<base64>", ...}
    resources           TEXT          NOT NULL,
    proposed_by         VARCHAR(100)  NOT NULL,
    proposed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64),
    checked_at          TIMESTAMP WITH TIME ZONE,
    check_passed        BOOLEAN,
    -- the model check's problems, one per line (empty when it passed)
    check_result        TEXT,
    -- the rule-by-rule diff of the proposed decision tables against the deployed ones
    decision_diff       TEXT,
    decided_by          VARCHAR(100),
    decided_at          TIMESTAMP WITH TIME ZONE,
    decision_reason     VARCHAR(4000),
    deployment_id       VARCHAR(64),
    deployed_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX lifecycle_change_proposed_at ON lifecycle_change (proposed_at);
