-- The schema every catalogue case starts from: these objects exist before the linted migration.
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, name text, nick text,
    age int, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL, total numeric(12, 2),
    status text, note text, placed_at timestamptz);
CREATE INDEX orders_status_idx ON orders (status);
ALTER TABLE orders ADD CONSTRAINT orders_total_pos CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL);
CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text, payload jsonb, code varchar(10),
    label varchar(10));
CREATE UNIQUE INDEX events_code_key ON events (code);
CREATE TABLE legacy (id bigint PRIMARY KEY, data text);
CREATE TABLE audit (id bigint NOT NULL, msg text);
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE UNIQUE INDEX order_totals_user_idx ON order_totals (user_id);
CREATE DOMAIN positive_int AS int;
CREATE TABLE scores (id bigint PRIMARY KEY, points positive_int);
CREATE TYPE mood AS ENUM ('ok');
CREATE TABLE readings (id bigint NOT NULL, taken date NOT NULL) PARTITION BY RANGE (taken);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
