/* SPDX-License-Identifier: MIT
 * Complaint categories: the taxonomy (lexicons/complaints/), the folding of a text into the form
 * patterns are matched in, and the in-word multi-pattern matcher with its negation check.
 *
 * Folding keeps one folded code point per original code point (lower case, full-width ASCII to
 * ASCII, curly apostrophes to '), so every folded byte maps back to an original byte range and
 * evidence spans point into the text as given. White space is dropped except between two ASCII
 * letters or digits: unspaced Korean ("배송이안와요") and spaced Korean ("배송이 안 와요") fold to
 * the same bytes, while English keeps its word boundaries.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "hugi/complaint.h"
#include "internal.h"

#define MAX_TEXT    (64 * 1024)
#define NBUCKETS    65536
#define MAX_PATTERN 256

enum {
    PAT_LATIN = 1,   /* starts with an ASCII letter/digit: word-start anchored */
    PAT_PREFIX = 2,  /* trailing '*': no word-end check */
    PAT_NEGATED = 4, /* holds a negation itself: no negation check */
    PAT_EXCLUDE = 8,
};

struct pattern {
    char *s;
    uint32_t len;
    uint16_t cat;
    uint16_t flags;
    int32_t next; /* next pattern in the same bucket, -1 ends */
};

struct category {
    char *key;
    bool critical;
};

struct hugi_complaint_tax {
    struct category cats[HUGI_COMPLAINT_MAX_CATS];
    int ncats;
    struct pattern *pats;
    size_t npats, cap;
    int32_t *bucket; /* NBUCKETS heads, keyed by the first two folded bytes */
};

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_space_cp(uint32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0xa0 || cp == 0x3000 || cp == 0x200b)
        return true;
    return cp > 0x7f && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS;
}

static uint32_t fold_cp(uint32_t cp)
{
    if (cp >= 0xff01 && cp <= 0xff5e)
        cp -= 0xfee0; /* full-width ASCII, common in Korean IME input */
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02bc || cp == 0x0060)
        return '\'';
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

hugi_rc hugi_complaint_fold_(const char *s, size_t len, struct hugi_buf *fold, uint32_t **ms,
                             uint32_t **me, size_t *mcap)
{
    hugi_buf_reset(fold);
    if (hugi_buf_grow(fold, len + 1) != HUGI_OK)
        return HUGI_E_NOMEM;
    if (ms && *mcap < len + 1) {
        uint32_t *a = realloc(*ms, (len + 1) * sizeof **ms);
        if (!a)
            return HUGI_E_NOMEM;
        *ms = a;
        a = realloc(*me, (len + 1) * sizeof **me);
        if (!a)
            return HUGI_E_NOMEM;
        *me = a;
        *mcap = len + 1;
    }
    bool pending_space = false;
    unsigned char last = 0; /* last folded byte emitted (ASCII or a lead/continuation byte) */
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            n = 1;
            cp = 0xfffd;
        }
        if (is_space_cp(cp)) {
            pending_space = true;
            i += n;
            continue;
        }
        cp = fold_cp(cp);
        char enc[4];
        size_t en = hugi_utf8_encode(cp, enc);
        if (pending_space && fold->len > 0 && is_alnum(last) && is_alnum((unsigned char)enc[0])) {
            if (ms) {
                (*ms)[fold->len] = (uint32_t)i;
                (*me)[fold->len] = (uint32_t)i;
            }
            fold->data[fold->len++] = ' ';
        }
        pending_space = false;
        for (size_t k = 0; k < en; k++) {
            if (ms) {
                (*ms)[fold->len] = (uint32_t)i;
                (*me)[fold->len] = (uint32_t)(i + n);
            }
            fold->data[fold->len++] = enc[k];
        }
        last = (unsigned char)enc[en - 1];
        i += n;
    }
    fold->data[fold->len] = '\0';
    return HUGI_OK;
}

/* ---- taxonomy ---------------------------------------------------------------------------- */

struct hugi_complaint_tax *hugi_complaint_tax_new(void)
{
    struct hugi_complaint_tax *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->bucket = malloc(NBUCKETS * sizeof *t->bucket);
    if (!t->bucket) {
        free(t);
        return NULL;
    }
    for (size_t i = 0; i < NBUCKETS; i++)
        t->bucket[i] = -1;
    return t;
}

void hugi_complaint_tax_free(struct hugi_complaint_tax *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->ncats; i++)
        free(t->cats[i].key);
    for (size_t i = 0; i < t->npats; i++)
        free(t->pats[i].s);
    free(t->pats);
    free(t->bucket);
    free(t);
}

int hugi_complaint_tax_count(const struct hugi_complaint_tax *t)
{
    return t ? t->ncats : 0;
}

const char *hugi_complaint_tax_key(const struct hugi_complaint_tax *t, int idx)
{
    if (!t || idx < 0 || idx >= t->ncats)
        return NULL;
    return t->cats[idx].key;
}

bool hugi_complaint_tax_critical(const struct hugi_complaint_tax *t, int idx)
{
    if (!t || idx < 0 || idx >= t->ncats)
        return false;
    return t->cats[idx].critical;
}

uint64_t hugi_complaint_tax_critical_mask(const struct hugi_complaint_tax *t)
{
    uint64_t m = 0;
    for (int i = 0; t && i < t->ncats; i++)
        if (t->cats[i].critical)
            m |= (uint64_t)1 << i;
    return m;
}

int hugi_complaint_tax_find(const struct hugi_complaint_tax *t, const char *key, size_t len)
{
    for (int i = 0; t && i < t->ncats; i++)
        if (strlen(t->cats[i].key) == len && memcmp(t->cats[i].key, key, len) == 0)
            return i;
    return -1;
}

hugi_rc hugi_complaint_tax_add_category(struct hugi_complaint_tax *t, const char *key,
                                        bool critical, int *idx, struct hugi_err *err)
{
    if (hugi_complaint_tax_find(t, key, strlen(key)) >= 0)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "category '%s' listed twice", key);
    if (t->ncats >= HUGI_COMPLAINT_MAX_CATS)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "more than %d categories",
                            HUGI_COMPLAINT_MAX_CATS);
    char *k = hugi_strdup(key);
    if (!k)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    t->cats[t->ncats].key = k;
    t->cats[t->ncats].critical = critical;
    if (idx)
        *idx = t->ncats;
    t->ncats++;
    return HUGI_OK;
}

/* Whether the folded pattern states a negation itself ("never arrived", "답변없", "안와요"): then
 * the negation check would undo the very thing it names. */
static bool has_negation(const char *p, size_t len)
{
    static const char *const neg[] = {"not",    "never", "n't",  "no ",  "without", "didnt",
                                      "doesnt", "dont",  "wont", "cant", "isnt",    "wasnt",
                                      "havent", "hasnt", "안",   "않",   "없",      "못"};
    for (size_t i = 0; i < sizeof neg / sizeof neg[0]; i++) {
        size_t nl = strlen(neg[i]);
        for (size_t j = 0; j + nl <= len; j++) {
            if (memcmp(p + j, neg[i], nl) != 0)
                continue;
            /* ASCII negators count only as words ("note" is not "not") */
            if (is_alnum((unsigned char)neg[i][0]) && j > 0 && is_alnum((unsigned char)p[j - 1]))
                continue;
            if (is_alnum((unsigned char)neg[i][nl - 1]) && j + nl < len &&
                is_alnum((unsigned char)p[j + nl]))
                continue;
            return true;
        }
    }
    return false;
}

hugi_rc hugi_complaint_tax_add_pattern(struct hugi_complaint_tax *t, int idx, const char *pat,
                                       size_t len, const char *where, struct hugi_err *err)
{
    if (idx < 0 || idx >= t->ncats)
        return hugi_err_set(err, HUGI_E_USAGE, where, "no category %d", idx);
    uint16_t flags = 0;
    size_t tl;
    const char *p = hugi_str_trim(pat, len, &tl);
    if (tl > 0 && p[0] == '-') {
        flags |= PAT_EXCLUDE;
        p++;
        tl--;
    }
    if (tl > 0 && p[tl - 1] == '*') {
        flags |= PAT_PREFIX;
        tl--;
    }
    if (tl > MAX_PATTERN)
        return hugi_err_set(err, HUGI_E_PARSE, where, "pattern longer than %d bytes", MAX_PATTERN);
    if (!hugi_utf8_valid(p, tl))
        return hugi_err_set(err, HUGI_E_PARSE, where, "pattern is not UTF-8");
    struct hugi_buf f;
    hugi_buf_init(&f, 0);
    if (hugi_complaint_fold_(p, tl, &f, NULL, NULL, NULL) != HUGI_OK) {
        hugi_buf_release(&f);
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    }
    if (f.len < 2) {
        hugi_buf_release(&f);
        return hugi_err_set(err, HUGI_E_PARSE, where, "pattern '%.*s' is shorter than 2 bytes",
                            (int)tl, p);
    }
    if (is_alnum((unsigned char)f.data[0]))
        flags |= PAT_LATIN;
    if (has_negation(f.data, f.len))
        flags |= PAT_NEGATED;
    if (t->npats == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        struct pattern *np = realloc(t->pats, nc * sizeof *np);
        if (!np) {
            hugi_buf_release(&f);
            return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
        }
        t->pats = np;
        t->cap = nc;
    }
    size_t flen;
    struct pattern *pt = &t->pats[t->npats];
    pt->s = hugi_buf_detach(&f, &flen);
    pt->len = (uint32_t)flen;
    pt->cat = (uint16_t)idx;
    pt->flags = flags;
    unsigned b = ((unsigned char)pt->s[0] << 8) | (unsigned char)pt->s[1];
    pt->next = t->bucket[b];
    t->bucket[b] = (int32_t)t->npats;
    t->npats++;
    return HUGI_OK;
}

static hugi_rc read_file(const char *path, char **data, size_t *len, struct hugi_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        hugi_rc rc = hugi_err_set(err, HUGI_E_IO, path, "cannot open: %s", strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    struct hugi_buf b;
    hugi_buf_init(&b, 16 * 1024 * 1024);
    char chunk[8192];
    size_t n;
    hugi_rc rc = HUGI_OK;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        rc = hugi_buf_add(&b, chunk, n);
        if (rc != HUGI_OK)
            break;
    }
    if (rc == HUGI_OK && ferror(fp))
        rc = HUGI_E_IO;
    fclose(fp);
    if (rc != HUGI_OK) {
        hugi_buf_release(&b);
        return hugi_err_set(err, rc, path, "cannot read");
    }
    *data = hugi_buf_detach(&b, len);
    return HUGI_OK;
}

/* Calls fn for each non-blank, non-comment line, with "path:line" as where. */
typedef hugi_rc (*line_fn)(void *ctx, const char *line, size_t len, const char *where,
                           struct hugi_err *err);
static hugi_rc each_line(const char *path, line_fn fn, void *ctx, struct hugi_err *err)
{
    char *data;
    size_t len;
    hugi_rc rc = read_file(path, &data, &len, err);
    if (rc != HUGI_OK)
        return rc;
    size_t pos = 0;
    long lineno = 0;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        pos = 3; /* a BOM from editors on Windows */
    while (pos < len && rc == HUGI_OK) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        size_t tl;
        const char *l = hugi_str_trim(data + pos, end - pos, &tl);
        if (tl > 0 && l[0] != '#') {
            char where[256];
            snprintf(where, sizeof where, "%s:%ld", path, lineno);
            rc = fn(ctx, l, tl, where, err);
        }
        pos = end + 1;
    }
    free(data);
    return rc;
}

struct cat_ctx {
    struct hugi_complaint_tax *t;
};

static hugi_rc cat_line(void *vctx, const char *l, size_t len, const char *where,
                        struct hugi_err *err)
{
    struct cat_ctx *c = vctx;
    const char *f[4];
    size_t fl[4];
    int nf = 0;
    size_t s = 0;
    for (size_t i = 0; i <= len && nf < 4; i++) {
        if (i == len || l[i] == '\t') {
            f[nf] = l + s;
            fl[nf] = i - s;
            nf++;
            s = i + 1;
        }
    }
    if (nf < 2 || fl[0] == 0)
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected key<TAB>level<TAB>names");
    for (size_t i = 0; i < fl[0]; i++) {
        char ch = f[0][i];
        if (!(is_alnum((unsigned char)ch) || ch == '_' || ch == '-'))
            return hugi_err_set(err, HUGI_E_PARSE, where, "bad category key '%.*s'", (int)fl[0],
                                f[0]);
    }
    bool critical;
    if (fl[1] == 8 && memcmp(f[1], "critical", 8) == 0)
        critical = true;
    else if (fl[1] == 6 && memcmp(f[1], "normal", 6) == 0)
        critical = false;
    else
        return hugi_err_set(err, HUGI_E_PARSE, where, "level must be 'critical' or 'normal'");
    char key[64];
    if (fl[0] >= sizeof key)
        return hugi_err_set(err, HUGI_E_PARSE, where, "category key too long");
    memcpy(key, f[0], fl[0]);
    key[fl[0]] = '\0';
    hugi_rc rc = hugi_complaint_tax_add_category(c->t, key, critical, NULL, err);
    if (rc != HUGI_OK && err)
        snprintf(err->where, sizeof err->where, "%s", where);
    return rc;
}

struct pat_ctx {
    struct hugi_complaint_tax *t;
    int idx;
};

static hugi_rc pat_line(void *vctx, const char *l, size_t len, const char *where,
                        struct hugi_err *err)
{
    struct pat_ctx *c = vctx;
    const char *tab = memchr(l, '\t', len); /* anything after a tab is a note */
    if (tab)
        len = (size_t)(tab - l);
    return hugi_complaint_tax_add_pattern(c->t, c->idx, l, len, where, err);
}

hugi_rc hugi_complaint_tax_load(struct hugi_complaint_tax **out, const char *dir,
                                struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    if (!t)
        return hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    struct hugi_buf path;
    hugi_buf_init(&path, 4096);
    hugi_rc rc = hugi_buf_addf(&path, "%s/categories.tsv", dir);
    if (rc == HUGI_OK) {
        struct cat_ctx cc = {t};
        rc = each_line(path.data, cat_line, &cc, err);
    } else {
        hugi_err_set(err, rc, dir, "path too long");
    }
    for (int i = 0; rc == HUGI_OK && i < t->ncats; i++) {
        hugi_buf_reset(&path);
        rc = hugi_buf_addf(&path, "%s/%s.tsv", dir, t->cats[i].key);
        if (rc != HUGI_OK) {
            hugi_err_set(err, rc, dir, "path too long");
            break;
        }
        struct pat_ctx pc = {t, i};
        rc = each_line(path.data, pat_line, &pc, err);
    }
    hugi_buf_release(&path);
    if (rc != HUGI_OK) {
        hugi_complaint_tax_free(t);
        return rc;
    }
    *out = t;
    return HUGI_OK;
}

/* ---- matching ---------------------------------------------------------------------------- */

void hugi_complaint_match_init(struct hugi_complaint_match *m)
{
    memset(m, 0, sizeof *m);
    hugi_buf_init(&m->fold, 0);
}

void hugi_complaint_match_release(struct hugi_complaint_match *m)
{
    free(m->spans);
    free(m->map_start);
    free(m->map_end);
    hugi_buf_release(&m->fold);
    memset(m, 0, sizeof *m);
}

/* English words that negate what follows within their clause. */
static bool is_neg_word(const char *w, size_t n)
{
    static const char *const words[] = {"not",   "never",  "no",     "without", "hardly", "dont",
                                        "didnt", "doesnt", "wasnt",  "isnt",    "wont",   "cant",
                                        "arent", "werent", "havent", "hasnt",   "nothing"};
    if (n >= 3 && memcmp(w + n - 3, "n't", 3) == 0)
        return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return true;
    return false;
}

/* Up to three words before `pos`, stopping at clause punctuation. */
static bool latin_negated(const char *f, size_t pos)
{
    size_t i = pos;
    for (int words = 0; words < 3; words++) {
        while (i > 0 && f[i - 1] == ' ')
            i--;
        if (i == 0)
            return false;
        unsigned char c = (unsigned char)f[i - 1];
        if (!is_alnum(c) && c != '\'')
            return false; /* ".", ",", "!", Hangul...: the clause ends */
        size_t e = i;
        while (i > 0 && (is_alnum((unsigned char)f[i - 1]) || f[i - 1] == '\''))
            i--;
        if (is_neg_word(f + i, e - i))
            return true;
    }
    return false;
}

static bool starts(const char *f, size_t flen, size_t pos, const char *s)
{
    size_t n = strlen(s);
    return pos + n <= flen && memcmp(f + pos, s, n) == 0;
}

/* Korean: "안 짜요" (안/못 right before), or the hit followed, after particles and fillers, by
 * 없 / 않 / 안 나 ("불량 없어요", "늦지 않았어요", "오류 안 나요"). */
static bool hangul_negated(const char *f, size_t flen, size_t s, size_t e)
{
    if (s >= 3 && (memcmp(f + s - 3, "안", 3) == 0 || memcmp(f + s - 3, "못", 3) == 0))
        return true;
    static const char *const fill[] = {"하나도", "전혀", "현상", "문제", "같은건", "같은거",
                                       "이나",   "은",   "는",   "이",   "가",     "도",
                                       "을",     "를",   "지",   "진",   "지도",   "지는"};
    size_t p = e;
    for (int k = 0; k < 3; k++) {
        bool moved = false;
        for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++) {
            if (starts(f, flen, p, fill[i])) {
                p += strlen(fill[i]);
                moved = true;
                break;
            }
        }
        if (starts(f, flen, p, "없") || starts(f, flen, p, "않") || starts(f, flen, p, "안나") ||
            starts(f, flen, p, "안났") || starts(f, flen, p, "안생") || starts(f, flen, p, "안남"))
            return true;
        if (!moved)
            break;
    }
    return false;
}

struct hit {
    size_t s, e;
    uint16_t cat;
    uint16_t flags;
};

static int hit_cmp(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->cat != y->cat)
        return x->cat < y->cat ? -1 : 1;
    return x->e > y->e ? -1 : (x->e < y->e ? 1 : 0);
}

#define MAX_HITS 256

hugi_rc hugi_complaint_categorize(const struct hugi_complaint_tax *t, const char *text, size_t len,
                                  struct hugi_complaint_match *m, struct hugi_err *err)
{
    m->cats = 0;
    m->nspans = 0;
    if (len > MAX_TEXT)
        len = hugi_utf8_prefix(text, MAX_TEXT, MAX_TEXT);
    if (hugi_complaint_fold_(text, len, &m->fold, &m->map_start, &m->map_end, &m->map_cap) !=
        HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    const char *f = m->fold.data;
    size_t flen = m->fold.len;
    struct hit hits[MAX_HITS];
    size_t nh = 0;
    uint64_t excl_cats = 0;
    for (size_t i = 0; i + 1 < flen && nh < MAX_HITS; i++) {
        unsigned char c0 = (unsigned char)f[i];
        if ((c0 & 0xc0) == 0x80)
            continue; /* patterns start on a code point */
        unsigned b = (c0 << 8) | (unsigned char)f[i + 1];
        for (int32_t pi = t->bucket[b]; pi >= 0 && nh < MAX_HITS; pi = t->pats[pi].next) {
            const struct pattern *p = &t->pats[pi];
            if (p->len > flen - i || memcmp(f + i, p->s, p->len) != 0)
                continue;
            size_t e = i + p->len;
            if (p->flags & PAT_LATIN) {
                if (i > 0 && is_alnum((unsigned char)f[i - 1]))
                    continue;
                if (!(p->flags & PAT_PREFIX) && e < flen && is_alnum((unsigned char)f[e]))
                    continue;
            }
            if (!(p->flags & (PAT_NEGATED | PAT_EXCLUDE))) {
                bool neg =
                    (p->flags & PAT_LATIN) ? latin_negated(f, i) : hangul_negated(f, flen, i, e);
                if (neg)
                    continue;
            }
            if (p->flags & PAT_EXCLUDE)
                excl_cats |= (uint64_t)1 << p->cat;
            hits[nh].s = i;
            hits[nh].e = e;
            hits[nh].cat = p->cat;
            hits[nh].flags = p->flags;
            nh++;
        }
    }
    /* drop hits inside an exclusion of their category ("진짜" is not "짜") */
    size_t keep = 0;
    for (size_t i = 0; i < nh; i++) {
        if (hits[i].flags & PAT_EXCLUDE)
            continue;
        bool excluded = false;
        if (excl_cats & ((uint64_t)1 << hits[i].cat)) {
            for (size_t j = 0; j < nh && !excluded; j++)
                excluded = (hits[j].flags & PAT_EXCLUDE) && hits[j].cat == hits[i].cat &&
                           hits[j].s <= hits[i].s && hits[j].e >= hits[i].e;
        }
        if (!excluded)
            hits[keep++] = hits[i];
    }
    nh = keep;
    qsort(hits, nh, sizeof hits[0], hit_cmp);
    if (m->cap < nh) {
        struct hugi_complaint_span *ns = realloc(m->spans, nh * sizeof *ns);
        if (!ns)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        m->spans = ns;
        m->cap = nh;
    }
    for (size_t i = 0; i < nh; i++) {
        /* one span per category where hits overlap: keep the first, widen it */
        bool merged = false;
        for (size_t j = m->nspans; j-- > 0;) {
            struct hugi_complaint_span *sp = &m->spans[j];
            if (sp->cat == hits[i].cat && m->map_start[hits[i].s] < sp->end) {
                size_t oe = m->map_end[hits[i].e - 1];
                if (oe > sp->end)
                    sp->end = oe;
                merged = true;
                break;
            }
        }
        if (merged)
            continue;
        struct hugi_complaint_span *sp = &m->spans[m->nspans++];
        sp->cat = hits[i].cat;
        sp->start = m->map_start[hits[i].s];
        sp->end = m->map_end[hits[i].e - 1];
        m->cats |= (uint64_t)1 << hits[i].cat;
    }
    return HUGI_OK;
}

hugi_rc hugi_complaint_cats_json(const struct hugi_complaint_tax *t, uint64_t cats,
                                 struct hugi_buf *out)
{
    hugi_rc rc = hugi_buf_addc(out, '[');
    bool first = true;
    for (int i = 0; rc == HUGI_OK && i < t->ncats; i++) {
        if (!(cats & ((uint64_t)1 << i)))
            continue;
        if (!first)
            rc = hugi_buf_addc(out, ',');
        first = false;
        if (rc == HUGI_OK)
            rc = hugi_json_strz(out, t->cats[i].key);
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(out, ']');
    return rc;
}

hugi_rc hugi_complaint_evidence_json(const struct hugi_complaint_tax *t,
                                     const struct hugi_complaint_match *m, const char *text,
                                     size_t len, struct hugi_buf *out)
{
    hugi_rc rc = hugi_buf_addc(out, '[');
    for (size_t i = 0; rc == HUGI_OK && i < m->nspans; i++) {
        const struct hugi_complaint_span *sp = &m->spans[i];
        if (sp->end > len || sp->start > sp->end)
            continue;
        rc = hugi_buf_addf(out, "%s{\"category\":", i ? "," : "");
        if (rc == HUGI_OK)
            rc = hugi_json_strz(out, t->cats[sp->cat].key);
        if (rc == HUGI_OK)
            rc = hugi_buf_addf(out, ",\"start\":%zu,\"end\":%zu,\"text\":", sp->start, sp->end);
        if (rc == HUGI_OK)
            rc = hugi_json_str(out, text + sp->start, sp->end - sp->start);
        if (rc == HUGI_OK)
            rc = hugi_buf_addc(out, '}');
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(out, ']');
    return rc;
}

/* A small scanner for the arrays this stage writes and the scorer's categories_json: strings
 * and objects with a "category" (or "key") string member; anything else is skipped. */
static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* Reads a JSON string at s[i] == '"'; sets [*a, *b) to its raw bytes (escapes left as they are:
 * category keys are plain ASCII). Returns the index after it, or 0 on error. */
static size_t scan_string(const char *s, size_t len, size_t i, size_t *a, size_t *b)
{
    i++;
    *a = i;
    while (i < len && s[i] != '"') {
        if (s[i] == '\\')
            i++;
        i++;
    }
    if (i >= len)
        return 0;
    *b = i;
    return i + 1;
}

hugi_rc hugi_complaint_cats_parse(const struct hugi_complaint_tax *t, const char *json, size_t len,
                                  uint64_t *cats, int *unknown, struct hugi_err *err)
{
    *cats = 0;
    if (unknown)
        *unknown = 0;
    size_t i = skip_ws(json, len, 0);
    if (i == len)
        return HUGI_OK;
    if (json[i] != '[')
        return hugi_err_set(err, HUGI_E_PARSE, "$", "expected an array");
    i++;
    int depth = 1;
    bool want_value = false; /* inside an object: the next string is the category value */
    while (i < len && depth > 0) {
        i = skip_ws(json, len, i);
        if (i >= len)
            break;
        char c = json[i];
        if (c == '"') {
            size_t a, b;
            size_t ni = scan_string(json, len, i, &a, &b);
            if (ni == 0)
                return hugi_err_set(err, HUGI_E_PARSE, "$", "unterminated string");
            size_t after = skip_ws(json, len, ni);
            bool is_member_name = after < len && json[after] == ':';
            if (is_member_name) {
                want_value = depth == 2 && ((b - a == 8 && memcmp(json + a, "category", 8) == 0) ||
                                            (b - a == 3 && memcmp(json + a, "key", 3) == 0));
                i = after + 1;
                continue;
            }
            if (depth == 1 || want_value) {
                int idx = hugi_complaint_tax_find(t, json + a, b - a);
                if (idx >= 0)
                    *cats |= (uint64_t)1 << idx;
                else if (unknown)
                    (*unknown)++;
            }
            want_value = false;
            i = ni;
            continue;
        }
        if (c == '[' || c == '{')
            depth++;
        else if (c == ']' || c == '}')
            depth--;
        i++;
    }
    if (depth != 0)
        return hugi_err_set(err, HUGI_E_PARSE, "$", "unterminated array");
    return HUGI_OK;
}
