/* SPDX-License-Identifier: MIT
 * The store's public calls: pick a backend from the URI, then dispatch through its table of
 * functions (backend.h). Also the record helpers (init/release) shared by every backend. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"

hugi_rc hugi_store_version_check(const char *path, int v, bool read_only, bool *needed,
                                 struct hugi_err *err)
{
    *needed = false;
    if (v > HUGI_STORE_SCHEMA_VERSION)
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, path,
                            "store schema version %d is newer than this hugi supports (%d)", v,
                            HUGI_STORE_SCHEMA_VERSION);
    if (v == HUGI_STORE_SCHEMA_VERSION)
        return HUGI_OK;
    if (read_only)
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, path,
                            "store schema version %d needs migrating to %d; open it writable once",
                            v, HUGI_STORE_SCHEMA_VERSION);
    *needed = true;
    return HUGI_OK;
}

hugi_rc hugi_store_open(struct hugi_store **out, const char *uri,
                        const struct hugi_store_opts *opts, struct hugi_err *err)
{
    *out = NULL;
    if (!uri || !*uri)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "no store path given");
    if (!strncmp(uri, "postgres://", 11) || !strncmp(uri, "postgresql://", 13))
        return hugi_store_pg_open(out, uri, opts, err);
    const char *path = uri;
    if (!strncmp(uri, "sqlite:", 7))
        path = uri + 7;
    else if (strstr(uri, "://"))
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, uri, "unknown store URI scheme");
    if (!*path)
        return hugi_err_set(err, HUGI_E_USAGE, uri, "no store path given");
    return hugi_store_sqlite_open(out, path, opts, err);
}

void hugi_store_close(struct hugi_store *s)
{
    if (s)
        s->ops->close(s);
}

const char *hugi_store_backend(const struct hugi_store *s)
{
    return s->ops->name;
}

const char *hugi_store_path(const struct hugi_store *s)
{
    return s->path;
}

bool hugi_store_in_transaction(const struct hugi_store *s)
{
    return s->in_tx;
}

hugi_rc hugi_store_begin(struct hugi_store *s, struct hugi_err *err)
{
    if (s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path, "a transaction is already open");
    hugi_rc rc = s->ops->begin(s, err);
    if (!rc)
        s->in_tx = true;
    return rc;
}

hugi_rc hugi_store_commit(struct hugi_store *s, struct hugi_err *err)
{
    if (!s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path, "no transaction to commit");
    hugi_rc rc = s->ops->commit(s, err);
    if (!rc)
        s->in_tx = false;
    return rc;
}

hugi_rc hugi_store_rollback(struct hugi_store *s, struct hugi_err *err)
{
    if (!s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path, "no transaction to roll back");
    s->in_tx = false;
    return s->ops->rollback(s, err);
}

hugi_rc hugi_store_run_start(struct hugi_store *s, const char *kind, const char *note,
                             int64_t *run_id, struct hugi_err *err)
{
    if (s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path,
                            "a run must start outside a transaction, so it is recorded at once");
    return s->ops->run_start(s, kind, note, run_id, err);
}

hugi_rc hugi_store_run_finish(struct hugi_store *s, int64_t run_id, const char *status,
                              const struct hugi_store_counts *counts, struct hugi_err *err)
{
    return s->ops->run_finish(s, run_id, status, counts, err);
}

hugi_rc hugi_store_runs_each(struct hugi_store *s, long limit, hugi_store_run_cb cb, void *ctx,
                             struct hugi_err *err)
{
    return s->ops->runs_each(s, limit, cb, ctx, err);
}

void hugi_store_run_release(struct hugi_store_run *r)
{
    free(r->kind);
    free(r->status);
    free(r->note);
    memset(r, 0, sizeof *r);
}

hugi_rc hugi_store_source_put(struct hugi_store *s, const char *name, const char *preset,
                              const char *url, struct hugi_err *err)
{
    if (!name || !*name)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "source name missing");
    return s->ops->source_put(s, name, preset, url, err);
}

hugi_rc hugi_store_product_put(struct hugi_store *s, const char *id, const char *name,
                               struct hugi_err *err)
{
    if (!id || !*id)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "product id missing");
    return s->ops->product_put(s, id, name, err);
}

hugi_rc hugi_store_product_name(struct hugi_store *s, const char *id, char **name,
                                struct hugi_err *err)
{
    *name = NULL;
    return s->ops->product_name(s, id, name, err);
}

const char *hugi_store_put_result_name(enum hugi_store_put_result r)
{
    switch (r) {
    case HUGI_STORE_NEW:
        return "new";
    case HUGI_STORE_EDITED:
        return "edited";
    case HUGI_STORE_UNCHANGED:
        return "unchanged";
    }
    return "?";
}

void hugi_stored_review_release(struct hugi_stored_review *r)
{
    hugi_review_release(&r->review);
    free(r->label);
    free(r->verdict);
    free(r->severity);
    free(r->categories_json);
    struct hugi_review keep = r->review;
    memset(r, 0, sizeof *r);
    r->review = keep;
    r->score = NAN;
}

hugi_rc hugi_store_review_put(struct hugi_store *s, const struct hugi_review *r, int64_t run_id,
                              enum hugi_store_put_result *result, int64_t *key,
                              struct hugi_err *err)
{
    if (!r->source || !*r->source || !r->id || !*r->id)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a review needs a source and an id");
    return s->ops->review_put(s, r, run_id, result, key, err);
}

hugi_rc hugi_store_reviews_put(struct hugi_store *s, const struct hugi_review *rs, size_t n,
                               int64_t run_id, enum hugi_store_put_result *results, int64_t *keys,
                               size_t *failed, struct hugi_err *err)
{
    size_t bad = 0;
    if (!failed)
        failed = &bad;
    *failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rs[i].source || !*rs[i].source || !rs[i].id || !*rs[i].id) {
            *failed = i;
            return hugi_err_set(err, HUGI_E_USAGE, NULL, "a review needs a source and an id");
        }
    }
    /* the backends fill every entry: arrays of their own when the caller passed none */
    enum { CHUNK = 512 };
    enum hugi_store_put_result rbuf[CHUNK];
    int64_t kbuf[CHUNK];
    for (size_t i = 0; i < n;) {
        size_t m = n - i < CHUNK ? n - i : CHUNK;
        enum hugi_store_put_result *res = results ? results + i : rbuf;
        int64_t *key = keys ? keys + i : kbuf;
        hugi_rc rc = HUGI_OK;
        size_t at = 0;
        if (s->ops->reviews_put) {
            rc = s->ops->reviews_put(s, rs + i, m, run_id, res, key, &at, err);
        } else {
            for (; at < m && !rc; at++)
                rc = s->ops->review_put(s, &rs[i + at], run_id, &res[at], &key[at], err);
            at = rc ? at - 1 : at;
        }
        if (rc) {
            *failed = i + at;
            return rc;
        }
        i += m;
    }
    return HUGI_OK;
}

hugi_rc hugi_store_scan_lock(struct hugi_store *s, bool shared, const char *who, char **holder,
                             struct hugi_err *err)
{
    if (holder)
        *holder = NULL;
    if (!s->ops->scan_lock)
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, s->path,
                            "a %s store has no scan lock of its own (lock its file)", s->ops->name);
    if (s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path,
                            "the scan lock is taken outside a transaction");
    return s->ops->scan_lock(s, shared, who, holder, err);
}

hugi_rc hugi_store_review_known(struct hugi_store *s, const char *source, const char *id,
                                bool *known, struct hugi_err *err)
{
    return s->ops->review_known(s, source, id, known, err);
}

hugi_rc hugi_store_review_get(struct hugi_store *s, const char *source, const char *id,
                              struct hugi_stored_review *out, struct hugi_err *err)
{
    memset(out, 0, sizeof *out);
    hugi_review_init(&out->review);
    out->score = NAN;
    return s->ops->review_get(s, source, id, out, err);
}

void hugi_store_review_filter_init(struct hugi_store_review_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since = HUGI_NO_TIME;
    f->until = HUGI_NO_TIME;
}

hugi_rc hugi_store_reviews_each(struct hugi_store *s, const struct hugi_store_review_filter *f,
                                hugi_store_review_cb cb, void *ctx, struct hugi_err *err)
{
    struct hugi_store_review_filter all;
    if (!f) {
        hugi_store_review_filter_init(&all);
        f = &all;
    }
    return s->ops->reviews_each(s, f, cb, ctx, err);
}

hugi_rc hugi_store_review_versions_each(struct hugi_store *s, int64_t key, hugi_store_review_cb cb,
                                        void *ctx, struct hugi_err *err)
{
    return s->ops->review_versions_each(s, key, cb, ctx, err);
}

hugi_rc hugi_store_score_put(struct hugi_store *s, int64_t key, int version,
                             const struct hugi_store_score *sc, struct hugi_err *err)
{
    if (!sc->label || !*sc->label)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a score needs a label");
    return s->ops->score_put(s, key, version, sc, err);
}

hugi_rc hugi_store_score_get(struct hugi_store *s, int64_t key, int version,
                             struct hugi_stored_review *out, struct hugi_err *err)
{
    return s->ops->score_get(s, key, version, out, err);
}

void hugi_store_alert_init(struct hugi_store_alert *a)
{
    memset(a, 0, sizeof *a);
    a->score = NAN;
    a->due = HUGI_NO_TIME;
    a->created_at = HUGI_NO_TIME;
    a->acked_at = HUGI_NO_TIME;
}

void hugi_store_alert_release(struct hugi_store_alert *a)
{
    char **strs[] = {&a->id,
                     &a->kind,
                     &a->severity,
                     &a->product,
                     &a->source,
                     &a->review_id,
                     &a->categories_json,
                     &a->evidence_json,
                     &a->summary,
                     &a->reply,
                     &a->channel,
                     &a->data_json,
                     &a->status,
                     &a->acked_by,
                     &a->note};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    hugi_store_alert_init(a);
}

hugi_rc hugi_store_alert_put(struct hugi_store *s, const struct hugi_store_alert *a, bool *inserted,
                             struct hugi_err *err)
{
    if (!a->id || !*a->id || !a->kind || !a->severity)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "an alert needs an id, a kind and a severity");
    return s->ops->alert_put(s, a, inserted, err);
}

hugi_rc hugi_store_alert_get(struct hugi_store *s, const char *id, struct hugi_store_alert *out,
                             struct hugi_err *err)
{
    hugi_store_alert_init(out);
    return s->ops->alert_get(s, id, out, err);
}

void hugi_store_alert_filter_init(struct hugi_store_alert_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since = HUGI_NO_TIME;
}

hugi_rc hugi_store_alerts_each(struct hugi_store *s, const struct hugi_store_alert_filter *f,
                               hugi_store_alert_cb cb, void *ctx, struct hugi_err *err)
{
    struct hugi_store_alert_filter all;
    if (!f) {
        hugi_store_alert_filter_init(&all);
        f = &all;
    }
    return s->ops->alerts_each(s, f, cb, ctx, err);
}

hugi_rc hugi_store_alert_ack(struct hugi_store *s, const char *id, const char *by, const char *note,
                             int64_t at, bool *was_open, struct hugi_err *err)
{
    return s->ops->alert_ack(s, id, by, note, at, was_open, err);
}

void hugi_store_group_init(struct hugi_store_group *g)
{
    memset(g, 0, sizeof *g);
    g->window_start = g->window_end = HUGI_NO_TIME;
    g->baseline = g->stat = NAN;
    g->first_raised = g->last_raised = g->cooldown_until = HUGI_NO_TIME;
}

void hugi_store_group_release(struct hugi_store_group *g)
{
    free(g->key);
    free(g->product);
    free(g->kind);
    free(g->category);
    free(g->phrase);
    free(g->examples_json);
    free(g->severity);
    hugi_store_group_init(g);
}

hugi_rc hugi_store_group_put(struct hugi_store *s, const struct hugi_store_group *g,
                             const int64_t *members, size_t n, bool *is_new, struct hugi_err *err)
{
    if (!g->key || !*g->key || !g->kind)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a complaint group needs a key and a kind");
    return s->ops->group_put(s, g, members, n, is_new, err);
}

hugi_rc hugi_store_group_get(struct hugi_store *s, const char *key, struct hugi_store_group *out,
                             struct hugi_err *err)
{
    hugi_store_group_init(out);
    return s->ops->group_get(s, key, out, err);
}

hugi_rc hugi_store_groups_each(struct hugi_store *s, const char *product, const char *kind,
                               int64_t since, hugi_store_group_cb cb, void *ctx,
                               struct hugi_err *err)
{
    return s->ops->groups_each(s, product, kind, since, cb, ctx, err);
}

hugi_rc hugi_store_group_members(struct hugi_store *s, const char *key, int64_t **members,
                                 size_t *n, struct hugi_err *err)
{
    *members = NULL;
    *n = 0;
    return s->ops->group_members(s, key, members, n, err);
}

void hugi_store_fetch_state_release(struct hugi_store_fetch_state *st)
{
    free(st->url);
    free(st->etag);
    free(st->last_modified);
    free(st->cursor);
    memset(st, 0, sizeof *st);
    st->updated = HUGI_NO_TIME;
}

hugi_rc hugi_store_fetch_state_get(struct hugi_store *s, const char *url,
                                   struct hugi_store_fetch_state *out, struct hugi_err *err)
{
    memset(out, 0, sizeof *out);
    out->updated = HUGI_NO_TIME;
    return s->ops->fetch_state_get(s, url, out, err);
}

hugi_rc hugi_store_fetch_state_put(struct hugi_store *s, const struct hugi_store_fetch_state *st,
                                   struct hugi_err *err)
{
    if (!st->url || !*st->url)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "fetch state needs a URL");
    return s->ops->fetch_state_put(s, st, err);
}

hugi_rc hugi_store_stats(struct hugi_store *s, const char *product, struct hugi_store_stats *out,
                         struct hugi_err *err)
{
    memset(out, 0, sizeof *out);
    return s->ops->stats(s, product, out, err);
}

void hugi_store_lease_release(struct hugi_store_lease *l)
{
    free(l->item);
    free(l->taken_from);
    memset(l, 0, sizeof *l);
}

/* The lease calls commit at once, so the other workers see them: never inside a transaction. */
static hugi_rc lease_check(struct hugi_store *s, const char *worker, long lease_s,
                           struct hugi_err *err)
{
    if (s->in_tx)
        return hugi_err_set(err, HUGI_E_USAGE, s->path,
                            "work leases are taken and given back outside a transaction");
    if (!worker || !*worker)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a lease needs a worker name");
    if (lease_s < 1)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a lease lasts at least one second");
    return HUGI_OK;
}

hugi_rc hugi_store_work_add(struct hugi_store *s, const char *queue, const char *item,
                            struct hugi_err *err)
{
    if (!queue || !*queue || !item || !*item)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "a work item needs a queue and a name");
    return s->ops->work_add(s, queue, item, err);
}

hugi_rc hugi_store_lease_next(struct hugi_store *s, const char *queue, const char *worker,
                              long lease_s, long round_s, struct hugi_store_lease *out,
                              long *pending, struct hugi_err *err)
{
    memset(out, 0, sizeof *out);
    long dummy;
    if (!pending)
        pending = &dummy;
    *pending = 0;
    hugi_rc rc = lease_check(s, worker, lease_s, err);
    if (rc)
        return rc;
    if (!queue || !*queue)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "no work queue named");
    return s->ops->lease_next(s, queue, worker, lease_s, round_s < 0 ? 0 : round_s, out, pending,
                              err);
}

hugi_rc hugi_store_lease_renew(struct hugi_store *s, int64_t id, const char *worker, long lease_s,
                               struct hugi_err *err)
{
    hugi_rc rc = lease_check(s, worker, lease_s, err);
    return rc ? rc : s->ops->lease_renew(s, id, worker, lease_s, err);
}

hugi_rc hugi_store_lease_done(struct hugi_store *s, int64_t id, const char *worker,
                              struct hugi_err *err)
{
    hugi_rc rc = lease_check(s, worker, 1, err);
    return rc ? rc : s->ops->lease_done(s, id, worker, err);
}
