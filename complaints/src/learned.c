/* SPDX-License-Identifier: MIT
 * Learned complaint categories: a linear model per category next to the pattern lexicons.
 *
 * Why: six rounds of pattern work reached P 0.88-0.96 / R 0.77-0.93 on the sets they were tuned
 * on and about P 0.76 / R 0.68 on every fresh set, the misses being single phrasings no pattern
 * had. A model over cheap features (Hangul syllable 1-3-grams of the joined view, so every
 * spacing gives the same grams; Latin words and word pairs) learns the phrasings of all the
 * labelled rows at once. It only adds what the patterns missed in a text that reads as a
 * complaint, and (optionally) drops pattern hits it scores very low; critical categories stay
 * pattern-only, so their recall is the patterns'.
 *
 * The model file (lexicons/complaints/learned.tsv, written by hugi_complaint_model_write):
 *   cat<TAB>KEY<TAB>BIAS<TAB>ADD<TAB>VETO     one per learned category; ADD/VETO a score or "-"
 *   w<TAB>KEY<TAB>WEIGHT<TAB>FEATURE          the feature as it appears in the joined view
 * A text's score for a category is BIAS plus the weights of the distinct features it holds.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"
#include "hugi/textmatch.h"
#include "internal.h"

#define MAX_FEAT_BYTES  64 /* a feature is at most 3 syllables or 2 words */
#define MAX_WORD_BYTES  30 /* longer Latin "words" are noise (URLs, hashes) */
#define MAX_MODEL_BYTES (64u << 20)

/* ---- features ----------------------------------------------------------------------------- */

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static uint32_t syllable_at(const char *v)
{
    return (((uint32_t)((unsigned char)v[0] & 0x0F) << 12) |
            ((uint32_t)((unsigned char)v[1] & 0x3F) << 6) | ((unsigned char)v[2] & 0x3F)) -
           0xAC00;
}

/* Hangul syllables: three UTF-8 bytes EA B0 80 (U+AC00) .. ED 9E A3 (U+D7A3). */
static bool is_syllable(const char *v, size_t n, size_t i)
{
    if (i + 3 > n)
        return false;
    unsigned char a = (unsigned char)v[i], b = (unsigned char)v[i + 1];
    if (a < 0xEA || a > 0xED || (b & 0xC0) != 0x80 || ((unsigned char)v[i + 2] & 0xC0) != 0x80)
        return false;
    uint32_t cp = ((uint32_t)(a & 0x0F) << 12) | ((uint32_t)(b & 0x3F) << 6) |
                  ((unsigned char)v[i + 2] & 0x3F);
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

void hugi_complaint_feats_(const char *v, size_t n, hugi_complaint_feat_fn fn, void *ctx)
{
    size_t i = 0;
    /* the starts of the last two syllables of the current Hangul run */
    size_t s1 = 0, s2 = 0;
    int run = 0;
    /* the previous Latin word, when only one space separates it from the next */
    size_t pw = 0;
    bool have_pw = false;
    while (i < n) {
        if (is_syllable(v, n, i)) {
            size_t e = i + 3;
            fn(ctx, (uint32_t)i, (uint32_t)e);
            if (run >= 1)
                fn(ctx, (uint32_t)s1, (uint32_t)e);
            if (run >= 2)
                fn(ctx, (uint32_t)s2, (uint32_t)e);
            s2 = s1;
            s1 = i;
            run++;
            have_pw = false;
            i = e;
            continue;
        }
        run = 0;
        if (is_alnum((unsigned char)v[i])) {
            size_t s = i;
            while (i < n && is_alnum((unsigned char)v[i]))
                i++;
            bool ok = i - s <= MAX_WORD_BYTES;
            if (ok)
                fn(ctx, (uint32_t)s, (uint32_t)i);
            if (ok && have_pw)
                fn(ctx, (uint32_t)pw, (uint32_t)i);
            have_pw = ok && i < n && v[i] == ' ' && i + 1 < n && is_alnum((unsigned char)v[i + 1]);
            pw = s;
            continue;
        }
        have_pw = false;
        i++;
        while (i < n && ((unsigned char)v[i] & 0xC0) == 0x80)
            i++;
    }
}

/* A feature's key: 1-3 Hangul syllables are packed exactly (top bit set, then the count and
 * 14 bits per syllable), so the scorer computes it from the syllables it walks without hashing
 * bytes; anything else is a 63-bit hash of its bytes. */
#define SYL_KEY(n, a, b, c)                                                                        \
    ((1ULL << 63) | ((uint64_t)(n) << 48) | ((uint64_t)(a) << 28) | ((uint64_t)(b) << 14) |        \
     (uint64_t)(c))

static uint64_t feat_hash(const char *s, size_t len)
{
    if (len == 3 || len == 6 || len == 9) {
        uint32_t k[3] = {0, 0, 0};
        size_t n = len / 3, i = 0;
        for (; i < n && is_syllable(s, len, i * 3); i++)
            k[i] = syllable_at(s + i * 3);
        if (i == n)
            return SYL_KEY(n, k[0], k[1], k[2]);
    }
    return hugi_hash64(s, len, HUGI_HASH_SEED + 0x6c) >> 1;
}

/* Probe position of a key (keys are already well mixed but for the packed syllables). */
static size_t key_slot(uint64_t h, size_t mask)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

/* ---- model -------------------------------------------------------------------------------- */

struct mfeat {
    uint64_t h;
    uint32_t str;   /* offset of the NUL-terminated text in strs */
    uint32_t first; /* weights [first, first + n) */
    uint32_t n;
};

struct mweight {
    uint32_t cat;
    float w;
};

struct hugi_complaint_model {
    int ncats;
    bool learned[HUGI_COMPLAINT_MAX_CATS];
    bool crit; /* holds a critical category (its file said "critical<TAB>add" before it) */
    double bias[HUGI_COMPLAINT_MAX_CATS];
    double add[HUGI_COMPLAINT_MAX_CATS];  /* INFINITY: never adds */
    double veto[HUGI_COMPLAINT_MAX_CATS]; /* -INFINITY: never vetoes */
    struct mfeat *f;
    size_t nf;
    struct mweight *w;
    size_t nw;
    uint32_t *slot; /* index + 1 into f, 0 = empty */
    size_t mask;
    struct hugi_buf strs;
};

/* While building: one (feature, category, weight) triple. */
struct triple {
    uint64_t h;
    uint32_t str;
    uint32_t cat;
    float w;
};

struct builder {
    struct hugi_complaint_model *m;
    struct triple *t;
    size_t n, cap;
};

static struct hugi_complaint_model *model_new(int ncats)
{
    struct hugi_complaint_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->ncats = ncats;
    for (int c = 0; c < HUGI_COMPLAINT_MAX_CATS; c++) {
        m->add[c] = INFINITY;
        m->veto[c] = -INFINITY;
    }
    hugi_buf_init(&m->strs, MAX_MODEL_BYTES);
    return m;
}

void hugi_complaint_model_free(struct hugi_complaint_model *m)
{
    if (!m)
        return;
    free(m->f);
    free(m->w);
    free(m->slot);
    hugi_buf_release(&m->strs);
    free(m);
}

static hugi_rc builder_add(struct builder *b, int cat, float w, const char *s, size_t len)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 1024;
        struct triple *nt = realloc(b->t, nc * sizeof *nt);
        if (!nt)
            return HUGI_E_NOMEM;
        b->t = nt;
        b->cap = nc;
    }
    struct triple *t = &b->t[b->n];
    t->h = feat_hash(s, len);
    t->str = (uint32_t)b->m->strs.len;
    t->cat = (uint32_t)cat;
    t->w = w;
    hugi_rc rc = hugi_buf_add(&b->m->strs, s, len);
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(&b->m->strs, '\0');
    if (rc != HUGI_OK)
        return rc;
    b->n++;
    return HUGI_OK;
}

static int triple_cmp(const void *a, const void *b)
{
    const struct triple *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    if (x->cat != y->cat)
        return x->cat < y->cat ? -1 : 1;
    return x->str < y->str ? -1 : (x->str > y->str ? 1 : 0);
}

/* Groups the triples by feature into the hash table. A feature listed twice for one category
 * keeps its first weight. */
static hugi_rc builder_finish(struct builder *b)
{
    struct hugi_complaint_model *m = b->m;
    if (b->n > 1)
        qsort(b->t, b->n, sizeof *b->t, triple_cmp);
    m->w = malloc((b->n ? b->n : 1) * sizeof *m->w);
    m->f = malloc((b->n ? b->n : 1) * sizeof *m->f);
    size_t slots = 16;
    while (slots < 2 * b->n + 2)
        slots *= 2;
    m->slot = calloc(slots, sizeof *m->slot);
    if (!m->w || !m->f || !m->slot)
        return HUGI_E_NOMEM;
    m->mask = slots - 1;
    for (size_t i = 0; i < b->n; i++) {
        const struct triple *t = &b->t[i];
        if (m->nf == 0 || m->f[m->nf - 1].h != t->h) {
            struct mfeat *f = &m->f[m->nf++];
            f->h = t->h;
            f->str = t->str;
            f->first = (uint32_t)m->nw;
            f->n = 0;
            size_t h = key_slot(t->h, m->mask);
            while (m->slot[h])
                h = (h + 1) & m->mask;
            m->slot[h] = (uint32_t)m->nf;
        } else if (m->w[m->nw - 1].cat == t->cat) {
            continue;
        }
        m->w[m->nw].cat = t->cat;
        m->w[m->nw].w = t->w;
        m->nw++;
        m->f[m->nf - 1].n++;
    }
    return HUGI_OK;
}

static void builder_release(struct builder *b)
{
    free(b->t);
    b->t = NULL;
    b->n = b->cap = 0;
}

static const struct mfeat *model_find_key(const struct hugi_complaint_model *m, uint64_t hv)
{
    if (!m->slot)
        return NULL;
    size_t h = key_slot(hv, m->mask);
    for (;;) {
        uint32_t k = m->slot[h];
        if (!k)
            return NULL;
        if (m->f[k - 1].h == hv)
            return &m->f[k - 1];
        h = (h + 1) & m->mask;
    }
}

const char *hugi_complaint_model_feature(const struct hugi_complaint_model *m, int32_t id)
{
    if (!m || id < 0 || (size_t)id >= m->nf)
        return NULL;
    return m->strs.data + m->f[id].str;
}

size_t hugi_complaint_model_size(const struct hugi_complaint_model *m)
{
    return m ? m->nw : 0;
}

/* Splits line l into at most max tab-separated fields; returns their number. */
static int split_tabs(const char *l, size_t len, const char **f, size_t *fl, int max)
{
    int nf = 0;
    size_t s = 0;
    for (size_t i = 0; i <= len && nf < max; i++) {
        if (i == len || l[i] == '\t') {
            f[nf] = l + s;
            fl[nf] = i - s;
            nf++;
            s = i + 1;
        }
    }
    return nf;
}

/* A finite number (or "-" when dash_ok, giving dflt) of at most 31 bytes. */
static bool parse_num(const char *s, size_t len, bool dash_ok, double dflt, double *out)
{
    if (dash_ok && len == 1 && s[0] == '-') {
        *out = dflt;
        return true;
    }
    /* the writer's "%.4f" (-?D+.DDDD, at most 12 digits): an exact integer over an exact power
     * of ten is one correctly rounded division, the double strtod gives; strtod was the load's
     * largest cost with a model of tens of thousands of weights */
    {
        size_t i = s[0] == '-' && len > 1 ? 1 : 0, dot = 0;
        uint64_t mant = 0;
        int digits = 0, frac = 0;
        bool ok = true;
        for (size_t j = i; j < len && ok; j++) {
            if (s[j] >= '0' && s[j] <= '9') {
                mant = mant * 10 + (uint64_t)(s[j] - '0');
                digits++;
                frac += dot != 0;
            } else if (s[j] == '.' && !dot && j > i) {
                dot = j;
            } else {
                ok = false;
            }
        }
        if (ok && dot && frac >= 1 && frac <= 4 && digits <= 12) {
            static const double p10[] = {1, 10, 100, 1000, 10000};
            double v = (double)mant / p10[frac];
            if (fabs(v) <= 1e6) {
                *out = i ? -v : v;
                return true;
            }
            return false;
        }
    }
    char buf[32];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end != '\0' || errno != 0 || !isfinite(v) || fabs(v) > 1e6)
        return false;
    *out = v;
    return true;
}

hugi_rc hugi_complaint_model_parse(struct hugi_complaint_model **out,
                                   const struct hugi_complaint_tax *t, const char *data, size_t len,
                                   const char *name, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_model *m = model_new(hugi_complaint_tax_count(t));
    if (!m)
        return hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
    struct builder b = {m, NULL, 0, 0};
    hugi_rc rc = HUGI_OK;
    size_t pos = 0;
    long lineno = 0;
    char where[300];
    bool cat_seen[HUGI_COMPLAINT_MAX_CATS] = {false};
    /* critical categories are read only after a "critical<TAB>add" line: a model of the other
     * categories (learned.tsv, hand-edited or not) never touches them */
    bool crit_ok = false;
#define WHERE() (snprintf(where, sizeof where, "%s:%ld", name ? name : "learned", lineno), where)
    /* the category of the previous line: weights come grouped by category */
    const char *last_key = NULL;
    size_t last_kl = 0;
    int last_cat = -1;
    while (pos < len && rc == HUGI_OK) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *l = data + pos;
        size_t ll = end - pos;
        pos = end + 1;
        lineno++;
        if (ll > 0 && l[ll - 1] == '\r')
            ll--;
        if (ll == 0 || l[0] == '#')
            continue;
        /* where is formatted only for an error (WHERE below): per line it cost a fifth of
         * loading a large model */
        const char *f[6];
        size_t fl[6];
        int nf = split_tabs(l, ll, f, fl, 6);
        if (nf == 2 && fl[0] == 8 && memcmp(f[0], "critical", 8) == 0 && fl[1] == 3 &&
            memcmp(f[1], "add", 3) == 0) {
            crit_ok = true;
            continue;
        }
        bool is_cat = nf == 5 && fl[0] == 3 && memcmp(f[0], "cat", 3) == 0;
        bool is_w = nf == 4 && fl[0] == 1 && f[0][0] == 'w';
        if (!is_cat && !is_w) {
            rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(),
                              "expected cat<TAB>key<TAB>bias<TAB>add<TAB>veto or "
                              "w<TAB>key<TAB>weight<TAB>feature");
            break;
        }
        int cat;
        if (last_key && fl[1] == last_kl && memcmp(f[1], last_key, last_kl) == 0) {
            cat = last_cat;
        } else {
            cat = hugi_complaint_tax_find(t, f[1], fl[1]);
            last_key = f[1];
            last_kl = fl[1];
            last_cat = cat;
        }
        if (is_cat) {
            double bias, add, veto;
            if (!parse_num(f[2], fl[2], false, 0, &bias) ||
                !parse_num(f[3], fl[3], true, INFINITY, &add) ||
                !parse_num(f[4], fl[4], true, -INFINITY, &veto)) {
                rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(), "bad number");
                break;
            }
            if (cat < 0)
                continue; /* a category this taxonomy lacks */
            if (m->learned[cat]) {
                rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(), "category '%.*s' listed twice",
                                  (int)fl[1], f[1]);
                break;
            }
            cat_seen[cat] = true;
            bool crit = hugi_complaint_tax_critical(t, cat);
            /* critical categories stay pattern-only unless the file says otherwise, and are
             * never vetoed: a critical model only adds (recall first) */
            if (crit && !crit_ok)
                continue;
            m->learned[cat] = true;
            m->crit |= crit;
            m->bias[cat] = bias;
            m->add[cat] = add;
            m->veto[cat] = crit ? -INFINITY : veto;
            continue;
        }
        double w;
        if (!parse_num(f[2], fl[2], false, 0, &w)) {
            rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(), "bad weight");
            break;
        }
        if (fl[3] == 0 || fl[3] > MAX_FEAT_BYTES || !hugi_utf8_valid(f[3], fl[3]) ||
            memchr(f[3], '\0', fl[3])) {
            rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(), "bad feature (1 to %d bytes of UTF-8)",
                              MAX_FEAT_BYTES);
            break;
        }
        if (cat >= 0 && !cat_seen[cat]) {
            /* its weights would be dropped without a word (a hand-edited or sorted file) */
            rc = hugi_err_set(err, HUGI_E_PARSE, WHERE(), "weight for '%.*s' before its 'cat' line",
                              (int)fl[1], f[1]);
            break;
        }
        if (cat < 0 || !m->learned[cat])
            continue; /* a category this taxonomy lacks, or a critical one (pattern-only) */
        rc = builder_add(&b, cat, (float)w, f[3], fl[3]);
        if (rc != HUGI_OK)
            hugi_err_set(err, rc, WHERE(), "model too large");
    }
#undef WHERE
    if (rc == HUGI_OK && builder_finish(&b) != HUGI_OK)
        rc = hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
    builder_release(&b);
    if (rc != HUGI_OK) {
        hugi_complaint_model_free(m);
        return rc;
    }
    *out = m;
    return HUGI_OK;
}

hugi_rc hugi_complaint_model_load(struct hugi_complaint_model **out,
                                  const struct hugi_complaint_tax *t, const char *path,
                                  struct hugi_err *err)
{
    *out = NULL;
    char *data;
    size_t len;
    hugi_rc rc = hugi_complaint_read_file_(path, MAX_MODEL_BYTES, &data, &len, err);
    if (rc != HUGI_OK)
        return rc;
    rc = hugi_complaint_model_parse(out, t, data, len, path, err);
    free(data);
    return rc;
}

/* Reads <dir>/learned.tsv then <dir>/learned-critical.tsv (those that exist) as one file, so
 * the critical model's "critical<TAB>add" line and its categories join the other model's; *out
 * stays NULL when neither exists. Errors name the file and line as joined ("learned.tsv" ...). */
hugi_rc hugi_complaint_model_attach_(struct hugi_complaint_model **out,
                                     const struct hugi_complaint_tax *t, const char *dir,
                                     struct hugi_err *err)
{
    *out = NULL;
    static const char *const names[] = {"learned.tsv", "learned-critical.tsv"};
    struct hugi_buf all, path;
    hugi_buf_init(&all, MAX_MODEL_BYTES);
    hugi_buf_init(&path, 4096);
    hugi_rc rc = HUGI_OK;
    int found = 0;
    const char *last = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && rc == HUGI_OK; i++) {
        path.len = 0;
        rc = hugi_buf_addf(&path, "%s/%s", dir, names[i]);
        if (rc != HUGI_OK) {
            hugi_err_set(err, rc, dir, "path too long");
            break;
        }
        FILE *probe = fopen(path.data, "rb");
        if (!probe)
            continue;
        fclose(probe);
        char *data;
        size_t len;
        rc = hugi_complaint_read_file_(path.data, MAX_MODEL_BYTES, &data, &len, err);
        if (rc != HUGI_OK)
            break;
        /* a file without a final newline must not join its last line to the next file's */
        if (all.len > 0 && all.data[all.len - 1] != '\n')
            rc = hugi_buf_addc(&all, '\n');
        if (rc == HUGI_OK)
            rc = hugi_buf_add(&all, data, len);
        free(data);
        if (rc != HUGI_OK) {
            hugi_err_set(err, rc, path.data, "model too large");
            break;
        }
        found++;
        last = names[i];
    }
    if (rc == HUGI_OK && found > 0) {
        path.len = 0;
        rc = hugi_buf_addf(&path, "%s/%s", dir,
                           found == 1 ? last : "learned.tsv+learned-critical.tsv");
        if (rc == HUGI_OK)
            rc = hugi_complaint_model_parse(out, t, all.data ? all.data : "", all.len, path.data,
                                            err);
        else
            hugi_err_set(err, rc, dir, "path too long");
    }
    hugi_buf_release(&all);
    hugi_buf_release(&path);
    return rc;
}

/* ---- scoring ------------------------------------------------------------------------------ */

struct score_ctx {
    const struct hugi_complaint_model *m;
    const char *v;
    struct hugi_complaint_lhit *hits;
    size_t n, cap;
    bool oom;
    uint32_t *stamp;
    uint32_t epoch;
};

static void score_key(struct score_ctx *c, uint64_t key, uint32_t s, uint32_t e)
{
    const struct mfeat *f = model_find_key(c->m, key);
    if (!f || c->oom)
        return;
    size_t id = (size_t)(f - c->m->f);
    if (c->stamp[id] == c->epoch)
        return; /* counted at its first occurrence */
    c->stamp[id] = c->epoch;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        struct hugi_complaint_lhit *nh = realloc(c->hits, nc * sizeof *nh);
        if (!nh) {
            c->oom = true;
            return;
        }
        c->hits = nh;
        c->cap = nc;
    }
    c->hits[c->n].feat = (int32_t)(f - c->m->f);
    c->hits[c->n].s = s;
    c->hits[c->n].e = e;
    c->n++;
}

/* hugi_complaint_feats_ with the syllable keys computed as the walk goes (no byte hashing for
 * Hangul, most of a Korean text's features); the unit tests check both see the same features. */
static void score_walk(struct score_ctx *c, const char *v, size_t n)
{
    size_t i = 0, s1 = 0, s2 = 0;
    uint32_t k1 = 0, k2 = 0;
    int run = 0;
    size_t pw = 0;
    bool have_pw = false;
    while (i < n) {
        if (is_syllable(v, n, i)) {
            uint32_t k = syllable_at(v + i);
            uint32_t e = (uint32_t)(i + 3);
            score_key(c, SYL_KEY(1, k, 0, 0), (uint32_t)i, e);
            if (run >= 1)
                score_key(c, SYL_KEY(2, k1, k, 0), (uint32_t)s1, e);
            if (run >= 2)
                score_key(c, SYL_KEY(3, k2, k1, k), (uint32_t)s2, e);
            s2 = s1;
            s1 = i;
            k2 = k1;
            k1 = k;
            run++;
            have_pw = false;
            i = e;
            continue;
        }
        run = 0;
        if (is_alnum((unsigned char)v[i])) {
            size_t s = i;
            while (i < n && is_alnum((unsigned char)v[i]))
                i++;
            bool ok = i - s <= MAX_WORD_BYTES;
            if (ok)
                score_key(c, feat_hash(v + s, i - s), (uint32_t)s, (uint32_t)i);
            if (ok && have_pw)
                score_key(c, feat_hash(v + pw, i - pw), (uint32_t)pw, (uint32_t)i);
            have_pw = ok && i < n && v[i] == ' ' && i + 1 < n && is_alnum((unsigned char)v[i + 1]);
            pw = s;
            continue;
        }
        have_pw = false;
        i++;
        while (i < n && ((unsigned char)v[i] & 0xC0) == 0x80)
            i++;
    }
}

hugi_rc hugi_complaint_model_score_(const struct hugi_complaint_model *m, const char *v, size_t n,
                                    struct hugi_complaint_lscratch *sc, double *z)
{
    for (int c = 0; c < m->ncats && c < HUGI_COMPLAINT_MAX_CATS; c++)
        z[c] = m->bias[c];
    if (sc->owner != m || sc->nstamp < m->nf) {
        uint32_t *st = calloc(m->nf ? m->nf : 1, sizeof *st);
        if (!st)
            return HUGI_E_NOMEM;
        free(sc->stamp);
        sc->stamp = st;
        sc->nstamp = m->nf;
        sc->epoch = 0;
        sc->owner = m;
    }
    if (++sc->epoch == 0) {
        memset(sc->stamp, 0, sc->nstamp * sizeof *sc->stamp);
        sc->epoch = 1;
    }
    struct score_ctx ctx = {m, v, sc->hits, 0, sc->cap, false, sc->stamp, sc->epoch};
    score_walk(&ctx, v, n);
    sc->hits = ctx.hits;
    sc->cap = ctx.cap;
    if (ctx.oom)
        return HUGI_E_NOMEM;
    /* each feature counted once (presence, as learned), at its first occurrence: score_key
     * keeps only the first (the stamps), in text order, so of equal weights the evidence names
     * the earliest */
    size_t k = ctx.n;
    sc->n = k;
    for (size_t i = 0; i < k; i++) {
        const struct mfeat *f = &m->f[ctx.hits[i].feat];
        for (uint32_t j = 0; j < f->n; j++)
            z[m->w[f->first + j].cat] += m->w[f->first + j].w;
    }
    return HUGI_OK;
}

void hugi_complaint_model_top_(const struct hugi_complaint_model *m,
                               const struct hugi_complaint_lscratch *sc, int cat, int32_t *feat,
                               uint32_t *s, uint32_t *e)
{
    float best[HUGI_COMPLAINT_SPAN_FEATS];
    size_t at[HUGI_COMPLAINT_SPAN_FEATS];
    int nb = 0;
    for (size_t i = 0; i < sc->n; i++) {
        const struct mfeat *f = &m->f[sc->hits[i].feat];
        for (uint32_t j = 0; j < f->n; j++) {
            const struct mweight *w = &m->w[f->first + j];
            if ((int)w->cat != cat || w->w <= 0)
                continue;
            int p = nb < HUGI_COMPLAINT_SPAN_FEATS ? nb++ : HUGI_COMPLAINT_SPAN_FEATS;
            while (p > 0 && best[p - 1] < w->w) {
                if (p < HUGI_COMPLAINT_SPAN_FEATS) {
                    best[p] = best[p - 1];
                    at[p] = at[p - 1];
                }
                p--;
            }
            if (p < HUGI_COMPLAINT_SPAN_FEATS) {
                best[p] = w->w;
                at[p] = i;
            }
        }
    }
    for (int k = 0; k < HUGI_COMPLAINT_SPAN_FEATS; k++)
        feat[k] = k < nb ? sc->hits[at[k]].feat : -1;
    *s = nb ? sc->hits[at[0]].s : 0;
    *e = nb ? sc->hits[at[0]].e : 0;
}

bool hugi_complaint_model_learned_(const struct hugi_complaint_model *m, int cat, double *add,
                                   double *veto)
{
    if (!m || cat < 0 || cat >= m->ncats || !m->learned[cat])
        return false;
    *add = m->add[cat];
    *veto = m->veto[cat];
    return true;
}

/* ---- writing ------------------------------------------------------------------------------ */

struct wline {
    uint32_t cat;
    float w;
    double key; /* w as written ("%.4f" read back): the order a re-read file sorts in too */
    const char *s;
};

static int wline_cmp(const void *a, const void *b)
{
    const struct wline *x = a, *y = b;
    if (x->cat != y->cat)
        return x->cat < y->cat ? -1 : 1;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return strcmp(x->s, y->s);
}

static void put_num(FILE *f, double v)
{
    if (isinf(v))
        fputs("-", f);
    else
        fprintf(f, "%.4f", v);
}

hugi_rc hugi_complaint_model_write(const struct hugi_complaint_model *m,
                                   const struct hugi_complaint_tax *t, FILE *f, const char *comment,
                                   struct hugi_err *err)
{
    fputs("# generated, do not edit: hugi complaints learn (docs/hugi-complaints.md)\n", f);
    if (comment) {
        const char *p = comment;
        while (*p) {
            size_t n = strcspn(p, "\n");
            fprintf(f, "# %.*s\n", (int)n, p);
            p += n;
            if (*p == '\n')
                p++;
        }
    }
    fputs("# cat<TAB>key<TAB>bias<TAB>add threshold<TAB>veto threshold (\"-\": none)\n"
          "# w<TAB>key<TAB>weight<TAB>feature (Hangul 1-3-grams of the text with the spaces "
          "between Korean words dropped; Latin words and word pairs)\n",
          f);
    if (m->crit)
        fputs("# critical categories below: they only add (recall first), never veto\n"
              "critical\tadd\n",
              f);
    for (int c = 0; c < m->ncats; c++) {
        if (!m->learned[c])
            continue;
        fprintf(f, "cat\t%s\t", hugi_complaint_tax_key(t, c));
        put_num(f, m->bias[c]);
        fputc('\t', f);
        put_num(f, m->add[c]);
        fputc('\t', f);
        put_num(f, m->veto[c]);
        fputc('\n', f);
    }
    struct wline *v = malloc((m->nw ? m->nw : 1) * sizeof *v);
    if (!v)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < m->nf; i++)
        for (uint32_t j = 0; j < m->f[i].n; j++) {
            v[n].cat = m->w[m->f[i].first + j].cat;
            v[n].w = m->w[m->f[i].first + j].w;
            char num[64];
            snprintf(num, sizeof num, "%.4f", (double)v[n].w);
            v[n].key = strtod(num, NULL);
            v[n].s = m->strs.data + m->f[i].str;
            n++;
        }
    qsort(v, n, sizeof *v, wline_cmp);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "w\t%s\t%.4f\t%s\n", hugi_complaint_tax_key(t, (int)v[i].cat), (double)v[i].w,
                v[i].s);
    free(v);
    if (ferror(f))
        return hugi_err_set(err, HUGI_E_IO, NULL, "cannot write the model");
    return HUGI_OK;
}

/* ---- learning ----------------------------------------------------------------------------- */

void hugi_complaint_learn_opts_init(struct hugi_complaint_learn_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = HUGI_LEARN_LOGREG;
    o->l2 = 1e-3;
    o->epochs = 20;
    o->min_count = 2;
    o->max_feats = 400;
    o->folds = 5;
    o->min_pos = 5;
    o->min_gain = 2;
    o->min_precision = 0.5;
    o->veto = false;
    o->seed = 1;
    o->weak_weight = 0.3;
}

struct lrow {
    size_t off; /* into ids */
    uint32_t n;
    uint64_t gold, pat;
    bool ctx;
    bool weak; /* labelled by the patterns (a pool row), not by hand */
};

struct vfeat {
    uint64_t h;
    uint32_t str, len;
    uint32_t last; /* last row counted */
};

struct hugi_complaint_learner {
    const struct hugi_complaint_tax *t;
    struct hugi_complaint_learn_opts o;
    struct lrow *rows;
    size_t nrows, caprows;
    uint32_t *ids;
    size_t nids, capids;
    struct vfeat *vf;
    size_t nvf, capvf;
    uint32_t *slot;
    size_t mask;
    struct hugi_buf strs;
    struct hugi_tm_text tm;
    struct hugi_buf fold;
    struct hugi_complaint_match m;
    bool oom;
};

struct hugi_complaint_learner *hugi_complaint_learner_new(const struct hugi_complaint_tax *t,
                                                          const struct hugi_complaint_learn_opts *o)
{
    struct hugi_complaint_learner *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->t = t;
    if (o)
        l->o = *o;
    else
        hugi_complaint_learn_opts_init(&l->o);
    if (l->o.folds < 2)
        l->o.folds = 2;
    if (l->o.epochs < 1)
        l->o.epochs = 1;
    if (l->o.min_count < 1)
        l->o.min_count = 1;
    if (l->o.max_feats < 1)
        l->o.max_feats = 1;
    l->mask = (1u << 14) - 1;
    l->slot = calloc(l->mask + 1, sizeof *l->slot);
    if (!l->slot) {
        free(l);
        return NULL;
    }
    hugi_buf_init(&l->strs, 1u << 30);
    hugi_tm_text_init(&l->tm);
    hugi_buf_init(&l->fold, 0);
    hugi_complaint_match_init(&l->m);
    return l;
}

void hugi_complaint_learner_free(struct hugi_complaint_learner *l)
{
    if (!l)
        return;
    free(l->rows);
    free(l->ids);
    free(l->vf);
    free(l->slot);
    hugi_buf_release(&l->strs);
    hugi_tm_text_release(&l->tm);
    hugi_buf_release(&l->fold);
    hugi_complaint_match_release(&l->m);
    free(l);
}

size_t hugi_complaint_learner_rows(const struct hugi_complaint_learner *l)
{
    return l->nrows;
}

static bool vocab_grow(struct hugi_complaint_learner *l)
{
    size_t n = (l->mask + 1) * 2;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < l->nvf; i++) {
        size_t h = key_slot(l->vf[i].h, n - 1);
        while (s[h])
            h = (h + 1) & (n - 1);
        s[h] = (uint32_t)i + 1;
    }
    free(l->slot);
    l->slot = s;
    l->mask = n - 1;
    return true;
}

struct add_ctx {
    struct hugi_complaint_learner *l;
    const char *v;
};

/* Register-only features, left out of the critical learner (session seven, critgate): the formal
 * endings (습니다, 합니다, 겠습, 세요, ...) and English function words carry no topic, yet the
 * labelled legal rows are formal threats, so the model learned the register itself and read
 * "좋습니다" as legal. A Hangul feature all of whose syllables are ending syllables, a Latin word
 * that is a function word, a pair of two such words. */
static bool ending_syllable(uint32_t cp)
{
    static const uint32_t ends[] = {0xAC11 /* 갑 */, 0xACA0 /* 겠 */, 0xAE4C /* 까 */,
                                    0xB2C8 /* 니 */, 0xB2E4 /* 다 */, 0xB429 /* 됩 */,
                                    0xC138 /* 세 */, 0xC2B5 /* 습 */, 0xC694 /* 요 */,
                                    0xC785 /* 입 */, 0xC8E0 /* 죠 */, 0xD569 /* 합 */};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (ends[i] == cp)
            return true;
    return false;
}

static bool function_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "a",     "about", "after", "again", "all",   "also",  "am",     "an",    "and",   "any",
        "are",   "as",    "at",    "be",    "been",  "being", "but",    "by",    "can",   "could",
        "d",     "did",   "do",    "does",  "don",   "for",   "from",   "had",   "has",   "have",
        "he",    "her",   "here",  "him",   "his",   "how",   "i",      "if",    "in",    "into",
        "is",    "it",    "its",   "just",  "ll",    "m",     "may",    "me",    "might", "more",
        "most",  "must",  "my",    "no",    "not",   "now",   "of",     "on",    "one",   "only",
        "or",    "our",   "out",   "re",    "s",     "she",   "should", "so",    "some",  "such",
        "t",     "than",  "that",  "the",   "their", "them",  "then",   "there", "these", "they",
        "this",  "those", "to",    "too",   "up",    "us",    "ve",     "very",  "was",   "we",
        "were",  "what",  "when",  "where", "which", "while", "who",    "why",   "will",  "with",
        "would", "you",   "your"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return true;
    return false;
}

static bool register_only(const char *f, size_t n)
{
    if (n && ((unsigned char)f[0] & 0x80)) {
        /* Hangul syllables are 3 bytes each; the learner's Hangul features hold nothing else */
        for (size_t i = 0; i + 3 <= n; i += 3) {
            uint32_t cp = ((uint32_t)(f[i] & 0x0f) << 12) | ((uint32_t)(f[i + 1] & 0x3f) << 6) |
                          (uint32_t)(f[i + 2] & 0x3f);
            if (!ending_syllable(cp))
                return false;
        }
        return n % 3 == 0;
    }
    const char *sp = memchr(f, ' ', n);
    if (!sp)
        return function_word(f, n);
    return function_word(f, (size_t)(sp - f)) && function_word(sp + 1, n - (size_t)(sp - f) - 1);
}

static void add_feat(void *vctx, uint32_t s, uint32_t e)
{
    struct add_ctx *c = vctx;
    struct hugi_complaint_learner *l = c->l;
    if (l->oom || e - s > MAX_FEAT_BYTES)
        return;
    if (l->o.critical && register_only(c->v + s, e - s))
        return;
    uint64_t hv = feat_hash(c->v + s, e - s);
    size_t h = key_slot(hv, l->mask);
    uint32_t id = 0;
    for (;;) {
        uint32_t k = l->slot[h];
        if (!k)
            break;
        if (l->vf[k - 1].h == hv) {
            id = k;
            break;
        }
        h = (h + 1) & l->mask;
    }
    if (!id) {
        if (l->nvf == l->capvf) {
            size_t nc = l->capvf ? l->capvf * 2 : 4096;
            struct vfeat *nv = realloc(l->vf, nc * sizeof *nv);
            if (!nv) {
                l->oom = true;
                return;
            }
            l->vf = nv;
            l->capvf = nc;
        }
        struct vfeat *f = &l->vf[l->nvf];
        f->h = hv;
        f->str = (uint32_t)l->strs.len;
        f->len = e - s;
        f->last = UINT32_MAX;
        if (hugi_buf_add(&l->strs, c->v + s, e - s) != HUGI_OK ||
            hugi_buf_addc(&l->strs, '\0') != HUGI_OK) {
            l->oom = true;
            return;
        }
        l->slot[h] = (uint32_t)++l->nvf;
        id = (uint32_t)l->nvf;
        if (l->nvf * 10 > (l->mask + 1) * 7 && !vocab_grow(l)) {
            l->oom = true;
            return;
        }
    }
    struct vfeat *f = &l->vf[id - 1];
    if (f->last == (uint32_t)l->nrows)
        return; /* presence: once per row */
    f->last = (uint32_t)l->nrows;
    if (l->nids == l->capids) {
        size_t nc = l->capids ? l->capids * 2 : 65536;
        uint32_t *ni = realloc(l->ids, nc * sizeof *ni);
        if (!ni) {
            l->oom = true;
            return;
        }
        l->ids = ni;
        l->capids = nc;
    }
    l->ids[l->nids++] = id - 1;
}

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

hugi_rc hugi_complaint_learner_add(struct hugi_complaint_learner *l, const char *text, size_t len,
                                   uint64_t gold, int group, struct hugi_err *err)
{
    if (l->nrows == l->caprows) {
        size_t nc = l->caprows ? l->caprows * 2 : 1024;
        struct lrow *nr = realloc(l->rows, nc * sizeof *nr);
        if (!nr)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        l->rows = nr;
        l->caprows = nc;
    }
    hugi_rc rc = hugi_complaint_categorize_(l->t, text, len, NULL, &l->m, false, false, err);
    if (rc != HUGI_OK)
        return rc;
    rc = hugi_complaint_fold_(text, len, &l->tm, &l->fold);
    if (rc != HUGI_OK)
        return hugi_err_set(err, rc, NULL, "cannot normalise a text");
    struct lrow *r = &l->rows[l->nrows];
    r->off = l->nids;
    r->weak = group < 0;
    r->gold = r->weak ? l->m.cats : gold;
    r->pat = l->m.cats;
    r->ctx = l->m.context;
    struct add_ctx ac = {l, l->fold.data};
    hugi_complaint_feats_(l->fold.data, l->fold.len, add_feat, &ac);
    if (l->oom)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    r->n = (uint32_t)(l->nids - r->off);
    /* sorted ids: the same row gives the same sums in the same order, whatever was read first */
    qsort(l->ids + r->off, r->n, sizeof *l->ids, u32_cmp);
    l->nrows++;
    return HUGI_OK;
}

/* splitmix64: a small, fixed generator, so the same data and seed give the same model. */
static uint64_t mix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void shuffle(size_t *v, size_t n, uint64_t *s)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(mix64(s) % i);
        size_t x = v[i - 1];
        v[i - 1] = v[j];
        v[j] = x;
    }
}

/* One fit: weights for the rows S[0..ns), over the features `act` marks (act[id] = column or
 * -1), for the categories in `cats`. W is nact x HUGI_COMPLAINT_MAX_CATS. */
struct fit {
    size_t nact;
    float *w; /* nact * NC */
    double bias[HUGI_COMPLAINT_MAX_CATS];
};

#define NC HUGI_COMPLAINT_MAX_CATS

static hugi_rc fit_logreg(const struct hugi_complaint_learner *l, const size_t *S, size_t ns,
                          const int32_t *act, uint64_t cats, struct fit *out, uint64_t seed)
{
    float *g = calloc(out->nact * NC, sizeof *g);
    size_t *ord = malloc((ns ? ns : 1) * sizeof *ord);
    if (!g || !ord) {
        free(g);
        free(ord);
        return HUGI_E_NOMEM;
    }
    double gb[NC] = {0};
    int cl[NC], ncl = 0;
    for (int c = 0; c < NC; c++)
        if (cats & ((uint64_t)1 << c))
            cl[ncl++] = c;
    const double lr = 0.5, eps = 1e-6;
    const double l2 = l->o.l2;
    uint64_t rs = seed;
    memcpy(ord, S, ns * sizeof *ord);
    for (int ep = 0; ep < l->o.epochs; ep++) {
        shuffle(ord, ns, &rs);
        for (size_t k = 0; k < ns; k++) {
            const struct lrow *r = &l->rows[ord[k]];
            const uint32_t *ids = l->ids + r->off;
            for (int q = 0; q < ncl; q++) {
                int c = cl[q];
                double z = out->bias[c];
                for (uint32_t j = 0; j < r->n; j++) {
                    int32_t a = act[ids[j]];
                    if (a >= 0)
                        z += out->w[(size_t)a * NC + c];
                }
                double p = 1.0 / (1.0 + exp(-z));
                double y = (r->gold >> c) & 1 ? 1.0 : 0.0;
                double d = (p - y) * (r->weak ? l->o.weak_weight : 1.0);
                gb[c] += d * d;
                out->bias[c] -= lr * d / sqrt(gb[c] + eps);
                for (uint32_t j = 0; j < r->n; j++) {
                    int32_t a = act[ids[j]];
                    if (a < 0)
                        continue;
                    size_t i = (size_t)a * NC + c;
                    double gi = d + l2 * out->w[i];
                    g[i] += (float)(gi * gi);
                    out->w[i] -= (float)(lr * gi / sqrt((double)g[i] + eps));
                }
            }
        }
    }
    free(g);
    free(ord);
    return HUGI_OK;
}

static hugi_rc fit_logodds(const struct hugi_complaint_learner *l, const size_t *S, size_t ns,
                           const int32_t *act, uint64_t cats, struct fit *out)
{
    /* per feature and category: rows holding it with / without the category */
    uint32_t *pos = calloc(out->nact * NC, sizeof *pos);
    uint32_t *all = calloc(out->nact, sizeof *all);
    if (!pos || !all) {
        free(pos);
        free(all);
        return HUGI_E_NOMEM;
    }
    double npos[NC] = {0};
    for (size_t k = 0; k < ns; k++) {
        const struct lrow *r = &l->rows[S[k]];
        for (int c = 0; c < NC; c++)
            npos[c] += (r->gold >> c) & 1;
        for (uint32_t j = 0; j < r->n; j++) {
            int32_t a = act[l->ids[r->off + j]];
            if (a < 0)
                continue;
            all[a]++;
            for (int c = 0; c < NC; c++)
                if ((r->gold >> c) & 1)
                    pos[(size_t)a * NC + c]++;
        }
    }
    const double alpha = 0.5;
    for (int c = 0; c < NC; c++) {
        if (!(cats & ((uint64_t)1 << c)))
            continue;
        double nneg = (double)ns - npos[c];
        out->bias[c] = log((npos[c] + alpha) / (nneg + alpha));
        for (size_t a = 0; a < out->nact; a++) {
            double p = pos[a * NC + c], q = all[a] - p;
            out->w[a * NC + c] = (float)(log((p + alpha) / (npos[c] + 2 * alpha)) -
                                         log((q + alpha) / (nneg + 2 * alpha)));
        }
    }
    free(pos);
    free(all);
    return HUGI_OK;
}

struct absw {
    float a;
    uint32_t i;
};

static int absw_cmp(const void *x, const void *y)
{
    const struct absw *a = x, *b = y;
    if (a->a != b->a)
        return a->a > b->a ? -1 : 1;
    return a->i < b->i ? -1 : (a->i > b->i ? 1 : 0);
}

/* Keeps the max_feats largest |w| per category, zeroing the others (the model the file holds). */
static hugi_rc cap_weights(const struct hugi_complaint_learner *l, uint64_t cats, struct fit *f)
{
    struct absw *v = malloc((f->nact ? f->nact : 1) * sizeof *v);
    if (!v)
        return HUGI_E_NOMEM;
    for (int c = 0; c < NC; c++) {
        if (!(cats & ((uint64_t)1 << c)))
            continue;
        for (size_t a = 0; a < f->nact; a++) {
            v[a].a = fabsf(f->w[a * NC + c]);
            v[a].i = (uint32_t)a;
        }
        qsort(v, f->nact, sizeof *v, absw_cmp);
        for (size_t k = (size_t)l->o.max_feats; k < f->nact; k++)
            f->w[(size_t)v[k].i * NC + c] = 0;
        /* weights too small to print count as absent, so the file is the model */
        for (size_t a = 0; a < f->nact; a++)
            if (fabsf(f->w[a * NC + c]) < 0.00005f)
                f->w[a * NC + c] = 0;
    }
    free(v);
    return HUGI_OK;
}

static hugi_rc fit_capped(const struct hugi_complaint_learner *l, const size_t *S, size_t ns,
                          const int32_t *act, uint64_t cats, struct fit *f, uint64_t seed)
{
    memset(f->bias, 0, sizeof f->bias);
    memset(f->w, 0, f->nact * NC * sizeof *f->w);
    hugi_rc rc = l->o.method == HUGI_LEARN_LOGODDS ? fit_logodds(l, S, ns, act, cats, f)
                                                   : fit_logreg(l, S, ns, act, cats, f, seed);
    if (rc == HUGI_OK)
        rc = cap_weights(l, cats, f);
    /* round as the file does, so a model in memory scores as the one read back */
    for (int c = 0; c < NC; c++)
        f->bias[c] = round(f->bias[c] * 1e4) / 1e4;
    for (size_t i = 0; i < f->nact * NC; i++)
        f->w[i] = (float)(round((double)f->w[i] * 1e4) / 1e4);
    return rc;
}

static double row_score(const struct hugi_complaint_learner *l, const struct lrow *r,
                        const int32_t *act, const struct fit *f, int c)
{
    double z = f->bias[c];
    for (uint32_t j = 0; j < r->n; j++) {
        int32_t a = act[l->ids[r->off + j]];
        if (a >= 0)
            z += f->w[(size_t)a * NC + c];
    }
    return z;
}

struct cand {
    double z;
    bool gold;
};

static int cand_desc(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->z != y->z)
        return x->z > y->z ? -1 : 1;
    return (int)x->gold - (int)y->gold; /* a false one first on ties: pessimistic */
}

static double f1(double tp, double fp, double fn)
{
    return tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
}

/* The add threshold for one category from cross-validated scores: the one that maximises F1 of
 * patterns + added hits, adding at least min_gain true hits at a precision of at least
 * min_precision; INFINITY when none improves F1. */
static double pick_add(const struct hugi_complaint_learn_opts *o, struct cand *v, size_t n,
                       double tp0, double fp0, double fn0)
{
    qsort(v, n, sizeof *v, cand_desc);
    double best = f1(tp0, fp0, fn0) + 1e-9, thr = INFINITY;
    double tp = 0, fp = 0;
    for (size_t k = 0; k < n; k++) {
        if (v[k].gold)
            tp++;
        else
            fp++;
        if (k + 1 < n && v[k + 1].z == v[k].z)
            continue; /* a threshold cannot split ties */
        if (tp < o->min_gain || tp / (tp + fp) < o->min_precision)
            continue;
        double s = f1(tp0 + tp, fp0 + fp, fn0 - tp);
        if (s > best) {
            best = s;
            thr = k + 1 < n ? (v[k].z + v[k + 1].z) / 2 : v[k].z - 0.5;
        }
    }
    return thr;
}

/* The add threshold for recall at a floor of precision: the lowest score such that the hits at
 * or above it hold at least min_gain true ones at a precision of at least min_precision;
 * INFINITY when none. */
static double pick_recall(const struct hugi_complaint_learn_opts *o, struct cand *v, size_t n)
{
    qsort(v, n, sizeof *v, cand_desc);
    double thr = INFINITY;
    double tp = 0, fp = 0;
    for (size_t k = 0; k < n; k++) {
        if (v[k].gold)
            tp++;
        else
            fp++;
        if (k + 1 < n && v[k + 1].z == v[k].z)
            continue;
        if (tp < o->min_gain || tp / (tp + fp) < o->min_precision)
            continue;
        thr = k + 1 < n ? (v[k].z + v[k + 1].z) / 2 : v[k].z - 0.5;
    }
    return thr;
}

/* The veto threshold: pattern hits scoring under it are dropped; maximises F1 dropping at least
 * min_gain false hits, of which at least min_precision of the dropped; -INFINITY when none. */
static double pick_veto(const struct hugi_complaint_learn_opts *o, struct cand *v, size_t n,
                        double tp0, double fp0, double fn0)
{
    qsort(v, n, sizeof *v, cand_desc);
    double best = f1(tp0, fp0, fn0) + 1e-9, thr = -INFINITY;
    double tp = 0, fp = 0;
    for (size_t k = n; k-- > 0;) {
        if (v[k].gold)
            tp++;
        else
            fp++;
        if (k > 0 && v[k - 1].z == v[k].z)
            continue;
        if (fp < o->min_gain || fp / (tp + fp) < o->min_precision)
            continue;
        double s = f1(tp0 - tp, fp0 - fp, fn0 + tp);
        if (s > best) {
            best = s;
            thr = k > 0 ? (v[k].z + v[k - 1].z) / 2 : v[k].z + 0.5;
        }
    }
    return thr;
}

hugi_rc hugi_complaint_learner_train(struct hugi_complaint_learner *l, const bool *use,
                                     struct hugi_complaint_model **out, struct hugi_err *err)
{
    *out = NULL;
    const struct hugi_complaint_tax *t = l->t;
    int ncats = hugi_complaint_tax_count(t);
    size_t ns = 0;
    size_t *S = malloc((l->nrows ? l->nrows : 1) * sizeof *S);
    int32_t *act = malloc((l->nvf ? l->nvf : 1) * sizeof *act);
    uint32_t *df = calloc(l->nvf ? l->nvf : 1, sizeof *df);
    double *oof = NULL;
    struct fit f = {0};
    struct cand *cv = NULL;
    struct hugi_complaint_model *m = NULL;
    struct builder b = {0};
    hugi_rc rc = HUGI_E_NOMEM;
    if (!S || !act || !df)
        goto done;
    for (size_t i = 0; i < l->nrows; i++)
        if (!l->rows[i].weak && (!use || use[i]))
            S[ns++] = i;
    /* pool rows (labelled by the patterns) are always learned from, never measured: they go
     * after the hand-labelled ones, S[ns, ns + nweak) */
    size_t nweak = 0;
    for (size_t i = 0; i < l->nrows; i++)
        if (l->rows[i].weak)
            S[ns + nweak++] = i;
    /* features in at least min_count of the training rows (counted on them only, so a held-out
     * row's rare words do not leak into its own model) */
    for (size_t k = 0; k < ns + nweak; k++) {
        const struct lrow *r = &l->rows[S[k]];
        for (uint32_t j = 0; j < r->n; j++)
            df[l->ids[r->off + j]]++;
    }
    f.nact = 0;
    for (size_t i = 0; i < l->nvf; i++)
        act[i] = df[i] >= (uint32_t)l->o.min_count ? (int32_t)f.nact++ : -1;
    /* categories to learn: not critical (or, with o.critical, only the critical ones), with
     * enough positive rows */
    uint64_t cats = 0;
    for (int c = 0; c < ncats; c++) {
        if (hugi_complaint_tax_critical(t, c) != l->o.critical)
            continue;
        int np = 0;
        for (size_t k = 0; k < ns; k++)
            np += (int)((l->rows[S[k]].gold >> c) & 1);
        if (np >= l->o.min_pos)
            cats |= (uint64_t)1 << c;
    }
    f.w = malloc((f.nact ? f.nact : 1) * NC * sizeof *f.w);
    oof = malloc((ns ? ns : 1) * NC * sizeof *oof);
    cv = malloc((ns ? ns : 1) * sizeof *cv);
    if (!f.w || !oof || !cv)
        goto done;
    /* cross-validated scores of the training rows, for the thresholds */
    size_t *perm = malloc((ns ? ns : 1) * sizeof *perm);
    size_t *sub = malloc((ns + nweak + 1) * sizeof *sub);
    if (!perm || !sub) {
        free(perm);
        free(sub);
        goto done;
    }
    for (size_t k = 0; k < ns; k++)
        perm[k] = k;
    uint64_t rs = l->o.seed ^ 0x5eedf01d;
    shuffle(perm, ns, &rs);
    rc = HUGI_OK;
    for (int fo = 0; fo < l->o.folds && rc == HUGI_OK; fo++) {
        size_t nsub = 0;
        for (size_t k = 0; k < ns; k++)
            if ((int)(k % (size_t)l->o.folds) != fo)
                sub[nsub++] = S[perm[k]];
        memcpy(sub + nsub, S + ns, nweak * sizeof *sub);
        nsub += nweak;
        rc = fit_capped(l, sub, nsub, act, cats, &f, l->o.seed + (uint64_t)fo + 1);
        for (size_t k = 0; rc == HUGI_OK && k < ns; k++) {
            if ((int)(k % (size_t)l->o.folds) != fo)
                continue;
            for (int c = 0; c < ncats; c++)
                if (cats & ((uint64_t)1 << c))
                    oof[perm[k] * NC + c] = row_score(l, &l->rows[S[perm[k]]], act, &f, c);
        }
    }
    free(perm);
    free(sub);
    if (rc != HUGI_OK)
        goto done;
    rc = fit_capped(l, S, ns + nweak, act, cats, &f, l->o.seed);
    if (rc != HUGI_OK)
        goto done;
    m = model_new(ncats);
    if (!m) {
        rc = HUGI_E_NOMEM;
        goto done;
    }
    b.m = m;
    for (int c = 0; c < ncats; c++) {
        uint64_t bit = (uint64_t)1 << c;
        if (!(cats & bit))
            continue;
        double tp0 = 0, fp0 = 0, fn0 = 0;
        size_t n = 0;
        for (size_t k = 0; k < ns; k++) {
            const struct lrow *r = &l->rows[S[k]];
            bool g = r->gold & bit, p = r->pat & bit;
            tp0 += g && p;
            fp0 += !g && p;
            fn0 += g && !p;
            if (!p && r->ctx) {
                cv[n].z = oof[k * NC + c];
                cv[n].gold = g;
                n++;
            }
        }
        m->learned[c] = true;
        m->crit |= l->o.critical;
        m->bias[c] = f.bias[c];
        if (l->o.critical) {
            /* recall first: the model alone over every complaint-context row (the patterns were
             * tuned on these rows and miss almost no critical label in them, so the rows they
             * missed cannot place a threshold), at the lowest score it keeps its precision */
            n = 0;
            for (size_t k = 0; k < ns; k++) {
                const struct lrow *r = &l->rows[S[k]];
                if (r->ctx) {
                    cv[n].z = oof[k * NC + c];
                    cv[n].gold = (r->gold & bit) != 0;
                    n++;
                }
            }
            m->add[c] = pick_recall(&l->o, cv, n);
        } else if (l->o.alone) {
            /* the model's own F1 over every row a hit could be added to */
            double npos = 0;
            n = 0;
            for (size_t k = 0; k < ns; k++) {
                const struct lrow *r = &l->rows[S[k]];
                npos += (r->gold & bit) != 0;
                if (r->ctx) {
                    cv[n].z = oof[k * NC + c];
                    cv[n].gold = (r->gold & bit) != 0;
                    n++;
                }
            }
            m->add[c] = pick_add(&l->o, cv, n, 0, 0, npos);
        } else {
            m->add[c] = pick_add(&l->o, cv, n, tp0, fp0, fn0);
        }
        if (l->o.veto && !l->o.critical) {
            n = 0;
            for (size_t k = 0; k < ns; k++) {
                const struct lrow *r = &l->rows[S[k]];
                if (r->pat & bit) {
                    cv[n].z = oof[k * NC + c];
                    cv[n].gold = (r->gold & bit) != 0;
                    n++;
                }
            }
            m->veto[c] = pick_veto(&l->o, cv, n, tp0, fp0, fn0);
        }
        if (isinf(m->add[c]) && isinf(m->veto[c])) {
            m->learned[c] = false; /* no threshold helps: the category stays pattern-only */
            continue;
        }
        if (!isinf(m->add[c]))
            m->add[c] = round(m->add[c] * 1e4) / 1e4;
        if (!isinf(m->veto[c]))
            m->veto[c] = round(m->veto[c] * 1e4) / 1e4;
        for (size_t i = 0; i < l->nvf && rc == HUGI_OK; i++) {
            if (act[i] < 0)
                continue;
            float w = f.w[(size_t)act[i] * NC + c];
            if (w != 0)
                rc = builder_add(&b, c, w, l->strs.data + l->vf[i].str, l->vf[i].len);
        }
    }
    if (rc == HUGI_OK)
        rc = builder_finish(&b);
done:
    builder_release(&b);
    free(S);
    free(act);
    free(df);
    free(oof);
    free(f.w);
    free(cv);
    if (rc != HUGI_OK) {
        hugi_complaint_model_free(m);
        return hugi_err_set(err, rc, NULL, "cannot learn the categories");
    }
    *out = m;
    return HUGI_OK;
}
