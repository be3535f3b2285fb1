#!/usr/bin/env bash
# The command lines in scripts/cron/ work as written (with this test's paths).
source "$(dirname "$0")/lib.sh"

cron_dir=$IRAN_SOURCE_DIR/scripts/cron
localize() {
  sed -e "s#/usr/local/bin/iranidx#$IRANIDX#g" -e "s#/srv/iranidx/corpus#$CORPUS#g" \
      -e "s#/srv/iranidx/index#$DB#g" -e "s#/var/log/iranidx.log#$WORK/cron.log#g"
}

# crontab: everything after the five schedule fields, run by a shell as cron would.
line=$(grep -v '^#' "$cron_dir/crontab" | grep -m1 . | cut -d' ' -f6- | localize)
run sh -c "$line"
expect_code 0 "crontab command"
grep -q "added 5" "$WORK/cron.log" && pass || fail "cron log lacks the summary: $(cat "$WORK/cron.log")"
run sh -c "$line"
[ "$(grep -c 'iranidx: added' "$WORK/cron.log")" = 2 ] && pass || fail "second cron run not logged"
[ "$(wc -l <"$WORK/cron.log")" = 2 ] && pass || fail "--quiet logged more than the summaries: $(cat "$WORK/cron.log")"

# systemd: ExecStart as written; its exit code must be one the unit counts as success.
exec_start=$(grep '^ExecStart=' "$cron_dir/iranidx-build.service" | cut -d= -f2- | localize)
ok_codes="0 $(grep '^SuccessExitStatus=' "$cron_dir/iranidx-build.service" | cut -d= -f2-)"
run sh -c "$exec_start"
grep -qw "$CODE" <<<"$ok_codes" && pass || fail "service exited $CODE, not in '$ok_codes'"
expect_out "(index unchanged)" "service run"
grep -q '^OnUnitActiveSec=' "$cron_dir/iranidx-build.timer" && pass || fail "timer has no schedule"

finish
