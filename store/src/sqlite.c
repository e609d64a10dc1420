/* SPDX-License-Identifier: MIT
 * The SQLite backend: one file, WAL mode (readers never block the writer), a busy timeout (two
 * scans of one store wait for each other instead of failing), foreign keys on, and the schema
 * versioned with PRAGMA user_version and migrated forward on open.
 *
 * Crash safety comes from SQLite's transactions: a run's writes go in transactions; kill -9
 * between statements or mid-commit leaves the last committed state. Every write is idempotent
 * (upsert by (source, id), alerts by id, groups by key) so the next run redoes what was lost
 * without duplicating anything.
 *
 * Speed: statements are prepared once and kept; the upsert of a new review is a single INSERT
 * (conflict detection by the UNIQUE index), and the source/product rows are inserted only when
 * the name differs from the previous review's.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "backend.h"

/* ---- schema ------------------------------------------------------------------------------
 * migrations[i] takes a store from version i to i + 1. Append only: a released migration is never
 * edited, since stores in the field have already run it. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE sources(\n"
    "  name TEXT PRIMARY KEY, preset TEXT, url TEXT, created_at INTEGER NOT NULL);\n"
    "CREATE TABLE products(\n"
    "  id TEXT PRIMARY KEY, name TEXT, created_at INTEGER NOT NULL);\n"
    "CREATE TABLE runs(\n"
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, note TEXT,\n"
    "  pid INTEGER, host TEXT, started INTEGER NOT NULL, finished INTEGER,\n"
    "  n_read INTEGER NOT NULL DEFAULT 0, n_new INTEGER NOT NULL DEFAULT 0,\n"
    "  n_edited INTEGER NOT NULL DEFAULT 0, n_unchanged INTEGER NOT NULL DEFAULT 0,\n"
    "  n_rejected INTEGER NOT NULL DEFAULT 0, n_scored INTEGER NOT NULL DEFAULT 0,\n"
    "  n_alerts INTEGER NOT NULL DEFAULT 0, n_failed INTEGER NOT NULL DEFAULT 0);\n"
    /* The current version of each review; earlier versions move to review_versions. */
    "CREATE TABLE reviews(\n"
    "  key INTEGER PRIMARY KEY,\n"
    "  source TEXT NOT NULL REFERENCES sources(name),\n"
    "  rid TEXT NOT NULL,\n"
    "  product TEXT REFERENCES products(id),\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  author TEXT, rating REAL, date INTEGER, date_raw TEXT, lang TEXT, title TEXT,\n"
    "  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes INTEGER, fetched_at INTEGER,\n"
    "  chash INTEGER NOT NULL,\n"
    "  first_seen INTEGER NOT NULL, version_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  UNIQUE(source, rid));\n"
    "CREATE INDEX reviews_product ON reviews(product, date);\n"
    "CREATE TABLE review_versions(\n"
    "  key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  version INTEGER NOT NULL,\n"
    "  author TEXT, rating REAL, date INTEGER, date_raw TEXT, lang TEXT, title TEXT,\n"
    "  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes INTEGER, fetched_at INTEGER,\n"
    "  seen_from INTEGER NOT NULL, seen_to INTEGER NOT NULL, run_id INTEGER,\n"
    "  PRIMARY KEY(key, version)) WITHOUT ROWID;\n"
    "CREATE TABLE scores(\n"
    "  key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  version INTEGER NOT NULL,\n"
    "  score REAL NOT NULL, label TEXT NOT NULL, verdict TEXT, lang TEXT, severity TEXT,\n"
    "  evidence TEXT, categories TEXT, model TEXT, scored_at INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, version)) WITHOUT ROWID;\n"
    "CREATE TABLE alerts(\n"
    "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,\n"
    "  product TEXT, source TEXT, review_id TEXT, review_key INTEGER, review_version INTEGER,\n"
    "  score REAL, categories TEXT, evidence TEXT, reply TEXT, channel TEXT, due INTEGER,\n"
    "  status TEXT NOT NULL DEFAULT 'open', created_at INTEGER NOT NULL,\n"
    "  acked_at INTEGER, acked_by TEXT, note TEXT, run_id INTEGER);\n"
    "CREATE INDEX alerts_status ON alerts(status, created_at);\n"
    "CREATE TABLE fetch_state(\n"
    "  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, cursor TEXT,\n"
    "  updated INTEGER NOT NULL);\n",

    /* 1 -> 2: complaint groups; alerts get a summary line and a data blob for reports */
    "ALTER TABLE alerts ADD COLUMN summary TEXT;\n"
    "ALTER TABLE alerts ADD COLUMN data TEXT;\n"
    "CREATE INDEX alerts_product ON alerts(product, created_at);\n"
    "CREATE TABLE complaint_groups(\n"
    "  key TEXT PRIMARY KEY, product TEXT, kind TEXT NOT NULL, category TEXT, phrase TEXT,\n"
    "  window_start INTEGER, window_end INTEGER, count INTEGER NOT NULL DEFAULT 0,\n"
    "  total INTEGER NOT NULL DEFAULT 0, baseline REAL, stat REAL, examples TEXT,\n"
    "  first_raised INTEGER NOT NULL, last_raised INTEGER NOT NULL, cooldown_until INTEGER,\n"
    "  run_id INTEGER);\n"
    "CREATE INDEX complaint_groups_product ON complaint_groups(product, last_raised);\n"
    "CREATE TABLE complaint_members(\n"
    "  gkey TEXT NOT NULL REFERENCES complaint_groups(key) ON DELETE CASCADE,\n"
    "  review_key INTEGER NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  PRIMARY KEY(gkey, review_key)) WITHOUT ROWID;\n"
    "CREATE INDEX complaint_members_review ON complaint_members(review_key);\n",

    /* 2 -> 3: a complaint group's severity, stored when it is raised */
    "ALTER TABLE complaint_groups ADD COLUMN severity TEXT;\n",

    /* 3 -> 4: work shared by several scan workers (hugi_store_lease_next) */
    "CREATE TABLE work_items(\n"
    "  id INTEGER PRIMARY KEY, queue TEXT NOT NULL, item TEXT NOT NULL,\n"
    "  leased_by TEXT, lease_until INTEGER, taken_from TEXT, done_at INTEGER,\n"
    "  attempts INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL,\n"
    "  UNIQUE(queue, item));\n",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == HUGI_STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* ---- prepared statements ----------------------------------------------------------------- */
#define REVIEW_COLS                                                                                \
    "r.key, r.source, r.rid, r.product, r.version, r.author, r.rating, r.date, r.date_raw, "       \
    "r.lang, r.title, r.text, r.url, r.parent_id, r.likes, r.fetched_at, r.first_seen, "           \
    "r.last_seen, r.run_id, s.score, s.label, s.verdict, s.severity, s.categories"
#define ALERT_COLS                                                                                 \
    "id, kind, severity, product, source, review_id, review_key, review_version, score, "          \
    "categories, evidence, summary, reply, channel, data, due, status, created_at, acked_at, "     \
    "acked_by, note, run_id"
#define GROUP_COLS                                                                                 \
    "key, product, kind, category, phrase, window_start, window_end, count, total, baseline, "     \
    "stat, examples, first_raised, last_raised, cooldown_until, run_id, severity"

/* The machine's clock in epoch seconds, for leases (not hugi_now(), which tests pin). */
#define SQ_NOW "CAST(strftime('%s', 'now') AS INTEGER)"

#define STATEMENTS(X)                                                                              \
    X(BEGIN, "BEGIN IMMEDIATE")                                                                    \
    X(COMMIT, "COMMIT")                                                                            \
    X(ROLLBACK, "ROLLBACK")                                                                        \
    X(SOURCE_ADD, "INSERT OR IGNORE INTO sources(name, created_at) VALUES(?1, ?2)")                \
    X(SOURCE_PUT, "INSERT INTO sources(name, preset, url, created_at) VALUES(?1, ?2, ?3, ?4) "     \
                  "ON CONFLICT(name) DO UPDATE SET preset = COALESCE(?2, preset), "                \
                  "url = COALESCE(?3, url)")                                                       \
    X(PRODUCT_ADD, "INSERT OR IGNORE INTO products(id, created_at) VALUES(?1, ?2)")                \
    X(PRODUCT_PUT, "INSERT INTO products(id, name, created_at) VALUES(?1, ?2, ?3) "                \
                   "ON CONFLICT(id) DO UPDATE SET name = COALESCE(?2, name)")                      \
    X(PRODUCT_NAME, "SELECT name FROM products WHERE id = ?1")                                     \
    X(REVIEW_INSERT,                                                                               \
      "INSERT INTO reviews(source, rid, product, version, author, rating, date, date_raw, lang, "  \
      "title, text, url, parent_id, likes, fetched_at, chash, first_seen, version_seen, "          \
      "last_seen, run_id) VALUES(?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, " \
      "?15, ?16, ?16, ?16, ?17) ON CONFLICT(source, rid) DO NOTHING")                              \
    X(REVIEW_FIND, "SELECT key, version, product, text, rating FROM reviews "                      \
                   "WHERE source = ?1 AND rid = ?2")                                               \
    /* product is not in the SET list: SQLite would rewrite the product index entry even when      \
     * the value stays the same, and this runs for every review a rescan sees again */             \
    X(REVIEW_TOUCH, "UPDATE reviews SET last_seen = ?2, likes = COALESCE(?3, likes), "             \
                    "url = COALESCE(?4, url), fetched_at = COALESCE(?5, fetched_at), "             \
                    "lang = COALESCE(lang, ?6) WHERE key = ?1")                                    \
    X(REVIEW_SET_PRODUCT, "UPDATE reviews SET product = ?2 WHERE key = ?1")                        \
    X(VERSION_SAVE,                                                                                \
      "INSERT OR REPLACE INTO review_versions(key, version, author, rating, date, date_raw, "      \
      "lang, "                                                                                     \
      "title, text, url, parent_id, likes, fetched_at, seen_from, seen_to, run_id) "               \
      "SELECT key, version, author, rating, date, date_raw, lang, title, text, url, parent_id, "   \
      "likes, fetched_at, version_seen, last_seen, run_id FROM reviews WHERE key = ?1")            \
    X(REVIEW_NEWVERSION,                                                                           \
      "UPDATE reviews SET version = version + 1, product = COALESCE(?2, product), author = ?3, "   \
      "rating = ?4, date = ?5, date_raw = ?6, lang = ?7, title = ?8, text = ?9, url = ?10, "       \
      "parent_id = ?11, likes = ?12, fetched_at = ?13, chash = ?14, version_seen = ?15, "          \
      "last_seen = ?15, run_id = ?16 WHERE key = ?1")                                              \
    X(REVIEW_KNOWN, "SELECT 1 FROM reviews WHERE source = ?1 AND rid = ?2")                        \
    X(REVIEW_GET, "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "                      \
                  "ON s.key = r.key AND s.version = r.version WHERE r.source = ?1 AND r.rid = ?2") \
    X(VERSIONS, "SELECT key, version, author, rating, date, date_raw, lang, title, text, url, "    \
                "parent_id, likes, fetched_at, seen_from, seen_to, run_id FROM review_versions "   \
                "WHERE key = ?1 ORDER BY version")                                                 \
    X(CURRENT_BY_KEY, "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "                  \
                      "ON s.key = r.key AND s.version = r.version WHERE r.key = ?1")               \
    X(VERSION_EXISTS, "SELECT 1 FROM reviews WHERE key = ?1 AND version = ?2 UNION ALL "           \
                      "SELECT 1 FROM review_versions WHERE key = ?1 AND version = ?2")             \
    X(SCORE_PUT, "INSERT OR REPLACE INTO scores(key, version, score, label, verdict, lang, "       \
                 "severity, evidence, categories, model, scored_at) "                              \
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                           \
    X(SCORE_GET, "SELECT score, label, verdict, severity, categories FROM scores "                 \
                 "WHERE key = ?1 AND version = ?2")                                                \
    X(RUN_STALE, "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?1")                \
    X(RUN_INTERRUPT, "UPDATE runs SET status = 'interrupted', finished = ?2 WHERE id = ?1")        \
    X(RUN_START, "INSERT INTO runs(kind, status, note, pid, host, started) "                       \
                 "VALUES(?1, 'running', ?2, ?3, ?4, ?5)")                                          \
    X(RUN_FINISH, "UPDATE runs SET status = ?2, finished = ?3, n_read = ?4, n_new = ?5, "          \
                  "n_edited = ?6, n_unchanged = ?7, n_rejected = ?8, n_scored = ?9, "              \
                  "n_alerts = ?10, n_failed = ?11 WHERE id = ?1")                                  \
    X(RUN_FINISH_STATUS, "UPDATE runs SET status = ?2, finished = ?3 WHERE id = ?1")               \
    X(RUNS, "SELECT id, kind, status, note, started, finished, n_read, n_new, n_edited, "          \
            "n_unchanged, n_rejected, n_scored, n_alerts, n_failed FROM runs "                     \
            "ORDER BY id DESC LIMIT ?1")                                                           \
    X(ALERT_PUT, "INSERT INTO alerts(" ALERT_COLS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "  \
                 "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) "               \
                 "ON CONFLICT(id) DO NOTHING")                                                     \
    X(ALERT_GET, "SELECT " ALERT_COLS " FROM alerts WHERE id = ?1")                                \
    X(ALERT_STATUS, "SELECT status FROM alerts WHERE id = ?1")                                     \
    X(ALERT_ACK, "UPDATE alerts SET status = 'acked', acked_at = ?2, acked_by = ?3, note = ?4 "    \
                 "WHERE id = ?1 AND status = 'open'")                                              \
    X(GROUP_FIND, "SELECT first_raised FROM complaint_groups WHERE key = ?1")                      \
    X(GROUP_PUT, "INSERT OR REPLACE INTO complaint_groups(" GROUP_COLS ") VALUES(?1, ?2, ?3, ?4, " \
                 "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)")                    \
    X(GROUP_GET, "SELECT " GROUP_COLS " FROM complaint_groups WHERE key = ?1")                     \
    X(MEMBERS_CLEAR, "DELETE FROM complaint_members WHERE gkey = ?1")                              \
    X(MEMBER_ADD, "INSERT OR IGNORE INTO complaint_members(gkey, review_key) VALUES(?1, ?2)")      \
    X(MEMBERS, "SELECT review_key FROM complaint_members WHERE gkey = ?1 ORDER BY review_key")     \
    X(FETCH_GET, "SELECT url, etag, last_modified, cursor, updated FROM fetch_state "              \
                 "WHERE url = ?1")                                                                 \
    X(FETCH_PUT, "INSERT OR REPLACE INTO fetch_state(url, etag, last_modified, cursor, updated) "  \
                 "VALUES(?1, ?2, ?3, ?4, ?5)")                                                     \
    X(WORK_ADD, "INSERT INTO work_items(queue, item, added_at) VALUES(?1, ?2, " SQ_NOW ") "        \
                "ON CONFLICT(queue, item) DO NOTHING")                                             \
    X(LEASE_PICK, "SELECT id FROM work_items WHERE queue = ?1 AND ("                               \
                  "(leased_by IS NULL AND (done_at IS NULL OR done_at <= " SQ_NOW " - ?2)) OR "    \
                  "(leased_by IS NOT NULL AND lease_until < " SQ_NOW ")) ORDER BY id LIMIT 1")     \
    X(LEASE_TAKE, "UPDATE work_items SET taken_from = leased_by, leased_by = ?2, "                 \
                  "lease_until = " SQ_NOW " + ?3, attempts = attempts + 1 WHERE id = ?1 "          \
                  "RETURNING item, attempts, taken_from")                                          \
    X(LEASE_PENDING, "SELECT count(*) FROM work_items WHERE queue = ?1 AND leased_by IS NOT NULL " \
                     "AND lease_until >= " SQ_NOW)                                                 \
    X(LEASE_RENEW, "UPDATE work_items SET lease_until = " SQ_NOW " + ?3 "                          \
                   "WHERE id = ?1 AND leased_by = ?2")                                             \
    X(LEASE_DONE, "UPDATE work_items SET leased_by = NULL, lease_until = NULL, "                   \
                  "done_at = " SQ_NOW " WHERE id = ?1 AND leased_by = ?2")

enum stmt_id {
#define ENUM_ID(id, sql) ST_##id,
    STATEMENTS(ENUM_ID)
#undef ENUM_ID
        ST_COUNT
};
static const char *const stmt_sql[] = {
#define SQL_TEXT(id, sql) sql,
    STATEMENTS(SQL_TEXT)
#undef SQL_TEXT
};

struct sq_store {
    struct hugi_store base; /* first: the public handle */
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    /* the last source and product known to exist, so a batch from one source costs no extra
     * statements; cleared on rollback, since the row may have gone with it */
    char *known_source, *known_product;
    /* whether the last review put was new: then the next one likely is too (a first import),
     * and trying the INSERT first saves a lookup; after a known one, look up first (a rescan) */
    bool last_new;
};

static const struct hugi_store_ops sqlite_ops;

static hugi_rc dberr(struct sq_store *q, struct hugi_err *err, const char *what)
{
    int code = sqlite3_errcode(q->db);
    hugi_rc rc = (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? HUGI_E_BUSY : HUGI_E_STORE;
    return hugi_err_set(err, rc, q->base.path, "%s: %s", what, sqlite3_errmsg(q->db));
}

/* The statement, prepared on first use and reset for reuse. NULL on failure (err set). */
static sqlite3_stmt *prep(struct sq_store *q, enum stmt_id id, struct hugi_err *err)
{
    if (!q->st[id]) {
        if (sqlite3_prepare_v3(q->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &q->st[id],
                               NULL) != SQLITE_OK) {
            dberr(q, err, "cannot prepare statement");
            return NULL;
        }
    } else {
        sqlite3_reset(q->st[id]);
        sqlite3_clear_bindings(q->st[id]);
    }
    return q->st[id];
}

/* ---- binding and reading columns --------------------------------------------------------- */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}
static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
    if (t == HUGI_NO_TIME)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}
static void bind_num(sqlite3_stmt *st, int i, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}
static void bind_likes(sqlite3_stmt *st, int i, long v)
{
    if (v < 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}
/* A row id or count that is only meaningful when positive; anything else is stored as NULL. */
static void bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}
/* An explicit time, or now when the caller left it unset. */
static void bind_time_or_now(sqlite3_stmt *st, int i, int64_t t)
{
    sqlite3_bind_int64(st, i, t == HUGI_NO_TIME ? hugi_now() : t);
}
static char *col_str(sqlite3_stmt *st, int i)
{
    return (char *)sqlite3_column_text(st, i); /* NULL for SQL NULL */
}
static int64_t col_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? HUGI_NO_TIME : sqlite3_column_int64(st, i);
}
static double col_num(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}
static long col_likes(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}
static int64_t col_id(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

/* Duplicates the string columns of a borrowed record into owned memory. */
static hugi_rc dup_strs(char **const *fields, size_t n)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < n; i++) {
        if (*fields[i]) {
            *fields[i] = hugi_strdup(*fields[i]);
            if (!*fields[i])
                rc = HUGI_E_NOMEM;
        }
    }
    return rc;
}

static hugi_rc step_done(struct sq_store *q, sqlite3_stmt *st, struct hugi_err *err,
                         const char *what)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return dberr(q, err, what);
    return HUGI_OK;
}

/* One optional condition of a list query. */
struct cond {
    bool on;          /* whether the filter uses it */
    const char *sql;  /* " AND ...", naming its parameter as ?<param> */
    int param;        /* 0: none */
    const char *text; /* the parameter's value: this text when set, else num */
    int64_t num;
};

/* Prepares select + the conditions that are on + tail, and binds their parameters. Built per
 * call, only with the conditions in use, so SQLite can pick an index that fits them. */
static hugi_rc prepare_filtered(struct sq_store *q, const char *select, const struct cond *c,
                                size_t n, const char *tail, sqlite3_stmt **st, struct hugi_err *err,
                                const char *what)
{
    struct hugi_buf sql;
    hugi_buf_init(&sql, 0);
    hugi_buf_addstr(&sql, select);
    for (size_t i = 0; i < n; i++)
        if (c[i].on)
            hugi_buf_addstr(&sql, c[i].sql);
    hugi_rc rc = hugi_buf_addstr(&sql, tail);
    if (rc) {
        hugi_buf_release(&sql);
        return hugi_err_set(err, rc, q->base.path, "out of memory");
    }
    int pr = sqlite3_prepare_v2(q->db, sql.data, -1, st, NULL);
    hugi_buf_release(&sql);
    if (pr != SQLITE_OK)
        return dberr(q, err, what);
    for (size_t i = 0; i < n; i++) {
        if (!c[i].on || !c[i].param)
            continue;
        if (c[i].text)
            bind_str(*st, c[i].param, c[i].text);
        else
            sqlite3_bind_int64(*st, c[i].param, c[i].num);
    }
    return HUGI_OK;
}

/* Ends a row loop over a private statement: r is the last sqlite3_step() result. */
static hugi_rc finish_each(struct sq_store *q, sqlite3_stmt *st, int r, struct hugi_err *err,
                           const char *what)
{
    hugi_rc rc = (r != SQLITE_ROW && r != SQLITE_DONE) ? dberr(q, err, what) : HUGI_OK;
    sqlite3_finalize(st);
    return rc;
}

/* Steps a single-row lookup and resets the statement only on failure: HUGI_OK with the row
 * ready to read, HUGI_E_NOTFOUND (err left for the caller, who knows what is missing) or a
 * database error. */
static hugi_rc step_row(struct sq_store *q, sqlite3_stmt *st, struct hugi_err *err,
                        const char *what)
{
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        return HUGI_OK;
    hugi_rc rc = r == SQLITE_DONE ? HUGI_E_NOTFOUND : dberr(q, err, what);
    sqlite3_reset(st);
    return rc;
}

/* step_row() on statement id with a text key bound as ?1; *st is the statement to read from. */
static hugi_rc lookup(struct sq_store *q, enum stmt_id id, const char *key, sqlite3_stmt **st,
                      struct hugi_err *err, const char *what)
{
    *st = prep(q, id, err);
    if (!*st)
        return HUGI_E_STORE;
    bind_str(*st, 1, key);
    return step_row(q, *st, err, what);
}

/* ---- open, close, migrate ---------------------------------------------------------------- */
static hugi_rc exec(struct sq_store *q, const char *sql, struct hugi_err *err, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int code = sqlite3_errcode(q->db);
        hugi_err_set(err, code == SQLITE_BUSY ? HUGI_E_BUSY : HUGI_E_STORE, q->base.path, "%s: %s",
                     what, msg ? msg : sqlite3_errmsg(q->db));
        sqlite3_free(msg);
        return code == SQLITE_BUSY ? HUGI_E_BUSY : HUGI_E_STORE;
    }
    return HUGI_OK;
}

static hugi_rc user_version(struct sq_store *q, int *v, struct hugi_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return dberr(q, err, "cannot read the schema version");
    int r = sqlite3_step(st);
    *v = r == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (r != SQLITE_ROW)
        return dberr(q, err, "cannot read the schema version");
    return HUGI_OK;
}

static hugi_rc migrate(struct sq_store *q, bool read_only, struct hugi_err *err)
{
    int v;
    hugi_rc rc = user_version(q, &v, err);
    if (rc)
        return rc;
    bool needed;
    rc = hugi_store_version_check(q->base.path, v, read_only, &needed, err);
    if (rc || !needed)
        return rc;
    /* One transaction for all steps: a crash mid-migration leaves the old schema intact. The
     * version is read again inside it, since another process may have migrated meanwhile. */
    rc = exec(q, "BEGIN IMMEDIATE", err, "cannot lock the store to migrate it");
    if (rc)
        return rc;
    rc = user_version(q, &v, err);
    for (; !rc && v < HUGI_STORE_SCHEMA_VERSION; v++) {
        rc = exec(q, migrations[v], err, "schema migration failed");
        if (!rc) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
            rc = exec(q, sql, err, "schema migration failed");
        }
    }
    if (!rc)
        rc = exec(q, "COMMIT", err, "schema migration failed");
    if (rc)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static void sq_close(struct hugi_store *s)
{
    struct sq_store *q = (struct sq_store *)s;
    if (s->in_tx)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(q->st[i]);
    sqlite3_close(q->db);
    free(q->known_source);
    free(q->known_product);
    free(s->path);
    free(q);
}

hugi_rc hugi_store_sqlite_open(struct hugi_store **out, const char *path,
                               const struct hugi_store_opts *opts, struct hugi_err *err)
{
    struct sq_store *q = calloc(1, sizeof *q);
    if (!q)
        return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    q->base.ops = &sqlite_ops;
    q->base.path = hugi_strdup(path);
    if (!q->base.path) {
        free(q);
        return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    }
    bool ro = opts && opts->read_only;
    int flags = ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &q->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        hugi_rc rc = hugi_err_set(err, HUGI_E_STORE, path, "cannot open the store: %s",
                                  q->db ? sqlite3_errmsg(q->db) : "out of memory");
        sq_close(&q->base);
        return rc;
    }
    sqlite3_extended_result_codes(q->db, 0);
    int busy = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 10000;
    sqlite3_busy_timeout(q->db, busy);
    /* WAL: readers and one writer at once, and a commit costs one fsync at checkpoints only
     * (synchronous=NORMAL is crash-safe in WAL mode: a kill loses no committed transaction).
     * 16 KiB pages (taking effect only when the file is created): fewer, shallower b-tree pages
     * for the random index inserts of a bulk import, about 12 % less CPU than 4 KiB. */
    hugi_rc rc = exec(q,
                      "PRAGMA page_size = 16384;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA cache_size = -32768;"
                      "PRAGMA wal_autocheckpoint = 2048;" /* pages: 32 MiB */
                      "PRAGMA temp_store = MEMORY;",
                      err, "cannot configure the store");
    if (!rc && !ro) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(q->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_ROW)
            rc = dberr(q, err, "cannot switch the store to WAL mode");
        sqlite3_finalize(st);
    }
    if (!rc)
        rc = migrate(q, ro, err);
    if (rc) {
        if (rc == HUGI_E_STORE && sqlite3_errcode(q->db) == SQLITE_NOTADB)
            hugi_err_set(err, HUGI_E_STORE, path, "not a hugi store (not an SQLite database)");
        sq_close(&q->base);
        return rc;
    }
    *out = &q->base;
    return HUGI_OK;
}

/* ---- transactions ------------------------------------------------------------------------ */
static hugi_rc sq_begin(struct hugi_store *s, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    /* IMMEDIATE takes the write lock now, waiting up to the busy timeout: a deferred BEGIN
     * could fail half-way with SQLITE_BUSY_SNAPSHOT, which no timeout helps. */
    sqlite3_stmt *st = prep(q, ST_BEGIN, err);
    return st ? step_done(q, st, err, "cannot begin a transaction") : HUGI_E_STORE;
}

static hugi_rc sq_commit(struct hugi_store *s, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_COMMIT, err);
    return st ? step_done(q, st, err, "cannot commit") : HUGI_E_STORE;
}

static hugi_rc sq_rollback(struct hugi_store *s, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    free(q->known_source);
    free(q->known_product);
    q->known_source = q->known_product = NULL;
    /* a rollback also resets statements in progress; SQLite may have rolled back already
     * (e.g. after SQLITE_FULL), which is not an error here */
    if (sqlite3_get_autocommit(q->db))
        return HUGI_OK;
    sqlite3_stmt *st = prep(q, ST_ROLLBACK, err);
    return st ? step_done(q, st, err, "cannot roll back") : HUGI_E_STORE;
}

/* ---- runs -------------------------------------------------------------------------------- */
static hugi_rc sq_run_start(struct hugi_store *s, const char *kind, const char *note, int64_t *id,
                            struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    char host[256];
    hugi_hostname(host, sizeof host);
    int64_t now = hugi_now();
    /* Runs of this host still "running" whose process is gone were killed: say so. */
    sqlite3_stmt *st = prep(q, ST_RUN_STALE, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, host);
    int64_t dead[64];
    size_t ndead = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && ndead < 64) {
        pid_t pid = (pid_t)sqlite3_column_int64(st, 1);
        if (pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH))
            dead[ndead++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    for (size_t i = 0; i < ndead; i++) {
        st = prep(q, ST_RUN_INTERRUPT, err);
        if (!st)
            return HUGI_E_STORE;
        sqlite3_bind_int64(st, 1, dead[i]);
        sqlite3_bind_int64(st, 2, now);
        hugi_rc rc = step_done(q, st, err, "cannot update the run log");
        if (rc)
            return rc;
    }
    st = prep(q, ST_RUN_START, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, kind ? kind : "run");
    bind_str(st, 2, note);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)getpid());
    bind_str(st, 4, host);
    sqlite3_bind_int64(st, 5, now);
    hugi_rc rc = step_done(q, st, err, "cannot record the run");
    if (!rc)
        *id = sqlite3_last_insert_rowid(q->db);
    return rc;
}

static hugi_rc sq_run_finish(struct hugi_store *s, int64_t id, const char *status,
                             const struct hugi_store_counts *c, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, c ? ST_RUN_FINISH : ST_RUN_FINISH_STATUS, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, id);
    bind_str(st, 2, status ? status : "ok");
    sqlite3_bind_int64(st, 3, hugi_now());
    if (c) {
        long v[] = {c->read,     c->added,  c->edited, c->unchanged,
                    c->rejected, c->scored, c->alerts, c->failed};
        for (int i = 0; i < 8; i++)
            sqlite3_bind_int64(st, 4 + i, v[i]);
    }
    hugi_rc rc = step_done(q, st, err, "cannot record the end of the run");
    if (!rc && sqlite3_changes(q->db) == 0)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no run %lld", (long long)id);
    return rc;
}

static hugi_rc sq_runs_each(struct hugi_store *s, long limit, hugi_store_run_cb cb, void *ctx,
                            struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    /* a private statement: the callback may start or finish runs */
    if (sqlite3_prepare_v2(q->db, stmt_sql[ST_RUNS], -1, &st, NULL) != SQLITE_OK)
        return dberr(q, err, "cannot list runs");
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct hugi_store_run run = {
            .id = sqlite3_column_int64(st, 0),
            .kind = col_str(st, 1),
            .status = col_str(st, 2),
            .note = col_str(st, 3),
            .started = col_time(st, 4),
            .finished = col_time(st, 5),
        };
        long *c[] = {&run.counts.read,      &run.counts.added,    &run.counts.edited,
                     &run.counts.unchanged, &run.counts.rejected, &run.counts.scored,
                     &run.counts.alerts,    &run.counts.failed};
        for (int i = 0; i < 8; i++)
            *c[i] = (long)sqlite3_column_int64(st, 6 + i);
        if (cb(&run, ctx))
            break;
    }
    return finish_each(q, st, r, err, "cannot list runs");
}

/* ---- sources and products ---------------------------------------------------------------- */
static hugi_rc ensure_row(struct sq_store *q, enum stmt_id id, char **known, const char *name,
                          struct hugi_err *err)
{
    if (!name || (*known && !strcmp(*known, name)))
        return HUGI_OK;
    sqlite3_stmt *st = prep(q, id, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, name);
    sqlite3_bind_int64(st, 2, hugi_now());
    hugi_rc rc = step_done(q, st, err, "cannot add a source or product");
    if (rc)
        return rc;
    free(*known);
    *known = hugi_strdup(name);
    return HUGI_OK; /* a failed strdup only costs a statement next time */
}

static hugi_rc sq_source_put(struct hugi_store *s, const char *name, const char *preset,
                             const char *url, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_SOURCE_PUT, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, name);
    bind_str(st, 2, preset);
    bind_str(st, 3, url);
    sqlite3_bind_int64(st, 4, hugi_now());
    return step_done(q, st, err, "cannot record the source");
}

static hugi_rc sq_product_put(struct hugi_store *s, const char *id, const char *name,
                              struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_PRODUCT_PUT, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, id);
    bind_str(st, 2, name);
    sqlite3_bind_int64(st, 3, hugi_now());
    return step_done(q, st, err, "cannot record the product");
}

static hugi_rc sq_product_name(struct hugi_store *s, const char *id, char **name,
                               struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    hugi_rc rc = lookup(q, ST_PRODUCT_NAME, id, &st, err, "cannot read the product");
    if (rc)
        return rc == HUGI_E_NOTFOUND ? HUGI_OK : rc; /* an unknown product has no name */
    if (col_str(st, 0)) {
        *name = hugi_strdup(col_str(st, 0));
        if (!*name)
            rc = HUGI_E_NOMEM;
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- reviews ----------------------------------------------------------------------------- */

/* A hash of what decides "edited" (text and rating), stored with each review for cheap
 * comparisons by other tools; the upsert itself compares the text and rating directly, so a
 * store written with another hash function still detects edits exactly. */
static int64_t content_hash(const struct hugi_review *r)
{
    const char *t = r->text ? r->text : "";
    uint64_t h = hugi_hash64(t, strlen(t), HUGI_HASH_SEED);
    int64_t rating = isfinite(r->rating) ? (int64_t)llround(r->rating * 1000) : -1;
    h = hugi_hash64(&rating, sizeof rating, h);
    return (int64_t)(h >> 1); /* SQLite integers are signed; keep it positive */
}

static bool same_rating(double a, double b)
{
    if (!isfinite(a) || !isfinite(b))
        return !isfinite(a) && !isfinite(b);
    return fabs(a - b) < 1e-9;
}

/* Binds the content columns of a review, author to run_id, in the order REVIEW_INSERT and
 * REVIEW_NEWVERSION share, starting at parameter i. */
static void bind_review_content(sqlite3_stmt *st, int i, const struct hugi_review *r,
                                const char *text, int64_t hash, int64_t now, int64_t run_id)
{
    bind_str(st, i, r->author);
    bind_num(st, i + 1, r->rating);
    bind_time(st, i + 2, r->date);
    bind_str(st, i + 3, r->date_raw);
    bind_str(st, i + 4, r->lang);
    bind_str(st, i + 5, r->title);
    bind_str(st, i + 6, text);
    bind_str(st, i + 7, r->url);
    bind_str(st, i + 8, r->parent_id);
    bind_likes(st, i + 9, r->likes);
    bind_time(st, i + 10, r->fetched_at);
    sqlite3_bind_int64(st, i + 11, hash);
    sqlite3_bind_int64(st, i + 12, now);
    bind_id(st, i + 13, run_id);
}

static hugi_rc sq_review_put(struct hugi_store *s, const struct hugi_review *r, int64_t run_id,
                             enum hugi_store_put_result *result, int64_t *key, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    hugi_rc rc = ensure_row(q, ST_SOURCE_ADD, &q->known_source, r->source, err);
    if (!rc && r->product && *r->product)
        rc = ensure_row(q, ST_PRODUCT_ADD, &q->known_product, r->product, err);
    if (rc)
        return rc;
    const char *product = r->product && *r->product ? r->product : NULL;
    const char *text = r->text ? r->text : "";
    int64_t now = hugi_now();
    int64_t h = content_hash(r);

    sqlite3_stmt *st;
    int64_t k = 0;
    bool found = false, same = false, need_product = false;
    for (int attempt = 0; attempt < 2 && !found; attempt++) {
        if (attempt == 0 && q->last_new)
            goto insert;
        /* Known? Compare the content. */
        st = prep(q, ST_REVIEW_FIND, err);
        if (!st)
            return HUGI_E_STORE;
        bind_str(st, 1, r->source);
        bind_str(st, 2, r->id);
        int sr = sqlite3_step(st);
        if (sr == SQLITE_ROW) {
            found = true;
            k = sqlite3_column_int64(st, 0);
            need_product = product && sqlite3_column_type(st, 2) == SQLITE_NULL;
            same = same_rating(col_num(st, 4), r->rating);
            if (same) {
                const char *old = (const char *)sqlite3_column_text(st, 3);
                same = old && !strcmp(old, text);
            }
        }
        sqlite3_reset(st);
        if (sr != SQLITE_ROW && sr != SQLITE_DONE)
            return dberr(q, err, "cannot read the stored review");
        if (found || attempt == 1)
            break;
    insert:
        st = prep(q, ST_REVIEW_INSERT, err);
        if (!st)
            return HUGI_E_STORE;
        bind_str(st, 1, r->source);
        bind_str(st, 2, r->id);
        bind_str(st, 3, product);
        bind_review_content(st, 4, r, text, h, now, run_id);
        rc = step_done(q, st, err, "cannot store the review");
        if (rc)
            return rc;
        if (sqlite3_changes(q->db) == 1) {
            q->last_new = true;
            if (result)
                *result = HUGI_STORE_NEW;
            if (key)
                *key = sqlite3_last_insert_rowid(q->db);
            return HUGI_OK;
        }
        /* it existed after all: look it up (attempt 1) */
    }
    if (!found)
        return hugi_err_set(err, HUGI_E_STORE, s->path, "review '%s' vanished during the upsert",
                            r->id);
    q->last_new = false;
    if (key)
        *key = k;
    if (need_product) {
        st = prep(q, ST_REVIEW_SET_PRODUCT, err);
        if (!st)
            return HUGI_E_STORE;
        sqlite3_bind_int64(st, 1, k);
        bind_str(st, 2, product);
        rc = step_done(q, st, err, "cannot update the review");
        if (rc)
            return rc;
    }

    if (same) {
        st = prep(q, ST_REVIEW_TOUCH, err);
        if (!st)
            return HUGI_E_STORE;
        sqlite3_bind_int64(st, 1, k);
        sqlite3_bind_int64(st, 2, now);
        bind_likes(st, 3, r->likes);
        bind_str(st, 4, r->url);
        bind_time(st, 5, r->fetched_at);
        bind_str(st, 6, r->lang);
        rc = step_done(q, st, err, "cannot update the review");
        if (!rc && result)
            *result = HUGI_STORE_UNCHANGED;
        return rc;
    }

    /* Edited: the current version moves to the history, the new content becomes current. */
    st = prep(q, ST_VERSION_SAVE, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, k);
    rc = step_done(q, st, err, "cannot keep the previous version");
    if (rc)
        return rc;
    st = prep(q, ST_REVIEW_NEWVERSION, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, k);
    bind_str(st, 2, product);
    bind_review_content(st, 3, r, text, h, now, run_id);
    rc = step_done(q, st, err, "cannot store the new version");
    if (!rc && result)
        *result = HUGI_STORE_EDITED;
    return rc;
}

static hugi_rc sq_review_known(struct hugi_store *s, const char *source, const char *id,
                               bool *known, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_REVIEW_KNOWN, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, source);
    bind_str(st, 2, id);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return dberr(q, err, "cannot look the review up");
    *known = r == SQLITE_ROW;
    return HUGI_OK;
}

/* Reads the versioned columns, author to run_id, in the order REVIEW_COLS and VERSIONS share,
 * starting at column i, into a borrowed record. */
static void read_version_cols(sqlite3_stmt *st, int i, struct hugi_stored_review *o)
{
    struct hugi_review *r = &o->review;
    r->author = col_str(st, i);
    r->rating = col_num(st, i + 1);
    r->date = col_time(st, i + 2);
    r->date_raw = col_str(st, i + 3);
    r->lang = col_str(st, i + 4);
    r->title = col_str(st, i + 5);
    r->text = col_str(st, i + 6);
    r->url = col_str(st, i + 7);
    r->parent_id = col_str(st, i + 8);
    r->likes = col_likes(st, i + 9);
    r->fetched_at = col_time(st, i + 10);
    o->first_seen = col_time(st, i + 11);
    o->last_seen = col_time(st, i + 12);
    o->run_id = col_id(st, i + 13);
}

/* Fills a borrowed record from a row of REVIEW_COLS. */
static void read_review_row(sqlite3_stmt *st, struct hugi_stored_review *o)
{
    struct hugi_review *r = &o->review;
    hugi_review_init(r);
    o->key = sqlite3_column_int64(st, 0);
    r->source = col_str(st, 1);
    r->id = col_str(st, 2);
    r->product = col_str(st, 3);
    o->version = sqlite3_column_int(st, 4);
    o->edited = o->version > 1;
    read_version_cols(st, 5, o);
    o->scored = sqlite3_column_type(st, 19) != SQLITE_NULL;
    o->score = col_num(st, 19);
    o->label = col_str(st, 20);
    o->verdict = col_str(st, 21);
    o->severity = col_str(st, 22);
    o->categories_json = col_str(st, 23);
}

static hugi_rc own_stored_review(struct hugi_stored_review *o)
{
    struct hugi_review *r = &o->review;
    char **const fields[] = {&r->source,   &r->id,
                             &r->product,  &r->author,
                             &r->date_raw, &r->lang,
                             &r->title,    &r->text,
                             &r->url,      &r->parent_id,
                             &o->label,    &o->verdict,
                             &o->severity, &o->categories_json};
    hugi_rc rc = dup_strs(fields, sizeof fields / sizeof fields[0]);
    if (rc)
        hugi_stored_review_release(o);
    return rc;
}

static hugi_rc sq_review_get(struct hugi_store *s, const char *source, const char *id,
                             struct hugi_stored_review *out, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_REVIEW_GET, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, source);
    bind_str(st, 2, id);
    hugi_rc rc = step_row(q, st, err, "cannot read the review");
    if (rc == HUGI_E_NOTFOUND)
        return hugi_err_set(err, rc, s->path, "no review '%s' from '%s'", id, source);
    if (rc)
        return rc;
    read_review_row(st, out);
    rc = own_stored_review(out);
    sqlite3_reset(st);
    if (rc)
        hugi_err_set(err, rc, s->path, "out of memory");
    return rc;
}

static hugi_rc sq_reviews_each(struct hugi_store *s, const struct hugi_store_review_filter *f,
                               hugi_store_review_cb cb, void *ctx, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    const struct cond c[] = {
        {f->product != NULL, " AND r.product = ?1", 1, f->product, 0},
        {f->source != NULL, " AND r.source = ?2", 2, f->source, 0},
        {f->since != HUGI_NO_TIME, " AND COALESCE(r.date, r.first_seen) >= ?3", 3, NULL, f->since},
        {f->until != HUGI_NO_TIME, " AND COALESCE(r.date, r.first_seen) < ?4", 4, NULL, f->until},
        {f->only_unscored, " AND s.key IS NULL", 0, NULL, 0},
        {f->run_id > 0, " AND r.run_id = ?5", 5, NULL, f->run_id},
    };
    sqlite3_stmt *st;
    hugi_rc rc = prepare_filtered(q,
                                  "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "
                                  "ON s.key = r.key AND s.version = r.version WHERE 1",
                                  c, sizeof c / sizeof c[0], " ORDER BY r.key LIMIT ?6", &st, err,
                                  "cannot list reviews");
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct hugi_stored_review row;
        read_review_row(st, &row);
        if (cb(&row, ctx))
            break;
    }
    return finish_each(q, st, r, err, "cannot list reviews");
}

static hugi_rc sq_review_versions_each(struct hugi_store *s, int64_t key, hugi_store_review_cb cb,
                                       void *ctx, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    /* the current row first, for source/id/product; then the history from it */
    sqlite3_stmt *cur;
    if (sqlite3_prepare_v2(q->db, stmt_sql[ST_CURRENT_BY_KEY], -1, &cur, NULL) != SQLITE_OK)
        return dberr(q, err, "cannot read the review");
    sqlite3_bind_int64(cur, 1, key);
    int r = sqlite3_step(cur);
    if (r != SQLITE_ROW) {
        hugi_rc rc = r == SQLITE_DONE ? hugi_err_set(err, HUGI_E_NOTFOUND, s->path,
                                                     "no review with key %lld", (long long)key)
                                      : dberr(q, err, "cannot read the review");
        sqlite3_finalize(cur);
        return rc;
    }
    struct hugi_stored_review now;
    read_review_row(cur, &now);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, stmt_sql[ST_VERSIONS], -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(cur);
        return dberr(q, err, "cannot read the review's history");
    }
    sqlite3_bind_int64(st, 1, key);
    hugi_rc rc = HUGI_OK;
    bool stop = false;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct hugi_stored_review v;
        memset(&v, 0, sizeof v);
        hugi_review_init(&v.review);
        v.key = key;
        v.review.source = now.review.source;
        v.review.id = now.review.id;
        v.review.product = now.review.product;
        v.version = sqlite3_column_int(st, 1);
        v.edited = v.version > 1;
        read_version_cols(st, 2, &v);
        v.score = NAN;
        if (cb(&v, ctx)) {
            stop = true;
            break;
        }
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = dberr(q, err, "cannot read the review's history");
    sqlite3_finalize(st);
    if (!rc && !stop)
        cb(&now, ctx);
    sqlite3_finalize(cur);
    return rc;
}

/* ---- scores ------------------------------------------------------------------------------ */
static hugi_rc sq_score_put(struct hugi_store *s, int64_t key, int version,
                            const struct hugi_store_score *sc, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_VERSION_EXISTS, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int(st, 2, version);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_DONE)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no version %d of review %lld", version,
                            (long long)key);
    if (r != SQLITE_ROW)
        return dberr(q, err, "cannot look the review up");
    st = prep(q, ST_SCORE_PUT, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int(st, 2, version);
    sqlite3_bind_double(st, 3, isfinite(sc->score) ? sc->score : 0.0);
    bind_str(st, 4, sc->label);
    bind_str(st, 5, sc->verdict);
    bind_str(st, 6, sc->lang);
    bind_str(st, 7, sc->severity);
    bind_str(st, 8, sc->evidence_json);
    bind_str(st, 9, sc->categories_json);
    bind_str(st, 10, sc->model);
    sqlite3_bind_int64(st, 11, hugi_now());
    return step_done(q, st, err, "cannot store the score");
}

static hugi_rc sq_score_get(struct hugi_store *s, int64_t key, int version,
                            struct hugi_stored_review *out, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_SCORE_GET, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int(st, 2, version);
    int r = sqlite3_step(st);
    hugi_rc rc = HUGI_OK;
    out->scored = false;
    out->score = NAN;
    out->label = out->verdict = out->severity = out->categories_json = NULL;
    if (r == SQLITE_ROW) {
        out->scored = true;
        out->score = col_num(st, 0);
        out->label = col_str(st, 1);
        out->verdict = col_str(st, 2);
        out->severity = col_str(st, 3);
        out->categories_json = col_str(st, 4);
        char **const f[] = {&out->label, &out->verdict, &out->severity, &out->categories_json};
        rc = dup_strs(f, 4);
    } else if (r != SQLITE_DONE) {
        rc = dberr(q, err, "cannot read the score");
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- alerts ------------------------------------------------------------------------------ */
static void read_alert_row(sqlite3_stmt *st, struct hugi_store_alert *a)
{
    a->id = col_str(st, 0);
    a->kind = col_str(st, 1);
    a->severity = col_str(st, 2);
    a->product = col_str(st, 3);
    a->source = col_str(st, 4);
    a->review_id = col_str(st, 5);
    a->review_key = sqlite3_column_int64(st, 6);
    a->review_version = sqlite3_column_int(st, 7);
    a->score = col_num(st, 8);
    a->categories_json = col_str(st, 9);
    a->evidence_json = col_str(st, 10);
    a->summary = col_str(st, 11);
    a->reply = col_str(st, 12);
    a->channel = col_str(st, 13);
    a->data_json = col_str(st, 14);
    a->due = col_time(st, 15);
    a->status = col_str(st, 16);
    a->created_at = col_time(st, 17);
    a->acked_at = col_time(st, 18);
    a->acked_by = col_str(st, 19);
    a->note = col_str(st, 20);
    a->run_id = sqlite3_column_int64(st, 21);
}

static hugi_rc sq_alert_put(struct hugi_store *s, const struct hugi_store_alert *a, bool *inserted,
                            struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_ALERT_PUT, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, a->id);
    bind_str(st, 2, a->kind);
    bind_str(st, 3, a->severity);
    bind_str(st, 4, a->product);
    bind_str(st, 5, a->source);
    bind_str(st, 6, a->review_id);
    bind_id(st, 7, a->review_key);
    bind_id(st, 8, a->review_version);
    bind_num(st, 9, a->score);
    bind_str(st, 10, a->categories_json);
    bind_str(st, 11, a->evidence_json);
    bind_str(st, 12, a->summary);
    bind_str(st, 13, a->reply);
    bind_str(st, 14, a->channel);
    bind_str(st, 15, a->data_json);
    bind_time(st, 16, a->due);
    bind_str(st, 17, a->status ? a->status : "open");
    bind_time_or_now(st, 18, a->created_at);
    bind_time(st, 19, a->acked_at);
    bind_str(st, 20, a->acked_by);
    bind_str(st, 21, a->note);
    bind_id(st, 22, a->run_id);
    hugi_rc rc = step_done(q, st, err, "cannot store the alert");
    if (!rc && inserted)
        *inserted = sqlite3_changes(q->db) == 1;
    return rc;
}

static hugi_rc sq_alert_get(struct hugi_store *s, const char *id, struct hugi_store_alert *out,
                            struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    hugi_rc rc = lookup(q, ST_ALERT_GET, id, &st, err, "cannot read the alert");
    if (rc == HUGI_E_NOTFOUND)
        return hugi_err_set(err, rc, s->path, "no alert '%s'", id);
    if (rc)
        return rc;
    read_alert_row(st, out);
    char **const f[] = {&out->id,
                        &out->kind,
                        &out->severity,
                        &out->product,
                        &out->source,
                        &out->review_id,
                        &out->categories_json,
                        &out->evidence_json,
                        &out->summary,
                        &out->reply,
                        &out->channel,
                        &out->data_json,
                        &out->status,
                        &out->acked_by,
                        &out->note};
    rc = dup_strs(f, sizeof f / sizeof f[0]);
    sqlite3_reset(st);
    if (rc) {
        hugi_store_alert_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc sq_alerts_each(struct hugi_store *s, const struct hugi_store_alert_filter *f,
                              hugi_store_alert_cb cb, void *ctx, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    const struct cond c[] = {
        {f->only_open, " AND status = 'open'", 0, NULL, 0},
        {f->product != NULL, " AND product = ?1", 1, f->product, 0},
        {f->source != NULL, " AND source = ?2", 2, f->source, 0},
        {f->kind != NULL, " AND kind = ?3", 3, f->kind, 0},
        {f->since != HUGI_NO_TIME, " AND created_at >= ?4", 4, NULL, f->since},
        {f->run_id > 0, " AND run_id = ?5", 5, NULL, f->run_id},
    };
    sqlite3_stmt *st;
    hugi_rc rc =
        prepare_filtered(q, "SELECT " ALERT_COLS " FROM alerts WHERE 1", c, sizeof c / sizeof c[0],
                         " ORDER BY created_at, id", &st, err, "cannot list alerts");
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct hugi_store_alert a;
        hugi_store_alert_init(&a);
        read_alert_row(st, &a);
        if (cb(&a, ctx))
            break;
    }
    return finish_each(q, st, r, err, "cannot list alerts");
}

static hugi_rc sq_alert_ack(struct hugi_store *s, const char *id, const char *by, const char *note,
                            int64_t at, bool *was_open, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    hugi_rc rc = lookup(q, ST_ALERT_STATUS, id, &st, err, "cannot read the alert");
    if (rc == HUGI_E_NOTFOUND)
        return hugi_err_set(err, rc, s->path, "no alert '%s'", id);
    if (rc)
        return rc;
    sqlite3_reset(st);
    st = prep(q, ST_ALERT_ACK, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, id);
    bind_time_or_now(st, 2, at);
    bind_str(st, 3, by);
    bind_str(st, 4, note);
    rc = step_done(q, st, err, "cannot acknowledge the alert");
    if (!rc && was_open)
        *was_open = sqlite3_changes(q->db) == 1;
    return rc;
}

/* ---- complaint groups -------------------------------------------------------------------- */
static void read_group_row(sqlite3_stmt *st, struct hugi_store_group *g)
{
    g->key = col_str(st, 0);
    g->product = col_str(st, 1);
    g->kind = col_str(st, 2);
    g->category = col_str(st, 3);
    g->phrase = col_str(st, 4);
    g->window_start = col_time(st, 5);
    g->window_end = col_time(st, 6);
    g->count = (long)sqlite3_column_int64(st, 7);
    g->total = (long)sqlite3_column_int64(st, 8);
    g->baseline = col_num(st, 9);
    g->stat = col_num(st, 10);
    g->examples_json = col_str(st, 11);
    g->first_raised = col_time(st, 12);
    g->last_raised = col_time(st, 13);
    g->cooldown_until = col_time(st, 14);
    g->run_id = sqlite3_column_int64(st, 15);
    g->severity = col_str(st, 16);
}

static hugi_rc sq_group_put(struct hugi_store *s, const struct hugi_store_group *g,
                            const int64_t *members, size_t n, bool *is_new, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    int64_t now = hugi_now();
    sqlite3_stmt *st = prep(q, ST_GROUP_FIND, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, g->key);
    int r = sqlite3_step(st);
    int64_t first = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : HUGI_NO_TIME;
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return dberr(q, err, "cannot read the complaint group");
    if (is_new)
        *is_new = r == SQLITE_DONE;
    if (first == HUGI_NO_TIME)
        first = g->first_raised != HUGI_NO_TIME ? g->first_raised : now;
    /* members are replaced as a whole: one savepoint so a failure leaves the old set */
    hugi_rc rc = exec(q, "SAVEPOINT group_put", err, "cannot store the complaint group");
    if (rc)
        return rc;
    st = prep(q, ST_GROUP_PUT, err);
    if (!st) {
        rc = HUGI_E_STORE;
        goto out;
    }
    bind_str(st, 1, g->key);
    bind_str(st, 2, g->product);
    bind_str(st, 3, g->kind);
    bind_str(st, 4, g->category);
    bind_str(st, 5, g->phrase);
    bind_time(st, 6, g->window_start);
    bind_time(st, 7, g->window_end);
    sqlite3_bind_int64(st, 8, g->count);
    sqlite3_bind_int64(st, 9, g->total);
    bind_num(st, 10, g->baseline);
    bind_num(st, 11, g->stat);
    bind_str(st, 12, g->examples_json);
    sqlite3_bind_int64(st, 13, first);
    sqlite3_bind_int64(st, 14, g->last_raised != HUGI_NO_TIME ? g->last_raised : now);
    bind_time(st, 15, g->cooldown_until);
    bind_id(st, 16, g->run_id);
    bind_str(st, 17, g->severity);
    rc = step_done(q, st, err, "cannot store the complaint group");
    if (rc)
        goto out;
    st = prep(q, ST_MEMBERS_CLEAR, err);
    if (!st) {
        rc = HUGI_E_STORE;
        goto out;
    }
    bind_str(st, 1, g->key);
    rc = step_done(q, st, err, "cannot store the complaint group");
    for (size_t i = 0; !rc && i < n; i++) {
        st = prep(q, ST_MEMBER_ADD, err);
        if (!st) {
            rc = HUGI_E_STORE;
            break;
        }
        bind_str(st, 1, g->key);
        sqlite3_bind_int64(st, 2, members[i]);
        rc = step_done(q, st, err, "cannot store a complaint group member");
    }
out:
    if (rc) {
        sqlite3_exec(q->db, "ROLLBACK TO group_put; RELEASE group_put", NULL, NULL, NULL);
        return rc;
    }
    return exec(q, "RELEASE group_put", err, "cannot store the complaint group");
}

static hugi_rc sq_group_get(struct hugi_store *s, const char *key, struct hugi_store_group *out,
                            struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    hugi_rc rc = lookup(q, ST_GROUP_GET, key, &st, err, "cannot read the complaint group");
    if (rc == HUGI_E_NOTFOUND)
        return hugi_err_set(err, rc, s->path, "no complaint group '%s'", key);
    if (rc)
        return rc;
    read_group_row(st, out);
    char **const f[] = {&out->key,    &out->product,       &out->kind,    &out->category,
                        &out->phrase, &out->examples_json, &out->severity};
    rc = dup_strs(f, sizeof f / sizeof f[0]);
    sqlite3_reset(st);
    if (rc) {
        hugi_store_group_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc sq_groups_each(struct hugi_store *s, const char *product, const char *kind,
                              int64_t since, hugi_store_group_cb cb, void *ctx,
                              struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    const struct cond c[] = {
        {product != NULL, " AND product = ?1", 1, product, 0},
        {kind != NULL, " AND kind = ?2", 2, kind, 0},
        {since != HUGI_NO_TIME, " AND last_raised >= ?3", 3, NULL, since},
    };
    sqlite3_stmt *st;
    hugi_rc rc = prepare_filtered(q, "SELECT " GROUP_COLS " FROM complaint_groups WHERE 1", c,
                                  sizeof c / sizeof c[0], " ORDER BY last_raised DESC, key", &st,
                                  err, "cannot list complaint groups");
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct hugi_store_group g;
        hugi_store_group_init(&g);
        read_group_row(st, &g);
        if (cb(&g, ctx))
            break;
    }
    return finish_each(q, st, r, err, "cannot list complaint groups");
}

static hugi_rc sq_group_members(struct hugi_store *s, const char *key, int64_t **members, size_t *n,
                                struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_MEMBERS, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, key);
    size_t cap = 0;
    int r;
    hugi_rc rc = HUGI_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            int64_t *nm = realloc(*members, ncap * sizeof *nm);
            if (!nm) {
                rc = hugi_err_set(err, HUGI_E_NOMEM, s->path, "out of memory");
                break;
            }
            *members = nm;
            cap = ncap;
        }
        (*members)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (!rc && r != SQLITE_DONE)
        rc = dberr(q, err, "cannot list complaint group members");
    sqlite3_reset(st);
    if (rc) {
        free(*members);
        *members = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- fetch state ------------------------------------------------------------------------- */
static hugi_rc sq_fetch_state_get(struct hugi_store *s, const char *url,
                                  struct hugi_store_fetch_state *out, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st;
    hugi_rc rc = lookup(q, ST_FETCH_GET, url, &st, err, "cannot read the fetch state");
    if (rc == HUGI_E_NOTFOUND)
        return hugi_err_set(err, rc, url, "no fetch state");
    if (rc)
        return rc;
    out->url = col_str(st, 0);
    out->etag = col_str(st, 1);
    out->last_modified = col_str(st, 2);
    out->cursor = col_str(st, 3);
    out->updated = col_time(st, 4);
    char **const f[] = {&out->url, &out->etag, &out->last_modified, &out->cursor};
    rc = dup_strs(f, sizeof f / sizeof f[0]);
    sqlite3_reset(st);
    if (rc) {
        hugi_store_fetch_state_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc sq_fetch_state_put(struct hugi_store *s, const struct hugi_store_fetch_state *fs,
                                  struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_FETCH_PUT, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, fs->url);
    bind_str(st, 2, fs->etag);
    bind_str(st, 3, fs->last_modified);
    bind_str(st, 4, fs->cursor);
    bind_time_or_now(st, 5, fs->updated);
    return step_done(q, st, err, "cannot store the fetch state");
}

/* ---- statistics -------------------------------------------------------------------------- */
static hugi_rc count(struct sq_store *q, const char *sql, const char *product, long *out,
                     struct hugi_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
        return dberr(q, err, "cannot count");
    if (sqlite3_bind_parameter_count(st) > 0)
        bind_str(st, 1, product);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return r == SQLITE_ROW ? HUGI_OK : dberr(q, err, "cannot count");
}

static hugi_rc sq_stats(struct hugi_store *s, const char *product, struct hugi_store_stats *o,
                        struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    const char *p = product ? " WHERE product = ?1" : "";
    char sql[8][200];
    snprintf(sql[0], sizeof sql[0], "SELECT count(*) FROM reviews%s", p);
    snprintf(sql[1], sizeof sql[1],
             "SELECT count(*) FROM review_versions v JOIN reviews r ON r.key = v.key%s",
             product ? " WHERE r.product = ?1" : "");
    snprintf(sql[2], sizeof sql[2], "SELECT count(*) FROM reviews WHERE version > 1%s",
             product ? " AND product = ?1" : "");
    snprintf(sql[3], sizeof sql[3],
             "SELECT count(*) FROM reviews r JOIN scores s ON s.key = r.key AND "
             "s.version = r.version%s",
             product ? " WHERE r.product = ?1" : "");
    snprintf(sql[4], sizeof sql[4], "SELECT count(*) FROM alerts%s", p);
    snprintf(sql[5], sizeof sql[5], "SELECT count(*) FROM alerts WHERE status = 'open'%s",
             product ? " AND product = ?1" : "");
    snprintf(sql[6], sizeof sql[6], "SELECT count(*) FROM complaint_groups%s", p);
    long versions = 0;
    long *dst[] = {&o->reviews, &versions,       &o->edited, &o->scored,
                   &o->alerts,  &o->alerts_open, &o->groups};
    hugi_rc rc = HUGI_OK;
    for (int i = 0; i < 7 && !rc; i++)
        rc = count(q, sql[i], product, dst[i], err);
    o->versions = o->reviews + versions; /* current versions plus the history */
    if (!rc)
        rc = count(q, "SELECT count(*) FROM sources", NULL, &o->sources, err);
    if (!rc)
        rc = count(q, "SELECT count(*) FROM products", NULL, &o->products, err);
    if (!rc)
        rc = count(q, "SELECT count(*) FROM runs", NULL, &o->runs, err);
    return rc;
}

/* ---- shared work ------------------------------------------------------------------------- */
static hugi_rc sq_work_add(struct hugi_store *s, const char *queue, const char *item,
                           struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_WORK_ADD, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, queue);
    bind_str(st, 2, item);
    return step_done(q, st, err, "cannot queue the work item");
}

/* Picks and leases in one write transaction: BEGIN IMMEDIATE holds the write lock from the
 * pick to the lease, so two workers never take the same item. */
static hugi_rc lease_pick(struct sq_store *q, const char *queue, const char *worker, long lease_s,
                          long round_s, struct hugi_store_lease *out, long *pending,
                          struct hugi_err *err)
{
    sqlite3_stmt *st = prep(q, ST_LEASE_PICK, err);
    if (!st)
        return HUGI_E_STORE;
    bind_str(st, 1, queue);
    sqlite3_bind_int64(st, 2, round_s);
    int r = sqlite3_step(st);
    int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return dberr(q, err, "cannot pick a work item");
    if (!id) {
        st = prep(q, ST_LEASE_PENDING, err);
        if (!st)
            return HUGI_E_STORE;
        bind_str(st, 1, queue);
        r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            *pending = (long)sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return r == SQLITE_ROW ? HUGI_OK : dberr(q, err, "cannot count the leased work items");
    }
    st = prep(q, ST_LEASE_TAKE, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, id);
    bind_str(st, 2, worker);
    sqlite3_bind_int64(st, 3, lease_s);
    r = sqlite3_step(st);
    hugi_rc rc = HUGI_OK;
    if (r == SQLITE_ROW) {
        out->id = id;
        out->item = hugi_strdup(col_str(st, 0));
        out->attempts = sqlite3_column_int(st, 1);
        out->taken_from = col_str(st, 2) ? hugi_strdup(col_str(st, 2)) : NULL;
        if (!out->item || (col_str(st, 2) && !out->taken_from))
            rc = hugi_err_set(err, HUGI_E_NOMEM, q->base.path, "out of memory");
    } else {
        rc = dberr(q, err, "cannot lease the work item");
    }
    sqlite3_reset(st);
    return rc;
}

static hugi_rc sq_lease_next(struct hugi_store *s, const char *queue, const char *worker,
                             long lease_s, long round_s, struct hugi_store_lease *out,
                             long *pending, struct hugi_err *err)
{
    struct sq_store *q = (struct sq_store *)s;
    sqlite3_stmt *st = prep(q, ST_BEGIN, err);
    hugi_rc rc = st ? step_done(q, st, err, "cannot lock the work queue") : HUGI_E_STORE;
    if (rc)
        return rc;
    rc = lease_pick(q, queue, worker, lease_s, round_s, out, pending, err);
    if (!rc) {
        st = prep(q, ST_COMMIT, err);
        rc = st ? step_done(q, st, err, "cannot lease the work item") : HUGI_E_STORE;
    }
    if (rc) {
        if (!sqlite3_get_autocommit(q->db))
            sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
        hugi_store_lease_release(out);
    }
    return rc;
}

/* Runs LEASE_RENEW or LEASE_DONE: HUGI_E_BUSY when the lease is no longer worker's. */
static hugi_rc lease_update(struct sq_store *q, enum stmt_id id_stmt, int64_t id,
                            const char *worker, long lease_s, struct hugi_err *err)
{
    sqlite3_stmt *st = prep(q, id_stmt, err);
    if (!st)
        return HUGI_E_STORE;
    sqlite3_bind_int64(st, 1, id);
    bind_str(st, 2, worker);
    if (id_stmt == ST_LEASE_RENEW)
        sqlite3_bind_int64(st, 3, lease_s);
    hugi_rc rc = step_done(q, st, err, "cannot update the work lease");
    if (!rc && sqlite3_changes(q->db) == 0)
        return hugi_err_set(err, HUGI_E_BUSY, q->base.path,
                            "lost the lease of work item %lld to another worker", (long long)id);
    return rc;
}

static hugi_rc sq_lease_renew(struct hugi_store *s, int64_t id, const char *worker, long lease_s,
                              struct hugi_err *err)
{
    return lease_update((struct sq_store *)s, ST_LEASE_RENEW, id, worker, lease_s, err);
}

static hugi_rc sq_lease_done(struct hugi_store *s, int64_t id, const char *worker,
                             struct hugi_err *err)
{
    return lease_update((struct sq_store *)s, ST_LEASE_DONE, id, worker, 0, err);
}

static const struct hugi_store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .run_start = sq_run_start,
    .run_finish = sq_run_finish,
    .runs_each = sq_runs_each,
    .source_put = sq_source_put,
    .product_put = sq_product_put,
    .product_name = sq_product_name,
    .review_put = sq_review_put,
    .review_known = sq_review_known,
    .review_get = sq_review_get,
    .reviews_each = sq_reviews_each,
    .review_versions_each = sq_review_versions_each,
    .score_put = sq_score_put,
    .score_get = sq_score_get,
    .alert_put = sq_alert_put,
    .alert_get = sq_alert_get,
    .alerts_each = sq_alerts_each,
    .alert_ack = sq_alert_ack,
    .group_put = sq_group_put,
    .group_get = sq_group_get,
    .groups_each = sq_groups_each,
    .group_members = sq_group_members,
    .fetch_state_get = sq_fetch_state_get,
    .fetch_state_put = sq_fetch_state_put,
    .stats = sq_stats,
    .work_add = sq_work_add,
    .lease_next = sq_lease_next,
    .lease_renew = sq_lease_renew,
    .lease_done = sq_lease_done,
};
