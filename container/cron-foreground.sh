#!/bin/sh
# The image's default command: the cron daemon of whichever base the image was built from, in
# the foreground (a container's main process must not daemonize). Each daemon spells it
# differently:
#   BusyBox crond (Alpine):      -f "Foreground" (busybox miscutils/crond.c usage text)
#   cronie crond (Amazon Linux): -n "run in the foreground" (cronie man/cron.8)
#   Debian cron:                 -f "Stay in foreground mode, don't daemonize" (Debian cron(8))
# Extra arguments are passed on to the daemon.
set -eu

if crond=$(command -v crond 2>/dev/null); then
  # Alpine's crond is a link to the busybox binary.
  case "$(readlink -f "$crond" 2>/dev/null || echo "$crond")" in
    */busybox) exec "$crond" -f "$@" ;;
    *) exec "$crond" -n "$@" ;;
  esac
elif cron=$(command -v cron 2>/dev/null); then
  exec "$cron" -f "$@"
fi
echo "cron-foreground: no cron daemon (crond or cron) in this image" >&2
exit 127
