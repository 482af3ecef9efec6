#!/usr/bin/env bash
# Starts the local Postgres and RabbitMQ when they are installed but down, and lets the services
# connect to Postgres on 127.0.0.1 as `postgres` without a password (trust on loopback only; the
# original pg_hba.conf is kept beside it as pg_hba.conf.tracelab-backup). Used by .ci/run and
# scripts/local.sh. INFRA_INSTALL=1 installs Debian's postgresql and rabbitmq-server when missing
# (.ci/run sets it). Run as root or as a user with sudo.
set -uo pipefail
# Debian keeps rabbitmq-server, rabbitmqctl and pg_ctlcluster's helpers in sbin.
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "infra: $*"; }
die() { echo "infra: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  say "installing Debian's $*"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) \
    || die "could not install $*"
}

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
rabbit_up() { as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

# --- Postgres
if ! command -v pg_isready >/dev/null; then
  [ "${INFRA_INSTALL:-0}" = 1 ] || die "Postgres is not installed (Debian/Ubuntu: apt-get install postgresql)"
  apt_install postgresql
fi
if ! pg_up; then
  cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$cluster" ] || die "no Postgres cluster in /etc/postgresql"
  say "starting Postgres $cluster"
  as_root pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || die "could not start Postgres $cluster (see /var/log/postgresql/)"
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || die "Postgres did not accept connections on 127.0.0.1:5432"
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1 </dev/null; then
  hba=$(as_root su postgres -c "psql -tAc 'show hba_file'" 2>/dev/null)
  [ -n "$hba" ] && [ -f "$hba" ] || die "cannot connect as postgres@127.0.0.1 and cannot find pg_hba.conf to allow it"
  say "allowing postgres@127.0.0.1 without a password (trust on loopback) in $hba"
  [ -f "$hba.tracelab-backup" ] || as_root cp "$hba" "$hba.tracelab-backup"
  as_root sed -i -E 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1/32|::1/128)[[:space:]]+)[a-z0-9-]+#\1trust#' "$hba"
  as_root su postgres -c "psql -tAc 'select pg_reload_conf()'" >/dev/null
  sleep 1
  psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1 </dev/null \
    || die "still cannot connect as postgres@127.0.0.1; check $hba"
fi

# --- RabbitMQ
if ! command -v rabbitmq-server >/dev/null; then
  [ "${INFRA_INSTALL:-0}" = 1 ] || die "RabbitMQ is not installed (Debian/Ubuntu: apt-get install rabbitmq-server)"
  apt_install rabbitmq-server
fi
if ! rabbit_up; then
  say "starting RabbitMQ"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do rabbit_up && break; sleep 2; done
  rabbit_up || die "RabbitMQ did not start (see /var/log/rabbitmq/)"
fi
say "Postgres on 127.0.0.1:5432 and RabbitMQ on 127.0.0.1:5672 are up"
