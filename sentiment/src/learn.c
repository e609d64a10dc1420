/* SPDX-License-Identifier: MIT
 * Lexicon learning: counts, per text, the features the scorer's matcher sees (Hangul syllable
 * n-grams inside words, Latin words and word pairs, symbol runs) in positive and negative texts,
 * and keeps those whose log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
 * Quinn 2008, "Fightin' Words") is strong. The weight written is the prior-smoothed log-odds
 * difference, so the scorer's sum over a text is a naive-Bayes log-likelihood ratio.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"

struct feat {
    uint32_t off; /* into keys */
    uint32_t len;
    uint32_t kind; /* enum hugi_tm_kind */
    uint32_t last; /* last text counted, so a text counts a feature once */
    uint32_t pos, neg;
    bool kept; /* chosen by hugi_sent_learner_select() */
};

struct hugi_sent_learner {
    struct hugi_sent_learn_opts o;
    struct feat *f;
    size_t nf, capf;
    uint32_t *slot; /* index + 1 into f, 0 = empty */
    size_t mask;
    struct hugi_buf keys;
    struct hugi_tm_text t;
    struct hugi_tm_match *nm; /* the neutral terms' matches in the current text */
    size_t nnm, capnm;
    uint8_t *neu_mask; /* per normalised byte: 1 inside a neutral term's match */
    size_t capnmask;
    uint32_t ndoc;
    uint64_t npos_docs, nneg_docs;
    bool kept_only; /* write only the features hugi_sent_learner_select() kept */
};

struct hugi_sent_learner *hugi_sent_learner_new(const struct hugi_sent_learn_opts *o)
{
    struct hugi_sent_learner *l = calloc(1, sizeof(*l));
    if (!l)
        return NULL;
    l->o.min_count = 5;
    l->o.max_terms = 60000;
    l->o.min_z = 1.5;
    l->o.prior = 500;
    if (o) {
        if (o->min_count)
            l->o.min_count = o->min_count;
        if (o->max_terms)
            l->o.max_terms = o->max_terms;
        if (o->min_z > 0)
            l->o.min_z = o->min_z;
        if (o->prior > 0)
            l->o.prior = o->prior;
        l->o.across = o->across;
        l->o.neutral = o->neutral;
        l->o.hangul_only = o->hangul_only;
        l->o.eojeol = o->eojeol;
        l->o.hangul_punct = o->hangul_punct;
    }
    hugi_buf_init(&l->keys, (size_t)1 << 31);
    hugi_tm_text_init(&l->t);
    l->t.ko_wide = true; /* learn with the scorer's negation reach (textmatch.h) */
    l->mask = (1u << 16) - 1;
    l->slot = calloc(l->mask + 1, sizeof(uint32_t));
    if (!l->slot) {
        free(l);
        return NULL;
    }
    return l;
}

void hugi_sent_learner_free(struct hugi_sent_learner *l)
{
    if (!l)
        return;
    free(l->f);
    free(l->slot);
    free(l->nm);
    free(l->neu_mask);
    hugi_buf_release(&l->keys);
    hugi_tm_text_release(&l->t);
    free(l);
}

static uint64_t fhash(const char *s, size_t len, uint32_t kind)
{
    return hugi_hash64(s, len, HUGI_HASH_SEED + kind);
}

static bool grow(struct hugi_sent_learner *l)
{
    size_t n = (l->mask + 1) * 2;
    uint32_t *s = calloc(n, sizeof(uint32_t));
    if (!s)
        return false;
    for (size_t i = 0; i < l->nf; i++) {
        struct feat *f = &l->f[i];
        size_t h = fhash(l->keys.data + f->off, f->len, f->kind) & (n - 1);
        while (s[h])
            h = (h + 1) & (n - 1);
        s[h] = (uint32_t)i + 1;
    }
    free(l->slot);
    l->slot = s;
    l->mask = n - 1;
    return true;
}

#define NEGBIT 16u

/* Counts the feature s[0..len) (an offset into the normalised text) under its negation
 * context, exactly as the scorer will look it up. */
static hugi_rc count(struct hugi_sent_learner *l, const char *s, size_t len, uint32_t kind,
                     int pol);

static hugi_rc count_ctx(struct hugi_sent_learner *l, size_t start, size_t len, uint32_t kind,
                         int pol)
{
    if (l->nnm > 0 && (memchr(l->neu_mask + start, 1, len) != NULL))
        return HUGI_OK; /* overlaps a neutral term */
    const unsigned char c = (unsigned char)l->t.s[start];
    bool negatable = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == 0xEA || c == 0xEB ||
                     c == 0xEC || c == 0xED;
    if (c >= 0xEA && c <= 0xED) {
        uint32_t cp;
        negatable = hugi_utf8_decode(l->t.s + start, l->t.len - start, &cp) > 0 && cp >= 0xAC00 &&
                    cp <= 0xD7A3;
    }
    if (negatable && hugi_tm_negated(&l->t, (uint32_t)start, (uint32_t)(start + len), NULL, NULL) !=
                         HUGI_TM_NEG_NONE)
        kind |= NEGBIT;
    return count(l, l->t.s + start, len, kind, pol);
}

static hugi_rc count(struct hugi_sent_learner *l, const char *s, size_t len, uint32_t kind, int pol)
{
    size_t h = fhash(s, len, kind) & l->mask;
    for (;;) {
        uint32_t k = l->slot[h];
        if (!k)
            break;
        struct feat *f = &l->f[k - 1];
        if (f->len == len && f->kind == kind && !memcmp(l->keys.data + f->off, s, len)) {
            if (f->last != l->ndoc) {
                f->last = l->ndoc;
                if (pol > 0)
                    f->pos++;
                else
                    f->neg++;
            }
            return HUGI_OK;
        }
        h = (h + 1) & l->mask;
    }
    if (l->nf == l->capf) {
        size_t cap = l->capf ? l->capf * 2 : 65536;
        struct feat *nf = realloc(l->f, cap * sizeof(*nf));
        if (!nf)
            return HUGI_E_NOMEM;
        l->f = nf;
        l->capf = cap;
    }
    if (l->keys.len > UINT32_MAX - len - 1)
        return HUGI_E_LIMIT;
    struct feat *f = &l->f[l->nf];
    f->off = (uint32_t)l->keys.len;
    f->len = (uint32_t)len;
    f->kind = kind;
    f->last = l->ndoc;
    f->pos = pol > 0;
    f->neg = pol < 0;
    f->kept = false;
    if (hugi_buf_add(&l->keys, s, len) != HUGI_OK)
        return HUGI_E_NOMEM;
    l->slot[h] = (uint32_t)++l->nf;
    if (l->nf * 10 > (l->mask + 1) * 7 && !grow(l))
        return HUGI_E_NOMEM;
    return HUGI_OK;
}

enum cls { C_SPACE, C_HANGUL, C_WORD, C_SYM };

static enum cls classify(uint32_t cp)
{
    if (cp == ' ')
        return C_SPACE;
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3131 && cp <= 0x318E))
        return C_HANGUL;
    if (hugi_tm_is_word_cp(cp))
        return C_WORD;
    return C_SYM;
}

#define MAXN 3
/* whole Hangul words (eojeol) of 2 to this many syllables are features of their own */
#define EOJEOL_MAX 8

hugi_rc hugi_sent_learner_add(struct hugi_sent_learner *l, const char *text, size_t len, int pol,
                              struct hugi_err *err)
{
    if (pol == 0)
        return HUGI_OK;
    hugi_rc rc = hugi_tm_normalize(&l->t, text, len, err);
    if (rc != HUGI_OK)
        return rc;
    l->nnm = 0;
    if (l->o.neutral) {
        rc = hugi_tm_match_append(l->o.neutral, &l->t, &l->nm, &l->nnm, &l->capnm, err);
        if (rc != HUGI_OK)
            return rc;
        if (l->nnm > 0 && l->capnmask < l->t.len + 1) {
            uint8_t *p = realloc(l->neu_mask, l->t.len + 1);
            if (!p)
                return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot count features");
            l->neu_mask = p;
            l->capnmask = l->t.len + 1;
        }
        if (l->nnm > 0) {
            memset(l->neu_mask, 0, l->t.len + 1);
            for (size_t k = 0; k < l->nnm; k++)
                memset(l->neu_mask + l->nm[k].start, 1, l->nm[k].end - l->nm[k].start);
        }
    }
    l->ndoc++;
    if (pol > 0)
        l->npos_docs++;
    else
        l->nneg_docs++;
    const char *s = l->t.s;
    size_t n = l->t.len;
    /* Walk code points, remembering the byte offsets of the last MAXN in the current run. */
    size_t starts[MAXN];
    int run = 0;
    enum cls prev = C_SPACE;
    /* Latin word tracking: previous word (start, end) if separated by one space. */
    size_t pw_s = 0, pw_e = 0, w_s = 0;
    bool have_pw = false;
    /* Hangul across one space: the last syllables of the previous eojeol (tail[0] the last),
     * for n-grams like 돈 아까 or 안 봐 that spacing habits split either way. */
    size_t tail[2] = {0, 0}, h_end = 0;
    int ntail = 0, cross = 0;
    /* the current Hangul run (eojeol): start and syllables, for whole-word features */
    size_t h_start = 0;
    int hlen = 0;
    unsigned across = l->o.across > 4 ? 4 : l->o.across;
    /* --hangul-punct: the syllables before a symbol run (tail) and the symbols counted so far */
    int ptail = 0, psym = 0;
    size_t i = 0;
    while (i <= n) {
        uint32_t cp = ' ';
        size_t cl = 1;
        if (i < n) {
            cl = hugi_utf8_decode(s + i, n - i, &cp);
            if (cl == 0) {
                cp = 0xFFFD;
                cl = 1;
            }
        }
        enum cls c = classify(cp);
        if (c != prev) {
            /* a run ended at i */
            if (prev == C_WORD && !l->o.hangul_only) {
                rc = count_ctx(l, w_s, i - w_s, HUGI_TM_EXACT, pol);
                if (rc == HUGI_OK && have_pw && pw_e + 1 == w_s && s[pw_e] == ' ')
                    rc = count_ctx(l, pw_s, i - pw_s, HUGI_TM_EXACT, pol);
                if (rc != HUGI_OK)
                    return hugi_err_set(err, rc, NULL, "cannot count features");
                pw_s = w_s;
                pw_e = i;
                have_pw = true;
            } else if (prev == C_HANGUL) {
                have_pw = false;
                if (l->o.eojeol && hlen >= 2 && hlen <= EOJEOL_MAX) {
                    rc = count_ctx(l, h_start, i - h_start, HUGI_TM_EXACT, pol);
                    if (rc != HUGI_OK)
                        return hugi_err_set(err, rc, NULL, "cannot count features");
                }
                ntail = run < 2 ? run : 2;
                tail[0] = starts[0];
                tail[1] = run >= 2 ? starts[1] : 0;
                h_end = i;
            }
            run = 0;
            if (c == C_WORD)
                w_s = i;
            if (c == C_HANGUL) {
                h_start = i;
                hlen = 0;
            }
            ptail = c == C_SYM && prev == C_HANGUL ? ntail : 0;
            psym = 0;
            /* a Hangul run right after "<previous Hangul run> " */
            cross = c == C_HANGUL && prev == C_SPACE && ntail > 0 && h_end + 1 == i ? ntail : 0;
            if (c != C_HANGUL && c != C_SPACE)
                ntail = 0;
        }
        if (c == C_HANGUL || (c == C_SYM && !l->o.hangul_only)) {
            memmove(starts + 1, starts, (MAXN - 1) * sizeof(size_t));
            starts[0] = i;
            hlen++;
            if (run < MAXN)
                run++;
            int maxn = c == C_SYM ? 2 : MAXN;
            for (int k = 0; k < run && k < maxn; k++) {
                rc = count_ctx(l, starts[k], i + cl - starts[k], HUGI_TM_ANY, pol);
                if (rc != HUGI_OK)
                    return hugi_err_set(err, rc, NULL, "cannot count features");
            }
            /* the first syllables of this eojeol with the previous one's last: at most
             * `across` syllables in all */
            for (int k = 0; c == C_HANGUL && k < cross; k++) {
                if ((unsigned)(k + 1 + run) > across)
                    break;
                rc = count_ctx(l, tail[k], i + cl - tail[k], HUGI_TM_ANY, pol);
                if (rc != HUGI_OK)
                    return hugi_err_set(err, rc, NULL, "cannot count features");
            }
            if (run >= 2)
                cross = 0;
        }
        if (c == C_SYM && ptail > 0 && psym < 2 && l->o.hangul_punct) {
            psym++;
            for (int k = 0; k < ptail; k++) {
                rc = count_ctx(l, tail[k], i + cl - tail[k], HUGI_TM_ANY, pol);
                if (rc != HUGI_OK)
                    return hugi_err_set(err, rc, NULL, "cannot count features");
            }
        }
        prev = c;
        i += cl;
    }
    return HUGI_OK;
}

struct scored {
    uint32_t idx;
    float w;
    float z;
};

static int by_z(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    float ax = fabsf(x->z), ay = fabsf(y->z);
    if (ax != ay)
        return ax < ay ? 1 : -1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static bool needs_escape(const char *s, size_t len)
{
    return memchr(s, '\t', len) || memchr(s, '\n', len) || (len > 0 && s[0] == '#');
}

hugi_rc hugi_sent_learner_write(struct hugi_sent_learner *l, FILE *f, const char *comment,
                                size_t *nwritten, struct hugi_err *err)
{
    double npos = 0, nneg = 0;
    for (size_t i = 0; i < l->nf; i++) {
        npos += l->f[i].pos;
        nneg += l->f[i].neg;
    }
    double ntot = npos + nneg;
    struct scored *sc = malloc((l->nf + 1) * sizeof(*sc));
    if (!sc)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot rank terms");
    size_t nsc = 0;
    double a0 = l->o.prior;
    for (size_t i = 0; i < l->nf && ntot > 0; i++) {
        const struct feat *ft = &l->f[i];
        double c = (double)ft->pos + ft->neg;
        if (c < l->o.min_count || (l->kept_only && !ft->kept))
            continue;
        double aw = a0 * c / ntot;
        double yp = ft->pos, yn = ft->neg;
        double lp = log((yp + aw) / (npos + a0 - yp - aw));
        double ln = log((yn + aw) / (nneg + a0 - yn - aw));
        double d = lp - ln;
        double z = d / sqrt(1.0 / (yp + aw) + 1.0 / (yn + aw));
        /* a feature that is (nearly) all of a tiny corpus leaves nothing for the rest: log 0,
         * inf - inf; it says nothing either way (found by fuzz_learn) */
        if (!isfinite(d) || !isfinite(z))
            continue;
        if (fabs(z) < l->o.min_z)
            continue;
        sc[nsc++] = (struct scored){(uint32_t)i, (float)d, (float)z};
    }
    qsort(sc, nsc, sizeof(*sc), by_z);
    if (nsc > l->o.max_terms)
        nsc = l->o.max_terms;
    static const char *const kinds[] = {"any", "prefix", "suffix", "exact"};
    fprintf(f, "# hugi learned lexicon (generated by `hugi lexicon learn`; do not edit by hand)\n");
    if (comment)
        fprintf(f, "# %s\n", comment);
    fprintf(f,
            "# %u texts (%llu positive, %llu negative); min-count %u, |z| >= %.2f, prior %.0f;"
            " weight = log-odds difference\n",
            l->ndoc, (unsigned long long)l->npos_docs, (unsigned long long)l->nneg_docs,
            l->o.min_count, l->o.min_z, l->o.prior);
    size_t nw = 0;
    for (size_t k = 0; k < nsc; k++) {
        const struct feat *ft = &l->f[sc[k].idx];
        const char *term = l->keys.data + ft->off;
        if (needs_escape(term, ft->len))
            continue;
        fprintf(f, "%.*s\t%.4f\t%s,learned%s\n", (int)ft->len, term, sc[k].w, kinds[ft->kind & 3],
                (ft->kind & NEGBIT) ? ",negated" : "");
        nw++;
    }
    free(sc);
    if (nwritten)
        *nwritten = nw;
    if (ferror(f))
        return hugi_err_set(err, HUGI_E_IO, NULL, "cannot write lexicon");
    return HUGI_OK;
}

/* ---- selection ----------------------------------------------------------------------------- */

/* The feature of term[0..len) and kind (with NEGBIT), or NULL. */
static struct feat *find_feat(struct hugi_sent_learner *l, const char *term, size_t len,
                              uint32_t kind)
{
    for (size_t h = fhash(term, len, kind) & l->mask; l->slot[h]; h = (h + 1) & l->mask) {
        struct feat *f = &l->f[l->slot[h] - 1];
        if (f->len == len && f->kind == kind && !memcmp(l->keys.data + f->off, term, len))
            return f;
    }
    return NULL;
}

/* the scorer's cap on a learned weight (LEARN_CAP in sent.c): a weight beyond it adds no more */
#define SELECT_CAP 1.5
/* the power of the text count in the rank: chosen from 0.5/1/1.5/2/3 (bench/README.md) */
#define SELECT_POW 1.5

struct ranked {
    struct feat *f;
    double key;
};

static int by_key(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    /* ties in the order the features were first seen: reproducible */
    return x->f < y->f ? -1 : (x->f > y->f);
}

hugi_rc hugi_sent_learner_select(struct hugi_sent_learner *l, const struct hugi_sent *m, size_t n,
                                 size_t *nkept, struct hugi_err *err)
{
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    size_t nent = hugi_tm_dict_count(d);
    struct ranked *rk = malloc((nent + 1) * sizeof(*rk));
    if (!rk)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot select terms");
    size_t nrk = 0;
    for (uint32_t i = 0; i < nent; i++) {
        const struct hugi_tm_entry *e = hugi_tm_dict_entry(d, i);
        if (!(e->flags & HUGI_TM_F_LEARNED) || e->role != HUGI_TM_POL ||
            !hugi_sent_entry_counts(m, i))
            continue;
        uint32_t kind = (e->kind & 3u) | ((e->flags & HUGI_TM_F_NEGATED) ? NEGBIT : 0);
        struct feat *f = find_feat(l, e->term, e->len, kind);
        if (!f)
            continue; /* not this learner's term (a user's learned lexicon) */
        double w = fabs((double)e->weight);
        rk[nrk++] = (struct ranked){f, (w < SELECT_CAP ? w : SELECT_CAP) *
                                           pow((double)f->pos + f->neg, SELECT_POW)};
    }
    qsort(rk, nrk, sizeof(*rk), by_key);
    for (size_t i = 0; i < l->nf; i++)
        l->f[i].kept = false;
    if (nrk > n)
        nrk = n;
    for (size_t i = 0; i < nrk; i++)
        rk[i].f->kept = true;
    free(rk);
    l->kept_only = true;
    if (nkept)
        *nkept = nrk;
    return HUGI_OK;
}

/* ---- refinement ---------------------------------------------------------------------------- */

/* The learned polarity entries of a built model (the weights the refinement may change). */
static uint32_t *learned_ids(const struct hugi_sent *m, size_t *n)
{
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    size_t nent = hugi_tm_dict_count(d);
    uint32_t *ids = malloc((nent + 1) * sizeof(*ids));
    if (!ids)
        return NULL;
    const struct hugi_tm_entry *ents = hugi_tm_dict_entries(d);
    size_t k = 0;
    for (uint32_t i = 0; i < nent; i++)
        if ((ents[i].flags & HUGI_TM_F_LEARNED) && ents[i].role == HUGI_TM_POL)
            ids[k++] = i;
    *n = k;
    return ids;
}

/* Steps between two samples of the weights for the average: often enough that the average
 * follows the walk, rarely enough to cost nothing next to the scoring. */
#define AVG_EVERY 256

hugi_rc hugi_sent_refine(struct hugi_sent *m, const char *const *texts, const size_t *lens,
                         const signed char *pols, size_t n, const struct hugi_sent_refine_opts *o,
                         struct hugi_err *err)
{
    struct hugi_sent_refine_opts opt = {.epochs = 0, .rate = 0.1, .l2 = 0.02};
    if (o) {
        opt = *o;
        if (!(opt.rate > 0))
            opt.rate = 0.1;
        if (!(opt.l2 >= 0))
            opt.l2 = 0.02;
    }
    size_t npos = 0, nneg = 0;
    for (size_t i = 0; i < n; i++) {
        npos += pols[i] > 0;
        nneg += pols[i] < 0;
    }
    if (!npos || !nneg || opt.epochs <= 0)
        return HUGI_OK;
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    size_t nent = hugi_tm_dict_count(d);
    size_t nids = 0;
    uint32_t *ids = learned_ids(m, &nids);
    /* w0: the starting weights (the prior of to_prior); sum: the running sum of the average */
    float *w0 = calloc(nent + 1, sizeof(*w0));
    double *sum = opt.average ? calloc(nent + 1, sizeof(*sum)) : NULL;
    if (!ids || !w0 || (opt.average && !sum)) {
        free(ids);
        free(w0);
        free(sum);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot refine");
    }
    for (size_t i = 0; i < nids; i++)
        w0[ids[i]] = hugi_tm_dict_entry(d, ids[i])->weight;
    double wpos = (double)(npos + nneg) / (2.0 * (double)npos);
    double wneg = (double)(npos + nneg) / (2.0 * (double)nneg);
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    r.split_evidence = true; /* each learned entry gets its own gradient */
    /* A fixed odd stride visits the texts in a mixed but reproducible order. */
    size_t stride = 7919;
    while (n % stride == 0 && stride > 1)
        stride -= 2;
    int avg_from = opt.epochs / 2; /* the average covers the passes from here on */
    size_t nsamples = 0;
    hugi_rc rc = HUGI_OK;
    for (int ep = 0; ep < opt.epochs && rc == HUGI_OK; ep++) {
        double lr = opt.rate / (1.0 + ep);
        size_t k = (size_t)ep * 104729u % n;
        for (size_t step = 0; step < n; step++) {
            k = (k + stride) % n;
            if (sum && ep >= avg_from && step % AVG_EVERY == 0) {
                for (size_t i = 0; i < nids; i++)
                    sum[ids[i]] += hugi_tm_dict_entry(d, ids[i])->weight;
                nsamples++;
            }
            if (pols[k] == 0)
                continue;
            rc = hugi_sent_score(m, texts[k], lens[k], &r, err);
            if (rc != HUGI_OK)
                break;
            double y = pols[k] > 0 ? 1.0 : 0.0;
            double raw = r.raw > 30 ? 30 : (r.raw < -30 ? -30 : r.raw);
            double p = 1.0 / (1.0 + exp(-raw));
            double g = (y - p) * (pols[k] > 0 ? wpos : wneg) * lr;
            for (size_t i = 0; i < r.nev; i++) {
                const struct hugi_sent_evidence *e = &r.ev[i];
                if (!(e->rules & HUGI_SENT_R_LEARNED) || e->base == 0)
                    continue;
                double dw = e->weight / e->base; /* d raw / d weight for this occurrence */
                /* L2 shrinkage (scaled like the step) keeps function words and rare n-grams
                 * from growing large weights from a few texts */
                double target = opt.to_prior ? w0[e->entry] : 0.0;
                double w = e->base + g * dw - lr * opt.l2 * (e->base - target);
                if (!hugi_sent_set_weight(m, e->entry, (float)w)) {
                    rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot refine");
                    break;
                }
            }
            if (rc != HUGI_OK)
                break;
        }
    }
    if (rc == HUGI_OK && sum && nsamples > 0)
        for (size_t i = 0; i < nids && rc == HUGI_OK; i++)
            if (!hugi_sent_set_weight(m, ids[i], (float)(sum[ids[i]] / (double)nsamples)))
                rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot refine");
    hugi_sent_result_release(&r);
    free(ids);
    free(w0);
    free(sum);
    return rc;
}

bool hugi_sent_parse_label(const char *s, size_t len, int scale, int *pol)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
        len--;
    while (len > 0 && *s == ' ') {
        s++;
        len--;
    }
    if ((len == 3 && !memcmp(s, "pos", 3)) || (len == 8 && !memcmp(s, "positive", 8))) {
        *pol = 1;
        return true;
    }
    if ((len == 3 && !memcmp(s, "neg", 3)) || (len == 8 && !memcmp(s, "negative", 8))) {
        *pol = -1;
        return true;
    }
    if ((len == 3 && !memcmp(s, "neu", 3)) || (len == 7 && !memcmp(s, "neutral", 7))) {
        *pol = 0;
        return true;
    }
    if (len == 0 || len > 8)
        return false;
    char buf[16];
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end = NULL;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || !(v >= 0 && v <= 10))
        return false;
    if (scale <= 5) {
        *pol = v <= 2 ? -1 : (v >= 4 ? 1 : 0);
    } else {
        *pol = v <= 4 ? -1 : (v >= 9 ? 1 : 0);
    }
    return true;
}
