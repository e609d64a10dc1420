/* SPDX-License-Identifier: MIT
 * The fetcher against a scripted local server (tests/http_server.py, started here with
 * posix_spawn on 127.0.0.1 and a random port, killed at the end): retries and Retry-After, slow
 * drip, redirects, protocol refusals, gzip and bombs, size caps, conditional GET, robots.txt,
 * per-host delay, giving up a source, pagination, charsets, file://.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hugi/fetch.h"

extern char **environ;

static pid_t server_pid;
static int port;
static char base[64];

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int server_start(void **state)
{
    (void)state;
    int fds[2];
    if (pipe(fds))
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    char script[1024];
    snprintf(script, sizeof script, "%s/tests/http_server.py", HUGI_SOURCE_DIR);
    char *argv[] = {"python3", script, "--timeout", "240", NULL};
    int rc = posix_spawnp(&server_pid, "python3", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc) {
        close(fds[0]);
        fprintf(stderr, "cannot start python3: %s\n", strerror(rc));
        return -1;
    }
    char line[32];
    size_t n = 0;
    while (n + 1 < sizeof line) {
        ssize_t r = read(fds[0], line + n, 1);
        if (r <= 0 || line[n] == '\n')
            break;
        n++;
    }
    line[n] = '\0';
    close(fds[0]);
    port = atoi(line);
    if (port <= 0) {
        fprintf(stderr, "test server gave no port\n");
        return -1;
    }
    snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
    return 0;
}

static int server_stop(void **state)
{
    (void)state;
    if (server_pid > 0) {
        kill(server_pid, SIGTERM);
        waitpid(server_pid, NULL, 0);
    }
    return 0;
}

/* ---- one-shot helper ------------------------------------------------------------------- */

struct got {
    hugi_rc rc;
    long status;
    bool not_modified;
    char *body;
    size_t body_len;
    char *url, *charset, *etag, *last_modified, *final_url, *msg;
    int attempts;
    double seconds;
};

static void got_release(struct got *g)
{
    free(g->body);
    free(g->url);
    free(g->charset);
    free(g->etag);
    free(g->last_modified);
    free(g->final_url);
    free(g->msg);
    memset(g, 0, sizeof *g);
}

static hugi_rc on_done(const struct hugi_fetch_resp *r, void *ctx)
{
    struct got *g = r->user ? r->user : ctx;
    g->rc = r->rc;
    g->status = r->status;
    g->not_modified = r->not_modified;
    g->body = hugi_strndup(r->body, r->body_len);
    g->body_len = r->body_len;
    g->charset = hugi_strdup(r->charset);
    g->etag = hugi_strdup(r->etag);
    g->last_modified = hugi_strdup(r->last_modified);
    g->url = hugi_strdup(r->url);
    g->final_url = hugi_strdup(r->final_url);
    g->attempts = r->attempts;
    g->seconds = r->seconds;
    char buf[600];
    g->msg = hugi_strdup(r->rc ? hugi_err_format(&r->err, buf, sizeof buf) : "");
    return HUGI_OK;
}

static void quick_opts(struct hugi_fetch_opts *o)
{
    hugi_fetch_opts_init(o);
    o->host_delay = 0;
    o->robots = HUGI_ROBOTS_IGNORE;
    o->retry_base = 0.05;
    o->timeout = 20;
    o->seed = 42;
}

static void fetch1(const struct hugi_fetch_opts *o, const struct hugi_fetch_req *req, struct got *g)
{
    memset(g, 0, sizeof *g);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(o, on_done, g, &err);
    assert_non_null(f);
    assert_int_equal(hugi_fetch_add(f, req, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    hugi_fetch_free(f);
}

/* Adds a GET of `url` to f, its response going to *g (source may be NULL); fails the test when
 * the request is refused. */
static void add_req(struct hugi_fetch *f, const char *url, struct got *g, const char *source)
{
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    req.user = g;
    req.source = source;
    struct hugi_err err;
    assert_int_equal(hugi_fetch_add(f, &req, &err), HUGI_OK);
}

static void get(const struct hugi_fetch_opts *o, const char *path, struct got *g)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", base, path);
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    fetch1(o, &req, g);
}

/* How often the server saw `path`, and when. */
static long hits(const char *path, double *first, double *last)
{
    struct hugi_fetch_opts o;
    quick_opts(&o);
    char q[256];
    snprintf(q, sizeof q, "/_hits?path=%s", path);
    struct got g;
    get(&o, q, &g);
    assert_int_equal(g.rc, HUGI_OK);
    long n = -1;
    const char *c = strstr(g.body, "\"count\": ");
    assert_non_null(c);
    n = strtol(c + 9, NULL, 10);
    const char *t = strstr(g.body, "\"times\": [");
    if (t && n > 0) {
        char *end;
        double v = strtod(t + 10, &end);
        if (first)
            *first = v;
        double lastv = v;
        while (*end == ',') {
            lastv = strtod(end + 1, &end);
        }
        if (last)
            *last = lastv;
    }
    got_release(&g);
    return n;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_ok_headers_params_cookies(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.contact = "https://shop.example/bot";
    char url[256];
    snprintf(url, sizeof url, "%s/echo?a=1&page=9", base);
    const char *headers[] = {"X-Api-Key: sekrit", NULL};
    const char *params[] = {"page", "2", "q", "a b&c", NULL};
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    req.headers = headers;
    req.params = params;
    req.cookies = "sid=abc";
    struct got g;
    fetch1(&o, &req, &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.status, 200);
    assert_non_null(
        strstr(g.body, "\"user-agent\": \"hugi/" HUGI_VERSION " (+https://shop.example/bot)\""));
    assert_non_null(strstr(g.body, "\"x-api-key\": \"sekrit\""));
    assert_non_null(strstr(g.body, "\"cookie\": \"sid=abc\""));
    /* page replaced, not doubled; value encoded */
    assert_non_null(strstr(g.body, "\"path\": \"/echo?a=1&page=2&q=a+b%26c\""));
    assert_non_null(strstr(g.body, "\"accept-encoding\""));
    assert_int_equal(g.attempts, 1);
    got_release(&g);
}

static void test_retry_after_seconds(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    double t0 = mono();
    get(&o, "/retry429?ra=2&t=secs", &g);
    double took = mono() - t0;
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.attempts, 2);
    assert_string_equal(g.body, "ok after 429\n");
    assert_true(took >= 2.0);
    double first = 0, last = 0;
    assert_int_equal(hits("/retry429", &first, &last), 2);
    assert_true(last - first >= 1.95); /* the server saw the wait too */
    got_release(&g);
}

static void test_retry_after_date(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    double t0 = mono();
    get(&o, "/retry429date?ra=2&t=date", &g);
    double took = mono() - t0;
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.attempts, 2);
    /* an HTTP-date has whole seconds: "now + 2" is at least 1 s away */
    assert_true(took >= 1.0);
    got_release(&g);
}

static void test_retry_after_too_long(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.retry_max = 5;
    struct got g;
    double t0 = mono();
    get(&o, "/retry429?ra=3600&t=long", &g);
    assert_true(mono() - t0 < 3);
    assert_int_equal(g.rc, HUGI_E_HTTP);
    assert_int_equal(g.status, 429);
    assert_non_null(strstr(g.msg, "retry after 3600 s"));
    got_release(&g);
}

static void test_503_then_200(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    get(&o, "/retry503?fails=2&t=a", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.attempts, 3);
    assert_string_equal(g.body, "ok after 503\n");
    got_release(&g);
    /* more failures than retries: the last status is reported with the attempts */
    o.max_retries = 1;
    get(&o, "/retry503?fails=5&t=b", &g);
    assert_int_equal(g.rc, HUGI_E_HTTP);
    assert_int_equal(g.status, 503);
    assert_int_equal(g.attempts, 2);
    assert_non_null(strstr(g.msg, "HTTP 503 after 2 attempts"));
    assert_non_null(strstr(g.msg, "/retry503?fails=5&t=b"));
    got_release(&g);
}

static void test_slow_drip(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.low_speed_limit = 100;
    o.low_speed_time = 1;
    o.max_retries = 0;
    struct got g;
    double t0 = mono();
    get(&o, "/slow", &g);
    double took = mono() - t0;
    assert_int_equal(g.rc, HUGI_E_TIMEOUT);
    assert_true(took < 5);
    got_release(&g);
}

static void test_total_timeout(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.timeout = 1;
    o.max_retries = 0;
    struct got g;
    double t0 = mono();
    get(&o, "/slow?t=total", &g);
    assert_int_equal(g.rc, HUGI_E_TIMEOUT);
    assert_true(mono() - t0 < 4);
    got_release(&g);
}

static void test_redirects(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    get(&o, "/redirect", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_string_equal(g.body, "hello\n");
    assert_non_null(strstr(g.final_url, "/ok"));
    got_release(&g);
    get(&o, "/loop", &g);
    assert_int_equal(g.rc, HUGI_E_LIMIT);
    assert_non_null(strstr(g.msg, "more than 5 redirects"));
    got_release(&g);
    assert_true(hits("/loop", NULL, NULL) <= 6);
    get(&o, "/tofile", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED);
    assert_non_null(strstr(g.msg, "file:///etc/passwd"));
    assert_null(strstr(g.body, "root:"));
    got_release(&g);
    get(&o, "/toftp", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED);
    got_release(&g);
}

/* Redirects are followed by the session, so the target is scheduled as its own request: robots.txt
 * is checked on it, and what was meant for the first host stays there. */
static void test_redirect_target_rules(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY;
    struct got g;
    /* same host, to a path robots.txt disallows: refused, never fetched */
    long before = hits("/private/x", NULL, NULL);
    get(&o, "/goto?to=/private/x", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED);
    assert_non_null(strstr(g.msg, "disallowed by robots.txt"));
    assert_non_null(strstr(g.url, "/goto?to="));
    got_release(&g);
    assert_int_equal(hits("/private/x", NULL, NULL), before);

    /* same host: cookie and headers go along; the response names both URLs */
    o.robots = HUGI_ROBOTS_IGNORE;
    char a[64], b[64], url[256];
    snprintf(a, sizeof a, "a.test:%d:127.0.0.1", port);
    snprintf(b, sizeof b, "b.test:%d:127.0.0.1", port);
    const char *resolve[] = {a, b, NULL};
    o.resolve = resolve;
    const char *headers[] = {"X-Token: t0k", "Accept-Language: ko-KR", NULL};
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.headers = headers;
    req.cookies = "sid=s3cret";
    snprintf(url, sizeof url, "http://a.test:%d/goto?status=307&to=/echo", port);
    req.url = url;
    fetch1(&o, &req, &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_string_equal(g.url, url);
    assert_non_null(strstr(g.final_url, "a.test"));
    assert_non_null(strstr(g.final_url, "/echo"));
    assert_non_null(strstr(g.body, "s3cret"));
    assert_non_null(strstr(g.body, "t0k"));
    got_release(&g);

    /* another host: neither goes along */
    snprintf(url, sizeof url, "http://a.test:%d/goto?to=http://b.test:%d/echo", port, port);
    fetch1(&o, &req, &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_non_null(strstr(g.final_url, "b.test"));
    assert_non_null(strstr(g.body, "/echo"));
    assert_null(strstr(g.body, "s3cret"));
    assert_null(strstr(g.body, "t0k"));
    assert_non_null(strstr(g.body, "ko-KR")); /* not a credential: it goes along */
    got_release(&g);

    /* a Location that is not http(s), given with any status */
    get(&o, "/goto?status=308&to=file:///etc/hostname", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED);
    assert_non_null(strstr(g.msg, "only http and https"));
    got_release(&g);
}

static void test_gzip_and_bomb(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    get(&o, "/gzip", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_memory_equal(g.body, "{\"reviews\": [{\"id\": 0,", 22);
    assert_true(g.body_len > 5000); /* decoded, not the compressed bytes */
    assert_string_equal(g.body + g.body_len - 3, "}]}");
    got_release(&g);
    o.max_body = 1u << 20;
    get(&o, "/bomb?mb=16", &g);
    assert_int_equal(g.rc, HUGI_E_LIMIT);
    assert_non_null(strstr(g.msg, "larger than 1048576 bytes"));
    got_release(&g);
    get(&o, "/deflatebomb?mb=16", &g);
    assert_int_equal(g.rc, HUGI_E_LIMIT);
    got_release(&g);
    /* under the cap, a compressed body comes out whole */
    o.max_body = 2u << 20;
    get(&o, "/bomb?mb=1", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.body_len, 1u << 20);
    got_release(&g);
}

static void test_oversize(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.max_body = 1u << 20;
    struct got g;
    get(&o, "/big?kb=2048", &g);
    assert_int_equal(g.rc, HUGI_E_LIMIT);
    got_release(&g);
    get(&o, "/bigchunked?kb=2048", &g);
    assert_int_equal(g.rc, HUGI_E_LIMIT);
    got_release(&g);
    get(&o, "/big?kb=512", &g); /* under the cap */
    assert_int_equal(g.rc, HUGI_OK);
    assert_int_equal(g.body_len, 512 * 1024);
    got_release(&g);
}

static void test_conditional_get(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    get(&o, "/etag", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_false(g.not_modified);
    assert_string_equal(g.etag, "\"v1\"");
    char url[256];
    snprintf(url, sizeof url, "%s/etag", base);
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    req.etag = "\"v1\"";
    struct got g2;
    fetch1(&o, &req, &g2);
    assert_int_equal(g2.rc, HUGI_OK);
    assert_true(g2.not_modified);
    assert_int_equal(g2.status, 304);
    assert_int_equal(g2.body_len, 0);
    assert_string_equal(g2.etag, "\"v1\"");
    got_release(&g);
    got_release(&g2);

    get(&o, "/lastmod", &g);
    assert_string_equal(g.last_modified, "Mon, 15 Jan 2024 09:30:00 GMT");
    snprintf(url, sizeof url, "%s/lastmod", base);
    hugi_fetch_req_init(&req);
    req.url = url;
    req.last_modified = g.last_modified;
    fetch1(&o, &req, &g2);
    assert_true(g2.not_modified);
    assert_string_equal(g2.last_modified, "Mon, 15 Jan 2024 09:30:00 GMT");
    got_release(&g);
    got_release(&g2);
}

struct multi {
    struct got g[8];
};

static void test_robots(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY;
    long robots_before = hits("/robots.txt", NULL, NULL);
    struct multi m;
    memset(&m, 0, sizeof m);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    assert_non_null(f);
    const char *paths[] = {"/private/x", "/private/open", "/ok", "/private/x?y=1"};
    char urls[4][256];
    for (int i = 0; i < 4; i++) {
        snprintf(urls[i], sizeof urls[i], "%s%s", base, paths[i]);
        add_req(f, urls[i], &m.g[i], NULL);
    }
    /* a source that says robots = ignore */
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = urls[0];
    req.user = &m.g[4];
    req.robots = HUGI_ROBOTS_IGNORE;
    assert_int_equal(hugi_fetch_add(f, &req, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_stats(f)->denied, 2);
    hugi_fetch_free(f);
    assert_int_equal(m.g[0].rc, HUGI_E_DENIED);
    assert_non_null(strstr(m.g[0].msg, "disallowed by robots.txt"));
    assert_int_equal(m.g[1].rc, HUGI_OK);
    assert_int_equal(m.g[2].rc, HUGI_OK);
    assert_int_equal(m.g[3].rc, HUGI_E_DENIED);
    assert_int_equal(m.g[4].rc, HUGI_OK);
    assert_int_equal(hits("/private/x", NULL, NULL), 1); /* only the ignoring one */
    assert_int_equal(hits("/robots.txt", NULL, NULL), robots_before + 1); /* once per host */
    for (int i = 0; i < 5; i++)
        got_release(&m.g[i]);
}

/* A GET of http://HOST:port/PATH in a session of its own, HOST resolved to the test server (the
 * server's robots.txt answers by host name). */
static void get_at(const struct hugi_fetch_opts *o, const char *host, const char *path,
                   struct got *g)
{
    struct hugi_fetch_opts ho = *o;
    char r[128], url[512];
    snprintf(r, sizeof r, "%s:%d:127.0.0.1", host, port);
    const char *resolve[] = {r, NULL};
    ho.resolve = resolve;
    snprintf(url, sizeof url, "http://%s:%d%s", host, port, path);
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    fetch1(&ho, &req, g);
}

static void test_robots_status(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY;
    o.max_retries = 0;
    struct got g;
    get_at(&o, "r404.test", "/private/x", &g);
    assert_int_equal(g.rc, HUGI_OK); /* 4xx robots.txt: everything allowed */
    got_release(&g);
    get_at(&o, "r500.test", "/ok", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED); /* 5xx robots.txt: nothing allowed */
    got_release(&g);
}

/* robots.txt that redirects (http to https, bare to www …) is followed, and obeyed (RFC 9309
 * 2.3.1.2), instead of counting as unreachable and closing the host. */
static void test_robots_redirected(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY;
    o.max_retries = 0;
    struct got g;
    get_at(&o, "rmoved.test", "/ok", &g);
    assert_int_equal(g.rc, HUGI_OK);
    got_release(&g);
    get_at(&o, "rmoved.test", "/private/x", &g);
    assert_int_equal(g.rc, HUGI_E_DENIED);
    assert_non_null(strstr(g.msg, "disallowed by robots.txt"));
    got_release(&g);
}

static void test_crawl_delay(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY;
    o.max_per_host = 4;
    char r1[64];
    snprintf(r1, sizeof r1, "slow.test:%d:127.0.0.1", port);
    const char *resolve[] = {r1, NULL};
    o.resolve = resolve;
    struct got g[3];
    memset(g, 0, sizeof g);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    char url[3][128];
    for (int i = 0; i < 3; i++) {
        snprintf(url[i], sizeof url[i], "http://slow.test:%d/ok?cd=%d", port, i);
        add_req(f, url[i], &g[i], NULL);
    }
    double t0 = mono();
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    /* Crawl-delay 0.5 beats the session's 0: three starts span at least 1 s */
    assert_true(mono() - t0 >= 1.0);
    hugi_fetch_free(f);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(g[i].rc, HUGI_OK);
        got_release(&g[i]);
    }
}

static void test_host_delay(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.host_delay = 0.4;
    o.max_per_host = 4;
    struct got g[3];
    memset(g, 0, sizeof g);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    char url[3][128];
    for (int i = 0; i < 3; i++) {
        snprintf(url[i], sizeof url[i], "%s/echo?delay=%d", base, i);
        add_req(f, url[i], &g[i], NULL);
    }
    double t0 = mono();
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    assert_true(mono() - t0 >= 0.8);
    hugi_fetch_free(f);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(g[i].rc, HUGI_OK);
        got_release(&g[i]);
    }
    double first = 0, last = 0;
    long n = hits("/echo", &first, &last);
    assert_true(n >= 3);
}

static void test_give_up_source(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.max_retries = 0;
    o.give_up_after = 2;
    o.max_per_host = 1;
    o.max_total = 1;
    struct got g[5];
    memset(g, 0, sizeof g);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    char url[5][128];
    for (int i = 0; i < 5; i++) {
        snprintf(url[i], sizeof url[i], "%s/%s?gu=%d", base, i < 4 ? "always500" : "ok", i);
        add_req(f, url[i], &g[i], i < 4 ? "broken-shop" : "good-shop");
    }
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    hugi_fetch_free(f);
    assert_int_equal(g[0].rc, HUGI_E_HTTP);
    assert_int_equal(g[1].rc, HUGI_E_HTTP);
    assert_int_equal(g[2].rc, HUGI_E_PARTIAL);
    assert_non_null(strstr(g[2].msg, "source 'broken-shop' given up"));
    assert_int_equal(g[3].rc, HUGI_E_PARTIAL);
    assert_int_equal(g[4].rc, HUGI_OK);
    for (int i = 0; i < 5; i++)
        got_release(&g[i]);
}

static void test_many_concurrent(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.max_total = 4;
    o.max_per_host = 4;
    enum { N = 40 };
    struct got *g = calloc(N, sizeof *g);
    char(*url)[128] = calloc(N, sizeof *url);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    for (int i = 0; i < N; i++) {
        snprintf(url[i], sizeof url[i], "%s/ok?n=%d", base, i);
        add_req(f, url[i], &g[i], NULL);
    }
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_stats(f)->ok, N);
    assert_int_equal(hugi_fetch_stats(f)->bytes, N * 6);
    hugi_fetch_free(f);
    for (int i = 0; i < N; i++) {
        assert_int_equal(g[i].rc, HUGI_OK);
        got_release(&g[i]);
    }
    free(g);
    free(url);
}

/* Holds `n` requests of 0.5 s each over the given hosts and returns the most the server saw at
 * once. */
static long max_inflight(const struct hugi_fetch_opts *o, const char *const *hosts, int n)
{
    struct got *g = calloc((size_t)n, sizeof *g);
    char(*url)[160] = calloc((size_t)n, sizeof *url);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(o, on_done, NULL, &err);
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        snprintf(url[i], sizeof url[i], "http://%s:%d/hold?s=0.5&i=%d", hosts[i % 2], port, i);
        add_req(f, url[i], &g[i], NULL);
    }
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_stats(f)->ok, n);
    hugi_fetch_free(f);
    for (int i = 0; i < n; i++)
        got_release(&g[i]);
    free(g);
    free(url);
    struct hugi_fetch_opts q;
    quick_opts(&q);
    struct got m;
    get(&q, "/_maxinflight", &m);
    long v = strtol(m.body, NULL, 10);
    got_release(&m);
    return v;
}

static void test_limits_per_host_and_total(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    char r1[64];
    snprintf(r1, sizeof r1, "other.test:%d:127.0.0.1", port);
    const char *resolve[] = {r1, NULL};
    o.resolve = resolve;
    const char *one[] = {"127.0.0.1", "127.0.0.1"};
    const char *two[] = {"127.0.0.1", "other.test"};
    /* per-host limit: 6 requests to one host, 2 at a time */
    o.max_per_host = 2;
    assert_int_equal(max_inflight(&o, one, 6), 2);
    /* two hosts at 3 each would be 6; the global limit keeps it at 4 */
    o.max_per_host = 3;
    o.max_total = 4;
    assert_int_equal(max_inflight(&o, two, 8), 4);
    /* and with room for all, both hosts run at their own limit */
    o.max_total = 16;
    assert_int_equal(max_inflight(&o, two, 8), 6);
}

static void test_connect_refused_retried(void **state)
{
    (void)state;
    /* port 1 (tcpmux) is privileged and unused: the connection is refused at once */
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.max_retries = 2;
    struct got g;
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:1/nothing");
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    fetch1(&o, &req, &g);
    assert_int_equal(g.rc, HUGI_E_NET);
    assert_int_equal(g.attempts, 3);
    assert_non_null(strstr(g.msg, "(after retries)"));
    assert_non_null(strstr(g.msg, "http://127.0.0.1:1/nothing"));
    got_release(&g);
}

static void test_charset_euckr(void **state)
{
    (void)state;
    struct hugi_fetch_opts o;
    quick_opts(&o);
    struct got g;
    get(&o, "/euckr", &g);
    assert_int_equal(g.rc, HUGI_OK);
    assert_string_equal(g.charset, "euc-kr");
    /* bytes passed through untouched: "후기" in EUC-KR is C8 C4 B1 E2 */
    assert_non_null(strstr(g.body, "<title>\xC8\xC4\xB1\xE2</title>"));
    assert_false(hugi_utf8_valid(g.body, g.body_len));
    got_release(&g);
}

static void test_file_url(void **state)
{
    (void)state;
    char path[] = "/tmp/hugi-fetch-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "<html>saved</html>", 18), 18);
    close(fd);
    struct hugi_fetch_opts o;
    quick_opts(&o);
    o.robots = HUGI_ROBOTS_OBEY; /* does not apply to saved pages */
    char url[128];
    snprintf(url, sizeof url, "file://%s", path);
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    struct got g;
    fetch1(&o, &req, &g);
    unlink(path);
    assert_int_equal(g.rc, HUGI_OK);
    assert_string_equal(g.body, "<html>saved</html>");
    got_release(&g);
    fetch1(&o, &req, &g); /* gone now */
    assert_int_not_equal(g.rc, HUGI_OK);
    got_release(&g);
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, on_done, NULL, &err);
    req.url = "ftp://127.0.0.1/x";
    assert_int_equal(hugi_fetch_add(f, &req, &err), HUGI_E_USAGE);
    hugi_fetch_free(f);
}

/* ---- pagination ------------------------------------------------------------------------- */

struct pg {
    int pages;
    int items;
    int known_from; /* pages >= this report all items known; 0 never */
    char cursor[64];
    char next[128];
    struct hugi_page_summary sum;
    bool ended;
};

/* A toy extractor for the server's JSON pages: counts the items, finds "next". */
static hugi_rc on_page(const struct hugi_fetch_resp *r, int page_no, struct hugi_page_next *next,
                       void *ctx)
{
    struct pg *p = ctx;
    p->pages = page_no;
    const char *it = strstr(r->body, "\"items\": [");
    size_t n = 0;
    if (it && it[10] != ']') {
        n = 1;
        for (const char *c = it + 10; *c && *c != ']'; c++)
            n += *c == ',';
    }
    p->items += (int)n;
    next->n_items = n;
    next->n_known = p->known_from && page_no >= p->known_from ? n : 0;
    const char *nx = strstr(r->body, "\"next\": \"");
    if (nx) {
        nx += 9;
        size_t l = strcspn(nx, "\"");
        snprintf(p->cursor, sizeof p->cursor, "%.*s", (int)l, nx);
        next->cursor = hugi_strdup(p->cursor);
        next->next_url = hugi_strdup(p->cursor);
    }
    return HUGI_OK;
}

static void on_end(const struct hugi_page_summary *s, void *ctx)
{
    struct pg *p = ctx;
    p->sum = *s;
    p->ended = true;
}

static void paginate(const char *path, const struct hugi_page_opts *po, struct pg *p)
{
    struct hugi_fetch_opts o;
    quick_opts(&o);
    char url[256];
    snprintf(url, sizeof url, "%s%s", base, path);
    struct hugi_fetch_req req;
    hugi_fetch_req_init(&req);
    req.url = url;
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&o, NULL, NULL, &err);
    assert_int_equal(hugi_fetch_paginate(f, &req, po, on_page, on_end, p, &err), HUGI_OK);
    assert_int_equal(hugi_fetch_run(f, &err), HUGI_OK);
    hugi_fetch_free(f);
    assert_true(p->ended);
}

static void test_paginate_number(void **state)
{
    (void)state;
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.mode = HUGI_PAGE_NUMBER;
    po.page_param = "page";
    struct pg p = {0};
    paginate("/pages?t=n", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_END);
    assert_int_equal(p.sum.pages, 6); /* 5 full pages, then an empty one */
    assert_int_equal(p.items, 15);

    po.max_pages = 3;
    memset(&p, 0, sizeof p);
    paginate("/pages?t=cap", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_CAP);
    assert_int_equal(p.sum.pages, 3);

    po.max_pages = 10;
    memset(&p, 0, sizeof p);
    p.known_from = 2; /* incremental scan: page 2 holds only reviews we have */
    paginate("/pages?t=known", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_KNOWN);
    assert_int_equal(p.sum.pages, 2);

    po.backfill = true;
    memset(&p, 0, sizeof p);
    p.known_from = 2;
    paginate("/pages?t=backfill", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_END);
    assert_int_equal(p.sum.pages, 6);

    /* page numbers by 10 from 0 (offset style): 0, 10, ... the server has no such pages */
    po.backfill = false;
    po.start = 0;
    po.step = 10;
    memset(&p, 0, sizeof p);
    paginate("/pages?t=offset", &po, &p);
    assert_int_equal(p.sum.pages, 1);
}

static void test_paginate_cursor(void **state)
{
    (void)state;
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.mode = HUGI_PAGE_CURSOR;
    po.cursor_param = "cursor";
    struct pg p = {0};
    paginate("/cursor?t=c", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_END);
    assert_int_equal(p.sum.pages, 5);
    assert_int_equal(p.items, 15);
    assert_int_equal(hits("/cursor", NULL, NULL) >= 5, 1);
}

static void test_paginate_next_url(void **state)
{
    (void)state;
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.mode = HUGI_PAGE_NEXT_URL;
    struct pg p = {0};
    paginate("/links?n=1", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_END);
    assert_int_equal(p.sum.pages, 5);
    assert_int_equal(p.items, 5);
}

static void test_paginate_loop(void **state)
{
    (void)state;
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.mode = HUGI_PAGE_CURSOR;
    po.cursor_param = "c";
    struct pg p = {0};
    paginate("/samecursor", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_LOOP);
    assert_int_equal(p.sum.pages, 2); /* first page, then "again" once; its repeat stops */
}

static void test_paginate_error(void **state)
{
    (void)state;
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.mode = HUGI_PAGE_NUMBER;
    po.page_param = "page";
    struct pg p = {0};
    paginate("/nothing-here", &po, &p);
    assert_int_equal(p.sum.stop, HUGI_PAGE_STOP_ERROR);
    assert_int_equal(p.sum.rc, HUGI_E_HTTP);
    assert_int_equal(p.sum.err.http_status, 404);
    assert_int_equal(p.pages, 0); /* the page callback never saw the failed page */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok_headers_params_cookies),
        cmocka_unit_test(test_retry_after_seconds),
        cmocka_unit_test(test_retry_after_date),
        cmocka_unit_test(test_retry_after_too_long),
        cmocka_unit_test(test_503_then_200),
        cmocka_unit_test(test_slow_drip),
        cmocka_unit_test(test_total_timeout),
        cmocka_unit_test(test_redirects),
        cmocka_unit_test(test_redirect_target_rules),
        cmocka_unit_test(test_gzip_and_bomb),
        cmocka_unit_test(test_oversize),
        cmocka_unit_test(test_conditional_get),
        cmocka_unit_test(test_robots),
        cmocka_unit_test(test_robots_redirected),
        cmocka_unit_test(test_robots_status),
        cmocka_unit_test(test_crawl_delay),
        cmocka_unit_test(test_host_delay),
        cmocka_unit_test(test_give_up_source),
        cmocka_unit_test(test_many_concurrent),
        cmocka_unit_test(test_limits_per_host_and_total),
        cmocka_unit_test(test_connect_refused_retried),
        cmocka_unit_test(test_charset_euckr),
        cmocka_unit_test(test_file_url),
        cmocka_unit_test(test_paginate_number),
        cmocka_unit_test(test_paginate_cursor),
        cmocka_unit_test(test_paginate_next_url),
        cmocka_unit_test(test_paginate_loop),
        cmocka_unit_test(test_paginate_error),
    };
    return cmocka_run_group_tests(tests, server_start, server_stop);
}
