#!/usr/bin/env bash
# The lines in scripts/cron/ work as written: the crontab's for a normal user (paths from
# ~/.config, log in the home, timestamped lines), the systemd unit's with its paths.
source "$(dirname "$0")/lib.sh"

cron_dir=$IRAN_SOURCE_DIR/scripts/cron
bin=$WORK/bin
mkdir -p "$bin" && ln -s "$IRANIDX" "$bin/iranidx" && ln -s "$IRANSEARCH" "$bin/iransearch"
mkdir -p "$HOME/.config/iranidx"
printf 'corpus = "%s"\ndb = "%s"\n' "$CORPUS" "$DB" >"$HOME/.config/iranidx/config.toml"

# As cron runs a job: sh, HOME set, PATH from the crontab (our programs first), no XDG
# variables, \% turned into %.
cron_path=$(grep -m1 '^PATH=' "$cron_dir/crontab" | cut -d= -f2-)
jobs=$(grep -vE '^(#|[A-Z]+=|$)' "$cron_dir/crontab" | cut -d' ' -f6- | sed 's/\\%/%/g')
[ "$(wc -l <<<"$jobs")" = 2 ] && pass || fail "two cron jobs expected: $jobs"
cron_run() { run env -i HOME="$HOME" PATH="$bin:$cron_path" LOGNAME=user sh -c "$1"; }
build_job=$(sed -n 1p <<<"$jobs")
mail_job=$(sed -n 2p <<<"$jobs")

cron_run "$build_job"
expect_code 0 "crontab build job"
log=$HOME/.local/state/iranidx/build.log
[ -f "$log" ] && pass || fail "no log at ~/.local/state/iranidx/build.log"
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z iranidx: added 5' "$log" && pass || fail "timestamped summary: $(cat "$log")"
cron_run "$build_job"
[ "$(grep -c 'iranidx: added' "$log")" = 2 ] && pass || fail "second cron run not logged"
[ "$(wc -l <"$log")" = 2 ] && pass || fail "--quiet logged more than the summaries: $(cat "$log")"
grep -q "index unchanged" "$log" && pass || fail "second run: unchanged"

# The morning mail: the saved search's new articles, then silence until there is news.
run env -u XDG_CONFIG_HOME -u XDG_STATE_HOME "$IRANSEARCH" --save zarif-qatar Qatar
cron_run "$mail_job"
expect_code 0 "first mail job"
expect_out "003_21b21bc7e96fc0af.txt" "the first mail lists the matches"
cron_run "$mail_job"
expect_eq "$OUT" "" "no news, no output, no mail"
printf 'Qatar and Iran agreed on new flights.\n' >"$CORPUS/new.txt"
cron_run "$build_job"
cron_run "$mail_job"
expect_out "new.txt" "the next mail has the new article"
grep -q "003_" <<<"$OUT" && fail "an old article mailed again" || pass

# systemd: ExecStart as written (with this test's paths); its exit code must be one the
# unit counts as success.
localize() {
  sed -e "s#/usr/local/bin/iranidx#$IRANIDX#g" -e "s#/srv/iranidx/corpus#$CORPUS#g" -e "s#/srv/iranidx/index#$DB#g"
}
exec_start=$(grep '^ExecStart=' "$cron_dir/iranidx-build.service" | cut -d= -f2- | localize)
ok_codes="0 $(grep '^SuccessExitStatus=' "$cron_dir/iranidx-build.service" | cut -d= -f2-)"
run sh -c "$exec_start"
grep -qw "$CODE" <<<"$ok_codes" && pass || fail "service exited $CODE, not in '$ok_codes'"
expect_out "(index unchanged)" "service run"
grep -q '^OnUnitActiveSec=' "$cron_dir/iranidx-build.timer" && pass || fail "timer has no schedule"

finish
