/* SPDX-License-Identifier: MIT
 * libFuzzer, differential: the evidence sort (sentiment/src/evsort.h) against qsort() with the
 * same comparison, which with glibc is a merge sort (stable). Items are made from the input, 3
 * bytes each, with few weights and starts so that ties are common; each keeps its index, so the
 * order of equal items is compared too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../sentiment/src/evsort.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const float ws[16] = {0.0f,  -0.0f, 0.5f,   -0.5f, 1.0f,  -1.0f, 0.25f,  1e-30f,
                                 -2.5f, 2.5f,  0.125f, 3.0f,  -3.0f, 1e30f, 0.333f, -0.333f};
    size_t n = size / 3;
    if (n == 0 || n > 5000)
        return 0;
    struct hugi_sent_evidence *a = calloc(n, sizeof(*a)), *b = calloc(n, sizeof(*b)),
                              *tmp = calloc(n, sizeof(*tmp));
    struct ev_key *keys = calloc(2 * n, sizeof(*keys));
    if (!a || !b || !tmp || !keys)
        abort();
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = data + 3 * i;
        a[i].weight = ws[p[0] & 15];
        a[i].start = p[1] & 7;
        a[i].end = p[2];
        a[i].entry = (uint32_t)i;
    }
    memcpy(b, a, n * sizeof(*a));
    ev_sort(a, n, keys, tmp);
    qsort(b, n, sizeof(*b), ev_by_weight);
    for (size_t i = 0; i < n; i++)
        if (a[i].entry != b[i].entry || a[i].start != b[i].start)
            abort();
    free(a);
    free(b);
    free(tmp);
    free(keys);
    return 0;
}
