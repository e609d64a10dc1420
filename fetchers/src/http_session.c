/* SPDX-License-Identifier: MIT
 * The fetch session: a queue of requests scheduled onto libcurl's multi interface under a global
 * and a per-host limit and a per-host start delay, robots.txt fetched once per host before the
 * first request to it, retries with backoff and Retry-After, and the size/time/protocol limits.
 * One thread; every callback runs from hugi_fetch_run(). What a body means is the caller's job.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "hugi/fetch.h"

#define ROBOTS_CAP (500u * 1024u)

struct host {
    struct host *next;
    char *key; /* "https://example.com:443" */
    int active;
    double next_start;  /* monotonic seconds */
    double crawl_delay; /* from robots.txt, -1 none */
    enum { ROBOTS_NONE, ROBOTS_PENDING, ROBOTS_READY } robots_state;
    struct hugi_robots *robots;
    char robots_why[200];    /* why robots.txt could not be had ("HTTP 503", a curl error) */
    bool robots_unreachable; /* no answer at all (a curl error): the host, not its robots.txt */
};

struct source {
    struct source *next;
    char *name;
    int fails_in_row;
    bool given_up;
};

struct job {
    struct job *prev, *next; /* in the pending list while queued */
    char *url;               /* what is fetched now: the request's URL, or where it redirected */
    char *orig_url;          /* the request's URL once a redirect moved `url`, else NULL */
    int redirects;           /* followed so far */
    char *path_query;        /* for robots.txt matching */
    struct curl_slist *headers;
    char *cookies, *etag, *last_modified;
    double host_delay;
    enum hugi_robots_policy robots;
    hugi_fetch_done_fn done;
    void *done_ctx;
    void (*done_ctx_free)(void *ctx);
    void *user;
    struct host *host;
    struct source *src;
    bool file;
    bool is_robots; /* the robots.txt fetch of `host` */
    int attempts;
    double not_before;
    double first_start;
    /* the transfer */
    CURL *easy;
    struct hugi_buf body;
    bool too_big;
    char errbuf[CURL_ERROR_SIZE];
};

struct jlist {
    struct job *head, *tail;
};

struct hugi_fetch {
    struct hugi_fetch_opts o;
    char *user_agent;
    char *ca_file;
    struct curl_slist *resolve;
    hugi_fetch_done_fn done;
    void *ctx;
    CURLM *multi;
    struct jlist pending; /* FIFO; retries go to the front */
    struct jlist active;  /* transfers in the multi handle */
    int running;
    struct host *hosts;
    struct source *sources;
    uint64_t rng;
    struct hugi_fetch_stats stats;
    hugi_rc stop_rc;
    struct hugi_err stop_err;
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void hugi_fetch_opts_init(struct hugi_fetch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_total = 16;
    o->max_per_host = 2;
    o->host_delay = 1.0;
    o->connect_timeout = 10;
    o->timeout = 60;
    o->low_speed_limit = 64;
    o->low_speed_time = 15;
    o->max_body = 20u << 20;
    o->max_redirects = 5;
    o->max_retries = 3;
    o->retry_base = 1;
    o->retry_max = 120;
    o->give_up_after = 3;
    o->robots = HUGI_ROBOTS_OBEY;
}

void hugi_fetch_req_init(struct hugi_fetch_req *r)
{
    memset(r, 0, sizeof *r);
    r->host_delay = -1;
}

const struct hugi_fetch_stats *hugi_fetch_stats(const struct hugi_fetch *f)
{
    return &f->stats;
}

struct hugi_fetch *hugi_fetch_new(const struct hugi_fetch_opts *opts, hugi_fetch_done_fn done,
                                  void *ctx, struct hugi_err *err)
{
    struct hugi_fetch_opts def;
    if (!opts) {
        hugi_fetch_opts_init(&def);
        opts = &def;
    }
    if (opts->max_total < 1 || opts->max_per_host < 1 || opts->host_delay < 0 ||
        opts->max_retries < 0 || opts->max_redirects < 0 || opts->timeout < 0 ||
        opts->connect_timeout < 0) {
        hugi_err_set(err, HUGI_E_USAGE, NULL, "fetch options out of range");
        return NULL;
    }
    /* curl_global_init is idempotent and reference counted; cli calls it too, early. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        hugi_err_set(err, HUGI_E_NET, NULL, "cannot initialise libcurl");
        return NULL;
    }
    struct hugi_fetch *f = calloc(1, sizeof *f);
    if (!f) {
        hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        return NULL;
    }
    f->o = *opts;
    f->o.user_agent = NULL;
    f->o.contact = NULL;
    f->o.ca_file = NULL;
    f->o.resolve = NULL;
    f->done = done;
    f->ctx = ctx;
    f->rng = opts->seed ? opts->seed : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid() ^ 1;
    struct hugi_buf ua;
    hugi_buf_init(&ua, 4096);
    bool ok;
    if (opts->user_agent)
        ok = hugi_buf_addstr(&ua, opts->user_agent) == HUGI_OK;
    else if (opts->contact && *opts->contact)
        ok = hugi_buf_addf(&ua, "hugi/%s (+%s)", HUGI_VERSION, opts->contact) == HUGI_OK;
    else
        ok = hugi_buf_addf(&ua, "hugi/%s", HUGI_VERSION) == HUGI_OK;
    f->user_agent = ok ? hugi_buf_detach(&ua, NULL) : NULL;
    hugi_buf_release(&ua);
    f->ca_file = hugi_strdup(opts->ca_file);
    for (const char *const *r = opts->resolve; r && *r; r++) {
        struct curl_slist *n = curl_slist_append(f->resolve, *r);
        if (!n) {
            ok = false;
            break;
        }
        f->resolve = n;
    }
    f->multi = curl_multi_init();
    if (!ok || !f->user_agent || (opts->ca_file && !f->ca_file) || !f->multi) {
        hugi_fetch_free(f);
        hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        return NULL;
    }
    /* HTTP/2 multiplexing where the server offers it, so per-host transfers share a connection */
    curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)opts->max_total);
    curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, (long)opts->max_total * 2);
    return f;
}

static void job_free(struct job *j)
{
    if (!j)
        return;
    free(j->url);
    free(j->orig_url);
    free(j->path_query);
    curl_slist_free_all(j->headers);
    free(j->cookies);
    free(j->etag);
    free(j->last_modified);
    hugi_buf_release(&j->body);
    free(j);
}

/* Frees a job whose callback will never run (the run stopped): with it what its context holds. */
static void job_abandon(struct job *j)
{
    if (j && j->done && j->done_ctx_free)
        j->done_ctx_free(j->done_ctx);
    job_free(j);
}

static void list_remove(struct jlist *l, struct job *j)
{
    if (j->prev)
        j->prev->next = j->next;
    else
        l->head = j->next;
    if (j->next)
        j->next->prev = j->prev;
    else
        l->tail = j->prev;
    j->prev = j->next = NULL;
}

static void list_append(struct jlist *l, struct job *j)
{
    j->next = NULL;
    j->prev = l->tail;
    if (l->tail)
        l->tail->next = j;
    else
        l->head = j;
    l->tail = j;
}

static void list_prepend(struct jlist *l, struct job *j)
{
    j->prev = NULL;
    j->next = l->head;
    if (l->head)
        l->head->prev = j;
    else
        l->tail = j;
    l->head = j;
}

void hugi_fetch_free(struct hugi_fetch *f)
{
    if (!f)
        return;
    while (f->pending.head) {
        struct job *j = f->pending.head;
        list_remove(&f->pending, j);
        job_abandon(j);
    }
    /* transfers abandoned by a stopping callback */
    while (f->active.head) {
        struct job *j = f->active.head;
        list_remove(&f->active, j);
        curl_multi_remove_handle(f->multi, j->easy);
        curl_easy_cleanup(j->easy);
        job_abandon(j);
    }
    if (f->multi)
        curl_multi_cleanup(f->multi);
    for (struct host *h = f->hosts, *nh; h; h = nh) {
        nh = h->next;
        hugi_robots_free(h->robots);
        free(h->key);
        free(h);
    }
    for (struct source *s = f->sources, *ns; s; s = ns) {
        ns = s->next;
        free(s->name);
        free(s);
    }
    curl_slist_free_all(f->resolve);
    free(f->user_agent);
    free(f->ca_file);
    free(f);
    curl_global_cleanup();
}

static struct host *host_get(struct hugi_fetch *f, const char *key)
{
    for (struct host *h = f->hosts; h; h = h->next)
        if (!strcmp(h->key, key))
            return h;
    struct host *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->key = hugi_strdup(key);
    if (!h->key) {
        free(h);
        return NULL;
    }
    h->crawl_delay = -1;
    h->next = f->hosts;
    f->hosts = h;
    return h;
}

static struct source *source_get(struct hugi_fetch *f, const char *name)
{
    for (struct source *s = f->sources; s; s = s->next)
        if (!strcmp(s->name, name))
            return s;
    struct source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = hugi_strdup(name);
    if (!s->name) {
        free(s);
        return NULL;
    }
    s->next = f->sources;
    f->sources = s;
    return s;
}

/* Splits j->url into what scheduling needs: the host, the path+query robots.txt sees, and
 * whether it is a saved page. */
static hugi_rc job_place(struct hugi_fetch *f, struct job *j, struct hugi_err *err)
{
    const char *url = j->url;
    CURLU *u = curl_url();
    if (!u)
        return hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
    hugi_rc rc = HUGI_OK;
    char *scheme = NULL, *hostname = NULL, *port = NULL, *path = NULL, *query = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_USAGE, url, "not a valid URL");
        goto out;
    }
    if (!strcmp(scheme, "file")) {
        j->file = true;
        j->host = host_get(f, "file://");
        if (!j->host)
            rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
        goto out;
    }
    if (strcmp(scheme, "http") && strcmp(scheme, "https")) {
        rc = hugi_err_set(err, HUGI_E_USAGE, url,
                          "unsupported URL scheme '%s' (http, https or file)", scheme);
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &hostname, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_USAGE, url, "URL without a host");
        goto out;
    }
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    for (char *c = hostname; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    if (hugi_buf_addf(&b, "%s://%s:%s", scheme, hostname, port)) {
        hugi_buf_release(&b);
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
        goto out;
    }
    j->host = host_get(f, b.data);
    hugi_buf_release(&b);
    hugi_buf_init(&b, 0);
    if (hugi_buf_addstr(&b, path) ||
        (query && (hugi_buf_addc(&b, '?') || hugi_buf_addstr(&b, query)))) {
        hugi_buf_release(&b);
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
        goto out;
    }
    j->path_query = hugi_buf_detach(&b, NULL);
    hugi_buf_release(&b);
    if (!j->host || !j->path_query)
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
out:
    curl_free(scheme);
    curl_free(hostname);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    curl_url_cleanup(u);
    return rc;
}

/* The request's URL with its params applied, placed (job_place). */
static hugi_rc job_locate(struct hugi_fetch *f, struct job *j, const struct hugi_fetch_req *req,
                          struct hugi_err *err)
{
    char *url = hugi_strdup(req->url);
    if (!url)
        return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
    for (const char *const *p = req->params; p && p[0]; p += 2) {
        char *nu;
        hugi_rc rc = hugi_fetch_url_set_param(url, p[0], p[1] ? p[1] : "", &nu, err);
        free(url);
        if (rc)
            return rc;
        url = nu;
        if (!p[1])
            break;
    }
    j->url = url;
    return job_place(f, j, err);
}

static hugi_rc add_header(struct job *j, const char *fmt, const char *v)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    if (hugi_buf_addf(&b, fmt, v)) {
        hugi_buf_release(&b);
        return HUGI_E_NOMEM;
    }
    struct curl_slist *n = curl_slist_append(j->headers, b.data);
    hugi_buf_release(&b);
    if (!n)
        return HUGI_E_NOMEM;
    j->headers = n;
    return HUGI_OK;
}

hugi_rc hugi_fetch_add(struct hugi_fetch *f, const struct hugi_fetch_req *req, struct hugi_err *err)
{
    if (!req || !req->url)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "request without a URL");
    struct job *j = calloc(1, sizeof *j);
    if (!j)
        return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
    hugi_rc rc = job_locate(f, j, req, err);
    if (rc) {
        job_free(j);
        return rc;
    }
    for (const char *const *h = req->headers; h && *h; h++) {
        /* a header with a line break would smuggle a second header or a body */
        if (strpbrk(*h, "\r\n")) {
            job_free(j);
            return hugi_err_set(err, HUGI_E_USAGE, req->url, "header with a line break");
        }
        if (add_header(j, "%s", *h)) {
            job_free(j);
            return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
        }
    }
    j->cookies = hugi_strdup(req->cookies);
    j->etag = hugi_strdup(req->etag);
    j->last_modified = hugi_strdup(req->last_modified);
    if ((req->cookies && !j->cookies) || (req->etag && !j->etag) ||
        (req->last_modified && !j->last_modified)) {
        job_free(j);
        return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
    }
    if ((j->etag && add_header(j, "If-None-Match: %s", j->etag)) ||
        (j->last_modified && add_header(j, "If-Modified-Since: %s", j->last_modified))) {
        job_free(j);
        return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
    }
    j->host_delay = req->host_delay;
    j->robots = req->robots == HUGI_ROBOTS_DEFAULT ? f->o.robots : req->robots;
    j->done = req->done;
    j->done_ctx = req->done_ctx;
    j->done_ctx_free = req->done_ctx_free;
    j->user = req->user;
    j->src = source_get(f, req->source ? req->source : j->host->key);
    if (!j->src) {
        job_free(j);
        return hugi_err_set(err, HUGI_E_NOMEM, req->url, "out of memory");
    }
    list_append(&f->pending, j);
    return HUGI_OK;
}

static size_t on_write(char *p, size_t size, size_t n, void *ud)
{
    struct job *j = ud;
    size_t len = size * n;
    if (j->is_robots) {
        /* RFC 9309 §2.5: read the first 500 KiB and ignore the rest */
        size_t room = j->body.len < ROBOTS_CAP ? ROBOTS_CAP - j->body.len : 0;
        if (room && hugi_buf_add(&j->body, p, len < room ? len : room))
            return 0;
        return len;
    }
    /* One allocation of the announced size instead of doubling from small (a compressed body
     * announces less than it decodes to; growth covers the rest). */
    if (j->body.cap == 0) {
        curl_off_t cl = -1;
        if (curl_easy_getinfo(j->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK &&
            cl > 0 && (size_t)cl <= j->body.max)
            (void)hugi_buf_grow(&j->body, (size_t)cl);
    }
    /* These are decoded bytes (CURLOPT_ACCEPT_ENCODING), so the cap holds for compression
     * bombs too: we stop the transfer at the first write past it. */
    if (hugi_buf_add(&j->body, p, len)) {
        j->too_big = true;
        return 0;
    }
    return len;
}

static double job_delay(const struct hugi_fetch *f, const struct job *j)
{
    double d = j->host_delay >= 0 ? j->host_delay : f->o.host_delay;
    if (j->robots == HUGI_ROBOTS_OBEY && j->host->crawl_delay > d)
        d = j->host->crawl_delay;
    return j->file ? 0 : d;
}

static hugi_rc job_start(struct hugi_fetch *f, struct job *j, double now, struct hugi_err *err)
{
    CURL *e = curl_easy_init();
    if (!e)
        return hugi_err_set(err, HUGI_E_NOMEM, j->url, "out of memory");
    hugi_buf_release(&j->body);
    hugi_buf_init(&j->body, j->is_robots ? 0 : f->o.max_body);
    j->too_big = false;
    j->errbuf[0] = '\0';
    curl_easy_setopt(e, CURLOPT_URL, j->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)j);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
    if (j->file) {
        /* a saved page: the configured URL itself is file://, nothing else may become one */
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "file");
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    } else {
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        /* Redirects are followed by job_redirect(), not by curl, so that the target's host
         * gets its own robots.txt check, delay and connection limit; robots.txt itself is
         * followed by curl (RFC 9309 2.3.1.2: at least five hops, to any host). */
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, j->is_robots ? 1L : 0L);
        curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
        curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        if (f->ca_file)
            curl_easy_setopt(e, CURLOPT_CAINFO, f->ca_file);
        if (f->resolve)
            curl_easy_setopt(e, CURLOPT_RESOLVE, f->resolve);
        if (!j->is_robots) {
            if (j->headers)
                curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->headers);
            if (j->cookies)
                curl_easy_setopt(e, CURLOPT_COOKIE, j->cookies);
        }
        /* Content-Length said too much: refuse before reading (decoded size is checked too) */
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->o.max_body);
    }
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)(f->o.connect_timeout * 1000));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(f->o.timeout * 1000));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, f->o.low_speed_limit);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->o.low_speed_time);
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
        curl_easy_cleanup(e);
        return hugi_err_set(err, HUGI_E_NET, j->url, "cannot start the transfer");
    }
    j->easy = e;
    list_append(&f->active, j);
    if (j->attempts == 0 && j->redirects == 0)
        j->first_start = now;
    j->attempts++;
    j->host->active++;
    /* robots.txt itself does not count against the delay: fetching it and then the page is
     * what every crawler does, and a single `hugi fetch URL` should not wait a second */
    if (!j->is_robots)
        j->host->next_start = now + job_delay(f, j);
    f->running++;
    f->stats.transfers++;
    return HUGI_OK;
}

/* Header value of the last response (after redirects), borrowed from curl, or NULL. */
static const char *resp_header(CURL *e, const char *name)
{
    struct curl_header *h = NULL;
    if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h)
        return h->value;
    return NULL;
}

/* "text/html; charset=EUC-KR" → "euc-kr" in out (cap bytes); empty when none. */
static void charset_of(const char *ct, char *out, size_t cap)
{
    out[0] = '\0';
    if (!ct)
        return;
    const char *p = ct;
    while ((p = strchr(p, ';'))) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "charset", 7))
            continue;
        const char *v = p + 7;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v != '=')
            continue;
        v++;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v == '"')
            v++;
        size_t n = 0;
        while (v[n] && v[n] != '"' && v[n] != ';' && v[n] != ' ' && v[n] != '\t' && n + 1 < cap) {
            char c = v[n];
            out[n] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            n++;
        }
        out[n] = '\0';
        return;
    }
}

/* Calls the request's callback and frees the job. */
static void job_finish(struct hugi_fetch *f, struct job *j, struct hugi_fetch_resp *r)
{
    r->url = j->orig_url ? j->orig_url : j->url;
    if (!r->final_url)
        r->final_url = j->url;
    if (!r->body) {
        r->body = j->body.data ? j->body.data : "";
        r->body_len = j->body.len;
    }
    r->attempts = j->attempts;
    r->seconds = j->attempts ? mono() - j->first_start : 0;
    r->user = j->user;
    f->stats.requests++;
    if (r->rc == HUGI_OK) {
        f->stats.ok++;
        if (r->not_modified)
            f->stats.not_modified++;
        f->stats.bytes += r->body_len;
    } else if (r->rc == HUGI_E_DENIED) {
        f->stats.denied++;
    } else {
        f->stats.failed++;
    }
    hugi_fetch_done_fn cb = j->done ? j->done : f->done;
    void *ctx = j->done ? j->done_ctx : f->ctx;
    if (cb && f->stop_rc == HUGI_OK) {
        hugi_rc rc = cb(r, ctx);
        if (rc != HUGI_OK) {
            f->stop_rc = rc;
            hugi_err_set(&f->stop_err, rc, j->url, "stopped by the response handler");
        }
        job_free(j);
        return;
    }
    job_abandon(j); /* the run has stopped: no callback */
}

static void finish_simple(struct hugi_fetch *f, struct job *j, hugi_rc rc, const char *fmt,
                          const char *arg)
{
    struct hugi_fetch_resp r;
    memset(&r, 0, sizeof r);
    r.rc = rc;
    hugi_err_set(&r.err, rc, j->url, fmt, arg);
    job_finish(f, j, &r);
}

static void robots_ready(struct host *h, struct hugi_robots *rb)
{
    hugi_robots_free(h->robots);
    h->robots = rb;
    h->robots_state = ROBOTS_READY;
    h->crawl_delay = hugi_robots_crawl_delay(rb);
}

static bool retryable_curl(CURLcode c)
{
    switch (c) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
        return true;
    default:
        return false;
    }
}

/* Whether a request header may carry a secret (by its name): those stay with the first host. */
static bool credential_header(const char *h)
{
    size_t n = strcspn(h, ":");
    static const char *const words[] = {"auth",   "cookie",  "token",   "key",
                                        "secret", "session", "password"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t wl = strlen(words[w]);
        for (size_t i = 0; i + wl <= n; i++)
            if (!strncasecmp(h + i, words[w], wl))
                return true;
    }
    return false;
}

/* Removes the credential-like headers from *l (a rebuilt list); HUGI_E_NOMEM leaves *l as is. */
static hugi_rc drop_credentials(struct curl_slist **l)
{
    struct curl_slist *kept = NULL;
    for (struct curl_slist *h = *l; h; h = h->next) {
        if (credential_header(h->data))
            continue;
        struct curl_slist *n = curl_slist_append(kept, h->data);
        if (!n) {
            curl_slist_free_all(kept);
            return HUGI_E_NOMEM;
        }
        kept = n;
    }
    curl_slist_free_all(*l);
    *l = kept;
    return HUGI_OK;
}

/* A 3xx with a Location: the job moves to the target and goes back to the queue, where the
 * target's host is scheduled like any other (robots.txt, delay, per-host limit). A move to
 * another host leaves the cookies and credential-like headers (Authorization, *-Token, *-Key …)
 * behind; other headers (Accept, Accept-Language) go along, and so do the validators: they were
 * stored from the final response of the last run, so they describe the target's resource. Returns
 * true when the job was requeued; false leaves it to job_done, with *rc and r->err set when the
 * redirect is refused. */
static bool job_redirect(struct hugi_fetch *f, struct job *j, long status,
                         struct hugi_fetch_resp *r)
{
    if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308))
        return false;
    char *to = NULL;
    if (curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &to) != CURLE_OK || !to)
        return false; /* no usable Location: the 3xx is the answer */
    if (j->redirects >= f->o.max_redirects) {
        r->rc = HUGI_E_LIMIT;
        hugi_err_set(&r->err, r->rc, j->orig_url ? j->orig_url : j->url, "more than %ld redirects",
                     f->o.max_redirects);
        return false;
    }
    if (strncasecmp(to, "http://", 7) && strncasecmp(to, "https://", 8)) {
        r->rc = HUGI_E_DENIED;
        hugi_err_set(&r->err, r->rc, j->url, "redirect to '%s' refused (only http and https)", to);
        return false;
    }
    char *next = hugi_strdup(to);
    if (!next) {
        r->rc = hugi_err_set(&r->err, HUGI_E_NOMEM, j->url, "out of memory");
        return false;
    }
    struct host *from = j->host;
    if (!j->orig_url)
        j->orig_url = j->url;
    else
        free(j->url);
    j->url = next;
    free(j->path_query);
    j->path_query = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (job_place(f, j, &err)) {
        r->rc = err.code ? err.code : HUGI_E_NET;
        r->err = err;
        return false;
    }
    if (j->host != from) {
        if (drop_credentials(&j->headers)) {
            r->rc = hugi_err_set(&r->err, HUGI_E_NOMEM, j->url, "out of memory");
            return false;
        }
        free(j->cookies);
        j->cookies = NULL;
    }
    j->redirects++;
    j->attempts = 0; /* retries count per hop */
    f->stats.redirects++;
    curl_multi_remove_handle(f->multi, j->easy);
    curl_easy_cleanup(j->easy);
    j->easy = NULL;
    list_prepend(&f->pending, j);
    return true;
}

/* A finished transfer: retry it, build the response and finish it, or follow its redirect. */
static void job_done(struct hugi_fetch *f, struct job *j, CURLcode cc)
{
    CURL *e = j->easy;
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    double now = mono();
    j->host->active--;
    f->running--;
    list_remove(&f->active, j);

    bool retry = false;
    double ra = -1;
    if (!j->file) {
        if (cc == CURLE_OK && (status == 429 || status >= 500))
            retry = true;
        else if (cc != CURLE_OK && retryable_curl(cc) && !j->too_big)
            retry = true;
        const char *rav = (cc == CURLE_OK) ? resp_header(e, "Retry-After") : NULL;
        if (rav && !hugi_fetch_retry_after_parse(rav, strlen(rav), (int64_t)time(NULL), &ra))
            ra = -1;
    }
    char raw_msg[200] = "";
    if (retry && j->attempts <= f->o.max_retries && !j->src->given_up) {
        double wait =
            ra >= 0 ? ra
                    : hugi_fetch_backoff(j->attempts, f->o.retry_base, f->o.retry_max, &f->rng);
        if (ra > f->o.retry_max) {
            /* Retrying sooner than the server asked is what Retry-After forbids; waiting
             * longer than we were allowed to is not ours to decide: give this one up. */
            snprintf(raw_msg, sizeof raw_msg,
                     "server asks to retry after %.0f s, more than the %.0f s allowed", ra,
                     f->o.retry_max);
        } else {
            j->not_before = now + wait;
            if (ra >= 0 && j->host->next_start < now + wait)
                j->host->next_start = now + wait; /* the whole host asked us to slow down */
            f->stats.retries++;
            f->stats.waited += wait;
            curl_multi_remove_handle(f->multi, e);
            curl_easy_cleanup(e);
            j->easy = NULL;
            list_prepend(&f->pending, j); /* retries keep their place ahead of newer work */
            return;
        }
    }

    struct hugi_fetch_resp r;
    memset(&r, 0, sizeof r);
    if (!j->file && !j->is_robots && cc == CURLE_OK && job_redirect(f, j, status, &r))
        return;
    r.status = status;
    char *eff = NULL;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &eff);
    r.final_url = eff;
    char *ct = NULL;
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
    r.content_type = ct;
    char charset[64];
    charset_of(ct, charset, sizeof charset);
    r.charset = charset[0] ? charset : NULL;
    if (!j->file) {
        r.etag = resp_header(e, "ETag");
        r.last_modified = resp_header(e, "Last-Modified");
    }

    if (j->is_robots) {
        struct host *h = j->host;
        struct hugi_robots *rb;
        if (cc == CURLE_OK && status >= 200 && status < 300) {
            rb = hugi_robots_parse(j->body.data, j->body.len, "hugi");
        } else if (cc == CURLE_OK && status >= 400 && status < 500 && status != 429) {
            rb = hugi_robots_new_all(true); /* §2.3.1.3 unavailable: crawl freely */
        } else {
            rb = hugi_robots_new_all(false); /* §2.3.1.4 unreachable: crawl nothing */
            if (cc == CURLE_OK)
                snprintf(h->robots_why, sizeof h->robots_why, "HTTP %ld", status);
            else
                snprintf(h->robots_why, sizeof h->robots_why, "%.190s",
                         j->errbuf[0] ? j->errbuf : curl_easy_strerror(cc));
            h->robots_unreachable = cc != CURLE_OK;
        }
        if (!rb) {
            f->stop_rc = hugi_err_set(&f->stop_err, HUGI_E_NOMEM, j->url, "out of memory");
            rb = hugi_robots_new_all(false);
        }
        robots_ready(h, rb);
        curl_multi_remove_handle(f->multi, e);
        curl_easy_cleanup(e);
        job_free(j);
        return;
    }

    if (r.rc != HUGI_OK) {
        /* a refused redirect: job_redirect() said why */
    } else if (cc == CURLE_OK && j->file) {
        r.rc = HUGI_OK;
        r.status = 200;
    } else if (cc == CURLE_OK && status == 304) {
        r.rc = HUGI_OK;
        r.not_modified = true;
        /* the validators still hold; hand back the ones we sent when the 304 repeats none */
        if (!r.etag)
            r.etag = j->etag;
        if (!r.last_modified)
            r.last_modified = j->last_modified;
        hugi_buf_reset(&j->body);
    } else if (cc == CURLE_OK && status >= 200 && status < 300) {
        r.rc = HUGI_OK;
    } else if (raw_msg[0]) {
        r.rc = HUGI_E_HTTP;
        hugi_err_set(&r.err, r.rc, j->url, "HTTP %ld: %s", status, raw_msg);
    } else if (cc == CURLE_OK) {
        r.rc = HUGI_E_HTTP;
        if (j->attempts > 1)
            hugi_err_set(&r.err, r.rc, j->url, "HTTP %ld after %d attempts", status, j->attempts);
        else
            hugi_err_set(&r.err, r.rc, j->url, "HTTP %ld", status);
    } else if (j->too_big || cc == CURLE_FILESIZE_EXCEEDED) {
        r.rc = HUGI_E_LIMIT;
        hugi_err_set(&r.err, r.rc, j->url, "response larger than %zu bytes (decoded)",
                     f->o.max_body);
    } else if (cc == CURLE_TOO_MANY_REDIRECTS) {
        r.rc = HUGI_E_LIMIT;
        hugi_err_set(&r.err, r.rc, j->url, "more than %ld redirects", f->o.max_redirects);
    } else if (cc == CURLE_UNSUPPORTED_PROTOCOL) {
        r.rc = HUGI_E_DENIED;
        char *redir = NULL;
        curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &redir);
        hugi_err_set(&r.err, r.rc, j->url, "redirect to '%s' refused (only http and https)",
                     redir ? redir : (eff ? eff : "?"));
    } else if (cc == CURLE_OPERATION_TIMEDOUT) {
        r.rc = HUGI_E_TIMEOUT;
        hugi_err_set(&r.err, r.rc, j->url, "%s%s", j->errbuf[0] ? j->errbuf : "timed out",
                     j->attempts > 1 ? " (after retries)" : "");
    } else if (j->file && (cc == CURLE_FILE_COULDNT_READ_FILE)) {
        r.rc = HUGI_E_NOTFOUND;
        hugi_err_set(&r.err, r.rc, j->url, "cannot read the file");
    } else {
        r.rc = HUGI_E_NET;
        hugi_err_set(&r.err, r.rc, j->url, "%s%s",
                     j->errbuf[0] ? j->errbuf : curl_easy_strerror(cc),
                     j->attempts > 1 ? " (after retries)" : "");
    }
    r.err.http_status = status;

    /* A source that keeps failing is given up for this run; the others go on. */
    if (r.rc == HUGI_OK)
        j->src->fails_in_row = 0;
    else if (r.rc != HUGI_E_DENIED && ++j->src->fails_in_row >= f->o.give_up_after)
        j->src->given_up = true;

    j->easy = NULL;
    job_finish(f, j, &r);
    curl_multi_remove_handle(f->multi, e);
    curl_easy_cleanup(e);
}

static hugi_rc start_robots(struct hugi_fetch *f, struct host *h, double now, struct hugi_err *err)
{
    struct job *j = calloc(1, sizeof *j);
    if (!j)
        return hugi_err_set(err, HUGI_E_NOMEM, h->key, "out of memory");
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    if (hugi_buf_addf(&b, "%s/robots.txt", h->key)) {
        hugi_buf_release(&b);
        free(j);
        return hugi_err_set(err, HUGI_E_NOMEM, h->key, "out of memory");
    }
    j->url = hugi_buf_detach(&b, NULL);
    hugi_buf_release(&b);
    j->is_robots = true;
    j->host = h;
    j->host_delay = -1;
    j->robots = HUGI_ROBOTS_IGNORE;
    j->src = source_get(f, h->key);
    if (!j->src) {
        job_free(j);
        return hugi_err_set(err, HUGI_E_NOMEM, h->key, "out of memory");
    }
    h->robots_state = ROBOTS_PENDING;
    hugi_rc rc = job_start(f, j, now, err);
    if (rc)
        job_free(j);
    return rc;
}

/* Starts what may start now; *wake gets the earliest time something waiting could start. */
static hugi_rc schedule(struct hugi_fetch *f, double now, double *wake)
{
    struct job *j = f->pending.head;
    while (j && f->stop_rc == HUGI_OK) {
        struct job *next = j->next;
        if (j->src->given_up) {
            list_remove(&f->pending, j);
            finish_simple(f, j, HUGI_E_PARTIAL,
                          "source '%s' given up after repeated failures in this run", j->src->name);
            j = next; /* work the callback appended is seen on the next round */
            continue;
        }
        if (j->not_before > now) {
            if (j->not_before < *wake)
                *wake = j->not_before;
            j = next;
            continue;
        }
        if (f->running >= f->o.max_total)
            break;
        struct host *h = j->host;
        if (!j->file && j->robots == HUGI_ROBOTS_OBEY) {
            if (h->robots_state == ROBOTS_NONE) {
                if (h->active >= f->o.max_per_host) {
                    j = next;
                    continue;
                }
                struct hugi_err err;
                hugi_rc rc = start_robots(f, h, now, &err);
                if (rc) {
                    f->stop_err = err;
                    return f->stop_rc = rc;
                }
                j = next;
                continue;
            }
            if (h->robots_state == ROBOTS_PENDING) {
                j = next;
                continue;
            }
            if (!hugi_robots_allowed(h->robots, j->path_query, strlen(j->path_query))) {
                list_remove(&f->pending, j);
                /* a host that does not answer is down, not forbidding: say so */
                if (h->robots_unreachable)
                    finish_simple(f, j, HUGI_E_NET, "cannot reach the host: %s", h->robots_why);
                else if (h->robots_why[0])
                    finish_simple(f, j, HUGI_E_DENIED,
                                  "robots.txt could not be fetched (%s): nothing on this host "
                                  "may be crawled (RFC 9309)",
                                  h->robots_why);
                else
                    finish_simple(f, j, HUGI_E_DENIED, "disallowed by robots.txt%s", "");
                j = next;
                continue;
            }
        }
        if (h->active >= f->o.max_per_host) {
            j = next;
            continue;
        }
        if (h->next_start > now) {
            if (h->next_start < *wake)
                *wake = h->next_start;
            j = next;
            continue;
        }
        list_remove(&f->pending, j);
        struct hugi_err err;
        hugi_rc rc = job_start(f, j, now, &err);
        if (rc) {
            f->stop_err = err;
            job_abandon(j);
            return f->stop_rc = rc;
        }
        j = next;
    }
    return f->stop_rc;
}

hugi_rc hugi_fetch_run(struct hugi_fetch *f, struct hugi_err *err)
{
    f->stop_rc = HUGI_OK;
    hugi_err_clear(&f->stop_err);
    while ((f->pending.head || f->running > 0) && f->stop_rc == HUGI_OK) {
        double now = mono();
        double wake = now + 1.0;
        if (schedule(f, now, &wake))
            break;
        int still = 0;
        CURLMcode mc = curl_multi_perform(f->multi, &still);
        if (mc != CURLM_OK) {
            f->stop_rc = hugi_err_set(&f->stop_err, HUGI_E_NET, NULL, "libcurl: %s",
                                      curl_multi_strerror(mc));
            break;
        }
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            struct job *j = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
            job_done(f, j, m->data.result);
            if (f->stop_rc)
                break;
        }
        if (f->stop_rc)
            break;
        /* Something may start right away now that slots were freed. */
        now = mono();
        wake = now + 1.0;
        if (schedule(f, now, &wake))
            break;
        if (!f->pending.head && f->running == 0)
            break;
        long ms = (long)((wake - now) * 1000) + 1;
        if (ms < 0)
            ms = 0;
        if (ms > 1000)
            ms = 1000;
        if (f->running > 0 || ms > 0) {
            mc = curl_multi_poll(f->multi, NULL, 0, (int)ms, NULL);
            if (mc != CURLM_OK) {
                f->stop_rc = hugi_err_set(&f->stop_err, HUGI_E_NET, NULL, "libcurl: %s",
                                          curl_multi_strerror(mc));
                break;
            }
        }
    }
    if (f->stop_rc && err)
        *err = f->stop_err;
    return f->stop_rc;
}
