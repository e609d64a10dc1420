/* SPDX-License-Identifier: MIT
 * hugi_store: the review store. Reviews deduplicated by (source, id) with their edit history,
 * runs, scores per review version, alerts, complaint groups and per-URL fetch state.
 *
 * One interface, several backends: hugi_store_open() picks the backend from the URI
 * ("sqlite:PATH", a plain path, or "postgresql://..."); every call below dispatches through
 * the backend's table of functions, so callers never depend on SQLite.
 *
 * Ownership: strings in a struct passed *in* are borrowed for the duration of the call. Records
 * handed to a callback are borrowed until the callback returns (copy what you keep). Records
 * filled by a _get call are owned by the caller and freed with the matching _release.
 * Times are epoch seconds UTC; HUGI_NO_TIME means "none" (or "no filter" in a filter).
 *
 * Transactions: outside hugi_store_begin()/commit() every write commits on its own (slow: use a
 * transaction for batches). A crash before commit leaves the store as it was at the last commit;
 * every write is idempotent (review upsert, alert put by id, group put by key), so a rerun of the
 * interrupted work ends with exactly the rows an uninterrupted run would have written.
 *
 * PostgreSQL: a session the server ended (restart, pg_terminate_backend, idle timeout) is found
 * before the next statement is sent and, outside a transaction, opened again (a few tries within
 * 30 s; prepared statements prepared again, the scan lock taken again) without the caller
 * noticing. Once per handle: when those tries fail, every later call fails at once with the same
 * HUGI_E_STORE error ("... not tried again in this run"), the server taken for gone until the
 * store is opened again (the next run). Inside a transaction the loss is an error (HUGI_E_STORE,
 * "lost the connection"): the server rolled the transaction back, nothing is sent again, and after
 * hugi_store_rollback() the next call connects again. A loss while the COMMIT runs is said to leave
 * the outcome unknown (the server may have committed). A failed commit ends the transaction too:
 * every call but rollback fails until the caller rolls back.
 *
 * Not thread-safe: one struct hugi_store per thread. Several processes may open the same store
 * (SQLite WAL + busy timeout); a writer waits for another up to the busy timeout, then
 * HUGI_E_BUSY.
 */
#ifndef HUGI_STORE_H
#define HUGI_STORE_H

#include "hugi/core.h"
#include "hugi/review.h"

/* The schema version this build writes (PRAGMA user_version for SQLite). Older stores are
 * migrated on open; a newer one is refused with HUGI_E_UNSUPPORTED. */
#define HUGI_STORE_SCHEMA_VERSION 4

struct hugi_store;

struct hugi_store_opts {
    int busy_timeout_ms; /* 0 = 10000 */
    bool read_only;      /* open without creating or migrating */
};

/* Opens (creating and migrating when needed) the store at `uri`: "sqlite:PATH", or a plain path
 * (SQLite), or a "postgres://" / "postgresql://" URI (PostgreSQL through libpq: the URI is libpq's
 * connection URI; busy_timeout_ms becomes the session's lock_timeout). opts may be NULL. On
 * failure *out is NULL and err says why (where = the path, or the URI without its password). */
hugi_rc hugi_store_open(struct hugi_store **out, const char *uri,
                        const struct hugi_store_opts *opts, struct hugi_err *err);
/* Rolls back an open transaction, then closes. NULL is fine. */
void hugi_store_close(struct hugi_store *s);
/* "sqlite" or "postgresql"; borrowed. */
const char *hugi_store_backend(const struct hugi_store *s);
/* The path or URI the store was opened with (a URI without its password); borrowed. */
const char *hugi_store_path(const struct hugi_store *s);

/* ---- transactions ------------------------------------------------------------------------ *
 * Not nested: begin inside a transaction is HUGI_E_USAGE. */
hugi_rc hugi_store_begin(struct hugi_store *s, struct hugi_err *err);
hugi_rc hugi_store_commit(struct hugi_store *s, struct hugi_err *err);
hugi_rc hugi_store_rollback(struct hugi_store *s, struct hugi_err *err);
bool hugi_store_in_transaction(const struct hugi_store *s);

/* ---- runs -------------------------------------------------------------------------------- */
struct hugi_store_counts {
    long read;      /* records read from inputs */
    long added;     /* new reviews */
    long edited;    /* reviews whose text or rating changed */
    long unchanged; /* reviews seen before, same content */
    long rejected;  /* input records refused (bad rows) */
    long scored;
    long alerts; /* alerts newly written */
    long failed; /* sources (or files) that failed */
};

struct hugi_store_run {
    int64_t id;
    char *kind;                /* "scan", "import", ... */
    char *status;              /* "running", "ok", "partial", "failed", "interrupted" */
    char *note;                /* free text or NULL */
    int64_t started, finished; /* finished: HUGI_NO_TIME while running */
    struct hugi_store_counts counts;
};
void hugi_store_run_release(struct hugi_store_run *r);

/* Records a run as "running" (committed at once, outside any transaction, so it survives a crash
 * of the run's own transaction). Runs still "running" whose process is gone are marked
 * "interrupted" first. `kind` e.g. "scan", "import"; note may be NULL. */
hugi_rc hugi_store_run_start(struct hugi_store *s, const char *kind, const char *note,
                             int64_t *run_id, struct hugi_err *err);
/* Sets the status ("ok", "partial", "failed"), finish time and counts (counts may be NULL). */
hugi_rc hugi_store_run_finish(struct hugi_store *s, int64_t run_id, const char *status,
                              const struct hugi_store_counts *counts, struct hugi_err *err);
/* Newest first, at most `limit` (0 = all). cb returns non-zero to stop. */
typedef int (*hugi_store_run_cb)(const struct hugi_store_run *run, void *ctx);
hugi_rc hugi_store_runs_each(struct hugi_store *s, long limit, hugi_store_run_cb cb, void *ctx,
                             struct hugi_err *err);

/* ---- sources and products ---------------------------------------------------------------- *
 * Created on first use by review_put; these calls add descriptive data (NULL keeps the old). */
hugi_rc hugi_store_source_put(struct hugi_store *s, const char *name, const char *preset,
                              const char *url, struct hugi_err *err);
hugi_rc hugi_store_product_put(struct hugi_store *s, const char *id, const char *name,
                               struct hugi_err *err);
/* The product's configured name, or NULL when unknown; caller frees. */
hugi_rc hugi_store_product_name(struct hugi_store *s, const char *id, char **name,
                                struct hugi_err *err);

/* ---- reviews ----------------------------------------------------------------------------- */
enum hugi_store_put_result {
    HUGI_STORE_NEW = 1,   /* (source, id) not seen before: inserted as version 1 */
    HUGI_STORE_EDITED,    /* text or rating changed: a new version, the old one kept */
    HUGI_STORE_UNCHANGED, /* same text and rating: last_seen (and likes, url...) updated */
};
const char *hugi_store_put_result_name(enum hugi_store_put_result r); /* "new", ... */

/* A stored review: the record (current version) plus what the store knows about it. */
struct hugi_stored_review {
    struct hugi_review review; /* the current version's content */
    int64_t key;               /* the store's row id for (source, id); stable */
    int version;               /* current version number, 1.. */
    bool edited;               /* version > 1 */
    int64_t first_seen, last_seen;
    int64_t run_id; /* run that wrote the current version (0 when none) */
    bool scored;    /* a score exists for the current version (fields below) */
    double score;
    char *label;           /* "neg", "neu", "pos" */
    char *verdict;         /* rating-fused verdict or NULL */
    char *severity;        /* or NULL */
    char *categories_json; /* JSON array text or NULL */
};
void hugi_stored_review_release(struct hugi_stored_review *r);

/* Inserts or updates by (r->source, r->id); r->source and r->id must be set (see
 * hugi_review_ensure_id). Rules: a new (source, id) is inserted; the same text and rating only
 * update last_seen and the volatile fields (likes, url, fetched_at; product and lang when they
 * were unknown); a changed text or rating writes a new version, marks the review edited and keeps
 * the old version. `run_id` 0 = none. `result` and `key` may be NULL. */
hugi_rc hugi_store_review_put(struct hugi_store *s, const struct hugi_review *r, int64_t run_id,
                              enum hugi_store_put_result *result, int64_t *key,
                              struct hugi_err *err);
/* Stores rs[0..n) as n calls of hugi_store_review_put() in that order would, with the same
 * results: results[i] and keys[i] (either array may be NULL) for rs[i]. The same (source, id) may
 * come more than once. On PostgreSQL inside a transaction the reviews go in pipelined chunks, one
 * round trip for many (the bulk path of `hugi import`). On failure *failed (may be NULL) is the
 * index of the review that failed; inside a transaction the caller rolls back, as after a failed
 * review_put. */
hugi_rc hugi_store_reviews_put(struct hugi_store *s, const struct hugi_review *rs, size_t n,
                               int64_t run_id, enum hugi_store_put_result *results, int64_t *keys,
                               size_t *failed, struct hugi_err *err);
/* Whether (source, id) is stored: for stop-at-known pagination. */
hugi_rc hugi_store_review_known(struct hugi_store *s, const char *source, const char *id,
                                bool *known, struct hugi_err *err);
/* The stored review (source, id); HUGI_E_NOTFOUND when absent. out is initialised by the call;
 * release it with hugi_stored_review_release(). */
hugi_rc hugi_store_review_get(struct hugi_store *s, const char *source, const char *id,
                              struct hugi_stored_review *out, struct hugi_err *err);

struct hugi_store_review_filter {
    const char *product; /* NULL = any */
    const char *source;  /* NULL = any */
    int64_t since;       /* date (or first_seen when the date is unknown) >= since;
                            HUGI_NO_TIME = any */
    int64_t until;       /* < until; HUGI_NO_TIME = any */
    bool only_unscored;  /* current version has no score */
    int64_t run_id;      /* only reviews whose current version this run wrote; 0 = any */
    long limit;          /* 0 = all */
};
/* Initialises a filter that matches everything. */
void hugi_store_review_filter_init(struct hugi_store_review_filter *f);

/* Calls cb for each matching review, ordered by key (insertion order). Streams: memory does not
 * grow with the number of reviews. cb returns non-zero to stop (not an error). Writes from inside
 * cb to the same store are allowed (e.g. score_put). */
typedef int (*hugi_store_review_cb)(const struct hugi_stored_review *r, void *ctx);
hugi_rc hugi_store_reviews_each(struct hugi_store *s, const struct hugi_store_review_filter *f,
                                hugi_store_review_cb cb, void *ctx, struct hugi_err *err);

/* Every version of one review, oldest first (review.text etc. hold that version's content;
 * `version` its number). */
hugi_rc hugi_store_review_versions_each(struct hugi_store *s, int64_t key, hugi_store_review_cb cb,
                                        void *ctx, struct hugi_err *err);

/* ---- scores ------------------------------------------------------------------------------ */
struct hugi_store_score {
    double score;                /* [-1, 1] */
    const char *label;           /* "neg", "neu", "pos" */
    const char *verdict;         /* rating-fused: "neg", "mixed", "neu", "pos"; may be NULL */
    const char *lang;            /* detected language; may be NULL */
    const char *severity;        /* "critical", "high", "medium", "low"; may be NULL */
    const char *evidence_json;   /* JSON text stored as is; may be NULL */
    const char *categories_json; /* JSON array text; may be NULL */
    const char *model;           /* scorer/lexicon version, so a change can rescore; may be NULL */
};
/* Sets (replaces) the score of version `version` of review `key`. HUGI_E_NOTFOUND when the review
 * or version does not exist. */
hugi_rc hugi_store_score_put(struct hugi_store *s, int64_t key, int version,
                             const struct hugi_store_score *sc, struct hugi_err *err);
/* The score of (key, version) into the score fields of `out` (out->scored false when none). Only
 * the score fields are touched: label, verdict, severity, categories_json (caller frees them via
 * hugi_stored_review_release or free()). */
hugi_rc hugi_store_score_get(struct hugi_store *s, int64_t key, int version,
                             struct hugi_stored_review *out, struct hugi_err *err);

/* ---- alerts ------------------------------------------------------------------------------ */
struct hugi_store_alert {
    char *id;       /* stable id chosen by the caller, e.g. hash of kind+source+review+version */
    char *kind;     /* "review", "edited", "recurring", "spike", "emerging" */
    char *severity; /* "critical", "high", "medium", "low" */
    char *product, *source;
    char *review_id;    /* the source's review id, or NULL for group alerts */
    int64_t review_key; /* 0 when none */
    int review_version; /* 0 when none */
    double score;       /* NAN when none */
    char *categories_json;
    char *evidence_json;
    char *summary;      /* one line for lists ("delivery: 5 reviews in 7 days") or NULL */
    char *reply;        /* drafted reply or NULL */
    char *channel;      /* suggested channel or NULL */
    char *data_json;    /* anything else the report stage wants back (review snapshot...) or NULL */
    int64_t due;        /* HUGI_NO_TIME when none */
    char *status;       /* "open", "acked" (put: NULL = "open") */
    int64_t created_at; /* put: HUGI_NO_TIME = now */
    int64_t acked_at;
    char *acked_by, *note;
    int64_t run_id; /* 0 when none */
};
void hugi_store_alert_init(struct hugi_store_alert *a);
void hugi_store_alert_release(struct hugi_store_alert *a);

/* Idempotent by a->id: when an alert with that id exists nothing changes and *inserted (may be
 * NULL) is false. */
hugi_rc hugi_store_alert_put(struct hugi_store *s, const struct hugi_store_alert *a, bool *inserted,
                             struct hugi_err *err);
/* HUGI_E_NOTFOUND when absent; out initialised by the call. */
hugi_rc hugi_store_alert_get(struct hugi_store *s, const char *id, struct hugi_store_alert *out,
                             struct hugi_err *err);

struct hugi_store_alert_filter {
    bool only_open;
    const char *product; /* NULL = any */
    const char *source;  /* NULL = any */
    const char *kind;    /* NULL = any */
    int64_t since;       /* created_at >= since; HUGI_NO_TIME = any */
    int64_t run_id;      /* 0 = any */
};
void hugi_store_alert_filter_init(struct hugi_store_alert_filter *f);
/* Oldest first (created_at, then id). cb returns non-zero to stop. */
typedef int (*hugi_store_alert_cb)(const struct hugi_store_alert *a, void *ctx);
hugi_rc hugi_store_alerts_each(struct hugi_store *s, const struct hugi_store_alert_filter *f,
                               hugi_store_alert_cb cb, void *ctx, struct hugi_err *err);

/* Marks the alert handled: status "acked", acked_at = at (HUGI_NO_TIME = now), by and note (may be
 * NULL). HUGI_E_NOTFOUND for an unknown id. Acking an acked alert keeps the first ack and sets
 * *was_open (may be NULL) false. */
hugi_rc hugi_store_alert_ack(struct hugi_store *s, const char *id, const char *by, const char *note,
                             int64_t at, bool *was_open, struct hugi_err *err);

/* ---- complaint groups -------------------------------------------------------------------- */
struct hugi_store_group {
    char *key; /* stable: e.g. "recurring|P1|delivery" or "emerging|P1|배터리 부풀" */
    char *product;
    char *kind;     /* "recurring", "spike", "emerging" */
    char *category; /* category name, or NULL for emerging */
    char *phrase;   /* emerging phrase, or NULL */
    int64_t window_start, window_end;
    long count;             /* negative reviews in the window */
    long total;             /* all reviews of the product in the window */
    double baseline;        /* expected count from the baseline (spikes), or NAN */
    double stat;            /* test statistic / p-value / log-odds, kind-specific, or NAN */
    char *examples_json;    /* representative examples (JSON array) or NULL */
    int64_t first_raised;   /* put: kept from the first put of the key (HUGI_NO_TIME = now) */
    int64_t last_raised;    /* put: HUGI_NO_TIME = now */
    int64_t cooldown_until; /* HUGI_NO_TIME when none */
    int64_t run_id;
    char *severity; /* the highest of its members' ("critical", "high", "medium", "low"), stored
                     * when raised so reports need not derive it; NULL for groups stored before
                     * schema 3 or by a caller that did not set it */
};
void hugi_store_group_init(struct hugi_store_group *g);
void hugi_store_group_release(struct hugi_store_group *g);

/* Inserts or updates by g->key (first_raised kept from the first put) and replaces the group's
 * members with `members` (review keys; n may be 0). *is_new (may be NULL) says whether the key was
 * new. */
hugi_rc hugi_store_group_put(struct hugi_store *s, const struct hugi_store_group *g,
                             const int64_t *members, size_t n, bool *is_new, struct hugi_err *err);
/* HUGI_E_NOTFOUND when absent. */
hugi_rc hugi_store_group_get(struct hugi_store *s, const char *key, struct hugi_store_group *out,
                             struct hugi_err *err);
/* product / kind NULL = any; since: last_raised >= since (HUGI_NO_TIME = any). Newest first. */
typedef int (*hugi_store_group_cb)(const struct hugi_store_group *g, void *ctx);
hugi_rc hugi_store_groups_each(struct hugi_store *s, const char *product, const char *kind,
                               int64_t since, hugi_store_group_cb cb, void *ctx,
                               struct hugi_err *err);
/* The member review keys of a group, into a malloc'ed array (caller frees; NULL when n is 0). */
hugi_rc hugi_store_group_members(struct hugi_store *s, const char *key, int64_t **members,
                                 size_t *n, struct hugi_err *err);

/* ---- fetch state (conditional GET and cursors) ------------------------------------------- */
struct hugi_store_fetch_state {
    char *url;
    char *etag;          /* or NULL */
    char *last_modified; /* or NULL */
    char *cursor;        /* pagination cursor or NULL */
    int64_t updated;
};
void hugi_store_fetch_state_release(struct hugi_store_fetch_state *st);
/* HUGI_E_NOTFOUND when the URL has no state; out initialised by the call. */
hugi_rc hugi_store_fetch_state_get(struct hugi_store *s, const char *url,
                                   struct hugi_store_fetch_state *out, struct hugi_err *err);
/* Replaces the state of st->url (updated: HUGI_NO_TIME = now). */
hugi_rc hugi_store_fetch_state_put(struct hugi_store *s, const struct hugi_store_fetch_state *st,
                                   struct hugi_err *err);

/* ---- statistics -------------------------------------------------------------------------- */
struct hugi_store_stats {
    long sources, products, reviews, versions, edited, scored, alerts, alerts_open, groups, runs;
};
/* product NULL = the whole store (sources, products and runs are always store-wide). */
hugi_rc hugi_store_stats(struct hugi_store *s, const char *product, struct hugi_store_stats *out,
                         struct hugi_err *err);

/* ---- shared work: several workers (`hugi scan --worker`) on one store -------------------- *
 * A queue of named work items (a scan's sources) that workers lease one at a time: a worker
 * takes an item nobody holds, renews the lease while it works, and marks it done. A worker that
 * dies stops renewing; when its lease runs out the item is free again and the next worker takes
 * it over. A done item is not taken again until `round_s` seconds after it was done, so the
 * workers of one round (started together by cron on several hosts) do each item once, and the
 * next round does it again.
 *
 * Lease times are the database's clock (PostgreSQL: the server's, one clock for every host;
 * SQLite: the machine's), not hugi_now(). These calls are refused inside a transaction
 * (HUGI_E_USAGE): a lease must be seen by the other workers at once. PostgreSQL picks the item
 * with FOR UPDATE SKIP LOCKED, SQLite under BEGIN IMMEDIATE. */
struct hugi_store_lease {
    int64_t id;       /* the item's row; 0 when lease_next found none free */
    char *item;       /* its name (caller frees: hugi_store_lease_release) */
    int attempts;     /* times the item has been taken, this one included */
    char *taken_from; /* the worker whose expired lease this one took over, or NULL */
};
void hugi_store_lease_release(struct hugi_store_lease *l);

/* Adds `item` to `queue`; nothing when it is there already (done, leased or waiting). */
hugi_rc hugi_store_work_add(struct hugi_store *s, const char *queue, const char *item,
                            struct hugi_err *err);
/* Leases the first free item of `queue` (never taken, done more than round_s seconds ago, or
 * leased by a worker whose lease ran out) to `worker` for lease_s seconds. out->id 0: none free;
 * then *pending (may be NULL) counts the items other workers hold on live leases, which may yet
 * come free (their worker may die), so a caller waits while it is not 0. */
hugi_rc hugi_store_lease_next(struct hugi_store *s, const char *queue, const char *worker,
                              long lease_s, long round_s, struct hugi_store_lease *out,
                              long *pending, struct hugi_err *err);
/* Extends worker's lease of item id to lease_s seconds from now. HUGI_E_BUSY when the lease is
 * no longer the worker's (it ran out and another worker took the item over). */
hugi_rc hugi_store_lease_renew(struct hugi_store *s, int64_t id, const char *worker, long lease_s,
                               struct hugi_err *err);
/* Marks item id done and frees its lease. HUGI_E_BUSY as for renew (the other worker will mark
 * it done; the work was still done twice, which the idempotent puts make harmless). */
hugi_rc hugi_store_lease_done(struct hugi_store *s, int64_t id, const char *worker,
                              struct hugi_err *err);

/* ---- the scan lock (server stores) ------------------------------------------------------- *
 * One plain `hugi scan` of a store at a time, as the lock file next to a SQLite store makes it:
 * a session-level advisory lock on PostgreSQL, held until the store is closed (or its process
 * dies), whatever host the scan runs on. `shared`: the lock `--worker`s take, which any number of
 * them hold at once (they share the sources by leases) but no plain scan while they do. `who`
 * names this holder to the others (e.g. "hugi scan web1:4242"; NULL: the session's name). Does
 * not wait: HUGI_E_BUSY when another holds it, then *holder (may be NULL; caller frees; NULL when
 * the server does not say) describes who. A session lost and connected again takes it again or
 * fails the next call with HUGI_E_BUSY. HUGI_E_UNSUPPORTED on SQLite; HUGI_E_USAGE inside a
 * transaction. */
hugi_rc hugi_store_scan_lock(struct hugi_store *s, bool shared, const char *who, char **holder,
                             struct hugi_err *err);

#endif
