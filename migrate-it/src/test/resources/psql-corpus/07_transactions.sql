BEGIN;
CREATE TABLE accounts (id int, balance int);
INSERT INTO accounts VALUES (1, 100);
SAVEPOINT s1;
UPDATE accounts SET balance = balance - 10;
ROLLBACK TO SAVEPOINT s1;
COMMIT;
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT sum(balance) FROM accounts;
END;
CREATE PROCEDURE transfer(a int) LANGUAGE plpgsql AS $$
BEGIN
  UPDATE accounts SET balance = balance + a;
  COMMIT;
END $$;
CALL transfer(5);
CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);
VACUUM accounts;
SELECT balance FROM accounts
