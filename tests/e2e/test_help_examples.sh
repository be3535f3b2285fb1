#!/usr/bin/env bash
# The examples that end `--help` work as written: each line of iranidx --help,
# iransearch --help and iransearch show --help, then the EXAMPLES of the man pages, in
# order, run by the shell in a directory holding ./corpus (the sample articles), with the
# programs on PATH and a home of its own. Every one must succeed (exit 0) and print
# something. The man page's crontab line runs as cron would run it for a normal user.
source "$(dirname "$0")/lib.sh"

bin=$WORK/bin
mkdir -p "$bin" && ln -s "$IRANIDX" "$bin/iranidx" && ln -s "$IRANSEARCH" "$bin/iransearch"
export PATH=$bin:$PATH
cp -r "$CORPUS" "$HOME/news"   # ~/news in the cron example
cd "$WORK"

examples() {  # examples PROGRAM...: the command of each line after "Examples:", up to a blank line
  "$@" --help | sed -n '/^Examples:/,/^$/p' | sed '1d;/^$/d' |
    sed -E 's/^  //; s/ {2,}[^ ].*$//; s/ +\(for cron\)$//'
}

man_page() { MANWIDTH=2000 LC_ALL=C man -l "$IRAN_SOURCE_DIR/doc/man/$1" 2>/dev/null; }
man_examples() {  # man_examples PAGE: the command lines of its EXAMPLES section
  man_page "$1" | sed -n '/^EXAMPLES/,/^[A-Z]/p' | grep -E '^ +(iranidx|iransearch) ' | sed -E 's/^ +//'
}

ran=0
run_examples() {  # each group starts with no saved searches and no --new marks
  export XDG_CONFIG_HOME=$WORK/config-$1 XDG_STATE_HOME=$WORK/state-$1
  while IFS= read -r example; do
    [ -n "$example" ] || continue
    ran=$((ran + 1))
    run bash -c "$example"
    [ "$CODE" = 0 ] && pass || fail "example exits $CODE: $example"
    # One that writes to a file (> FILE) must fill it.
    file=$(grep -oE '> *[^ ]+$' <<<"$example" | sed 's/> *//')
    if [ -n "$file" ]; then [ -s "$WORK/$file" ] && pass || fail "example writes nothing to $file: $example"
    else [ -n "$OUT" ] && pass || fail "example prints nothing: $example"; fi
  done
}
run_examples help < <(examples iranidx; examples iransearch; examples iransearch show)
run_examples man < <(man_examples iranidx.1; man_examples iransearch.1)
[ "$ran" -ge 30 ] && pass || fail "only $ran examples found"

# The crontab line of iranidx(1): sh, only HOME and a plain PATH, no ~/.local/state yet,
# `\%` turned into `%` as cron does; its log gets a timestamped summary line.
mkdir -p "$HOME/.config/iranidx"
printf 'corpus = "%s"\ndb = "%s"\n' "$WORK/corpus" "$WORK/index" >"$HOME/.config/iranidx/config.toml"
rm -rf "$HOME/.local"
cron_line=$(man_page iranidx.1 | grep -E '^ *([0-9*/,-]+ ){5}[a-z]' | head -1 | sed -E 's/^ +//' | cut -d' ' -f6- | sed 's/\\%/%/g')
[ -n "$cron_line" ] && pass || fail "no crontab line in iranidx(1)"
run env -i HOME="$HOME" PATH="$bin:/usr/bin:/bin" sh -c "$cron_line"
expect_code 0 "the crontab line of iranidx(1): $cron_line"
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z iranidx: ' "$HOME/.local/state/iranidx/build.log" 2>/dev/null \
  && pass || fail "the crontab line logs timestamped lines: $(cat "$HOME/.local/state/iranidx/build.log" 2>&1)"

finish
