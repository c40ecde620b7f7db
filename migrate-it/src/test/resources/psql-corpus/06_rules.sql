CREATE TABLE src (id int, note text);
CREATE TABLE audit (id int, what text);
CREATE RULE log_insert AS ON INSERT TO src DO ALSO (
    INSERT INTO audit VALUES (new.id, 'insert;');
    INSERT INTO audit VALUES (new.id, $$second; action$$)
);
CREATE RULE "no;delete" AS ON DELETE TO src DO INSTEAD NOTHING;
CREATE OR REPLACE RULE log_update AS ON UPDATE TO src WHERE new.note <> ';' DO ALSO (INSERT INTO audit VALUES (old.id, 'update;'); INSERT INTO audit VALUES (new.id, $$new;$$));
CREATE RULE notify_delete AS ON DELETE TO audit DO ALSO (NOTIFY audit; SELECT 1);
INSERT INTO src VALUES (1, 'a');
UPDATE src SET note = 'b';
DELETE FROM src;
SELECT count(*) FROM audit;
