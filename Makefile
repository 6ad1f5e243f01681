# Two commands do everything: `make run` and `make test`. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LRS_VENV := .venv-lrs
PORT ?= 8501

.PHONY: run test lint bench bench-quick migrate validate clean oidc-provider

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9

# Re-install only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/uv
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/uv
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Ralph, the learning record store the xAPI tests start (its own virtualenv: its pins clash with ours).
$(LRS_VENV)/.installed: requirements-lrs.txt | $(BIN)/uv
	$(PYTHON) -m venv $(LRS_VENV)
	$(BIN)/uv pip install -q --python $(LRS_VENV)/bin/python -r requirements-lrs.txt
	touch $@

migrate: $(VENV)/.runtime
	$(BIN)/python -m academy migrate

validate: $(VENV)/.runtime
	$(BIN)/python -m academy validate

run: migrate
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --browser.gatherUsageStats false

test: $(VENV)/.dev $(LRS_VENV)/.installed
	@./scripts/system-deps.sh
	@$(MAKE) --no-print-directory oidc-provider
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The OpenID Connect provider the single sign-on tests start (tests/oidc), pinned by its package-lock.json.
OIDC_INSTALLED := tests/oidc/node_modules/.package-lock.json
oidc-provider: $(OIDC_INSTALLED)
$(OIDC_INSTALLED): tests/oidc/package-lock.json
	@if command -v npm >/dev/null; then cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: the single sign-on tests will be skipped"; fi

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.dev
	@./scripts/system-deps.sh
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(LRS_VENV) .pytest_cache .ruff_cache tests/oidc/node_modules
