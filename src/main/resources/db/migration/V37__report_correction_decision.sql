-- Issue 14.1: a correction's review (approve-report-correction.bpmn). The reviewer's reason, the
-- report revision an approved correction published, the review's process instance, and the text the
-- section had when the correction was proposed (what the reviewer compared).
ALTER TABLE report_correction ADD COLUMN decision_reason VARCHAR(4000);
ALTER TABLE report_correction ADD COLUMN revision INTEGER;
ALTER TABLE report_correction ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE report_correction ADD COLUMN previous_text TEXT;
ALTER TABLE report_correction ADD COLUMN based_on_revision INTEGER;
