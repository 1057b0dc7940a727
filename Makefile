# marsad — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DATA   ?= examples
DB     ?= marsad.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
SHARED ?= ../shared

SCALE  ?= 100000
SCALE_WORK ?= /tmp/scale

.PHONY: run test install dev train bench bench-scale fuzz stress lint clean-db help

help:
	@echo "make run    # set up .venv, ingest $(DATA) into $(DB), print the stories, serve the web app"
	@echo "make test   # set up .venv with dev dependencies and run the whole test suite"
	@echo "make bench  # throughput and peak memory benchmarks (see benchmarks/)"
	@echo "make bench-scale # SCALE=100000 synthetic articles on SQLite and PostgreSQL: ingest, stories, search, 50-client web (docs/scale.md; ~1 h on 2 cores)"
	@echo "make train  # rebuild the entity tagger (src/marsad/extract/data/tagger/) and the same-event pair model from ../shared"
	@echo "make fuzz   # the reader fuzz suite at 100,000 generated inputs (make test runs 10,000)"
	@echo "make stress # 100 readers (web app, marsad search, store) while all of SaudiNewsNet is ingested (../shared; 10-20 min on 2 cores)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

run: install
	$(BIN)/marsad ingest $(DATA) --db $(DB)
	$(BIN)/marsad stories --db $(DB)
	$(BIN)/marsad serve --db $(DB) --host $(HOST) --port $(PORT)

test: dev
	$(BIN)/python -m pytest

# the entity tagger: word clusters, name shares and the CRF, from ../shared (about 10 minutes on 2 cores);
# then the stories' same-event pair model from the judged stories (PAIR_AUDITS) of SaudiNewsNet (about a minute)
PAIR_AUDITS = $(addprefix benchmarks/audits/,stories_audit.jsonl stories_audit_2.jsonl stories_audit_3.jsonl \
	stories_audit_4.jsonl stories_audit_5.jsonl stories_audit_6.jsonl)
train: dev
	$(BIN)/python -m marsad.learn.build --shared $(SHARED)
	$(BIN)/python -m marsad.learn.pair_model --corpus $(SHARED)/corpora/saudinewsnet $(PAIR_AUDITS) \
		--out src/marsad/stories/data/pair_model.json

bench: dev
	$(BIN)/python benchmarks/run.py

# a synthetic corpus of SCALE articles (benchmarks/synth.py), measured on SQLite and on a private PostgreSQL
# server; work files and databases in SCALE_WORK, a finished phase is not redone (docs/scale.md)
bench-scale: dev
	$(BIN)/python benchmarks/scale_bench.py --articles $(SCALE) --work $(SCALE_WORK) --pg auto --web

fuzz: dev
	MARSAD_FUZZ_EXAMPLES=12500 $(BIN)/python -m pytest tests/fuzz

# readers while writing at full size: `make test` ingests a slice of SaudiNewsNet, this all of it
stress: dev
	MARSAD_STRESS_FULL=1 MARSAD_SHARED=$(abspath $(SHARED)) $(BIN)/python -m pytest -s \
		tests/store/test_readers_while_writing.py -k saudinewsnet

lint: dev
	$(BIN)/ruff check src tests benchmarks

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
