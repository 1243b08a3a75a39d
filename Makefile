# The two commands of the platform: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint messages docs-config clean-db

# Python 3.12 runs uv as a module: a pyenv shim named `uv` may exist yet refuse to run under another version.
UV = PY=$$(scripts/find-python.sh) || exit 1; \
	$$PY -m uv --version >/dev/null 2>&1 || $$PY -m pip install --quiet --root-user-action=ignore uv 2>/dev/null \
	|| { echo "error: could not install uv with $$PY -m pip" >&2; exit 1; }; \
	$$PY -m uv

$(BIN)/python:
	@$(UV) venv --quiet -p "$$PY" $(VENV)

# Re-install only when the dependency list or the mypyc-compiled module (setup.py) changes, so a second
# `make run` starts in seconds.
COMPILED := setup.py src/chinhquyenso/workcal/daytables.py
$(VENV)/.installed-run: pyproject.toml $(COMPILED) | $(BIN)/python
	@$(UV) pip install --quiet --python $(BIN)/python -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(COMPILED) | $(BIN)/python
	@$(UV) pip install --quiet --python $(BIN)/python -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@scripts/install-run-packages.sh
	@CQS_PROFILE=$${CQS_PROFILE:-dev} $(BIN)/chinhquyenso migrate --noinput -v 0
	@CQS_PROFILE=$${CQS_PROFILE:-dev} $(BIN)/chinhquyenso demo
	@echo "Chính quyền số: http://127.0.0.1:$(PORT)/"
	@CQS_PROFILE=$${CQS_PROFILE:-dev} $(BIN)/chinhquyenso runserver --noreload 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	@scripts/install-test-packages.sh
	@scripts/run-tests.sh $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

messages: $(VENV)/.installed-dev
	cd src/chinhquyenso && ../../$(BIN)/chinhquyenso makemessages -l vi -l en --no-obsolete && ../../$(BIN)/chinhquyenso compilemessages

docs-config: $(VENV)/.installed-run
	$(BIN)/chinhquyenso config_docs > docs/configuration.md
