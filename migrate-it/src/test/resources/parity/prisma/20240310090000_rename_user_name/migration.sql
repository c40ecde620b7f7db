/*
  Warnings:

  - You are about to drop the column `name` on the `User` table. All the data in the column will be lost.

*/
-- Edited by hand: Prisma generated DROP COLUMN "name" + ADD COLUMN "displayName",
-- which would lose the data; a rename keeps it.
-- AlterTable
ALTER TABLE "User" RENAME COLUMN "name" TO "displayName";
