-- AlterEnum
ALTER TYPE "JobTask" ADD VALUE 'EXPORT';

-- A new enum value must be committed before it can be used (added by hand)
COMMIT;

-- The export job starts disabled everywhere (added by hand)
INSERT INTO "JobConfig" ("task", "isEnabled") VALUES ('EXPORT', false);
