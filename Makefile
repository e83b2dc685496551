# Quick start:  make run   (demo database in the app)   ·   make test   (the whole suite)
#               make check (the quick loop while editing: no test marked slow)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DEMO   := .demo/appealdesk-demo.db
STAMP  := $(VENV)/.installed
STUCK  := .stuck-tests.txt

.PHONY: run test check setup lint typecheck pytest benchmark benchmark-quick translations catalogs demo clean

run: setup
	@[ -f $(DEMO) ] || { mkdir -p .demo && $(PY) -m appealdesk demo $(DEMO); }
	$(PY) -m appealdesk --db $(DEMO)

test: setup lint typecheck pytest benchmark-quick
	@[ ! -s $(STUCK) ] || { echo "Tests whose worker ended (crashed, or stuck and stopped), run once more:"; cat $(STUCK); }

setup: $(STAMP) catalogs

$(STAMP): pyproject.toml constraints-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "AppealDesk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints-dev.txt -e '.[test]'
	@touch $@

catalogs: $(STAMP)
	@$(PY) -m appealdesk.i18n

lint: setup
	$(PY) -m ruff check appealdesk tests benchmarks
	$(PY) -m ruff format --check appealdesk tests benchmarks

typecheck: setup
	$(PY) -m mypy

# Every test, the property tests with the thorough Hypothesis profile (see tests/conftest.py):
# first all but the serial ones, spread over the machine's cores, then those (crash, kill and
# soak runs that time real processes against each other) one at a time.
# A test that ends its worker (a crash, or stuck where not even Python runs any more, stopped
# after 11 minutes: see tests/stuck_watch.py) runs once more on a new worker, and is named
# again at the end.
pytest: setup
	rm -f $(STUCK)
	APPEALDESK_STUCK_REPORT=$(STUCK) QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} \
		$(PY) -m pytest -q -m "not serial" -n auto --durations=10 --reruns 1 --only-rerun "crashed while running"
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(PY) -m pytest -q -m serial --durations=5

# The quick loop while editing: lint, types and every test not marked slow (the crash, kill
# and soak runs, large images, tests that start many processes), property tests kept short,
# spread over the machine's cores.
check: setup lint typecheck
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-dev} $(PY) -m pytest -q -x -m "not slow" -n auto

# Speed and memory against their targets (see README, Performance). The quick run is part
# of the tests so the benchmark keeps working; its figures are reported, not asserted.
benchmark: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

benchmark-quick: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py --quick --report benchmarks/out/quick.json

# Re-extract the messages and merge them into the catalogs (then translate the .po files).
translations: setup
	$(VENV)/bin/pybabel extract --no-location --sort-output --width=100 -F babel.cfg \
		--project=AppealDesk --copyright-holder="AppealDesk contributors" \
		-o translations/appealdesk.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --width=100 -D appealdesk -i translations/appealdesk.pot -d translations

demo: setup
	rm -f $(DEMO) && mkdir -p .demo && $(PY) -m appealdesk demo $(DEMO)

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
	find translations -name '*.mo' -delete
