SELECT E'it\'s; a \\ backslash' AS e1, e'two\\''; quotes' AS e2, 'plain '' quote;' AS p;
SELECT E'\x41\101 \n\t;', B'1010', X'1F', N'national;';
SELECT U&'d\0061t\+000061;' AS u1, U&'d!0061t;' UESCAPE '!' AS u2;
CREATE TABLE "semi;colon" (U&"d\0061ta;" int, "quo""ted" text, "--x" int);
INSERT INTO "semi;colon" VALUES (1, 'a;b', 2);
SELECT U&"d\0061ta;", "quo""ted" FROM "semi;colon" WHERE "--x" = 2;
SELECT 'multi
line; string' AS m, 'adjacent'
    'continued;' AS c;
SELECT E'one\
two;' AS escaped_newline;
