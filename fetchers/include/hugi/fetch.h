/* SPDX-License-Identifier: MIT
 * hugi_fetch, fetching half: a polite concurrent HTTP client on libcurl's multi interface.
 *
 * A session (struct hugi_fetch) holds the limits and politeness rules; the caller adds requests
 * and runs the session; every request ends in exactly one call of its done callback, with a
 * response that is valid only during that call. Nothing here knows about the store or about
 * extraction: fetch state (ETag, Last-Modified, cursor) comes in with the request and goes out
 * with the response, and the caller decides what a body means.
 *
 * Politeness: at most `max_per_host` transfers to one host (scheme://host:port) at once, and
 * request starts to one host at least `host_delay` seconds apart; robots.txt (RFC 9309) fetched
 * once per host per session and obeyed unless the request says otherwise. Retries use
 * exponential backoff with jitter and honour Retry-After. Limits: body size (also after
 * decompression), connect/total timeouts, a low-speed limit, 5 redirects, http/https only
 * (file:// only when the request URL itself is file://), TLS verification always on. A redirect
 * target is scheduled as a request to its own host (its robots.txt, delay and limit apply), and
 * cookies and credential-like headers are not carried to another host.
 *
 * Ownership: every pointer in the option and request structs is borrowed for the duration of
 * the call that takes it (the session copies what it keeps). Pointers in a response are borrowed
 * until the callback returns.
 */
#ifndef HUGI_FETCH_H
#define HUGI_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hugi/core.h"

/* ---- robots.txt (RFC 9309) ---------------------------------------------------------------- */

enum hugi_robots_policy {
    HUGI_ROBOTS_DEFAULT = 0, /* in a request: the session's policy */
    HUGI_ROBOTS_OBEY,
    HUGI_ROBOTS_IGNORE,
};

struct hugi_robots;

/* Parses a robots.txt body for the product token `agent` ("hugi"; matched case-insensitively
 * against User-agent lines, RFC 9309 §2.2.1). Never fails on malformed input: unknown lines are
 * skipped, as the RFC asks. Only the first 500 KiB are read (§2.5). Returns NULL on OOM only.
 * Caller frees with hugi_robots_free(). */
struct hugi_robots *hugi_robots_parse(const char *txt, size_t len, const char *agent);
/* The rules for a robots.txt that could not be had: allow_all for 4xx ("unavailable", §2.3.1.3),
 * disallow all for 5xx or unreachable (§2.3.1.4). NULL on OOM. */
struct hugi_robots *hugi_robots_new_all(bool allow);
void hugi_robots_free(struct hugi_robots *r);
/* Is `path` (path and query of the URL, "/a/b?c", percent-encoded as sent) allowed? Longest
 * matching rule wins; Allow wins a tie; no match is allowed; "/robots.txt" is always allowed. */
bool hugi_robots_allowed(const struct hugi_robots *r, const char *path, size_t len);
/* Crawl-delay of the chosen group in seconds, or -1 when none was given (not in the RFC; sites
 * still use it, so the session honours it as a lower bound of the host delay). */
double hugi_robots_crawl_delay(const struct hugi_robots *r);

/* ---- retry helpers ------------------------------------------------------------------------- */

/* Parses a Retry-After value: delay-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime,
 * RFC 9110 §5.6.7), relative to `now` (epoch seconds). A date in the past gives 0. Returns false
 * for anything else (the caller then uses its own backoff). */
bool hugi_fetch_retry_after_parse(const char *s, size_t len, int64_t now, double *secs);

/* Backoff before retry number `attempt` (1 = first retry): base * 2^(attempt-1), at most `cap`,
 * then "equal jitter": a uniform pick in [d/2, d]. `rng` is the caller's xorshift state (never 0;
 * advanced by the call), so tests are reproducible. */
double hugi_fetch_backoff(int attempt, double base, double cap, uint64_t *rng);

/* ---- URLs ----------------------------------------------------------------------------------- */

/* Returns `url` with query parameter key=value set (an existing `key` is replaced; both are
 * percent-encoded as needed). Caller frees. HUGI_E_PARSE when url is not a URL. */
hugi_rc hugi_fetch_url_set_param(const char *url, const char *key, const char *value, char **out,
                                 struct hugi_err *err);

/* ---- session ------------------------------------------------------------------------------- */

struct hugi_fetch_opts {
    const char *user_agent; /* NULL: "hugi/VERSION" plus " (+contact)" when contact is set */
    const char *contact;    /* URL or mail address of whoever runs hugi; may be NULL */
    int max_total;          /* transfers at once over all hosts (default 16) */
    int max_per_host;       /* transfers at once to one host (default 2) */
    double host_delay;      /* seconds between request starts to one host (default 1.0) */
    double connect_timeout; /* seconds (default 10) */
    double timeout;         /* seconds for a whole transfer (default 60) */
    long low_speed_limit;   /* bytes/s; slower than this for low_speed_time aborts (default 64) */
    long low_speed_time;    /* seconds (default 15) */
    size_t max_body;        /* bytes, after decompression (default 20 MiB) */
    long max_redirects;     /* default 5 */
    int max_retries;        /* retries after the first attempt (default 3) */
    double retry_base;      /* first backoff in seconds (default 1) */
    double retry_max;       /* longest single wait, backoff or Retry-After (default 120) */
    int give_up_after;      /* failed requests in a row before a source is given up (default 3) */
    const char *ca_file;    /* CA bundle; NULL: the system's */
    enum hugi_robots_policy robots; /* default HUGI_ROBOTS_OBEY */
    const char *const *resolve;     /* NULL-terminated "host:port:addr" (CURLOPT_RESOLVE), tests */
    uint64_t seed;                  /* jitter seed; 0 = from the clock */
};

/* Sets the defaults above. */
void hugi_fetch_opts_init(struct hugi_fetch_opts *o);

struct hugi_fetch_resp;
/* Called once per request when it is finished (success, failure, not modified, refused). The
 * callback may add requests to the session (pagination does). A non-OK return stops the run:
 * hugi_fetch_run() returns that code, and transfers still going are abandoned. */
typedef hugi_rc (*hugi_fetch_done_fn)(const struct hugi_fetch_resp *resp, void *ctx);

struct hugi_fetch_req {
    const char *url;            /* http, https, or file (saved pages) */
    const char *const *headers; /* NULL-terminated "Name: value" lines; may be NULL */
    const char *const *params;  /* NULL-terminated key, value, key, value, ...; set in the query */
    const char *cookies;        /* "a=1; b=2" sent as Cookie; may be NULL */
    const char *etag;           /* validator from the last fetch: sent as If-None-Match */
    const char *last_modified;  /* sent as If-Modified-Since */
    const char *source;         /* name the failures are counted under (NULL: the host) */
    double host_delay;          /* < 0: the session's; else this source's delay for its host */
    enum hugi_robots_policy robots; /* HUGI_ROBOTS_DEFAULT: the session's */
    hugi_fetch_done_fn done;        /* NULL: the session's callback */
    void *done_ctx;                 /* context for `done` when set */
    /* frees done_ctx when `done` will not be called for it: the run stopped (a callback's
     * error, hugi_fetch_free()) before this request finished. NULL: the caller's concern. */
    void (*done_ctx_free)(void *ctx);
    void *user; /* handed back in the response */
};

/* Zeroes the request and sets host_delay to -1. */
void hugi_fetch_req_init(struct hugi_fetch_req *r);

struct hugi_fetch_resp {
    hugi_rc rc;               /* HUGI_OK for 2xx and 304; else HUGI_E_HTTP (other status),
                               * HUGI_E_NET, HUGI_E_TIMEOUT, HUGI_E_LIMIT (too big, redirects),
                               * HUGI_E_DENIED (robots.txt, protocol), HUGI_E_PARTIAL (given up) */
    struct hugi_err err;      /* set when rc != HUGI_OK; `where` is the URL */
    const char *url;          /* the URL requested (with params) */
    const char *final_url;    /* after redirects; == url when none */
    long status;              /* HTTP status of the last attempt; 0 when no response */
    bool not_modified;        /* 304: body is empty, validators still those sent */
    const char *content_type; /* full header value, or NULL */
    const char *charset;      /* lower-cased charset parameter of Content-Type, or NULL */
    const char *body;         /* NUL-terminated for convenience; never NULL */
    size_t body_len;
    const char *etag;          /* ETag of the response (or the one sent, on 304), or NULL */
    const char *last_modified; /* Last-Modified likewise, or NULL */
    int attempts;              /* 1 + retries */
    double seconds;            /* from the first attempt's start to the end */
    void *user;
};

struct hugi_fetch_stats {
    long requests;  /* finished requests */
    long transfers; /* attempts started, robots.txt included */
    long retries;
    long ok;
    long not_modified;
    long failed;
    long denied;    /* robots.txt or protocol refusals */
    long redirects; /* followed */
    uint64_t bytes; /* body bytes delivered (decoded) */
    double waited;  /* seconds spent waiting on backoff and Retry-After (summed per request) */
};

struct hugi_fetch;

/* A new session; `done` is the callback for requests that carry none (may be NULL if they all
 * do). NULL with err set when libcurl cannot start or an option is out of range. */
struct hugi_fetch *hugi_fetch_new(const struct hugi_fetch_opts *opts, hugi_fetch_done_fn done,
                                  void *ctx, struct hugi_err *err);
void hugi_fetch_free(struct hugi_fetch *f); /* NULL is fine; pending requests are dropped */

/* Queues a request (copied). HUGI_E_USAGE for a URL whose scheme is not http, https or file.
 * May be called from a done callback. */
hugi_rc hugi_fetch_add(struct hugi_fetch *f, const struct hugi_fetch_req *req,
                       struct hugi_err *err);

/* Runs until every queued request has been answered. Returns HUGI_OK even when some requests
 * failed (each got its callback); an error only for what stops the whole run (a callback's
 * error, libcurl failing, OOM). */
hugi_rc hugi_fetch_run(struct hugi_fetch *f, struct hugi_err *err);

/* Counters so far; borrowed. */
const struct hugi_fetch_stats *hugi_fetch_stats(const struct hugi_fetch *f);

/* ---- pagination ----------------------------------------------------------------------------
 * A driver that fetches one page after another for one source, independent of what a page
 * holds: the caller's page callback reads each response (with its extractor) and says how many
 * items it found, how many were already known, and — for cursors and next links — what comes
 * next. Pages of one source are fetched in order, one at a time. */

enum hugi_page_mode {
    HUGI_PAGE_SINGLE = 0, /* just the first URL */
    HUGI_PAGE_NUMBER,     /* set page_param = start, start+step, ... */
    HUGI_PAGE_CURSOR,     /* set cursor_param = the cursor the callback found */
    HUGI_PAGE_NEXT_URL,   /* fetch the URL the callback found (resolved against the page) */
};

enum hugi_page_stop {
    HUGI_PAGE_STOP_END = 0,      /* no next cursor/link, or an empty page */
    HUGI_PAGE_STOP_CAP,          /* max_pages reached */
    HUGI_PAGE_STOP_KNOWN,        /* a page held only known items (and no --backfill) */
    HUGI_PAGE_STOP_NOT_MODIFIED, /* the first page answered 304 */
    HUGI_PAGE_STOP_ERROR,        /* a page failed; summary.err says why */
    HUGI_PAGE_STOP_CALLER,       /* the page callback asked to stop */
    HUGI_PAGE_STOP_LOOP,         /* the next cursor or link repeated one already seen */
};

struct hugi_page_opts {
    enum hugi_page_mode mode;
    const char *page_param;   /* HUGI_PAGE_NUMBER: query parameter ("page") */
    long start;               /* first page number (default 1) */
    long step;                /* increment (default 1) */
    const char *cursor_param; /* HUGI_PAGE_CURSOR: query parameter for the cursor */
    int max_pages;            /* hard cap (default 10) */
    bool backfill;            /* go on past pages of known items */
};

void hugi_page_opts_init(struct hugi_page_opts *o);

/* What the page callback reports back. The driver takes the two strings (malloc'd, or NULL) and
 * frees them, so an extractor's result can hand its own over without a copy. */
struct hugi_page_next {
    size_t n_items; /* items found on the page */
    size_t n_known; /* of which already known to the caller */
    char *cursor;   /* HUGI_PAGE_CURSOR: next cursor, NULL/"" for none; taken */
    char *next_url; /* HUGI_PAGE_NEXT_URL: next link, NULL/"" for none; taken */
    bool stop;      /* the caller wants no more pages */
};

struct hugi_page_summary {
    int pages; /* pages fetched (304 counts) */
    enum hugi_page_stop stop;
    struct hugi_err err; /* for HUGI_PAGE_STOP_ERROR: the failing page's error */
    hugi_rc rc;          /* HUGI_OK unless stop == HUGI_PAGE_STOP_ERROR */
};

/* Called for each page that arrived with rc HUGI_OK (304 included, with not_modified set), with
 * page_no counted from 1. Its return value as for hugi_fetch_done_fn. */
typedef hugi_rc (*hugi_page_fn)(const struct hugi_fetch_resp *resp, int page_no,
                                struct hugi_page_next *next, void *ctx);
/* Called once when the source is done; may be NULL. */
typedef void (*hugi_page_end_fn)(const struct hugi_page_summary *s, void *ctx);

/* Adds the first page of a paginated source to the session; the rest are added as pages arrive.
 * `first` is copied; its done/done_ctx are not used (the driver's), its user pointer is handed
 * back in each page's response. */
hugi_rc hugi_fetch_paginate(struct hugi_fetch *f, const struct hugi_fetch_req *first,
                            const struct hugi_page_opts *po, hugi_page_fn on_page,
                            hugi_page_end_fn on_end, void *ctx, struct hugi_err *err);

/* "end", "cap", "known", "not-modified", "error", "caller", "loop". */
const char *hugi_page_stop_name(enum hugi_page_stop s);

#endif
