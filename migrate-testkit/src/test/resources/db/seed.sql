-- Rows every test starts with.
INSERT INTO users (email, name) VALUES
    ('ada@example.com', 'Ada'),
    ('grace@example.com', 'Grace');

COPY orders (user_id, status, total_cents) FROM stdin;
1	paid	1200
1	open	300
2	shipped	4500
\.
