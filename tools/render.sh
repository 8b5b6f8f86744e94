#!/bin/sh
# Render the book (or one file given as $1) with Quarto, using the project's virtual environment.
#
# One `quarto render` writes every format of _quarto.yml (the HTML book and its Typst PDF, which
# the HTML offers as a download), so no second render can clean away the first one's output.
# PROFILE chooses what is rendered (see _quarto.yml): empty for the combined book, or pup, pairs,
# ua, or several joined by commas. QUARTO_VERSION is the version the book needs; the Makefile
# reads it from quarto-required in _quarto.yml, and so does this script when run on its own.
#
# Quarto is looked for on PATH, then in the venv (pip's quarto-cli); if neither has it, pip tries
# once to install quarto-cli at that version (skipped when QUARTO_NO_INSTALL is set, and not
# retried after a failure until build/quarto-install.failed is deleted), and if that fails the
# script says how to get Quarto and exits 3.
set -u
PY=${PY:-.venv/bin/python}
PROFILE=${PROFILE:-}
QUARTO_VERSION=${QUARTO_VERSION:-$(sed -n 's/^quarto-required:[^0-9]*\([0-9][0-9.]*\).*/\1/p' _quarto.yml)}
BIN=$(dirname "$PY")
export PATH="$BIN:$PATH"
FAILED=build/quarto-install.failed
if ! command -v quarto >/dev/null 2>&1 && [ -z "${QUARTO_NO_INSTALL:-}" ]; then
  if [ -f "$FAILED" ]; then
    echo "Quarto not found; an earlier pip install quarto-cli failed (see build/quarto-install.log)," >&2
    echo "so it is not retried. Delete $FAILED to try again." >&2
  else
    mkdir -p build
    echo "Quarto not found; trying: pip install quarto-cli==$QUARTO_VERSION (log: build/quarto-install.log)" >&2
    "$PY" -m pip install --quiet "quarto-cli==$QUARTO_VERSION" >build/quarto-install.log 2>&1 || touch "$FAILED"
  fi
fi
if ! command -v quarto >/dev/null 2>&1; then
  cat >&2 <<MSG

The book needs Quarto (version $QUARTO_VERSION or newer) to render, and it is not installed here.
Get it in one of two ways, then run \`make book\` again:
  * the installer for your system from https://quarto.org/docs/get-started/
  * pip install quarto-cli==$QUARTO_VERSION   (inside .venv; it downloads Quarto while it installs)
The tests (\`make test\`) do not need Quarto.

MSG
  exit 3
fi
export QUARTO_PYTHON="$PY"
# freeze: auto only notices edited chapters; _quarto.yml's pre-render command
# (tools/pre-render.sh) clears the freezer when the data or the helpers changed.
if [ -n "$PROFILE" ]; then
  set -- "${1:-}" --profile "$PROFILE"
else
  set -- "${1:-}"
fi
if [ -n "$1" ]; then
  file=$1
  shift
  quarto render "$file" --to html "$@"
else
  shift
  quarto render "$@"
fi
