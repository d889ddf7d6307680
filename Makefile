# Two commands for a newcomer: `make report` (set up, then the whole job on the bundled sample) and
# `make test` (set up, then every test). Both need only Python 3.11+ and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.frontline-installed

.PHONY: report test lint extract evaluate benchmark lab notebooks clean-outputs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Frontline)" >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/frontline report

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
	$(BIN)/ruff check src tests scripts

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

extract: $(STAMP)
	$(BIN)/frontline extract --corpus data/raw/sample --out data/processed/sample

evaluate: $(STAMP)
	$(BIN)/frontline evaluate --corpus data/raw/sample --gold data/raw/sample/gold --out data/processed/evaluation

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# After any change to what the extraction produces: store fresh outputs in the committed notebooks (nbval checks them).
notebooks: $(STAMP)
	$(BIN)/python -m frontline.report

lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/jupyter lab notebooks/

clean-outputs:
	rm -rf data/processed/* figures/* reports/*
