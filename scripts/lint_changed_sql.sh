#!/usr/bin/env bash
# Lint the SQL a change touches with sqlfluff (the project's .sqlfluff: duckdb
# dialect, dbt templater), for pull-request review, CI (.ci/run) and pre-commit.
#
#   scripts/lint_changed_sql.sh [BASE_REF]   SQL under models/, tests/singular/, analyses/ changed
#                                            versus BASE_REF (committed or not)
#   scripts/lint_changed_sql.sh --files F..  these files (pre-commit passes the staged ones)
#   scripts/lint_changed_sql.sh --all        every SQL file
#   scripts/lint_changed_sql.sh --no-fallback [BASE_REF]
#                                            as the first form, but lint nothing where it would
#                                            lint everything (CI: pytest lints everything anyway)
#
# BASE_REF defaults to $LINT_BASE_REF, else origin/main when it exists and is
# not HEAD itself, else HEAD~1. With no usable base (a fresh clone with one
# commit, no git) or when macros/, dbt_project.yml or the sqlfluff settings
# changed (they change how every model compiles), every SQL file is linted.
# The dbt templater compiles against a throw-away DuckDB file, never the
# warehouse.
set -euo pipefail
cd "$(dirname "$0")/.."

SQLFLUFF=${SQLFLUFF:-.venv/bin/sqlfluff}
LINT_PATHS=(models tests/singular analyses)
SQL_PATTERN='^(models|tests/singular|analyses)/.*\.sql$'
GLOBAL_PATTERN='^(macros/|dbt_project\.yml$|\.sqlfluff$|\.sqlfluffignore$|profiles/)'

mode=changed
fallback=all
files=()
base=""
if [ "${1:-}" = --no-fallback ]; then fallback=none; shift; fi
case "${1:-}" in
    --all) mode=all ;;
    --files) mode=files; shift; files=("$@") ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) base=${1:-${LINT_BASE_REF:-}} ;;
esac

has_ref() { git rev-parse --verify --quiet "$1^{commit}" >/dev/null 2>&1; }

if [ "$mode" = changed ]; then
    if [ -z "$base" ]; then
        if has_ref origin/main && [ "$(git rev-parse origin/main)" != "$(git rev-parse HEAD)" ]; then
            base=origin/main
        elif has_ref HEAD~1; then
            base=HEAD~1
        fi
    fi
    if [ -z "$base" ] || ! has_ref "$base"; then
        echo "lint_changed_sql: no base to compare with (${base:-none}); linting every SQL file"
        mode=all
    else
        # Changed versus the merge base with BASE_REF, plus uncommitted and untracked changes.
        merge_base=$(git merge-base "$base" HEAD 2>/dev/null || git rev-parse "$base")
        changed=$( { git diff --name-only --diff-filter=ACMR "$merge_base"; \
                     git ls-files --others --exclude-standard; } | sort -u)
        if grep -Eq "$GLOBAL_PATTERN" <<<"$changed"; then
            echo "lint_changed_sql: macros or project settings changed versus $base; linting every SQL file"
            mode=all
        else
            mapfile -t files < <(grep -E "$SQL_PATTERN" <<<"$changed" || true)
            echo "lint_changed_sql: ${#files[@]} SQL file(s) changed versus $base"
        fi
    fi
fi

if [ "$mode" = all ] && [ "$fallback" = none ] && [ "${1:-}" != --all ]; then
    echo "lint_changed_sql: --no-fallback: skipped (the full lint runs in pytest)"
    exit 0
fi
if [ "$mode" = all ]; then
    files=("${LINT_PATHS[@]}")
else
    existing=()
    for file in "${files[@]}"; do
        if [ -f "$file" ] && grep -Eq "$SQL_PATTERN" <<<"$file"; then existing+=("$file"); fi
    done
    files=("${existing[@]}")
fi

if [ "${#files[@]}" -eq 0 ]; then
    echo "lint_changed_sql: nothing to lint"
    exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
MQL_DUCKDB_PATH="$scratch/lint.duckdb" "$SQLFLUFF" lint "${files[@]}"
