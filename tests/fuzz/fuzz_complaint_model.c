/* SPDX-License-Identifier: MIT
 * Fuzzes the learned complaint model's loader (lexicons/complaints/learned.tsv is a file users
 * may edit or replace): parsing arbitrary bytes, writing what was parsed and reading it back to
 * the same bytes, and categorising texts with the parsed model attached (evidence spans must
 * stay inside the text; critical categories are added only by a model whose bytes hold a
 * "critical<TAB>add" line, and the model never removes one). The input is
 * "model bytes" then, after a NUL byte, the texts, one a line. */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"

static struct hugi_complaint_tax *tax;
static struct hugi_complaint_tax *plain; /* the same lexicons, never a model: the patterns alone */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_err err;
    if (!tax &&
        hugi_complaint_tax_load(&tax, HUGI_SOURCE_DIR "/lexicons/complaints", &err) != HUGI_OK)
        abort();
    if (!plain &&
        hugi_complaint_tax_load(&plain, HUGI_SOURCE_DIR "/lexicons/complaints", &err) != HUGI_OK)
        abort();
    const char *s = (const char *)data;
    const char *nul = memchr(s, '\0', size);
    size_t mlen = nul ? (size_t)(nul - s) : size;
    struct hugi_complaint_model *m = NULL;
    if (hugi_complaint_model_parse(&m, tax, s, mlen, "fuzz", &err) != HUGI_OK) {
        if (m)
            abort(); /* a failed parse leaves no model */
        return 0;
    }
    /* write, read back, write again: the same bytes */
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    FILE *f = open_memstream(&a, &al);
    if (!f || hugi_complaint_model_write(m, tax, f, NULL, &err) != HUGI_OK)
        abort();
    fclose(f);
    struct hugi_complaint_model *m2 = NULL;
    if (hugi_complaint_model_parse(&m2, tax, a, al, "fuzz-again", &err) != HUGI_OK)
        abort();
    f = open_memstream(&b, &bl);
    if (!f || hugi_complaint_model_write(m2, tax, f, NULL, &err) != HUGI_OK)
        abort();
    fclose(f);
    if (al != bl || memcmp(a, b, al) != 0)
        abort();
    free(a);
    free(b);
    hugi_complaint_model_free(m2);
    hugi_complaint_tax_set_model(tax, m);
    bool crit_marked = memmem(s, mlen, "critical\tadd", 12) != NULL;
    struct hugi_complaint_match mm;
    hugi_complaint_match_init(&mm);
    const char *t = nul ? nul + 1 : s + size;
    const char *end = s + size;
    while (t < end) {
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        size_t tl = nl ? (size_t)(nl - t) : (size_t)(end - t);
        /* the critical gate closed (the plain call): no critical category of the model */
        if (hugi_complaint_categorize(tax, t, tl, &mm, &err) != HUGI_OK)
            abort();
        uint64_t crit = hugi_complaint_tax_critical_mask(tax);
        if (mm.learned & crit)
            abort();
        uint64_t closed = mm.cats;
        /* open (a negative text): all that follows */
        if (hugi_complaint_categorize_gated(tax, t, tl, NULL, true, &mm, &err) != HUGI_OK)
            abort();
        /* the gate only ever adds the model's critical categories */
        if ((mm.cats & ~(mm.learned & crit)) != closed)
            abort();
        for (size_t i = 0; i < mm.nspans; i++)
            if (mm.spans[i].start > mm.spans[i].end || mm.spans[i].end > tl)
                abort();
        if ((mm.learned & hugi_complaint_tax_critical_mask(tax)) && !crit_marked)
            abort();
        if (mm.vetoed & hugi_complaint_tax_critical_mask(tax))
            abort();
        /* what the model adds is added to the patterns' answer, never in place of it */
        uint64_t learned = mm.learned, cats = mm.cats, vetoed = mm.vetoed;
        struct hugi_complaint_match pm;
        hugi_complaint_match_init(&pm);
        if (hugi_complaint_categorize(plain, t, tl, &pm, &err) != HUGI_OK)
            abort();
        if ((pm.cats & ~vetoed) != (cats & ~learned))
            abort();
        /* a critical pattern already fired: the model adds no critical category */
        if ((pm.cats & crit) && (learned & crit))
            abort();
        hugi_complaint_match_release(&pm);
        struct hugi_buf j;
        hugi_buf_init(&j, 0);
        if (hugi_complaint_evidence_json(tax, &mm, t, tl, &j) != HUGI_OK)
            abort();
        hugi_buf_release(&j);
        t += tl + 1;
    }
    hugi_complaint_match_release(&mm);
    hugi_complaint_tax_set_model(tax, NULL);
    return 0;
}
