#!/usr/bin/env bash
# `cmake --install` gives working programs that find their data away from the source tree.
source "$(dirname "$0")/lib.sh"
: "${IRAN_BUILD_DIR:?}"

prefix=$WORK/prefix
run cmake --install "$IRAN_BUILD_DIR" --prefix "$prefix"
expect_code 0 "cmake --install"
for f in bin/iranidx bin/iransearch share/iranidx/countries.tsv share/iranidx/officials.tsv share/iranidx/sources.tsv share/iranidx/web/index.html share/iranidx/web/app.js share/iranidx/web/style.css; do
  [ -e "$prefix/$f" ] && pass || fail "not installed: $f"
done
for f in share/man/man1/iranidx.1 share/man/man1/iransearch.1 share/man/man7/iransearch-query.7 \
         share/bash-completion/completions/iransearch share/bash-completion/completions/iranidx \
         share/zsh/vendor-completions/_iransearch share/zsh/vendor-completions/_iranidx; do
  [ -s "$prefix/$f" ] && pass || fail "not installed: $f"
done

# The man pages render without warnings and say what they are for.
for page in man1/iranidx.1 man1/iransearch.1 man7/iransearch-query.7; do
  warnings=$(MANWIDTH=80 man --warnings -l "$prefix/share/man/$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] && pass || fail "man $page warns: $warnings"
done
MANWIDTH=100 man -l "$prefix/share/man/man1/iransearch.1" 2>/dev/null | grep -q -- "--histogram day|week|month|year" && pass || fail "iransearch(1) documents --histogram"
MANWIDTH=100 man -l "$prefix/share/man/man7/iransearch-query.7" 2>/dev/null | grep -q "exact phrase" && pass || fail "the query-syntax page"

# The bash completions complete, as bash would call them.
complete_words() {  # complete_words SCRIPT WORD...: the candidates for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _${1}; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
mkdir -p "$XDG_CONFIG_HOME/iranidx/searches" && echo 'args = ["Qatar"]' >"$XDG_CONFIG_HOME/iranidx/searches/qatar-talks.toml"
bash_dir=$prefix/share/bash-completion/completions
expect_eq "$(complete_words "$bash_dir/iransearch" iransearch --histogram w)" "week" "bash: --histogram values"
expect_eq "$(complete_words "$bash_dir/iransearch" iransearch --for)" "--format" "bash: options"
expect_eq "$(complete_words "$bash_dir/iransearch" iransearch @q)" "@qatar-talks" "bash: saved searches"
expect_eq "$(complete_words "$bash_dir/iranidx" iranidx bu)" "build" "bash: iranidx commands"
expect_eq "$(complete_words "$bash_dir/iranidx" iranidx build --fu)" "--full" "bash: iranidx build options"
if command -v zsh >/dev/null; then
  zsh -n "$prefix/share/zsh/vendor-completions/_iransearch" && zsh -n "$prefix/share/zsh/vendor-completions/_iranidx" && pass || fail "zsh completions parse"
fi

# --help of both programs ends with examples.
run "$prefix/bin/iransearch" --help
expect_code 0 "iransearch --help"
grep -q "^Examples:" <<<"$OUT" && grep -q "iransearch @bagheri-qatar --new" <<<"$OUT" && pass || fail "iransearch --help has examples"
run "$prefix/bin/iranidx" --help
grep -q "^Examples:" <<<"$OUT" && grep -q "iranidx build --full" <<<"$OUT" && pass || fail "iranidx --help has examples"
run "$prefix/bin/iransearch" show --help
expect_out "Examples:" "iransearch show --help has examples"

# Run the installed copies from elsewhere, with the source and build trees out of reach.
cp -r "$prefix" "$WORK/moved"
cd "$WORK"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iranidx" --corpus "$CORPUS" --db "$DB" build
expect_code 0 "installed iranidx builds"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iransearch" --db "$DB" --country قطر
expect_code 0 "installed iransearch finds its gazetteers"
expect_eq "$(hit_ids)" "003" "installed search answers"

# Without its installed data a program falls back to the source tree it was built from,
# or, with that gone too, says where it looked.
rm -rf "$WORK/moved/share"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iransearch" --db "$DB" Qatar
if [ "$CODE" = 2 ]; then expect_err "looked in" "missing data named"; else expect_code 0 "source-tree fallback"; fi
run env IRANIDX_DATA_DIR="$WORK/nowhere" "$WORK/moved/bin/iransearch" --db "$DB" Qatar
expect_code 2 "IRANIDX_DATA_DIR pointing nowhere"

finish
