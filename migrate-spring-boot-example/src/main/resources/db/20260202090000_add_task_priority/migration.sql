-- migrate:no-transaction
ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX CONCURRENTLY tasks_open_by_priority ON tasks (priority DESC) WHERE NOT done;
