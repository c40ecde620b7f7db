-- Demo data, so that the example has something to show.
INSERT INTO "users" ("email", "name", "role") VALUES
    ('ada@example.com', 'Ada Lovelace', 'ADMIN'),
    ('grace@example.com', NULL, 'USER'),
    ('linus@example.com', NULL, 'USER');

INSERT INTO "posts" ("author_id", "title", "body", "published")
SELECT u."id", p.title, p.body, p.published
FROM (VALUES
    ('ada@example.com', 'Notes on the Analytical Engine', 'It might act upon other things besides number.', true),
    ('ada@example.com', 'Bernoulli numbers, step by step', 'Draft: note G.', false),
    ('grace@example.com', 'The first actual bug', 'Relay #70, panel F: a moth.', true)
) AS p(email, title, body, published)
JOIN "users" u ON u."email" = p.email;

-- Backfill: users who never set a name get the local part of their e-mail address.
UPDATE "users" SET "name" = split_part("email", '@', 1) WHERE "name" IS NULL;
