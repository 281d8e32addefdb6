#!/bin/sh
# First start (empty data directory): a cluster whose only user, `oauth`, has the password
# POSTGRES_PASSWORD (scram-sha-256, from any address on the compose network), and the four apps'
# databases. Every start: the server in the foreground, listening on every address of the container.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=/var/lib/postgresql/data

if [ ! -s "$data/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  "$bin/initdb" -D "$data" -U oauth --pwfile="$password_file" -A scram-sha-256 -E UTF8 >/dev/null
  rm -f "$password_file"
  echo 'host all oauth all scram-sha-256' >> "$data/pg_hba.conf"
  # Created through a server that listens on its socket only, stopped again at once.
  "$bin/pg_ctl" -D "$data" -o "-c listen_addresses=''" -w start >/dev/null
  for database in auth_server login_ui client_web resource_api; do
    PGPASSWORD="$POSTGRES_PASSWORD" psql -q -U oauth -d postgres -c "CREATE DATABASE $database"
  done
  "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  echo "postgres: created the databases auth_server, login_ui, client_web, resource_api"
fi

exec "$bin/postgres" -D "$data" -c listen_addresses='*'
