# bash completion for iranidx (installed to share/bash-completion/completions)
_iranidx() {
  local cur prev word command=""
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case $word in build|compact|status|check|stats|analyze|entities|show) command=$word ;; esac
  done
  case $prev in
    --corpus|--db) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --batch|--wait|--jobs|-j) return ;;
  esac
  if [ -z "$command" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--corpus --db --config --help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "build compact status check stats analyze entities show" -- "$cur"))
    fi
    return
  fi
  case $command in
    build)
      if [[ $prev == --shards ]]; then COMPREPLY=($(compgen -W "year hash:2 hash:4 hash:8" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "--full --shards --batch --jobs --compact --wait --quiet --verbose --json --help" -- "$cur")) ;;
    check) COMPREPLY=($(compgen -W "--repair --wait --help" -- "$cur")) ;;
    compact) COMPREPLY=($(compgen -W "--shard --all --wait --help" -- "$cur")) ;;
    entities|show) COMPREPLY=($(compgen -f -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
  esac
}
complete -F _iranidx iranidx
