CREATE VIEW item_stock AS
    SELECT i.id, i.label, stock_level(i.qty) AS level, add(i.qty, 0) AS qty
    FROM items i
    WHERE i.label <> ';'
    ORDER BY i.id;

CREATE MATERIALIZED VIEW item_audit_summary AS
    SELECT item_id, count(*) AS changes, string_agg(action, ';' ORDER BY id) AS actions
    FROM item_audit
    GROUP BY item_id
WITH DATA;

CREATE UNIQUE INDEX item_audit_summary_item_id ON item_audit_summary (item_id);

COMMENT ON VIEW item_stock IS 'Stock level per item';
COMMENT ON MATERIALIZED VIEW item_audit_summary IS 'Refreshed nightly; see cron';
