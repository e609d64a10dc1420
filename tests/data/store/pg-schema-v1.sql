-- SPDX-License-Identifier: MIT
-- hugi store schema version 1 in PostgreSQL, as the PostgreSQL backend's migration 0 -> 1
-- creates it, with the same little data as schema-v1.sql.
CREATE TABLE hugi_schema(version INTEGER NOT NULL);
INSERT INTO hugi_schema(version) VALUES(1);
CREATE TABLE sources(
  name TEXT PRIMARY KEY, preset TEXT, url TEXT, created_at BIGINT NOT NULL);
CREATE TABLE products(
  id TEXT PRIMARY KEY, name TEXT, created_at BIGINT NOT NULL);
CREATE TABLE runs(
  id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, note TEXT,
  pid BIGINT, host TEXT, started BIGINT NOT NULL, finished BIGINT,
  n_read BIGINT NOT NULL DEFAULT 0, n_new BIGINT NOT NULL DEFAULT 0,
  n_edited BIGINT NOT NULL DEFAULT 0, n_unchanged BIGINT NOT NULL DEFAULT 0,
  n_rejected BIGINT NOT NULL DEFAULT 0, n_scored BIGINT NOT NULL DEFAULT 0,
  n_alerts BIGINT NOT NULL DEFAULT 0, n_failed BIGINT NOT NULL DEFAULT 0);
CREATE TABLE reviews(
  key BIGSERIAL PRIMARY KEY,
  source TEXT NOT NULL REFERENCES sources(name),
  rid TEXT NOT NULL,
  product TEXT REFERENCES products(id),
  version INTEGER NOT NULL DEFAULT 1,
  author TEXT, rating DOUBLE PRECISION, date BIGINT, date_raw TEXT, lang TEXT, title TEXT,
  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes BIGINT, fetched_at BIGINT,
  chash BIGINT NOT NULL,
  first_seen BIGINT NOT NULL, version_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
  run_id BIGINT REFERENCES runs(id),
  UNIQUE(source, rid));
CREATE INDEX reviews_product ON reviews(product, date);
CREATE TABLE review_versions(
  key BIGINT NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  author TEXT, rating DOUBLE PRECISION, date BIGINT, date_raw TEXT, lang TEXT, title TEXT,
  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes BIGINT, fetched_at BIGINT,
  seen_from BIGINT NOT NULL, seen_to BIGINT NOT NULL, run_id BIGINT,
  PRIMARY KEY(key, version));
CREATE TABLE scores(
  key BIGINT NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  score DOUBLE PRECISION NOT NULL, label TEXT NOT NULL, verdict TEXT, lang TEXT,
  severity TEXT, evidence TEXT, categories TEXT, model TEXT, scored_at BIGINT NOT NULL,
  PRIMARY KEY(key, version));
CREATE TABLE alerts(
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,
  product TEXT, source TEXT, review_id TEXT, review_key BIGINT, review_version INTEGER,
  score DOUBLE PRECISION, categories TEXT, evidence TEXT, reply TEXT, channel TEXT,
  due BIGINT, status TEXT NOT NULL DEFAULT 'open', created_at BIGINT NOT NULL,
  acked_at BIGINT, acked_by TEXT, note TEXT, run_id BIGINT);
CREATE INDEX alerts_status ON alerts(status, created_at);
CREATE TABLE fetch_state(
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, cursor TEXT,
  updated BIGINT NOT NULL);

-- a store written by hugi with schema version 1 (before complaint groups)
INSERT INTO sources(name, created_at) VALUES('coupang', 1700000000);
INSERT INTO products(id, name, created_at) VALUES('P1', '무선 이어폰', 1700000000);
INSERT INTO runs(id, kind, status, started, finished, n_read, n_new)
  VALUES(1, 'import', 'ok', 1700000000, 1700000010, 2, 2);
INSERT INTO reviews(key, source, rid, product, version, author, rating, date, text, chash,
  first_seen, version_seen, last_seen, run_id)
  VALUES(1, 'coupang', 'r1', 'P1', 2, 'kim', 1, 1699990000, '배송이 너무 늦어요', 11,
         1700000000, 1700000005, 1700000005, 1);
INSERT INTO review_versions(key, version, author, rating, date, text, seen_from, seen_to, run_id)
  VALUES(1, 1, 'kim', 2, 1699990000, '배송이 늦어요', 1700000000, 1700000004, 1);
INSERT INTO reviews(key, source, rid, product, version, author, rating, text, chash,
  first_seen, version_seen, last_seen, run_id)
  VALUES(2, 'coupang', 'r2', 'P1', 1, 'lee', 5, 'Great sound!', 22,
         1700000000, 1700000000, 1700000000, 1);
INSERT INTO scores(key, version, score, label, scored_at) VALUES(1, 2, -0.7, 'neg', 1700000006);
INSERT INTO alerts(id, kind, severity, product, source, review_id, status, created_at)
  VALUES('a1', 'review', 'high', 'P1', 'coupang', 'r1', 'open', 1700000007);
INSERT INTO fetch_state(url, etag, updated) VALUES('https://x.example/p1', '"abc"', 1700000008);
-- rows written with explicit keys: the sequences go on after them, as hugi's own inserts leave them
SELECT setval('runs_id_seq', 1);
SELECT setval('reviews_key_seq', 2);
