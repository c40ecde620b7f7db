-- Inventory service: base schema, written by hand for psql.
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;

CREATE TYPE item_state AS ENUM ('draft', 'active', 'retired');

CREATE DOMAIN positive_qty AS integer NOT NULL DEFAULT 0
    CONSTRAINT positive_qty_check CHECK (VALUE >= 0);
CREATE DOMAIN sku_code AS text
    CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{4}$');

CREATE TYPE money_amount AS (currency char(3), cents bigint);

CREATE SEQUENCE invoice_number_seq AS bigint
    INCREMENT BY 7 MINVALUE 1000 MAXVALUE 9999999 START WITH 1001 CACHE 1 NO CYCLE;

CREATE TABLE items (
    id          integer PRIMARY KEY,
    label       text NOT NULL,
    sku         sku_code UNIQUE,
    qty         positive_qty,
    state       item_state NOT NULL DEFAULT 'active',
    price       money_amount,
    label_lower text GENERATED ALWAYS AS (lower(label)) STORED,
    created_at  timestamptz NOT NULL DEFAULT '2023-09-01 00:00:00+00'
);

CREATE TABLE item_audit (
    id      bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
    item_id integer NOT NULL,
    action  text NOT NULL,
    note    text
);
