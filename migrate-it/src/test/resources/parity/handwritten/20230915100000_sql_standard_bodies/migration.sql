-- SQL-standard function bodies (PostgreSQL 14+): parsed at creation, dependencies tracked.
CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + b; END;

CREATE OR REPLACE FUNCTION stock_level(q integer) RETURNS text
    LANGUAGE sql
    IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN q IS NULL THEN 'unknown'
        WHEN q = 0 THEN 'out; of stock'
        WHEN q < 5 THEN 'low'
        ELSE 'ok'
    END;
END;

CREATE PROCEDURE restock(item integer, amount integer)
    LANGUAGE sql
BEGIN ATOMIC
    UPDATE items SET qty = qty + amount WHERE id = item;
    INSERT INTO item_audit (item_id, action, note)
        VALUES (item, 'restock', CASE WHEN amount > 10 THEN 'big; delivery' ELSE 'small delivery' END);
END;

CREATE FUNCTION items_in_state(s item_state) RETURNS SETOF items
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT * FROM items WHERE state = s ORDER BY id;
END;

CALL restock(2, 5);
CALL restock(6, 20);
