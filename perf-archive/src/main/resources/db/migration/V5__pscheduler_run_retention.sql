-- Run documents follow retention like the esmond values they came with: keyed by the run's start (the ts of its
-- values), so the retention job deletes them by metadata and age with an index range, not a table scan.
ALTER TABLE ps_pscheduler_run ADD COLUMN run_start timestamptz;
-- Runs stored before this column: schedule.start was checked as ISO 8601 with an offset when they came in.
UPDATE ps_pscheduler_run SET run_start = (document -> 'schedule' ->> 'start')::timestamptz;
ALTER TABLE ps_pscheduler_run ALTER COLUMN run_start SET NOT NULL;
DROP INDEX ps_pscheduler_run_metadata;
CREATE INDEX ps_pscheduler_run_metadata ON ps_pscheduler_run (metadata_key, run_start);
