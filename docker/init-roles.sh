#!/bin/sh
# Runs once, on an empty data volume (docker-entrypoint-initdb.d), as the image's superuser.
# The superuser only bootstraps; the hub never connects as it:
# - xuncha_owner owns the database, so it may create the subgraph's schema and the
#   trusted pgcrypto extension and owns every table it migrates (MIGRATION_DATABASE_URL);
# - xuncha_app is what a service serves as (DATABASE_URL): no attribute, owns nothing, may
#   only connect; the owner grants it table by table after each migration (src/db/roles.ts),
#   so it cannot switch off the triggers that keep the audit trail append-only.
set -eu
: "${XUNCHA_OWNER_PASSWORD:?}" "${XUNCHA_APP_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" -v owner_pw="$XUNCHA_OWNER_PASSWORD" -v app_pw="$XUNCHA_APP_PASSWORD" <<'SQL'
CREATE ROLE xuncha_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_pw';
CREATE ROLE xuncha_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'app_pw';
ALTER DATABASE :"db" OWNER TO xuncha_owner;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO xuncha_app;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
SQL
