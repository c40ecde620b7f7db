-- A typo in a column name: the migration fails on line 3.
INSERT INTO items (name) VALUES ('first');
INSERT INTO items (nmae) VALUES ('second');
