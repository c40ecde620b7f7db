-- Tables imported from the legacy CSV export keep their odd names.
CREATE TABLE "odd;name" (
    "semi;colon"      text,
    "quote""d"        integer,
    "--not a comment" text,
    "/*nor this*/"    text,
    "$$"              text
);
INSERT INTO "odd;name" VALUES ('a;b', 1, '-- x', '/* y */', '$$');
COMMENT ON TABLE "odd;name" IS 'From the legacy export; do not rename';
COMMENT ON COLUMN "odd;name"."semi;colon" IS 'yes; really';

-- Oracle-style names with dollar signs are plain identifiers in PostgreSQL.
CREATE TABLE fx_rates (
    code       char(3) PRIMARY KEY,
    rate$usd$  numeric(12, 6) NOT NULL,
    sys$note   text
);
INSERT INTO fx_rates (code, rate$usd$, sys$note) VALUES ('EUR', 1.087, 'ok; daily'), ('GBP', 1.2625, NULL);
