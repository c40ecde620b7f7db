-- Auditing: every insert and every change of label or quantity leaves a row in item_audit.
CREATE FUNCTION audit_item() RETURNS trigger
    LANGUAGE plpgsql
AS $body$
DECLARE
    msg text := 'changed; see audit';   -- a semicolon in a string in a tagged body
BEGIN
    IF TG_OP = 'INSERT' THEN
        msg := format('inserted %s; qty=%s', NEW.label, NEW.qty);
    ELSIF TG_OP = 'UPDATE' THEN
        msg := format($fmt$updated %s -> %s; it's "quoted"$fmt$, OLD.label, NEW.label);
    END IF;
    /* a block comment; with a semicolon and an apostrophe: don't */
    EXECUTE $sql$INSERT INTO item_audit (item_id, action, note) VALUES ($1, $2, $3)$sql$
        USING NEW.id, lower(TG_OP), msg;
    RETURN NEW;
END;
$body$;

CREATE TRIGGER items_audit
    AFTER INSERT OR UPDATE OF label, qty ON items
    FOR EACH ROW EXECUTE FUNCTION audit_item();

CREATE OR REPLACE FUNCTION make_label(prefix text, n integer) RETURNS text
    LANGUAGE plpgsql STABLE
AS $fn$
DECLARE
    filler text := $$it's $$ || 'fine; really';   -- $$ nested inside the fn tag
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'negative: %; filler %', n, filler;
    END IF;
    RETURN prefix || '-' || lpad(n::text, 4, '0') || $q$$q$;
END
$fn$;

CREATE FUNCTION item_qty(integer) RETURNS integer
    LANGUAGE sql STABLE
    AS 'SELECT qty FROM items WHERE id = $1; -- positional parameter in a quoted body';

CREATE FUNCTION normalise_label() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.label := btrim(NEW.label);   -- no "; " trouble here
    RETURN NEW;
END;
$$;

CREATE TRIGGER items_normalise BEFORE INSERT OR UPDATE ON items
    FOR EACH ROW WHEN (NEW.label IS DISTINCT FROM btrim(NEW.label)) EXECUTE FUNCTION normalise_label();
