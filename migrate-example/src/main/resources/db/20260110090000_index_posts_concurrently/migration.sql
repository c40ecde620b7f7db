-- CREATE INDEX CONCURRENTLY builds the index without blocking writes to "posts", but PostgreSQL
-- refuses to run it inside a transaction. migrate sees that and runs this migration without one,
-- statement by statement, with no directive needed. Keep such a migration to this one statement:
-- if it fails, the history shows it as failed, and an INVALID index may be left to drop by hand.

-- CreateIndex
CREATE INDEX CONCURRENTLY "posts_published_created_at_idx" ON "posts"("published", "created_at" DESC);
