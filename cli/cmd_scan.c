/* SPDX-License-Identifier: MIT
 * `hugi scan`: the main job. config → fetch (conditional GET, pagination, stop at known) →
 * extract → store (new and edited reviews only) → score → complaint categories and severity →
 * alerts → recurring / spiking / emerging complaints → alert files, digest, webhook.
 *
 * Made for cron: silent when all is well; a lock so two scans of one store never interleave
 * (or, with --worker, a queue in the store that several scans share: each source is fetched by
 * one of them, leased from the queue, and a worker that dies loses its lease to the next one);
 * idempotent (alert ids are content hashes, the store's puts are idempotent), and crash-safe:
 * reviews are committed page by page together with the page's fetch state, and each review's
 * score is committed together with its alert, so a scan killed anywhere leaves reviews without
 * a score that the next scan picks up ("only_unscored") — none lost, none doubled.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "hugi/complaint.h"
#include "hugi/sent.h"

#include "hugi/config.h"
#include "hugi/extract.h"
#include "hugi/fetch.h"
#include "hugi/store.h"
#include "report_cli.h"
#include "source_cfg.h"

static const char usage[] =
    "usage: hugi scan [--product ID] [--source NAME] [--wait SECONDS] [--backfill] [--no-notify]\n"
    "                 [--worker [--lease SECONDS] [--round SECONDS]]\n"
    "\n"
    "Fetch every configured source (or one product's, or one), store new and edited reviews,\n"
    "score them, find complaints, and write alert files, the digest and the webhook.\n"
    "Silent when all is well (for cron); -v prints a summary.\n"
    "\n"
    "Options:\n"
    "  -p, --product ID     only the sources of this product\n"
    "  -s, --source NAME    only this source\n"
    "  -w, --wait SECONDS   wait this long for another scan of the same store to finish\n"
    "                       (default 0: exit 1 at once with a message)\n"
    "      --backfill       go on through pages of reviews already stored (default: stop at\n"
    "                       the first page holding only known reviews)\n"
    "      --no-notify      do not call the [notify] webhook\n"
    "      --worker         share the sources with the other `hugi scan --worker` of this\n"
    "                       store (PostgreSQL: on any host): each takes the next source nobody\n"
    "                       holds; no lock file\n"
    "      --lease SECONDS  a worker's hold on a source, renewed page by page; a dead\n"
    "                       worker's source goes to another this long after (default 300)\n"
    "      --round SECONDS  a source done less than this long ago is not fetched again by\n"
    "                       this round's workers (default 1800; below your schedule's period)\n"
    "\n"
    "Files: alert files in [alerts] dir (a folder per run with new alerts: alerts.jsonl and\n"
    "alerts.csv; open-alerts.csv always current), the digest in [report] dir.\n"
    "Exit: 0 done, 1 failure, 2 usage or configuration error, 3 partial (some sources failed\n"
    "or the webhook failed; the rest was done).\n"
    "\n";

enum { OPT_BACKFILL = 0x2301, OPT_NO_NOTIFY, OPT_WORKER, OPT_LEASE, OPT_ROUND };

struct scan {
    struct hugi_config *cfg;
    struct hugi_store *st;
    int64_t run_id, now;
    struct hugi_sent *sent;
    struct hugi_complaint_tax *tax;
    struct hugi_templates *tpl;
    struct hugi_report_opts o;
    struct hugi_store_counts counts;
    bool backfill, progress;
    int nsources, ndone, nfailed;
    struct hugi_buf failures;
    char **products; /* touched this run */
    size_t nproducts;
    struct rbatch fresh; /* alerts new in this run */
    hugi_rc fatal;
    struct hugi_err fatal_err;
    bool recover; /* the previous scan was interrupted: look at every product again */
    /* --worker: the lease held on the source being fetched (0: none) */
    char worker[300]; /* "host:pid", the lease holder's name */
    long lease_s, round_s;
    int64_t lease_id;
    const char *lease_item;
    struct timespec renewed;
};

struct src {
    struct scan *sc;
    const char *name, *url;
    struct hugi_extract_opts xo;
    struct hugi_extract_field fields[CLI_SOURCE_MAX_FIELDS];
    long added, known, read;
    bool failed;
    struct hugi_err err;
};

static void progress(struct scan *sc, const char *what)
{
    if (!sc->progress)
        return;
    fprintf(stderr, "\rhugi scan: %d/%d sources, %ld new, %ld edited, %ld alerts %s\033[K",
            sc->ndone, sc->nsources, sc->counts.added, sc->counts.edited, sc->counts.alerts,
            what ? what : "");
    fflush(stderr);
}

static void fail_source(struct scan *sc, const char *name, const struct hugi_err *err)
{
    char msg[600];
    hugi_err_format(err, msg, sizeof msg);
    sc->nfailed++;
    sc->counts.failed++;
    hugi_buf_addf(&sc->failures, "  %s: %s\n", name, msg);
}

static bool touch_product(struct scan *sc, const char *p)
{
    if (!p)
        return true;
    for (size_t i = 0; i < sc->nproducts; i++)
        if (!strcmp(sc->products[i], p))
            return true;
    char **v = realloc(sc->products, (sc->nproducts + 1) * sizeof *v);
    if (!v)
        return false;
    sc->products = v;
    if (!(v[sc->nproducts] = hugi_strdup(p)))
        return false;
    sc->nproducts++;
    return true;
}

static int load_models(struct scan *sc);

/* ---- fetch + extract + store ---------------------------------------------------------------- */

struct page_ctx {
    struct src *s;
    long known, items;
};

static hugi_rc on_review(const struct hugi_review *r, void *ctx)
{
    struct page_ctx *pc = ctx;
    struct src *s = pc->s;
    struct hugi_review copy;
    hugi_rc rc = hugi_review_copy(&copy, r);
    if (!rc)
        rc = hugi_review_ensure_id(&copy);
    enum hugi_store_put_result res = HUGI_STORE_UNCHANGED;
    if (!rc)
        rc = hugi_store_review_put(s->sc->st, &copy, s->sc->run_id, &res, NULL, &s->err);
    if (!rc) {
        pc->items++;
        s->read++;
        s->sc->counts.read++;
        if (res != HUGI_STORE_UNCHANGED && !touch_product(s->sc, copy.product))
            rc = HUGI_E_NOMEM;
        if (res == HUGI_STORE_NEW) {
            s->added++;
            s->sc->counts.added++;
        } else if (res == HUGI_STORE_EDITED) {
            s->sc->counts.edited++;
        } else {
            pc->known++;
            s->known++;
            s->sc->counts.unchanged++;
        }
    }
    hugi_review_release(&copy);
    return rc;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --worker: renews the lease on the source once a third of it has gone, so a long pagination
 * keeps it while a dead worker's runs out. A lease lost anyway (this worker stalled longer than
 * the lease) means another worker has the source now: stop paginating and leave it to that one. */
static void keep_lease(struct scan *sc, struct hugi_page_next *next)
{
    if (!sc->lease_id || seconds_since(&sc->renewed) < (double)sc->lease_s / 3)
        return;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_store_lease_renew(sc->st, sc->lease_id, sc->worker, sc->lease_s, &err);
    if (!rc) {
        clock_gettime(CLOCK_MONOTONIC, &sc->renewed);
        return;
    }
    char msg[600];
    cli_warn("%s: %s; leaving the source to it", sc->lease_item,
             hugi_err_format(&err, msg, sizeof msg));
    next->stop = true;
}

/* What a page's reviews added to the counts of stored reviews, taken back when its transaction
 * is rolled back: the run must count what is stored (what was read stays read). */
struct page_undo {
    long added, edited, unchanged, src_added, src_known;
};

static void page_undo(struct src *s, const struct page_undo *u)
{
    s->sc->counts.added = u->added;
    s->sc->counts.edited = u->edited;
    s->sc->counts.unchanged = u->unchanged;
    s->added = u->src_added;
    s->known = u->src_known;
}

static hugi_rc on_page(const struct hugi_fetch_resp *resp, int page_no, struct hugi_page_next *next,
                       void *ctx)
{
    struct src *s = ctx;
    struct scan *sc = s->sc;
    if (resp->not_modified)
        return HUGI_OK;
    struct page_ctx pc = {s, 0, 0};
    const struct page_undo undo = {sc->counts.added, sc->counts.edited, sc->counts.unchanged,
                                   s->added, s->known};
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_store_begin(sc->st, &err);
    if (rc) {
        sc->fatal = rc;
        sc->fatal_err = err;
        return rc;
    }
    s->xo.url = resp->final_url;
    s->xo.charset = resp->charset ? resp->charset : s->xo.charset;
    rc = hugi_extract(resp->body, resp->body_len, &s->xo, on_review, &pc, &res, &err);
    if (rc == HUGI_E_STORE || rc == HUGI_E_BUSY || rc == HUGI_E_NOMEM) {
        /* the store failed under us: stop the whole scan, nothing of this page is kept */
        hugi_store_rollback(sc->st, NULL);
        page_undo(s, &undo);
        hugi_extract_result_release(&res);
        sc->fatal = rc;
        sc->fatal_err = s->err.code ? s->err : err;
        return rc;
    }
    if (rc) {
        hugi_store_rollback(sc->st, NULL);
        page_undo(s, &undo);
        hugi_extract_result_release(&res);
        s->failed = true;
        s->err = err;
        next->stop = true;
        return HUGI_OK;
    }
    /* the page's validators go in with its reviews: a crash before this commit re-fetches the
     * page in full next time instead of getting a 304 for reviews never stored */
    if (page_no == 1 && (resp->etag || resp->last_modified)) {
        struct hugi_store_fetch_state fs = {.url = (char *)s->url,
                                            .etag = (char *)resp->etag,
                                            .last_modified = (char *)resp->last_modified,
                                            .updated = HUGI_NO_TIME};
        rc = hugi_store_fetch_state_put(sc->st, &fs, &err);
    }
    if (!rc)
        rc = hugi_store_commit(sc->st, &err);
    if (rc) {
        hugi_store_rollback(sc->st, NULL);
        page_undo(s, &undo);
        hugi_extract_result_release(&res);
        sc->fatal = rc;
        sc->fatal_err = err;
        return rc;
    }
    next->n_items = (size_t)pc.items;
    next->n_known = (size_t)pc.known;
    next->cursor = res.next_cursor;
    next->next_url = res.next_url;
    res.next_cursor = NULL;
    res.next_url = NULL;
    hugi_extract_result_release(&res);
    keep_lease(sc, next);
    progress(sc, s->name);
    return HUGI_OK;
}

static void on_end(const struct hugi_page_summary *sum, void *ctx)
{
    struct src *s = ctx;
    s->sc->ndone++;
    if (sum->stop == HUGI_PAGE_STOP_ERROR && !s->failed) {
        s->failed = true;
        s->err = sum->err;
    }
    if (s->failed)
        fail_source(s->sc, s->name, &s->err);
    else
        cli_info("%s: %d page%s, %ld reviews, %ld new (%s)", s->name, sum->pages,
                 sum->pages == 1 ? "" : "s", s->read, s->added, hugi_page_stop_name(sum->stop));
    progress(s->sc, NULL);
}

static int fetch_all(struct scan *sc, const char *only_source, const char *only_product,
                     struct src **srcs_out, size_t *nsrcs_out)
{
    const struct hugi_config *c = sc->cfg;
    struct hugi_err err;
    hugi_err_clear(&err);
    struct hugi_fetch_opts fo;
    hugi_fetch_opts_init(&fo);
    long max_pages = CLI_SOURCE_DEFAULT_PAGES;
    cli_fetch_opts_from_config(c, &fo, &max_pages);

    struct hugi_fetch *f = hugi_fetch_new(&fo, NULL, NULL, &err);
    if (!f) {
        cli_error_err("cannot start fetching", &err);
        return HUGI_EXIT_FAIL;
    }
    size_t n = hugi_config_subsection_count(c, "source");
    struct src *srcs = calloc(n + 1, sizeof *srcs);
    /* the requests and the strings they borrow, kept until the run ends */
    struct cli_source_req *reqs = calloc(n + 1, sizeof *reqs);
    struct hugi_store_fetch_state *states = calloc(n + 1, sizeof *states);
    if (!srcs || !reqs || !states) {
        free(srcs);
        free(reqs);
        free(states);
        hugi_fetch_free(f);
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    int ret = HUGI_EXIT_OK;
    size_t used = 0;
    for (size_t i = 0; i < n && !ret; i++) {
        const char *name = hugi_config_subsection(c, "source", i);
        bool enabled = true;
        hugi_config_bool(c, "source", name, "enabled", &enabled, &err);
        const char *product = cli_source_product(c, name);
        if (!enabled || (only_source && strcmp(only_source, name)) ||
            (only_product && !hugi_str_eq(product, only_product)))
            continue;
        const char *url = hugi_config_value(c, "source", name, "url");
        if (!url) {
            cli_error("source '%s' has no url (%s)", name, hugi_config_name(c));
            ret = HUGI_EXIT_USAGE;
            break;
        }
        struct src *s = &srcs[used++];
        s->sc = sc;
        s->name = name;
        s->url = url;
        hugi_extract_opts_init(&s->xo);
        size_t nf = 0;
        ret = cli_source_extract_opts(c, name, &s->xo, s->fields, &nf, CLI_SOURCE_MAX_FIELDS, 0);
        if (ret)
            break;
        s->xo.name = name;
        s->xo.source = name;
        s->xo.product = product;
        s->xo.fetched_at = sc->now;
        hugi_store_source_put(sc->st, name, hugi_config_value(c, "source", name, "preset"), url,
                              NULL);

        ret = cli_source_req_init(c, name, max_pages, &reqs[i]);
        if (ret)
            break;
        struct hugi_fetch_req *req = &reqs[i].req;
        /* conditional GET, unless --backfill asks for everything again */
        if (!sc->backfill && hugi_store_fetch_state_get(sc->st, url, &states[i], NULL) == HUGI_OK) {
            req->etag = states[i].etag;
            req->last_modified = states[i].last_modified;
        }
        reqs[i].po.backfill = sc->backfill;
        if (hugi_fetch_paginate(f, req, &reqs[i].po, on_page, on_end, s, &err)) {
            s->failed = true;
            s->err = err;
            sc->ndone++;
            fail_source(sc, name, &err);
        }
    }
    sc->nsources = (int)used;
    if (!ret) {
        progress(sc, NULL);
        if (hugi_fetch_run(f, &err) && !sc->fatal) {
            sc->fatal = err.code ? err.code : HUGI_E_INTERNAL;
            sc->fatal_err = err;
        }
        if (sc->fatal) {
            cli_error_err("scan stopped", &sc->fatal_err);
            ret = HUGI_EXIT_FAIL;
        }
    }
    for (size_t i = 0; i < n; i++) {
        cli_source_req_release(&reqs[i]);
        hugi_store_fetch_state_release(&states[i]);
    }
    free(reqs);
    free(states);
    hugi_fetch_free(f);
    *srcs_out = srcs;
    *nsrcs_out = used;
    return ret;
}

/* Whether source `name` is one this scan fetches (enabled, and matching --source/--product). */
static bool selected(const struct hugi_config *c, const char *name, const char *only_source,
                     const char *only_product)
{
    bool enabled = true;
    struct hugi_err err;
    hugi_config_bool(c, "source", name, "enabled", &enabled, &err);
    return enabled && !(only_source && strcmp(only_source, name)) &&
           !(only_product && !hugi_str_eq(cli_source_product(c, name), only_product));
}

/* The product id a mistyped --product most likely meant ("p-tmb02": 'P-TMB02'), of those the
 * sources name; NULL when none is close. */
static const char *closest_product(const struct hugi_config *c, const char *typo)
{
    size_t n = hugi_config_subsection_count(c, "source");
    const char **ids = calloc(n + 1, sizeof *ids);
    if (!ids)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = cli_source_product(c, hugi_config_subsection(c, "source", i));
        if (p)
            ids[k++] = p;
    }
    const char *best = hugi_closest_name(typo, ids, k);
    free(ids);
    return best;
}

/* An on-demand scan whose --product or --source selects nothing would otherwise exit 0 having
 * fetched nothing, so a mistyped product id looked like "no new reviews". */
static int check_selection(const struct hugi_config *c, const char *only_source,
                           const char *only_product)
{
    size_t n = hugi_config_subsection_count(c, "source");
    size_t matching = 0; /* enabled or not */
    for (size_t i = 0; i < n; i++) {
        const char *name = hugi_config_subsection(c, "source", i);
        if (selected(c, name, only_source, only_product))
            return HUGI_EXIT_OK;
        matching += !(only_source && strcmp(only_source, name)) &&
                    !(only_product && !hugi_str_eq(cli_source_product(c, name), only_product));
    }
    const char *file = hugi_config_name(c);
    const char *hint = NULL;
    if (matching && only_source)
        cli_error("nothing to scan: source '%s' is disabled (enabled = false in %s)", only_source,
                  file);
    else if (matching)
        cli_error("nothing to scan: every source of product '%s' is disabled (enabled = false in "
                  "%s)",
                  only_product, file);
    else if (only_source)
        cli_error("nothing to scan: source '%s' is not one of product '%s' in %s", only_source,
                  only_product, file);
    else if ((hint = closest_product(c, only_product)))
        cli_error("no source of product '%s' in %s (did you mean '%s'? else a [source] names it "
                  "with product = ..., or [product \"%s\"] with sources = ...)",
                  only_product, file, hint, only_product);
    else
        cli_error("no source of product '%s' in %s (a [source] names it with product = ..., or "
                  "[product \"%s\"] with sources = ...)",
                  only_product, file, only_product);
    return HUGI_EXIT_USAGE;
}

/* --worker: queues this scan's sources in the store (the other workers queue the same ones; a
 * source is queued once), then fetches one leased source at a time until none is left, waiting
 * while other workers hold some, since one of them may die and its source come free. Every
 * source is in the store when this returns, whoever fetched it, so scoring and aggregating after
 * it see the whole round. */
static int fetch_shared(struct scan *sc, const char *only_source, const char *only_product,
                        const char *queue)
{
    const struct hugi_config *c = sc->cfg;
    struct hugi_err err;
    hugi_err_clear(&err);
    size_t n = hugi_config_subsection_count(c, "source");
    for (size_t i = 0; i < n; i++) {
        const char *name = hugi_config_subsection(c, "source", i);
        if (selected(c, name, only_source, only_product) &&
            hugi_store_work_add(sc->st, queue, name, &err)) {
            cli_error_err("cannot queue the sources", &err);
            return HUGI_EXIT_FAIL;
        }
    }
    int ret = HUGI_EXIT_OK, nsources = 0;
    bool said = false, checked_empty = false;
    struct timespec started;
    clock_gettime(CLOCK_MONOTONIC, &started);
    for (;;) {
        struct hugi_store_lease l;
        long pending = 0;
        /* a source done since this worker started (by it or another) belongs to this round
         * whatever --round says: taking it again would fetch it twice, and with a round shorter
         * than the scan (--round 0) never end. Seconds of the database's clock pass as ours; 2 s
         * of slack. */
        long round = sc->round_s, ran = (long)seconds_since(&started) + 2;
        if (round < ran)
            round = ran;
        if (hugi_store_lease_next(sc->st, queue, sc->worker, sc->lease_s, round, &l, &pending,
                                  &err)) {
            cli_error_err("cannot take a source from the queue", &err);
            ret = HUGI_EXIT_FAIL;
            break;
        }
        if (!l.id) {
            /* the pick and the count are two statements: a lease that runs out between them
             * is neither taken nor pending, so an empty queue is believed only when a pick made
             * after a count of none still finds nothing */
            if (!pending && checked_empty)
                break;
            checked_empty = !pending;
            if (!pending)
                continue;
            if (!said)
                cli_info("waiting for %ld source%s other workers hold", pending,
                         pending == 1 ? "" : "s");
            said = true;
            struct timespec ts = {0, 250 * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        said = false;
        checked_empty = false;
        if (l.taken_from)
            cli_info("%s: taken over from %s, whose lease ran out (attempt %d)", l.item,
                     l.taken_from, l.attempts);
        else
            cli_info("%s: leased", l.item);
        if (!selected(c, l.item, only_source, only_product) ||
            !hugi_config_has_subsection(c, "source", l.item)) {
            /* another worker's configuration has it and this one not: done here means not
             * fetched, so say so loudly (the workers of one store should share a config) */
            cli_warn("source '%s' is queued but not in %s; marked done without fetching", l.item,
                     hugi_config_name(c));
        } else {
            sc->lease_id = l.id;
            sc->lease_item = l.item;
            clock_gettime(CLOCK_MONOTONIC, &sc->renewed);
            struct src *srcs = NULL;
            size_t ns = 0;
            ret = fetch_all(sc, l.item, only_product, &srcs, &ns);
            free(srcs);
            nsources += sc->nsources;
            sc->lease_id = 0;
            sc->lease_item = NULL;
        }
        if (ret) {
            /* the lease is left to run out: another worker retries the source */
            hugi_store_lease_release(&l);
            break;
        }
        if (hugi_store_lease_done(sc->st, l.id, sc->worker, &err)) {
            char msg[600];
            cli_warn("%s: %s", l.item, hugi_err_format(&err, msg, sizeof msg));
        }
        hugi_store_lease_release(&l);
    }
    sc->nsources = nsources;
    return ret;
}

/* ---- score + alert -------------------------------------------------------------------------- */

struct score_ctx {
    struct scan *sc;
    struct hugi_sent_result res;
    struct hugi_complaint_match m;
    struct hugi_complaint_sev_cfg sev;
    long in_tx;
    hugi_rc rc;
    struct hugi_err err;
    int models_rc;
};

static hugi_rc evidence(const struct hugi_review *r, const struct hugi_sent_result *res,
                        const struct hugi_complaint_match *m, struct hugi_buf *json, char ***ev,
                        size_t *nev)
{
    const char *text = r->text ? r->text : "";
    size_t tl = strlen(text);
    hugi_rc rc = hugi_buf_addc(json, '[');
    *ev = calloc(res->nev + m->nspans + 1, sizeof **ev);
    *nev = 0;
    if (!*ev)
        return HUGI_E_NOMEM;
    /* the phrases that made it negative, then the complaint phrases */
    for (size_t i = 0; !rc && i < res->nev; i++) {
        const struct hugi_sent_evidence *e = &res->ev[i];
        if (e->end > tl || e->start >= e->end)
            continue;
        if (json->len > 1)
            rc = hugi_buf_addc(json, ',');
        if (!rc)
            rc = hugi_buf_addstr(json, "{\"text\":");
        if (!rc)
            rc = hugi_json_str(json, text + e->start, e->end - e->start);
        if (!rc)
            rc = hugi_buf_addf(json, ",\"weight\":%.3f,\"start\":%u,\"end\":%u}", e->weight,
                               e->start, e->end);
        if (!rc && e->weight < 0 && *nev < 6)
            (*ev)[(*nev)++] = hugi_strndup(text + e->start, e->end - e->start);
    }
    for (size_t i = 0; !rc && i < m->nspans && *nev < 8; i++) {
        const struct hugi_complaint_span *sp = &m->spans[i];
        if (sp->end > tl || sp->start >= sp->end)
            continue;
        bool dup = false;
        for (size_t k = 0; k < *nev; k++)
            dup |= strlen((*ev)[k]) == sp->end - sp->start &&
                   !memcmp((*ev)[k], text + sp->start, sp->end - sp->start);
        if (!dup)
            (*ev)[(*nev)++] = hugi_strndup(text + sp->start, sp->end - sp->start);
    }
    return rc ? rc : hugi_buf_addc(json, ']');
}

/* The store row of a raised alert: the fields every kind of alert fills alike (a review alert
 * adds its review, score, categories and evidence). Borrows from `a`; nothing to release. */
static void store_alert_from(struct hugi_store_alert *sa, const struct hugi_alert *a,
                             char *data_json, int64_t run_id)
{
    hugi_store_alert_init(sa);
    sa->id = a->id;
    sa->kind = (char *)hugi_alert_kind_name(a->kind);
    sa->severity = (char *)hugi_alert_sev_name(a->severity);
    sa->product = a->product;
    sa->source = a->source;
    sa->summary = a->summary;
    sa->reply = a->reply;
    sa->channel = a->channel;
    sa->data_json = data_json;
    sa->due = a->due;
    sa->created_at = a->created;
    sa->run_id = run_id;
}

static hugi_rc score_one(struct score_ctx *x, const struct hugi_stored_review *sr)
{
    struct scan *sc = x->sc;
    const struct hugi_review *r = &sr->review;
    struct hugi_buf text;
    hugi_buf_init(&text, 0);
    hugi_rc rc = HUGI_OK;
    if (r->title && *r->title) {
        rc = hugi_buf_addstr(&text, r->title);
        if (!rc)
            rc = hugi_buf_addstr(&text, ". ");
    }
    size_t off = text.len;
    if (!rc)
        rc = hugi_buf_addstr(&text, r->text ? r->text : "");
    if (!rc)
        rc = hugi_sent_score(sc->sent, text.data, text.len, &x->res, &x->err);
    /* categories on the review text alone, so evidence offsets point into r->text; the
     * critical model's gate opens on a negative score or a 1-2 star rating */
    if (!rc)
        rc = hugi_complaint_categorize_gated(sc->tax, text.data + off, text.len - off, NULL,
                                             x->res.score < 0 || r->rating <= 2, &x->m, &x->err);
    if (rc) {
        hugi_buf_release(&text);
        return rc;
    }
    /* sentiment evidence offsets are into title+text: shift them to the text */
    for (size_t i = 0; i < x->res.nev; i++) {
        if (x->res.ev[i].start >= off) {
            x->res.ev[i].start -= (uint32_t)off;
            x->res.ev[i].end -= (uint32_t)off;
        } else {
            x->res.ev[i].start = x->res.ev[i].end = 0;
        }
    }
    hugi_buf_release(&text);
    double rating = isnan(r->rating) ? 0 : r->rating;
    int verdict = hugi_sent_verdict(&x->res, rating, 5);
    struct hugi_complaint_sev_in si = {.score = x->res.score,
                                       .rating = r->rating,
                                       .cats = x->m.cats,
                                       .likes = r->likes,
                                       .replies = -1,
                                       .date = r->date,
                                       .now = sc->now};
    enum hugi_complaint_severity sev = hugi_complaint_severity(sc->tax, &x->sev, &si);
    struct hugi_buf cats, evj;
    hugi_buf_init(&cats, 0);
    hugi_buf_init(&evj, 0);
    char **ev = NULL;
    size_t nev = 0;
    rc = hugi_complaint_cats_json(sc->tax, x->m.cats, &cats);
    if (!rc)
        rc = evidence(r, &x->res, &x->m, &evj, &ev, &nev);
    const char *label = hugi_sent_label_name(x->res.label);
    const char *vname = hugi_sent_verdict_name(verdict);
    const char *sevname = sev == HUGI_SEV_NONE ? NULL : hugi_complaint_severity_name(sev);
    struct hugi_store_score ss = {.score = x->res.score,
                                  .label = label,
                                  .verdict = vname,
                                  .lang = hugi_sent_lang_name(x->res.lang),
                                  .severity = sevname,
                                  .evidence_json = evj.data,
                                  .categories_json = cats.data,
                                  .model = hugi_sent_version()};
    if (!rc)
        rc = hugi_store_score_put(sc->st, sr->key, sr->version, &ss, &x->err);
    sc->counts.scored++;
    /* the alert, in the same transaction as the score */
    const char *catv[HUGI_COMPLAINT_MAX_CATS];
    size_t ncat = 0;
    for (int i = 0; i < hugi_complaint_tax_count(sc->tax); i++)
        if (x->m.cats & ((uint64_t)1 << i))
            catv[ncat++] = hugi_complaint_tax_key(sc->tax, i);
    struct hugi_report_score rs = {.score = x->res.score,
                                   .label = label,
                                   .verdict = vname,
                                   .severity = sevname,
                                   .categories = catv,
                                   .ncategories = ncat,
                                   .evidence = (const char *const *)ev,
                                   .nevidence = nev};
    struct hugi_review rl;
    if (!rc)
        rc = hugi_review_copy(&rl, r);
    if (!rc && !rl.lang) {
        /* the reply's language: what the scorer detected when the source did not say */
        const char *dl = hugi_sent_lang_name(x->res.lang);
        if (strcmp(dl, "other"))
            rl.lang = hugi_strdup(dl);
    }
    struct hugi_alert a;
    bool raised = false;
    if (!rc) {
        char *pname = NULL;
        hugi_store_product_name(sc->st, r->product, &pname, NULL);
        const char *cname =
            r->product ? hugi_config_value(sc->cfg, "product", r->product, "name") : NULL;
        rc = hugi_report_alert_review(&sc->o, sc->tpl, &rl, cname ? cname : pname, sr->version,
                                      sr->edited, &rs, sc->now, &a, &raised, &x->err);
        free(pname);
        hugi_review_release(&rl);
    }
    if (!rc && raised) {
        struct hugi_buf data;
        hugi_buf_init(&data, 0);
        rc = hugi_alert_to_json(&a, false, &data);
        if (!rc && data.len)
            data.data[--data.len] = '\0';
        struct hugi_store_alert sa;
        store_alert_from(&sa, &a, data.data, sc->run_id);
        sa.review_id = a.review.id;
        sa.review_key = sr->key;
        sa.review_version = sr->version;
        sa.score = a.score;
        sa.categories_json = cats.data;
        sa.evidence_json = evj.data;
        bool inserted = false;
        if (!rc)
            rc = hugi_store_alert_put(sc->st, &sa, &inserted, &x->err);
        hugi_buf_release(&data);
        if (!rc && inserted) {
            sc->counts.alerts++;
            rc = rbatch_add_alert(&sc->fresh, &a, NULL);
        }
        hugi_alert_release(&a);
    }
    for (size_t i = 0; i < nev; i++)
        free(ev[i]);
    free(ev);
    hugi_buf_release(&cats);
    hugi_buf_release(&evj);
    if (!rc && !touch_product(sc, r->product))
        rc = HUGI_E_NOMEM;
    return rc;
}

static int on_unscored(const struct hugi_stored_review *sr, void *ctx)
{
    struct score_ctx *x = ctx;
    if (!x->sc->sent && (x->models_rc = load_models(x->sc)))
        return 1;
    if (!x->in_tx) {
        x->rc = hugi_store_begin(x->sc->st, &x->err);
        if (x->rc)
            return 1;
    }
    x->rc = score_one(x, sr);
    if (x->rc)
        return 1;
    if (++x->in_tx >= 500) {
        x->rc = hugi_store_commit(x->sc->st, &x->err);
        x->in_tx = 0;
        progress(x->sc, "scoring");
    }
    return x->rc != HUGI_OK;
}

static int score_all(struct scan *sc)
{
    struct score_ctx x;
    memset(&x, 0, sizeof x);
    x.sc = sc;
    hugi_sent_result_init(&x.res);
    hugi_complaint_match_init(&x.m);
    hugi_complaint_sev_cfg_init(&x.sev);
    double th;
    if (!hugi_config_double(sc->cfg, "sentiment", NULL, "neg_threshold", &th, NULL))
        x.sev.neg_score = th;
    struct hugi_store_review_filter f;
    hugi_store_review_filter_init(&f);
    f.only_unscored = true;
    hugi_rc rc = hugi_store_reviews_each(sc->st, &f, on_unscored, &x, &x.err);
    if (x.models_rc) {
        hugi_sent_result_release(&x.res);
        hugi_complaint_match_release(&x.m);
        return x.models_rc;
    }
    if (!rc)
        rc = x.rc;
    if (!rc && x.in_tx)
        rc = hugi_store_commit(sc->st, &x.err);
    if (rc && hugi_store_in_transaction(sc->st))
        hugi_store_rollback(sc->st, NULL);
    hugi_sent_result_release(&x.res);
    hugi_complaint_match_release(&x.m);
    if (rc) {
        cli_error_err("cannot score reviews", &x.err);
        return HUGI_EXIT_FAIL;
    }
    return HUGI_EXIT_OK;
}

/* ---- complaint groups ----------------------------------------------------------------------- */

struct agg_ctx {
    struct scan *sc;
    struct hugi_complaint_rec *recs;
    struct hugi_review *revs;
    size_t n, cap;
    hugi_rc rc;
};

static int on_agg_review(const struct hugi_stored_review *sr, void *ctx)
{
    struct agg_ctx *ac = ctx;
    if (!sr->scored)
        return 0;
    if (ac->n == ac->cap) {
        size_t cap = ac->cap ? ac->cap * 2 : 256;
        struct hugi_complaint_rec *r = realloc(ac->recs, cap * sizeof *r);
        if (r)
            ac->recs = r;
        struct hugi_review *v = realloc(ac->revs, cap * sizeof *v);
        if (v)
            ac->revs = v;
        if (!r || !v) {
            ac->rc = HUGI_E_NOMEM;
            return 1;
        }
        ac->cap = cap;
    }
    struct hugi_review *rv = &ac->revs[ac->n];
    if ((ac->rc = hugi_review_copy(rv, &sr->review)))
        return 1;
    struct hugi_complaint_rec *rec = &ac->recs[ac->n];
    memset(rec, 0, sizeof *rec);
    rec->id = rv->id;
    rec->key = sr->key;
    rec->date = rv->date != HUGI_NO_TIME ? rv->date : sr->first_seen;
    const char *v = sr->verdict ? sr->verdict : sr->label;
    rec->negative = v && (!strcmp(v, "neg") || !strcmp(v, "mixed"));
    if (sr->categories_json)
        hugi_complaint_cats_parse(ac->sc->tax, sr->categories_json, strlen(sr->categories_json),
                                  &rec->cats, NULL, NULL);
    rec->score = sr->score;
    rec->likes = rv->likes;
    rec->text = rv->text ? rv->text : "";
    rec->text_len = strlen(rec->text);
    ac->n++;
    return 0;
}

struct prior_ctx {
    struct hugi_complaint_prior *v;
    char **keys;
    size_t n;
};

static int on_group(const struct hugi_store_group *g, void *ctx)
{
    struct prior_ctx *pc = ctx;
    struct hugi_complaint_prior *v = realloc(pc->v, (pc->n + 1) * sizeof *v);
    char **k = realloc(pc->keys, (pc->n + 1) * sizeof *k);
    if (v)
        pc->v = v;
    if (k)
        pc->keys = k;
    if (!v || !k)
        return 1;
    k[pc->n] = hugi_strdup(g->key);
    v[pc->n].key = k[pc->n];
    v[pc->n].cooldown_until = g->cooldown_until;
    pc->n++;
    return 0;
}

static hugi_rc raise_group(struct scan *sc, const char *product, struct agg_ctx *ac,
                           const struct hugi_complaint_group *g, int64_t cooldown,
                           struct hugi_err *err)
{
    struct hugi_review ex[8];
    size_t nex = 0;
    for (int i = 0; i < g->nexamples && i < 8; i++)
        ex[nex++] = ac->revs[g->examples[i]];
    const char *cat = g->cat >= 0 ? hugi_complaint_tax_key(sc->tax, g->cat) : NULL;
    enum hugi_alert_kind kind = g->kind == HUGI_GROUP_SPIKE      ? HUGI_ALERT_SPIKE
                                : g->kind == HUGI_GROUP_EMERGING ? HUGI_ALERT_EMERGING
                                                                 : HUGI_ALERT_RECURRING;
    /* one alert per group and raise: the day joins the key, the cool-down keeps it to one */
    char day[21];
    hugi_time_format(sc->now, day);
    struct hugi_buf key;
    hugi_buf_init(&key, 0);
    hugi_rc rc = hugi_buf_addf(&key, "%s@%.10s", g->key, day);
    const char *cname = hugi_config_value(sc->cfg, "product", product, "name");
    int64_t first = 0; /* the group's earliest review: the notice's "since" */
    for (size_t i = 0; i < g->nmembers; i++) {
        int64_t d = ac->recs[g->members[i]].date;
        if (d != HUGI_NO_TIME && (!first || d < first))
            first = d;
    }
    struct hugi_report_group rg = {.key = key.data,
                                   .kind = kind,
                                   .product = product,
                                   .product_name = cname,
                                   .category = cat,
                                   .phrase = g->phrase,
                                   .count = g->count,
                                   .total = g->total,
                                   .baseline = g->baseline,
                                   .window_start = g->window_start,
                                   .window_end = g->window_end,
                                   .first = first,
                                   .examples = ex,
                                   .nexamples = nex};
    struct hugi_alert a;
    if (!rc)
        rc = hugi_report_alert_group(&sc->o, sc->tpl, &rg, sc->now, &a, err);
    hugi_buf_release(&key);
    if (rc)
        return rc;
    int64_t *members = calloc(g->nmembers + 1, sizeof *members);
    struct hugi_buf data, exj;
    hugi_buf_init(&data, 0);
    hugi_buf_init(&exj, 0);
    if (!members)
        rc = HUGI_E_NOMEM;
    for (size_t i = 0; !rc && i < g->nmembers; i++)
        members[i] = ac->recs[g->members[i]].key;
    if (!rc)
        rc = hugi_alert_to_json(&a, false, &data);
    if (!rc && data.len)
        data.data[--data.len] = '\0';
    if (!rc)
        rc = hugi_buf_addc(&exj, '[');
    for (size_t i = 0; !rc && i < nex; i++) {
        if (i)
            rc = hugi_buf_addc(&exj, ',');
        if (!rc)
            rc = hugi_json_strz(&exj, ex[i].id);
    }
    if (!rc)
        rc = hugi_buf_addc(&exj, ']');
    struct hugi_store_group sg;
    hugi_store_group_init(&sg);
    sg.key = g->key;
    sg.product = (char *)product;
    sg.kind = (char *)hugi_complaint_kind_name(g->kind);
    sg.category = (char *)cat;
    sg.phrase = g->phrase;
    sg.window_start = g->window_start;
    sg.window_end = g->window_end;
    sg.count = g->count;
    sg.total = g->total;
    sg.baseline = g->baseline;
    sg.stat = g->stat;
    sg.examples_json = exj.data;
    sg.severity = (char *)hugi_alert_sev_name(a.severity); /* stored with the group (schema 3) */
    sg.last_raised = sc->now;
    sg.cooldown_until = sc->now + cooldown;
    sg.run_id = sc->run_id;
    struct hugi_store_alert sa;
    store_alert_from(&sa, &a, data.data, sc->run_id);
    bool inserted = false;
    /* group and alert in one transaction: a crash leaves neither, the next scan raises both */
    if (!rc)
        rc = hugi_store_begin(sc->st, err);
    if (!rc)
        rc = hugi_store_group_put(sc->st, &sg, members, g->nmembers, NULL, err);
    if (!rc)
        rc = hugi_store_alert_put(sc->st, &sa, &inserted, err);
    if (!rc)
        rc = hugi_store_commit(sc->st, err);
    /* a failed COMMIT leaves the transaction to roll back too: until then the store takes no
     * other call (nor the run's end) */
    if (rc && hugi_store_in_transaction(sc->st))
        hugi_store_rollback(sc->st, NULL);
    if (!rc && inserted) {
        sc->counts.alerts++;
        rc = rbatch_add_alert(&sc->fresh, &a, NULL);
    }
    hugi_alert_release(&a);
    free(members);
    hugi_buf_release(&data);
    hugi_buf_release(&exj);
    return rc;
}

static int on_run(const struct hugi_store_run *run, void *ctx)
{
    struct scan *sc = ctx;
    if (run->id == sc->run_id || !hugi_str_eq(run->kind, "scan"))
        return 0;
    /* the scan before this one: anything but a finished run may have left groups unraised */
    sc->recover = !run->status || (strcmp(run->status, "ok") && strcmp(run->status, "partial"));
    return 1;
}

static int aggregate(struct scan *sc)
{
    struct hugi_err err0;
    hugi_err_clear(&err0);
    hugi_store_runs_each(sc->st, 0, on_run, sc, &err0);
    if (sc->recover) {
        size_t np = hugi_config_subsection_count(sc->cfg, "product");
        for (size_t i = 0; i < np; i++)
            if (!touch_product(sc, hugi_config_subsection(sc->cfg, "product", i)))
                return HUGI_EXIT_FAIL;
        size_t ns = hugi_config_subsection_count(sc->cfg, "source");
        for (size_t i = 0; i < ns; i++)
            if (!touch_product(
                    sc, cli_source_product(sc->cfg, hugi_config_subsection(sc->cfg, "source", i))))
                return HUGI_EXIT_FAIL;
    }
    struct hugi_complaint_agg_cfg ac_cfg;
    hugi_complaint_agg_cfg_init(&ac_cfg);
    ac_cfg.now = sc->now + 1;
    struct hugi_err err;
    hugi_err_clear(&err);
    double d;
    long v;
    if (!hugi_config_duration(sc->cfg, "complaints", NULL, "window", &d, &err))
        ac_cfg.window_days = (int)(d / 86400 + 0.5) > 0 ? (int)(d / 86400 + 0.5) : 1;
    if (!hugi_config_int(sc->cfg, "complaints", NULL, "min_count", &v, &err))
        ac_cfg.recur_min = v;
    if (!hugi_config_double(sc->cfg, "complaints", NULL, "share", &d, &err))
        ac_cfg.recur_share = d;
    if (!hugi_config_int(sc->cfg, "complaints", NULL, "baseline_days", &v, &err))
        ac_cfg.baseline_buckets = (int)v;
    double cooldown = 3 * 86400;
    hugi_config_duration(sc->cfg, "complaints", NULL, "cooldown", &cooldown, &err);
    ac_cfg.cooldown = (int64_t)cooldown;
    int64_t since = sc->now - (int64_t)(ac_cfg.baseline_buckets + ac_cfg.window_days + 2) * 86400;
    int ret = sc->nproducts ? load_models(sc) : HUGI_EXIT_OK;
    for (size_t p = 0; p < sc->nproducts && !ret; p++) {
        const char *product = sc->products[p];
        struct agg_ctx ac = {.sc = sc};
        struct hugi_store_review_filter f;
        hugi_store_review_filter_init(&f);
        f.product = product;
        f.since = since;
        struct prior_ctx pc = {0};
        struct hugi_complaint_groups groups;
        hugi_complaint_groups_init(&groups);
        hugi_rc rc = hugi_store_reviews_each(sc->st, &f, on_agg_review, &ac, &err);
        if (!rc)
            rc = ac.rc;
        if (!rc)
            rc = hugi_store_groups_each(sc->st, product, NULL, HUGI_NO_TIME, on_group, &pc, &err);
        if (!rc)
            rc = hugi_complaint_aggregate(sc->tax, &ac_cfg, product, ac.recs, ac.n, pc.v, pc.n,
                                          &groups, &err);
        for (size_t i = 0; !rc && i < groups.n; i++)
            if (groups.v[i].fresh)
                rc = raise_group(sc, product, &ac, &groups.v[i], (int64_t)cooldown, &err);
        if (rc) {
            cli_error_err("cannot find complaint groups", &err);
            ret = HUGI_EXIT_FAIL;
        }
        hugi_complaint_groups_release(&groups);
        for (size_t i = 0; i < ac.n; i++)
            hugi_review_release(&ac.revs[i]);
        free(ac.revs);
        free(ac.recs);
        for (size_t i = 0; i < pc.n; i++)
            free(pc.keys[i]);
        free(pc.keys);
        free(pc.v);
    }
    return ret;
}

/* ---- outputs -------------------------------------------------------------------------------- */

static int outputs(struct scan *sc, const struct hugi_config *c, const char *adir, const char *rdir,
                   bool notify, bool *webhook_failed);

struct prev_scan {
    int64_t current, started; /* started: HUGI_NO_TIME until found */
};

static int prev_scan_cb(const struct hugi_store_run *run, void *ctx)
{
    struct prev_scan *p = ctx;
    if (run->id == p->current || !run->kind || strcmp(run->kind, "scan"))
        return 0;
    p->started = run->started;
    return 1;
}

/* Whether an open alert fell due since the previous scan: the digest's overdue figures and
 * marks changed with the clock, though no review did. */
static bool fell_due_since_last_scan(struct scan *sc)
{
    struct prev_scan p = {sc->run_id, HUGI_NO_TIME};
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_store_runs_each(sc->st, 50, prev_scan_cb, &p, &err) || p.started == HUGI_NO_TIME)
        return true; /* not known: rewrite rather than show a stale page */
    struct rbatch b;
    rbatch_init(&b);
    bool due = false;
    if (rcli_load_alerts(sc->st, NULL, true, &b, &err))
        due = true;
    for (size_t i = 0; !due && i < b.nalerts; i++)
        due = b.alerts[i].due != HUGI_NO_TIME && b.alerts[i].due > p.started &&
              b.alerts[i].due <= sc->now;
    rbatch_release(&b);
    return due;
}

/* "html,md": whether the list names f */
static bool formats_has(const char *list, const char *f)
{
    return !list || cli_list_has(list, f);
}

/* ---- run folders lost to a crash ------------------------------------------------------------ *
 * A scan commits its alerts, then writes alerts/<stamp>-run<N>/. Killed between the two, run N's
 * alerts reach open-alerts.csv and the digest but never get a folder. The next scan writes it from
 * the store. Only runs that did not finish ("running", "interrupted", "failed") are candidates: a
 * finished run wrote its folder before it was marked, so a folder missing there was removed on
 * purpose (old folders pruned) and must not come back. */

struct lost_run {
    int64_t id, started;
};

struct lost_runs {
    struct lost_run *v;
    size_t n, cap;
    int64_t self;
    bool skip_running; /* --worker: a "running" run may be another worker's, alive */
    hugi_rc rc;
};

static int on_lost_run(const struct hugi_store_run *run, void *ctx)
{
    struct lost_runs *lr = ctx;
    if (run->id == lr->self || hugi_str_eq(run->status, "ok") ||
        hugi_str_eq(run->status, "partial") ||
        (lr->skip_running && hugi_str_eq(run->status, "running")))
        return 0;
    if (lr->n == lr->cap) {
        size_t cap = lr->cap ? lr->cap * 2 : 8;
        struct lost_run *v = realloc(lr->v, cap * sizeof *v);
        if (!v) {
            lr->rc = HUGI_E_NOMEM;
            return 1;
        }
        lr->v = v;
        lr->cap = cap;
    }
    lr->v[lr->n++] = (struct lost_run){run->id, run->started};
    return 0;
}

/* Whether adir holds a folder of run `id`: "<stamp>-run<id>" or "<stamp>-run<id>-<k>" (the writer
 * appends -k on a name clash; the stamp may differ from the run's start by the minute it took). */
static bool run_folder_exists(const char *adir, int64_t id)
{
    DIR *d = opendir(adir);
    if (!d)
        return false;
    char tag[32];
    int tl = snprintf(tag, sizeof tag, "-run%lld", (long long)id);
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(d));) {
        for (const char *p = strstr(e->d_name, tag); p && !found; p = strstr(p + 1, tag)) {
            const char *q = p + tl;
            size_t k = *q == '-' ? strspn(q + 1, "0123456789") : 0;
            if (k)
                q += 1 + k;
            found = *q == '\0';
        }
    }
    closedir(d);
    return found;
}

struct run_alerts {
    struct rbatch *b;
    hugi_rc rc;
};

static int on_run_alert(const struct hugi_store_alert *s, void *ctx)
{
    struct run_alerts *ra = ctx;
    struct hugi_alert a;
    ra->rc = rcli_alert_from_store(s, &a);
    if (!ra->rc)
        ra->rc = rbatch_add_alert(ra->b, &a, NULL);
    hugi_alert_release(&a);
    return ra->rc != HUGI_OK;
}

/* Writes the missing folders; idempotent (a second call finds them). */
static int recover_run_folders(struct scan *sc, const char *adir)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    /* a dead worker's run is "interrupted" once its host's next scan starts (run_start) */
    struct lost_runs lr = {.self = sc->run_id, .skip_running = *sc->worker != '\0'};
    hugi_rc rc = hugi_store_runs_each(sc->st, 0, on_lost_run, &lr, &err);
    if (!rc && lr.rc)
        rc = hugi_err_set(&err, lr.rc, NULL, "out of memory");
    for (size_t i = 0; !rc && i < lr.n; i++) {
        if (run_folder_exists(adir, lr.v[i].id))
            continue;
        struct hugi_store_alert_filter f;
        hugi_store_alert_filter_init(&f);
        f.run_id = lr.v[i].id;
        struct rbatch b;
        rbatch_init(&b);
        struct run_alerts ra = {&b, HUGI_OK};
        rc = hugi_store_alerts_each(sc->st, &f, on_run_alert, &ra, &err);
        if (!rc && ra.rc)
            rc = hugi_err_set(&err, ra.rc, NULL, "cannot read alerts");
        if (!rc && b.nalerts) {
            char label[32];
            snprintf(label, sizeof label, "run%lld", (long long)lr.v[i].id);
            char *dir = NULL;
            rc = hugi_report_write_run(adir, label, lr.v[i].started, b.alerts, b.nalerts,
                                       sc->o.mask_pii, &dir, &err);
            if (!rc)
                cli_info("recovered %zu alert%s of interrupted run %lld into %s", b.nalerts,
                         b.nalerts == 1 ? "" : "s", (long long)lr.v[i].id, dir);
            free(dir);
        }
        rbatch_release(&b);
    }
    free(lr.v);
    if (rc) {
        cli_error_err("cannot recover the alert files of an interrupted run", &err);
        return HUGI_EXIT_FAIL;
    }
    return HUGI_EXIT_OK;
}

static int write_outputs(struct scan *sc, bool notify, bool *webhook_failed)
{
    const struct hugi_config *c = sc->cfg;
    char *adir = rcli_conf_dir(c, "alerts", "dir", "alerts");
    char *rdir = rcli_conf_dir(c, "report", "dir", "reports");
    if (!adir || !rdir) {
        free(adir);
        free(rdir);
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    int ret = outputs(sc, c, adir, rdir, notify, webhook_failed);
    free(adir);
    free(rdir);
    return ret;
}

static int outputs(struct scan *sc, const struct hugi_config *c, const char *adir, const char *rdir,
                   bool notify, bool *webhook_failed)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (recover_run_folders(sc, adir))
        return HUGI_EXIT_FAIL;
    char label[32];
    /* test-only hook (tests/report/scan_e2e.sh): die as kill -9 would, after the alerts are
     * committed and before this run's folder exists, to exercise recover_run_folders() */
    if (sc->fresh.nalerts && getenv("HUGI_TEST_CRASH_AFTER_COMMIT"))
        _exit(137);
    snprintf(label, sizeof label, "run%lld", (long long)sc->run_id);
    if (sc->fresh.nalerts) {
        char *dir = NULL;
        if (hugi_report_write_run(adir, label, sc->now, sc->fresh.alerts, sc->fresh.nalerts,
                                  sc->o.mask_pii, &dir, &err)) {
            cli_error_err("cannot write the alert files", &err);
            return HUGI_EXIT_FAIL;
        }
        cli_info("%zu new alert%s in %s", sc->fresh.nalerts, sc->fresh.nalerts == 1 ? "" : "s",
                 dir);
        free(dir);
    }
    /* nothing changed and the files are there: they are still current, and a rescan of a big
     * store stays cheap (cron runs it every hour) */
    struct hugi_buf probe;
    hugi_buf_init(&probe, 0);
    hugi_buf_addf(&probe, "%s/open-alerts.csv", adir);
    bool have_open = probe.data && access(probe.data, F_OK) == 0;
    hugi_buf_reset(&probe);
    hugi_buf_addf(&probe, "%s/digest.%s", rdir,
                  formats_has(hugi_config_value(c, "report", NULL, "formats"), "html") ? "html"
                                                                                       : "md");
    bool have_digest = probe.data && access(probe.data, F_OK) == 0;
    hugi_buf_release(&probe);
    if (!sc->counts.added && !sc->counts.edited && !sc->counts.scored && !sc->fresh.nalerts &&
        !sc->recover && have_open && have_digest && !fell_due_since_last_scan(sc)) {
        cli_info("nothing new: alert files and digest unchanged");
        return HUGI_EXIT_OK;
    }
    if (rcli_refresh_open(c, sc->st, &sc->o))
        return HUGI_EXIT_FAIL;
    /* the digest */
    int ret = rcli_write_digest(c, &sc->o, sc->now, false);
    if (ret)
        return ret;
    /* the webhook, last: the files above hold every alert whatever happens here */
    const char *hook = hugi_config_value(c, "notify", NULL, "webhook");
    if (notify && hook && sc->fresh.nalerts) {
        enum hugi_alert_sev min = HUGI_ALERT_SEV_HIGH;
        const char *ms = hugi_config_value(c, "notify", NULL, "min_severity");
        if (ms)
            hugi_alert_sev_parse(ms, &min);
        long retries = 3;
        hugi_config_int(c, "notify", NULL, "webhook_retries", &retries, &err);
        struct hugi_buf body;
        hugi_buf_init(&body, 0);
        size_t nsent = 0;
        hugi_rc rc = hugi_report_webhook_body(sc->fresh.alerts, sc->fresh.nalerts, min,
                                              sc->o.mask_pii, &body, &nsent);
        if (!rc && nsent) {
            rc = hugi_report_webhook_post(hook, body.data, body.len, (int)retries, 0, 0, &err);
            if (rc) {
                cli_error_err("webhook failed (the alert files are written)", &err);
                *webhook_failed = true;
            } else {
                cli_info("webhook: %zu alert%s sent", nsent, nsent == 1 ? "" : "s");
            }
        }
        hugi_buf_release(&body);
    }
    return HUGI_EXIT_OK;
}

/* ---- lock ----------------------------------------------------------------------------------- */

/* The folder of a store file, which may not exist yet on a first scan. */
static int make_store_dir(const char *store)
{
    if (!strncmp(store, "sqlite:", 7))
        store += 7;
    const char *slash = strrchr(store, '/');
    if (!slash || slash == store)
        return HUGI_EXIT_OK;
    struct hugi_buf p;
    hugi_buf_init(&p, 0);
    hugi_buf_add(&p, store, (size_t)(slash - store));
    struct hugi_err err;
    int ret = HUGI_EXIT_OK;
    if (p.data && hugi_report_mkdirs(p.data, &err)) {
        cli_error_err("cannot create the store's folder", &err);
        ret = HUGI_EXIT_FAIL;
    }
    hugi_buf_release(&p);
    return ret;
}

/* The command name of a running process ("hugi-full"), or "" when there is no such process. */
static void process_name(long pid, char *out, size_t cap)
{
    out[0] = '\0';
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    FILE *f = fopen(path, "r");
    if (!f) {
        /* no /proc: whether the process exists at all */
        if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
            snprintf(out, cap, "?");
        return;
    }
    if (!fgets(out, (int)cap, f))
        out[0] = '\0';
    out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

/* Why the lock is busy. The file holds the pid of the last scan that took it, and the kernel
 * frees the lock when that scan ends however it ends, so the pid alone never blocks: when it is
 * no running hugi, something else holds the file (a copy of the scan forked by a wrapper, a backup
 * tool), and the message says how to find it instead of naming a process that is not there. */
static void lock_busy_message(const char *store, const char *lock, const char *pid)
{
    char *end = NULL;
    long n = *pid ? strtol(pid, &end, 10) : 0;
    char name[64] = "";
    if (n > 0 && end && !*end)
        process_name(n, name, sizeof name);
    if (n <= 0 || !end || *end || (*name && !strncmp(name, "hugi", 4)) || !strcmp(name, "?")) {
        cli_error("another scan is running on '%s'%s%s%s; try again later or give --wait "
                  "SECONDS",
                  store, *pid ? " (pid " : "", pid, *pid ? ")" : "");
        return;
    }
    if (!*name)
        cli_error("'%s' is locked, but pid %s recorded in it is not running (a scan that ended): "
                  "another program holds the lock; 'fuser -v %s' names it",
                  lock, pid, lock);
    else
        cli_error("'%s' is locked, and pid %s recorded in it is now '%s', not a hugi scan: "
                  "another program holds the lock; 'fuser -v %s' names it",
                  lock, pid, name, lock);
}

/* flock on STORE.lock: released by the kernel when the process ends, however it ends. */
static int take_lock(const char *store, double wait, int *fd_out)
{
    struct hugi_buf p;
    hugi_buf_init(&p, 0);
    if (!strncmp(store, "sqlite:", 7))
        store += 7;
    hugi_buf_addf(&p, "%s.lock", store);
    int fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        cli_error("cannot open the lock '%s': %s", p.data, strerror(errno));
        hugi_buf_release(&p);
        return HUGI_EXIT_FAIL;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool said = false;
    for (;;) {
        if (!flock(fd, LOCK_EX | LOCK_NB))
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            cli_error("cannot lock '%s': %s", p.data, strerror(errno));
            close(fd);
            hugi_buf_release(&p);
            return HUGI_EXIT_FAIL;
        }
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (el >= wait) {
            char pid[32] = "";
            ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
            pid[n > 0 ? n : 0] = '\0';
            pid[strcspn(pid, "\n")] = '\0';
            lock_busy_message(store, p.data, pid);
            close(fd);
            hugi_buf_release(&p);
            return HUGI_EXIT_FAIL;
        }
        if (!said) {
            cli_info("waiting for another scan of '%s'", store);
            said = true;
        }
        struct timespec ts = {0, 100 * 1000000L};
        nanosleep(&ts, NULL);
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0)
        cli_info("cannot write the pid into the lock");
    hugi_buf_release(&p);
    *fd_out = fd;
    return HUGI_EXIT_OK;
}

/* A server store's scan lock (hugi_store_scan_lock): what the lock file is to a SQLite store, on
 * every host at once. Plain scans take it alone; workers share it (they divide the sources by
 * leases), so a plain scan neither runs beside workers nor they beside it. Waits as take_lock()
 * does, then fails with the same message. */
static int take_store_lock(struct scan *sc, bool shared, double wait)
{
    /* the server keeps 63 bytes of a session's name: a long host name is cut */
    char host[256], who[64];
    hugi_hostname(host, sizeof host);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addf(&b, "hugi scan%s %s:%ld", shared ? " --worker" : "", host, (long)getpid());
    snprintf(who, sizeof who, "%s", b.data ? b.data : "hugi scan");
    hugi_buf_release(&b);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool said = false;
    for (;;) {
        struct hugi_err err;
        hugi_err_clear(&err);
        char *holder = NULL;
        hugi_rc rc = hugi_store_scan_lock(sc->st, shared, who, &holder, &err);
        if (!rc)
            return HUGI_EXIT_OK;
        if (rc != HUGI_E_BUSY) {
            free(holder);
            cli_error_err("cannot take the scan lock", &err);
            return HUGI_EXIT_FAIL;
        }
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (el >= wait) {
            cli_error("another scan is running on '%s'%s%s%s; try again later or give --wait "
                      "SECONDS",
                      hugi_store_path(sc->st), holder ? " (" : "", holder ? holder : "",
                      holder ? ")" : "");
            free(holder);
            return HUGI_EXIT_FAIL;
        }
        free(holder);
        if (!said) {
            cli_info("waiting for another scan of '%s'", hugi_store_path(sc->st));
            said = true;
        }
        struct timespec ts = {0, 250 * 1000000L}; /* a round trip each: not too often */
        nanosleep(&ts, NULL);
    }
}

/* ---- the command ---------------------------------------------------------------------------- */

/* The scorer and the taxonomy take a while to load: only when there is something to score or
 * to aggregate, so a rescan with nothing new stays cheap. */
static int load_models(struct scan *sc)
{
    if (sc->sent)
        return HUGI_EXIT_OK;
    struct hugi_err err;
    hugi_err_clear(&err);
    const char *dd = cli_data_dir();
    sc->sent = hugi_sent_new();
    if (!sc->sent || hugi_sent_load_defaults(sc->sent, dd, &err)) {
        cli_error_err("cannot load lexicons", &err);
        return HUGI_EXIT_USAGE;
    }
    for (size_t i = 0;; i++) {
        const char *f = hugi_config_get_nth(sc->cfg, "sentiment", NULL, "lexicon", i, NULL);
        if (!f)
            break;
        /* relative to the config file, as `hugi score` reads it */
        char *path = cli_conf_path(sc->cfg, f);
        hugi_rc lrc = path ? hugi_sent_load_file(sc->sent, path, &err) : HUGI_E_NOMEM;
        free(path);
        if (lrc) {
            cli_error_err("cannot load lexicon", &err);
            return HUGI_EXIT_USAGE;
        }
    }
    if (hugi_sent_build(sc->sent, &err)) {
        cli_error_err("cannot build the scorer", &err);
        return HUGI_EXIT_FAIL;
    }
    struct hugi_buf dir;
    hugi_buf_init(&dir, 0);
    hugi_buf_addf(&dir, "%s/lexicons/complaints", dd);
    /* the shop's own complaint words ([complaints] lexicon), as `hugi complaints` reads them */
    size_t nextra = 0;
    while (hugi_config_get_nth(sc->cfg, "complaints", NULL, "lexicon", nextra, NULL))
        nextra++;
    char **extra = calloc(nextra + 1, sizeof *extra);
    hugi_rc rc = extra ? HUGI_OK : HUGI_E_NOMEM;
    for (size_t i = 0; !rc && i < nextra; i++)
        if (!(extra[i] = cli_conf_path(
                  sc->cfg, hugi_config_get_nth(sc->cfg, "complaints", NULL, "lexicon", i, NULL))))
            rc = HUGI_E_NOMEM;
    if (!rc)
        rc = cli_complaint_tax_load(&sc->tax, dir.data, (const char *const *)extra, nextra, &err);
    else
        hugi_err_set(&err, rc, NULL, "out of memory");
    for (size_t i = 0; extra && i < nextra; i++)
        free(extra[i]);
    free(extra);
    hugi_buf_release(&dir);
    if (rc) {
        cli_error_err("cannot load complaint lexicons", &err);
        return HUGI_EXIT_USAGE;
    }
    return HUGI_EXIT_OK;
}

int hugi_cmd_scan(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS,
                                         {"product", required_argument, NULL, 'p'},
                                         {"source", required_argument, NULL, 's'},
                                         {"wait", required_argument, NULL, 'w'},
                                         {"backfill", no_argument, NULL, OPT_BACKFILL},
                                         {"no-notify", no_argument, NULL, OPT_NO_NOTIFY},
                                         {"worker", no_argument, NULL, OPT_WORKER},
                                         {"lease", required_argument, NULL, OPT_LEASE},
                                         {"round", required_argument, NULL, OPT_ROUND},
                                         {NULL, 0, NULL, 0}};
    const char *product = NULL, *source = NULL;
    double wait = 0;
    bool backfill = false, notify = true, worker = false;
    long lease_s = 300, round_s = 1800;
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:w:", opts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case 'p':
            product = optarg;
            break;
        case 's':
            source = optarg;
            break;
        case 'w': {
            char *end;
            errno = 0;
            wait = strtod(optarg, &end);
            if (errno || *end || wait < 0 || wait > 86400)
                return cli_usage_error("scan", "--wait wants seconds (0..86400), not '%s'", optarg);
            break;
        }
        case OPT_BACKFILL:
            backfill = true;
            break;
        case OPT_NO_NOTIFY:
            notify = false;
            break;
        case OPT_WORKER:
            worker = true;
            break;
        case OPT_LEASE:
        case OPT_ROUND: {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || v < (c == OPT_LEASE ? 1 : 0) || v > 604800)
                return cli_usage_error("scan", "--%s wants whole seconds (%d..604800), not '%s'",
                                       c == OPT_LEASE ? "lease" : "round", c == OPT_LEASE ? 1 : 0,
                                       optarg);
            *(c == OPT_LEASE ? &lease_s : &round_s) = v;
            break;
        }
        default:
            return cli_bad_option("scan", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("scan", "unexpected argument '%s'", argv[optind]);
    if (!worker && (lease_s != 300 || round_s != 1800))
        return cli_usage_error("scan", "--lease and --round go with --worker");

    struct scan sc;
    memset(&sc, 0, sizeof sc);
    hugi_buf_init(&sc.failures, 0);
    rbatch_init(&sc.fresh);
    sc.backfill = backfill;
    sc.progress = isatty(2) && cli_verbosity >= 0;
    sc.now = hugi_now();
    sc.lease_s = lease_s;
    sc.round_s = round_s;
    if (worker) {
        char host[256];
        hugi_hostname(host, sizeof host);
        snprintf(sc.worker, sizeof sc.worker, "%s:%ld", host, (long)getpid());
    }
    int lock_fd = -1;
    struct src *srcs = NULL;
    size_t nsrcs = 0;
    bool webhook_failed = false;
    int ret = rcli_config(&sc.cfg);
    if (!ret)
        ret = rcli_opts(sc.cfg, &sc.o);
    if (!ret && source && !hugi_config_has_subsection(sc.cfg, "source", source)) {
        cli_error("no source '%s' in %s", source, hugi_config_name(sc.cfg));
        ret = HUGI_EXIT_USAGE;
    }
    if (!ret && !hugi_config_subsection_count(sc.cfg, "source")) {
        /* the default ./hugi.conf may be absent (every key at its default): say that, not that
         * a file which does not exist lists no source */
        if (!*hugi_config_name(sc.cfg))
            cli_error("nothing to scan: no configuration (./hugi.conf does not exist; give "
                      "--config FILE or set HUGI_CONFIG; see examples/hugi.conf)");
        else
            cli_error("no [source] in '%s': nothing to scan (see examples/hugi.conf)",
                      cli_config_path());
        ret = HUGI_EXIT_USAGE;
    }
    if (!ret && (product || source))
        ret = check_selection(sc.cfg, source, product);
    if (!ret) {
        sc.tpl = rcli_templates_cfg(sc.cfg, NULL);
        if (!sc.tpl)
            ret = HUGI_EXIT_USAGE;
    }
    char *store_path = ret ? NULL : cli_store_path(sc.cfg);
    if (!ret && !store_path) {
        cli_error("out of memory");
        ret = HUGI_EXIT_FAIL;
    }
    /* A server's store has no file to lock: the lock is the server's (take_store_lock), and its
     * workers share it, dividing the sources by leases alone. SQLite workers
     * fetch side by side but take turns under the lock for the rest: the scorer's long run of
     * transactions fails at once (not after the busy timeout) when another process writes to
     * the file between them, which PostgreSQL does not mind. */
    bool file_store = !ret && !strstr(store_path, "://");
    double lock_wait = worker && wait == 0 ? 3600 : wait;
    if (file_store)
        ret = make_store_dir(store_path);
    if (!ret && file_store)
        ret = take_lock(store_path, lock_wait, &lock_fd);
    if (!ret)
        ret = rcli_store_open(sc.cfg, RCLI_CREATE, &sc.st);
    if (!ret && !file_store)
        ret = take_store_lock(&sc, worker, lock_wait);
    struct hugi_err err;
    hugi_err_clear(&err);
    char note[160] = ""; /* the run's note; with --worker also the queue's name */
    if (!ret) {
        size_t np = hugi_config_subsection_count(sc.cfg, "product");
        for (size_t i = 0; i < np; i++) {
            const char *id = hugi_config_subsection(sc.cfg, "product", i);
            hugi_store_product_put(sc.st, id, hugi_config_value(sc.cfg, "product", id, "name"),
                                   NULL);
        }
        snprintf(note, sizeof note, "%s%s%s%s", product ? "product " : "", product ? product : "",
                 source ? " source " : "", source ? source : "");
        if (hugi_store_run_start(sc.st, "scan", *note ? note : NULL, &sc.run_id, &err)) {
            cli_error_err("cannot record the run", &err);
            ret = HUGI_EXIT_FAIL;
        }
    }
    if (!ret && worker) {
        char queue[200];
        const char *sel = note + strspn(note, " ");
        snprintf(queue, sizeof queue, "scan%s%s", *sel ? " " : "", sel);
        if (lock_fd >= 0) {
            close(lock_fd);
            lock_fd = -1;
        }
        ret = fetch_shared(&sc, source, product, queue);
        if (!ret && file_store)
            ret = take_lock(store_path, lock_wait, &lock_fd);
    } else if (!ret) {
        ret = fetch_all(&sc, source, product, &srcs, &nsrcs);
    }
    free(store_path);
    store_path = NULL;
    if (!ret)
        ret = score_all(&sc);
    if (!ret)
        ret = aggregate(&sc);
    if (!ret)
        ret = write_outputs(&sc, notify, &webhook_failed);
    if (sc.progress)
        fputs("\r\033[K", stderr);
    if (sc.st && sc.run_id) {
        const char *status = ret ? "failed" : (sc.nfailed || webhook_failed) ? "partial" : "ok";
        hugi_store_run_finish(sc.st, sc.run_id, status, &sc.counts, NULL);
    }
    if (!ret && sc.nfailed && sc.nfailed >= sc.nsources) {
        /* nothing was scanned: a failure, not a partial result (systemd counts 3 as success) */
        cli_error("all %d source%s failed, nothing was scanned:\n%.*s", sc.nsources,
                  sc.nsources == 1 ? "" : "s", (int)(sc.failures.len ? sc.failures.len - 1 : 0),
                  sc.failures.data ? sc.failures.data : "");
        ret = HUGI_EXIT_FAIL;
    } else if (!ret && sc.nfailed) {
        cli_error("%d of %d sources failed (the others were scanned):\n%.*s", sc.nfailed,
                  sc.nsources, (int)(sc.failures.len ? sc.failures.len - 1 : 0),
                  sc.failures.data ? sc.failures.data : "");
        ret = HUGI_EXIT_PARTIAL;
    } else if (!ret && webhook_failed) {
        ret = HUGI_EXIT_PARTIAL;
    }
    if (!ret || ret == HUGI_EXIT_PARTIAL || (sc.nfailed && sc.nfailed >= sc.nsources))
        cli_info("scan: %d source%s, %ld reviews read, %ld new, %ld edited, %ld scored, %ld new "
                 "alert%s",
                 sc.nsources, sc.nsources == 1 ? "" : "s", sc.counts.read, sc.counts.added,
                 sc.counts.edited, sc.counts.scored, sc.counts.alerts,
                 sc.counts.alerts == 1 ? "" : "s");
    free(srcs);
    for (size_t i = 0; i < sc.nproducts; i++)
        free(sc.products[i]);
    free(sc.products);
    rbatch_release(&sc.fresh);
    hugi_buf_release(&sc.failures);
    hugi_store_close(sc.st);
    hugi_templates_free(sc.tpl);
    hugi_complaint_tax_free(sc.tax);
    hugi_sent_free(sc.sent);
    hugi_config_free(sc.cfg);
    if (lock_fd >= 0)
        close(lock_fd);
    return ret;
}
