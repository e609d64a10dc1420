/* SPDX-License-Identifier: MIT
 * The table of functions a store backend provides. store.c dispatches every public call through
 * it, so adding a backend (PostgreSQL) means writing one more table, not touching callers.
 * Private to the store stage. */
#ifndef HUGI_STORE_BACKEND_H
#define HUGI_STORE_BACKEND_H

#include "hugi/store.h"

struct hugi_store_ops {
    const char *name;
    void (*close)(struct hugi_store *s);
    hugi_rc (*begin)(struct hugi_store *s, struct hugi_err *err);
    hugi_rc (*commit)(struct hugi_store *s, struct hugi_err *err);
    hugi_rc (*rollback)(struct hugi_store *s, struct hugi_err *err);
    hugi_rc (*run_start)(struct hugi_store *s, const char *kind, const char *note, int64_t *id,
                         struct hugi_err *err);
    hugi_rc (*run_finish)(struct hugi_store *s, int64_t id, const char *status,
                          const struct hugi_store_counts *c, struct hugi_err *err);
    hugi_rc (*runs_each)(struct hugi_store *s, long limit, hugi_store_run_cb cb, void *ctx,
                         struct hugi_err *err);
    hugi_rc (*source_put)(struct hugi_store *s, const char *name, const char *preset,
                          const char *url, struct hugi_err *err);
    hugi_rc (*product_put)(struct hugi_store *s, const char *id, const char *name,
                           struct hugi_err *err);
    hugi_rc (*product_name)(struct hugi_store *s, const char *id, char **name,
                            struct hugi_err *err);
    hugi_rc (*review_put)(struct hugi_store *s, const struct hugi_review *r, int64_t run_id,
                          enum hugi_store_put_result *result, int64_t *key, struct hugi_err *err);
    /* NULL: store.c calls review_put for each */
    hugi_rc (*reviews_put)(struct hugi_store *s, const struct hugi_review *rs, size_t n,
                           int64_t run_id, enum hugi_store_put_result *results, int64_t *keys,
                           size_t *failed, struct hugi_err *err);
    hugi_rc (*review_known)(struct hugi_store *s, const char *source, const char *id, bool *known,
                            struct hugi_err *err);
    hugi_rc (*review_get)(struct hugi_store *s, const char *source, const char *id,
                          struct hugi_stored_review *out, struct hugi_err *err);
    hugi_rc (*reviews_each)(struct hugi_store *s, const struct hugi_store_review_filter *f,
                            hugi_store_review_cb cb, void *ctx, struct hugi_err *err);
    hugi_rc (*review_versions_each)(struct hugi_store *s, int64_t key, hugi_store_review_cb cb,
                                    void *ctx, struct hugi_err *err);
    hugi_rc (*score_put)(struct hugi_store *s, int64_t key, int version,
                         const struct hugi_store_score *sc, struct hugi_err *err);
    hugi_rc (*score_get)(struct hugi_store *s, int64_t key, int version,
                         struct hugi_stored_review *out, struct hugi_err *err);
    hugi_rc (*alert_put)(struct hugi_store *s, const struct hugi_store_alert *a, bool *inserted,
                         struct hugi_err *err);
    hugi_rc (*alert_get)(struct hugi_store *s, const char *id, struct hugi_store_alert *out,
                         struct hugi_err *err);
    hugi_rc (*alerts_each)(struct hugi_store *s, const struct hugi_store_alert_filter *f,
                           hugi_store_alert_cb cb, void *ctx, struct hugi_err *err);
    hugi_rc (*alert_ack)(struct hugi_store *s, const char *id, const char *by, const char *note,
                         int64_t at, bool *was_open, struct hugi_err *err);
    hugi_rc (*group_put)(struct hugi_store *s, const struct hugi_store_group *g,
                         const int64_t *members, size_t n, bool *is_new, struct hugi_err *err);
    hugi_rc (*group_get)(struct hugi_store *s, const char *key, struct hugi_store_group *out,
                         struct hugi_err *err);
    hugi_rc (*groups_each)(struct hugi_store *s, const char *product, const char *kind,
                           int64_t since, hugi_store_group_cb cb, void *ctx, struct hugi_err *err);
    hugi_rc (*group_members)(struct hugi_store *s, const char *key, int64_t **members, size_t *n,
                             struct hugi_err *err);
    hugi_rc (*fetch_state_get)(struct hugi_store *s, const char *url,
                               struct hugi_store_fetch_state *out, struct hugi_err *err);
    hugi_rc (*fetch_state_put)(struct hugi_store *s, const struct hugi_store_fetch_state *st,
                               struct hugi_err *err);
    hugi_rc (*stats)(struct hugi_store *s, const char *product, struct hugi_store_stats *out,
                     struct hugi_err *err);
    hugi_rc (*work_add)(struct hugi_store *s, const char *queue, const char *item,
                        struct hugi_err *err);
    hugi_rc (*lease_next)(struct hugi_store *s, const char *queue, const char *worker, long lease_s,
                          long round_s, struct hugi_store_lease *out, long *pending,
                          struct hugi_err *err);
    hugi_rc (*lease_renew)(struct hugi_store *s, int64_t id, const char *worker, long lease_s,
                           struct hugi_err *err);
    hugi_rc (*lease_done)(struct hugi_store *s, int64_t id, const char *worker,
                          struct hugi_err *err);
    /* NULL: not supported (SQLite: `hugi scan` locks the store's file itself) */
    hugi_rc (*scan_lock)(struct hugi_store *s, bool shared, const char *who, char **holder,
                         struct hugi_err *err);
};

/* What every backend's handle starts with. */
struct hugi_store {
    const struct hugi_store_ops *ops;
    char *path;
    bool in_tx;
};

/* The SQLite backend (sqlite.c). path is a file path or ":memory:". */
/* What a backend does with the schema version v it found in store path: an error for one newer
 * than this hugi, or older in a read-only store; otherwise *needed tells whether to migrate. */
hugi_rc hugi_store_version_check(const char *path, int v, bool read_only, bool *needed,
                                 struct hugi_err *err);

hugi_rc hugi_store_sqlite_open(struct hugi_store **out, const char *path,
                               const struct hugi_store_opts *opts, struct hugi_err *err);

/* The PostgreSQL backend (pg.c). uri is a libpq connection URI ("postgresql://..."). */
hugi_rc hugi_store_pg_open(struct hugi_store **out, const char *uri,
                           const struct hugi_store_opts *opts, struct hugi_err *err);

#endif
