-- Built concurrently: items is large in production and must stay writable.
CREATE INDEX CONCURRENTLY items_label_trgm ON items USING gin (label extensions.gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS items_state_idx ON items (state) WHERE state <> 'retired';
