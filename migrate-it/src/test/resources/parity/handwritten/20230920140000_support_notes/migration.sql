/* Notes for support staff.
   /* Nested: the old design kept notes in items; see ticket OPS-12; it's gone. */
   still inside the outer comment; DROP TABLE items; */
CREATE TABLE notes (
    id   serial PRIMARY KEY,
    body text NOT NULL
);

INSERT INTO notes (body) VALUES (E'it\'s; escaped\n');
INSERT INTO notes (body) VALUES (E'tab\there; backslash \\ done'), ('plain ''quoted''; text'); -- don't stop here
INSERT INTO notes (body) VALUES (E'ends with a backslash \\'), ('C:\Users\'), (E'octal \101 and hex \x42 and unicode \u00e9;');
INSERT INTO notes (body) VALUES (U&'d\00e9j\00e0 vu; \0041'), ($$dollar; 'quoted' "text"$$), ($tag$ $$ nested $$ ; $tag$);

COMMENT ON TABLE notes IS 'Support notes; free text';
COMMENT ON COLUMN notes.body IS E'Markdown\nallowed; keep it short';
