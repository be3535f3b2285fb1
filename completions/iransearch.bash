# bash completion for iransearch (installed to share/bash-completion/completions)
_iransearch() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  local config=${XDG_CONFIG_HOME:-$HOME/.config}/iranidx
  case $prev in
    --sort) COMPREPLY=($(compgen -W "relevance newest oldest" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json jsonl csv tsv paths" -- "$cur")); return ;;
    --histogram) COMPREPLY=($(compgen -W "day week month year" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "en ar fa" -- "$cur")); return ;;
    --db) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --config|--like) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --country|--official|--source|--from|--to|--limit|--offset|--facet-limit|--save) return ;;
  esac
  if [[ $cur == @* ]]; then
    local names=()
    local f
    for f in "$config"/searches/*.toml; do [ -e "$f" ] && names+=("@$(basename "$f" .toml)"); done
    COMPREPLY=($(compgen -W "${names[*]}" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--country --official --source --lang --from --to --any --like --all-copies
      --limit --offset --sort --count --format --json --print0 --facets --facet-limit --histogram --color
      --save --new --saved --db --config --help --version" -- "$cur"))
    return
  fi
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "show serve" -- "$cur"))
  fi
}
complete -F _iransearch iransearch
