/* SPDX-License-Identifier: MIT
 * textmatch: the normaliser (any bytes → folded UTF-8 with a map back to the original), the
 * lexicon TSV loader and an Aho-Corasick automaton over code points, plus the negation test.
 * The scorer (sent.c) and other stages build on it; it knows nothing of sentiment weights.
 */
#include "hugi/textmatch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NONE UINT32_MAX

/* ---- normaliser -------------------------------------------------------------------------- */

void hugi_tm_text_init(struct hugi_tm_text *t)
{
    memset(t, 0, sizeof(*t));
}

void hugi_tm_text_release(struct hugi_tm_text *t)
{
    if (!t)
        return;
    free(t->s);
    free(t->orig);
    memset(t, 0, sizeof(*t));
}

static bool reserve(struct hugi_tm_text *t, size_t need)
{
    if (need + 1 <= t->cap)
        return true;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < need + 1)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s)
        return false;
    t->s = s;
    uint32_t *o = realloc(t->orig, cap * sizeof(*o));
    if (!o)
        return false;
    t->orig = o;
    t->cap = cap;
    return true;
}

static bool is_hangul(uint32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3131 && cp <= 0x318E) ||
           (cp >= 0x1100 && cp <= 0x11FF);
}

bool hugi_tm_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (is_hangul(cp))
        return true;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_space_cp(uint32_t cp)
{
    return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || cp == 0 || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Code points dropped outright: zero-width characters and variation selectors, so that an emoji
 * with VS16 matches the entry without it. */
static bool is_dropped_cp(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0xAD;
}

struct emitter {
    struct hugi_tm_text *t;
    uint32_t last;
    int run;
};

static bool emit(struct emitter *e, uint32_t cp, uint32_t from)
{
    struct hugi_tm_text *t = e->t;
    if (cp == ' ') {
        if (t->len == 0 || e->last == ' ')
            return true;
    } else if (cp == e->last) {
        if (++e->run > 2) {
            if (e->run == 3)
                t->nelong++;
            return true;
        }
    } else {
        e->run = 1;
    }
    e->last = cp;
    if (!reserve(t, t->len + 4))
        return false;
    char buf[4];
    size_t n = hugi_utf8_encode(cp, buf);
    for (size_t i = 0; i < n; i++) {
        t->s[t->len] = buf[i];
        t->orig[t->len] = from;
        t->len++;
    }
    if (is_hangul(cp))
        t->nhangul++;
    else if (cp < 0x80 && cp >= 'a' && cp <= 'z')
        t->nlatin++;
    return true;
}

hugi_rc hugi_tm_normalize(struct hugi_tm_text *t, const char *s, size_t len, struct hugi_err *err)
{
    t->len = 0;
    t->nbad = t->nelong = t->nhangul = t->nlatin = t->nupper = 0;
    if (len > HUGI_TM_MAX_INPUT)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "text of %zu bytes is too long", len);
    if (!reserve(t, len + 4))
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot normalise text");
    struct emitter e = {t, NONE, 0};
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t from = (uint32_t)i;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            if (c >= 'A' && c <= 'Z') {
                t->nupper++;
                c = (unsigned char)(c + 32);
            } else if (c < 0x20 || c == 0x7F) {
                c = ' ';
            }
            if (!emit(&e, c, from))
                goto oom;
            continue;
        }
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            t->nbad++;
            i++;
            if (!emit(&e, 0xFFFD, from))
                goto oom;
            continue;
        }
        i += n;
        if (is_hangul(cp) && !(cp >= 0x1100 && cp <= 0x11FF)) {
            if (!emit(&e, cp, from))
                goto oom;
            continue;
        }
        if (is_space_cp(cp)) {
            if (!emit(&e, ' ', from))
                goto oom;
            continue;
        }
        if (is_dropped_cp(cp))
            continue;
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0xFF07) {
            if (!emit(&e, '\'', from))
                goto oom;
            continue;
        }
        if (cp == 0x201C || cp == 0x201D || cp == 0x201F || cp == 0x2033 || cp == 0xFF02) {
            if (!emit(&e, '"', from))
                goto oom;
            continue;
        }
        utf8proc_int32_t dst[24];
        int last_bc = 0;
        utf8proc_ssize_t m =
            utf8proc_decompose_char((utf8proc_int32_t)cp, dst, 24,
                                    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                        UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
                                    &last_bc);
        if (m < 0 || m > 24) {
            if (!emit(&e, cp, from))
                goto oom;
            continue;
        }
        for (utf8proc_ssize_t k = 0; k < m; k++) {
            uint32_t d = (uint32_t)dst[k];
            if (is_space_cp(d))
                d = ' ';
            else if (d >= 'A' && d <= 'Z')
                d += 32;
            if (!emit(&e, d, from))
                goto oom;
        }
    }
    if (t->len > 0 && t->s[t->len - 1] == ' ')
        t->len--;
    t->s[t->len] = '\0';
    t->orig[t->len] = (uint32_t)len;
    return HUGI_OK;
oom:
    t->len = 0;
    return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot normalise text");
}

/* ---- dictionary -------------------------------------------------------------------------- */

struct edge {
    uint32_t node; /* from; UINT32_MAX = empty slot */
    uint32_t cp;
    uint32_t to;
};

/* One cache line fetch per state: the failure link, the first entry ending here and the next
 * state on the failure chain that has entries. */
struct node {
    uint32_t fail, out, dlink;
    uint32_t ofirst; /* this state's entries: olist[ofirst .. ofirst + (on & 0x7FFF)) */
    uint16_t on;     /* count; 0x8000 = all of kind ANY (no word-bound test needed) */
    uint16_t len;    /* their term's length in bytes */
    uint32_t cfirst; /* children: states cfirst .. cfirst + cn - 1 (breadth-first numbering) */
    uint32_t cn;
};

/* States with more children than this find them through the hash table; fewer are scanned. */
#define SMALL_FANOUT 12

struct hugi_tm_dict {
    struct hugi_tm_entry *ent;
    uint32_t *term_off; /* before build: offsets into chars */
    uint32_t *tag_off;
    size_t nent, capent;
    struct hugi_buf chars;
    struct hugi_tm_text tmp; /* normalising terms */
    bool built;
    /* automaton */
    uint32_t nnode;
    struct node *nodes;
    uint32_t *labels; /* the code point that leads into each state */
    uint32_t *olist;
    uint32_t *root; /* dense root transitions for cp < ROOT_DENSE */
    struct edge *edges;
    size_t edge_mask; /* slots - 1 */
};

#define ROOT_DENSE 0x10000u

struct hugi_tm_dict *hugi_tm_dict_new(void)
{
    struct hugi_tm_dict *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    hugi_buf_init(&d->chars, 0);
    hugi_tm_text_init(&d->tmp);
    return d;
}

void hugi_tm_dict_free(struct hugi_tm_dict *d)
{
    if (!d)
        return;
    free(d->ent);
    free(d->term_off);
    free(d->tag_off);
    hugi_buf_release(&d->chars);
    hugi_tm_text_release(&d->tmp);
    free(d->nodes);
    free(d->labels);
    free(d->olist);
    free(d->root);
    free(d->edges);
    free(d);
}

size_t hugi_tm_dict_count(const struct hugi_tm_dict *d)
{
    return d->nent;
}

const struct hugi_tm_entry *hugi_tm_dict_entry(const struct hugi_tm_dict *d, uint32_t id)
{
    return id < d->nent ? &d->ent[id] : NULL;
}

const struct hugi_tm_entry *hugi_tm_dict_entries(const struct hugi_tm_dict *d)
{
    return d->ent;
}

void hugi_tm_dict_set_weight(struct hugi_tm_dict *d, uint32_t id, float weight)
{
    if (id < d->nent)
        d->ent[id].weight = weight;
}

static int default_kind(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return HUGI_TM_EXACT;
        if (is_hangul(cp))
            return HUGI_TM_ANY;
        i += n;
    }
    return HUGI_TM_EXACT;
}

hugi_rc hugi_tm_dict_add(struct hugi_tm_dict *d, const char *term, size_t len, float weight,
                         int kind, enum hugi_tm_role role, const char *tag, struct hugi_err *err)
{
    if (d->built)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "dictionary already built");
    if ((unsigned)role >= HUGI_TM_ROLE_COUNT_ || kind > HUGI_TM_EXACT)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "bad kind or role");
    hugi_rc rc = hugi_tm_normalize(&d->tmp, term, len, err);
    if (rc != HUGI_OK)
        return rc;
    if (d->tmp.len == 0)
        return hugi_err_set(err, HUGI_E_PARSE, NULL, "empty term");
    if (d->tmp.len > 1024)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "term longer than 1024 bytes");
    if (d->nent >= (size_t)NONE - 1 || d->chars.len > (size_t)NONE / 2)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "too many entries");
    if (d->nent == d->capent) {
        size_t cap = d->capent ? d->capent * 2 : 1024;
        struct hugi_tm_entry *e = realloc(d->ent, cap * sizeof(*e));
        if (!e)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot add entry");
        d->ent = e;
        uint32_t *o = realloc(d->term_off, cap * sizeof(*o));
        if (!o)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot add entry");
        d->term_off = o;
        o = realloc(d->tag_off, cap * sizeof(*o));
        if (!o)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot add entry");
        d->tag_off = o;
        d->capent = cap;
    }
    struct hugi_tm_entry *e = &d->ent[d->nent];
    memset(e, 0, sizeof(*e));
    e->len = (uint32_t)d->tmp.len;
    e->kind = (uint16_t)(kind < 0 ? default_kind(d->tmp.s, d->tmp.len) : kind);
    e->role = (uint16_t)role;
    e->weight = weight;
    e->next_same = NONE;
    d->term_off[d->nent] = (uint32_t)d->chars.len;
    if (hugi_buf_add(&d->chars, d->tmp.s, d->tmp.len + 1) != HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot add entry");
    d->tag_off[d->nent] = NONE;
    if (tag) {
        d->tag_off[d->nent] = (uint32_t)d->chars.len;
        if (hugi_buf_add(&d->chars, tag, strlen(tag) + 1) != HUGI_OK)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot add entry");
    }
    d->nent++;
    return HUGI_OK;
}

static const struct {
    const char *name;
    int kind;
    int role;
    uint32_t flag;
} flag_names[] = {
    {"any", HUGI_TM_ANY, -1, 0},
    {"prefix", HUGI_TM_PREFIX, -1, 0},
    {"suffix", HUGI_TM_SUFFIX, -1, 0},
    {"exact", HUGI_TM_EXACT, -1, 0},
    {"pol", -1, HUGI_TM_POL, 0},
    {"negator", -1, HUGI_TM_NEGATOR, 0},
    {"negator-post", -1, HUGI_TM_NEGATOR_POST, 0},
    {"booster", -1, HUGI_TM_BOOSTER, 0},
    {"dampener", -1, HUGI_TM_DAMPENER, 0},
    {"contrast", -1, HUGI_TM_CONTRAST, 0},
    {"tag", -1, HUGI_TM_TAG, 0},
    {"learned", -1, -1, HUGI_TM_F_LEARNED},
    {"rule", -1, -1, HUGI_TM_F_RULE},
    {"negated", -1, -1, HUGI_TM_F_NEGATED},
};

/* One TSV line (without its end of line) into d. */
static hugi_rc load_line(struct hugi_tm_dict *d, const char *p, size_t n, const char *where,
                         struct hugi_err *err)
{
    const char *tab1 = memchr(p, '\t', n);
    if (!tab1)
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected term<TAB>weight");
    size_t tlen = (size_t)(tab1 - p);
    const char *w = tab1 + 1;
    size_t rest = n - tlen - 1;
    const char *tab2 = memchr(w, '\t', rest);
    size_t wlen = tab2 ? (size_t)(tab2 - w) : rest;
    const char *fl = tab2 ? tab2 + 1 : NULL;
    size_t fllen = tab2 ? rest - wlen - 1 : 0;
    if (fl && memchr(fl, '\t', fllen))
        return hugi_err_set(err, HUGI_E_PARSE, where, "too many fields (want term, weight, flags)");
    char num[64];
    if (wlen == 0 || wlen >= sizeof(num))
        return hugi_err_set(err, HUGI_E_PARSE, where, "missing or overlong weight");
    memcpy(num, w, wlen);
    num[wlen] = '\0';
    char *end = NULL;
    errno = 0;
    double v = strtod(num, &end);
    if (errno || end == num || *end != '\0' || !(v > -1e6 && v < 1e6))
        return hugi_err_set(err, HUGI_E_PARSE, where, "bad weight '%s'", num);
    int kind = -1;
    int role = HUGI_TM_POL;
    uint32_t flags = 0;
    char tagbuf[128];
    const char *tag = NULL;
    while (fl && fllen > 0) {
        const char *comma = memchr(fl, ',', fllen);
        size_t flen = comma ? (size_t)(comma - fl) : fllen;
        while (flen > 0 && (*fl == ' ')) {
            fl++;
            flen--;
            fllen--;
        }
        while (flen > 0 && fl[flen - 1] == ' ')
            flen--;
        if (flen > 4 && !memcmp(fl, "tag=", 4)) {
            if (flen - 4 >= sizeof(tagbuf))
                return hugi_err_set(err, HUGI_E_PARSE, where, "tag too long");
            memcpy(tagbuf, fl + 4, flen - 4);
            tagbuf[flen - 4] = '\0';
            tag = tagbuf;
        } else if (flen > 0) {
            size_t k = 0;
            for (; k < sizeof(flag_names) / sizeof(flag_names[0]); k++)
                if (strlen(flag_names[k].name) == flen && !memcmp(flag_names[k].name, fl, flen))
                    break;
            if (k == sizeof(flag_names) / sizeof(flag_names[0]))
                return hugi_err_set(err, HUGI_E_PARSE, where, "unknown flag '%.*s'",
                                    (int)(flen > 40 ? 40 : flen), fl);
            if (flag_names[k].kind >= 0)
                kind = flag_names[k].kind;
            if (flag_names[k].role >= 0)
                role = flag_names[k].role;
            flags |= flag_names[k].flag;
        }
        if (!comma)
            break;
        fllen -= (size_t)(comma - fl) + 1;
        fl = comma + 1;
    }
    if (tlen == 0)
        return hugi_err_set(err, HUGI_E_PARSE, where, "empty term");
    hugi_rc rc = hugi_tm_dict_add(d, p, tlen, (float)v, kind, (enum hugi_tm_role)role, tag, err);
    if (rc != HUGI_OK) {
        char msg[256];
        snprintf(msg, sizeof(msg), "%s", err ? err->msg : "cannot add entry");
        return hugi_err_set(err, rc, where, "%s", msg);
    }
    d->ent[d->nent - 1].flags = flags;
    return HUGI_OK;
}

hugi_rc hugi_tm_dict_load_mem(struct hugi_tm_dict *d, const char *data, size_t len,
                              const char *name, struct hugi_err *err)
{
    if (d->built)
        return hugi_err_set(err, HUGI_E_USAGE, name, "dictionary already built");
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    unsigned long line = 0;
    while (i < len) {
        line++;
        const char *p = data + i;
        const char *nl = memchr(p, '\n', len - i);
        size_t n = nl ? (size_t)(nl - p) : len - i;
        i += n + (nl ? 1 : 0);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        size_t k = 0;
        while (k < n && (p[k] == ' '))
            k++;
        if (k == n || p[k] == '#')
            continue;
        char where[256];
        snprintf(where, sizeof(where), "%s:%lu", name ? name : "lexicon", line);
        if (memchr(p, '\0', n))
            return hugi_err_set(err, HUGI_E_PARSE, where, "NUL byte in line");
        if (!hugi_utf8_valid(p, n))
            return hugi_err_set(err, HUGI_E_ENCODING, where, "invalid UTF-8");
        hugi_rc rc = load_line(d, p, n, where, err);
        if (rc != HUGI_OK)
            return rc;
        d->ent[d->nent - 1].line = (uint32_t)line;
    }
    return HUGI_OK;
}

hugi_rc hugi_tm_dict_load_file(struct hugi_tm_dict *d, const char *path, struct hugi_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        hugi_err_set(err, HUGI_E_IO, path, "cannot open lexicon: %s", strerror(errno));
        if (err)
            err->sys_errno = errno;
        return HUGI_E_IO;
    }
    struct hugi_buf b;
    hugi_buf_init(&b, (size_t)256 << 20);
    char chunk[65536];
    size_t n;
    hugi_rc rc = HUGI_OK;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        rc = hugi_buf_add(&b, chunk, n);
        if (rc != HUGI_OK)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (rc != HUGI_OK) {
        hugi_buf_release(&b);
        return hugi_err_set(err, rc, path, "cannot read lexicon (over 256 MiB?)");
    }
    if (bad) {
        hugi_buf_release(&b);
        return hugi_err_set(err, HUGI_E_IO, path, "cannot read lexicon");
    }
    rc = hugi_tm_dict_load_mem(d, b.data ? b.data : "", b.len, path, err);
    hugi_buf_release(&b);
    return rc;
}

/* ---- automaton --------------------------------------------------------------------------- */

static inline size_t edge_hash(uint32_t node, uint32_t cp, size_t mask)
{
    uint64_t key = ((uint64_t)node << 21) ^ cp;
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 29) & mask;
}

static inline uint32_t edge_get(const struct hugi_tm_dict *d, uint32_t node, uint32_t cp)
{
    if (node == 0 && cp < ROOT_DENSE)
        return d->root[cp];
    size_t h = edge_hash(node, cp, d->edge_mask);
    for (;;) {
        const struct edge *e = &d->edges[h];
        if (e->node == node && e->cp == cp)
            return e->to;
        if (e->node == NONE)
            return NONE;
        h = (h + 1) & d->edge_mask;
    }
}

static void edge_put(struct hugi_tm_dict *d, uint32_t node, uint32_t cp, uint32_t to)
{
    if (node == 0 && cp < ROOT_DENSE) {
        d->root[cp] = to;
        return;
    }
    size_t h = edge_hash(node, cp, d->edge_mask);
    while (d->edges[h].node != NONE)
        h = (h + 1) & d->edge_mask;
    d->edges[h].node = node;
    d->edges[h].cp = cp;
    d->edges[h].to = to;
}

static inline uint32_t dec(const unsigned char *s, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    /* three-byte forms (all Hangul) are the common case in normalised text */
    if ((c & 0xF0) == 0xE0 && (s[*i + 1] & 0xC0) == 0x80 && (s[*i + 2] & 0xC0) == 0x80) {
        uint32_t cp = ((c & 0x0Fu) << 12) | ((s[*i + 1] & 0x3Fu) << 6) | (s[*i + 2] & 0x3Fu);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *i += 3;
            return cp;
        }
    }
    uint32_t cp;
    size_t n = hugi_utf8_decode((const char *)s + *i, 4, &cp);
    if (n == 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += n;
    return cp;
}

hugi_rc hugi_tm_dict_build(struct hugi_tm_dict *d, struct hugi_err *err)
{
    if (d->built)
        return HUGI_OK;
    /* Fix term pointers now that chars no longer moves. */
    for (size_t i = 0; i < d->nent; i++) {
        d->ent[i].term = d->chars.data + d->term_off[i];
        d->ent[i].tag = d->tag_off[i] == NONE ? NULL : d->chars.data + d->tag_off[i];
    }
    size_t maxnodes = 2; /* upper bound: one node per term code point */
    for (size_t i = 0; i < d->nent; i++)
        maxnodes += hugi_utf8_ncp(d->ent[i].term, d->ent[i].len);
    if (maxnodes >= (1u << 30))
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "dictionary too large");
    d->nodes = malloc(maxnodes * sizeof(struct node));
    d->root = malloc(ROOT_DENSE * sizeof(uint32_t));
    uint32_t *first_child = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *sibling = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *label = malloc(maxnodes * sizeof(uint32_t));
    size_t slots = 64;
    while (slots < maxnodes + maxnodes / 2)
        slots *= 2;
    d->edges = malloc(slots * sizeof(struct edge));
    d->edge_mask = slots - 1;
    if (d->edges)
        memset(d->edges, 0xFF, slots * sizeof(struct edge));
    if (!d->nodes || !d->root || !first_child || !sibling || !label || !d->edges) {
        free(first_child);
        free(sibling);
        free(label);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
    }
    for (uint32_t i = 0; i < ROOT_DENSE; i++)
        d->root[i] = NONE;
    d->nnode = 1;
    d->nodes[0].fail = 0;
    d->nodes[0].out = NONE;
    d->nodes[0].dlink = NONE;
    first_child[0] = NONE;
    sibling[0] = NONE;
    for (size_t i = 0; i < d->nent; i++) {
        const unsigned char *s = (const unsigned char *)d->ent[i].term;
        uint32_t node = 0;
        size_t k = 0;
        while (k < d->ent[i].len) {
            uint32_t cp = dec(s, &k);
            uint32_t nx = edge_get(d, node, cp);
            if (nx == NONE) {
                nx = d->nnode++;
                d->nodes[nx].out = NONE;
                d->nodes[nx].dlink = NONE;
                d->nodes[nx].fail = 0;
                first_child[nx] = NONE;
                label[nx] = cp;
                sibling[nx] = first_child[node];
                first_child[node] = nx;
                edge_put(d, node, cp, nx);
            }
            node = nx;
        }
        /* Entries with the same term share the node; keep file order in the chain. */
        d->ent[i].next_same = NONE;
        if (d->nodes[node].out == NONE) {
            d->nodes[node].out = (uint32_t)i;
        } else {
            uint32_t j = d->nodes[node].out;
            while (d->ent[j].next_same != NONE)
                j = d->ent[j].next_same;
            d->ent[j].next_same = (uint32_t)i;
        }
    }
    /* Breadth-first failure links; `label` doubles as the queue after its use. */
    uint32_t *queue = malloc((size_t)d->nnode * sizeof(uint32_t));
    if (!queue) {
        free(first_child);
        free(sibling);
        free(label);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
    }
    size_t qh = 0, qt = 0;
    for (uint32_t c = first_child[0]; c != NONE; c = sibling[c]) {
        d->nodes[c].fail = 0;
        queue[qt++] = c;
    }
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (uint32_t c = first_child[u]; c != NONE; c = sibling[c]) {
            uint32_t f = d->nodes[u].fail;
            uint32_t nx;
            for (;;) {
                nx = edge_get(d, f, label[c]);
                if (nx != NONE || f == 0)
                    break;
                f = d->nodes[f].fail;
            }
            d->nodes[c].fail = (nx != NONE && nx != c) ? nx : 0;
            uint32_t fc = d->nodes[c].fail;
            d->nodes[c].dlink = d->nodes[fc].out != NONE ? fc : d->nodes[fc].dlink;
            queue[qt++] = c;
        }
    }
    /* Renumber the states breadth-first: the children of a state become one contiguous run,
     * so leaving a state with few children scans a few labels side by side (one cache line)
     * and lands on a state stored next to its siblings, instead of a hash probe and a second
     * miss. Only states with many children (and the root beyond its dense table) keep hash
     * edges, in a table small enough to stay in cache. */
    uint32_t nn = d->nnode;
    uint32_t *newid = malloc((size_t)nn * sizeof(uint32_t));
    struct node *nodes = malloc((size_t)nn * sizeof(struct node));
    d->labels = malloc((size_t)nn * sizeof(uint32_t));
    if (!newid || !nodes || !d->labels) {
        free(newid);
        free(nodes);
        free(queue);
        free(first_child);
        free(sibling);
        free(label);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
    }
    newid[0] = 0;
    for (size_t k = 0; k < qt; k++)
        newid[queue[k]] = (uint32_t)(k + 1);
    size_t nbig = 0;
    for (uint32_t old = 0; old < nn; old++) {
        uint32_t n = newid[old];
        nodes[n] = d->nodes[old];
        nodes[n].fail = newid[d->nodes[old].fail];
        nodes[n].dlink = d->nodes[old].dlink == NONE ? NONE : newid[d->nodes[old].dlink];
        d->labels[n] = old == 0 ? 0 : label[old];
        uint32_t cnt = 0;
        for (uint32_t c = first_child[old]; c != NONE; c = sibling[c])
            cnt++;
        nodes[n].cfirst = first_child[old] == NONE ? 0 : newid[first_child[old]];
        nodes[n].cn = cnt;
        if (n == 0 || cnt > SMALL_FANOUT)
            nbig += cnt;
    }
    free(d->nodes);
    d->nodes = nodes;
    for (uint32_t cp = 0; cp < ROOT_DENSE; cp++)
        if (d->root[cp] != NONE)
            d->root[cp] = newid[d->root[cp]];
    free(newid);
    free(d->edges);
    slots = 64;
    while (slots < nbig * 2)
        slots *= 2;
    d->edges = malloc(slots * sizeof(struct edge));
    d->edge_mask = slots - 1;
    if (!d->edges) {
        free(queue);
        free(first_child);
        free(sibling);
        free(label);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
    }
    memset(d->edges, 0xFF, slots * sizeof(struct edge));
    for (uint32_t n = 0; n < nn; n++) {
        const struct node *nd = &d->nodes[n];
        if (n != 0 && nd->cn <= SMALL_FANOUT)
            continue;
        for (uint32_t k = 0; k < nd->cn; k++) {
            uint32_t c = nd->cfirst + k;
            if (n == 0 && d->labels[c] < ROOT_DENSE)
                continue; /* in the dense root table */
            edge_put(d, n, d->labels[c], c);
        }
    }
    free(queue);
    free(first_child);
    free(sibling);
    free(label);
    /* Entries grouped per state, so the matching loop reads one small array instead of
     * chasing next_same through the (large) entry table. */
    d->olist = malloc((d->nent ? d->nent : 1) * sizeof(uint32_t));
    if (!d->olist)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
    uint32_t no = 0;
    for (uint32_t u = 0; u < d->nnode; u++) {
        struct node *nd = &d->nodes[u];
        nd->ofirst = no;
        nd->on = 0;
        nd->len = 0;
        bool any = true;
        for (uint32_t id = nd->out; id != NONE && nd->on < 0x7FFF; id = d->ent[id].next_same) {
            d->olist[no++] = id;
            nd->on++;
            nd->len = (uint16_t)d->ent[id].len;
            any = any && d->ent[id].kind == HUGI_TM_ANY;
        }
        if (nd->on && any)
            nd->on |= 0x8000;
    }
    hugi_tm_text_release(&d->tmp);
    d->built = true;
    return HUGI_OK;
}

/* A transition of the built automaton (breadth-first numbering), NONE when there is none. */
static inline uint32_t step(const struct hugi_tm_dict *d, uint32_t u, uint32_t cp)
{
    if (u == 0 && cp < ROOT_DENSE)
        return d->root[cp];
    const struct node *nd = &d->nodes[u];
    if (u == 0 || nd->cn > SMALL_FANOUT)
        return edge_get(d, u, cp);
    const uint32_t *l = d->labels + nd->cfirst;
    for (uint32_t k = 0; k < nd->cn; k++)
        if (l[k] == cp)
            return nd->cfirst + k;
    return NONE;
}

/* The code point ending just before byte i of s (i > 0), for word-bound checks. */
static uint32_t cp_before(const unsigned char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && (s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    size_t k = j;
    return dec(s, &k);
}

static bool bound_ok(const struct hugi_tm_entry *e, const unsigned char *s, size_t len,
                     size_t start, size_t end)
{
    if (e->kind == HUGI_TM_ANY)
        return true;
    const unsigned char *t = (const unsigned char *)e->term;
    if (e->kind == HUGI_TM_EXACT || e->kind == HUGI_TM_PREFIX) {
        size_t k = 0;
        if (start > 0 && hugi_tm_is_word_cp(dec(t, &k)) && hugi_tm_is_word_cp(cp_before(s, start)))
            return false;
    }
    if (e->kind == HUGI_TM_EXACT || e->kind == HUGI_TM_SUFFIX) {
        size_t k = end;
        if (end < len && hugi_tm_is_word_cp(cp_before(t, e->len)) && hugi_tm_is_word_cp(dec(s, &k)))
            return false;
    }
    return true;
}

size_t hugi_tm_match(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                     hugi_tm_match_fn fn, void *ctx)
{
    if (!d->built || !t->s || t->len == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)t->s;
    size_t len = t->len;
    size_t nmatch = 0;
    uint32_t state = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = dec(s, &i);
        uint32_t nx;
        for (;;) {
            nx = step(d, state, cp);
            if (nx != NONE || state == 0)
                break;
            state = d->nodes[state].fail;
        }
        state = nx == NONE ? 0 : nx;
        uint32_t node = d->nodes[state].on ? state : d->nodes[state].dlink;
        while (node != NONE && node != 0) {
            const struct node *nd = &d->nodes[node];
            size_t start = i - nd->len;
            bool any = (nd->on & 0x8000) != 0;
            const uint32_t *ids = d->olist + nd->ofirst;
            for (unsigned k = 0, n = nd->on & 0x7FFFu; k < n; k++) {
                if (!any && !bound_ok(&d->ent[ids[k]], s, len, start, i))
                    continue;
                struct hugi_tm_match m = {(uint32_t)start, (uint32_t)i, ids[k]};
                nmatch++;
                if (fn && fn(ctx, &m))
                    return nmatch;
            }
            node = nd->dlink;
        }
    }
    return nmatch;
}

uint32_t hugi_tm_dict_find(const struct hugi_tm_dict *d, const char *term, size_t len,
                           enum hugi_tm_role role)
{
    if (!d->built || len == 0)
        return NONE;
    const unsigned char *s = (const unsigned char *)term;
    uint32_t node = 0;
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        uint32_t cp;
        if (s[i] < 0x80) {
            cp = s[i];
            k++;
        } else {
            size_t n = hugi_utf8_decode(term + i, len - i, &cp);
            if (n == 0)
                return NONE;
            k += n;
        }
        i = k;
        node = step(d, node, cp);
        if (node == NONE)
            return NONE;
    }
    for (uint32_t id = d->nodes[node].out; id != NONE; id = d->ent[id].next_same)
        if (d->ent[id].role == role)
            return id;
    return NONE;
}

/* ---- negation ---------------------------------------------------------------------------- */

/* Words [ws, we) of s: bounded by spaces only for Korean eojeol, by non-word code points for
 * English tokens. */
static bool has_at(const char *s, size_t len, size_t at, const char *lit)
{
    if (at >= len || s[at] != lit[0])
        return false;
    size_t n = strlen(lit);
    return at + n <= len && !memcmp(s + at, lit, n);
}

static bool clause_break(unsigned char c)
{
    return c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == '\n';
}

static const char *const en_neg[] = {
    "not",    "no",      "never",   "cannot",  "without",  "nor",    "neither", "nobody",
    "none",   "nothing", "dont",    "doesnt",  "didnt",    "isnt",   "wasnt",   "arent",
    "werent", "cant",    "couldnt", "wouldnt", "shouldnt", "wont",   "aint",    "hardly",
    "barely", "havent",  "hasnt",   "hadnt",   "nowhere",  "neednt", "mustnt",  "lack",
    "lacks",  "lacked",  "lacking", "rarely",  "seldom",
};

static const char *const en_contrast[] = {"but", "however", "although", "though", "yet"};

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    /* every listed word is 2-8 bytes; most words of a text are not negators */
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == w[0] && strlen(list[i]) == n && !memcmp(list[i], w, n))
            return true;
    return false;
}

/* Korean post-negation: what follows a predicate stem to negate it. Checked at the start of
 * the rest of the word after the term and of the next word. */
static const char *const ko_post_rest[] = {"지않", "지 않", "지못",    "지 못",   "지도않",
                                           "진않", "진 않", "지는않",  "지도 않", "않",
                                           "없",   "아니",  "지 아니", "지도 못"};
static const char *const ko_post_next[] = {"않",   "없",   "아니",  "못하", "못해",
                                           "못했", "못함", "못 하", "몬"};

static enum hugi_tm_neg neg_before(const struct hugi_tm_text *t, uint32_t start,
                                   const struct hugi_tm_dict *d, struct hugi_tm_match *span)
{
    const char *s = t->s;
    /* Korean 안/못 glued to the term at a word start (안좋아요) or as the word before (안 좋). */
    if (start >= 3) {
        size_t a = start - 3;
        bool glued = (has_at(s, t->len, a, "안") || has_at(s, t->len, a, "못")) &&
                     (a == 0 || s[a - 1] == ' ');
        if (glued) {
            if (span)
                *span = (struct hugi_tm_match){(uint32_t)a, (uint32_t)start, NONE};
            return HUGI_TM_NEG_BEFORE;
        }
    }
    if (start >= 4 && s[start - 1] == ' ') {
        size_t a = start - 4;
        if ((has_at(s, t->len, a, "안") || has_at(s, t->len, a, "못")) &&
            (a == 0 || s[a - 1] == ' ')) {
            if (span)
                *span = (struct hugi_tm_match){(uint32_t)a, (uint32_t)(a + 3), NONE};
            return HUGI_TM_NEG_BEFORE;
        }
    }
    /* English: up to 3 words back, stopping at clause punctuation or a contrast word. */
    size_t i = start;
    for (int words = 0; words < 3 && i > 0;) {
        /* skip separators */
        while (i > 0 && !hugi_tm_is_word_cp(cp_before((const unsigned char *)s, i))) {
            if (clause_break((unsigned char)s[i - 1]))
                return HUGI_TM_NEG_NONE;
            i--;
        }
        if (i == 0)
            break;
        size_t we = i;
        while (i > 0 && hugi_tm_is_word_cp(cp_before((const unsigned char *)s, i)))
            i--;
        while (i < we && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        size_t ws = i;
        words++;
        size_t n = we - ws;
        bool neg = word_in(s + ws, n, en_neg, sizeof(en_neg) / sizeof(en_neg[0]));
        /* don't, isn't: the word "t" after "n'" */
        if (!neg && n == 1 && s[ws] == 't' && ws >= 2 && s[ws - 1] == '\'' && s[ws - 2] == 'n')
            neg = true;
        if (!neg && d)
            neg = hugi_tm_dict_find(d, s + ws, n, HUGI_TM_NEGATOR) != NONE;
        if (neg) {
            if (span)
                *span = (struct hugi_tm_match){(uint32_t)ws, (uint32_t)we, NONE};
            return HUGI_TM_NEG_BEFORE;
        }
        if (word_in(s + ws, n, en_contrast, sizeof(en_contrast) / sizeof(en_contrast[0])))
            return HUGI_TM_NEG_NONE;
        /* A Hangul word before that is not 안/못 ends the Korean window. */
        if (t->s[ws] & 0x80)
            return HUGI_TM_NEG_NONE;
    }
    return HUGI_TM_NEG_NONE;
}

static enum hugi_tm_neg neg_after(const struct hugi_tm_text *t, uint32_t end,
                                  const struct hugi_tm_dict *d, struct hugi_tm_match *span)
{
    const char *s = t->s;
    size_t len = t->len;
    /* rest of the word (at most 4 syllables looked at) */
    size_t we = end;
    while (we < len && s[we] != ' ' && !clause_break((unsigned char)s[we]))
        we++;
    for (size_t k = 0; k < sizeof(ko_post_rest) / sizeof(ko_post_rest[0]); k++) {
        size_t n = strlen(ko_post_rest[k]);
        /* allowed after 0-1 linking syllable (좋지는 않, 재미가 없) */
        for (size_t off = 0; off <= 3 && end + off <= len; off += 3) {
            if (has_at(s, len, end + off, ko_post_rest[k]) && end + off + n <= we + 6) {
                if (off == 3 && !(has_at(s, len, end, "가") || has_at(s, len, end, "이") ||
                                  has_at(s, len, end, "는") || has_at(s, len, end, "도") ||
                                  has_at(s, len, end, "지") || has_at(s, len, end, "하")))
                    continue;
                if (span)
                    *span = (struct hugi_tm_match){(uint32_t)(end + off), (uint32_t)(end + off + n),
                                                   NONE};
                return HUGI_TM_NEG_AFTER;
            }
        }
    }
    /* next word, when the rest of this one is short (좋은 건 아니다 is out of reach; 좋지 않다
     * and 재미 없다 are in) */
    if (we < len && s[we] == ' ' && we - end <= 6) {
        size_t nx = we + 1;
        for (size_t k = 0; k < sizeof(ko_post_next) / sizeof(ko_post_next[0]); k++) {
            if (has_at(s, len, nx, ko_post_next[k])) {
                if (span)
                    *span = (struct hugi_tm_match){(uint32_t)nx,
                                                   (uint32_t)(nx + strlen(ko_post_next[k])), NONE};
                return HUGI_TM_NEG_AFTER;
            }
        }
        if (d) {
            size_t ne = nx;
            while (ne < len && s[ne] != ' ')
                ne++;
            for (size_t e2 = ne; e2 > nx; e2--) {
                if (hugi_tm_dict_find(d, s + nx, e2 - nx, HUGI_TM_NEGATOR_POST) != NONE) {
                    if (span)
                        *span = (struct hugi_tm_match){(uint32_t)nx, (uint32_t)e2, NONE};
                    return HUGI_TM_NEG_AFTER;
                }
            }
        }
    }
    return HUGI_TM_NEG_NONE;
}

enum hugi_tm_neg hugi_tm_negated(const struct hugi_tm_text *t, uint32_t start, uint32_t end,
                                 const struct hugi_tm_dict *d, struct hugi_tm_match *span_out)
{
    if (!t->s || start > end || end > t->len)
        return HUGI_TM_NEG_NONE;
    if (d && !d->built)
        d = NULL;
    enum hugi_tm_neg r = neg_before(t, start, d, span_out);
    if (r != HUGI_TM_NEG_NONE)
        return r;
    /* Post-negation is Korean grammar: only after a Hangul term. */
    if (end > 0 && ((unsigned char)t->s[end - 1] & 0x80))
        return neg_after(t, end, d, span_out);
    return HUGI_TM_NEG_NONE;
}

enum hugi_tm_neg hugi_tm_negated_before(const struct hugi_tm_text *t, uint32_t start,
                                        const struct hugi_tm_dict *d, struct hugi_tm_match *span)
{
    if (!t->s || start > t->len)
        return HUGI_TM_NEG_NONE;
    return neg_before(t, start, d && d->built ? d : NULL, span);
}

enum hugi_tm_neg hugi_tm_negated_after(const struct hugi_tm_text *t, uint32_t end,
                                       const struct hugi_tm_dict *d, struct hugi_tm_match *span)
{
    if (!t->s || end > t->len)
        return HUGI_TM_NEG_NONE;
    return neg_after(t, end, d && d->built ? d : NULL, span);
}
