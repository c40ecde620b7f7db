CREATE FUNCTION user_total_cents(p_user BIGINT) RETURNS BIGINT
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(total_cents), 0) FROM orders WHERE user_id = p_user;
$$;

CREATE VIEW user_totals AS
SELECT u.id, u.email, user_total_cents(u.id) AS total_cents
FROM users u;
