CREATE TABLE t (v int);
CREATE FUNCTION plus(a int, b int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT a + b;
END;
CREATE FUNCTION grade(x int) RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN x > 5 THEN 'high;' ELSE 'low; end' END;
END;
create or replace procedure fill(n int) language sql
begin atomic
    insert into t values (n);
    insert into t values (n + 1);  -- end;
    update t set v = case v when 1 then 2 end where v = 1;
end;
CALL fill(1);
SELECT plus(1, 2), grade(7), (SELECT count(*) FROM t);
