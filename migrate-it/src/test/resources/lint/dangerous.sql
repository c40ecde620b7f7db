-- case: add-column-volatile-default
-- expect: table-rewrite users
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- case: add-column-clock-default
-- expect: table-rewrite users
ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT clock_timestamp();

-- case: add-column-random-default
-- expect: table-rewrite events
ALTER TABLE events ADD COLUMN r float8 DEFAULT random();

-- case: alter-column-type-int-to-bigint
-- expect: table-rewrite users
ALTER TABLE users ALTER COLUMN age TYPE bigint;

-- case: alter-column-type-using
-- expect: table-rewrite orders
ALTER TABLE orders ALTER COLUMN status TYPE int USING 0;

-- case: add-serial-column
-- expect: table-rewrite events
-- expect: prefer-identity events.seq
-- expect: prefer-bigint events.seq
ALTER TABLE events ADD COLUMN seq serial;

-- case: add-identity-column
-- expect: table-rewrite legacy
ALTER TABLE legacy ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;

-- case: add-stored-generated-column
-- expect: table-rewrite orders
ALTER TABLE orders ADD COLUMN doubled numeric GENERATED ALWAYS AS (total * 2) STORED;

-- case: set-unlogged
-- expect: table-rewrite legacy
ALTER TABLE legacy SET UNLOGGED;

-- case: cluster
-- expect: table-rewrite orders
CLUSTER orders USING orders_status_idx;

-- case: vacuum-full
-- expect: table-rewrite legacy
VACUUM FULL legacy;

-- case: refresh-materialized-view
-- expect: table-rewrite order_totals
REFRESH MATERIALIZED VIEW order_totals;

-- case: reindex-index
-- expect: table-rewrite orders_status_idx
REINDEX INDEX orders_status_idx;

-- case: create-index
-- expect: index-not-concurrent users
CREATE INDEX users_name_idx ON users (name);

-- case: create-unique-index
-- expect: index-not-concurrent users
CREATE UNIQUE INDEX users_email_key ON users (email);

-- case: create-index-on-materialized-view
-- expect: index-not-concurrent order_totals
CREATE INDEX order_totals_total_idx ON order_totals (total);

-- case: add-unique-constraint
-- expect: constraint-builds-index users
ALTER TABLE users ADD CONSTRAINT users_email_uniq UNIQUE (email);

-- case: add-primary-key
-- expect: constraint-builds-index audit
ALTER TABLE audit ADD PRIMARY KEY (id);

-- case: add-exclusion-constraint
-- expect: constraint-builds-index orders
ALTER TABLE orders ADD CONSTRAINT orders_status_excl EXCLUDE USING btree (status WITH =);

-- case: add-foreign-key
-- expect: foreign-key-validated orders
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- case: add-column-with-references
-- expect: foreign-key-validated orders
ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id);

-- case: add-check-constraint
-- expect: check-validated users
ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0);

-- case: add-column-with-check
-- expect: check-validated users
ALTER TABLE users ADD COLUMN level bigint CHECK (level > 0);

-- case: set-not-null
-- expect: set-not-null-scan users.name
ALTER TABLE users ALTER COLUMN name SET NOT NULL;

-- case: set-not-null-check-not-validated
-- expect: set-not-null-scan users.nick
ALTER TABLE users ADD CONSTRAINT users_nick_nn CHECK (nick IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN nick SET NOT NULL;

-- case: drop-index
-- expect: drop-index-not-concurrent orders_status_idx
DROP INDEX orders_status_idx;

-- case: no-lock-timeout-add-column
-- option: no-lock-timeout
-- expect: lock-timeout-missing users
ALTER TABLE users ADD COLUMN bio text;

-- case: no-lock-timeout-set-default
-- option: no-lock-timeout
-- expect: lock-timeout-missing events
ALTER TABLE events ALTER COLUMN kind SET DEFAULT 'x';

-- case: lock-timeout-turned-off
-- option: no-lock-timeout
-- expect: lock-timeout-missing users
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN bio2 text;

-- case: add-column-not-null-without-default
-- expect: add-column-required users.tenant
ALTER TABLE users ADD COLUMN tenant bigint NOT NULL;

-- case: backfill-update
-- expect: backfill-with-schema-change users
ALTER TABLE users ADD COLUMN score bigint;
UPDATE users SET score = 0;

-- case: backfill-where-null
-- expect: backfill-with-schema-change orders
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;

-- case: delete-with-schema-change
-- expect: backfill-with-schema-change events
ALTER TABLE events ADD COLUMN seen boolean;
DELETE FROM events;

-- case: concurrently-inside-begin
-- expect: concurrently-in-transaction users
-- expect: transaction-nesting 20260102000000_case
-- expect: prefer-robust-statements users_nick_idx
BEGIN;
CREATE INDEX CONCURRENTLY users_nick_idx ON users (nick);
COMMIT;

-- case: concurrently-with-other-statements
-- expect: concurrently-not-alone users
-- expect: prefer-robust-statements users_nick_idx
-- expect: prefer-robust-statements users.x
CREATE INDEX CONCURRENTLY users_nick_idx ON users (nick);
ALTER TABLE users ADD COLUMN x text;

-- case: rename-column
-- expect: rename-column users.nick
ALTER TABLE users RENAME COLUMN nick TO nickname;

-- case: rename-column-without-keyword
-- expect: rename-column users.name
ALTER TABLE users RENAME name TO full_name;

-- case: rename-table
-- expect: rename-table legacy
ALTER TABLE legacy RENAME TO legacy_old;

-- case: drop-column
-- expect: drop-column users.nick
ALTER TABLE users DROP COLUMN nick;

-- case: drop-table
-- expect: drop-table legacy
DROP TABLE legacy;

-- case: drop-not-null
-- expect: drop-not-null users.email
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- case: truncate-cascade
-- expect: truncate-cascade users
TRUNCATE users CASCADE;

-- case: domain-constraint
-- expect: domain-constraint-validated positive_int
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);

-- case: timestamp-in-new-table
-- expect: prefer-timestamptz logs.at
CREATE TABLE logs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamp NOT NULL);

-- case: timestamp-added-column
-- expect: prefer-timestamptz users.seen_at
ALTER TABLE users ADD COLUMN seen_at timestamp without time zone;

-- case: int-primary-key
-- expect: prefer-bigint tags.id
CREATE TABLE tags (id int PRIMARY KEY, name text);

-- case: serial-primary-key
-- expect: prefer-bigint notes.id
-- expect: prefer-identity notes.id
CREATE TABLE notes (id serial PRIMARY KEY, body text);

-- case: bigserial-primary-key
-- expect: prefer-identity notes2.id
CREATE TABLE notes2 (id bigserial PRIMARY KEY, body text);

-- case: varchar-column
-- expect: prefer-text cities.name
CREATE TABLE cities (id bigint PRIMARY KEY, name varchar(50));

-- case: char-column
-- expect: prefer-text users.country
ALTER TABLE users ADD COLUMN country char(2);

-- case: json-column
-- expect: prefer-jsonb docs.body
CREATE TABLE docs (id bigint PRIMARY KEY, body json);

-- case: unknown-ignored-rule
-- expect: invalid-lint-ignore -- migrate:lint-ignore no-such-rule because
-- migrate:lint-ignore no-such-rule because
ALTER TABLE users ADD COLUMN z text;

-- case: ignore-without-reason
-- expect: invalid-lint-ignore -- migrate:lint-ignore drop-table
-- expect: drop-table legacy
SELECT 1;
-- migrate:lint-ignore drop-table
DROP TABLE legacy;

-- case: begin-commit-around-the-file
-- expect: transaction-nesting 20260102000000_case
BEGIN;
ALTER TABLE users ADD COLUMN bio text;
COMMIT;

-- case: begin-without-commit-without-transaction
-- expect: transaction-nesting 20260102000000_case
-- expect: uncommitted-transaction 20260102000000_case
-- migrate:no-transaction
BEGIN;
ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;

-- case: not-robust-without-transaction
-- expect: prefer-robust-statements t3
-- expect: prefer-robust-statements users.bio
-- expect: prefer-robust-statements orders_status_idx
-- expect: drop-index-not-concurrent orders_status_idx
-- migrate:no-transaction
CREATE TABLE t3 (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN bio text;
DROP INDEX orders_status_idx;

-- case: unqualified-table-without-configured-schema
-- option: no-schema
-- expect: require-table-schema t4
CREATE TABLE t4 (id bigint PRIMARY KEY);

-- case: identifier-too-long
-- expect: identifier-too-long a_table_name_that_goes_on_and_on_well_past_what_postgresql_keeps_of_it
CREATE TABLE a_table_name_that_goes_on_and_on_well_past_what_postgresql_keeps_of_it (id bigint PRIMARY KEY);

-- case: quoted-identifier-too-long-in-bytes
-- expect: identifier-too-long größenüberschreitungsprüfungsergebnisse_für_straßenmeßstellen
ALTER TABLE users ADD COLUMN "größenüberschreitungsprüfungsergebnisse_für_straßenmeßstellen" text;

-- case: detach-partition
-- option: server 14
-- expect: detach-partition-not-concurrent readings
ALTER TABLE readings DETACH PARTITION readings_2025;

-- case: enum-value-appended
-- expect: enum-value-appended mood
ALTER TYPE mood ADD VALUE 'great';

-- case: domain-with-check
-- expect: domain-with-constraint percent
CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100);

-- case: domain-not-null
-- expect: domain-with-constraint email_address
CREATE DOMAIN email_address text NOT NULL;

-- case: drop-view
-- expect: drop-object user_emails
DROP VIEW user_emails;

-- case: drop-materialized-view
-- expect: drop-object order_totals
DROP MATERIALIZED VIEW order_totals;

-- case: drop-function
-- expect: drop-object order_count()
DROP FUNCTION order_count();

-- case: drop-composite-type
-- expect: drop-object address
DROP TYPE address;

-- case: drop-enum-type
-- expect: drop-object mood
DROP TYPE mood;

-- case: drop-domain
-- expect: drop-object zip_code
DROP DOMAIN zip_code;

-- case: drop-sequence
-- expect: drop-object invoice_no
DROP SEQUENCE invoice_no;

-- case: drop-extension
-- expect: drop-object pg_trgm
DROP EXTENSION pg_trgm;

-- case: drop-trigger
-- expect: drop-object orders.orders_touch
DROP TRIGGER orders_touch ON orders;

-- case: drop-policy
-- expect: drop-object legacy.legacy_read
DROP POLICY legacy_read ON legacy;

-- case: drop-constraint
-- expect: drop-object orders.orders_total_pos
ALTER TABLE orders DROP CONSTRAINT orders_total_pos;

-- case: drop-column-default
-- expect: drop-object users.created_at
ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;

-- case: drop-identity
-- expect: drop-object tickets.id
ALTER TABLE tickets ALTER COLUMN id DROP IDENTITY;

-- case: set-generated-always
-- expect: alter-object tickets.id
ALTER TABLE tickets ALTER COLUMN id SET GENERATED ALWAYS;

-- case: drop-generated-expression
-- expect: drop-object lines.amount
ALTER TABLE lines ALTER COLUMN amount DROP EXPRESSION;

-- case: rename-view
-- expect: rename-object big_orders
ALTER VIEW big_orders RENAME TO large_orders;

-- case: rename-function
-- expect: rename-object order_count()
ALTER FUNCTION order_count() RENAME TO count_orders;

-- case: rename-sequence
-- expect: rename-object invoice_no
ALTER SEQUENCE invoice_no RENAME TO invoice_seq;

-- case: rename-type
-- expect: rename-object address
ALTER TYPE address RENAME TO postal_address;

-- case: rename-trigger
-- expect: rename-object orders.orders_touch
ALTER TRIGGER orders_touch ON orders RENAME TO orders_touched;

-- case: rename-constraint
-- expect: rename-object orders.orders_total_pos
ALTER TABLE orders RENAME CONSTRAINT orders_total_pos TO orders_total_nonneg;

-- case: set-schema-table
-- expect: rename-object legacy
CREATE SCHEMA archive;
ALTER TABLE legacy SET SCHEMA archive;

-- case: set-schema-view
-- expect: rename-object user_emails
CREATE SCHEMA archive;
ALTER VIEW user_emails SET SCHEMA archive;

-- case: set-schema-function
-- expect: rename-object order_count()
CREATE SCHEMA archive;
ALTER FUNCTION order_count() SET SCHEMA archive;

-- case: drop-table-with-defaults-and-sequence
-- expect: drop-table tickets
DROP TABLE tickets;

-- case: rename-table-with-trigger
-- expect: rename-table orders
ALTER TABLE orders RENAME TO purchases;

-- case: revoke-on-table
-- expect: revoke users
REVOKE SELECT ON users FROM PUBLIC;

-- case: revoke-on-function
-- expect: revoke order_count
REVOKE EXECUTE ON FUNCTION order_count() FROM PUBLIC;

-- case: revoke-on-schema
-- expect: revoke public
REVOKE USAGE ON SCHEMA public FROM PUBLIC;

-- case: replica-identity
-- expect: replica-identity orders
ALTER TABLE orders REPLICA IDENTITY FULL;

-- case: disable-trigger
-- expect: disable-trigger orders
ALTER TABLE orders DISABLE TRIGGER orders_touch;

-- case: set-generated-expression
-- option: server 17
-- expect: alter-object lines.amount
-- expect: table-rewrite lines
ALTER TABLE lines ALTER COLUMN amount SET EXPRESSION AS (qty * price * 2);

-- case: recreate-view-without-a-transaction
-- expect: drop-object user_emails
-- migrate:no-transaction
DROP VIEW IF EXISTS user_emails;
CREATE VIEW user_emails AS SELECT id, email, name FROM users WHERE name IS NOT NULL;
