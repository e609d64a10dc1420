/* SPDX-License-Identifier: MIT
 * The pagination driver: fetches the pages of one source one after another on a fetch session,
 * by page number, by cursor, or by next link, and stops at the page cap, at the end, or when a
 * page brings only items the caller already knows (unless backfilling). It does not look into
 * pages: the caller's page callback (its extractor) says what a page held and what comes next.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

/* Cursors and links seen, for loop detection; a page cap bounds it. */
#define SEEN_MAX 10000

struct pager {
    struct hugi_fetch *f;
    struct hugi_page_opts po;
    char *base_url;
    char **headers; /* NULL-terminated copies */
    char **params;
    char *cookies, *etag, *last_modified, *source;
    char *page_param, *cursor_param; /* po's names point here */
    double host_delay;
    enum hugi_robots_policy robots;
    hugi_page_fn on_page;
    hugi_page_end_fn on_end;
    void *ctx;
    void *user;
    int pages;
    char **seen;
    size_t nseen;
};

void hugi_page_opts_init(struct hugi_page_opts *o)
{
    memset(o, 0, sizeof *o);
    o->mode = HUGI_PAGE_SINGLE;
    o->start = 1;
    o->step = 1;
    o->max_pages = 10;
}

const char *hugi_page_stop_name(enum hugi_page_stop s)
{
    switch (s) {
    case HUGI_PAGE_STOP_END:
        return "end";
    case HUGI_PAGE_STOP_CAP:
        return "cap";
    case HUGI_PAGE_STOP_KNOWN:
        return "known";
    case HUGI_PAGE_STOP_NOT_MODIFIED:
        return "not-modified";
    case HUGI_PAGE_STOP_ERROR:
        return "error";
    case HUGI_PAGE_STOP_CALLER:
        return "caller";
    case HUGI_PAGE_STOP_LOOP:
        return "loop";
    }
    return "?";
}

static void strv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* NULL-terminated copy; `pairs` copies an even count (a trailing lone key gets ""). */
static bool strv_dup(const char *const *src, char ***out, bool pairs)
{
    *out = NULL;
    if (!src)
        return true;
    size_t n = 0;
    while (src[n])
        n++;
    size_t total = pairs && n % 2 ? n + 1 : n;
    char **v = calloc(total + 1, sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < total; i++) {
        v[i] = hugi_strdup(i < n ? src[i] : "");
        if (!v[i]) {
            strv_free(v);
            return false;
        }
    }
    *out = v;
    return true;
}

static void pager_free(struct pager *p)
{
    if (!p)
        return;
    free(p->base_url);
    strv_free(p->headers);
    strv_free(p->params);
    free(p->cookies);
    free(p->etag);
    free(p->last_modified);
    free(p->source);
    free(p->page_param);
    free(p->cursor_param);
    for (size_t i = 0; i < p->nseen; i++)
        free(p->seen[i]);
    free(p->seen);
    free(p);
}

/* A pager whose request the session abandoned (the run stopped): no page, no end. */
static void pager_free_ctx(void *ctx)
{
    pager_free(ctx);
}

static void pager_end(struct pager *p, enum hugi_page_stop stop, const struct hugi_err *err)
{
    struct hugi_page_summary s;
    memset(&s, 0, sizeof s);
    s.pages = p->pages;
    s.stop = stop;
    s.rc = HUGI_OK;
    if (err) {
        s.err = *err;
        s.rc = err->code ? err->code : HUGI_E_INTERNAL;
    }
    if (p->on_end)
        p->on_end(&s, p->ctx);
    pager_free(p);
}

/* Returns true when `s` was seen before; remembers it otherwise. */
static bool seen_before(struct pager *p, const char *s)
{
    for (size_t i = 0; i < p->nseen; i++)
        if (!strcmp(p->seen[i], s))
            return true;
    if (p->nseen >= SEEN_MAX)
        return false;
    char **nv = realloc(p->seen, (p->nseen + 1) * sizeof *nv);
    if (!nv)
        return false;
    p->seen = nv;
    p->seen[p->nseen] = hugi_strdup(s);
    if (p->seen[p->nseen])
        p->nseen++;
    return false;
}

static hugi_rc pager_done(const struct hugi_fetch_resp *resp, void *ctx);

static hugi_rc pager_add(struct pager *p, const char *url, bool first, struct hugi_err *err)
{
    struct hugi_fetch_req r;
    hugi_fetch_req_init(&r);
    r.url = url;
    r.headers = (const char *const *)p->headers;
    r.params = (const char *const *)p->params;
    r.cookies = p->cookies;
    /* validators belong to the first page: later pages shift as reviews arrive */
    r.etag = first ? p->etag : NULL;
    r.last_modified = first ? p->last_modified : NULL;
    r.source = p->source;
    r.host_delay = p->host_delay;
    r.robots = p->robots;
    r.done = pager_done;
    r.done_ctx = p;
    r.done_ctx_free = pager_free_ctx;
    r.user = p->user;
    return hugi_fetch_add(p->f, &r, err);
}

/* The next link, resolved against the page it came from. Caller frees. */
static char *resolve_url(const char *base, const char *rel)
{
    CURLU *u = curl_url();
    char *out = NULL, *res = NULL;
    if (!u)
        return NULL;
    if (curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, rel, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &res, 0) == CURLUE_OK)
        out = hugi_strdup(res);
    curl_free(res);
    curl_url_cleanup(u);
    return out;
}

static hugi_rc pager_step(struct pager *p, const struct hugi_fetch_resp *resp,
                          struct hugi_page_next *next);

static hugi_rc pager_done(const struct hugi_fetch_resp *resp, void *ctx)
{
    struct pager *p = ctx;
    struct hugi_page_next next;
    memset(&next, 0, sizeof next);
    hugi_rc rc = pager_step(p, resp, &next);
    free(next.cursor);
    free(next.next_url);
    return rc;
}

/* One page: the caller's callback, then the decision what comes next. */
static hugi_rc pager_step(struct pager *p, const struct hugi_fetch_resp *resp,
                          struct hugi_page_next *nextp)
{
    p->pages++;
    if (resp->rc != HUGI_OK) {
        pager_end(p, HUGI_PAGE_STOP_ERROR, &resp->err);
        return HUGI_OK; /* one source failing does not stop the others */
    }
    struct hugi_page_next next;
    memset(&next, 0, sizeof next);
    hugi_rc rc = p->on_page(resp, p->pages, &next, p->ctx);
    *nextp = next; /* freed by pager_done whatever happens below */
    if (rc != HUGI_OK) {
        pager_end(p, HUGI_PAGE_STOP_CALLER, NULL);
        return rc;
    }
    if (resp->not_modified && p->pages == 1) {
        pager_end(p, HUGI_PAGE_STOP_NOT_MODIFIED, NULL);
        return HUGI_OK;
    }
    if (next.stop) {
        pager_end(p, HUGI_PAGE_STOP_CALLER, NULL);
        return HUGI_OK;
    }
    if (p->po.mode == HUGI_PAGE_SINGLE) {
        pager_end(p, HUGI_PAGE_STOP_END, NULL);
        return HUGI_OK;
    }
    if (next.n_items == 0) {
        pager_end(p, HUGI_PAGE_STOP_END, NULL);
        return HUGI_OK;
    }
    if (next.n_known >= next.n_items && !p->po.backfill) {
        pager_end(p, HUGI_PAGE_STOP_KNOWN, NULL);
        return HUGI_OK;
    }
    if (p->pages >= p->po.max_pages) {
        pager_end(p, HUGI_PAGE_STOP_CAP, NULL);
        return HUGI_OK;
    }
    char *url = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    switch (p->po.mode) {
    case HUGI_PAGE_NUMBER: {
        char num[32];
        snprintf(num, sizeof num, "%ld", p->po.start + p->po.step * (long)p->pages);
        rc = hugi_fetch_url_set_param(p->base_url, p->po.page_param, num, &url, &err);
        break;
    }
    case HUGI_PAGE_CURSOR:
        if (!next.cursor || !*next.cursor) {
            pager_end(p, HUGI_PAGE_STOP_END, NULL);
            return HUGI_OK;
        }
        if (seen_before(p, next.cursor)) {
            pager_end(p, HUGI_PAGE_STOP_LOOP, NULL);
            return HUGI_OK;
        }
        rc = hugi_fetch_url_set_param(p->base_url, p->po.cursor_param, next.cursor, &url, &err);
        break;
    case HUGI_PAGE_NEXT_URL:
        if (!next.next_url || !*next.next_url) {
            pager_end(p, HUGI_PAGE_STOP_END, NULL);
            return HUGI_OK;
        }
        url = resolve_url(resp->final_url, next.next_url);
        if (!url) {
            rc = hugi_err_set(&err, HUGI_E_PARSE, resp->final_url, "bad next link '%s'",
                              next.next_url);
            break;
        }
        if (seen_before(p, url) || !strcmp(url, resp->url) || !strcmp(url, resp->final_url)) {
            free(url);
            pager_end(p, HUGI_PAGE_STOP_LOOP, NULL);
            return HUGI_OK;
        }
        break;
    default:
        break;
    }
    if (rc == HUGI_OK && url)
        rc = pager_add(p, url, false, &err);
    free(url);
    if (rc != HUGI_OK) {
        pager_end(p, HUGI_PAGE_STOP_ERROR, &err);
        return rc == HUGI_E_NOMEM ? rc : HUGI_OK;
    }
    return HUGI_OK;
}

hugi_rc hugi_fetch_paginate(struct hugi_fetch *f, const struct hugi_fetch_req *first,
                            const struct hugi_page_opts *po, hugi_page_fn on_page,
                            hugi_page_end_fn on_end, void *ctx, struct hugi_err *err)
{
    if (!first || !first->url || !on_page)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "pagination without a URL or callback");
    struct hugi_page_opts def;
    if (!po) {
        hugi_page_opts_init(&def);
        po = &def;
    }
    if ((po->mode == HUGI_PAGE_NUMBER && (!po->page_param || !*po->page_param)) ||
        (po->mode == HUGI_PAGE_CURSOR && (!po->cursor_param || !*po->cursor_param)))
        return hugi_err_set(err, HUGI_E_CONFIG, first->url,
                            "pagination needs the name of its query parameter");
    if (po->max_pages < 1)
        return hugi_err_set(err, HUGI_E_CONFIG, first->url, "page cap must be at least 1");
    struct pager *p = calloc(1, sizeof *p);
    if (!p)
        return hugi_err_set(err, HUGI_E_NOMEM, first->url, "out of memory");
    p->f = f;
    p->po = *po;
    p->host_delay = first->host_delay;
    p->robots = first->robots;
    p->on_page = on_page;
    p->on_end = on_end;
    p->ctx = ctx;
    p->user = first->user;
    bool ok =
        strv_dup(first->headers, &p->headers, false) && strv_dup(first->params, &p->params, true);
    p->cookies = hugi_strdup(first->cookies);
    p->etag = hugi_strdup(first->etag);
    p->last_modified = hugi_strdup(first->last_modified);
    p->source = hugi_strdup(first->source);
    p->page_param = hugi_strdup(po->page_param);
    p->cursor_param = hugi_strdup(po->cursor_param);
    p->po.page_param = p->page_param;
    p->po.cursor_param = p->cursor_param;
    p->base_url = hugi_strdup(first->url);
    if (!ok || (first->cookies && !p->cookies) || (first->etag && !p->etag) ||
        (first->last_modified && !p->last_modified) || (first->source && !p->source) ||
        (po->page_param && !p->page_param) || (po->cursor_param && !p->cursor_param) ||
        !p->base_url) {
        pager_free(p);
        return hugi_err_set(err, HUGI_E_NOMEM, first->url, "out of memory");
    }
    hugi_rc rc;
    char *url = NULL;
    if (po->mode == HUGI_PAGE_NUMBER) {
        char num[32];
        snprintf(num, sizeof num, "%ld", po->start);
        rc = hugi_fetch_url_set_param(first->url, po->page_param, num, &url, err);
        if (rc) {
            pager_free(p);
            return rc;
        }
    } else {
        url = hugi_strdup(first->url);
        if (!url) {
            pager_free(p);
            return hugi_err_set(err, HUGI_E_NOMEM, first->url, "out of memory");
        }
    }
    rc = pager_add(p, url, true, err);
    free(url);
    if (rc)
        pager_free(p);
    return rc;
}
