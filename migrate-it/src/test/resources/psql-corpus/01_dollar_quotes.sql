-- Dollar quotes, their tags inside strings and comments, and tags inside other dollar quotes.
CREATE TABLE notes (id int PRIMARY KEY, body text);
INSERT INTO notes VALUES (1, '$$ not a quote; $tag$'), (2, 'it''s $a$;');
-- a comment with $$ and $body$ ; and 'a quote
/* a block with $x$ ; and $$ */ INSERT INTO notes VALUES (3, $$dollar ; 'single' "double" -- not a comment$$);
CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
    -- $$ inside a comment inside the body;
    RETURN upper(t) || $x$;$x$ || '$body';
END;
$body$;
CREATE FUNCTION tagged() RETURNS text LANGUAGE sql AS $fn$ SELECT $q$ $fn $$; $q$ $fn$;
SELECT shout('a;b'), tagged();
DO $do$ BEGIN PERFORM 1; RAISE NOTICE '%', $n$done;$n$; END $do$;
SELECT $a$ $b$ ; $b$ $a$ AS nested, $_1$x$_1$ AS underscore;
