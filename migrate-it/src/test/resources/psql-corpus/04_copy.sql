CREATE TABLE items (id int, label text, note text);
COPY items (id, label, note) FROM stdin;
1	semi;colon	'quote
2	$$dollar$$	-- not a comment
3	/* not a comment	\N
4	back\\slash	tab\there
\.
SELECT count(*) FROM items;
copy items FROM STDIN WITH (FORMAT text, DELIMITER '|');
5|E'x;'|$a$
6|;|;
\.
COPY items (id) FROM stdin ; -- data below
7
\.
SELECT label FROM items WHERE id = 5;
