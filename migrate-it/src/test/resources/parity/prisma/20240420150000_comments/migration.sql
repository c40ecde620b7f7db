-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('PUBLIC', 'MEMBERS', 'HIDDEN');

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "postId" INTEGER NOT NULL,
    "authorId" INTEGER,
    "visibility" "Visibility" NOT NULL DEFAULT 'PUBLIC',
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tip" DECIMAL(65,30),
    "views" BIGINT NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attachment" BYTEA,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_postId_createdAt_idx" ON "Comment"("postId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_meta_idx" ON "Comment" USING GIN ("meta" jsonb_path_ops);

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Import from the old forum (added by hand)
INSERT INTO "Comment" ("id", "body", "postId", "authorId", "visibility", "score", "tip", "views", "pinned", "meta", "labels", "attachment", "createdAt") VALUES
    ('clu1a2b3c0000abcd', 'Great post; thanks!', 1, 3, 'PUBLIC', 4.5, 1.25, 12, true, '{"source": "forum; v1", "ids": [1, 2]}', ARRAY['imported', 'semi;colon'], '\xdeadbeef', '2024-04-20 15:00:00+00'),
    ('clu1a2b3c0001abcd', 'Café ☕ -- ünïcödé', 3, NULL, 'HIDDEN', -1, NULL, 0, false, '{}', '{}', NULL, '2024-04-20 15:01:00+02');
