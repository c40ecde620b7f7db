-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- Seed (added by hand)
INSERT INTO "Event" ("title", "startsAt", "endsAt") VALUES
    ('Quarterly planning', '2024-01-20 08:30:00', '2024-01-20 12:00:00'),
    ('Release party', '2024-07-05 18:00:00', NULL);
