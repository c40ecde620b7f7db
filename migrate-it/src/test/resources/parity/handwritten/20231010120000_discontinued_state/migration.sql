-- migrate:no-transaction
-- A value added by ALTER TYPE cannot be used in the transaction that adds it, so this
-- migration runs statement by statement.
ALTER TYPE item_state ADD VALUE IF NOT EXISTS 'discontinued' AFTER 'active';
ALTER TYPE item_state ADD VALUE 'proposed' BEFORE 'draft';
UPDATE items SET state = 'discontinued' WHERE qty = 0;
