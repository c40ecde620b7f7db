INSERT INTO accounts (name) VALUES ('ada');
INSERT INTO no_such_table VALUES (1);
