# Two commands: `make test` and `make book`. Both create .venv (Python 3.11+) when it is missing
# and reinstall when the requirements or pyproject.toml change.
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
RSTAMP  := $(VENV)/.installed-render
# Which rendering `make book` makes: empty for the default (the combined book), or a profile of
# _quarto-<profile>.yml (pup, pairs, ua), or several joined by commas (PROFILE=pup,ua).
PROFILE ?=
# The Quarto version the book needs, read from the one place it is stated: quarto-required in
# _quarto.yml (helpers.book.project.quarto_version reads the same line).
QUARTO_VERSION := $(shell sed -n 's/^quarto-required:[^0-9]*\([0-9][0-9.]*\).*/\1/p' _quarto.yml)

.PHONY: test book preview data bench clean distclean help quarto-version

help:
	@echo "make test   - install (if needed) and run the whole test suite, every chapter executed"
	@echo "make book   - install (if needed) and render the book to _book/ (HTML and PDF, one run)"
	@echo "make book PROFILE=pup   - render one evaluation as a report of its own (or pairs)"
	@echo "make preview CHAPTER=chapters/pup/outcomes.qmd - render one chapter to HTML"
	@echo "make data   - regenerate the synthetic data in data/synthetic/"
	@echo "make bench  - time every chapter against the kernel floor, and 10x/100x data (not a test)"
	@echo "make quarto-version - print the Quarto version the book needs ($(QUARTO_VERSION))"
	@echo "make clean  - remove rendered output and caches; make distclean also removes .venv"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || \
		{ echo "This book needs Python 3.11+; '$(PYTHON)' is older or missing. Run e.g. 'make test PYTHON=python3.11'." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

$(RSTAMP): requirements-render.txt $(STAMP)
	$(PY) -m pip install --quiet -r requirements-render.txt
	@touch $(RSTAMP)

test: $(STAMP)
	$(PY) -m pytest

data: $(STAMP)
	$(PY) -m helpers.synthetic

book: $(RSTAMP)
	@PY=$(PY) PROFILE="$(PROFILE)" QUARTO_VERSION=$(QUARTO_VERSION) sh tools/render.sh

preview: $(RSTAMP)
	@PY=$(PY) PROFILE="$(PROFILE)" QUARTO_VERSION=$(QUARTO_VERSION) sh tools/render.sh $(CHAPTER)

bench: $(STAMP)
	$(PY) tools/bench.py --repeats 3 --scale 10 100

quarto-version:
	@echo $(QUARTO_VERSION)

clean:
	rm -rf _book _book-pup _book-pairs .quarto _freeze build .pytest_cache

distclean: clean
	rm -rf $(VENV)
