CREATE TABLE job (
    id       integer PRIMARY KEY,
    kind     text NOT NULL,
    priority integer
);
INSERT INTO job (id, kind) SELECT g, CASE WHEN g % 3 = 0 THEN 'export' ELSE 'import' END FROM generate_series(1, 2000) g;

-- Backfills in batches and commits after each one, so that no lock is held for long on a big table.
CREATE PROCEDURE backfill_job_priority(batch integer)
    LANGUAGE plpgsql
AS $proc$
BEGIN
    LOOP
        UPDATE job SET priority = CASE kind WHEN 'export' THEN 10 ELSE 5 END
        WHERE id IN (SELECT id FROM job WHERE priority IS NULL ORDER BY id LIMIT batch);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END
$proc$;
