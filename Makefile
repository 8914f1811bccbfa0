# Two commands set everything up on a machine with Python 3.11+ and make:
#   make run   — create .venv, install ghatna, code the bundled examples
#   make test  — run the whole test suite in the same .venv
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint data bench load fuzz spark audit constraints clean

# The coder's hot modules are compiled in place with mypyc when a C compiler is present (setup.py;
# GHATNA_COMPILE=0 skips it), with the front's C module: they are rebuilt whenever one of their sources changes.
COMPILED_SOURCES := src/ghatna/model.py src/ghatna/lexicon.py src/ghatna/pipeline.py src/ghatna/lang/morphology.py \
                    src/ghatna/lang/gu/morphology.py $(wildcard src/ghatna/stages/*.py) \
                    src/ghatna/_native.c

$(STAMP): pyproject.toml constraints.txt setup.py $(COMPILED_SOURCES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# the bundled examples and their article dates (see examples/README.md)
EXAMPLES := state-visit:2025-08-30 sanctions-dispute:2025-10-01 border-clash:2024-11-15

run: $(STAMP)
	@for ex in $(EXAMPLES); do \
	  $(BIN)/ghatna code examples/$${ex%%:*}.txt --date $${ex##*:} --format table || exit 1; \
	done
	@for ex in $(EXAMPLES); do \
	  $(BIN)/ghatna ingest examples/$${ex%%:*}.txt --date $${ex##*:} || exit 1; \
	done
	$(BIN)/ghatna dyad IND PAK --by year
	@echo "The web app: $(BIN)/ghatna serve   then open http://127.0.0.1:8000/"

# The optional Spark extra (pyspark; Spark itself needs Java 17+): `ghatna spark` and its tests.
spark: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench fuzz setup.py
	$(BIN)/mypy

# Regenerate the data derived from CLDR/pycountry (a drift test checks it is current).
data: $(STAMP)
	$(BIN)/python scripts/build_countries.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
	find src -name '*.so' -delete

# Known vulnerabilities in the installed dependencies (PyPI's advisory data); CI runs it.
audit: $(STAMP)
	$(BIN)/pip-audit --local --vulnerability-service pypi --progress-spinner off

# Pin the versions now installed (after changing dependencies in pyproject.toml).
constraints: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	$(BIN)/python scripts/pin_constraints.py

# The web app under load: 50 clients for 60 s on loopback (tests run a 6-second form).
load: $(STAMP)
	$(BIN)/python bench/load.py --clients 50 --seconds 60

# Coverage-guided fuzzing of the readers and the coder for ten minutes (tests run a short form).
fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz_ghatna.py -max_total_time=600 fuzz/corpus

bench: $(STAMP)
	cd bench && ../$(BIN)/python bench_speed.py
	cd bench && ../$(BIN)/python bench_ingest.py
