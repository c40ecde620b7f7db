CREATE TABLE invoices (
    number    bigint PRIMARY KEY DEFAULT nextval('invoice_number_seq'),
    item_id   integer NOT NULL REFERENCES items (id) ON DELETE RESTRICT,
    total     money_amount NOT NULL,
    issued_on date NOT NULL,
    CONSTRAINT invoices_total_positive CHECK ((total).cents > 0) NOT VALID
);
ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number;

INSERT INTO invoices (item_id, total, issued_on) VALUES
    (1, ROW('EUR', 1999), '2023-10-15'),
    (4, ('GBP', 1250)::money_amount, '2023-10-16');
SELECT setval('invoice_number_seq', 2000, false);
INSERT INTO invoices (item_id, total, issued_on) VALUES (1, ROW('EUR', 3998), '2023-10-17');

COMMENT ON SEQUENCE invoice_number_seq IS 'Invoice numbers; gaps are fine';
COMMENT ON CONSTRAINT invoices_total_positive ON invoices IS 'Validated in a later release';
