CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');

CREATE TABLE orders (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status      order_status NOT NULL DEFAULT 'open',
    total_cents INTEGER      NOT NULL CHECK (total_cents >= 0)
);

CREATE INDEX orders_user_id_idx ON orders (user_id);
