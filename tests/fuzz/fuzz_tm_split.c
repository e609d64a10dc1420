/* SPDX-License-Identifier: MIT
 * libFuzzer, differential: summed matching (hugi_tm_dict_sum_prepare + hugi_tm_match_split)
 * against hugi_tm_match_append() on any lexicon and text. Input: lexicon TSV, a blank line, the
 * text. Every third entry is left unsummed; the listed matches must be the unsummed ones of
 * match_append at the same index among all, each position's summed entries (walked up from
 * `first`) the summed ones ending there in the same order, with the precomputed count and sum. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/textmatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *sep = NULL;
    for (size_t i = 0; i + 1 < size; i++)
        if (s[i] == '\n' && s[i + 1] == '\n') {
            sep = s + i;
            break;
        }
    size_t lexlen = sep ? (size_t)(sep - s) : size;
    const char *text = sep ? sep + 2 : "";
    size_t textlen = sep ? size - lexlen - 2 : 0;
    struct hugi_err err;
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    if (!d)
        abort();
    (void)hugi_tm_dict_load_mem(d, s, lexlen, "fuzz", &err); /* what loaded stays */
    if (hugi_tm_dict_build(d, &err) != HUGI_OK) {
        hugi_tm_dict_free(d);
        return 0;
    }
    size_t ne = hugi_tm_dict_count(d);
    float *val = malloc((ne ? ne : 1) * sizeof(*val));
    if (!val)
        abort();
    for (size_t i = 0; i < ne; i++)
        val[i] = i % 3 == 0 ? NAN : (float)(i % 7) - 3.0f;
    if (hugi_tm_dict_sum_prepare(d, val, NULL, NULL, &err) != HUGI_OK)
        abort();
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    if (hugi_tm_normalize(&t, text, textlen, &err) != HUGI_OK)
        abort();
    struct hugi_tm_match *all = NULL, *arr = NULL;
    uint32_t *gidx = NULL;
    struct hugi_tm_pos *pos = NULL;
    size_t nall = 0, capall = 0, n = 0, cap = 0, npos = 0, cappos = 0, total = 0;
    if (hugi_tm_match_append(d, &t, &all, &nall, &capall, &err) != HUGI_OK ||
        hugi_tm_match_split(d, &t, &arr, &gidx, &n, &cap, &pos, &npos, &cappos, &total, &err) !=
            HUGI_OK ||
        total != nall)
        abort();
    const struct hugi_tm_sum *sums = hugi_tm_dict_sums(d);
    size_t k = 0, p = 0;
    for (size_t i = 0; i < nall;) {
        uint32_t end = all[i].end;
        size_t j = i;
        while (j < nall && all[j].end == end)
            j++;
        bool any = false;
        for (size_t q = i; q < j; q++) {
            if (hugi_tm_dict_summed(d, all[q].entry)) {
                any = true;
                continue;
            }
            if (k >= n || arr[k].start != all[q].start || arr[k].end != end ||
                arr[k].entry != all[q].entry || gidx[k] != q)
                abort();
            k++;
        }
        if (any) {
            if (p >= npos || pos[p].end != end)
                abort();
            const struct hugi_tm_sum *su = &sums[pos[p].state];
            size_t q = i, cnt = 0;
            double sum = 0;
            for (uint32_t x = su->first; x != UINT32_MAX; x = sums[x].up) {
                size_t m;
                const struct hugi_tm_sum_entry *se = hugi_tm_sum_entries(d, x, &m);
                if (m == 0)
                    abort();
                for (size_t e = 0; e < m; e++) {
                    while (q < j && !hugi_tm_dict_summed(d, all[q].entry))
                        q++;
                    if (q >= j || se[e].id != all[q].entry || end - all[q].start != sums[x].maxlen)
                        abort();
                    sum += val[se[e].id];
                    q++;
                    cnt++;
                }
            }
            if (cnt != su->cnt || fabs(sum - su->sum) > 1e-6)
                abort();
            p++;
        }
        i = j;
    }
    if (k != n || p != npos)
        abort();
    free(all);
    free(arr);
    free(gidx);
    free(pos);
    free(val);
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
    return 0;
}
