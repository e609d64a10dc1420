/* SPDX-License-Identifier: MIT
 * The PostgreSQL backend: the same calls as sqlite.c over libpq, so several hosts can share one
 * store (and, with the lease calls, one scan's work). The store URI ("postgres://..." or
 * "postgresql://...") goes to libpq as it is; the handle's path is that URI with any password
 * taken out, and that is what errors name.
 *
 * Every statement is parameterised: fixed SQL text prepared once per connection, values passed
 * apart from it (text format). The few queries assembled at run time (list filters) join constant
 * fragments and parameter numbers only, never input.
 *
 * The schema is versioned in a table hugi_schema and migrated on open in one transaction, under
 * an advisory lock so two workers opening a fresh database at once do not both create it. The
 * schema lives in the first schema of the connection's search_path (public unless the URI says
 * otherwise, e.g. ?options=-csearch_path%3Dshop1).
 *
 * What differs from SQLite, and how the same results are kept: an error inside a transaction
 * aborts it in PostgreSQL (callers roll back on error anyway); list calls cannot keep a result
 * open while the callback writes on the same connection, so reviews are read in pages by key
 * (memory stays bounded) and the other lists are read whole before the first callback.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"

/* ---- schema ------------------------------------------------------------------------------
 * migrations[i] takes a store from version i to i + 1, the same steps as sqlite.c so a version
 * number means the same tables in both backends. Append only. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE sources(\n"
    "  name TEXT PRIMARY KEY, preset TEXT, url TEXT, created_at BIGINT NOT NULL);\n"
    "CREATE TABLE products(\n"
    "  id TEXT PRIMARY KEY, name TEXT, created_at BIGINT NOT NULL);\n"
    "CREATE TABLE runs(\n"
    "  id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, note TEXT,\n"
    "  pid BIGINT, host TEXT, started BIGINT NOT NULL, finished BIGINT,\n"
    "  n_read BIGINT NOT NULL DEFAULT 0, n_new BIGINT NOT NULL DEFAULT 0,\n"
    "  n_edited BIGINT NOT NULL DEFAULT 0, n_unchanged BIGINT NOT NULL DEFAULT 0,\n"
    "  n_rejected BIGINT NOT NULL DEFAULT 0, n_scored BIGINT NOT NULL DEFAULT 0,\n"
    "  n_alerts BIGINT NOT NULL DEFAULT 0, n_failed BIGINT NOT NULL DEFAULT 0);\n"
    "CREATE TABLE reviews(\n"
    "  key BIGSERIAL PRIMARY KEY,\n"
    "  source TEXT NOT NULL REFERENCES sources(name),\n"
    "  rid TEXT NOT NULL,\n"
    "  product TEXT REFERENCES products(id),\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  author TEXT, rating DOUBLE PRECISION, date BIGINT, date_raw TEXT, lang TEXT, title TEXT,\n"
    "  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes BIGINT, fetched_at BIGINT,\n"
    "  chash BIGINT NOT NULL,\n"
    "  first_seen BIGINT NOT NULL, version_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,\n"
    "  run_id BIGINT REFERENCES runs(id),\n"
    "  UNIQUE(source, rid));\n"
    "CREATE INDEX reviews_product ON reviews(product, date);\n"
    "CREATE TABLE review_versions(\n"
    "  key BIGINT NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  version INTEGER NOT NULL,\n"
    "  author TEXT, rating DOUBLE PRECISION, date BIGINT, date_raw TEXT, lang TEXT, title TEXT,\n"
    "  text TEXT NOT NULL, url TEXT, parent_id TEXT, likes BIGINT, fetched_at BIGINT,\n"
    "  seen_from BIGINT NOT NULL, seen_to BIGINT NOT NULL, run_id BIGINT,\n"
    "  PRIMARY KEY(key, version));\n"
    "CREATE TABLE scores(\n"
    "  key BIGINT NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  version INTEGER NOT NULL,\n"
    "  score DOUBLE PRECISION NOT NULL, label TEXT NOT NULL, verdict TEXT, lang TEXT,\n"
    "  severity TEXT, evidence TEXT, categories TEXT, model TEXT, scored_at BIGINT NOT NULL,\n"
    "  PRIMARY KEY(key, version));\n"
    "CREATE TABLE alerts(\n"
    "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,\n"
    "  product TEXT, source TEXT, review_id TEXT, review_key BIGINT, review_version INTEGER,\n"
    "  score DOUBLE PRECISION, categories TEXT, evidence TEXT, reply TEXT, channel TEXT,\n"
    "  due BIGINT, status TEXT NOT NULL DEFAULT 'open', created_at BIGINT NOT NULL,\n"
    "  acked_at BIGINT, acked_by TEXT, note TEXT, run_id BIGINT);\n"
    "CREATE INDEX alerts_status ON alerts(status, created_at);\n"
    "CREATE TABLE fetch_state(\n"
    "  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, cursor TEXT,\n"
    "  updated BIGINT NOT NULL);\n",

    /* 1 -> 2: complaint groups; alerts get a summary line and a data blob for reports */
    "ALTER TABLE alerts ADD COLUMN summary TEXT;\n"
    "ALTER TABLE alerts ADD COLUMN data TEXT;\n"
    "CREATE INDEX alerts_product ON alerts(product, created_at);\n"
    "CREATE TABLE complaint_groups(\n"
    "  key TEXT PRIMARY KEY, product TEXT, kind TEXT NOT NULL, category TEXT, phrase TEXT,\n"
    "  window_start BIGINT, window_end BIGINT, count BIGINT NOT NULL DEFAULT 0,\n"
    "  total BIGINT NOT NULL DEFAULT 0, baseline DOUBLE PRECISION, stat DOUBLE PRECISION,\n"
    "  examples TEXT, first_raised BIGINT NOT NULL, last_raised BIGINT NOT NULL,\n"
    "  cooldown_until BIGINT, run_id BIGINT);\n"
    "CREATE INDEX complaint_groups_product ON complaint_groups(product, last_raised);\n"
    "CREATE TABLE complaint_members(\n"
    "  gkey TEXT NOT NULL REFERENCES complaint_groups(key) ON DELETE CASCADE,\n"
    "  review_key BIGINT NOT NULL REFERENCES reviews(key) ON DELETE CASCADE,\n"
    "  PRIMARY KEY(gkey, review_key));\n"
    "CREATE INDEX complaint_members_review ON complaint_members(review_key);\n",

    /* 2 -> 3: a complaint group's severity, stored when it is raised */
    "ALTER TABLE complaint_groups ADD COLUMN severity TEXT;\n",

    /* 3 -> 4: work shared by several scan workers (hugi_store_lease_next) */
    "CREATE TABLE work_items(\n"
    "  id BIGSERIAL PRIMARY KEY, queue TEXT NOT NULL, item TEXT NOT NULL,\n"
    "  leased_by TEXT, lease_until BIGINT, taken_from TEXT, done_at BIGINT,\n"
    "  attempts INTEGER NOT NULL DEFAULT 0, added_at BIGINT NOT NULL,\n"
    "  UNIQUE(queue, item));\n",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == HUGI_STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* Any constant works as long as every hugi uses the same: it only serialises schema creation
 * and migration among hugi processes of one database. ("hugi" in ASCII.) */
#define SCHEMA_LOCK_KEY "1752524649"

/* ---- statements -------------------------------------------------------------------------- */
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

/* The server's clock in epoch seconds, for leases: one clock for every host sharing the store
 * (clock_timestamp(), not now(), which stands still inside a transaction). */
#define PG_NOW "floor(extract(epoch FROM clock_timestamp()))::bigint"

/* Parameters carry explicit types where PostgreSQL could not infer one (COALESCE, IS NULL). */
#define STATEMENTS(X)                                                                              \
    X(SOURCE_ADD, "INSERT INTO sources(name, created_at) VALUES($1, $2) ON CONFLICT DO NOTHING")   \
    X(SOURCE_PUT, "INSERT INTO sources(name, preset, url, created_at) VALUES($1, $2, $3, $4) "     \
                  "ON CONFLICT(name) DO UPDATE SET preset = COALESCE(EXCLUDED.preset, "            \
                  "sources.preset), url = COALESCE(EXCLUDED.url, sources.url)")                    \
    X(PRODUCT_ADD, "INSERT INTO products(id, created_at) VALUES($1, $2) ON CONFLICT DO NOTHING")   \
    X(PRODUCT_PUT, "INSERT INTO products(id, name, created_at) VALUES($1, $2, $3) "                \
                   "ON CONFLICT(id) DO UPDATE SET name = COALESCE(EXCLUDED.name, products.name)")  \
    X(PRODUCT_NAME, "SELECT name FROM products WHERE id = $1")                                     \
    X(REVIEW_INSERT,                                                                               \
      "INSERT INTO reviews(source, rid, product, version, author, rating, date, date_raw, lang, "  \
      "title, text, url, parent_id, likes, fetched_at, chash, first_seen, version_seen, "          \
      "last_seen, run_id) VALUES($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, " \
      "$15, $16, $16, $16, $17) ON CONFLICT(source, rid) DO NOTHING RETURNING key")                \
    /* A review seen before, in one round trip: finds it and, when its text and rating are the     \
     * same (ratings within 1e-9, none and none alike, as same_rating() in sqlite.c), updates      \
     * what may change without an edit (last_seen, likes, url, fetched_at; lang and product when   \
     * unknown). Returns its key and whether it was that "unchanged" case; no row: not stored. */  \
    X(REVIEW_SEEN,                                                                                 \
      "WITH cur AS (SELECT key, text, rating FROM reviews WHERE source = $1 AND rid = $2), "       \
      "touched AS (UPDATE reviews r SET last_seen = $3, likes = COALESCE($4::bigint, r.likes), "   \
      "url = COALESCE($5::text, r.url), fetched_at = COALESCE($6::bigint, r.fetched_at), "         \
      "lang = COALESCE(r.lang, $7::text), product = COALESCE(r.product, $8::text) FROM cur "       \
      "WHERE r.key = cur.key AND cur.text = $9::text AND ((cur.rating IS NULL AND "                \
      "$10::double precision IS NULL) OR abs(cur.rating - $10::double precision) < 1e-9) "         \
      "RETURNING r.key) "                                                                          \
      "SELECT cur.key, EXISTS(SELECT 1 FROM touched) FROM cur")                                    \
    X(VERSION_SAVE,                                                                                \
      "INSERT INTO review_versions(key, version, author, rating, date, date_raw, lang, title, "    \
      "text, url, parent_id, likes, fetched_at, seen_from, seen_to, run_id) "                      \
      "SELECT key, version, author, rating, date, date_raw, lang, title, text, url, parent_id, "   \
      "likes, fetched_at, version_seen, last_seen, run_id FROM reviews WHERE key = $1 "            \
      "ON CONFLICT(key, version) DO UPDATE SET author = EXCLUDED.author, "                         \
      "rating = EXCLUDED.rating, date = EXCLUDED.date, date_raw = EXCLUDED.date_raw, "             \
      "lang = EXCLUDED.lang, title = EXCLUDED.title, text = EXCLUDED.text, url = EXCLUDED.url, "   \
      "parent_id = EXCLUDED.parent_id, likes = EXCLUDED.likes, "                                   \
      "fetched_at = EXCLUDED.fetched_at, seen_from = EXCLUDED.seen_from, "                         \
      "seen_to = EXCLUDED.seen_to, run_id = EXCLUDED.run_id")                                      \
    X(REVIEW_NEWVERSION,                                                                           \
      "UPDATE reviews SET version = version + 1, product = COALESCE($2::text, product), "          \
      "author = $3, rating = $4, date = $5, date_raw = $6, lang = $7, title = $8, text = $9, "     \
      "url = $10, parent_id = $11, likes = $12, fetched_at = $13, chash = $14, "                   \
      "version_seen = $15, last_seen = $15, run_id = $16 WHERE key = $1")                          \
    X(REVIEW_KNOWN, "SELECT 1 FROM reviews WHERE source = $1 AND rid = $2")                        \
    X(REVIEW_GET, "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "                      \
                  "ON s.key = r.key AND s.version = r.version WHERE r.source = $1 AND r.rid = $2") \
    X(VERSIONS, "SELECT key, version, author, rating, date, date_raw, lang, title, text, url, "    \
                "parent_id, likes, fetched_at, seen_from, seen_to, run_id FROM review_versions "   \
                "WHERE key = $1 ORDER BY version")                                                 \
    X(CURRENT_BY_KEY, "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "                  \
                      "ON s.key = r.key AND s.version = r.version WHERE r.key = $1")               \
    X(VERSION_EXISTS, "SELECT 1 FROM reviews WHERE key = $1 AND version = $2 UNION ALL "           \
                      "SELECT 1 FROM review_versions WHERE key = $1 AND version = $2")             \
    X(SCORE_PUT, "INSERT INTO scores(key, version, score, label, verdict, lang, severity, "        \
                 "evidence, categories, model, scored_at) "                                        \
                 "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "                           \
                 "ON CONFLICT(key, version) DO UPDATE SET score = EXCLUDED.score, "                \
                 "label = EXCLUDED.label, verdict = EXCLUDED.verdict, lang = EXCLUDED.lang, "      \
                 "severity = EXCLUDED.severity, evidence = EXCLUDED.evidence, "                    \
                 "categories = EXCLUDED.categories, model = EXCLUDED.model, "                      \
                 "scored_at = EXCLUDED.scored_at")                                                 \
    X(SCORE_GET, "SELECT score, label, verdict, severity, categories FROM scores "                 \
                 "WHERE key = $1 AND version = $2")                                                \
    X(RUN_STALE, "SELECT id, pid FROM runs WHERE status = 'running' AND host = $1")                \
    X(RUN_INTERRUPT, "UPDATE runs SET status = 'interrupted', finished = $2 "                      \
                     "WHERE id = $1 AND status = 'running'")                                       \
    X(RUN_START, "INSERT INTO runs(kind, status, note, pid, host, started) "                       \
                 "VALUES($1, 'running', $2, $3, $4, $5) RETURNING id")                             \
    X(RUN_FINISH, "UPDATE runs SET status = $2, finished = $3, n_read = $4, n_new = $5, "          \
                  "n_edited = $6, n_unchanged = $7, n_rejected = $8, n_scored = $9, "              \
                  "n_alerts = $10, n_failed = $11 WHERE id = $1")                                  \
    X(RUN_FINISH_STATUS, "UPDATE runs SET status = $2, finished = $3 WHERE id = $1")               \
    X(RUNS, "SELECT id, kind, status, note, started, finished, n_read, n_new, n_edited, "          \
            "n_unchanged, n_rejected, n_scored, n_alerts, n_failed FROM runs "                     \
            "ORDER BY id DESC LIMIT $1::bigint")                                                   \
    X(ALERT_PUT, "INSERT INTO alerts(" ALERT_COLS ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, "  \
                 "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "               \
                 "ON CONFLICT(id) DO NOTHING")                                                     \
    X(ALERT_GET, "SELECT " ALERT_COLS " FROM alerts WHERE id = $1")                                \
    X(ALERT_STATUS, "SELECT status FROM alerts WHERE id = $1")                                     \
    X(ALERT_ACK, "UPDATE alerts SET status = 'acked', acked_at = $2, acked_by = $3, note = $4 "    \
                 "WHERE id = $1 AND status = 'open'")                                              \
    X(GROUP_FIND, "SELECT first_raised FROM complaint_groups WHERE key = $1")                      \
    X(GROUP_PUT,                                                                                   \
      "INSERT INTO complaint_groups(" GROUP_COLS ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, "   \
      "$10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT(key) DO UPDATE SET "                    \
      "product = EXCLUDED.product, kind = EXCLUDED.kind, category = EXCLUDED.category, "           \
      "phrase = EXCLUDED.phrase, window_start = EXCLUDED.window_start, "                           \
      "window_end = EXCLUDED.window_end, count = EXCLUDED.count, total = EXCLUDED.total, "         \
      "baseline = EXCLUDED.baseline, stat = EXCLUDED.stat, examples = EXCLUDED.examples, "         \
      "first_raised = EXCLUDED.first_raised, last_raised = EXCLUDED.last_raised, "                 \
      "cooldown_until = EXCLUDED.cooldown_until, run_id = EXCLUDED.run_id, "                       \
      "severity = EXCLUDED.severity")                                                              \
    X(GROUP_GET, "SELECT " GROUP_COLS " FROM complaint_groups WHERE key = $1")                     \
    X(MEMBERS_CLEAR, "DELETE FROM complaint_members WHERE gkey = $1")                              \
    X(MEMBERS_ADD, "INSERT INTO complaint_members(gkey, review_key) "                              \
                   "SELECT $1, k FROM unnest($2::bigint[]) AS k ON CONFLICT DO NOTHING")           \
    X(MEMBERS, "SELECT review_key FROM complaint_members WHERE gkey = $1 ORDER BY review_key")     \
    X(FETCH_GET, "SELECT url, etag, last_modified, cursor, updated FROM fetch_state "              \
                 "WHERE url = $1")                                                                 \
    X(FETCH_PUT, "INSERT INTO fetch_state(url, etag, last_modified, cursor, updated) "             \
                 "VALUES($1, $2, $3, $4, $5) ON CONFLICT(url) DO UPDATE SET "                      \
                 "etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, "                  \
                 "cursor = EXCLUDED.cursor, updated = EXCLUDED.updated")                           \
    X(STATS,                                                                                       \
      "SELECT (SELECT count(*) FROM reviews WHERE $1::text IS NULL OR product = $1), "             \
      "(SELECT count(*) FROM review_versions v JOIN reviews r ON r.key = v.key "                   \
      "  WHERE $1::text IS NULL OR r.product = $1), "                                              \
      "(SELECT count(*) FROM reviews WHERE version > 1 AND ($1::text IS NULL OR product = $1)), "  \
      "(SELECT count(*) FROM reviews r JOIN scores s ON s.key = r.key AND s.version = r.version "  \
      "  WHERE $1::text IS NULL OR r.product = $1), "                                              \
      "(SELECT count(*) FROM alerts WHERE $1::text IS NULL OR product = $1), "                     \
      "(SELECT count(*) FROM alerts WHERE status = 'open' AND ($1::text IS NULL OR product = "     \
      "$1)),"                                                                                      \
      "(SELECT count(*) FROM complaint_groups WHERE $1::text IS NULL OR product = $1), "           \
      "(SELECT count(*) FROM sources), (SELECT count(*) FROM products), "                          \
      "(SELECT count(*) FROM runs)")                                                               \
    X(WORK_ADD, "INSERT INTO work_items(queue, item, added_at) VALUES($1, $2, " PG_NOW ") "        \
                "ON CONFLICT(queue, item) DO NOTHING")                                             \
    /* The pick and the lease in one statement; SKIP LOCKED lets concurrent workers pass over      \
     * the row another one is taking instead of waiting for it, and the old holder is kept in      \
     * taken_from (SET sees the row as it was) */                                                  \
    X(LEASE_NEXT,                                                                                  \
      "UPDATE work_items SET taken_from = leased_by, leased_by = $2, "                             \
      "lease_until = " PG_NOW " + $3::bigint, attempts = attempts + 1 "                            \
      "WHERE id = (SELECT id FROM work_items WHERE queue = $1 AND ("                               \
      "(leased_by IS NULL AND (done_at IS NULL OR done_at <= " PG_NOW " - $4::bigint)) OR "        \
      "(leased_by IS NOT NULL AND lease_until < " PG_NOW ")) "                                     \
      "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, item, attempts, taken_from")      \
    X(LEASE_PENDING, "SELECT count(*) FROM work_items WHERE queue = $1 AND leased_by IS NOT NULL " \
                     "AND lease_until >= " PG_NOW)                                                 \
    X(LEASE_RENEW, "UPDATE work_items SET lease_until = " PG_NOW " + $3::bigint "                  \
                   "WHERE id = $1 AND leased_by = $2")                                             \
    X(LEASE_DONE, "UPDATE work_items SET leased_by = NULL, lease_until = NULL, "                   \
                  "done_at = " PG_NOW " WHERE id = $1 AND leased_by = $2")

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

/* The scan lock a session holds (hugi_store_scan_lock), so a new session can take it again. */
enum scan_lock { LOCK_NONE, LOCK_EXCLUSIVE, LOCK_SHARED };

struct pg_store {
    struct hugi_store base; /* first: the public handle */
    PGconn *conn;
    char *uri;      /* as given, password included: to connect again (never printed) */
    int busy_ms;    /* the session's lock_timeout */
    bool read_only; /* the session's default_transaction_read_only */
    bool own_tx;    /* a transaction of the backend's own (group_put) is open */
    bool tx_failed; /* COMMIT failed: the caller's transaction is gone until it rolls back */
    enum scan_lock scan_lock;
    bool lock_lost;      /* the scan lock went with a lost session and another took it */
    char *lock_who;      /* the application_name the scan lock's session shows */
    bool session_ending; /* the server said FATAL outside a statement: it ends the session */
    /* code set: a reconnect failed in full, and the store's server is taken for gone for the
     * rest of this handle (reconnect()); every call fails at once with this error */
    struct hugi_err down;
    bool prepared[ST_COUNT];
    /* as in sqlite.c: the last source and product known to exist, cleared on rollback */
    char *known_source, *known_product;
    bool last_new; /* the last review put was new: try the INSERT first */
};

static const struct hugi_store_ops pg_ops;

/* ---- errors ------------------------------------------------------------------------------ */

/* SQLSTATEs that mean "someone else holds it; try again later" rather than a broken store:
 * lock_not_available (lock_timeout), serialization_failure, deadlock_detected. */
static bool busy_state(const char *state)
{
    return state && (!strcmp(state, "55P03") || !strcmp(state, "40001") || !strcmp(state, "40P01"));
}

/* Sets err from a failed result (res may be NULL: then the connection's message). libpq's text
 * ends in a newline and may run over several lines; they are joined. */
/* pgerr() with the message given (msg: libpq's text, one line or several). */
static hugi_rc pgerr_msg(struct pg_store *q, const PGresult *res, const char *msg,
                         struct hugi_err *err, const char *what)
{
    char line[200];
    size_t n = 0;
    for (const char *p = msg; *p && n + 1 < sizeof line; p++)
        line[n++] = *p == '\n' || *p == '\t' ? ' ' : *p;
    while (n > 0 && isspace((unsigned char)line[n - 1]))
        n--;
    line[n] = '\0';
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    hugi_rc rc = busy_state(state) ? HUGI_E_BUSY : HUGI_E_STORE;
    return hugi_err_set(err, rc, q->base.path, "%s: %s", what, n ? line : "unknown error");
}

static hugi_rc pgerr(struct pg_store *q, const PGresult *res, struct hugi_err *err,
                     const char *what)
{
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(q->conn);
    return pgerr_msg(q, res, msg, err, what);
}

/* ---- parameters -------------------------------------------------------------------------- */
#define MAX_PARAMS 24
struct params {
    int n;
    const char *v[MAX_PARAMS];
    char num[MAX_PARAMS][32]; /* text of the numeric parameters */
};

static void p_str(struct params *p, const char *s)
{
    p->v[p->n++] = s; /* NULL is SQL NULL */
}
static void p_int(struct params *p, int64_t x)
{
    snprintf(p->num[p->n], sizeof p->num[0], "%" PRId64, x);
    p->v[p->n] = p->num[p->n];
    p->n++;
}
static void p_time(struct params *p, int64_t t)
{
    if (t == HUGI_NO_TIME)
        p_str(p, NULL);
    else
        p_int(p, t);
}
static void p_time_or_now(struct params *p, int64_t t)
{
    p_int(p, t == HUGI_NO_TIME ? hugi_now() : t);
}
/* A row id or count that is only meaningful when positive; anything else is NULL. */
static void p_id(struct params *p, int64_t v)
{
    if (v > 0)
        p_int(p, v);
    else
        p_str(p, NULL);
}
static void p_likes(struct params *p, long v)
{
    if (v < 0)
        p_str(p, NULL);
    else
        p_int(p, v);
}
static void p_num(struct params *p, double v)
{
    if (!isfinite(v)) {
        p_str(p, NULL);
        return;
    }
    /* 17 significant digits read back as the same double */
    snprintf(p->num[p->n], sizeof p->num[0], "%.17g", v);
    p->v[p->n] = p->num[p->n];
    p->n++;
}

/* ---- reading columns (text format) ------------------------------------------------------- */
static char *col_str(const PGresult *res, int row, int i)
{
    return PQgetisnull(res, row, i) ? NULL : PQgetvalue(res, row, i);
}
static int64_t col_int(const PGresult *res, int row, int i)
{
    return PQgetisnull(res, row, i) ? 0 : strtoll(PQgetvalue(res, row, i), NULL, 10);
}
static int64_t col_time(const PGresult *res, int row, int i)
{
    return PQgetisnull(res, row, i) ? HUGI_NO_TIME : strtoll(PQgetvalue(res, row, i), NULL, 10);
}
static double col_num(const PGresult *res, int row, int i)
{
    return PQgetisnull(res, row, i) ? NAN : strtod(PQgetvalue(res, row, i), NULL);
}
static long col_likes(const PGresult *res, int row, int i)
{
    return PQgetisnull(res, row, i) ? -1 : (long)strtoll(PQgetvalue(res, row, i), NULL, 10);
}

/* Duplicates the string fields of a borrowed record into owned memory. */
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

/* Number of rows an INSERT/UPDATE/DELETE touched. */
static long changes(const PGresult *res)
{
    return strtol(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* ---- running statements ------------------------------------------------------------------ */

/* An error code the caller can return whether or not it passed an err record. */
static hugi_rc failed(struct hugi_err *err)
{
    return err && err->code ? err->code : HUGI_E_STORE;
}

/* Checks a result: the result when it succeeded, NULL (cleared, err set) when not. */
static PGresult *check(struct pg_store *q, PGresult *res, struct hugi_err *err, const char *what)
{
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
        return res;
    /* the session is ending: the socket closed, or the server said why it ends it (class 57P:
     * shutdown, termination, idle timeout; class 08: the connection itself) */
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    bool lost = PQstatus(q->conn) != CONNECTION_OK ||
                (state && (!strncmp(state, "57P", 3) || !strncmp(state, "08", 2)));
    if (lost && (q->base.in_tx || q->own_tx)) {
        /* inside a transaction: the server rolled it back, and nothing is sent again (that
         * would run the rest of a transaction without its beginning) */
        const char *why = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
        char msg[200];
        snprintf(msg, sizeof msg,
                 "lost the connection inside a transaction%s%s%s; the server rolled it back, "
                 "nothing of it is stored",
                 why ? " (" : "", why ? why : "", why ? ")" : "");
        pgerr_msg(q, NULL, msg, err, what);
        PQclear(res);
        return NULL;
    }
    pgerr(q, res, err, what);
    PQclear(res);
    return NULL;
}

/* Forgets what a transaction that ended without a commit may have made untrue. */
static void forget_tx(struct pg_store *q)
{
    free(q->known_source);
    free(q->known_product);
    q->known_source = q->known_product = NULL;
    q->last_new = false;
}

/* ---- the session: opened, checked, opened again ------------------------------------------ */

/* libpq prints server notices (e.g. "relation already exists, skipping") on stderr by default;
 * a library must not, and none of them matters to hugi but one: a FATAL message that arrives
 * while no statement runs is the server saying why it ends the session (libpq hands it over as
 * a notice), which session_gone() wants to know before the socket's end has arrived too. */
static void quiet_notice(void *arg, const PGresult *res)
{
    struct pg_store *q = arg;
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (sev && (!strcmp(sev, "FATAL") || !strcmp(sev, "PANIC")))
        q->session_ending = true;
}

static char *scrub_secrets(const char *msg, const char *uri, const char *redacted);
static hugi_rc scan_lock_try(struct pg_store *q, enum scan_lock kind, bool *got,
                             struct hugi_err *err);

/* Connects to q->uri and sets the session up (encoding, lock_timeout, read-only), waiting at
 * most timeout_s for the server. On failure q->conn is NULL and err says why, without the
 * password. */
static hugi_rc open_session(struct pg_store *q, int timeout_s, struct hugi_err *err)
{
    /* libpq waits for an unreachable server as long as TCP does (minutes): timeout_s unless the
     * URI says otherwise (a value in the URI wins, being later in the list); a name in
     * pg_stat_activity unless the URI gives one; and TCP keepalives after a minute of silence
     * (the system's default is two hours), so a peer gone without a word (a network cut) is
     * found while hugi waits for an answer, an error then rather than a hang */
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", timeout_s);
    const char *const keys[] = {"connect_timeout",
                                "fallback_application_name",
                                "keepalives_idle",
                                "keepalives_interval",
                                "keepalives_count",
                                "dbname",
                                NULL};
    const char *const vals[] = {timeout, "hugi", "60", "10", "6", q->uri, NULL};
    q->conn = PQconnectdbParams(keys, vals, 1);
    if (!q->conn)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    hugi_rc rc = HUGI_OK;
    if (PQstatus(q->conn) != CONNECTION_OK) {
        char *msg = scrub_secrets(PQerrorMessage(q->conn), q->uri, q->base.path);
        rc = pgerr_msg(q, NULL, msg ? msg : "out of memory", err, "cannot connect to the store");
        free(msg);
    }
    if (!rc) {
        q->session_ending = false;
        PQsetNoticeReceiver(q->conn, quiet_notice, q);
        if (PQsetClientEncoding(q->conn, "UTF8") != 0)
            rc = pgerr(q, NULL, err, "cannot set the client encoding to UTF-8");
    }
    if (!rc) {
        /* busy_timeout_ms means what SQLite's busy timeout does: how long a write waits for a
         * lock another process holds before HUGI_E_BUSY */
        char busy[32];
        snprintf(busy, sizeof busy, "%dms", q->busy_ms);
        const char *const v[] = {busy, q->read_only ? "on" : "off"};
        PGresult *res = check(q,
                              PQexecParams(q->conn,
                                           "SELECT set_config('lock_timeout', $1, false), "
                                           "set_config('default_transaction_read_only', $2, "
                                           "false)",
                                           2, NULL, v, NULL, NULL, 0),
                              err, "cannot configure the session");
        if (!res)
            rc = failed(err);
        PQclear(res);
    }
    if (rc) {
        PQfinish(q->conn);
        q->conn = NULL;
    }
    return rc;
}

/* Whether the session is gone. A server that ends a session (a restart, pg_terminate_backend,
 * idle_session_timeout) sends its FATAL message and closes the socket; both wait unread until
 * the next statement, which would then fail. Reading them first (without blocking) finds such a
 * loss before anything is sent, so a statement is never sent twice: it was not sent at all. */
static bool session_gone(struct pg_store *q)
{
    PGconn *c = q->conn;
    for (int i = 0; i < 4; i++) {
        if (PQstatus(c) != CONNECTION_OK || q->session_ending)
            return true;
        struct pollfd pfd = {.fd = PQsocket(c), .events = POLLIN};
        if (pfd.fd < 0)
            return true;
        if (poll(&pfd, 1, 0) <= 0)
            return false; /* nothing waiting: the session is as we left it */
        /* data (a notice, the FATAL message) or the end: libpq reads the one (PQisBusy parses
         * it, a FATAL reaching quiet_notice) and marks the other */
        if (!PQconsumeInput(c))
            return true;
        (void)PQisBusy(c);
    }
    return PQstatus(c) != CONNECTION_OK || q->session_ending;
}

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Connecting again after a loss: a few tries with doubling pauses (0.2 s, 0.4 s, ... 3.2 s),
 * within a bounded time: long enough for a server restart, short enough for cron. */
#define RECONNECT_TRIES    6
#define RECONNECT_BUDGET_S 30.0

/* Opens a new session in place of a lost one: prepared statements are prepared again as they are
 * next used, caches of the last transaction forgotten, the scan lock taken again.
 *
 * Once per handle: when all the tries fail, the server is taken for gone until the store is
 * closed, and every later call fails at once with the same message (ready()). Trying again at
 * each call made a run whose server was down for good wait the whole budget per call (a scan
 * records two rows a source before it fetches any: minutes for a few dozen sources) only to
 * fail anyway. Nor is there a later attempt on a timer: a hugi run is one short job (cron, a
 * timer, a worker of a shared scan), the first store error already stops a scan or an import,
 * its committed work stays and the next run does the rest (the same path as a kill), and the
 * next run, opening the store anew, is the new attempt. A server that is merely restarting is
 * what the budget's 30 s are for. */
static hugi_rc reconnect(struct pg_store *q, struct hugi_err *err)
{
    PQfinish(q->conn);
    q->conn = NULL;
    forget_tx(q);
    memset(q->prepared, 0, sizeof q->prepared);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct hugi_err last;
    hugi_err_clear(&last);
    double pause = 0.2;
    int tries = 0;
    hugi_rc rc;
    for (;;) {
        tries++;
        double left = RECONNECT_BUDGET_S - since(&t0);
        rc = open_session(q, left < 10 ? (left < 2 ? 2 : (int)left) : 10, &last);
        if (!rc || rc == HUGI_E_NOMEM || tries >= RECONNECT_TRIES ||
            since(&t0) + pause > RECONNECT_BUDGET_S)
            break;
        struct timespec ts = {(time_t)pause, (long)((pause - (double)(time_t)pause) * 1e9)};
        nanosleep(&ts, NULL);
        pause *= 2;
    }
    if (rc == HUGI_E_NOMEM)
        return hugi_err_set(err, rc, q->base.path, "%s", last.msg);
    if (rc) {
        /* the policy before libpq's text: a message too long for hugi_err loses its tail */
        hugi_err_set(&q->down, HUGI_E_STORE, q->base.path,
                     "lost the connection to the store and could not connect again (%d tries "
                     "in %.1f s; not tried again in this run): %s",
                     tries, since(&t0), last.msg);
        if (err)
            *err = q->down;
        return HUGI_E_STORE;
    }
    if (q->scan_lock != LOCK_NONE) {
        /* the lock went with the old session; another scan may have taken it since */
        bool got = false;
        rc = scan_lock_try(q, q->scan_lock, &got, err);
        if (!rc && !got)
            rc = hugi_err_set(err, HUGI_E_BUSY, q->base.path,
                              "lost the connection to the store, and with it the scan lock, "
                              "which another scan holds now");
        if (rc) {
            /* a scan without its lock must not go on writing as if it had it: this call and
             * every later one fail (ready()) */
            q->scan_lock = LOCK_NONE;
            q->lock_lost = true;
            PQfinish(q->conn);
            q->conn = NULL;
        }
    }
    return rc;
}

/* Called before every statement: a statement outside any transaction (a safe point) first
 * connects again if the session was lost; inside one a loss is an error (check()). */
static hugi_rc ready(struct pg_store *q, struct hugi_err *err)
{
    if (q->lock_lost)
        return hugi_err_set(err, HUGI_E_BUSY, q->base.path,
                            "lost the connection to the store, and with it the scan lock, "
                            "which another scan holds now");
    if (q->tx_failed)
        return hugi_err_set(err, HUGI_E_STORE, q->base.path,
                            "the transaction failed at its commit and was rolled back; roll "
                            "back before going on");
    if (q->down.code) { /* reconnect() failed in full: no new attempt while this handle lives */
        if (err)
            *err = q->down;
        return q->down.code;
    }
    if (q->base.in_tx || q->own_tx) {
        if (!q->conn)
            return hugi_err_set(err, HUGI_E_STORE, q->base.path,
                                "lost the connection inside a transaction; the "
                                "server rolled it back, nothing of it is stored");
        return HUGI_OK;
    }
    if (q->conn && !session_gone(q))
        return HUGI_OK;
    return reconnect(q, err);
}

/* Prepares statement id on this session, once. */
static hugi_rc prepare(struct pg_store *q, enum stmt_id id, struct hugi_err *err, const char *what)
{
    if (q->prepared[id])
        return HUGI_OK;
    char name[16];
    snprintf(name, sizeof name, "hugi%d", (int)id);
    PGresult *res = check(q, PQprepare(q->conn, name, stmt_sql[id], 0, NULL), err, what);
    if (!res)
        return failed(err);
    PQclear(res);
    q->prepared[id] = true;
    return HUGI_OK;
}

/* Runs statement id with parameters p (may be NULL), preparing it on first use. The result
 * (caller PQclear()s) or NULL with err set. */
static PGresult *run(struct pg_store *q, enum stmt_id id, const struct params *p,
                     struct hugi_err *err, const char *what)
{
    if (ready(q, err) || prepare(q, id, err, what))
        return NULL;
    char name[16];
    snprintf(name, sizeof name, "hugi%d", (int)id);
    return check(q, PQexecPrepared(q->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, 0),
                 err, what);
}

/* Runs a statement whose result is not needed. */
static hugi_rc run_done(struct pg_store *q, enum stmt_id id, const struct params *p,
                        struct hugi_err *err, const char *what)
{
    PGresult *res = run(q, id, p, err, what);
    if (!res)
        return failed(err);
    PQclear(res);
    return HUGI_OK;
}

/* A fixed command without parameters (BEGIN, COMMIT, a migration). */
static hugi_rc exec(struct pg_store *q, const char *sql, struct hugi_err *err, const char *what)
{
    if (ready(q, err))
        return failed(err);
    PGresult *res = check(q, PQexec(q->conn, sql), err, what);
    if (!res)
        return failed(err);
    PQclear(res);
    return HUGI_OK;
}

/* Runs a query assembled at run time (constant fragments only) with parameters p. */
static PGresult *run_text(struct pg_store *q, const char *sql, const struct params *p,
                          struct hugi_err *err, const char *what)
{
    if (ready(q, err))
        return NULL;
    return check(q, PQexecParams(q->conn, sql, p->n, NULL, p->v, NULL, NULL, 0), err, what);
}

/* ---- the URI ------------------------------------------------------------------------------ */

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* Whether the URI parameter p[0..len) ("name=value") sets a password: `password`, or
 * `sslpassword` (the client key's passphrase). libpq percent-decodes the name too
 * ("pass%77ord="); any case is taken out, to be safe. */
static bool password_param(const char *p, size_t len)
{
    char name[16];
    size_t i = 0, k = 0;
    while (i < len && p[i] != '=') {
        int c = (unsigned char)p[i];
        if (c == '%' && i + 2 < len && isxdigit((unsigned char)p[i + 1]) &&
            isxdigit((unsigned char)p[i + 2])) {
            c = hexval(p[i + 1]) << 4 | hexval(p[i + 2]);
            i += 3;
        } else {
            i++;
        }
        if (k + 1 >= sizeof name)
            return false;
        name[k++] = (char)tolower(c);
    }
    name[k] = '\0';
    return i < len && (!strcmp(name, "password") || !strcmp(name, "sslpassword"));
}

/* The URI without its password, for messages and hugi_store_path(): "user:pw@" becomes "user@"
 * and a password= or sslpassword= parameter is dropped. Caller frees; NULL when out of memory.
 */
static char *redact_uri(const char *uri)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    const char *auth = strstr(uri, "://");
    auth = auth ? auth + 3 : uri;
    size_t alen = strcspn(auth, "/?");
    const char *at = NULL;
    for (const char *p = auth; p < auth + alen; p++)
        if (*p == '@')
            at = p;
    hugi_buf_add(&b, uri, (size_t)(auth - uri));
    if (at) {
        const char *colon = memchr(auth, ':', (size_t)(at - auth));
        hugi_buf_add(&b, auth, (size_t)((colon ? colon : at) - auth));
        hugi_buf_add(&b, at, (size_t)(auth + alen - at));
    } else {
        hugi_buf_add(&b, auth, alen);
    }
    const char *rest = auth + alen;
    const char *query = strchr(rest, '?');
    hugi_buf_add(&b, rest, query ? (size_t)(query - rest) : strlen(rest));
    if (query) {
        char sep = '?';
        const char *p = query + 1;
        while (*p) {
            size_t len = strcspn(p, "&");
            if (!password_param(p, len)) {
                hugi_buf_addc(&b, sep);
                hugi_buf_add(&b, p, len);
                sep = '&';
            }
            p += len;
            if (*p == '&')
                p++;
        }
    }
    if (hugi_buf_addstr(&b, "")) {
        hugi_buf_release(&b);
        return NULL;
    }
    return hugi_buf_detach(&b, NULL);
}

/* Whether a password of uri (the user part's, or a password= parameter's value, as written)
 * starts at p; its length in *len. */
static bool secret_at(const char *uri, const char *p, size_t *len)
{
    const char *auth = strstr(uri, "://");
    auth = auth ? auth + 3 : uri;
    size_t alen = strcspn(auth, "/?");
    const char *at = NULL;
    for (const char *c = auth; c < auth + alen; c++)
        if (*c == '@')
            at = c;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon && at > colon + 1 && !strncmp(p, colon + 1, (size_t)(at - colon - 1))) {
        *len = (size_t)(at - colon - 1);
        return true;
    }
    /* an '@' left unencoded in the password: libpq ends the password at the first one and
     * quotes the rest as a host name, so each piece is a secret too */
    for (const char *a = colon ? colon + 1 : at; at && a < at;) {
        const char *b = memchr(a, '@', (size_t)(at - a));
        if (!b)
            b = at;
        if (b > a && !strncmp(p, a, (size_t)(b - a))) {
            *len = (size_t)(b - a);
            return true;
        }
        a = b + 1;
    }
    const char *query = strchr(auth + alen, '?');
    for (const char *q = query ? query + 1 : ""; *q;) {
        size_t qlen = strcspn(q, "&");
        const char *eq = memchr(q, '=', qlen);
        size_t vlen = eq ? (size_t)(q + qlen - eq - 1) : 0;
        if (vlen && password_param(q, qlen) && !strncmp(p, eq + 1, vlen)) {
            *len = vlen;
            return true;
        }
        q += qlen;
        if (*q == '&')
            q++;
    }
    return false;
}

/* libpq's connection message with uri's passwords taken out: a URI it cannot parse is quoted
 * whole, a badly percent-encoded value as written, and either may be the password. The URI
 * becomes `redacted`, any password left "***". Caller frees; NULL when out of memory. */
static char *scrub_secrets(const char *msg, const char *uri, const char *redacted)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    size_t ulen = strlen(uri), slen;
    for (const char *p = msg; *p;) {
        if (!strncmp(p, uri, ulen)) {
            hugi_buf_addstr(&b, redacted);
            p += ulen;
        } else if (secret_at(uri, p, &slen)) {
            hugi_buf_addstr(&b, "***");
            p += slen;
        } else {
            hugi_buf_addc(&b, *p++);
        }
    }
    if (hugi_buf_addstr(&b, "")) {
        hugi_buf_release(&b);
        return NULL;
    }
    return hugi_buf_detach(&b, NULL);
}

/* ---- open, close, migrate ---------------------------------------------------------------- */

static hugi_rc schema_version(struct pg_store *q, int *v, struct hugi_err *err)
{
    /* two statements: a query naming hugi_schema cannot even be planned before it exists */
    *v = 0;
    PGresult *res = check(q, PQexec(q->conn, "SELECT to_regclass('hugi_schema') IS NOT NULL"), err,
                          "cannot read the schema version");
    if (!res)
        return failed(err);
    bool exists = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
    PQclear(res);
    if (!exists)
        return HUGI_OK;
    res = check(q, PQexec(q->conn, "SELECT max(version) FROM hugi_schema"), err,
                "cannot read the schema version");
    if (!res)
        return failed(err);
    *v = PQntuples(res) == 1 ? (int)col_int(res, 0, 0) : 0;
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc migrate(struct pg_store *q, bool read_only, struct hugi_err *err)
{
    int v;
    hugi_rc rc = schema_version(q, &v, err);
    if (rc)
        return rc;
    bool needed;
    rc = hugi_store_version_check(q->base.path, v, read_only, &needed, err);
    if (rc || !needed)
        return rc;
    /* One transaction for all steps (PostgreSQL's DDL is transactional): a failure leaves the old
     * schema. An advisory lock makes a second hugi opening the same fresh database wait, then
     * find the work done when it reads the version again. The lock is the session's, taken
     * before BEGIN, not pg_advisory_xact_lock() inside the transaction: a backend refreshes its
     * catalog cache when a transaction starts, not when an advisory lock is granted, so a waiter
     * that began first would still not see the tables the other one committed meanwhile. */
    rc = exec(q, "SELECT pg_advisory_lock(" SCHEMA_LOCK_KEY ")", err,
              "cannot lock the store to migrate it");
    if (rc)
        return rc;
    q->own_tx = true; /* lock, steps, unlock: a lost session must not be opened again midway */
    rc = exec(q, "BEGIN", err, "cannot begin the schema migration");
    if (!rc)
        rc = schema_version(q, &v, err);
    if (!rc && v == 0)
        rc = exec(q, "CREATE TABLE hugi_schema(version INTEGER NOT NULL)", err,
                  "schema migration failed");
    for (; !rc && v < HUGI_STORE_SCHEMA_VERSION; v++) {
        rc = exec(q, migrations[v], err, "schema migration failed");
        if (!rc) {
            struct params p = {0};
            p_int(&p, v + 1);
            PGresult *res = run_text(q, "DELETE FROM hugi_schema", &(struct params){0}, err,
                                     "schema migration failed");
            if (res) {
                PQclear(res);
                res = run_text(q, "INSERT INTO hugi_schema(version) VALUES($1::integer)", &p, err,
                               "schema migration failed");
            }
            if (!res)
                rc = failed(err);
            PQclear(res);
        }
    }
    if (!rc)
        rc = exec(q, "COMMIT", err, "schema migration failed");
    if (rc)
        PQclear(PQexec(q->conn, "ROLLBACK"));
    /* closing the connection would release it too; a failed unlock only means it is gone */
    PQclear(PQexec(q->conn, "SELECT pg_advisory_unlock(" SCHEMA_LOCK_KEY ")"));
    q->own_tx = false;
    return rc;
}

static void pg_close(struct hugi_store *s)
{
    struct pg_store *q = (struct pg_store *)s;
    /* closing the connection rolls back an open transaction on the server, and frees the scan
     * lock */
    PQfinish(q->conn);
    free(q->known_source);
    free(q->known_product);
    free(q->lock_who);
    if (q->uri)
        memset(q->uri, 0, strlen(q->uri)); /* it holds the password */
    free(q->uri);
    free(s->path);
    free(q);
}

hugi_rc hugi_store_pg_open(struct hugi_store **out, const char *uri,
                           const struct hugi_store_opts *opts, struct hugi_err *err)
{
    *out = NULL;
    struct pg_store *q = calloc(1, sizeof *q);
    if (!q)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    q->base.ops = &pg_ops;
    q->base.path = redact_uri(uri);
    q->uri = hugi_strdup(uri);
    if (!q->base.path || !q->uri) {
        pg_close(&q->base);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    }
    q->busy_ms = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 10000;
    q->read_only = opts && opts->read_only;
    hugi_rc rc = open_session(q, 10, err);
    if (!rc)
        rc = migrate(q, q->read_only, err);
    if (rc) {
        pg_close(&q->base);
        return rc;
    }
    *out = &q->base;
    return HUGI_OK;
}

/* ---- transactions ------------------------------------------------------------------------ */
static hugi_rc pg_begin(struct hugi_store *s, struct hugi_err *err)
{
    /* BEGIN is a safe point: a session lost since the last statement is opened again first */
    return exec((struct pg_store *)s, "BEGIN", err, "cannot begin a transaction");
}

static hugi_rc pg_commit(struct hugi_store *s, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    if (ready(q, err))
        return failed(err);
    /* a session ended before the COMMIT took the transaction with it (check() says so); one
     * that ends while the COMMIT is under way may have committed it or not */
    bool gone_before = session_gone(q);
    PGresult *res = PQexec(q->conn, "COMMIT");
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    /* COMMIT of a transaction that failed earlier answers "ROLLBACK" without an error: that is a
     * lost transaction, and the caller must hear of it */
    bool rolled_back = t == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(res), "ROLLBACK");
    if (t == PGRES_COMMAND_OK && !rolled_back) {
        PQclear(res);
        return HUGI_OK;
    }
    /* The transaction is over either way (a failed COMMIT ends it; a lost session took it
     * along): what it wrote is gone (or, lost during the COMMIT, not known to be stored), so are
     * the caches that said it exists. The caller still
     * thinks it is in a transaction until it rolls back; until then nothing more may run, or
     * its statements would commit one by one and a second COMMIT would "succeed". */
    forget_tx(q);
    q->tx_failed = true;
    if (rolled_back) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_STORE, s->path,
                            "cannot commit: the transaction had failed and was rolled back");
    }
    if (!gone_before && PQstatus(q->conn) != CONNECTION_OK) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_STORE, s->path,
                            "lost the connection during COMMIT: whether the server stored the "
                            "transaction is not known (doing the same work again is safe)");
    }
    if (!check(q, res, err, "cannot commit"))
        return failed(err);
    return HUGI_E_STORE; /* not reached: check() only passes a successful result */
}

static hugi_rc pg_rollback(struct hugi_store *s, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    forget_tx(q);
    q->tx_failed = false;
    /* nothing open on the server (a failed COMMIT ended it), or no session (it ended, and the
     * server rolled the transaction back) */
    if (!q->conn || PQstatus(q->conn) != CONNECTION_OK ||
        PQtransactionStatus(q->conn) == PQTRANS_IDLE)
        return HUGI_OK;
    PGresult *res = check(q, PQexec(q->conn, "ROLLBACK"), err, "cannot roll back");
    if (!res)
        return PQstatus(q->conn) != CONNECTION_OK ? HUGI_OK : failed(err);
    PQclear(res);
    return HUGI_OK;
}

/* ---- runs -------------------------------------------------------------------------------- */
static hugi_rc pg_run_start(struct hugi_store *s, const char *kind, const char *note, int64_t *id,
                            struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    char host[256];
    hugi_hostname(host, sizeof host);
    int64_t now = hugi_now();
    /* Runs of this host still "running" whose process is gone were killed: say so. Other hosts'
     * runs are theirs to judge. */
    struct params p = {0};
    p_str(&p, host);
    PGresult *res = run(q, ST_RUN_STALE, &p, err, "cannot read the run log");
    if (!res)
        return failed(err);
    hugi_rc rc = HUGI_OK;
    for (int i = 0; !rc && i < PQntuples(res); i++) {
        pid_t pid = (pid_t)col_int(res, i, 1);
        if (pid > 0 && !(kill(pid, 0) != 0 && errno == ESRCH))
            continue;
        struct params u = {0};
        p_int(&u, col_int(res, i, 0));
        p_int(&u, now);
        rc = run_done(q, ST_RUN_INTERRUPT, &u, err, "cannot update the run log");
    }
    PQclear(res);
    if (rc)
        return rc;
    p = (struct params){0};
    p_str(&p, kind ? kind : "run");
    p_str(&p, note);
    p_int(&p, (int64_t)getpid());
    p_str(&p, host);
    p_int(&p, now);
    res = run(q, ST_RUN_START, &p, err, "cannot record the run");
    if (!res)
        return failed(err);
    *id = col_int(res, 0, 0);
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc pg_run_finish(struct hugi_store *s, int64_t id, const char *status,
                             const struct hugi_store_counts *c, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    p_int(&p, id);
    p_str(&p, status ? status : "ok");
    p_int(&p, hugi_now());
    if (c) {
        long v[] = {c->read,     c->added,  c->edited, c->unchanged,
                    c->rejected, c->scored, c->alerts, c->failed};
        for (int i = 0; i < 8; i++)
            p_int(&p, v[i]);
    }
    PGresult *res = run(q, c ? ST_RUN_FINISH : ST_RUN_FINISH_STATUS, &p, err,
                        "cannot record the end of the run");
    if (!res)
        return failed(err);
    long n = changes(res);
    PQclear(res);
    if (n == 0)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no run %lld", (long long)id);
    return HUGI_OK;
}

static hugi_rc pg_runs_each(struct hugi_store *s, long limit, hugi_store_run_cb cb, void *ctx,
                            struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    if (limit > 0)
        p_int(&p, limit);
    else
        p_str(&p, NULL); /* LIMIT NULL: all */
    PGresult *res = run(q, ST_RUNS, &p, err, "cannot list runs");
    if (!res)
        return failed(err);
    for (int i = 0; i < PQntuples(res); i++) {
        struct hugi_store_run r = {
            .id = col_int(res, i, 0),
            .kind = col_str(res, i, 1),
            .status = col_str(res, i, 2),
            .note = col_str(res, i, 3),
            .started = col_time(res, i, 4),
            .finished = col_time(res, i, 5),
        };
        long *c[] = {&r.counts.read,     &r.counts.added,  &r.counts.edited, &r.counts.unchanged,
                     &r.counts.rejected, &r.counts.scored, &r.counts.alerts, &r.counts.failed};
        for (int j = 0; j < 8; j++)
            *c[j] = (long)col_int(res, i, 6 + j);
        if (cb(&r, ctx))
            break;
    }
    PQclear(res);
    return HUGI_OK;
}

/* ---- sources and products ---------------------------------------------------------------- */
static hugi_rc ensure_row(struct pg_store *q, enum stmt_id id, char **known, const char *name,
                          struct hugi_err *err)
{
    if (!name || (*known && !strcmp(*known, name)))
        return HUGI_OK;
    struct params p = {0};
    p_str(&p, name);
    p_int(&p, hugi_now());
    hugi_rc rc = run_done(q, id, &p, err, "cannot add a source or product");
    if (rc)
        return rc;
    free(*known);
    *known = hugi_strdup(name);
    return HUGI_OK; /* a failed strdup only costs a statement next time */
}

static hugi_rc pg_source_put(struct hugi_store *s, const char *name, const char *preset,
                             const char *url, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, name);
    p_str(&p, preset);
    p_str(&p, url);
    p_int(&p, hugi_now());
    return run_done((struct pg_store *)s, ST_SOURCE_PUT, &p, err, "cannot record the source");
}

static hugi_rc pg_product_put(struct hugi_store *s, const char *id, const char *name,
                              struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, id);
    p_str(&p, name);
    p_int(&p, hugi_now());
    return run_done((struct pg_store *)s, ST_PRODUCT_PUT, &p, err, "cannot record the product");
}

static hugi_rc pg_product_name(struct hugi_store *s, const char *id, char **name,
                               struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, id);
    PGresult *res = run((struct pg_store *)s, ST_PRODUCT_NAME, &p, err, "cannot read the product");
    if (!res)
        return failed(err);
    hugi_rc rc = HUGI_OK;
    if (PQntuples(res) == 1 && col_str(res, 0, 0)) {
        *name = hugi_strdup(col_str(res, 0, 0));
        if (!*name)
            rc = HUGI_E_NOMEM;
    }
    PQclear(res);
    return rc;
}

/* ---- reviews ----------------------------------------------------------------------------- */

/* The same content hash as sqlite.c's (see there), so both backends store the same value. */
static int64_t content_hash(const struct hugi_review *r)
{
    const char *t = r->text ? r->text : "";
    uint64_t h = hugi_hash64(t, strlen(t), HUGI_HASH_SEED);
    int64_t rating = isfinite(r->rating) ? (int64_t)llround(r->rating * 1000) : -1;
    h = hugi_hash64(&rating, sizeof rating, h);
    return (int64_t)(h >> 1);
}

/* Appends the content parameters of a review, author to run_id, in the order REVIEW_INSERT and
 * REVIEW_NEWVERSION share. */
static void p_review_content(struct params *p, const struct hugi_review *r, const char *text,
                             int64_t hash, int64_t now, int64_t run_id)
{
    p_str(p, r->author);
    p_num(p, r->rating);
    p_time(p, r->date);
    p_str(p, r->date_raw);
    p_str(p, r->lang);
    p_str(p, r->title);
    p_str(p, text);
    p_str(p, r->url);
    p_str(p, r->parent_id);
    p_likes(p, r->likes);
    p_time(p, r->fetched_at);
    p_int(p, hash);
    p_int(p, now);
    p_id(p, run_id);
}

/* Tries to insert r as a new review: *inserted says whether it was (false: it exists). */
static hugi_rc review_insert(struct pg_store *q, const struct hugi_review *r, const char *product,
                             const char *text, int64_t h, int64_t now, int64_t run_id,
                             bool *inserted, int64_t *key, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, r->source);
    p_str(&p, r->id);
    p_str(&p, product);
    p_review_content(&p, r, text, h, now, run_id);
    PGresult *res = run(q, ST_REVIEW_INSERT, &p, err, "cannot store the review");
    if (!res)
        return failed(err);
    *inserted = PQntuples(res) == 1;
    if (*inserted)
        *key = col_int(res, 0, 0);
    PQclear(res);
    return HUGI_OK;
}

/* The parameters of REVIEW_SEEN for r. */
static void p_review_seen(struct params *p, const struct hugi_review *r, int64_t now)
{
    p_str(p, r->source);
    p_str(p, r->id);
    p_int(p, now);
    p_likes(p, r->likes);
    p_str(p, r->url);
    p_time(p, r->fetched_at);
    p_str(p, r->lang);
    p_str(p, r->product && *r->product ? r->product : NULL);
    p_str(p, r->text ? r->text : "");
    p_num(p, r->rating);
}

/* Edited (the product, when it was unknown, comes with the new version's COALESCE): the
 * current version of review k moves to the history, r's content becomes current. */
static hugi_rc review_edit(struct pg_store *q, const struct hugi_review *r, int64_t k, int64_t now,
                           int64_t run_id, struct hugi_err *err)
{
    struct params p = {0};
    p_int(&p, k);
    hugi_rc rc = run_done(q, ST_VERSION_SAVE, &p, err, "cannot keep the previous version");
    if (rc)
        return rc;
    p = (struct params){0};
    p_int(&p, k);
    p_str(&p, r->product && *r->product ? r->product : NULL);
    p_review_content(&p, r, r->text ? r->text : "", content_hash(r), now, run_id);
    return run_done(q, ST_REVIEW_NEWVERSION, &p, err, "cannot store the new version");
}

static hugi_rc pg_review_put(struct hugi_store *s, const struct hugi_review *r, int64_t run_id,
                             enum hugi_store_put_result *result, int64_t *key, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    hugi_rc rc = ensure_row(q, ST_SOURCE_ADD, &q->known_source, r->source, err);
    if (!rc && r->product && *r->product)
        rc = ensure_row(q, ST_PRODUCT_ADD, &q->known_product, r->product, err);
    if (rc)
        return rc;
    const char *product = r->product && *r->product ? r->product : NULL;
    const char *text = r->text ? r->text : "";
    int64_t now = hugi_now();
    int64_t h = content_hash(r);

    /* As in sqlite.c: after a new review try the INSERT first (a first import), else look up
     * first (a rescan). The INSERT is ON CONFLICT DO NOTHING, so a review another worker stored
     * meanwhile is found by the second lookup. */
    int64_t k = 0;
    bool found = false, same = false;
    for (int attempt = 0; attempt < 2 && !found; attempt++) {
        if (!(attempt == 0 && q->last_new)) {
            struct params p = {0};
            p_review_seen(&p, r, now);
            PGresult *res = run(q, ST_REVIEW_SEEN, &p, err, "cannot update the review");
            if (!res)
                return failed(err);
            if (PQntuples(res) == 1) {
                found = true;
                k = col_int(res, 0, 0);
                same = !strcmp(PQgetvalue(res, 0, 1), "t");
            }
            PQclear(res);
            if (found || attempt == 1)
                break;
        }
        bool inserted = false;
        int64_t nk = 0;
        rc = review_insert(q, r, product, text, h, now, run_id, &inserted, &nk, err);
        if (rc)
            return rc;
        if (inserted) {
            q->last_new = true;
            if (result)
                *result = HUGI_STORE_NEW;
            if (key)
                *key = nk;
            return HUGI_OK;
        }
    }
    if (!found)
        return hugi_err_set(err, HUGI_E_STORE, s->path, "review '%s' vanished during the upsert",
                            r->id);
    q->last_new = false;
    if (key)
        *key = k;
    if (same) {
        if (result)
            *result = HUGI_STORE_UNCHANGED;
        return HUGI_OK;
    }
    rc = review_edit(q, r, k, now, run_id, err);
    if (!rc && result)
        *result = HUGI_STORE_EDITED;
    return rc;
}

/* ---- many reviews at once: a pipeline ------------------------------------------------------
 * One statement per review still, but sent together and answered together: one round trip for
 * a chunk instead of one a review, which is most of an import's time on a server. Each review's
 * first statement is the one review_put would try first (INSERT after new reviews, the lookup
 * after known ones); a review whose first statement does not settle it (an INSERT that met an
 * existing row, a lookup that found none or found an edit) is finished afterwards, in order, by
 * the one-at-a-time path. A chunk never holds one (source, id) twice, so no review's statement
 * can depend on another's in the same chunk. */
#define PIPE_MAX 256

/* How many of rs[0..n) (n <= PIPE_MAX) form a chunk: up to the first repeated (source, id). */
static size_t chunk_len(const struct hugi_review *rs, size_t n)
{
    enum { SLOTS = 2 * PIPE_MAX };
    int slot[SLOTS];
    memset(slot, -1, sizeof slot);
    for (size_t i = 0; i < n; i++) {
        uint64_t h = hugi_hash64(rs[i].id, strlen(rs[i].id),
                                 hugi_hash64(rs[i].source, strlen(rs[i].source), HUGI_HASH_SEED));
        size_t k = (size_t)(h % SLOTS);
        for (; slot[k] >= 0; k = (k + 1) % SLOTS) {
            const struct hugi_review *o = &rs[slot[k]];
            if (!strcmp(o->id, rs[i].id) && !strcmp(o->source, rs[i].source))
                return i;
        }
        slot[k] = (int)i;
    }
    return n;
}

/* What a review's pipelined statement left to do. */
enum pipe_todo { PIPE_DONE, PIPE_AGAIN, PIPE_EDIT };

/* Reads what the pipeline answers after `sent` statements and its sync. The first failure
 * sets err and *bad; the later statements were skipped by the server (and the transaction is
 * aborted: the caller rolls back). */
static hugi_rc pipe_read(struct pg_store *q, size_t nhead, size_t sent, bool insert_first,
                         enum hugi_store_put_result *results, int64_t *keys, unsigned char *todo,
                         size_t *bad, size_t *nnew, struct hugi_err *err)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < sent; i++) {
        /* the leading sources and products are the first review's concern */
        size_t k = i < nhead ? 0 : i - nhead;
        PGresult *res = PQgetResult(q->conn);
        if (!res) {
            if (!rc) {
                check(q, NULL, err, "cannot store the review");
                rc = failed(err);
                *bad = k;
            }
            if (PQstatus(q->conn) != CONNECTION_OK)
                return rc;
            continue;
        }
        ExecStatusType t = PQresultStatus(res);
        if (i < nhead && t == PGRES_COMMAND_OK) {
            PQclear(res);
        } else if (i >= nhead && t == PGRES_TUPLES_OK && !rc) {
            bool one = PQntuples(res) == 1;
            todo[k] = PIPE_AGAIN;
            if (one && insert_first) {
                todo[k] = PIPE_DONE;
                results[k] = HUGI_STORE_NEW;
                keys[k] = col_int(res, 0, 0);
                (*nnew)++;
            } else if (one) {
                keys[k] = col_int(res, 0, 0);
                bool same = !strcmp(PQgetvalue(res, 0, 1), "t");
                todo[k] = same ? PIPE_DONE : PIPE_EDIT;
                results[k] = HUGI_STORE_UNCHANGED;
            }
            PQclear(res);
        } else if (t != PGRES_PIPELINE_ABORTED && !rc) {
            if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) {
                /* not the answer the statement gives: the pipeline is out of step */
                PQclear(res);
                hugi_err_set(err, HUGI_E_STORE, q->base.path,
                             "cannot store the review: unexpected answer from the server");
            } else {
                check(q, res, err, "cannot store the review"); /* clears res */
            }
            rc = failed(err);
            *bad = k;
        } else {
            PQclear(res);
        }
        /* each statement's results end with a NULL */
        PQclear(PQgetResult(q->conn));
    }
    PGresult *res = PQgetResult(q->conn);
    bool synced = res && PQresultStatus(res) == PGRES_PIPELINE_SYNC;
    PQclear(res);
    if (!synced && !rc) {
        check(q, NULL, err, "cannot store the review");
        rc = failed(err);
        *bad = 0;
    }
    return rc;
}

/* One chunk (see above) inside the caller's transaction. */
static hugi_rc put_chunk(struct pg_store *q, const struct hugi_review *rs, size_t n, int64_t run_id,
                         enum hugi_store_put_result *results, int64_t *keys, size_t *bad,
                         struct hugi_err *err)
{
    *bad = 0;
    /* the sources and products the reviews refer to lead the pipeline (each once; none when
     * the chunk has the last review's), so the reviews' rows find them */
    struct head {
        enum stmt_id id;
        const char *name;
    } head[2 * PIPE_MAX];
    size_t nhead = 0;
    for (size_t k = 0; k < 2 * n; k++) {
        const char *nm = k % 2 ? rs[k / 2].product : rs[k / 2].source;
        const char *known = k % 2 ? q->known_product : q->known_source;
        enum stmt_id id = k % 2 ? ST_PRODUCT_ADD : ST_SOURCE_ADD;
        if (!nm || !*nm || (known && !strcmp(known, nm)))
            continue;
        size_t i = 0;
        while (i < nhead && !(head[i].id == id && !strcmp(head[i].name, nm)))
            i++;
        if (i == nhead)
            head[nhead++] = (struct head){id, nm};
    }
    bool insert_first = q->last_new;
    enum stmt_id sid = insert_first ? ST_REVIEW_INSERT : ST_REVIEW_SEEN;
    hugi_rc rc = ready(q, err);
    if (!rc)
        rc = prepare(q, sid, err, "cannot store the review");
    for (size_t i = 0; i < nhead && !rc; i++)
        rc = prepare(q, head[i].id, err, "cannot add a source or product");
    if (rc)
        return rc;
    if (!PQenterPipelineMode(q->conn))
        return pgerr(q, NULL, err, "cannot store the reviews");
    char name[16];
    int64_t now = hugi_now();
    size_t sent = 0;
    for (; sent < nhead; sent++) {
        struct params p = {0};
        p_str(&p, head[sent].name);
        p_int(&p, now);
        snprintf(name, sizeof name, "hugi%d", (int)head[sent].id);
        if (!PQsendQueryPrepared(q->conn, name, p.n, p.v, NULL, NULL, 0))
            break;
    }
    snprintf(name, sizeof name, "hugi%d", (int)sid);
    for (; sent >= nhead && sent < nhead + n; sent++) {
        const struct hugi_review *r = &rs[sent - nhead];
        struct params p = {0};
        if (insert_first) {
            p_str(&p, r->source);
            p_str(&p, r->id);
            p_str(&p, r->product && *r->product ? r->product : NULL);
            p_review_content(&p, r, r->text ? r->text : "", content_hash(r), now, run_id);
        } else {
            p_review_seen(&p, r, now);
        }
        if (!PQsendQueryPrepared(q->conn, name, p.n, p.v, NULL, NULL, 0))
            break;
    }
    /* the sync goes out even when a statement could not be queued: the server holds back its
     * answers to what was sent until one comes, and pipe_read() would wait for them for ever */
    bool synced = PQpipelineSync(q->conn) == 1;
    hugi_rc srv = HUGI_OK;
    if (sent < nhead + n || !synced) {
        srv = pgerr(q, NULL, err, "cannot store the reviews");
        /* the first review not sent (all were, when only the sync failed: the last) */
        *bad = sent > nhead ? (sent - nhead < n ? sent - nhead : n - 1) : 0;
    }
    unsigned char todo[PIPE_MAX];
    size_t nnew = 0, rbad = 0;
    /* what was sent is answered (or the session is gone) even when the sending failed */
    rc = synced && PQstatus(q->conn) == CONNECTION_OK
             ? pipe_read(q, nhead, sent, insert_first, results, keys, todo, &rbad, &nnew, err)
             : HUGI_OK;
    if (!PQexitPipelineMode(q->conn) && !rc && !srv)
        srv = pgerr(q, NULL, err, "cannot store the reviews");
    if (rc) {
        *bad = rbad;
        return rc;
    }
    if (srv)
        return srv;
    /* what the first statements left, in order, one at a time */
    for (size_t k = 0; k < n; k++) {
        *bad = k;
        if (todo[k] == PIPE_AGAIN) {
            q->last_new = !insert_first; /* the other statement first */
            rc = pg_review_put(&q->base, &rs[k], run_id, &results[k], &keys[k], err);
        } else if (todo[k] == PIPE_EDIT) {
            rc = review_edit(q, &rs[k], keys[k], now, run_id, err);
            results[k] = HUGI_STORE_EDITED;
        }
        if (rc)
            return rc;
    }
    nnew = 0;
    for (size_t k = 0; k < n; k++)
        nnew += results[k] == HUGI_STORE_NEW;
    q->last_new = nnew * 2 > n; /* the next chunk starts with what most of this one needed */
    /* as ensure_row() leaves them: the last review's source and product are known to exist */
    const char *last[2] = {rs[n - 1].source, rs[n - 1].product};
    char **known[2] = {&q->known_source, &q->known_product};
    for (int i = 0; i < 2; i++) {
        if (last[i] && *last[i] && (!*known[i] || strcmp(*known[i], last[i]))) {
            free(*known[i]);
            *known[i] = hugi_strdup(last[i]); /* a failed strdup costs a statement next time */
        }
    }
    return HUGI_OK;
}

static hugi_rc pg_reviews_put(struct hugi_store *s, const struct hugi_review *rs, size_t n,
                              int64_t run_id, enum hugi_store_put_result *results, int64_t *keys,
                              size_t *failed_at, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    /* outside a transaction each review commits on its own, as review_put does: the pipeline
     * would make its reviews one implicit transaction */
    for (size_t i = 0; !s->in_tx && i < n; i++) {
        hugi_rc rc = pg_review_put(s, &rs[i], run_id, &results[i], &keys[i], err);
        if (rc) {
            *failed_at = i;
            return rc;
        }
    }
    for (size_t i = 0; s->in_tx && i < n;) {
        size_t m = chunk_len(rs + i, n - i < PIPE_MAX ? n - i : PIPE_MAX);
        size_t bad = 0;
        hugi_rc rc = put_chunk(q, rs + i, m, run_id, results + i, keys + i, &bad, err);
        if (rc) {
            *failed_at = i + bad;
            return rc;
        }
        i += m;
    }
    return HUGI_OK;
}

static hugi_rc pg_review_known(struct hugi_store *s, const char *source, const char *id,
                               bool *known, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, source);
    p_str(&p, id);
    PGresult *res =
        run((struct pg_store *)s, ST_REVIEW_KNOWN, &p, err, "cannot look the review up");
    if (!res)
        return failed(err);
    *known = PQntuples(res) > 0;
    PQclear(res);
    return HUGI_OK;
}

/* Reads the versioned columns, author to run_id, in the order REVIEW_COLS and VERSIONS share,
 * starting at column i of row `row`, into a borrowed record. */
static void read_version_cols(const PGresult *res, int row, int i, struct hugi_stored_review *o)
{
    struct hugi_review *r = &o->review;
    r->author = col_str(res, row, i);
    r->rating = col_num(res, row, i + 1);
    r->date = col_time(res, row, i + 2);
    r->date_raw = col_str(res, row, i + 3);
    r->lang = col_str(res, row, i + 4);
    r->title = col_str(res, row, i + 5);
    r->text = col_str(res, row, i + 6);
    r->url = col_str(res, row, i + 7);
    r->parent_id = col_str(res, row, i + 8);
    r->likes = col_likes(res, row, i + 9);
    r->fetched_at = col_time(res, row, i + 10);
    o->first_seen = col_time(res, row, i + 11);
    o->last_seen = col_time(res, row, i + 12);
    o->run_id = col_int(res, row, i + 13);
}

/* Fills a borrowed record from a row of REVIEW_COLS. */
static void read_review_row(const PGresult *res, int row, struct hugi_stored_review *o)
{
    struct hugi_review *r = &o->review;
    hugi_review_init(r);
    o->key = col_int(res, row, 0);
    r->source = col_str(res, row, 1);
    r->id = col_str(res, row, 2);
    r->product = col_str(res, row, 3);
    o->version = (int)col_int(res, row, 4);
    o->edited = o->version > 1;
    read_version_cols(res, row, 5, o);
    o->scored = !PQgetisnull(res, row, 19);
    o->score = col_num(res, row, 19);
    o->label = col_str(res, row, 20);
    o->verdict = col_str(res, row, 21);
    o->severity = col_str(res, row, 22);
    o->categories_json = col_str(res, row, 23);
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

static hugi_rc pg_review_get(struct hugi_store *s, const char *source, const char *id,
                             struct hugi_stored_review *out, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, source);
    p_str(&p, id);
    PGresult *res = run((struct pg_store *)s, ST_REVIEW_GET, &p, err, "cannot read the review");
    if (!res)
        return failed(err);
    if (PQntuples(res) != 1) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no review '%s' from '%s'", id, source);
    }
    read_review_row(res, 0, out);
    hugi_rc rc = own_stored_review(out);
    PQclear(res);
    if (rc)
        hugi_err_set(err, rc, s->path, "out of memory");
    return rc;
}

/* One optional condition of a list query: a constant fragment naming its parameter as "$%d",
 * numbered when the query is assembled (PostgreSQL wants every $n it sees to be used). */
struct cond {
    bool on;
    const char *sql;  /* " AND ...", with one %d for its parameter, or none */
    bool param;       /* whether it takes one */
    const char *text; /* the value: this text when set, else num */
    int64_t num;
};

/* Appends the conditions in use to sql and their values to p. */
static hugi_rc add_conds(struct hugi_buf *sql, struct params *p, const struct cond *c, size_t n)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!c[i].on)
            continue;
        if (!c[i].param) {
            rc = hugi_buf_addstr(sql, c[i].sql);
            continue;
        }
        rc = hugi_buf_addf(sql, c[i].sql, p->n + 1);
        if (c[i].text)
            p_str(p, c[i].text);
        else
            p_int(p, c[i].num);
    }
    return rc;
}

/* Reviews are read a page at a time by key: the callback may write on this connection (the
 * scorer stores each score as it goes, committing every few rows), which a result still being
 * read would forbid, and a page keeps memory bounded however large the store. */
#define REVIEW_PAGE 256

static hugi_rc pg_reviews_each(struct hugi_store *s, const struct hugi_store_review_filter *f,
                               hugi_store_review_cb cb, void *ctx, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    const struct cond c[] = {
        {f->product != NULL, " AND r.product = $%d", true, f->product, 0},
        {f->source != NULL, " AND r.source = $%d", true, f->source, 0},
        {f->since != HUGI_NO_TIME, " AND COALESCE(r.date, r.first_seen) >= $%d", true, NULL,
         f->since},
        {f->until != HUGI_NO_TIME, " AND COALESCE(r.date, r.first_seen) < $%d", true, NULL,
         f->until},
        {f->only_unscored, " AND s.key IS NULL", false, NULL, 0},
        {f->run_id > 0, " AND r.run_id = $%d", true, NULL, f->run_id},
    };
    struct hugi_buf sql;
    hugi_buf_init(&sql, 0);
    struct params base = {0};
    hugi_buf_addstr(&sql, "SELECT " REVIEW_COLS " FROM reviews r LEFT JOIN scores s "
                          "ON s.key = r.key AND s.version = r.version WHERE true");
    hugi_rc rc = add_conds(&sql, &base, c, sizeof c / sizeof c[0]);
    if (!rc)
        rc = hugi_buf_addf(&sql, " AND r.key > $%d ORDER BY r.key LIMIT $%d", base.n + 1,
                           base.n + 2);
    if (rc) {
        hugi_buf_release(&sql);
        return hugi_err_set(err, rc, s->path, "out of memory");
    }
    int64_t last = 0;
    long left = f->limit > 0 ? f->limit : -1;
    bool stop = false;
    while (!stop && left != 0) {
        struct params p = base; /* the filter's values; base's number texts stay put */
        p_int(&p, last);
        p_int(&p, left > 0 && left < REVIEW_PAGE ? left : REVIEW_PAGE);
        PGresult *res = run_text(q, sql.data, &p, err, "cannot list reviews");
        if (!res) {
            rc = failed(err);
            break;
        }
        int n = PQntuples(res);
        for (int i = 0; i < n && !stop; i++) {
            struct hugi_stored_review row;
            read_review_row(res, i, &row);
            last = row.key;
            if (left > 0)
                left--;
            if (cb(&row, ctx))
                stop = true;
        }
        PQclear(res);
        if (n < REVIEW_PAGE)
            break;
    }
    hugi_buf_release(&sql);
    return rc;
}

static hugi_rc pg_review_versions_each(struct hugi_store *s, int64_t key, hugi_store_review_cb cb,
                                       void *ctx, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    p_int(&p, key);
    PGresult *cur = run(q, ST_CURRENT_BY_KEY, &p, err, "cannot read the review");
    if (!cur)
        return failed(err);
    if (PQntuples(cur) != 1) {
        PQclear(cur);
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no review with key %lld",
                            (long long)key);
    }
    struct hugi_stored_review now;
    read_review_row(cur, 0, &now);
    PGresult *res = run(q, ST_VERSIONS, &p, err, "cannot read the review's history");
    if (!res) {
        PQclear(cur);
        return failed(err);
    }
    bool stop = false;
    for (int i = 0; i < PQntuples(res) && !stop; i++) {
        struct hugi_stored_review v;
        memset(&v, 0, sizeof v);
        hugi_review_init(&v.review);
        v.key = key;
        v.review.source = now.review.source;
        v.review.id = now.review.id;
        v.review.product = now.review.product;
        v.version = (int)col_int(res, i, 1);
        v.edited = v.version > 1;
        read_version_cols(res, i, 2, &v);
        v.score = NAN;
        stop = cb(&v, ctx) != 0;
    }
    PQclear(res);
    if (!stop)
        cb(&now, ctx);
    PQclear(cur);
    return HUGI_OK;
}

/* ---- scores ------------------------------------------------------------------------------ */
static hugi_rc pg_score_put(struct hugi_store *s, int64_t key, int version,
                            const struct hugi_store_score *sc, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    p_int(&p, key);
    p_int(&p, version);
    PGresult *res = run(q, ST_VERSION_EXISTS, &p, err, "cannot look the review up");
    if (!res)
        return failed(err);
    int n = PQntuples(res);
    PQclear(res);
    if (n == 0)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no version %d of review %lld", version,
                            (long long)key);
    p_num(&p, isfinite(sc->score) ? sc->score : 0.0);
    p_str(&p, sc->label);
    p_str(&p, sc->verdict);
    p_str(&p, sc->lang);
    p_str(&p, sc->severity);
    p_str(&p, sc->evidence_json);
    p_str(&p, sc->categories_json);
    p_str(&p, sc->model);
    p_int(&p, hugi_now());
    return run_done(q, ST_SCORE_PUT, &p, err, "cannot store the score");
}

static hugi_rc pg_score_get(struct hugi_store *s, int64_t key, int version,
                            struct hugi_stored_review *out, struct hugi_err *err)
{
    struct params p = {0};
    p_int(&p, key);
    p_int(&p, version);
    PGresult *res = run((struct pg_store *)s, ST_SCORE_GET, &p, err, "cannot read the score");
    if (!res)
        return failed(err);
    hugi_rc rc = HUGI_OK;
    out->scored = false;
    out->score = NAN;
    out->label = out->verdict = out->severity = out->categories_json = NULL;
    if (PQntuples(res) == 1) {
        out->scored = true;
        out->score = col_num(res, 0, 0);
        out->label = col_str(res, 0, 1);
        out->verdict = col_str(res, 0, 2);
        out->severity = col_str(res, 0, 3);
        out->categories_json = col_str(res, 0, 4);
        char **const f[] = {&out->label, &out->verdict, &out->severity, &out->categories_json};
        rc = dup_strs(f, 4);
    }
    PQclear(res);
    return rc;
}

/* ---- alerts ------------------------------------------------------------------------------ */
static void read_alert_row(const PGresult *res, int i, struct hugi_store_alert *a)
{
    a->id = col_str(res, i, 0);
    a->kind = col_str(res, i, 1);
    a->severity = col_str(res, i, 2);
    a->product = col_str(res, i, 3);
    a->source = col_str(res, i, 4);
    a->review_id = col_str(res, i, 5);
    a->review_key = col_int(res, i, 6);
    a->review_version = (int)col_int(res, i, 7);
    a->score = col_num(res, i, 8);
    a->categories_json = col_str(res, i, 9);
    a->evidence_json = col_str(res, i, 10);
    a->summary = col_str(res, i, 11);
    a->reply = col_str(res, i, 12);
    a->channel = col_str(res, i, 13);
    a->data_json = col_str(res, i, 14);
    a->due = col_time(res, i, 15);
    a->status = col_str(res, i, 16);
    a->created_at = col_time(res, i, 17);
    a->acked_at = col_time(res, i, 18);
    a->acked_by = col_str(res, i, 19);
    a->note = col_str(res, i, 20);
    a->run_id = col_int(res, i, 21);
}

static hugi_rc pg_alert_put(struct hugi_store *s, const struct hugi_store_alert *a, bool *inserted,
                            struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, a->id);
    p_str(&p, a->kind);
    p_str(&p, a->severity);
    p_str(&p, a->product);
    p_str(&p, a->source);
    p_str(&p, a->review_id);
    p_id(&p, a->review_key);
    p_id(&p, a->review_version);
    p_num(&p, a->score);
    p_str(&p, a->categories_json);
    p_str(&p, a->evidence_json);
    p_str(&p, a->summary);
    p_str(&p, a->reply);
    p_str(&p, a->channel);
    p_str(&p, a->data_json);
    p_time(&p, a->due);
    p_str(&p, a->status ? a->status : "open");
    p_time_or_now(&p, a->created_at);
    p_time(&p, a->acked_at);
    p_str(&p, a->acked_by);
    p_str(&p, a->note);
    p_id(&p, a->run_id);
    PGresult *res = run((struct pg_store *)s, ST_ALERT_PUT, &p, err, "cannot store the alert");
    if (!res)
        return failed(err);
    if (inserted)
        *inserted = changes(res) == 1;
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc pg_alert_get(struct hugi_store *s, const char *id, struct hugi_store_alert *out,
                            struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, id);
    PGresult *res = run((struct pg_store *)s, ST_ALERT_GET, &p, err, "cannot read the alert");
    if (!res)
        return failed(err);
    if (PQntuples(res) != 1) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no alert '%s'", id);
    }
    read_alert_row(res, 0, out);
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
    hugi_rc rc = dup_strs(f, sizeof f / sizeof f[0]);
    PQclear(res);
    if (rc) {
        hugi_store_alert_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc pg_alerts_each(struct hugi_store *s, const struct hugi_store_alert_filter *f,
                              hugi_store_alert_cb cb, void *ctx, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    const struct cond c[] = {
        {f->only_open, " AND status = 'open'", false, NULL, 0},
        {f->product != NULL, " AND product = $%d", true, f->product, 0},
        {f->source != NULL, " AND source = $%d", true, f->source, 0},
        {f->kind != NULL, " AND kind = $%d", true, f->kind, 0},
        {f->since != HUGI_NO_TIME, " AND created_at >= $%d", true, NULL, f->since},
        {f->run_id > 0, " AND run_id = $%d", true, NULL, f->run_id},
    };
    struct hugi_buf sql;
    hugi_buf_init(&sql, 0);
    struct params p = {0};
    hugi_buf_addstr(&sql, "SELECT " ALERT_COLS " FROM alerts WHERE true");
    hugi_rc rc = add_conds(&sql, &p, c, sizeof c / sizeof c[0]);
    if (!rc)
        rc = hugi_buf_addstr(&sql, " ORDER BY created_at, id");
    if (rc) {
        hugi_buf_release(&sql);
        return hugi_err_set(err, rc, s->path, "out of memory");
    }
    PGresult *res = run_text(q, sql.data, &p, err, "cannot list alerts");
    hugi_buf_release(&sql);
    if (!res)
        return failed(err);
    for (int i = 0; i < PQntuples(res); i++) {
        struct hugi_store_alert a;
        hugi_store_alert_init(&a);
        read_alert_row(res, i, &a);
        if (cb(&a, ctx))
            break;
    }
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc pg_alert_ack(struct hugi_store *s, const char *id, const char *by, const char *note,
                            int64_t at, bool *was_open, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    p_str(&p, id);
    PGresult *res = run(q, ST_ALERT_STATUS, &p, err, "cannot read the alert");
    if (!res)
        return failed(err);
    int n = PQntuples(res);
    PQclear(res);
    if (n == 0)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no alert '%s'", id);
    p_time_or_now(&p, at);
    p_str(&p, by);
    p_str(&p, note);
    res = run(q, ST_ALERT_ACK, &p, err, "cannot acknowledge the alert");
    if (!res)
        return failed(err);
    if (was_open)
        *was_open = changes(res) == 1;
    PQclear(res);
    return HUGI_OK;
}

/* ---- complaint groups -------------------------------------------------------------------- */
static void read_group_row(const PGresult *res, int i, struct hugi_store_group *g)
{
    g->key = col_str(res, i, 0);
    g->product = col_str(res, i, 1);
    g->kind = col_str(res, i, 2);
    g->category = col_str(res, i, 3);
    g->phrase = col_str(res, i, 4);
    g->window_start = col_time(res, i, 5);
    g->window_end = col_time(res, i, 6);
    g->count = (long)col_int(res, i, 7);
    g->total = (long)col_int(res, i, 8);
    g->baseline = col_num(res, i, 9);
    g->stat = col_num(res, i, 10);
    g->examples_json = col_str(res, i, 11);
    g->first_raised = col_time(res, i, 12);
    g->last_raised = col_time(res, i, 13);
    g->cooldown_until = col_time(res, i, 14);
    g->run_id = col_int(res, i, 15);
    g->severity = col_str(res, i, 16);
}

/* The members as a PostgreSQL array literal of integers ("{1,2,3}"), one parameter for all. */
static hugi_rc members_literal(const int64_t *members, size_t n, struct hugi_buf *b)
{
    hugi_rc rc = hugi_buf_addc(b, '{');
    for (size_t i = 0; i < n && !rc; i++)
        rc = hugi_buf_addf(b, i ? ",%" PRId64 : "%" PRId64, members[i]);
    if (!rc)
        rc = hugi_buf_addc(b, '}');
    return rc;
}

static hugi_rc group_write(struct pg_store *q, const struct hugi_store_group *g, int64_t first,
                           int64_t now, const int64_t *members, size_t n, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, g->key);
    p_str(&p, g->product);
    p_str(&p, g->kind);
    p_str(&p, g->category);
    p_str(&p, g->phrase);
    p_time(&p, g->window_start);
    p_time(&p, g->window_end);
    p_int(&p, g->count);
    p_int(&p, g->total);
    p_num(&p, g->baseline);
    p_num(&p, g->stat);
    p_str(&p, g->examples_json);
    p_int(&p, first);
    p_int(&p, g->last_raised != HUGI_NO_TIME ? g->last_raised : now);
    p_time(&p, g->cooldown_until);
    p_id(&p, g->run_id);
    p_str(&p, g->severity);
    hugi_rc rc = run_done(q, ST_GROUP_PUT, &p, err, "cannot store the complaint group");
    if (rc)
        return rc;
    p = (struct params){0};
    p_str(&p, g->key);
    rc = run_done(q, ST_MEMBERS_CLEAR, &p, err, "cannot store the complaint group");
    if (rc || n == 0)
        return rc;
    struct hugi_buf arr;
    hugi_buf_init(&arr, 0);
    rc = members_literal(members, n, &arr);
    if (rc) {
        hugi_buf_release(&arr);
        return hugi_err_set(err, rc, q->base.path, "out of memory");
    }
    p_str(&p, arr.data);
    rc = run_done(q, ST_MEMBERS_ADD, &p, err, "cannot store a complaint group member");
    hugi_buf_release(&arr);
    return rc;
}

static hugi_rc pg_group_put(struct hugi_store *s, const struct hugi_store_group *g,
                            const int64_t *members, size_t n, bool *is_new, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    int64_t now = hugi_now();
    struct params p = {0};
    p_str(&p, g->key);
    PGresult *res = run(q, ST_GROUP_FIND, &p, err, "cannot read the complaint group");
    if (!res)
        return failed(err);
    bool found = PQntuples(res) == 1;
    int64_t first = found ? col_time(res, 0, 0) : HUGI_NO_TIME;
    PQclear(res);
    if (is_new)
        *is_new = !found;
    if (first == HUGI_NO_TIME)
        first = g->first_raised != HUGI_NO_TIME ? g->first_raised : now;
    /* members are replaced as a whole, so a failure must leave the old set: a savepoint inside
     * the caller's transaction, a transaction of its own outside one (PostgreSQL has no
     * savepoint outside a transaction block) */
    bool nested = s->in_tx;
    hugi_rc rc =
        exec(q, nested ? "SAVEPOINT group_put" : "BEGIN", err, "cannot store the complaint group");
    if (rc)
        return rc;
    q->own_tx = !nested;
    rc = group_write(q, g, first, now, members, n, err);
    if (rc) {
        if (q->conn && PQstatus(q->conn) == CONNECTION_OK)
            PQclear(
                PQexec(q->conn, nested ? "ROLLBACK TO group_put; RELEASE group_put" : "ROLLBACK"));
        q->own_tx = false;
        return rc;
    }
    rc = exec(q, nested ? "RELEASE group_put" : "COMMIT", err, "cannot store the complaint group");
    q->own_tx = false;
    return rc;
}

static hugi_rc pg_group_get(struct hugi_store *s, const char *key, struct hugi_store_group *out,
                            struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, key);
    PGresult *res =
        run((struct pg_store *)s, ST_GROUP_GET, &p, err, "cannot read the complaint group");
    if (!res)
        return failed(err);
    if (PQntuples(res) != 1) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->path, "no complaint group '%s'", key);
    }
    read_group_row(res, 0, out);
    char **const f[] = {&out->key,    &out->product,       &out->kind,    &out->category,
                        &out->phrase, &out->examples_json, &out->severity};
    hugi_rc rc = dup_strs(f, sizeof f / sizeof f[0]);
    PQclear(res);
    if (rc) {
        hugi_store_group_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc pg_groups_each(struct hugi_store *s, const char *product, const char *kind,
                              int64_t since, hugi_store_group_cb cb, void *ctx,
                              struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    const struct cond c[] = {
        {product != NULL, " AND product = $%d", true, product, 0},
        {kind != NULL, " AND kind = $%d", true, kind, 0},
        {since != HUGI_NO_TIME, " AND last_raised >= $%d", true, NULL, since},
    };
    struct hugi_buf sql;
    hugi_buf_init(&sql, 0);
    struct params p = {0};
    hugi_buf_addstr(&sql, "SELECT " GROUP_COLS " FROM complaint_groups WHERE true");
    hugi_rc rc = add_conds(&sql, &p, c, sizeof c / sizeof c[0]);
    if (!rc)
        rc = hugi_buf_addstr(&sql, " ORDER BY last_raised DESC, key");
    if (rc) {
        hugi_buf_release(&sql);
        return hugi_err_set(err, rc, s->path, "out of memory");
    }
    PGresult *res = run_text(q, sql.data, &p, err, "cannot list complaint groups");
    hugi_buf_release(&sql);
    if (!res)
        return failed(err);
    for (int i = 0; i < PQntuples(res); i++) {
        struct hugi_store_group g;
        hugi_store_group_init(&g);
        read_group_row(res, i, &g);
        if (cb(&g, ctx))
            break;
    }
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc pg_group_members(struct hugi_store *s, const char *key, int64_t **members, size_t *n,
                                struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, key);
    PGresult *res =
        run((struct pg_store *)s, ST_MEMBERS, &p, err, "cannot list complaint group members");
    if (!res)
        return failed(err);
    int rows = PQntuples(res);
    hugi_rc rc = HUGI_OK;
    if (rows > 0) {
        *members = malloc((size_t)rows * sizeof **members);
        if (!*members)
            rc = hugi_err_set(err, HUGI_E_NOMEM, s->path, "out of memory");
        for (int i = 0; !rc && i < rows; i++)
            (*members)[i] = col_int(res, i, 0);
        if (!rc)
            *n = (size_t)rows;
    }
    PQclear(res);
    return rc;
}

/* ---- fetch state ------------------------------------------------------------------------- */
static hugi_rc pg_fetch_state_get(struct hugi_store *s, const char *url,
                                  struct hugi_store_fetch_state *out, struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, url);
    PGresult *res = run((struct pg_store *)s, ST_FETCH_GET, &p, err, "cannot read the fetch state");
    if (!res)
        return failed(err);
    if (PQntuples(res) != 1) {
        PQclear(res);
        return hugi_err_set(err, HUGI_E_NOTFOUND, url, "no fetch state");
    }
    out->url = col_str(res, 0, 0);
    out->etag = col_str(res, 0, 1);
    out->last_modified = col_str(res, 0, 2);
    out->cursor = col_str(res, 0, 3);
    out->updated = col_time(res, 0, 4);
    char **const f[] = {&out->url, &out->etag, &out->last_modified, &out->cursor};
    hugi_rc rc = dup_strs(f, sizeof f / sizeof f[0]);
    PQclear(res);
    if (rc) {
        hugi_store_fetch_state_release(out);
        hugi_err_set(err, rc, s->path, "out of memory");
    }
    return rc;
}

static hugi_rc pg_fetch_state_put(struct hugi_store *s, const struct hugi_store_fetch_state *fs,
                                  struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, fs->url);
    p_str(&p, fs->etag);
    p_str(&p, fs->last_modified);
    p_str(&p, fs->cursor);
    p_time_or_now(&p, fs->updated);
    return run_done((struct pg_store *)s, ST_FETCH_PUT, &p, err, "cannot store the fetch state");
}

/* ---- statistics -------------------------------------------------------------------------- */
static hugi_rc pg_stats(struct hugi_store *s, const char *product, struct hugi_store_stats *o,
                        struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, product);
    PGresult *res = run((struct pg_store *)s, ST_STATS, &p, err, "cannot count");
    if (!res)
        return failed(err);
    long versions = 0;
    long *dst[] = {&o->reviews,     &versions,  &o->edited,  &o->scored,   &o->alerts,
                   &o->alerts_open, &o->groups, &o->sources, &o->products, &o->runs};
    for (int i = 0; i < 10; i++)
        *dst[i] = (long)col_int(res, 0, i);
    o->versions = o->reviews + versions; /* current versions plus the history */
    PQclear(res);
    return HUGI_OK;
}

/* ---- shared work ------------------------------------------------------------------------- */
static hugi_rc pg_work_add(struct hugi_store *s, const char *queue, const char *item,
                           struct hugi_err *err)
{
    struct params p = {0};
    p_str(&p, queue);
    p_str(&p, item);
    return run_done((struct pg_store *)s, ST_WORK_ADD, &p, err, "cannot queue the work item");
}

static hugi_rc pg_lease_next(struct hugi_store *s, const char *queue, const char *worker,
                             long lease_s, long round_s, struct hugi_store_lease *out,
                             long *pending, struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    struct params p = {0};
    p_str(&p, queue);
    p_str(&p, worker);
    p_int(&p, lease_s);
    p_int(&p, round_s);
    PGresult *res = run(q, ST_LEASE_NEXT, &p, err, "cannot lease a work item");
    if (!res)
        return failed(err);
    hugi_rc rc = HUGI_OK;
    if (PQntuples(res) == 1) {
        out->id = col_int(res, 0, 0);
        out->item = hugi_strdup(col_str(res, 0, 1));
        out->attempts = (int)col_int(res, 0, 2);
        out->taken_from = hugi_strdup(col_str(res, 0, 3));
        if (!out->item || (col_str(res, 0, 3) && !out->taken_from)) {
            hugi_store_lease_release(out);
            rc = hugi_err_set(err, HUGI_E_NOMEM, s->path, "out of memory");
        }
        PQclear(res);
        return rc;
    }
    PQclear(res);
    p.n = 1;
    res = run(q, ST_LEASE_PENDING, &p, err, "cannot count the leased work items");
    if (!res)
        return failed(err);
    *pending = (long)col_int(res, 0, 0);
    PQclear(res);
    return HUGI_OK;
}

/* Runs LEASE_RENEW or LEASE_DONE: HUGI_E_BUSY when the lease is no longer worker's. */
static hugi_rc lease_update(struct pg_store *q, enum stmt_id id_stmt, int64_t id,
                            const char *worker, long lease_s, struct hugi_err *err)
{
    struct params p = {0};
    p_int(&p, id);
    p_str(&p, worker);
    if (id_stmt == ST_LEASE_RENEW)
        p_int(&p, lease_s);
    PGresult *res = run(q, id_stmt, &p, err, "cannot update the work lease");
    if (!res)
        return failed(err);
    long n = changes(res);
    PQclear(res);
    if (n == 0)
        return hugi_err_set(err, HUGI_E_BUSY, q->base.path,
                            "lost the lease of work item %lld to another worker", (long long)id);
    return HUGI_OK;
}

static hugi_rc pg_lease_renew(struct hugi_store *s, int64_t id, const char *worker, long lease_s,
                              struct hugi_err *err)
{
    return lease_update((struct pg_store *)s, ST_LEASE_RENEW, id, worker, lease_s, err);
}

static hugi_rc pg_lease_done(struct hugi_store *s, int64_t id, const char *worker,
                             struct hugi_err *err)
{
    return lease_update((struct pg_store *)s, ST_LEASE_DONE, id, worker, 0, err);
}

/* ---- the scan lock ------------------------------------------------------------------------
 * A session-level advisory lock, so a scan killed anywhere frees it with its session. Its key is
 * this store's: the high half hugi's constant, the low half the oid of the store's hugi_schema
 * table, so stores in two schemas of one database do not lock each other out (and the two-part
 * form's keys are a space of their own: no clash with SCHEMA_LOCK_KEY). */
#define SCAN_LOCK_KEY "(" SCHEMA_LOCK_KEY "::bigint << 32 | 'hugi_schema'::regclass::oid::bigint)"

/* Tries to take the scan lock (not waiting); on success the session shows q->lock_who as its
 * application_name, which is how the others name the holder. Runs without ready(): reconnect()
 * calls it on the session it has just opened. */
static hugi_rc scan_lock_try(struct pg_store *q, enum scan_lock kind, bool *got,
                             struct hugi_err *err)
{
    const char *v[] = {q->lock_who};
    PGresult *res = check(
        q,
        PQexecParams(q->conn,
                     kind == LOCK_SHARED
                         ? "SELECT CASE WHEN pg_try_advisory_lock_shared(" SCAN_LOCK_KEY ") THEN "
                           "set_config('application_name', COALESCE($1::text, "
                           "current_setting('application_name')), false) IS NOT NULL "
                           "ELSE false END"
                         : "SELECT CASE WHEN pg_try_advisory_lock(" SCAN_LOCK_KEY ") THEN "
                           "set_config('application_name', COALESCE($1::text, "
                           "current_setting('application_name')), false) IS NOT NULL "
                           "ELSE false END",
                     1, NULL, v, NULL, NULL, 0),
        err, "cannot take the scan lock");
    if (!res)
        return failed(err);
    *got = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
    PQclear(res);
    return HUGI_OK;
}

static hugi_rc pg_scan_lock(struct hugi_store *s, bool shared, const char *who, char **holder,
                            struct hugi_err *err)
{
    struct pg_store *q = (struct pg_store *)s;
    if (q->scan_lock != LOCK_NONE)
        return HUGI_OK;
    if (ready(q, err))
        return failed(err);
    free(q->lock_who);
    q->lock_who = NULL;
    if (who) {
        /* application_name is at most 63 bytes; the server would cut it */
        q->lock_who = hugi_strdup(who);
        if (!q->lock_who)
            return hugi_err_set(err, HUGI_E_NOMEM, s->path, "out of memory");
    }
    enum scan_lock kind = shared ? LOCK_SHARED : LOCK_EXCLUSIVE;
    bool got = false;
    hugi_rc rc = scan_lock_try(q, kind, &got, err);
    if (rc)
        return rc;
    if (got) {
        q->scan_lock = kind;
        return HUGI_OK;
    }
    if (holder) {
        /* who holds it, as far as this role may see (another role's sessions may be hidden) */
        PGresult *res = run_text(
            q,
            "SELECT a.application_name, a.pid, l.mode FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND "
            "l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = "
            "current_database()) AND l.classid = " SCHEMA_LOCK_KEY "::bigint::oid AND l.objid = "
            "'hugi_schema'::regclass::oid AND l.objsubid = 1 AND l.pid <> pg_backend_pid() "
            "ORDER BY a.backend_start LIMIT 1",
            &(struct params){0}, NULL, "cannot see who holds the scan lock");
        if (res && PQntuples(res) == 1) {
            struct hugi_buf b;
            hugi_buf_init(&b, 0);
            const char *app = col_str(res, 0, 0);
            hugi_buf_addf(&b, "%s%s%s session %s", app && *app ? "'" : "", app ? app : "",
                          app && *app ? "'," : "", PQgetvalue(res, 0, 1));
            if (!strcmp(PQgetvalue(res, 0, 2), "ShareLock"))
                hugi_buf_addstr(&b, ", a --worker");
            *holder = hugi_buf_detach(&b, NULL);
        }
        PQclear(res);
    }
    return hugi_err_set(err, HUGI_E_BUSY, s->path, "another scan holds the store");
}

static const struct hugi_store_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .run_start = pg_run_start,
    .run_finish = pg_run_finish,
    .runs_each = pg_runs_each,
    .source_put = pg_source_put,
    .product_put = pg_product_put,
    .product_name = pg_product_name,
    .review_put = pg_review_put,
    .reviews_put = pg_reviews_put,
    .review_known = pg_review_known,
    .review_get = pg_review_get,
    .reviews_each = pg_reviews_each,
    .review_versions_each = pg_review_versions_each,
    .score_put = pg_score_put,
    .score_get = pg_score_get,
    .alert_put = pg_alert_put,
    .alert_get = pg_alert_get,
    .alerts_each = pg_alerts_each,
    .alert_ack = pg_alert_ack,
    .group_put = pg_group_put,
    .group_get = pg_group_get,
    .groups_each = pg_groups_each,
    .group_members = pg_group_members,
    .fetch_state_get = pg_fetch_state_get,
    .fetch_state_put = pg_fetch_state_put,
    .stats = pg_stats,
    .work_add = pg_work_add,
    .lease_next = pg_lease_next,
    .lease_renew = pg_lease_renew,
    .lease_done = pg_lease_done,
    .scan_lock = pg_scan_lock,
};
