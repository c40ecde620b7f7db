INSERT INTO items (name, price_cents) VALUES ('from data.sql', 250);
