#!/bin/sh
# Run once by the postgres image when its data folder is new: followup's own database, owned by an
# ordinary role. Not the image's superuser: a superuser passes row-level security, the second wall
# between accounts (docs/hosting.md).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v password="$FOLLOWUP_DB_PASSWORD" <<'SQL'
CREATE ROLE followup LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE followup OWNER followup ENCODING 'UTF8' TEMPLATE template0;
SQL
