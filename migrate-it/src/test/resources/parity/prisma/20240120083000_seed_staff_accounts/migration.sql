-- Created with `prisma migrate dev --create-only` and filled in by hand:
-- the staff accounts every environment needs.
INSERT INTO "User" ("email", "name", "role", "createdAt") VALUES
    ('alice@example.com', 'Alice', 'ADMIN', '2024-01-20 08:30:00'),
    ('bob@example.com', 'Bob', 'MODERATOR', '2024-01-20 08:30:00'),
    ('carol@example.com', 'Carol O''Neil', 'USER', '2024-01-20 08:31:00'),
    ('dave@example.com', NULL, 'MODERATOR', '2024-01-20 08:32:00');

INSERT INTO "Profile" ("bio", "website", "userId") VALUES
    ('Runs the place; writes the changelog.', 'https://example.com/~alice', 1),
    ('Café owner -- and moderator /* sometimes */', NULL, 2);

INSERT INTO "Post" ("title", "content", "status", "authorId", "createdAt", "updatedAt") VALUES
    ('Hello; world', 'First post. Semicolons; everywhere; "quotes" and ''apostrophes''.', 'PUBLISHED', 1, '2024-01-20 08:30:00', '2024-01-20 08:30:00'),
    ('Release notes 1.0', NULL, 'DRAFT', 1, '2024-01-21 10:00:00', '2024-01-21 10:00:00'),
    ('Moderation guidelines', 'Be kind -- it''s the rule.', 'PUBLISHED', 2, '2024-01-22 12:00:00', '2024-01-22 12:15:30.125');
