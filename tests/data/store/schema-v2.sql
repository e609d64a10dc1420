-- SPDX-License-Identifier: MIT
-- hugi store schema version 2, as migrations 0 -> 1 -> 2 create it, with a little data
-- (the version-1 fixture plus a complaint group and its member).
CREATE TABLE sources(
  name TEXT PRIMARY KEY, preset TEXT, url TEXT, created_at INTEGER NOT NULL);
CREATE TABLE products(
  id TEXT PRIMARY KEY, name TEXT, created_at INTEGER NOT NULL);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, note TEXT,
  pid INTEGER, host TEXT, started INTEGER NOT NULL, finished INTEGER,
  n_read INTEGER NOT NULL DEFAULT 0, n_new INTEGER NOT NULL DEFAULT 0,
  n_edited INTEGER NOT NULL DEFAULT 0, n_unchanged INTEGER NOT NULL DEFAULT 0,
  n_rejected INTEGER NOT NULL DEFAULT 0, n_scored INTEGER NOT NULL DEFAULT 0,
  n_alerts INTEGER NOT NULL DEFAULT 0, n_failed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE reviews(
  key INTEGER PRIMARY KEY,
  source TEXT NOT NULL REFERENCES sources(name),
  rid TEXT NOT NULL,
  product TEXT REFERENCES products(id),
  version INTEGER NOT NULL DEFAULT 1,
  author TEXT, rating REAL, date INTEGER, date_raw TEXT, lang TEXT, title TEXT,
  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes INTEGER, fetched_at INTEGER,
  chash INTEGER NOT NULL,
  first_seen INTEGER NOT NULL, version_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  run_id INTEGER REFERENCES runs(id),
  UNIQUE(source, rid));
CREATE INDEX reviews_product ON reviews(product, date);
CREATE TABLE review_versions(
  key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  author TEXT, rating REAL, date INTEGER, date_raw TEXT, lang TEXT, title TEXT,
  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes INTEGER, fetched_at INTEGER,
  seen_from INTEGER NOT NULL, seen_to INTEGER NOT NULL, run_id INTEGER,
  PRIMARY KEY(key, version)) WITHOUT ROWID;
CREATE TABLE scores(
  key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  score REAL NOT NULL, label TEXT NOT NULL, verdict TEXT, lang TEXT, severity TEXT,
  evidence TEXT, categories TEXT, model TEXT, scored_at INTEGER NOT NULL,
  PRIMARY KEY(key, version)) WITHOUT ROWID;
CREATE TABLE alerts(
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,
  product TEXT, source TEXT, review_id TEXT, review_key INTEGER, review_version INTEGER,
  score REAL, categories TEXT, evidence TEXT, reply TEXT, channel TEXT, due INTEGER,
  status TEXT NOT NULL DEFAULT 'open', created_at INTEGER NOT NULL,
  acked_at INTEGER, acked_by TEXT, note TEXT, run_id INTEGER);
CREATE INDEX alerts_status ON alerts(status, created_at);
CREATE TABLE fetch_state(
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, cursor TEXT,
  updated INTEGER NOT NULL);

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
ALTER TABLE alerts ADD COLUMN summary TEXT;
ALTER TABLE alerts ADD COLUMN data TEXT;
CREATE INDEX alerts_product ON alerts(product, created_at);
CREATE TABLE complaint_groups(
  key TEXT PRIMARY KEY, product TEXT, kind TEXT NOT NULL, category TEXT, phrase TEXT,
  window_start INTEGER, window_end INTEGER, count INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0, baseline REAL, stat REAL, examples TEXT,
  first_raised INTEGER NOT NULL, last_raised INTEGER NOT NULL, cooldown_until INTEGER,
  run_id INTEGER);
CREATE INDEX complaint_groups_product ON complaint_groups(product, last_raised);
CREATE TABLE complaint_members(
  gkey TEXT NOT NULL REFERENCES complaint_groups(key) ON DELETE CASCADE,
  review_key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,
  PRIMARY KEY(gkey, review_key)) WITHOUT ROWID;
CREATE INDEX complaint_members_review ON complaint_members(review_key);
INSERT INTO complaint_groups(key, product, kind, category, window_start, window_end, count,
  total, first_raised, last_raised, cooldown_until, run_id)
  VALUES('recurring|P1|delivery', 'P1', 'recurring', 'delivery', 1699400000, 1700000000, 3, 10,
         1700000009, 1700000009, 1700259209, 1);
INSERT INTO complaint_members(gkey, review_key) VALUES('recurring|P1|delivery', 1);
PRAGMA user_version = 2;
