#!/bin/sh
# Render the book (or one file given as $1) with Quarto, using the project's virtual environment.
# Quarto is looked for on PATH, then in the venv (pip's quarto-cli); if neither has it, pip tries
# to install quarto-cli (skipped when QUARTO_NO_INSTALL is set), and if that fails the script says
# how to get Quarto and exits 3.
set -u
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
export PATH="$BIN:$PATH"
if ! command -v quarto >/dev/null 2>&1 && [ -z "${QUARTO_NO_INSTALL:-}" ]; then
  mkdir -p build
  echo "Quarto not found; trying: pip install -r requirements-render.txt (log: build/quarto-install.log)" >&2
  "$PY" -m pip install --quiet -r requirements-render.txt >build/quarto-install.log 2>&1 || true
fi
if ! command -v quarto >/dev/null 2>&1; then
  cat >&2 <<'MSG'

The book needs Quarto (version 1.9 or newer) to render, and it is not installed here.
Get it in one of two ways, then run `make book` again:
  * the installer for your system from https://quarto.org/docs/get-started/
  * pip install quarto-cli   (inside .venv; it downloads Quarto while it installs)
The tests (`make test`) do not need Quarto.

MSG
  exit 3
fi
export QUARTO_PYTHON="$PY"
# freeze: auto only notices edited chapters; clear the freezer when the data changed
"$PY" -m helpers.book.render_guard || exit 1
if [ $# -gt 0 ] && [ -n "$1" ]; then
  quarto render "$1" --to html
else
  quarto render --to html && quarto render --to typst
fi
