-- Row-level security is PostgreSQL's (0013_row_security.pg.sql): SQLite holds one person's data,
-- or is scoped by the owner in every query, which is the first wall on both stores.
SELECT 1;
