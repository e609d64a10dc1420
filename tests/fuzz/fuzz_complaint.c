/* SPDX-License-Identifier: MIT
 * Fuzzes the complaints stage on outside bytes: categorising a text (evidence spans must stay
 * inside the input), parsing a categories JSON array, lexicon pattern lines (cues and rules too),
 * and aggregating records whose texts are the input's lines (emerging phrases read arbitrary
 * text). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"

static struct hugi_complaint_tax *tax;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_err err;
    if (!tax &&
        hugi_complaint_tax_load(&tax, HUGI_SOURCE_DIR "/lexicons/complaints", &err) != HUGI_OK)
        abort();
    if (size == 0)
        return 0;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    switch (data[0] % 4) {
    case 0: {
        struct hugi_complaint_match m;
        hugi_complaint_match_init(&m);
        if (hugi_complaint_categorize(tax, s, len, &m, &err) != HUGI_OK)
            abort();
        for (size_t i = 0; i < m.nspans; i++)
            if (m.spans[i].start > m.spans[i].end || m.spans[i].end > len)
                abort();
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        if (hugi_complaint_evidence_json(tax, &m, s, len, &b) != HUGI_OK)
            abort();
        hugi_buf_release(&b);
        hugi_complaint_match_release(&m);
        break;
    }
    case 1: {
        uint64_t cats;
        int unknown;
        (void)hugi_complaint_cats_parse(tax, s, len, &cats, &unknown, &err);
        break;
    }
    case 2: {
        struct hugi_complaint_tax *t = hugi_complaint_tax_new();
        int idx, crit;
        /* a second, critical category: "+pattern" lines add to it, so the ownership lines of
         * round thirteen ("-* y", "-* ~y", "-* ^y") and critical hits are reached; "+* y ..."
         * lines are x's implications (round sixteen) */
        if (!t || hugi_complaint_tax_add_category(t, "x", false, &idx, &err) != HUGI_OK ||
            hugi_complaint_tax_add_category(t, "y", true, &crit, &err) != HUGI_OK)
            abort();
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i == len || s[i] == '\n') {
                /* "=name pattern" adds to a cue, so rule lines ("{name} + b & !c") resolve */
                const char *sp =
                    start < i && s[start] == '=' ? memchr(s + start, ' ', i - start) : NULL;
                if (sp) {
                    char name[16];
                    size_t nl = (size_t)(sp - (s + start)) - 1;
                    if (nl >= sizeof name)
                        nl = sizeof name - 1;
                    memcpy(name, s + start + 1, nl);
                    name[nl] = '\0';
                    (void)hugi_complaint_tax_add_cue(t, name, sp + 1, (size_t)(s + i - sp - 1),
                                                     "fuzz", &err);
                } else if (i - start >= 2 && s[start] == '+' && s[start + 1] == '*') {
                    /* "+* y & C": an implication of x by the critical y (round sixteen) */
                    (void)hugi_complaint_tax_add_pattern(t, idx, s + start, i - start, "fuzz",
                                                         &err);
                } else if (start < i && s[start] == '+') {
                    (void)hugi_complaint_tax_add_pattern(t, crit, s + start + 1, i - start - 1,
                                                         "fuzz", &err);
                } else {
                    (void)hugi_complaint_tax_add_pattern(t, idx, s + start, i - start, "fuzz",
                                                         &err);
                }
                start = i + 1;
            }
        }
        if (hugi_complaint_tax_build(t, &err) == HUGI_OK) {
            struct hugi_complaint_match m;
            hugi_complaint_match_init(&m);
            (void)hugi_complaint_categorize(t, s, len, &m, &err);
            hugi_complaint_match_release(&m);
        }
        hugi_complaint_tax_free(t);
        break;
    }
    default: {
        struct hugi_complaint_rec recs[64];
        size_t n = 0, start = 0;
        for (size_t i = 0; i <= len && n < 64; i++) {
            if (i == len || s[i] == '\n') {
                memset(&recs[n], 0, sizeof recs[n]);
                recs[n].id = "r";
                recs[n].date = 1767225600 + (int64_t)(n % 30) * 86400;
                recs[n].negative = (n % 3) != 0;
                recs[n].cats = n % 5 ? (uint64_t)1 << (n % 7) : 0;
                recs[n].score = -0.5;
                recs[n].likes = (long)n;
                recs[n].text = s + start;
                recs[n].text_len = i - start;
                n++;
                start = i + 1;
            }
        }
        struct hugi_complaint_agg_cfg c;
        hugi_complaint_agg_cfg_init(&c);
        c.emerging_min = 1;
        struct hugi_complaint_groups g;
        hugi_complaint_groups_init(&g);
        if (hugi_complaint_aggregate(tax, &c, "P", recs, n, NULL, 0, &g, &err) != HUGI_OK)
            abort();
        for (size_t i = 0; i < g.n; i++)
            for (size_t k = 0; k < g.v[i].nmembers; k++)
                if (g.v[i].members[k] >= n)
                    abort();
        hugi_complaint_groups_release(&g);
        break;
    }
    }
    return 0;
}
