/* SPDX-License-Identifier: MIT
 * The review store: upsert rules (new / unchanged / edited with history), iteration filters,
 * scores, alerts (idempotent put, ack), complaint groups, fetch state, runs (including runs left
 * behind by a killed process), transactions, and migration of version-1 and version-2 stores.
 *
 * `test_store` runs them on SQLite; `test_store pg` runs the same calls on PostgreSQL, at the
 * server HUGI_TEST_PG_URI names (tests/pg_server.sh starts one for ctest), each test in a fresh
 * database, plus what only PostgreSQL has (connection errors without the password, a fresh
 * database opened by several processes at once, its own version-1 schema migrated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hugi/store.h"

struct fx {
    char dir[64];
    char path[512];
    char db[64]; /* PostgreSQL: the test's own database */
    struct hugi_store *s;
};

/* PostgreSQL: the server's URI (its database is the maintenance one, "postgres"), or NULL when
 * the tests run on SQLite. */
static const char *pg_uri;

/* Runs one statement on the server's maintenance database (CREATE/DROP DATABASE). */
static bool pg_admin(const char *sql)
{
    PGconn *c = PQconnectdb(pg_uri);
    PGresult *res = PQexec(c, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        print_error("pg_admin: %s: %s", sql, PQerrorMessage(c));
    PQclear(res);
    PQfinish(c);
    return ok;
}

/* A new empty database on the test server; its URI into uri. */
static bool pg_fresh_db(char *db, size_t dbcap, char *uri, size_t cap)
{
    static int serial;
    snprintf(db, dbcap, "hugi_t_%d_%d", (int)getpid(), ++serial);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
    const char *slash = strrchr(pg_uri, '/');
    snprintf(uri, cap, "%.*s/%s", (int)(slash - pg_uri), pg_uri, db);
    return pg_admin(sql);
}

static void pg_drop_db(const char *db)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
    pg_admin(sql);
}

/* Runs sql on the database at uri; false (message printed) when it fails. */
static bool pg_exec(const char *uri, const char *sql)
{
    PGconn *c = PQconnectdb(uri);
    PGresult *res = PQexec(c, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        print_error("%s: %s", sql, PQerrorMessage(c));
    PQclear(res);
    PQfinish(c);
    return ok;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct hugi_err err;
    if (pg_uri) {
        if (!pg_fresh_db(f->db, sizeof f->db, f->path, sizeof f->path)) {
            free(f);
            return -1;
        }
        if (hugi_store_open(&f->s, f->path, NULL, &err)) {
            print_error("open %s: %s\n", f->path, err.msg);
            pg_drop_db(f->db);
            free(f);
            return -1;
        }
        *state = f;
        return 0;
    }
    snprintf(f->dir, sizeof f->dir, "/tmp/hugi-test-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    if (hugi_store_open(&f->s, f->path, NULL, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    hugi_store_close(f->s);
    if (pg_uri) {
        pg_drop_db(f->db);
        free(f);
        return 0;
    }
    char p[600];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static void review(struct hugi_review *r, const char *source, const char *id, const char *product,
                   const char *text, double rating)
{
    hugi_review_init(r);
    r->source = (char *)source;
    r->id = (char *)id;
    r->product = (char *)product;
    r->text = (char *)text;
    r->rating = rating;
    r->author = (char *)"kim";
}

static enum hugi_store_put_result put(struct hugi_store *s, const char *source, const char *id,
                                      const char *product, const char *text, double rating)
{
    struct hugi_review r;
    review(&r, source, id, product, text, rating);
    enum hugi_store_put_result res = 0;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_store_review_put(s, &r, 0, &res, NULL, &err))
        fail_msg("put: %s", err.msg);
    return res;
}

struct collect {
    int n;
    char texts[16][128];
    int versions[16];
    int64_t keys[16];
    bool scored[16];
};

static int collect_cb(const struct hugi_stored_review *r, void *ctx)
{
    struct collect *c = ctx;
    if (c->n < 16) {
        snprintf(c->texts[c->n], sizeof c->texts[0], "%s", r->review.text);
        c->versions[c->n] = r->version;
        c->keys[c->n] = r->key;
        c->scored[c->n] = r->scored;
    }
    c->n++;
    return 0;
}

static void test_upsert_rules(void **state)
{
    struct fx *f = *state;
    setenv("HUGI_NOW", "1700000000", 1);
    assert_int_equal(put(f->s, "cp", "1", "P1", "배송이 늦어요", 2), HUGI_STORE_NEW);
    assert_int_equal(put(f->s, "cp", "2", "P1", "좋아요", 5), HUGI_STORE_NEW);
    assert_int_equal(put(f->s, "other", "1", "P1", "배송이 늦어요", 2), HUGI_STORE_NEW);
    setenv("HUGI_NOW", "1700000100", 1);
    /* same content: unchanged, but last_seen moves and likes update in place */
    struct hugi_review r;
    review(&r, "cp", "1", "P1", "배송이 늦어요", 2);
    r.likes = 7;
    enum hugi_store_put_result res;
    int64_t key;
    struct hugi_err err;
    assert_int_equal(hugi_store_review_put(f->s, &r, 0, &res, &key, &err), HUGI_OK);
    assert_int_equal(res, HUGI_STORE_UNCHANGED);
    struct hugi_stored_review sr;
    assert_int_equal(hugi_store_review_get(f->s, "cp", "1", &sr, &err), HUGI_OK);
    assert_int_equal(sr.key, key);
    assert_int_equal(sr.version, 1);
    assert_false(sr.edited);
    assert_int_equal(sr.first_seen, 1700000000);
    assert_int_equal(sr.last_seen, 1700000100);
    assert_int_equal(sr.review.likes, 7);
    assert_string_equal(sr.review.author, "kim");
    hugi_stored_review_release(&sr);
    /* changed text: edited, old version kept */
    setenv("HUGI_NOW", "1700000200", 1);
    assert_int_equal(put(f->s, "cp", "1", "P1", "배송이 너무 늦어요. 환불해 주세요", 2),
                     HUGI_STORE_EDITED);
    /* changed rating only: edited again */
    assert_int_equal(put(f->s, "cp", "1", "P1", "배송이 너무 늦어요. 환불해 주세요", 1),
                     HUGI_STORE_EDITED);
    /* a rating appearing where there was none is an edit too; NAN == NAN is unchanged */
    assert_int_equal(put(f->s, "cp", "3", "P1", "no rating", NAN), HUGI_STORE_NEW);
    assert_int_equal(put(f->s, "cp", "3", "P1", "no rating", NAN), HUGI_STORE_UNCHANGED);
    assert_int_equal(put(f->s, "cp", "3", "P1", "no rating", 4), HUGI_STORE_EDITED);
    assert_int_equal(hugi_store_review_get(f->s, "cp", "1", &sr, &err), HUGI_OK);
    assert_int_equal(sr.version, 3);
    assert_true(sr.edited);
    assert_true(sr.review.rating == 1);
    assert_int_equal(sr.first_seen, 1700000000);
    struct collect c = {0};
    assert_int_equal(hugi_store_review_versions_each(f->s, sr.key, collect_cb, &c, &err), HUGI_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.texts[0], "배송이 늦어요");
    assert_int_equal(c.versions[0], 1);
    assert_int_equal(c.versions[1], 2);
    assert_string_equal(c.texts[2], "배송이 너무 늦어요. 환불해 주세요");
    assert_int_equal(c.versions[2], 3);
    hugi_stored_review_release(&sr);

    bool known;
    assert_int_equal(hugi_store_review_known(f->s, "cp", "2", &known, &err), HUGI_OK);
    assert_true(known);
    assert_int_equal(hugi_store_review_known(f->s, "cp", "99", &known, &err), HUGI_OK);
    assert_false(known);
    assert_int_equal(hugi_store_review_get(f->s, "cp", "99", &sr, &err), HUGI_E_NOTFOUND);
    /* a review needs a source and an id */
    review(&r, "cp", NULL, "P1", "x", 1);
    assert_int_equal(hugi_store_review_put(f->s, &r, 0, NULL, NULL, &err), HUGI_E_USAGE);

    struct hugi_store_stats st;
    assert_int_equal(hugi_store_stats(f->s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, 4);
    assert_int_equal(st.versions, 4 + 3);
    assert_int_equal(st.edited, 2);
    assert_int_equal(st.sources, 2);
    assert_int_equal(st.products, 1);
    unsetenv("HUGI_NOW");
}

static void test_iterate_and_score(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    struct hugi_review r;
    const char *texts[] = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 5; i++) {
        char id[8];
        snprintf(id, sizeof id, "%d", i);
        review(&r, i < 3 ? "s1" : "s2", id, i % 2 ? "P2" : "P1", texts[i], 3);
        r.date = 1700000000 + i * 86400;
        assert_int_equal(hugi_store_review_put(f->s, &r, 0, NULL, NULL, &err), HUGI_OK);
    }
    struct hugi_store_review_filter flt;
    hugi_store_review_filter_init(&flt);
    struct collect c = {0};
    assert_int_equal(hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err), HUGI_OK);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.texts[0], "a");
    flt.product = "P1";
    memset(&c, 0, sizeof c);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    assert_int_equal(c.n, 3);
    flt.source = "s2";
    memset(&c, 0, sizeof c);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.texts[0], "e");
    hugi_store_review_filter_init(&flt);
    flt.since = 1700000000 + 2 * 86400;
    flt.until = 1700000000 + 4 * 86400;
    memset(&c, 0, sizeof c);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.texts[0], "c");
    assert_string_equal(c.texts[1], "d");
    hugi_store_review_filter_init(&flt);
    flt.limit = 2;
    memset(&c, 0, sizeof c);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    assert_int_equal(c.n, 2);

    /* score two, then only_unscored yields the other three */
    hugi_store_review_filter_init(&flt);
    memset(&c, 0, sizeof c);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    struct hugi_store_score sc = {.score = -0.5,
                                  .label = "neg",
                                  .verdict = "neg",
                                  .lang = "ko",
                                  .severity = "high",
                                  .evidence_json = "[{\"span\":[0,3]}]",
                                  .categories_json = "[\"delivery\"]",
                                  .model = "test-1"};
    assert_int_equal(hugi_store_score_put(f->s, c.keys[0], 1, &sc, &err), HUGI_OK);
    sc.score = 0.8;
    sc.label = "pos";
    assert_int_equal(hugi_store_score_put(f->s, c.keys[1], 1, &sc, &err), HUGI_OK);
    assert_int_equal(hugi_store_score_put(f->s, c.keys[1], 2, &sc, &err), HUGI_E_NOTFOUND);
    assert_int_equal(hugi_store_score_put(f->s, 9999, 1, &sc, &err), HUGI_E_NOTFOUND);
    flt.only_unscored = true;
    struct collect u = {0};
    hugi_store_reviews_each(f->s, &flt, collect_cb, &u, &err);
    assert_int_equal(u.n, 3);
    struct hugi_stored_review sr;
    assert_int_equal(hugi_store_review_get(f->s, "s1", "0", &sr, &err), HUGI_OK);
    assert_true(sr.scored);
    assert_true(sr.score == -0.5);
    assert_string_equal(sr.label, "neg");
    assert_string_equal(sr.categories_json, "[\"delivery\"]");
    assert_string_equal(sr.severity, "high");
    hugi_stored_review_release(&sr);
    /* an edit makes the review unscored again (the score belongs to the old version) */
    review(&r, "s1", "0", "P1", "a, edited", 3);
    enum hugi_store_put_result res;
    assert_int_equal(hugi_store_review_put(f->s, &r, 0, &res, NULL, &err), HUGI_OK);
    assert_int_equal(res, HUGI_STORE_EDITED);
    memset(&u, 0, sizeof u);
    hugi_store_reviews_each(f->s, &flt, collect_cb, &u, &err);
    assert_int_equal(u.n, 4);
    assert_int_equal(hugi_store_review_get(f->s, "s1", "0", &sr, &err), HUGI_OK);
    assert_false(sr.scored);
    assert_int_equal(hugi_store_score_get(f->s, sr.key, 1, &sr, &err), HUGI_OK);
    assert_true(sr.scored);
    assert_string_equal(sr.label, "neg");
    hugi_stored_review_release(&sr);
}

/* The scorer's loop: iterate the unscored reviews and score each from inside the callback,
 * committing every few rows. Every review ends scored exactly once. */
struct scorer {
    struct hugi_store *s;
    int n;
    bool failed;
};

static int score_cb(const struct hugi_stored_review *r, void *ctx)
{
    struct scorer *sc = ctx;
    struct hugi_store_score v = {.score = -0.1, .label = "neg"};
    struct hugi_err err;
    if (hugi_store_score_put(sc->s, r->key, r->version, &v, &err))
        sc->failed = true;
    if (++sc->n % 3 == 0 && (hugi_store_commit(sc->s, &err) || hugi_store_begin(sc->s, &err)))
        sc->failed = true;
    return 0;
}

static void test_score_while_iterating(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    for (int i = 0; i < 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "%d", i);
        put(f->s, "src", id, "P1", "text", 3);
    }
    struct hugi_store_review_filter flt;
    hugi_store_review_filter_init(&flt);
    flt.only_unscored = true;
    struct scorer sc = {.s = f->s};
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    assert_int_equal(hugi_store_reviews_each(f->s, &flt, score_cb, &sc, &err), HUGI_OK);
    assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
    assert_false(sc.failed);
    assert_int_equal(sc.n, 10);
    struct collect c = {0};
    hugi_store_reviews_each(f->s, &flt, collect_cb, &c, &err);
    assert_int_equal(c.n, 0);
    struct hugi_store_stats st;
    hugi_store_stats(f->s, NULL, &st, &err);
    assert_int_equal(st.scored, 10);
}

static int count_alert(const struct hugi_store_alert *a, void *ctx)
{
    (void)a;
    (*(int *)ctx)++;
    return 0;
}

static void test_alerts(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    struct hugi_store_alert a;
    hugi_store_alert_init(&a);
    a.id = "al-1";
    a.kind = "review";
    a.severity = "critical";
    a.product = "P1";
    a.source = "cp";
    a.review_id = "1";
    a.score = -0.9;
    a.categories_json = "[\"safety\"]";
    a.reply = "죄송합니다";
    a.due = 1700003600;
    a.created_at = 1700000000;
    bool inserted;
    assert_int_equal(hugi_store_alert_put(f->s, &a, &inserted, &err), HUGI_OK);
    assert_true(inserted);
    /* the same id again (a rerun): nothing changes, no duplicate */
    a.severity = "low";
    assert_int_equal(hugi_store_alert_put(f->s, &a, &inserted, &err), HUGI_OK);
    assert_false(inserted);
    a.id = "al-2";
    a.product = "P2";
    a.created_at = 1700000001;
    assert_int_equal(hugi_store_alert_put(f->s, &a, &inserted, &err), HUGI_OK);
    struct hugi_store_alert got;
    assert_int_equal(hugi_store_alert_get(f->s, "al-1", &got, &err), HUGI_OK);
    assert_string_equal(got.severity, "critical");
    assert_string_equal(got.status, "open");
    assert_string_equal(got.reply, "죄송합니다");
    assert_true(got.score == -0.9);
    assert_int_equal(got.due, 1700003600);
    assert_int_equal(got.acked_at, HUGI_NO_TIME);
    hugi_store_alert_release(&got);
    assert_int_equal(hugi_store_alert_get(f->s, "nope", &got, &err), HUGI_E_NOTFOUND);

    struct hugi_store_alert_filter flt;
    hugi_store_alert_filter_init(&flt);
    int n = 0;
    hugi_store_alerts_each(f->s, &flt, count_alert, &n, &err);
    assert_int_equal(n, 2);
    bool was_open;
    assert_int_equal(
        hugi_store_alert_ack(f->s, "al-1", "jin", "called back", 1700001000, &was_open, &err),
        HUGI_OK);
    assert_true(was_open);
    assert_int_equal(hugi_store_alert_ack(f->s, "al-1", "other", NULL, 1700002000, &was_open, &err),
                     HUGI_OK);
    assert_false(was_open);
    assert_int_equal(hugi_store_alert_ack(f->s, "nope", NULL, NULL, HUGI_NO_TIME, NULL, &err),
                     HUGI_E_NOTFOUND);
    assert_int_equal(hugi_store_alert_get(f->s, "al-1", &got, &err), HUGI_OK);
    assert_string_equal(got.status, "acked");
    assert_string_equal(got.acked_by, "jin");
    assert_string_equal(got.note, "called back");
    assert_int_equal(got.acked_at, 1700001000);
    hugi_store_alert_release(&got);
    flt.only_open = true;
    n = 0;
    hugi_store_alerts_each(f->s, &flt, count_alert, &n, &err);
    assert_int_equal(n, 1);
    flt.only_open = false;
    flt.product = "P1";
    n = 0;
    hugi_store_alerts_each(f->s, &flt, count_alert, &n, &err);
    assert_int_equal(n, 1);
    struct hugi_store_stats st;
    hugi_store_stats(f->s, NULL, &st, &err);
    assert_int_equal(st.alerts, 2);
    assert_int_equal(st.alerts_open, 1);
}

static void test_groups_and_fetch_state(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    int64_t k1, k2;
    struct hugi_review r;
    review(&r, "cp", "1", "P1", "배송 느림", 1);
    hugi_store_review_put(f->s, &r, 0, NULL, &k1, &err);
    review(&r, "cp", "2", "P1", "배송 최악", 1);
    hugi_store_review_put(f->s, &r, 0, NULL, &k2, &err);
    struct hugi_store_group g;
    hugi_store_group_init(&g);
    g.key = "recurring|P1|delivery";
    g.product = "P1";
    g.kind = "recurring";
    g.category = "delivery";
    g.count = 2;
    g.total = 10;
    g.first_raised = 1700000000;
    g.last_raised = 1700000000;
    int64_t members[] = {k1, k2};
    bool is_new;
    assert_int_equal(hugi_store_group_put(f->s, &g, members, 2, &is_new, &err), HUGI_OK);
    assert_true(is_new);
    g.count = 3;
    g.first_raised = 1800000000; /* ignored: the first raise is kept */
    g.last_raised = 1700086400;
    assert_int_equal(hugi_store_group_put(f->s, &g, members, 1, &is_new, &err), HUGI_OK);
    assert_false(is_new);
    struct hugi_store_group got;
    assert_int_equal(hugi_store_group_get(f->s, g.key, &got, &err), HUGI_OK);
    assert_int_equal(got.count, 3);
    assert_int_equal(got.first_raised, 1700000000);
    assert_int_equal(got.last_raised, 1700086400);
    assert_true(isnan(got.baseline));
    assert_string_equal(got.category, "delivery");
    hugi_store_group_release(&got);
    int64_t *m;
    size_t n;
    assert_int_equal(hugi_store_group_members(f->s, g.key, &m, &n, &err), HUGI_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0], k1);
    free(m);
    assert_int_equal(hugi_store_group_get(f->s, "nope", &got, &err), HUGI_E_NOTFOUND);

    struct hugi_store_fetch_state fs = {.url = "https://x.example/p?page=1",
                                        .etag = "\"e1\"",
                                        .last_modified = "Wed, 21 Oct 2015 07:28:00 GMT",
                                        .cursor = NULL,
                                        .updated = HUGI_NO_TIME};
    struct hugi_store_fetch_state out;
    assert_int_equal(hugi_store_fetch_state_get(f->s, fs.url, &out, &err), HUGI_E_NOTFOUND);
    assert_int_equal(hugi_store_fetch_state_put(f->s, &fs, &err), HUGI_OK);
    fs.cursor = "tok2";
    assert_int_equal(hugi_store_fetch_state_put(f->s, &fs, &err), HUGI_OK);
    assert_int_equal(hugi_store_fetch_state_get(f->s, fs.url, &out, &err), HUGI_OK);
    assert_string_equal(out.etag, "\"e1\"");
    assert_string_equal(out.cursor, "tok2");
    assert_true(out.updated != HUGI_NO_TIME);
    hugi_store_fetch_state_release(&out);
}

static int run_cb(const struct hugi_store_run *run, void *ctx)
{
    char *out = ctx;
    size_t len = strlen(out);
    snprintf(out + len, 512 - len, "%lld:%s:%s:%ld;", (long long)run->id, run->kind, run->status,
             run->counts.added);
    return 0;
}

static void test_runs_and_transactions(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    int64_t id;
    assert_int_equal(hugi_store_run_start(f->s, "import", "a.csv", &id, &err), HUGI_OK);
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    assert_true(hugi_store_in_transaction(f->s));
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_E_USAGE);
    assert_int_equal(hugi_store_run_start(f->s, "x", NULL, &id, &err), HUGI_E_USAGE);
    put(f->s, "newsrc", "1", "NEWP", "rolled back", 1);
    assert_int_equal(hugi_store_rollback(f->s, &err), HUGI_OK);
    bool known;
    hugi_store_review_known(f->s, "newsrc", "1", &known, &err);
    assert_false(known);
    /* the source row went with the rollback; putting again must recreate it */
    assert_int_equal(put(f->s, "newsrc", "1", "NEWP", "kept", 1), HUGI_STORE_NEW);
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    put(f->s, "newsrc", "2", "NEWP", "committed", 1);
    assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
    assert_int_equal(hugi_store_commit(f->s, &err), HUGI_E_USAGE);
    struct hugi_store_counts c = {.read = 2, .added = 2};
    assert_int_equal(hugi_store_run_finish(f->s, id, "ok", &c, &err), HUGI_OK);
    assert_int_equal(hugi_store_run_finish(f->s, 999, "ok", &c, &err), HUGI_E_NOTFOUND);

    /* a child starts a run and dies without finishing it (kill -9): the next run_start marks it
     * interrupted */
    pid_t pid = fork();
    if (pid == 0) {
        struct hugi_store *s2;
        int64_t id2;
        if (hugi_store_open(&s2, f->path, NULL, NULL) ||
            hugi_store_run_start(s2, "scan", NULL, &id2, NULL))
            _exit(1);
        _exit(0); /* no close, no finish */
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    int64_t id3;
    assert_int_equal(hugi_store_run_start(f->s, "scan", NULL, &id3, &err), HUGI_OK);
    char runs[512] = "";
    assert_int_equal(hugi_store_runs_each(f->s, 0, run_cb, runs, &err), HUGI_OK);
    char want[512];
    snprintf(want, sizeof want, "%lld:scan:running:0;%lld:scan:interrupted:0;%lld:import:ok:2;",
             (long long)id3, (long long)id3 - 1, (long long)id);
    assert_string_equal(runs, want);
}

static void test_open_errors_and_migration(void **state)
{
    (void)state;
    struct hugi_store *s;
    struct hugi_err err;
    assert_int_equal(hugi_store_open(&s, "mysql://db/hugi", NULL, &err), HUGI_E_UNSUPPORTED);
    assert_null(s);
    assert_int_equal(hugi_store_open(&s, "", NULL, &err), HUGI_E_USAGE);
    assert_int_equal(hugi_store_open(&s, "/nonexistent-dir/x.db", NULL, &err), HUGI_E_STORE);
    assert_string_equal(err.where, "/nonexistent-dir/x.db");
    char dir[] = "/tmp/hugi-test-mig-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], junk[128];
    snprintf(path, sizeof path, "%s/old.db", dir);
    snprintf(junk, sizeof junk, "%s/junk.db", dir);
    FILE *fp = fopen(junk, "w");
    fputs("this is not a database, just text that is long enough to be a header............", fp);
    fclose(fp);
    assert_int_equal(hugi_store_open(&s, junk, NULL, &err), HUGI_E_STORE);
    assert_string_equal(err.msg, "not a hugi store (not an SQLite database)");

    /* a version-1 store, written from the fixture */
    fp = fopen(HUGI_TEST_DATA "/store/schema-v1.sql", "r");
    assert_non_null(fp);
    static char sql[65536];
    size_t n = fread(sql, 1, sizeof sql - 1, fp);
    sql[n] = '\0';
    fclose(fp);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* read-only refuses to migrate */
    struct hugi_store_opts ro = {.read_only = true};
    assert_int_equal(hugi_store_open(&s, path, &ro, &err), HUGI_E_UNSUPPORTED);
    assert_int_equal(hugi_store_open(&s, path, NULL, &err), HUGI_OK);
    struct hugi_stored_review sr;
    assert_int_equal(hugi_store_review_get(s, "coupang", "r1", &sr, &err), HUGI_OK);
    assert_int_equal(sr.version, 2);
    assert_true(sr.scored);
    assert_string_equal(sr.label, "neg");
    assert_string_equal(sr.review.text, "배송이 너무 늦어요");
    struct collect c = {0};
    hugi_store_review_versions_each(s, sr.key, collect_cb, &c, &err);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.texts[0], "배송이 늦어요");
    hugi_stored_review_release(&sr);
    struct hugi_store_alert a;
    assert_int_equal(hugi_store_alert_get(s, "a1", &a, &err), HUGI_OK);
    assert_null(a.summary); /* a column migration 2 added */
    hugi_store_alert_release(&a);
    /* the new tables work */
    struct hugi_store_group g;
    hugi_store_group_init(&g);
    g.key = "spike|P1|delivery";
    g.kind = "spike";
    g.product = "P1";
    g.severity = "high"; /* the column migration 3 added */
    int64_t key = 1;
    assert_int_equal(hugi_store_group_put(s, &g, &key, 1, NULL, &err), HUGI_OK);
    struct hugi_store_group got;
    assert_int_equal(hugi_store_group_get(s, "spike|P1|delivery", &got, &err), HUGI_OK);
    assert_string_equal(got.severity, "high");
    hugi_store_group_release(&got);
    /* product names survive the migration */
    char name[64] = "";
    char *pname = NULL;
    assert_int_equal(hugi_store_product_name(s, "P1", &pname, &err), HUGI_OK);
    snprintf(name, sizeof name, "%s", pname);
    free(pname);
    assert_string_equal(name, "무선 이어폰");
    hugi_store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), HUGI_STORE_SCHEMA_VERSION);
    sqlite3_finalize(st);
    /* a store from a newer hugi is refused, not damaged */
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(hugi_store_open(&s, path, NULL, &err), HUGI_E_UNSUPPORTED);
    char p[200];
    const char *files[] = {"old.db", "old.db-wal", "old.db-shm", "junk.db"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* A version-2 store (complaint groups without a severity) migrates to the current version: the
 * old group reads back with no severity, and a group put since keeps the one it was given. */
static void test_migration_v2_to_v3(void **state)
{
    (void)state;
    char dir[] = "/tmp/hugi-test-mig2-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/v2.db", dir);
    FILE *fp = fopen(HUGI_TEST_DATA "/store/schema-v2.sql", "r");
    assert_non_null(fp);
    static char sql[65536];
    size_t n = fread(sql, 1, sizeof sql - 1, fp);
    sql[n] = '\0';
    fclose(fp);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct hugi_store *s;
    struct hugi_err err;
    struct hugi_store_opts ro = {.read_only = true};
    assert_int_equal(hugi_store_open(&s, path, &ro, &err), HUGI_E_UNSUPPORTED);
    assert_int_equal(hugi_store_open(&s, path, NULL, &err), HUGI_OK);
    struct hugi_store_group g;
    assert_int_equal(hugi_store_group_get(s, "recurring|P1|delivery", &g, &err), HUGI_OK);
    assert_string_equal(g.kind, "recurring");
    assert_int_equal(g.count, 3);
    assert_int_equal(g.cooldown_until, 1700259209);
    assert_null(g.severity);
    /* raised again: the severity is stored and the first raise kept */
    free(g.severity);
    g.severity = hugi_strdup("critical");
    g.last_raised = 1700100000;
    int64_t key = 1;
    assert_int_equal(hugi_store_group_put(s, &g, &key, 1, NULL, &err), HUGI_OK);
    hugi_store_group_release(&g);
    assert_int_equal(hugi_store_group_get(s, "recurring|P1|delivery", &g, &err), HUGI_OK);
    assert_string_equal(g.severity, "critical");
    assert_int_equal(g.first_raised, 1700000009);
    hugi_store_group_release(&g);
    hugi_store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), HUGI_STORE_SCHEMA_VERSION);
    sqlite3_finalize(st);
    sqlite3_close(db);
    char p[200];
    const char *files[] = {"v2.db", "v2.db-wal", "v2.db-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* ---- shared work (leases) ------------------------------------------------------------------ */
static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_leases(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    const char *items[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(hugi_store_work_add(f->s, "scan", items[i], &err), HUGI_OK);
    assert_int_equal(hugi_store_work_add(f->s, "scan", "a", &err), HUGI_OK); /* no duplicate */
    assert_int_equal(hugi_store_work_add(f->s, "other", "a", &err), HUGI_OK);
    struct hugi_store_lease l1, l2, l3, none;
    long pending = -1;
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w1", 60, 3600, &l1, &pending, &err),
                     HUGI_OK);
    assert_string_equal(l1.item, "a");
    assert_int_equal(l1.attempts, 1);
    assert_null(l1.taken_from);
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w2", 60, 3600, &l2, &pending, &err),
                     HUGI_OK);
    assert_string_equal(l2.item, "b");
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w1", 60, 3600, &l3, &pending, &err),
                     HUGI_OK);
    assert_string_equal(l3.item, "c");
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w3", 60, 3600, &none, &pending, &err),
                     HUGI_OK);
    assert_int_equal(none.id, 0);
    assert_int_equal(pending, 3);
    /* only the holder gives an item back or renews it */
    assert_int_equal(hugi_store_lease_done(f->s, l1.id, "w2", &err), HUGI_E_BUSY);
    assert_int_equal(hugi_store_lease_done(f->s, l1.id, "w1", &err), HUGI_OK);
    assert_int_equal(hugi_store_lease_renew(f->s, l2.id, "w1", 60, &err), HUGI_E_BUSY);
    assert_int_equal(hugi_store_lease_renew(f->s, l2.id, "w2", 60, &err), HUGI_OK);
    /* a done item is not taken again within the round */
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w3", 60, 3600, &none, &pending, &err),
                     HUGI_OK);
    assert_int_equal(none.id, 0);
    assert_int_equal(pending, 2);
    /* ... but is in the next one (round 0: at once) */
    struct hugi_store_lease again;
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w3", 60, 0, &again, &pending, &err),
                     HUGI_OK);
    assert_string_equal(again.item, "a");
    assert_int_equal(again.attempts, 2);
    assert_null(again.taken_from);
    assert_int_equal(hugi_store_lease_done(f->s, again.id, "w3", &err), HUGI_OK);
    /* a worker that stops renewing (it died) loses the item to the next one */
    assert_int_equal(hugi_store_work_add(f->s, "scan", "d", &err), HUGI_OK);
    struct hugi_store_lease dead, taker;
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w4", 1, 3600, &dead, &pending, &err),
                     HUGI_OK);
    assert_string_equal(dead.item, "d");
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w5", 60, 3600, &taker, &pending, &err),
                     HUGI_OK);
    assert_int_equal(taker.id, 0); /* still held */
    nap_ms(2100);                  /* lease times are whole seconds: expired after at most 2 s */
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w5", 60, 3600, &taker, &pending, &err),
                     HUGI_OK);
    assert_string_equal(taker.item, "d");
    assert_int_equal(taker.attempts, 2);
    assert_string_equal(taker.taken_from, "w4");
    assert_int_equal(hugi_store_lease_done(f->s, dead.id, "w4", &err), HUGI_E_BUSY);
    assert_int_equal(hugi_store_lease_done(f->s, taker.id, "w5", &err), HUGI_OK);
    /* never inside a transaction; a lease needs a worker and a length */
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w1", 60, 0, &none, NULL, &err),
                     HUGI_E_USAGE);
    assert_int_equal(hugi_store_rollback(f->s, &err), HUGI_OK);
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "", 60, 0, &none, NULL, &err),
                     HUGI_E_USAGE);
    assert_int_equal(hugi_store_lease_next(f->s, "scan", "w1", 0, 0, &none, NULL, &err),
                     HUGI_E_USAGE);
    hugi_store_lease_release(&l1);
    hugi_store_lease_release(&l2);
    hugi_store_lease_release(&l3);
    hugi_store_lease_release(&again);
    hugi_store_lease_release(&dead);
    hugi_store_lease_release(&taker);
}

/* Three worker processes drain one queue at once: every item is taken exactly once. */
static void test_lease_workers(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    enum { ITEMS = 30, WORKERS = 3 };
    for (int i = 0; i < ITEMS; i++) {
        char item[16];
        snprintf(item, sizeof item, "item%02d", i);
        assert_int_equal(hugi_store_work_add(f->s, "scan", item, &err), HUGI_OK);
    }
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t kids[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
        kids[w] = fork();
        if (kids[w] != 0)
            continue;
        close(fds[0]);
        struct hugi_store *s;
        if (hugi_store_open(&s, f->path, NULL, &err)) {
            fprintf(stderr, "worker %d: %s\n", w, err.msg);
            _exit(1);
        }
        char me[16];
        snprintf(me, sizeof me, "w%d", w);
        for (;;) {
            struct hugi_store_lease l;
            long pending = 0;
            if (hugi_store_lease_next(s, "scan", me, 30, 3600, &l, &pending, &err)) {
                fprintf(stderr, "worker %d: %s\n", w, err.msg);
                _exit(1);
            }
            if (!l.id) {
                if (!pending)
                    break;
                nap_ms(5);
                continue;
            }
            char line[32];
            int n = snprintf(line, sizeof line, "%s\n", l.item); /* < PIPE_BUF: atomic */
            if (write(fds[1], line, (size_t)n) != n || hugi_store_lease_done(s, l.id, me, &err)) {
                fprintf(stderr, "worker %d: %s\n", w, err.msg);
                _exit(1);
            }
            hugi_store_lease_release(&l);
        }
        hugi_store_close(s);
        _exit(0);
    }
    close(fds[1]);
    int seen[ITEMS] = {0};
    FILE *in = fdopen(fds[0], "r");
    char line[64];
    int total = 0;
    while (fgets(line, sizeof line, in)) {
        int i = atoi(line + 4);
        assert_true(i >= 0 && i < ITEMS);
        seen[i]++;
        total++;
    }
    fclose(in);
    for (int w = 0; w < WORKERS; w++) {
        int status;
        waitpid(kids[w], &status, 0);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    assert_int_equal(total, ITEMS);
    for (int i = 0; i < ITEMS; i++)
        assert_int_equal(seen[i], 1);
}

/* hugi_store_reviews_put: the same results as one review_put after another, in a transaction
 * (PostgreSQL: the pipeline, chunks of 256) and outside one; a (source, id) repeated inside a
 * batch, edits, several sources and products taking turns, and keys in the order of first
 * sight. */
static void test_batch_put(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    enum { N = 600, EXTRA = 3 };
    static struct hugi_review rs[N + EXTRA];
    static char ids[N][8];
    static enum hugi_store_put_result res[N + EXTRA];
    static int64_t keys[N + EXTRA];
    const char *sources[] = {"shop0", "shop1", "shop2"};
    const char *products[] = {"P0", "P1", "P2", "P3"};
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "%d", i);
        review(&rs[i], sources[i % 3], ids[i], products[i % 4], i % 2 ? "좋아요" : "별로",
               1 + i % 5);
    }
    /* within the batch: 10 edited, 20 seen again the same, 30 edited back and forth */
    review(&rs[N], sources[10 % 3], ids[10], products[10 % 4], "바뀐 글", 2);
    review(&rs[N + 1], sources[20 % 3], ids[20], products[20 % 4], "별로", 1 + 20 % 5);
    review(&rs[N + 2], sources[30 % 3], ids[30], products[30 % 4], "다시", 3);
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    size_t bad = 99;
    assert_int_equal(hugi_store_reviews_put(f->s, rs, N + EXTRA, 0, res, keys, &bad, &err),
                     HUGI_OK);
    assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
    for (int i = 0; i < N; i++) {
        assert_int_equal(res[i], HUGI_STORE_NEW);
        if (i)
            assert_true(keys[i] > keys[i - 1]); /* insertion order */
    }
    assert_int_equal(res[N], HUGI_STORE_EDITED);
    assert_int_equal(res[N + 1], HUGI_STORE_UNCHANGED);
    assert_int_equal(res[N + 2], HUGI_STORE_EDITED);
    assert_int_equal(keys[N], keys[10]);
    assert_int_equal(keys[N + 2], keys[30]);
    struct hugi_store_stats st;
    assert_int_equal(hugi_store_stats(f->s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, N);
    assert_int_equal(st.versions, N + 2);
    assert_int_equal(st.sources, 3);
    assert_int_equal(st.products, 4);
    struct hugi_stored_review got;
    assert_int_equal(hugi_store_review_get(f->s, sources[10 % 3], ids[10], &got, &err), HUGI_OK);
    assert_string_equal(got.review.text, "바뀐 글");
    assert_int_equal(got.version, 2);
    assert_int_equal(got.key, keys[10]);
    hugi_stored_review_release(&got);

    /* again, as a rescan: everything the same but 10 and 30 (their first entries now differ from
     * what is stored, the second ones from the first), in a transaction and then outside */
    for (int round = 0; round < 2; round++) {
        if (!round)
            assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
        memset(res, 0, sizeof res);
        assert_int_equal(hugi_store_reviews_put(f->s, rs, N + EXTRA, 0, res, NULL, NULL, &err),
                         HUGI_OK);
        if (!round)
            assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
        for (int i = 0; i < N + EXTRA; i++) {
            bool edit = i == 10 || i == 30 || i == N || i == N + 2;
            if (res[i] != (edit ? HUGI_STORE_EDITED : HUGI_STORE_UNCHANGED))
                fail_msg("round %d review %d: %s", round, i, hugi_store_put_result_name(res[i]));
        }
    }
    assert_int_equal(hugi_store_stats(f->s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, N);
    assert_int_equal(st.versions, N + 2 + 8);
    /* a review without an id is refused, and its index said */
    rs[5].id = NULL;
    assert_int_equal(hugi_store_reviews_put(f->s, rs, 8, 0, res, NULL, &bad, &err), HUGI_E_USAGE);
    assert_int_equal(bad, 5);
}

/* ---- PostgreSQL only ---------------------------------------------------------------------- */

/* A password never reaches a message or hugi_store_path(): not from the URI's user part, not
 * from a password= parameter, whether the connection works or not. */
static void test_pg_open_errors(void **state)
{
    (void)state;
    struct hugi_store *s;
    struct hugi_err err;
    /* port 1 on loopback: refused at once */
    assert_int_equal(hugi_store_open(&s, "postgresql://hugi:s3cret@127.0.0.1:1/x", NULL, &err),
                     HUGI_E_STORE);
    assert_null(s);
    assert_string_equal(err.where, "postgresql://hugi@127.0.0.1:1/x");
    assert_null(strstr(err.msg, "s3cret"));
    assert_non_null(strstr(err.msg, "cannot connect to the store"));
    assert_int_equal(hugi_store_open(&s,
                                     "postgres://127.0.0.1:1/x?password=s3cret&connect_timeout=5",
                                     NULL, &err),
                     HUGI_E_STORE);
    assert_string_equal(err.where, "postgres://127.0.0.1:1/x?connect_timeout=5");
    /* the test server trusts loopback, so a password given anyway still connects */
    char db[64], uri[512], withpw[600];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    const char *at = strstr(uri, "hugi@");
    assert_non_null(at);
    snprintf(withpw, sizeof withpw, "%.*shugi:s3cret@%s?password=s3cret", (int)(at - uri), uri,
             at + 5);
    assert_int_equal(hugi_store_open(&s, withpw, NULL, &err), HUGI_OK);
    assert_string_equal(hugi_store_backend(s), "postgresql");
    assert_string_equal(hugi_store_path(s), uri);
    /* a database error names the store without its password too */
    assert_int_equal(
        hugi_store_score_put(s, 42, 1, &(struct hugi_store_score){.label = "neg"}, &err),
        HUGI_E_NOTFOUND);
    assert_string_equal(err.where, uri);
    hugi_store_close(s);
    pg_drop_db(db);
}

/* A URI libpq cannot parse: its message quotes the offending text (a badly escaped password, or
 * the whole URI), which must not carry the password into the error either. Needs no server. */
static void test_pg_uri_secrets(void **state)
{
    (void)state;
    const char *const uris[] = {
        "postgresql://hugi:s3cr%zzet@127.0.0.1:1/x",
        "postgresql://hugi:s3cr%00et@127.0.0.1:1/x",
        "postgresql://hugi:s3cret@[::1/x",
        /* an '@' left unencoded in the password: libpq reads the rest as the host name */
        "postgresql://hugi:pa@s3cret@127.0.0.1:1/x",
        "postgresql://127.0.0.1:1/x?password=s3cr%zzet",
        /* libpq decodes a parameter's name too: this is the password as well */
        "postgresql://127.0.0.1:1/x?pass%77ord=s3cret",
        "postgresql://127.0.0.1:1/x?%70assword=s3cr%zzet&connect_timeout=5",
        "postgresql://127.0.0.1:1/x?%70ASSWORD=s3cret",
        /* the passphrase of the client's SSL key */
        "postgresql://127.0.0.1:1/x?sslpassword=s3cret",
    };
    for (size_t i = 0; i < sizeof uris / sizeof uris[0]; i++) {
        struct hugi_store *s;
        struct hugi_err err;
        assert_int_equal(hugi_store_open(&s, uris[i], NULL, &err), HUGI_E_STORE);
        assert_null(s);
        if (strstr(err.msg, "s3cr") || strstr(err.where, "s3cr"))
            fail_msg("password in the error of %s: %s (%s)", uris[i], err.msg, err.where);
        assert_non_null(strstr(err.msg, "cannot connect to the store"));
    }
}

/* The schema version: an empty database is refused read-only, created writable, and a database
 * from a newer hugi is refused untouched. */
static void test_pg_schema_version(void **state)
{
    (void)state;
    char db[64], uri[512];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    struct hugi_store *s;
    struct hugi_err err;
    struct hugi_store_opts ro = {.read_only = true};
    assert_int_equal(hugi_store_open(&s, uri, &ro, &err), HUGI_E_UNSUPPORTED);
    assert_int_equal(hugi_store_open(&s, uri, NULL, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "1", "P1", "좋아요", 5), HUGI_STORE_NEW);
    hugi_store_close(s);
    /* read-only now opens, reads, and cannot write */
    assert_int_equal(hugi_store_open(&s, uri, &ro, &err), HUGI_OK);
    bool known = false;
    assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_OK);
    assert_true(known);
    struct hugi_review r;
    review(&r, "cp", "2", "P1", "x", 1);
    assert_int_equal(hugi_store_review_put(s, &r, 0, NULL, NULL, &err), HUGI_E_STORE);
    assert_non_null(strstr(err.msg, "read-only"));
    hugi_store_close(s);
    assert_true(pg_exec(uri, "UPDATE hugi_schema SET version = 99"));
    assert_int_equal(hugi_store_open(&s, uri, NULL, &err), HUGI_E_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "newer"));
    pg_drop_db(db);
}

/* Several workers opening one fresh database at the same moment: one creates the schema, the
 * others wait for it (the advisory lock) and find it done; every one can write. */
static void test_pg_concurrent_open(void **state)
{
    (void)state;
    char db[64], uri[512];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    enum { N = 4 };
    pid_t kids[N];
    for (int i = 0; i < N; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            struct hugi_store *s;
            struct hugi_err err;
            if (hugi_store_open(&s, uri, NULL, &err)) {
                fprintf(stderr, "worker %d: %s\n", i, err.msg);
                _exit(1);
            }
            char id[8];
            snprintf(id, sizeof id, "%d", i);
            struct hugi_review r;
            review(&r, "cp", id, "P1", "동시에", 3);
            int rc = hugi_store_review_put(s, &r, 0, NULL, NULL, &err) != HUGI_OK;
            hugi_store_close(s);
            _exit(rc);
        }
    }
    for (int i = 0; i < N; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    struct hugi_store *s;
    struct hugi_err err;
    assert_int_equal(hugi_store_open(&s, uri, NULL, &err), HUGI_OK);
    struct hugi_store_stats st;
    assert_int_equal(hugi_store_stats(s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, N);
    assert_int_equal(st.sources, 1);
    hugi_store_close(s);
    pg_drop_db(db);
}

/* The server backend process of the sessions named `app` (application_name), ended from
 * another session as an administrator, a restart or a network loss would end it; returns how
 * many there were, after they are gone (so the client has their last words waiting). */
static int pg_kill(const char *app)
{
    PGconn *c = PQconnectdb(pg_uri);
    const char *v[] = {app};
    PGresult *res = PQexecParams(c,
                                 "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                                 "FROM pg_stat_activity WHERE application_name = $1",
                                 1, NULL, v, NULL, NULL, 0);
    int n = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) : -1;
    PQclear(res);
    for (int i = 0; i < 100; i++) {
        res = PQexecParams(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                           1, NULL, v, NULL, NULL, 0);
        bool gone = PQresultStatus(res) == PGRES_TUPLES_OK && !strcmp(PQgetvalue(res, 0, 0), "0");
        PQclear(res);
        if (gone)
            break;
        nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
    }
    PQfinish(c);
    return n;
}

static void named_uri(char *out, size_t cap, const char *uri, const char *app)
{
    snprintf(out, cap, "%s?application_name=%s", uri, app);
}

/* A session the server ends between two calls is opened again: the run goes on, prepared
 * statements are prepared again, a worker keeps its queue. One ended inside a transaction gives
 * one error (naming the store), stores nothing of the transaction, sends nothing twice; after the
 * rollback the next call connects again and the work redone is stored once. */
static void test_pg_reconnect(void **state)
{
    (void)state;
    char db[64], uri[512], named[600], app[32];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    snprintf(app, sizeof app, "hugi_rc_%d", (int)getpid());
    named_uri(named, sizeof named, uri, app);
    struct hugi_store *s;
    struct hugi_err err;
    assert_int_equal(hugi_store_open(&s, named, NULL, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "1", "P1", "좋아요", 5), HUGI_STORE_NEW);
    /* between two calls, outside a transaction */
    assert_int_equal(pg_kill(app), 1);
    assert_int_equal(put(s, "cp", "2", "P1", "별로예요", 2), HUGI_STORE_NEW);
    assert_int_equal(put(s, "cp", "1", "P1", "좋아요", 5), HUGI_STORE_UNCHANGED);
    /* right before a transaction: BEGIN connects again */
    assert_int_equal(pg_kill(app), 1);
    assert_int_equal(hugi_store_begin(s, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "3", "P1", "그냥", 3), HUGI_STORE_NEW);
    assert_int_equal(hugi_store_commit(s, &err), HUGI_OK);

    /* inside a transaction: one clear error, nothing of it stored */
    assert_int_equal(hugi_store_begin(s, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "4", "P1", "넷", 4), HUGI_STORE_NEW);
    assert_int_equal(pg_kill(app), 1);
    struct hugi_review r;
    review(&r, "cp", "5", "P1", "다섯", 5);
    assert_int_equal(hugi_store_review_put(s, &r, 0, NULL, NULL, &err), HUGI_E_STORE);
    assert_non_null(strstr(err.msg, "lost the connection inside a transaction"));
    assert_string_equal(err.where, named);
    assert_int_equal(hugi_store_commit(s, &err), HUGI_E_STORE);
    assert_true(hugi_store_in_transaction(s));
    assert_int_equal(hugi_store_rollback(s, &err), HUGI_OK);
    struct hugi_store_stats st;
    assert_int_equal(hugi_store_stats(s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, 3);
    /* the work redone: stored once */
    assert_int_equal(hugi_store_begin(s, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "4", "P1", "넷", 4), HUGI_STORE_NEW);
    assert_int_equal(put(s, "cp", "5", "P1", "다섯", 5), HUGI_STORE_NEW);
    assert_int_equal(hugi_store_commit(s, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "4", "P1", "넷", 4), HUGI_STORE_UNCHANGED);
    assert_int_equal(hugi_store_stats(s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, 5);
    assert_int_equal(st.versions, 5);

    /* a worker: its lease calls are outside transactions, so it keeps working */
    struct hugi_store_lease l = {0};
    long pending = -1;
    assert_int_equal(hugi_store_work_add(s, "q", "a", &err), HUGI_OK);
    assert_int_equal(hugi_store_work_add(s, "q", "b", &err), HUGI_OK);
    assert_int_equal(hugi_store_lease_next(s, "q", "w1", 60, 600, &l, &pending, &err), HUGI_OK);
    assert_string_equal(l.item, "a");
    assert_int_equal(pg_kill(app), 1);
    assert_int_equal(hugi_store_lease_done(s, l.id, "w1", &err), HUGI_OK);
    hugi_store_lease_release(&l);
    assert_int_equal(pg_kill(app), 1);
    assert_int_equal(hugi_store_lease_next(s, "q", "w1", 60, 600, &l, &pending, &err), HUGI_OK);
    assert_string_equal(l.item, "b");
    assert_int_equal(l.attempts, 1); /* taken once: nothing was sent twice */
    hugi_store_lease_release(&l);

    /* the pipeline too: a batch after a loss */
    assert_int_equal(pg_kill(app), 1);
    struct hugi_review rs[2];
    review(&rs[0], "cp", "6", "P1", "여섯", 1);
    review(&rs[1], "cp", "1", "P1", "좋아요", 5);
    enum hugi_store_put_result res[2];
    assert_int_equal(hugi_store_begin(s, &err), HUGI_OK);
    assert_int_equal(hugi_store_reviews_put(s, rs, 2, 0, res, NULL, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_commit(s, &err), HUGI_OK);
    assert_int_equal(res[0], HUGI_STORE_NEW);
    assert_int_equal(res[1], HUGI_STORE_UNCHANGED);
    hugi_store_close(s);
    pg_drop_db(db);
}

/* A server that does not take the session back: a bounded number of tries in bounded time, then
 * one error naming the store without its password; every later call of that handle fails at
 * once with the same error, even once the server is back (one attempt a run: pg.c,
 * reconnect()), and the store opened again connects; a server back while the tries go on is
 * waited for. */
static void test_pg_reconnect_fails(void **state)
{
    (void)state;
    char db[64], uri[512], named[700], app[32];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    snprintf(app, sizeof app, "hugi_rf_%d", (int)getpid());
    const char *at = strstr(uri, "hugi@");
    assert_non_null(at);
    snprintf(named, sizeof named, "%.*shugi:s3cret@%s?application_name=%s", (int)(at - uri), uri,
             at + 5, app);
    struct hugi_store *s;
    struct hugi_err err;
    assert_int_equal(hugi_store_open(&s, named, NULL, &err), HUGI_OK);
    assert_int_equal(put(s, "cp", "1", "P1", "좋아요", 5), HUGI_STORE_NEW);
    char sql[200];
    snprintf(sql, sizeof sql, "ALTER DATABASE %s ALLOW_CONNECTIONS false", db);
    assert_true(pg_admin(sql));
    assert_int_equal(pg_kill(app), 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool known;
    assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_E_STORE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_non_null(strstr(err.msg, "could not connect again (6 tries"));
    assert_null(strstr(err.msg, "s3cret"));
    char expect[700];
    named_uri(expect, sizeof expect, uri, app);
    assert_string_equal(err.where, expect);
    assert_true(t1.tv_sec - t0.tv_sec < 30);
    assert_non_null(strstr(err.msg, "not tried again in this run"));
    struct hugi_err first = err;
    /* later calls: the same error at once, no new tries */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 20; i++) {
        hugi_err_clear(&err);
        assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_E_STORE);
        assert_string_equal(err.msg, first.msg);
        assert_string_equal(err.where, expect);
    }
    assert_int_equal(hugi_store_begin(s, &err), HUGI_E_STORE);
    assert_string_equal(err.msg, first.msg);
    assert_false(hugi_store_in_transaction(s));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 150);
    snprintf(sql, sizeof sql, "ALTER DATABASE %s ALLOW_CONNECTIONS true", db);
    assert_true(pg_admin(sql));
    /* the server back: this handle still does not try, a new one (the next run) connects */
    assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_E_STORE);
    assert_string_equal(err.msg, first.msg);
    hugi_store_close(s);
    assert_int_equal(hugi_store_open(&s, named, NULL, &err), HUGI_OK);
    known = false;
    assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_OK);
    assert_true(known);

    /* a server back within the tries (a restart): the call waits for it and goes on */
    char off[200];
    snprintf(off, sizeof off, "ALTER DATABASE %s ALLOW_CONNECTIONS false", db);
    assert_true(pg_admin(off));
    assert_int_equal(pg_kill(app), 1);
    pid_t kid = fork();
    if (kid == 0) {
        nanosleep(&(struct timespec){0, 700 * 1000000L}, NULL);
        _exit(pg_admin(sql) ? 0 : 1);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    known = false;
    assert_int_equal(hugi_store_review_known(s, "cp", "1", &known, &err), HUGI_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(known);
    int status;
    waitpid(kid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* it did wait: 0.2 + 0.4 s of pauses at least before the server let it in */
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 600);
    hugi_store_close(s);
    pg_drop_db(db);
}

/* A COMMIT the server refuses (here a deferred trigger; also a serialization failure, a lost
 * session) ends the transaction: nothing of it is stored, what the store remembered of it
 * (the sources and products it added) is forgotten, and until the caller rolls back no call
 * runs: a second COMMIT must not report the lost writes as committed. */
static void test_pg_commit_fails(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    assert_true(pg_exec(f->path,
                        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        "IF NEW.name = 'doomed' THEN RAISE EXCEPTION 'refused at commit'; END "
                        "IF; RETURN NULL; END $$;"
                        "CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON sources DEFERRABLE "
                        "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()"));
    for (int batch = 0; batch < 2; batch++) {
        assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
        struct hugi_review r;
        review(&r, "doomed", "1", "P1", "좋아요", 5);
        enum hugi_store_put_result res = 0;
        if (batch)
            assert_int_equal(hugi_store_reviews_put(f->s, &r, 1, 0, &res, NULL, NULL, &err),
                             HUGI_OK);
        else
            assert_int_equal(hugi_store_review_put(f->s, &r, 0, &res, NULL, &err), HUGI_OK);
        assert_int_equal(res, HUGI_STORE_NEW);
        assert_int_equal(hugi_store_commit(f->s, &err), HUGI_E_STORE);
        assert_non_null(strstr(err.msg, "refused at commit"));
        assert_string_equal(err.where, f->path);
        assert_true(hugi_store_in_transaction(f->s));
        /* the transaction is gone: neither a write nor a second COMMIT may pass for one */
        review(&r, "doomed", "2", "P1", "별로", 1);
        assert_int_equal(hugi_store_review_put(f->s, &r, 0, NULL, NULL, &err), HUGI_E_STORE);
        assert_non_null(strstr(err.msg, "roll back"));
        assert_int_equal(hugi_store_commit(f->s, &err), HUGI_E_STORE);
        assert_int_equal(hugi_store_rollback(f->s, &err), HUGI_OK);
        struct hugi_store_stats st;
        assert_int_equal(hugi_store_stats(f->s, NULL, &st, &err), HUGI_OK);
        assert_int_equal(st.reviews, 0);
        assert_int_equal(st.sources, 0);
    }
    /* the source the failed transaction added is not taken for stored */
    assert_true(pg_exec(f->path, "DROP TRIGGER refuse ON sources"));
    assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
    assert_int_equal(put(f->s, "doomed", "1", "P1", "좋아요", 5), HUGI_STORE_NEW);
    assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
    struct hugi_stored_review got;
    assert_int_equal(hugi_store_review_get(f->s, "doomed", "1", &got, &err), HUGI_OK);
    hugi_stored_review_release(&got);
}

/* A session ended while its COMMIT runs (here held by a deferred trigger that sleeps, ended
 * from a child process): the transaction may have been stored or not, and the error must not
 * say it was rolled back; after the rollback the next call connects again. */
static void test_pg_commit_lost(void **state)
{
    (void)state;
    char db[64], uri[512], named[600], app[32];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    snprintf(app, sizeof app, "hugi_cl_%d", (int)getpid());
    named_uri(named, sizeof named, uri, app);
    struct hugi_store *s;
    struct hugi_err err;
    assert_int_equal(hugi_store_open(&s, named, NULL, &err), HUGI_OK);
    assert_true(pg_exec(uri, "CREATE FUNCTION nap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                             "PERFORM pg_sleep(20); RETURN NULL; END $$;"
                             "CREATE CONSTRAINT TRIGGER nap AFTER INSERT ON sources DEFERRABLE "
                             "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION nap()"));
    pid_t kid = fork();
    if (kid == 0) {
        /* end the session once its COMMIT sleeps in the trigger (10 s at most) */
        PGconn *c = PQconnectdb(pg_uri);
        const char *v[] = {app};
        int n = 0;
        for (int i = 0; i < 200 && n == 0; i++) {
            nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
            PGresult *res = PQexecParams(
                c,
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = $1 AND wait_event = 'PgSleep'",
                1, NULL, v, NULL, NULL, 0);
            n = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) : -1;
            PQclear(res);
        }
        PQfinish(c);
        _exit(n == 1 ? 0 : 1);
    }
    assert_int_equal(hugi_store_begin(s, &err), HUGI_OK);
    assert_int_equal(put(s, "cl", "1", "P1", "좋아요", 5), HUGI_STORE_NEW);
    hugi_rc rc = hugi_store_commit(s, &err);
    int status;
    waitpid(kid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(rc, HUGI_E_STORE);
    assert_non_null(strstr(err.msg, "during COMMIT"));
    assert_non_null(strstr(err.msg, "not known"));
    assert_null(strstr(err.msg, "rolled it back"));
    assert_string_equal(err.where, named);
    assert_int_equal(hugi_store_rollback(s, &err), HUGI_OK);
    assert_true(pg_exec(uri, "DROP TRIGGER nap ON sources"));
    assert_int_equal(put(s, "cl", "2", "P1", "별로", 1), HUGI_STORE_NEW);
    hugi_store_close(s);
    pg_drop_db(db);
}

static hugi_rc put_rc(struct hugi_store *s, const char *source, const char *id)
{
    struct hugi_review r;
    review(&r, source, id, "P1", "좋아요", 5);
    struct hugi_err err;
    return hugi_store_review_put(s, &r, 0, NULL, NULL, &err);
}

/* A review the server refuses in the middle of a pipelined chunk: its index and the server's
 * reason are the error, the transaction rolls back whole, and the session works on. */
static void test_pg_batch_error(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    assert_true(
        pg_exec(f->path, "ALTER TABLE reviews ADD CONSTRAINT no_bad CHECK (text <> 'bad')"));
    struct hugi_review rs[5];
    const char *ids[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
    enum hugi_store_put_result res[5];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 5; i++)
            review(&rs[i], "cp", ids[round ? 5 + i : i], "P1",
                   round == 1 && i == 2 ? "bad" : "좋아요", 5);
        size_t bad = 99;
        assert_int_equal(hugi_store_begin(f->s, &err), HUGI_OK);
        hugi_rc rc = hugi_store_reviews_put(f->s, rs, 5, 0, res, NULL, &bad, &err);
        if (round == 1) {
            /* the first batch was new: this one goes INSERT-first, in the pipeline */
            assert_int_equal(rc, HUGI_E_STORE);
            assert_int_equal(bad, 2);
            assert_non_null(strstr(err.msg, "no_bad"));
            assert_int_equal(hugi_store_rollback(f->s, &err), HUGI_OK);
            continue;
        }
        assert_int_equal(rc, HUGI_OK);
        assert_int_equal(hugi_store_commit(f->s, &err), HUGI_OK);
        for (int i = 0; i < 5; i++)
            assert_int_equal(res[i], HUGI_STORE_NEW);
    }
    struct hugi_store_stats st;
    assert_int_equal(hugi_store_stats(f->s, NULL, &st, &err), HUGI_OK);
    assert_int_equal(st.reviews, 10);
}

/* The scan lock, within 5 s: a closed session's backend frees it a moment after the close. */
static hugi_rc lock_soon(struct hugi_store *s, bool shared, const char *who)
{
    struct hugi_err err;
    hugi_rc rc = HUGI_E_BUSY;
    for (int i = 0; i < 100 && rc == HUGI_E_BUSY; i++) {
        if (i)
            nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
        rc = hugi_store_scan_lock(s, shared, who, NULL, &err);
    }
    return rc;
}

/* The scan lock: one plain scan, or any number of workers, per store; the holder named; freed
 * when its store closes; taken again after a lost session, or the loss reported when another
 * scan took it meanwhile. */
static void test_pg_scan_lock(void **state)
{
    struct fx *f = *state;
    struct hugi_err err;
    char *holder = NULL;
    struct hugi_store *b, *c, *w;
    assert_int_equal(hugi_store_open(&b, f->path, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(f->s, false, "hugi scan a:1", &holder, &err), HUGI_OK);
    assert_null(holder);
    assert_int_equal(hugi_store_scan_lock(b, false, "hugi scan b:2", &holder, &err), HUGI_E_BUSY);
    assert_non_null(holder);
    assert_non_null(strstr(holder, "'hugi scan a:1'"));
    assert_non_null(strstr(err.msg, "another scan holds the store"));
    free(holder);
    assert_int_equal(hugi_store_scan_lock(b, true, "hugi scan --worker b:2", &holder, &err),
                     HUGI_E_BUSY);
    free(holder);
    /* inside a transaction: refused */
    assert_int_equal(hugi_store_begin(b, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(b, false, NULL, NULL, &err), HUGI_E_USAGE);
    assert_int_equal(hugi_store_rollback(b, &err), HUGI_OK);
    /* closing frees it; workers share it and keep a plain scan out */
    hugi_store_close(f->s);
    f->s = NULL;
    assert_int_equal(lock_soon(b, true, "hugi scan --worker b:2"), HUGI_OK);
    assert_int_equal(hugi_store_open(&c, f->path, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(c, true, "hugi scan --worker c:3", NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_open(&f->s, f->path, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(f->s, false, "hugi scan a:1", &holder, &err),
                     HUGI_E_BUSY);
    assert_non_null(holder);
    assert_non_null(strstr(holder, "--worker"));
    free(holder);
    hugi_store_close(b);
    hugi_store_close(c);

    /* a lost session takes the lock again ... */
    char app[40];
    snprintf(app, sizeof app, "hugi scan w:%d", (int)getpid());
    assert_int_equal(hugi_store_open(&w, f->path, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(w, false, app, NULL, &err), HUGI_OK);
    assert_int_equal(pg_kill(app), 1);
    bool known;
    assert_int_equal(hugi_store_review_known(w, "cp", "1", &known, &err), HUGI_OK);
    assert_int_equal(hugi_store_scan_lock(f->s, false, "hugi scan a:1", NULL, &err), HUGI_E_BUSY);
    /* ... unless another scan took it meanwhile: then the loss is the next call's error */
    assert_int_equal(pg_kill(app), 1);
    assert_int_equal(lock_soon(f->s, false, "hugi scan a:1"), HUGI_OK);
    assert_int_equal(hugi_store_review_known(w, "cp", "1", &known, &err), HUGI_E_BUSY);
    assert_non_null(strstr(err.msg, "scan lock"));
    /* and it stays so: no later call writes without the lock */
    assert_int_equal(put_rc(w, "cp", "9"), HUGI_E_BUSY);
    hugi_store_close(w);
}

/* A PostgreSQL store of schema version 1 migrates to the current one with its data. */
static void test_pg_migration_v1(void **state)
{
    (void)state;
    char db[64], uri[512];
    assert_true(pg_fresh_db(db, sizeof db, uri, sizeof uri));
    FILE *fp = fopen(HUGI_TEST_DATA "/store/pg-schema-v1.sql", "r");
    assert_non_null(fp);
    static char sql[65536];
    size_t n = fread(sql, 1, sizeof sql - 1, fp);
    sql[n] = '\0';
    fclose(fp);
    assert_true(pg_exec(uri, sql));
    struct hugi_store *s;
    struct hugi_err err;
    struct hugi_store_opts ro = {.read_only = true};
    assert_int_equal(hugi_store_open(&s, uri, &ro, &err), HUGI_E_UNSUPPORTED);
    assert_int_equal(hugi_store_open(&s, uri, NULL, &err), HUGI_OK);
    struct hugi_stored_review sr;
    assert_int_equal(hugi_store_review_get(s, "coupang", "r1", &sr, &err), HUGI_OK);
    assert_int_equal(sr.version, 2);
    assert_true(sr.scored);
    assert_true(sr.score == -0.7);
    assert_string_equal(sr.label, "neg");
    struct collect c = {0};
    hugi_store_review_versions_each(s, sr.key, collect_cb, &c, &err);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.texts[0], "배송이 늦어요");
    hugi_stored_review_release(&sr);
    struct hugi_store_alert a;
    assert_int_equal(hugi_store_alert_get(s, "a1", &a, &err), HUGI_OK);
    assert_null(a.summary);
    hugi_store_alert_release(&a);
    struct hugi_store_group g;
    hugi_store_group_init(&g);
    g.key = "spike|P1|delivery";
    g.kind = "spike";
    g.product = "P1";
    g.severity = "high";
    int64_t key = 1;
    assert_int_equal(hugi_store_group_put(s, &g, &key, 1, NULL, &err), HUGI_OK);
    struct hugi_store_group got;
    assert_int_equal(hugi_store_group_get(s, "spike|P1|delivery", &got, &err), HUGI_OK);
    assert_string_equal(got.severity, "high");
    hugi_store_group_release(&got);
    /* new rows go on after the old keys */
    int64_t nk = 0;
    struct hugi_review r;
    review(&r, "coupang", "r3", "P1", "새 리뷰", 4);
    assert_int_equal(hugi_store_review_put(s, &r, 0, NULL, &nk, &err), HUGI_OK);
    assert_int_equal(nk, 3);
    hugi_store_close(s);
    pg_drop_db(db);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest common[] = {
        cmocka_unit_test_setup_teardown(test_upsert_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_iterate_and_score, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_while_iterating, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_groups_and_fetch_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_runs_and_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lease_workers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_put, setup, teardown),
    };
    if (argc > 1 && !strcmp(argv[1], "pg")) {
        pg_uri = getenv("HUGI_TEST_PG_URI");
        if (!pg_uri || !*pg_uri) {
            fprintf(stderr, "test_store pg: HUGI_TEST_PG_URI is not set (run it through "
                            "tests/pg_server.sh run, as ctest does)\n");
            return 1;
        }
        const struct CMUnitTest pg_only[] = {
            cmocka_unit_test(test_pg_open_errors),
            cmocka_unit_test(test_pg_schema_version),
            cmocka_unit_test(test_pg_concurrent_open),
            cmocka_unit_test(test_pg_migration_v1),
            cmocka_unit_test(test_pg_reconnect),
            cmocka_unit_test(test_pg_reconnect_fails),
            cmocka_unit_test_setup_teardown(test_pg_commit_fails, setup, teardown),
            cmocka_unit_test(test_pg_commit_lost),
            cmocka_unit_test_setup_teardown(test_pg_scan_lock, setup, teardown),
            cmocka_unit_test_setup_teardown(test_pg_batch_error, setup, teardown),
        };
        int failed = cmocka_run_group_tests_name("store on PostgreSQL", common, NULL, NULL);
        return failed + cmocka_run_group_tests_name("PostgreSQL only", pg_only, NULL, NULL);
    }
    const struct CMUnitTest sqlite_only[] = {
        cmocka_unit_test(test_open_errors_and_migration), cmocka_unit_test(test_migration_v2_to_v3),
        cmocka_unit_test(test_pg_uri_secrets), /* no server needed */
    };
    int failed = cmocka_run_group_tests_name("store on SQLite", common, NULL, NULL);
    return failed + cmocka_run_group_tests_name("SQLite only", sqlite_only, NULL, NULL);
}
