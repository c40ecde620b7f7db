-- CreateEnum
CREATE TYPE "JobTask" AS ENUM ('IMPORT', 'CLEANUP');

-- CreateTable
CREATE TABLE "JobConfig" (
    "id" SERIAL NOT NULL,
    "task" "JobTask" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "JobConfig_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JobConfig_task_key" ON "JobConfig"("task");

-- Every environment runs both jobs (added by hand)
INSERT INTO "JobConfig" ("task", "isEnabled") VALUES ('IMPORT', true), ('CLEANUP', true);
