-- Alone in its migration: the procedure commits between batches.
CALL backfill_job_priority(500);
