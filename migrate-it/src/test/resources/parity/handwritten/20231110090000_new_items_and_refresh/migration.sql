INSERT INTO items (id, label, sku, qty, state)
    VALUES (10, make_label('BOX', add(2, 3)), 'BOX-0005', 3, 'proposed'),
           (11, '  padded label  ', NULL, item_qty(1), 'active');
UPDATE items SET label = label || ' v2' WHERE id = 2;

COMMENT ON FUNCTION add(integer, integer) IS 'Adds; two numbers';
COMMENT ON DOMAIN sku_code IS 'AAA-9999';
COMMENT ON TRIGGER items_audit ON items IS $c$Writes item_audit; see audit_item()$c$;
COMMENT ON TYPE item_state IS 'Life cycle of an item';

-- The last statement has no semicolon, which psql accepts at the end of a file
REFRESH MATERIALIZED VIEW item_audit_summary