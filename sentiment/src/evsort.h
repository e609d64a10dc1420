/* SPDX-License-Identifier: MIT
 * The order of a text's evidence: |weight| descending, then start, equal items in the order they
 * were found — what qsort() with ev_by_weight gave with glibc (a merge sort: stable). Each text
 * with evidence lists dozens of learned items, and qsort took more time than the scoring, moving
 * 32-byte items through a comparison called by pointer; ev_sort() merge-sorts 16-byte keys and
 * moves the items once. tests/fuzz/fuzz_evsort.c compares the two. Private to the sentiment
 * stage. */
#ifndef HUGI_SENT_EVSORT_H
#define HUGI_SENT_EVSORT_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"

static inline int ev_by_weight(const void *a, const void *b)
{
    const struct hugi_sent_evidence *x = a, *y = b;
    float ax = fabsf(x->weight), ay = fabsf(y->weight);
    if (ax != ay)
        return ax < ay ? 1 : -1;
    return x->start < y->start ? -1 : (x->start > y->start);
}

/* An item's place: |weight| descending (the bits of a non-negative float grow with it) and start
 * in k; i is where the item was. Equal keys keep their order because both passes below are
 * stable (insertion moves past larger keys only, a merge takes from the left on a tie). */
struct ev_key {
    uint64_t k;
    uint32_t i;
};

/* Sorts ev[0..n) in place. keys: room for 2n, tmp: room for n. A NaN weight has no order:
 * then qsort as before. */
static void ev_sort(struct hugi_sent_evidence *ev, size_t n, struct ev_key *keys,
                    struct hugi_sent_evidence *tmp)
{
    struct ev_key *a = keys, *b = keys + n;
    for (size_t j = 0; j < n; j++) {
        float w = fabsf(ev[j].weight);
        if (isnan(w)) {
            qsort(ev, n, sizeof(*ev), ev_by_weight);
            return;
        }
        uint32_t bits;
        memcpy(&bits, &w, sizeof bits);
        a[j] = (struct ev_key){(uint64_t)(~bits) << 32 | ev[j].start, (uint32_t)j};
    }
    /* runs of 8 by insertion, then merged pairwise, a and b in turn */
    for (size_t lo = 0; lo < n; lo += 8) {
        size_t hi = lo + 8 < n ? lo + 8 : n;
        for (size_t j = lo + 1; j < hi; j++) {
            struct ev_key x = a[j];
            size_t q = j;
            while (q > lo && x.k < a[q - 1].k) {
                a[q] = a[q - 1];
                q--;
            }
            a[q] = x;
        }
    }
    for (size_t w = 8; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t p = lo, q = mid, o = lo;
            while (p < mid && q < hi)
                b[o++] = a[q].k < a[p].k ? a[q++] : a[p++];
            while (p < mid)
                b[o++] = a[p++];
            while (q < hi)
                b[o++] = a[q++];
        }
        struct ev_key *x = a;
        a = b;
        b = x;
    }
    for (size_t j = 0; j < n; j++)
        tmp[j] = ev[a[j].i];
    memcpy(ev, tmp, n * sizeof(*ev));
}

#endif
