-- DropIndex
DROP INDEX "Post_authorId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Post_status_idx" ON "Post"("status");

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- RenameIndex
ALTER INDEX "_PostToTag_B_index" RENAME TO "_PostToTag_B_idx";
