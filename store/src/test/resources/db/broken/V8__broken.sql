-- A migration that cannot apply: the table does not exist.
ALTER TABLE no_such_table ADD COLUMN never INTEGER;
