# SPDX-License-Identifier: MIT
# bash completion for hugi. Install: source it from ~/.bashrc, or copy it to
# /etc/bash_completion.d/hugi (or ~/.local/share/bash-completion/completions/hugi).
# Subcommands and options are read from `hugi help` and `hugi SUBCOMMAND --help`, so the
# completion never falls behind the binary.

_hugi_words() {
    # $1: subcommand or empty; prints the subcommands or that subcommand's long options
    if [ -z "$1" ]; then
        hugi help 2>/dev/null | awk '/^Subcommands:/ {s=1; next} s && /^  [a-z]/ {print $1} /^$/ && s {s=0}'
    else
        hugi "$1" --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u
    fi
}

_hugi() {
    local cur prev sub i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    sub=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --config | --store) ((i++)) ;;
        -*) ;;
        *) sub=${COMP_WORDS[i]}; break ;;
        esac
    done
    case $prev in
    --config | --store | --map)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    --format | -f)
        case $sub in
        import) COMPREPLY=($(compgen -W "csv tsv jsonl" -- "$cur")) ;;
        export) COMPREPLY=($(compgen -W "jsonl csv" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "tsv jsonl csv score table html md" -- "$cur")) ;;
        esac
        return ;;
    --encoding)
        COMPREPLY=($(compgen -W "utf-8 cp949 euc-kr utf-16le utf-16be" -- "$cur"))
        return ;;
    --tz)
        COMPREPLY=($(compgen -W "UTC +09:00" -- "$cur"))
        return ;;
    --product | -p | --source | -s | --scale | --since | --until)
        return ;;
    esac
    if [ -z "$sub" ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--quiet --verbose --config --store --help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_hugi_words)" -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_hugi_words "$sub")" -- "$cur"))
    elif [ "$sub" = help ]; then
        COMPREPLY=($(compgen -W "$(_hugi_words)" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _hugi hugi
