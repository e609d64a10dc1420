/* SPDX-License-Identifier: MIT
 * The extraction unit tests (test_extract.c, test_extract_round14.c, test_extract_round15.c,
 * test_review11.c) share this harness: extract a body with fixed options and keep each review's
 * JSON line for strstr(). */
#ifndef HUGI_TEST_EXTRACT_ROUNDS_H
#define HUGI_TEST_EXTRACT_ROUNDS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hugi/extract.h"

struct lines {
    char out[16384];
    size_t n;
};

static inline hugi_rc keep(const struct hugi_review *r, void *ctx)
{
    struct lines *l = ctx;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_review_to_json(r, &b);
    if (!rc) {
        size_t have = strlen(l->out);
        snprintf(l->out + have, sizeof l->out - have, "%s\n", b.data);
    }
    hugi_buf_release(&b);
    l->n++;
    return rc;
}

/* Extracts `body` with `preset`, the clock at `fetched_at`; `res` is the caller's to release. */
static inline size_t extract_run(const char *body, enum hugi_extract_preset preset,
                                 int64_t fetched_at, struct lines *l,
                                 struct hugi_extract_result *res, hugi_rc *rcp)
{
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.preset = preset;
    o.name = "t";
    o.fetched_at = fetched_at;
    memset(l, 0, sizeof *l);
    struct hugi_err err;
    hugi_rc rc = hugi_extract(body, strlen(body), &o, keep, l, res, &err);
    if (rcp)
        *rcp = rc;
    return l->n;
}

/* The rounds' usual call: detected, on 2026-01-15. */
static inline size_t run(const char *body, struct lines *l, hugi_rc *rcp)
{
    struct hugi_extract_result res;
    size_t n = extract_run(body, HUGI_PRESET_AUTO, hugi_time_from_civil(2026, 1, 15, 0, 0, 0), l,
                           &res, rcp);
    hugi_extract_result_release(&res);
    return n;
}

static inline bool has(const struct lines *l, const char *s)
{
    return strstr(l->out, s) != NULL;
}

/* A large body (b, released here) extracted as run() does: how many reviews, whether `want`
 * was among the kept lines (the first 16 KB), and the CPU seconds it took. */
static inline size_t run_large(struct hugi_buf *b, const char *want, bool *found, double *secs)
{
    struct lines *l = calloc(1, sizeof *l);
    size_t n = 0;
    *found = false;
    *secs = 0;
    if (l) {
        clock_t t0 = clock();
        n = run(b->data, l, NULL);
        *secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        *found = has(l, want);
    }
    free(l);
    hugi_buf_release(b);
    return n;
}

#endif
