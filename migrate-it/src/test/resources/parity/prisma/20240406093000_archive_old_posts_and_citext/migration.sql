-- Archive what was published before February (added by hand)
UPDATE "Post" SET "status" = 'ARCHIVED', "updatedAt" = '2024-04-06 09:30:00' WHERE "createdAt" < '2024-01-22';

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE CITEXT;
