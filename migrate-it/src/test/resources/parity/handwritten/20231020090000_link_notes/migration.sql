-- Written to be run by hand with psql, hence its own transaction block.
START TRANSACTION;
ALTER TABLE notes ADD COLUMN item_id integer REFERENCES items (id);
UPDATE notes SET item_id = 1 WHERE body LIKE 'it%';
SAVEPOINT before_cleanup;
DELETE FROM notes WHERE body LIKE 'plain%';
ROLLBACK TO SAVEPOINT before_cleanup;
UPDATE notes SET body = body || ' (reviewed)' WHERE id = 2;
RELEASE SAVEPOINT before_cleanup;
END;
