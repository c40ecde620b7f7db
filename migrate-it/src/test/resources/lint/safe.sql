-- case: add-nullable-column
ALTER TABLE users ADD COLUMN bio text;

-- case: add-column-constant-default
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;

-- case: add-column-stable-default
ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT now();

-- case: add-column-text-default
ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT '';

-- case: add-array-column
ALTER TABLE users ADD COLUMN tags text[];

-- case: create-table-good-types
CREATE TABLE good (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), data jsonb, amount numeric(12, 2));

-- case: create-index-concurrently
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);

-- case: create-unique-index-concurrently
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_uidx ON users (email);

-- case: drop-index-concurrently
DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;

-- case: reindex-concurrently
REINDEX INDEX CONCURRENTLY orders_status_idx;

-- case: foreign-key-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- case: check-not-valid
ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0) NOT VALID;

-- case: validate-check
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_pos;

-- case: validate-foreign-key
ALTER TABLE payments VALIDATE CONSTRAINT payments_order_fk;

-- case: set-not-null-proven-by-check
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;

-- case: unique-constraint-using-index
ALTER TABLE events ADD CONSTRAINT events_code_key UNIQUE USING INDEX events_code_key;

-- case: create-view
CREATE VIEW active_users AS SELECT id, email FROM users;

-- case: create-function
CREATE FUNCTION add_one(i bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT i + 1 $$;

-- case: create-enum
CREATE TYPE colour AS ENUM ('red', 'green');

-- case: add-enum-value-in-order
ALTER TYPE mood ADD VALUE 'great' AFTER 'ok';

-- case: comment-on-table
COMMENT ON TABLE users IS 'people who sign in';

-- case: set-column-default
ALTER TABLE events ALTER COLUMN kind SET DEFAULT 'x';

-- case: set-statistics
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;

-- case: varchar-to-text
ALTER TABLE events ALTER COLUMN label TYPE text;

-- case: index-on-new-table
CREATE TABLE t2 (id bigint PRIMARY KEY, v text);
CREATE INDEX t2_v_idx ON t2 (v);

-- case: new-table-references-existing
CREATE TABLE line_items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));

-- case: insert-rows
INSERT INTO users (email) VALUES ('someone@example.com');

-- case: batched-update
UPDATE orders SET status = 'new' WHERE id BETWEEN 1 AND 10000;

-- case: data-only-update
UPDATE orders SET note = '' WHERE note IS NULL;

-- case: drop-table-created-here
CREATE TABLE tmp_x (id bigint);
DROP TABLE tmp_x;

-- case: rename-column-of-new-table
CREATE TABLE r (id bigint PRIMARY KEY, a text);
ALTER TABLE r RENAME COLUMN a TO b;

-- case: create-schema-and-sequence
CREATE SCHEMA reporting;
CREATE SEQUENCE reporting.batch_seq AS bigint;

-- case: grant
GRANT SELECT ON users TO PUBLIC;

-- case: lock-timeout-in-file
-- option: no-lock-timeout
SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN phone text;

-- case: lock-timeout-directive
-- option: no-lock-timeout
-- migrate:lock-timeout 5s
ALTER TABLE users ADD COLUMN fax text;

-- case: ignored-above-statement
-- migrate:lint-ignore drop-table legacy is unused since version 3
DROP TABLE legacy;

-- case: ignored-for-the-file
-- migrate:lint-ignore rename-column the application reads both names through a view

ALTER TABLE users RENAME COLUMN nick TO handle;

-- case: create-unlogged-cache-table
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);

-- case: vacuum-analyze
VACUUM ANALYZE users;

-- case: analyze
ANALYZE orders;

-- case: set-fillfactor
ALTER TABLE events SET (fillfactor = 80);

-- case: drop-view-created-here
CREATE VIEW v_tmp AS SELECT 1 AS one;
DROP VIEW v_tmp;

-- case: detach-partition-concurrently
-- option: server 14
-- migrate:no-transaction
ALTER TABLE readings DETACH PARTITION readings_2025 CONCURRENTLY;

-- case: detach-partition-of-new-table
CREATE TABLE samples (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE samples_2025 PARTITION OF samples FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE samples DETACH PARTITION samples_2025;

-- case: robust-statements-without-transaction
-- migrate:no-transaction
CREATE TABLE IF NOT EXISTS t3 (id bigint PRIMARY KEY, v text);
CREATE INDEX IF NOT EXISTS t3_v_idx ON t3 (v);
ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;
ALTER TABLE t3 DROP COLUMN IF EXISTS v;
DROP TABLE IF EXISTS t3;

-- case: qualified-table-without-configured-schema
-- option: no-schema
CREATE TABLE public.t4 (id bigint PRIMARY KEY);

-- case: identifier-of-63-bytes
CREATE TABLE a_table_name_of_exactly_sixty_three_bytes_which_postgres_keeps_ (id bigint PRIMARY KEY);

-- case: long-text-is-no-identifier
INSERT INTO users (email) VALUES ('a string literal that is far longer than sixty three bytes, which is fine@example.com');

-- case: domain-without-constraint
CREATE DOMAIN label AS text;

-- case: drop-function-created-here
CREATE FUNCTION scratch() RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION scratch();

-- case: rename-type-created-here
CREATE TYPE colour2 AS ENUM ('red');
ALTER TYPE colour2 RENAME TO hue;

-- case: drop-trigger-of-new-table
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
CREATE TRIGGER drafts_touch BEFORE UPDATE ON drafts FOR EACH ROW EXECUTE FUNCTION touch();
DROP TRIGGER drafts_touch ON drafts;

-- case: replace-view-same-columns
CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users WHERE email IS NOT NULL;

-- case: replace-column-default
ALTER TABLE tickets ALTER COLUMN code SET DEFAULT 'open';

-- case: drop-constraint-added-here
ALTER TABLE orders ADD CONSTRAINT orders_total_cap CHECK (total < 1000000000) NOT VALID;
ALTER TABLE orders DROP CONSTRAINT orders_total_cap;

-- case: revoke-on-new-table
CREATE TABLE private_notes (id bigint PRIMARY KEY, body text);
REVOKE ALL ON private_notes FROM PUBLIC;

-- case: revoke-on-new-function
CREATE FUNCTION secret() RETURNS int LANGUAGE sql AS 'SELECT 42';
REVOKE EXECUTE ON FUNCTION secret() FROM PUBLIC;

-- case: replica-identity-of-new-table
CREATE TABLE feed (id bigint PRIMARY KEY, body text);
ALTER TABLE feed REPLICA IDENTITY FULL;

-- case: disable-trigger-of-new-table
CREATE TABLE imports (id bigint PRIMARY KEY, body text);
CREATE TRIGGER imports_touch BEFORE UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE imports DISABLE TRIGGER imports_touch;

-- case: enable-trigger
ALTER TABLE orders ENABLE TRIGGER orders_touch;

-- case: set-schema-of-new-table
CREATE SCHEMA staging;
CREATE TABLE staged (id bigint PRIMARY KEY);
ALTER TABLE staged SET SCHEMA staging;

-- case: drop-policy-created-here
CREATE POLICY legacy_write ON legacy FOR UPDATE USING (true);
DROP POLICY legacy_write ON legacy;

-- case: identity-of-new-table
CREATE TABLE counters (n bigint NOT NULL);
ALTER TABLE counters ALTER COLUMN n ADD GENERATED ALWAYS AS IDENTITY;
ALTER TABLE counters ALTER COLUMN n SET GENERATED BY DEFAULT;
ALTER TABLE counters ALTER COLUMN n DROP IDENTITY;

-- case: drop-column-with-serial-sequence
-- migrate:lint-ignore drop-column the column is unused since the previous release
ALTER TABLE tickets DROP COLUMN seq;

-- case: recreate-view-with-another-column
DROP VIEW user_emails;
CREATE VIEW user_emails AS SELECT id, email, name FROM users WHERE name IS NOT NULL;

-- case: recreate-function-with-another-result
DROP FUNCTION order_count();
CREATE FUNCTION order_count() RETURNS numeric LANGUAGE sql AS 'SELECT count(*)::numeric FROM orders';
