/* SPDX-License-Identifier: MIT
 * Complaints across one product's reviews: recurring categories in a window, spikes of the latest
 * bucket against the product's own trailing baseline (Poisson upper tail), and emerging phrases
 * (log-odds with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008, "Fightin' Words",
 * of window negatives against the product's history). Reading and writing the store is the
 * caller's job; this file only counts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"
#include "hugi/textmatch.h"
#include "internal.h"

void hugi_complaint_agg_cfg_init(struct hugi_complaint_agg_cfg *c)
{
    c->now = HUGI_NO_TIME;
    c->window_start = HUGI_NO_TIME;
    c->window_days = 7;
    c->recur_min = 3;
    c->recur_share = 0.1;
    c->bucket = 86400;
    c->baseline_buckets = 14;
    c->min_history = 3;
    c->spike_min = 3;
    c->spike_p = 0.001;
    c->spike_ratio = 3.0;
    c->cooldown = 3 * 86400;
    c->emerging_min = 3;
    c->emerging_z = 2.0;
    c->emerging_prior = 100.0;
    c->emerging_rare = 0.02;
    c->emerging_max = 5;
    c->baseline_max = 20000;
    c->examples = 3;
}

const char *hugi_complaint_kind_name(enum hugi_complaint_kind k)
{
    switch (k) {
    case HUGI_GROUP_RECURRING:
        return "recurring";
    case HUGI_GROUP_SPIKE:
        return "spike";
    case HUGI_GROUP_EMERGING:
        return "emerging";
    }
    return "?";
}

void hugi_complaint_groups_init(struct hugi_complaint_groups *g)
{
    memset(g, 0, sizeof *g);
}

void hugi_complaint_groups_release(struct hugi_complaint_groups *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].key);
        free(g->v[i].phrase);
        free(g->v[i].members);
    }
    free(g->v);
    memset(g, 0, sizeof *g);
}

double hugi_complaint_poisson_sf(long k, double lambda)
{
    if (k <= 0)
        return 1.0;
    if (!(lambda > 0))
        return 0.0;
    /* Sum the tail from k upward in log space for the first term; when k is below the mean the
     * tail is large and 1 - CDF is computed instead. */
    if ((double)k <= lambda) {
        double term = exp(-lambda);
        double cdf = term;
        for (long i = 1; i < k; i++) {
            term *= lambda / (double)i;
            cdf += term;
        }
        double sf = 1.0 - cdf;
        return sf < 0 ? 0 : sf;
    }
    double term = exp(-lambda + (double)k * log(lambda) - lgamma((double)k + 1.0));
    double sum = 0;
    for (long i = k; i < k + 100000; i++) {
        sum += term;
        term *= lambda / (double)(i + 1);
        if (term < sum * 1e-17)
            break;
    }
    return sum > 1.0 ? 1.0 : sum;
}

/* ---- helpers ------------------------------------------------------------------------------ */

struct ctx {
    const struct hugi_complaint_tax *t;
    const struct hugi_complaint_agg_cfg *c;
    const char *product;
    const struct hugi_complaint_rec *recs;
    size_t *order; /* dated records, newest first */
    size_t norder;
    int64_t now, ws;
    const struct hugi_complaint_prior *prior;
    size_t nprior;
    struct hugi_complaint_groups *out;
    struct hugi_err *err;
};

struct dated {
    int64_t date;
    size_t i;
};

static int cmp_newest(const void *a, const void *b)
{
    const struct dated *x = a, *y = b;
    if (x->date != y->date)
        return x->date > y->date ? -1 : 1;
    return x->i < y->i ? -1 : (x->i > y->i ? 1 : 0);
}

static bool cooling(const struct ctx *x, const char *key)
{
    for (size_t i = 0; i < x->nprior; i++)
        if (x->prior[i].key && strcmp(x->prior[i].key, key) == 0 &&
            x->prior[i].cooldown_until != HUGI_NO_TIME && x->prior[i].cooldown_until > x->now)
            return true;
    return false;
}

static struct hugi_complaint_group *new_group(struct ctx *x, enum hugi_complaint_kind kind, int cat,
                                              const char *phrase, size_t phrase_len)
{
    struct hugi_complaint_groups *g = x->out;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 16;
        struct hugi_complaint_group *nv = realloc(g->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        g->v = nv;
        g->cap = nc;
    }
    struct hugi_complaint_group *gr = &g->v[g->n];
    memset(gr, 0, sizeof *gr);
    gr->kind = kind;
    gr->cat = cat;
    gr->baseline = NAN;
    gr->stat = NAN;
    struct hugi_buf k;
    hugi_buf_init(&k, 4096);
    const char *what = cat >= 0 ? hugi_complaint_tax_key(x->t, cat) : "*";
    hugi_rc rc =
        hugi_buf_addf(&k, "%s|%s|", hugi_complaint_kind_name(kind), x->product ? x->product : "");
    if (rc == HUGI_OK)
        rc = phrase ? hugi_buf_add(&k, phrase, phrase_len) : hugi_buf_addstr(&k, what);
    if (rc != HUGI_OK) {
        hugi_buf_release(&k);
        return NULL;
    }
    gr->key = hugi_buf_detach(&k, NULL);
    if (phrase) {
        gr->phrase = hugi_strndup(phrase, phrase_len);
        if (!gr->phrase) {
            free(gr->key);
            return NULL;
        }
    }
    gr->fresh = !cooling(x, gr->key);
    g->n++;
    return gr;
}

static double ex_rank(const struct hugi_complaint_rec *r)
{
    /* reach first, then how negative: what a helpdesk would want to read first */
    double s = isnan(r->score) ? 0 : -r->score;
    return (double)(r->likes > 0 ? r->likes : 0) * 10.0 + s;
}

static void pick_examples(struct ctx *x, struct hugi_complaint_group *g)
{
    int want = x->c->examples;
    if (want > 8)
        want = 8;
    g->nexamples = 0;
    for (size_t i = 0; i < g->nmembers; i++) {
        size_t r = g->members[i];
        if (!x->recs[r].text || x->recs[r].text_len == 0)
            continue;
        /* insertion into a short list ordered by rank (ties: newer, as members are newest first) */
        int pos = g->nexamples;
        while (pos > 0 && ex_rank(&x->recs[g->examples[pos - 1]]) < ex_rank(&x->recs[r]))
            pos--;
        if (pos >= want)
            continue;
        int last = g->nexamples < want ? g->nexamples : want - 1;
        for (int j = last; j > pos; j--)
            g->examples[j] = g->examples[j - 1];
        g->examples[pos] = r;
        if (g->nexamples < want)
            g->nexamples++;
    }
}

static hugi_rc add_member(struct hugi_complaint_group *g, size_t *cap, size_t r)
{
    if (g->nmembers == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        size_t *nm = realloc(g->members, nc * sizeof *nm);
        if (!nm)
            return HUGI_E_NOMEM;
        g->members = nm;
        *cap = nc;
    }
    g->members[g->nmembers++] = r;
    return HUGI_OK;
}

/* Collects the members of group g: records in [from, to) that are negative and match cat
 * (cat -1: any negative). */
static hugi_rc collect(struct ctx *x, struct hugi_complaint_group *g, int64_t from, int64_t to)
{
    size_t cap = 0;
    uint64_t bit = g->cat >= 0 ? (uint64_t)1 << g->cat : 0;
    for (size_t i = 0; i < x->norder; i++) {
        const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
        if (r->date >= to)
            continue;
        if (r->date < from)
            break;
        if (!r->negative || (bit && !(r->cats & bit)))
            continue;
        if (add_member(g, &cap, x->order[i]) != HUGI_OK)
            return HUGI_E_NOMEM;
    }
    pick_examples(x, g);
    return HUGI_OK;
}

/* ---- recurring and spikes ---------------------------------------------------------------- */

static hugi_rc recurring(struct ctx *x)
{
    int nc = hugi_complaint_tax_count(x->t);
    long count[HUGI_COMPLAINT_MAX_CATS] = {0}, prev[HUGI_COMPLAINT_MAX_CATS] = {0};
    long total = 0;
    int64_t span = x->now - x->ws;
    for (size_t i = 0; i < x->norder; i++) {
        const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
        if (r->date >= x->now)
            continue;
        if (r->date < x->ws - span)
            break;
        bool in = r->date >= x->ws;
        if (in)
            total++;
        if (!r->negative)
            continue;
        for (int c = 0; c < nc; c++)
            if (r->cats & ((uint64_t)1 << c))
                (in ? count : prev)[c]++;
    }
    for (int c = 0; c < nc; c++) {
        if (count[c] < x->c->recur_min || total == 0 ||
            (double)count[c] / (double)total < x->c->recur_share)
            continue;
        struct hugi_complaint_group *g = new_group(x, HUGI_GROUP_RECURRING, c, NULL, 0);
        if (!g)
            return HUGI_E_NOMEM;
        g->window_start = x->ws;
        g->window_end = x->now;
        g->count = count[c];
        g->total = total;
        g->prev_count = prev[c];
        g->stat = (double)count[c] / (double)total;
        if (collect(x, g, x->ws, x->now) != HUGI_OK)
            return HUGI_E_NOMEM;
    }
    return HUGI_OK;
}

static hugi_rc spikes(struct ctx *x)
{
    const struct hugi_complaint_agg_cfg *c = x->c;
    int nc = hugi_complaint_tax_count(x->t);
    int nb = c->baseline_buckets > 0 ? c->baseline_buckets : 14;
    int64_t b = c->bucket > 0 ? c->bucket : 86400;
    int64_t latest = x->now - b;
    int64_t base_from = latest - (int64_t)nb * b;
    /* counts per category (+1 slot for "any negative") in the latest bucket and the baseline */
    long cur[HUGI_COMPLAINT_MAX_CATS + 1] = {0}, base[HUGI_COMPLAINT_MAX_CATS + 1] = {0};
    long prevb[HUGI_COMPLAINT_MAX_CATS + 1] = {0};
    long total_cur = 0;
    unsigned char *seen = calloc((size_t)nb, 1); /* baseline buckets holding any review */
    if (!seen)
        return HUGI_E_NOMEM;
    for (size_t i = 0; i < x->norder; i++) {
        const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
        if (r->date >= x->now)
            continue;
        if (r->date < base_from)
            break;
        bool in = r->date >= latest;
        if (in)
            total_cur++;
        else
            seen[(r->date - base_from) / b] = 1;
        if (!r->negative)
            continue;
        bool prev_bucket = !in && r->date >= latest - b;
        for (int k = 0; k <= nc; k++) {
            if (k < nc && !(r->cats & ((uint64_t)1 << k)))
                continue;
            if (in)
                cur[k]++;
            else
                base[k]++;
            if (prev_bucket)
                prevb[k]++;
        }
    }
    int history = 0;
    for (int i = 0; i < nb; i++)
        history += seen[i];
    free(seen);
    /* a product without enough history has no baseline to spike against: recurring covers it */
    if (history < c->min_history)
        return HUGI_OK;
    for (int k = 0; k <= nc; k++) {
        if (cur[k] < c->spike_min)
            continue;
        /* half a review of prior mass keeps an empty baseline from making any count a spike */
        double lambda = ((double)base[k] + 0.5) / (double)nb;
        if ((double)cur[k] < c->spike_ratio * lambda)
            continue;
        double p = hugi_complaint_poisson_sf(cur[k], lambda);
        if (p > c->spike_p)
            continue;
        struct hugi_complaint_group *g = new_group(x, HUGI_GROUP_SPIKE, k < nc ? k : -1, NULL, 0);
        if (!g)
            return HUGI_E_NOMEM;
        g->window_start = latest;
        g->window_end = x->now;
        g->count = cur[k];
        g->total = total_cur;
        g->prev_count = prevb[k];
        g->baseline = lambda;
        g->stat = p;
        if (collect(x, g, latest, x->now) != HUGI_OK)
            return HUGI_E_NOMEM;
    }
    return HUGI_OK;
}

/* ---- emerging phrases -------------------------------------------------------------------- */

struct gram {
    uint64_t h; /* 0 = empty slot */
    long win, base;
    uint32_t rec; /* a record holding it, and where in its folded text, to recover the bytes */
    uint32_t off;
    uint16_t len;
};

struct gram_map {
    struct gram *v;
    size_t cap, n;
};

static struct gram *map_find(struct gram_map *m, uint64_t h, bool insert)
{
    if (h == 0)
        h = 1;
    if (insert && (m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 4096;
        struct gram *nv = calloc(nc, sizeof *nv);
        if (!nv)
            return NULL;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->v[i].h)
                continue;
            size_t j = m->v[i].h & (nc - 1);
            while (nv[j].h)
                j = (j + 1) & (nc - 1);
            nv[j] = m->v[i];
        }
        free(m->v);
        m->v = nv;
        m->cap = nc;
    }
    if (m->cap == 0)
        return NULL;
    size_t j = h & (m->cap - 1);
    while (m->v[j].h) {
        if (m->v[j].h == h)
            return &m->v[j];
        j = (j + 1) & (m->cap - 1);
    }
    if (!insert)
        return NULL;
    m->v[j].h = h;
    m->n++;
    return &m->v[j];
}

static bool is_hangul_at(const char *f, size_t len, size_t i)
{
    /* U+AC00..U+D7A3 is EA B0 80 .. ED 9E A3 */
    if (i + 3 > len)
        return false;
    unsigned char a = (unsigned char)f[i], b = (unsigned char)f[i + 1];
    if (a == 0xea)
        return b >= 0xb0;
    if (a == 0xeb || a == 0xec)
        return true;
    if (a == 0xed)
        return b <= 0x9e;
    return false;
}

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

static bool stopword(const char *w, size_t n)
{
    static const char *const sw[] = {
        "the",  "a",     "an",   "and",    "or",    "but",   "to",   "of",  "in",   "on",
        "at",   "for",   "with", "it",     "its",   "it's",  "is",   "was", "are",  "were",
        "be",   "been",  "this", "that",   "i",     "i'm",   "my",   "me",  "we",   "our",
        "you",  "your",  "they", "them",   "he",    "she",   "his",  "her", "so",   "as",
        "if",   "not",   "no",   "very",   "just",  "have",  "has",  "had", "do",   "did",
        "does", "all",   "one",  "from",   "there", "what",  "when", "out", "up",   "get",
        "got",  "would", "will", "can",    "about", "than",  "then", "too", "also", "more",
        "only", "again", "even", "really", "after", "before"};
    for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++)
        if (strlen(sw[i]) == n && memcmp(sw[i], w, n) == 0)
            return true;
    return n < 2;
}

/* Calls fn(ctx, off, len) for every candidate gram of folded text f: runs of Hangul give
 * character 2..5-grams (white space between Hangul is already gone, so "배터리 부풀" is one run);
 * Latin words give word 1..3-grams not starting or ending with a stop word. */
typedef int (*gram_fn)(void *ctx, const char *f, size_t off, size_t len);
static int each_gram(const char *f, size_t flen, gram_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < flen) {
        if (is_hangul_at(f, flen, i)) {
            size_t s = i;
            while (i < flen && is_hangul_at(f, flen, i))
                i += 3;
            size_t nsyl = (i - s) / 3;
            for (size_t a = 0; a < nsyl; a++)
                for (size_t n = 2; n <= 5 && a + n <= nsyl; n++)
                    if (fn(ctx, f, s + a * 3, n * 3))
                        return 1;
            continue;
        }
        if (is_word_byte((unsigned char)f[i]) && f[i] != '\'') {
            /* up to three consecutive words separated by single spaces */
            size_t ws[3], we[3];
            size_t p = i;
            int nw = 0;
            while (nw < 3 && p < flen && is_word_byte((unsigned char)f[p])) {
                ws[nw] = p;
                while (p < flen && is_word_byte((unsigned char)f[p]))
                    p++;
                we[nw] = p;
                nw++;
                if (p < flen && f[p] == ' ')
                    p++;
                else
                    break;
            }
            if (!stopword(f + ws[0], we[0] - ws[0])) {
                for (int k = 0; k < nw; k++) {
                    if (k > 0 && stopword(f + ws[k], we[k] - ws[k]))
                        continue;
                    if (k == 0 && we[0] - ws[0] < 3)
                        continue;
                    if (fn(ctx, f, ws[0], we[k] - ws[0]))
                        return 1;
                }
            }
            i = we[0];
            continue;
        }
        i++;
    }
    return 0;
}

/* A Korean gram that starts or ends on a particle or a common ending is a fragment of a phrase
 * ("배송이", "이안와"): the phrase itself is found without it. */
static bool particle_edge(const char *s, size_t len)
{
    if (len < 6 || !is_hangul_at(s, len, 0))
        return false;
    static const char *const edge[] = {"이", "가", "은", "는", "을", "를", "도", "에",
                                       "의", "로", "과", "와", "고", "서", "요"};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        if (memcmp(s, edge[i], 3) == 0 || memcmp(s + len - 3, edge[i], 3) == 0)
            return true;
    return false;
}

struct doc_grams {
    uint64_t *h;
    uint32_t *off;
    uint16_t *len;
    size_t n, cap;
    bool oom;
};

static int doc_add(void *vctx, const char *f, size_t off, size_t len)
{
    struct doc_grams *d = vctx;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 256;
        uint64_t *nh = realloc(d->h, nc * sizeof *nh);
        if (nh)
            d->h = nh;
        uint32_t *no = realloc(d->off, nc * sizeof *no);
        if (no)
            d->off = no;
        uint16_t *nl = realloc(d->len, nc * sizeof *nl);
        if (nl)
            d->len = nl;
        if (!nh || !no || !nl) {
            d->oom = true;
            return 1;
        }
        d->cap = nc;
    }
    d->h[d->n] = hugi_hash64(f + off, len, HUGI_HASH_SEED);
    d->off[d->n] = (uint32_t)off;
    d->len[d->n] = (uint16_t)len;
    d->n++;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

struct cand {
    struct gram *g;
    double z;
    char *s; /* folded bytes */
    size_t len;
};

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->g->win != y->g->win)
        return x->g->win > y->g->win ? -1 : 1;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    if (x->z != y->z)
        return x->z > y->z ? -1 : 1;
    return memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
}

static bool contains(const char *hay, size_t hl, const char *nd, size_t nl)
{
    if (nl > hl)
        return false;
    for (size_t i = 0; i + nl <= hl; i++)
        if (memcmp(hay + i, nd, nl) == 0)
            return true;
    return false;
}

/* Whether a record is one of the window's negatives with text: 1 yes, 0 skip it, -1 stop (records
 * run newest first, so all that follow are older than the window). */
static int window_negative(const struct ctx *x, const struct hugi_complaint_rec *r)
{
    if (r->date >= x->now)
        return 0;
    if (r->date < x->ws)
        return -1;
    return r->negative && r->text ? 1 : 0;
}

/* Folds a record's text into `fold` and collects its grams in `d` (emptied first): the same
 * reading for the window's documents and the baseline's. */
static hugi_rc doc_grams_of(const struct hugi_complaint_rec *r, struct hugi_tm_text *tm,
                            struct hugi_buf *fold, struct doc_grams *d)
{
    if (hugi_complaint_fold_(r->text, r->text_len, tm, fold) != HUGI_OK)
        return HUGI_E_NOMEM;
    d->n = 0;
    each_gram(fold->data, fold->len, doc_add, d);
    return d->oom ? HUGI_E_NOMEM : HUGI_OK;
}

static hugi_rc emerging(struct ctx *x)
{
    const struct hugi_complaint_agg_cfg *c = x->c;
    hugi_rc rc = HUGI_OK;
    struct gram_map map = {0};
    struct doc_grams d = {0};
    struct hugi_buf fold;
    hugi_buf_init(&fold, 0);
    struct hugi_tm_text tm;
    hugi_tm_text_init(&tm);
    struct cand *cands = NULL;
    size_t ncand = 0;
    long n_win = 0, n_base = 0;
    /* window negatives: document frequency of each gram */
    for (size_t i = 0; i < x->norder && rc == HUGI_OK; i++) {
        const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
        int w = window_negative(x, r);
        if (w < 0)
            break;
        if (w == 0)
            continue;
        n_win++;
        rc = doc_grams_of(r, &tm, &fold, &d);
        if (rc != HUGI_OK)
            break;
        for (size_t k = 0; k < d.n; k++) {
            /* a record counts once per gram: linear dedupe is fine for review-sized texts */
            bool dup = false;
            for (size_t j = 0; j < k && !dup; j++)
                dup = d.h[j] == d.h[k];
            if (dup)
                continue;
            struct gram *g = map_find(&map, d.h[k], true);
            if (!g) {
                rc = HUGI_E_NOMEM;
                break;
            }
            if (g->win == 0) {
                g->rec = (uint32_t)x->order[i];
                g->off = d.off[k];
                g->len = d.len[k];
            }
            g->win++;
        }
    }
    /* baseline: the product's reviews before the window, newest first, at most baseline_max */
    for (size_t i = 0; i < x->norder && rc == HUGI_OK && map.n > 0; i++) {
        const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
        if (r->date >= x->ws || !r->text)
            continue;
        if ((size_t)n_base >= c->baseline_max)
            break;
        n_base++;
        rc = doc_grams_of(r, &tm, &fold, &d);
        if (rc != HUGI_OK)
            break;
        if (d.n > 1)
            qsort(d.h, d.n, sizeof *d.h, cmp_u64);
        for (size_t k = 0; k < d.n; k++) {
            if (k > 0 && d.h[k] == d.h[k - 1])
                continue;
            struct gram *g = map_find(&map, d.h[k], false);
            if (g)
                g->base++;
        }
    }
    /* without history there is nothing for a phrase to be new against */
    if (rc != HUGI_OK || n_win < c->emerging_min || n_base < 20)
        goto done;
    cands = calloc(map.n ? map.n : 1, sizeof *cands);
    if (!cands) {
        rc = HUGI_E_NOMEM;
        goto done;
    }
    /* the prior's strength follows the data: a fixed alpha0 of 100 would swamp a window of a
     * handful of reviews against a short history */
    double a0 = c->emerging_prior;
    if (a0 > 0.1 * (double)(n_win + n_base))
        a0 = 0.1 * (double)(n_win + n_base);
    for (size_t i = 0; i < map.cap; i++) {
        struct gram *g = &map.v[i];
        if (!g->h || g->win < c->emerging_min)
            continue;
        double yi = (double)g->win, yj = (double)g->base;
        if (yj > c->emerging_rare * (double)n_base)
            continue; /* common before: more of it is a trend, not something new */
        double aw = a0 * (yi + yj) / (double)(n_win + n_base);
        double di = (double)n_win + a0 - yi - aw, dj = (double)n_base + a0 - yj - aw;
        if (di <= 0 || dj <= 0)
            continue;
        double delta = log((yi + aw) / di) - log((yj + aw) / dj);
        double z = delta / sqrt(1.0 / (yi + aw) + 1.0 / (yj + aw));
        if (!(z >= c->emerging_z))
            continue;
        const struct hugi_complaint_rec *r = &x->recs[g->rec];
        if (hugi_complaint_fold_(r->text, r->text_len, &tm, &fold) != HUGI_OK) {
            rc = HUGI_E_NOMEM;
            goto done;
        }
        if ((size_t)g->off + g->len > fold.len || particle_edge(fold.data + g->off, g->len))
            continue;
        cands[ncand].g = g;
        cands[ncand].z = z;
        cands[ncand].len = g->len;
        cands[ncand].s = hugi_strndup(fold.data + g->off, g->len);
        if (!cands[ncand].s) {
            rc = HUGI_E_NOMEM;
            goto done;
        }
        ncand++;
    }
    /* a fragment of a longer candidate found in exactly as many reviews says nothing more:
     * "배터리부" and "터리부풀" go when "배터리부풀" is there */
    for (size_t i = 0; i < ncand; i++) {
        for (size_t j = 0; j < ncand && cands[i].g; j++) {
            if (j == i || !cands[j].g || cands[j].len <= cands[i].len ||
                cands[j].g->win != cands[i].g->win)
                continue;
            if (contains(cands[j].s, cands[j].len, cands[i].s, cands[i].len))
                cands[i].g = NULL;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < ncand; i++) {
        if (cands[i].g)
            cands[kept++] = cands[i];
        else
            free(cands[i].s);
    }
    ncand = kept;
    if (ncand > 1)
        qsort(cands, ncand, sizeof *cands, cmp_cand);
    /* greedy: most frequent first; a longer phrase holding a chosen one replaces it when it is
     * nearly as frequent (3 of 4: "배터리부풀" over "부풀"); parts of a chosen phrase are dropped
     */
    int max = c->emerging_max > 0 ? c->emerging_max : 5;
    size_t *chosen = calloc((size_t)max, sizeof *chosen);
    int nch = 0;
    if (!chosen) {
        rc = HUGI_E_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < ncand; i++) {
        struct cand *cd = &cands[i];
        bool skip = false;
        for (int j = 0; j < nch && !skip; j++) {
            struct cand *ch = &cands[chosen[j]];
            if (contains(ch->s, ch->len, cd->s, cd->len)) {
                skip = true;
            } else if (contains(cd->s, cd->len, ch->s, ch->len)) {
                if ((double)cd->g->win >= 0.75 * (double)ch->g->win)
                    chosen[j] = i;
                skip = true;
            }
        }
        if (!skip && nch < max)
            chosen[nch++] = i;
    }
    for (int j = 0; j < nch && rc == HUGI_OK; j++) {
        struct cand *cd = &cands[chosen[j]];
        struct hugi_complaint_group *g = new_group(x, HUGI_GROUP_EMERGING, -1, cd->s, cd->len);
        if (!g) {
            rc = HUGI_E_NOMEM;
            break;
        }
        g->window_start = x->ws;
        g->window_end = x->now;
        g->total = n_win;
        g->baseline = (double)cd->g->base / (double)n_base;
        g->stat = cd->z;
        size_t cap = 0;
        for (size_t i = 0; i < x->norder && rc == HUGI_OK; i++) {
            const struct hugi_complaint_rec *r = &x->recs[x->order[i]];
            int w = window_negative(x, r);
            if (w < 0)
                break;
            if (w == 0)
                continue;
            if (hugi_complaint_fold_(r->text, r->text_len, &tm, &fold) != HUGI_OK ||
                (contains(fold.data, fold.len, cd->s, cd->len) &&
                 add_member(g, &cap, x->order[i]) != HUGI_OK))
                rc = HUGI_E_NOMEM;
        }
        g->count = (long)g->nmembers;
        pick_examples(x, g);
    }
    free(chosen);
done:
    for (size_t i = 0; i < ncand; i++)
        free(cands[i].s);
    free(cands);
    free(map.v);
    free(d.h);
    free(d.off);
    free(d.len);
    hugi_buf_release(&fold);
    hugi_tm_text_release(&tm);
    return rc;
}

/* ---- entry point -------------------------------------------------------------------------- */

static int cmp_group(const void *a, const void *b)
{
    const struct hugi_complaint_group *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

hugi_rc hugi_complaint_aggregate(const struct hugi_complaint_tax *t,
                                 const struct hugi_complaint_agg_cfg *c, const char *product,
                                 const struct hugi_complaint_rec *recs, size_t n,
                                 const struct hugi_complaint_prior *prior, size_t nprior,
                                 struct hugi_complaint_groups *out, struct hugi_err *err)
{
    struct ctx x = {0};
    x.t = t;
    x.c = c;
    x.product = product;
    x.recs = recs;
    x.prior = prior;
    x.nprior = nprior;
    x.out = out;
    x.err = err;
    x.order = malloc((n ? n : 1) * sizeof *x.order);
    if (!x.order)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    int64_t newest = HUGI_NO_TIME;
    for (size_t i = 0; i < n; i++) {
        if (recs[i].date == HUGI_NO_TIME)
            continue;
        x.order[x.norder++] = i;
        if (newest == HUGI_NO_TIME || recs[i].date > newest)
            newest = recs[i].date;
    }
    if (x.norder == 0) {
        free(x.order);
        return HUGI_OK;
    }
    struct dated *dv = malloc(x.norder * sizeof *dv);
    if (!dv) {
        free(x.order);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    }
    for (size_t i = 0; i < x.norder; i++) {
        dv[i].date = recs[x.order[i]].date;
        dv[i].i = x.order[i];
    }
    qsort(dv, x.norder, sizeof *dv, cmp_newest);
    for (size_t i = 0; i < x.norder; i++)
        x.order[i] = dv[i].i;
    free(dv);
    x.now = c->now != HUGI_NO_TIME ? c->now : newest + 1;
    x.ws =
        c->window_start != HUGI_NO_TIME ? c->window_start : x.now - (int64_t)c->window_days * 86400;
    if (x.ws >= x.now)
        x.ws = x.now - 1;
    size_t first = out->n;
    hugi_rc rc = recurring(&x);
    if (rc == HUGI_OK)
        rc = spikes(&x);
    if (rc == HUGI_OK)
        rc = emerging(&x);
    free(x.order);
    if (rc != HUGI_OK)
        return hugi_err_set(err, rc, product, "cannot aggregate complaints");
    if (out->n > first)
        qsort(out->v + first, out->n - first, sizeof *out->v, cmp_group);
    return HUGI_OK;
}
