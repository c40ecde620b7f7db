-- A column that does not exist: the migration fails on line 2.
ALTER TABLE tasks RENAME COLUMN titel TO name;
