-- Stands for the next release's migration, applied while this build still serves.
CREATE TABLE next_release_probe (id INTEGER PRIMARY KEY);
