INSERT INTO accounts (name, email) VALUES ('ada', 'ada@example.com'), ('alan', 'alan@example.com');
