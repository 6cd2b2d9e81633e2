#!/usr/bin/env bash
# Writes headroom.1.gz from the command line's own help, so the man page cannot drift from
# it: help2man (Debian's help2man, the GNU tool most Debian man pages of this kind come
# from) turns `headroom --help` and `--version` into NAME, SYNOPSIS and OPTIONS; every
# subcommand's `--help` goes into a COMMANDS section, with FILES, ENVIRONMENT and SEE ALSO
# from packaging/manpage-extra.h2m.
#   packaging/manpage.sh HEADROOM_BINARY EXTRA_H2M OUT.1.gz
set -euo pipefail
bin=$1 extra=$2 out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# roff-safe text: a backslash is \e, and a line that starts with . or ' is not a request.
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

# The subcommands are the names under "Subcommands:" in CLI11's help (two spaces, a name).
mapfile -t subs < <("$bin" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ ${#subs[@]} -gt 0 ] || { echo "manpage.sh: no subcommands in '$bin --help'" >&2; exit 1; }
{
    echo "[COMMANDS]"
    echo "With no command, headroom opens the console window when a display is present, and"
    echo "otherwise runs headless as \\fBheadroom run \\-\\-demo\\fR would."
    for s in "${subs[@]}"; do
        echo ".SS \"headroom $s\""
        echo ".nf"
        (exec -a headroom "$bin" "$s" --help) | roff # CLI11's Usage: line names argv[0]
        echo ".fi"
    done
    cat "$extra"
} > "$work/include.h2m"

# --no-info: there is no Texinfo manual. help2man takes the date from SOURCE_DATE_EPOCH when set.
help2man --no-info --section=1 --name="a software mixing console for live sound and recording" \
         --include="$work/include.h2m" --output="$work/headroom.1" "$bin"
gzip -9n -c "$work/headroom.1" > "$out.tmp" # -n: no name or time stamp, the same bytes each build
mv "$out.tmp" "$out"
