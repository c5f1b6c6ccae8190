#!/bin/sh
# The role the hub serves as: a plain login, no superuser, owning nothing. The hub
# (as the owner, MIGRATION_DATABASE_URL) grants it what it may do after each migration.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE xuncha_app LOGIN PASSWORD :'pw';
SQL
