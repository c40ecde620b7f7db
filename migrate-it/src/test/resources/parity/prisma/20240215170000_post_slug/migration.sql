/*
  Warnings:

  - A unique constraint covering the columns `[slug]` on the table `Post` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "slug" TEXT;

-- Backfill so that the unique index can be built (added by hand)
UPDATE "Post" SET "slug" = trim(both '-' from lower(regexp_replace("title", '[^a-zA-Z0-9]+', '-', 'g')));

-- CreateIndex
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
