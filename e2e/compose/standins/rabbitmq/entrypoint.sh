#!/bin/sh
# Runs the broker as the rabbitmq user, as the official image does (its data in /var/lib/rabbitmq).
set -eu
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$0" "$@"
fi
exec "$@"
