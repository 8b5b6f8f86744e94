#!/bin/sh
# Quarto's pre-render command (registered in _quarto.yml): before any render, clear _freeze/ when
# the data or the helpers changed (helpers.book.render_guard). Uses the Python Quarto executes
# chapters with (QUARTO_PYTHON, set by tools/render.sh), else the project's .venv, else python3.
PY=${QUARTO_PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
exec "$PY" -m helpers.book.render_guard
