# Sourced by scripts/score-dev.sh and scripts/make-lm-scans.sh: the one
# definition of eval/gold/lm's frozen split and of where a gold file's text is.

# The frozen split of eval/gold/lm (SPLIT.md): the first hex digit of the
# SHA-256 of the gold file's name without `.gold.json`; 0-7 is `check`,
# 8-f is `tune`.
lm_split() {
    local h
    h="$(printf '%s' "$1" | sha256sum | cut -c1)"
    case "$h" in [0-7]) echo check ;; *) echo tune ;; esac
}

# The corpus text a gold file annotates: its "source", under $1 (the
# corpus/lm folder).
lm_source() {
    printf '%s/%s\n' "$1" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["source"])' "$2")"
}
