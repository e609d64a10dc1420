/* SPDX-License-Identifier: MIT
 * Where a `hugi score --format score` line's time goes, in this thread's CPU time (not wall
 * time: the bench machine is shared, and a process that waits for a core is not slower). Built
 * and run by bench/sent_probe.sh against the release build's libraries; public API only.
 *   normalise  hugi_tm_normalize of each line
 *   walk       hugi_tm_match_split of each normalised line (the automaton walk and the listing
 *              of its matches)
 *   walk, warm the same, each line walked twice in a row: the second walk finds the line's
 *              states in the caches (and its branches learnt), so cold minus warm is what the
 *              walk waits for memory (and mispredictions)
 *   score      hugi_sent_score without evidence: everything (normalise and walk included)
 * Each figure is the best of the passes (least disturbed by other processes).
 * usage: sent_probe DATADIR LINES_FILE [PASSES] */
#define _POSIX_C_SOURCE 200809L
#include "hugi/sent.h"
#include "hugi/textmatch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LINES 20000

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct split {
    struct hugi_tm_match *arr;
    uint32_t *gidx;
    size_t n, cap;
    struct hugi_tm_pos *pos;
    size_t npos, cappos, total;
};

static size_t walk(const struct hugi_tm_dict *d, const struct hugi_tm_text *t, struct split *o)
{
    struct hugi_err err;
    o->n = o->npos = 0;
    if (hugi_tm_match_split(d, t, &o->arr, &o->gidx, &o->n, &o->cap, &o->pos, &o->npos, &o->cappos,
                            &o->total, &err) != HUGI_OK) {
        fprintf(stderr, "sent_probe: %s\n", err.msg);
        exit(1);
    }
    return o->npos + o->n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: sent_probe DATADIR LINES_FILE [PASSES]\n");
        return 2;
    }
    int passes = argc > 3 ? atoi(argv[3]) : 5;
    if (passes < 1)
        passes = 1;
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    if (!m || hugi_sent_load_defaults(m, argv[1], &err) != HUGI_OK ||
        hugi_sent_build(m, &err) != HUGI_OK) {
        fprintf(stderr, "sent_probe: cannot load the lexicons under %s\n", argv[1]);
        return 1;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        fprintf(stderr, "sent_probe: cannot open %s\n", argv[2]);
        return 1;
    }
    static char *line[MAX_LINES];
    static size_t llen[MAX_LINES];
    static struct hugi_tm_text tx[MAX_LINES];
    size_t nl = 0, cap = 0;
    char *buf = NULL;
    ssize_t r;
    while (nl < MAX_LINES && (r = getline(&buf, &cap, f)) > 0) {
        size_t n = (size_t)r;
        if (buf[n - 1] == '\n')
            n--;
        line[nl] = malloc(n + 1);
        if (!line[nl])
            return 1;
        memcpy(line[nl], buf, n);
        line[nl][n] = '\0';
        llen[nl] = n;
        hugi_tm_text_init(&tx[nl]);
        if (hugi_tm_normalize(&tx[nl], line[nl], n, &err) != HUGI_OK)
            return 1;
        nl++;
    }
    free(buf);
    fclose(f);
    if (nl == 0) {
        fprintf(stderr, "sent_probe: no lines\n");
        return 1;
    }
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    struct split o = {0};
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_sent_result res;
    hugi_sent_result_init(&res);
    res.no_evidence = true;
    double best[4] = {1e300, 1e300, 1e300, 1e300};
    size_t check = 0; /* used, so that no pass is optimised away */
    for (int p = 0; p < passes; p++) {
        double t0 = cpu_now();
        for (size_t i = 0; i < nl; i++)
            if (hugi_tm_normalize(&t, line[i], llen[i], &err) != HUGI_OK)
                return 1;
        double t1 = cpu_now();
        for (size_t i = 0; i < nl; i++)
            check += walk(d, &tx[i], &o);
        double t2 = cpu_now();
        for (size_t i = 0; i < nl; i++) {
            check += walk(d, &tx[i], &o);
            check += walk(d, &tx[i], &o);
        }
        double t3 = cpu_now();
        for (size_t i = 0; i < nl; i++)
            if (hugi_sent_score(m, line[i], llen[i], &res, &err) != HUGI_OK)
                return 1;
        double t4 = cpu_now();
        double v[4] = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
        for (int k = 0; k < 4; k++)
            best[k] = v[k] < best[k] ? v[k] : best[k];
    }
    best[2] -= best[1]; /* two walks a line less one: the second, warm one */
    double ns = 1e9 / (double)nl;
    printf("sent_probe: %zu lines, best of %d passes, thread CPU time, ns a line\n", nl, passes);
    printf("normalise  %7.0f\n", best[0] * ns);
    printf("walk       %7.0f  (%.0f %% of score)\n", best[1] * ns, 100 * best[1] / best[3]);
    printf("walk, warm %7.0f  (the same lines walked again at once)\n", best[2] * ns);
    printf("score      %7.0f  (%.0f sentences/s of CPU)\n", best[3] * ns, 1.0 / (best[3] / nl));
    fprintf(stderr, "(check %zu)\n", check);
    hugi_sent_result_release(&res);
    hugi_tm_text_release(&t);
    for (size_t i = 0; i < nl; i++) {
        hugi_tm_text_release(&tx[i]);
        free(line[i]);
    }
    free(o.arr);
    free(o.gidx);
    free(o.pos);
    hugi_sent_free(m);
    return 0;
}
