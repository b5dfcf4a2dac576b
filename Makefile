# Atelier NRC — the two commands: `make start` and `make test`.
# Everything goes through the project's own .venv, installed from the generated lock file.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     := datasets/clients.db
# The 100 000-client build on which make test checks every SQL exercise at scale (< 1 min).
DB_100K := benchmarks/_work/clients_100k.db
# axe-core, the accessibility audit of the browser tests (version pinned in tests/axe/).
AXE := tests/axe/node_modules/axe-core/axe.min.js
HOST   ?= 127.0.0.1
PORT   ?= 8888
UV_VERSION := 0.13.9
VOIE_RAPIDE := not navigateur and not serveur and not base_100k

.PHONY: start test test-rapide setup db dashboards bench lint format lock reset-db

## make start : installe, construit la base si elle manque, lance JupyterLab
start: setup $(DB)
	@$(BIN)/atelier lab --hote $(HOST) --port $(PORT) --sans-navigateur

## make test : installe, construit les bases si elles manquent, lance toute la suite
test: setup $(DB) $(DB_100K) | $(AXE)
	$(BIN)/ruff check widgets tests benchmarks
	$(BIN)/python -m pytest tests
	rm -rf .test-donnees
	ATELIER_DONNEES=$(CURDIR)/.test-donnees $(BIN)/python -m pytest --nbval-lax notebooks voila_apps

## make test-rapide : la boucle d'édition, tout sauf les tests du navigateur, des serveurs et de
## la base de 100 000 clients (marqués par tests/conftest.py d'après leurs fixtures)
## (deux tranches de fichiers à la fois, une par cœur ; la sortie de la première suit)
test-rapide: setup $(DB)
	@journal=$$(mktemp); temp=$$(mktemp -d); \
	$(BIN)/python -m pytest tests -q -p no:cacheprovider -m "$(VOIE_RAPIDE)" --tranche 1/2 \
		--basetemp=$$temp/1 > $$journal 2>&1 & premiere=$$!; \
	$(BIN)/python -m pytest tests -q -p no:cacheprovider -m "$(VOIE_RAPIDE)" --tranche 2/2 \
		--basetemp=$$temp/2; seconde=$$?; \
	wait $$premiere; un=$$?; cat $$journal; rm -rf $$journal $$temp; \
	exit $$(( un || seconde ))

setup: $(VENV)/.installe

$(VENV)/.installe: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --python $(BIN)/python -q requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python -q --no-deps -e .
	touch $@

db: $(DB)

$(DB): | setup
	$(BIN)/atelier construire-base --sortie $(DB)

$(AXE):
	@command -v npm >/dev/null 2>&1 && npm ci --prefix tests/axe --no-audit --no-fund --silent \
	  || echo "npm absent : l'audit d'accessibilité (axe-core) sera ignoré"

$(DB_100K): | setup
	$(BIN)/python benchmarks/build_db.py --sizes 100000 --garder $(DB_100K) --sans-empreinte

## make reset-db : reconstruit la base de référence à neuf
reset-db: setup
	rm -f $(DB)
	$(BIN)/atelier construire-base --sortie $(DB)

## make dashboards : sert les applications Voilà (intranet)
dashboards: setup $(DB)
	$(BIN)/atelier tableaux-de-bord

## make bench : les mesures de docs/benchmarks.md (longues : base de 100 000 clients, classe de 35)
bench: setup $(DB)
	$(BIN)/python benchmarks/build_db.py --sizes 2000 100000
	$(BIN)/python benchmarks/sql.py
	$(BIN)/python benchmarks/widgets.py
	$(BIN)/python benchmarks/classroom.py --eleves 35

lint: setup
	$(BIN)/ruff check widgets tests benchmarks
	$(BIN)/ruff format --check widgets tests benchmarks

format: setup
	$(BIN)/ruff format widgets tests benchmarks
	$(BIN)/ruff check --fix widgets tests benchmarks

## make lock : régénère requirements.lock depuis pyproject.toml (ne pas l'écrire à la main)
lock: setup
	$(BIN)/uv pip compile pyproject.toml --extra test -o requirements.lock --python-version 3.11
