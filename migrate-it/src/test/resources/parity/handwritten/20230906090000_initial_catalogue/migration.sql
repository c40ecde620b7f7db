-- Initial catalogue, exported from the legacy system with COPY ... TO stdout.
COPY items (id, label, sku, qty, state) FROM stdin;
1	Widget; large	WID-0001	10	active
2	Gadget	GAD-0002	0	active
3	  Spare part -- untrimmed  	\N	4	draft
4	O'Brien's "best" /* not a comment */	OBR-0004	7	active
5	Tab\tinside and back\\slash	\N	1	retired
6	Semicolon at the end;	SEM-0006	2	active
7	Legacy gizmo	LEG-0007	0	active
\.

-- Prices came separately, as CSV.
CREATE TEMPORARY TABLE price_import (id integer, currency text, cents bigint, remark text);
COPY price_import FROM stdin WITH (FORMAT csv, HEADER true);
id,currency,cents,remark
1,EUR,1999,"plain"
2,USD,250,"has; semicolon, and ""quotes"""
4,GBP,1250,"two
lines"
\.
UPDATE items i SET price = ROW(p.currency, p.cents)::money_amount FROM price_import p WHERE p.id = i.id;
CREATE TABLE price_remarks AS SELECT id, remark FROM price_import ORDER BY id;
DROP TABLE price_import;
