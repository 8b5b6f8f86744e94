# Two commands: `make test` and `make book`. Both create .venv (Python 3.11+) when it is missing
# and reinstall when requirements.txt or pyproject.toml change.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: test book preview data clean help

help:
	@echo "make test   - install (if needed) and run the whole test suite, every chapter executed"
	@echo "make book   - install (if needed) and render the book to _book/ (HTML and PDF)"
	@echo "make preview CHAPTER=chapters/pup/outcomes.qmd - render one chapter"
	@echo "make data   - regenerate the synthetic data in data/synthetic/"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

data: $(STAMP)
	$(PY) -m helpers.synthetic

book: $(STAMP)
	@PY=$(PY) sh tools/render.sh

preview: $(STAMP)
	@PY=$(PY) sh tools/render.sh $(CHAPTER)

clean:
	rm -rf _book .quarto _freeze build .pytest_cache
