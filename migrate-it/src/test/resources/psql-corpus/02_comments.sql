/* leading block comment; with a semicolon */
SELECT 1 /* inline; /* nested ; */ still comment ; */ AS one;
-- line comment ; with 'quote' and "ident and $$
SELECT 2 -- trailing comment ;
;
/* /* /* three levels ; */ */ */ SELECT 3;
SELECT '/* not a comment ;' AS s, "/*;" FROM (SELECT 4 AS "/*;") q;
SELECT 5 AS five; -- after the statement ; 'x'
SELECT 6 /* before the semicolon */ ;
