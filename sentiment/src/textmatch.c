/* SPDX-License-Identifier: MIT
 * textmatch: the normaliser (any bytes → folded UTF-8 with a map back to the original), the
 * lexicon TSV loader and an Aho-Corasick automaton over code points, plus the negation test.
 * The scorer (sent.c) and other stages build on it; it knows nothing of sentiment weights.
 */
/* MAP_POPULATE (Linux) for the image mapping */
#define _DEFAULT_SOURCE 1
#include "hugi/textmatch.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define NONE UINT32_MAX
/* the shortest phrase (syllables) that gets a spaceless twin (spaceless()) */
#ifndef SPACELESS_MIN_SYL
#define SPACELESS_MIN_SYL 3
#endif

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

static inline bool emit(struct emitter *e, uint32_t cp, uint32_t from)
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
    if (t->len + 5 > t->cap && !reserve(t, t->len + 4))
        return false;
    /* ASCII and the BMP below the surrogates (all Hangul) written directly: this runs for
     * every code point of every text */
    char *o = t->s + t->len;
    uint32_t *f = t->orig + t->len;
    if (cp < 0x80) {
        o[0] = (char)cp;
        f[0] = from;
        t->len++;
    } else if (cp >= 0x800 && cp < 0xD800) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        f[0] = f[1] = f[2] = from;
        t->len += 3;
    } else {
        char buf[4];
        size_t n = hugi_utf8_encode(cp, buf);
        for (size_t i = 0; i < n; i++) {
            t->s[t->len] = buf[i];
            t->orig[t->len] = from;
            t->len++;
        }
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        t->nhangul++;
    else if (is_hangul(cp))
        t->nhangul++;
    else if (cp < 0x80 && cp >= 'a' && cp <= 'z')
        t->nlatin++;
    return true;
}

/* Whether the text holds a verb of opinion after which a negator reaches further (neg_before):
 * looked up once per text, so that the common case (none) keeps the 3-word window. */
static bool word_in(const char *w, size_t n, const char *const *by_len, const uint16_t *lens);
static const char *const en_raise_by_len[9];

static const char *const en_neg_by_len[9];
static uint16_t en_neg_lens[26], en_raise_lens[26], en_contrast_lens[26];

/* One pass over the runs of a-z for t->raising and t->neg_en. The words neg_before reads are
 * runs of word code points from a word start, the first one cut at the offset it looks back
 * from (mid-word for an n-gram): a negator it finds (a listed one, or "t" after "n'") is a
 * prefix of a run of a-z, so neg_en false means it finds none. */
static void scan_en_words(struct hugi_tm_text *t)
{
    const char *s = t->s;
    size_t len = t->len;
    bool raising = false, neg = false;
    for (size_t i = 0; i < len && !(raising && neg);) {
        if (s[i] < 'a' || s[i] > 'z') {
            i++;
            continue;
        }
        size_t w = i;
        while (i < len && s[i] >= 'a' && s[i] <= 'z')
            i++;
        size_t n = i - w;
        raising =
            raising || (n >= 4 && n <= 7 && word_in(s + w, n, en_raise_by_len, en_raise_lens));
        neg = neg || (s[w] == 't' && w >= 2 && s[w - 1] == '\'' && s[w - 2] == 'n');
        /* the prefix lengths that some negator of this first letter has (en_neg_lens): most
         * words' first letters start none or one length, not the seven tried before */
        for (unsigned lm = en_neg_lens[s[w] - 'a'] >> 2, m = 2; lm && m <= n && m <= 8 && !neg;
             lm >>= 1, m++)
            if (lm & 1)
                neg = word_in(s + w, m, en_neg_by_len, en_neg_lens);
    }
    t->raising = raising;
    t->neg_en = neg;
}

hugi_rc hugi_tm_normalize(struct hugi_tm_text *t, const char *s, size_t len, struct hugi_err *err)
{
    t->len = 0;
    t->raising = t->neg_en = false;
    t->nbad = t->nelong = t->nhangul = t->nlatin = t->nupper = 0;
    if (len > HUGI_TM_MAX_INPUT)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "text of %zu bytes is too long", len);
    if (!reserve(t, len + 4))
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot normalise text");
    struct emitter e = {t, NONE, 0};
    size_t i = 0;
    const unsigned char *us = (const unsigned char *)s;
    while (i < len) {
        unsigned char c = us[i];
        uint32_t from = (uint32_t)i;
        uint32_t cp;
        /* The fast path for the bulk of reviews: precomposed Hangul syllables (EA B0 80 ..
         * ED 9E A3: NFKC-stable, copied as they are) and printable ASCII, with
         * emit()'s rules (runs cut to 2, case folded, counts) in line, no utf8proc, and the
         * output position in registers (stores through char pointers may alias *t). */
        if ((c >= 0xEA && c <= 0xED) || (c >= 0x20 && c < 0x7F)) {
            char *o = t->s;
            uint32_t *f = t->orig;
            size_t n = t->len, cap = t->cap;
            /* The run test compares keys: an ASCII byte, or a syllable's three bytes as one
             * number (EAB080 .. ED9EA3: above every code point, so no other one equals it). */
            uint32_t last = e.last;
            if (last >= 0xAC00 && last <= 0xD7A3)
                last = (0xE0u | last >> 12) << 16 | (0x80u | (last >> 6 & 0x3Fu)) << 8 |
                       (0x80u | (last & 0x3Fu));
            int run = e.run;
            size_t nh = 0, nl = 0, nu = 0, ne = 0;
            /* a step writes at most the bytes it reads (n - i never grows here), so the room
             * test n + 5 <= cap holds for every i below stop */
            size_t stop = i;
            if (n + 5 <= cap)
                stop = cap - 5 - n + i + 1 < len ? cap - 5 - n + i + 1 : len;
            while (i < stop) {
                c = us[i];
                if (c >= 0xEA && c <= 0xED && i + 3 <= len) {
                    uint32_t k = (uint32_t)c << 16 | (uint32_t)us[i + 1] << 8 | us[i + 2];
                    /* two continuation bytes, and U+AC00 .. U+D7A3: for well-formed three-byte
                     * forms the order of the bytes is the order of the code points */
                    if ((k & 0xC0C0u) != 0x8080u || k - 0xEAB080u > 0xED9EA3u - 0xEAB080u)
                        break;
                    if (k == last) {
                        if (++run > 2) {
                            ne += run == 3;
                            i += 3;
                            continue;
                        }
                    } else {
                        run = 1;
                        last = k;
                    }
                    o[n] = (char)c;
                    o[n + 1] = (char)(k >> 8);
                    o[n + 2] = (char)k;
#if defined(__SSE2__)
                    /* four offsets in one store; the fourth is rewritten or past the text */
                    _mm_storeu_si128((__m128i *)(void *)(f + n), _mm_set1_epi32((int)i));
#else
                    f[n] = f[n + 1] = f[n + 2] = (uint32_t)i;
#endif
                    n += 3;
                    nh++;
                    i += 3;
                } else if (c > 0x20 && c < 0x7F) {
                    if (c >= 'A' && c <= 'Z') {
                        nu++;
                        c = (unsigned char)(c + 32);
                    }
                    if (c == last) {
                        if (++run > 2) {
                            ne += run == 3;
                            i++;
                            continue;
                        }
                    } else {
                        run = 1;
                        last = c;
                    }
                    o[n] = (char)c;
                    f[n] = (uint32_t)i;
                    n++;
                    nl += c >= 'a' && c <= 'z';
                    i++;
                } else if (c == ' ') {
                    /* emit(): one space between words, none at the start; runs go on */
                    if (n > 0 && last != ' ') {
                        o[n] = ' ';
                        f[n] = (uint32_t)i;
                        n++;
                        last = ' ';
                    }
                    i++;
                } else {
                    break;
                }
            }
            t->len = n;
            t->nhangul += nh;
            t->nlatin += nl;
            t->nupper += nu;
            t->nelong += ne;
            if (last >= 0xEAB080u && last <= 0xED9EA3u)
                last = (last >> 16 & 0x0Fu) << 12 | (last >> 8 & 0x3Fu) << 6 | (last & 0x3Fu);
            e.last = last;
            e.run = run;
            if (i >= len)
                break;
            if (n + 5 > cap && !reserve(t, n + 4))
                goto oom;
            c = us[i];
            from = (uint32_t)i;
        }
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
        /* Hangul syllables: decoded and emitted here without the general checks below */
        if ((c & 0xF0) == 0xE0 && i + 3 <= len && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
            cp = ((c & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                 ((unsigned char)s[i + 2] & 0x3Fu);
            if (cp >= 0xAC00 && cp <= 0xD7A3) {
                i += 3;
                if (!emit(&e, cp, from))
                    goto oom;
                continue;
            }
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
    if (t->nlatin > 0)
        scan_en_words(t);
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
    uint32_t fail;
    uint32_t out; /* while building: the first entry ending here (NONE: none); after
                   * hugi_tm_dict_sum_prepare: how many summed entries end here (with the
                   * state's suffixes), so the matcher need not read the sums */
    uint32_t dlink;
    uint32_t ofirst; /* this state's entries: olist[ofirst .. ofirst + (on & 0x7FFF)) */
    uint16_t on;     /* count; 0x8000 = all of kind ANY (no word-bound test needed) */
    uint16_t len;    /* their term's length in bytes */
    uint32_t cfirst; /* children: states cfirst .. cfirst + cn - 1 (breadth-first numbering) */
    uint32_t cn;
    uint32_t rlink; /* first state on the output chain (this one, then dlink...) with entries
                     * that are not summed (hugi_tm_dict_sum_prepare), or NONE. 32 bytes,
                     * allocated 64-aligned: a state never straddles two cache lines */
};

/* What hugi_tm_match_split's walk reads of a state at every step, 16 bytes side by side:
 * copied from struct node by hot_build once the sums are known (not part of an image). The
 * walk lands on about one random state a code point, and on a machine whose caches other
 * processes share, half the bytes a state keep twice as many of them cached; struct node's
 * other fields are read only where matches are not summed (one position in six). bench/README
 * "Session eight: throughput (speed9)". */
struct hot {
    uint32_t fail;
    uint32_t cfirst;
    /* the code point that leads into this state (labels[u]; HOT_CP when it is none a text can
     * hold), its children's count (HOT_CN: 0 .. SMALL_FANOUT, or HOT_MANY: found through the
     * hash table) and HOT_REST: the state has matches that are not summed. With the label
     * here, a state's children are looked for in their own records, which the walk reads next
     * anyway: a deep state's one child is one cache line, not that and another of labels
     * (bench/README.md "Session eleven: throughput (speed12)") */
    uint32_t lab;
    uint32_t out; /* summed entries ending here (struct node's out) */
};
#define HOT_CP       0x1FFFFFu /* above every code point: matches none */
#define HOT_CN_SHIFT 21
#define HOT_CN       0xFu
#define HOT_MANY     0xFu
#define HOT_REST     0x80000000u
/* every not-summed entry on the state's output chain needs a word end where it ends (kind
 * exact or suffix, its term ending in a word character): where a word character follows, the
 * walk lists none of them (list_rest would find every one out of bounds) */
#define HOT_ENDB 0x40000000u

/* States with more children than this find them through the hash table; fewer are scanned. */
#define SMALL_FANOUT 12
_Static_assert(SMALL_FANOUT < HOT_MANY, "struct hot's count holds SMALL_FANOUT");

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
    struct hot *hot;  /* per state, what hugi_tm_match_split's walk reads (hot_build) */
    /* summed matching (hugi_tm_dict_sum_prepare) */
    struct hugi_tm_sum *sums;          /* per state */
    uint8_t *summed;                   /* per entry: 1 = summed */
    struct hugi_tm_sum_entry *sumlist; /* summed entries grouped by state (match order) */
    uint32_t *sumfirst;                /* per state: its first in sumlist */
    /* loaded from a compiled image (hugi_tm_dict_load_image): the arrays in `borrowed` point
     * into the image (read-only, not freed); chars are there too (cbase, nchars) */
    unsigned borrowed;
    const char *cbase;
    size_t nchars;
    void *map; /* the mapping hugi_tm_dict_map_image made (munmap at free) */
    size_t maplen;
    size_t learned_maxlen; /* the longest term of an entry flagged learned (built) */
    /* a bit per (first byte, length) hash of the negator (role) terms: neg_before looks a word
     * up in the trie only when its bit is set (built, and at image load) */
    uint64_t negbits[4];
};

static inline unsigned neg_hash(const char *term, size_t len)
{
    return ((unsigned)(unsigned char)term[0] * 7u + (unsigned)len) & 255u;
}

static inline void neg_note(struct hugi_tm_dict *d, const struct hugi_tm_entry *e)
{
    if (e->role == HUGI_TM_NEGATOR && e->len > 0) {
        unsigned h = neg_hash(e->term, e->len);
        d->negbits[h >> 6] |= 1ull << (h & 63);
    }
}

#define B_NODES  1u
#define B_LABELS 2u
#define B_OLIST  4u
#define B_ROOT   8u
#define B_EDGES  16u
#define B_SUMS   32u /* sums, summed, sumlist, sumfirst */

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
    free(d->hot);
    unsigned b = d->borrowed;
    if (!(b & B_NODES))
        free(d->nodes);
    if (!(b & B_LABELS))
        free(d->labels);
    if (!(b & B_OLIST))
        free(d->olist);
    if (!(b & B_ROOT))
        free(d->root);
    if (!(b & B_EDGES))
        free(d->edges);
    if (!(b & B_SUMS)) {
        free(d->sums);
        free(d->summed);
        free(d->sumlist);
        free(d->sumfirst);
    }
    if (d->map)
        munmap(d->map, d->maplen);
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

const char *hugi_tm_build_id(void)
{
    return "textmatch built " __DATE__ " " __TIME__;
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
/* The weights' usual form, [-+]digits[.digits] with at most 15 digits, exactly as strtod
 * reads it: the digits are an exact integer below 2^53 and 10^k (k <= 15) is exact, so one
 * correctly rounded division gives strtod's correctly rounded result. strtod (locale, exponents,
 * hex, inf) took 15 % of loading. False: not that form, use strtod. */
static bool plain_decimal(const char *s, size_t n, double *out)
{
    static const double p10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    uint64_t m = 0;
    int digits = 0, frac = 0;
    bool dot = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return false;
            m = m * 10 + (uint64_t)(c - '0');
            frac += dot;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (digits == 0)
        return false;
    double v = (double)m / p10[frac];
    *out = neg ? -v : v;
    return true;
}

/* True when s[0..n) is ASCII and three-byte forms that are valid whatever their
 * continuation (leads E1-EC, EE-EF: all Hangul), i.e. certainly valid UTF-8; false: ask
 * hugi_utf8_valid(). */
static bool simple_utf8(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
        } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

/* "name:line" for an error's where (not formatted for lines that load fine: 50K lines). */
static const char *at_line(char buf[256], const char *name, unsigned long line)
{
    snprintf(buf, 256, "%s:%lu", name ? name : "lexicon", line);
    return buf;
}

/* hugi_tm_dict_add with the line's flags; an error keeps its message and names where. */
static hugi_rc add_flagged(struct hugi_tm_dict *d, const char *term, size_t len, float weight,
                           int kind, int role, const char *tag, uint32_t flags, const char *where,
                           struct hugi_err *err)
{
    hugi_rc rc = hugi_tm_dict_add(d, term, len, weight, kind, (enum hugi_tm_role)role, tag, err);
    if (rc != HUGI_OK) {
        char msg[256];
        snprintf(msg, sizeof(msg), "%s", err ? err->msg : "cannot add entry");
        return hugi_err_set(err, rc, where, "%s", msg);
    }
    d->ent[d->nent - 1].flags = flags;
    return HUGI_OK;
}

/* Is the code point before s[i] / at s[i] a Hangul syllable (EA B0 80 .. ED 9E A3)? */
static bool syllable_at(const char *s, size_t len, size_t i)
{
    if (i + 3 > len)
        return false;
    const unsigned char *u = (const unsigned char *)s + i;
    uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
           cp >= 0xAC00 && cp <= 0xD7A3;
}

/* term[0..len) without the single spaces that stand between two Hangul syllables, into out
 * (len bytes at least); 0 when there is none, or when the result is shorter than three
 * syllables (a two-syllable join such as 안돼 is its own word more often than a slip). */
static size_t spaceless(const char *term, size_t len, char *out)
{
    size_t n = 0, dropped = 0, syl = 0;
    for (size_t i = 0; i < len; i++) {
        if (term[i] == ' ' && i >= 3 && syllable_at(term, len, i - 3) &&
            syllable_at(term, len, i + 1)) {
            dropped++;
            continue;
        }
        if (syllable_at(term, len, i))
            syl++;
        out[n++] = term[i];
    }
    return dropped > 0 && syl >= SPACELESS_MIN_SYL ? n : 0;
}

/* term[0..len) with the final consonant `fin` (a jamo index: 4 ㄴ, 8 ㄹ, 16 ㅁ, 17 ㅂ, 20 ㅆ) fused
 * into its last syllable, into out (len bytes at least); 0 when the term is not two Hangul
 * syllables or more ending in a syllable Korean endings fuse into. ㄴ ㄹ ㅁ ㅂ join a predicate
 * stem that ends in a vowel (하 → 한 할 함 합: the modifier, future, noun and formal endings;
 * 되 지 주 보 쁘 르 이 새 …), ㅆ the past tense of an 아/어 form (해 → 했, 와 → 왔, 비싸 → 비쌌,
 * 아까워 → 아까웠), and ㅁ also the stem of an 아/어 form (부러져 → 부러짐: the noun ending reviews
 * end a plain fact with). Reviews write the fused forms: a term ending in 하 never matched 합니다.
 * The syllables are listed rather than derived from the vowel: a noun's last syllable (하자, 최고,
 * 가성비) fuses into no ending, and 고마 + ㄴ is 고만 ("that's enough"). */
static size_t fused(const char *term, size_t len, unsigned fin, char *out)
{
    static const char stem_end[] = "하되지주보오가나리르쁘크프쓰싸짜새내이";
    static const char past_end[] = "해돼와워져려쳐써가나사싸짜차타봐줘내매서어아여켜꺼떠러파뻐";
    /* an 아/어 form and its stem, syllable for syllable (not 빠: 색이 빠 is 빠지-, not 나빠) */
    static const char ao_form[] = "져려쳐겨혀켜해돼와워줘봐써떠꺼뻐파";
    static const char ao_stem[] = "지리치기히키하되오우주보쓰뜨끄쁘프";
    if (len < 6 || !syllable_at(term, len, len - 3))
        return 0;
    size_t syl = 0;
    for (size_t i = 0; i < len; i++)
        syl += syllable_at(term, len, i);
    if (syl < 2)
        return 0;
    const char *list = fin == 20 ? past_end : stem_end;
    size_t ln = fin == 20 ? sizeof(past_end) - 1 : sizeof(stem_end) - 1;
    bool listed = false;
    for (size_t i = 0; i + 3 <= ln && !listed; i += 3)
        listed = !memcmp(list + i, term + len - 3, 3);
    const unsigned char *u = (const unsigned char *)term + len - 3;
    if (!listed && fin == 16) {
        /* the noun ending -ㅁ of a term written in its 아/어 form goes on the stem (부러져 →
         * 부러짐, 아까워 → 아까움, 불편해 → 불편함): reviews end a fact so (ko13) */
        for (size_t i = 0; i + 3 <= sizeof(ao_form) - 1 && !listed; i += 3)
            if (!memcmp(ao_form + i, term + len - 3, 3)) {
                listed = true;
                u = (const unsigned char *)ao_stem + i;
            }
    }
    if (!listed)
        return 0;
    uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    cp += fin; /* every listed syllable is open: the final's index adds to the code point */
    memcpy(out, term, len - 3);
    out[len - 3] = (char)(0xE0 | (cp >> 12));
    out[len - 2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[len - 1] = (char)(0x80 | (cp & 0x3F));
    return len;
}

static hugi_rc load_line(struct hugi_tm_dict *d, const char *p, size_t n, const char *name,
                         unsigned long line, struct hugi_err *err)
{
    char wb[256]; /* "file:line", formatted only for an error */
#define WHERE at_line(wb, name, line)
    const char *tab1 = memchr(p, '\t', n);
    if (!tab1)
        return hugi_err_set(err, HUGI_E_PARSE, WHERE, "expected term<TAB>weight");
    size_t tlen = (size_t)(tab1 - p);
    const char *w = tab1 + 1;
    size_t rest = n - tlen - 1;
    const char *tab2 = memchr(w, '\t', rest);
    size_t wlen = tab2 ? (size_t)(tab2 - w) : rest;
    const char *fl = tab2 ? tab2 + 1 : NULL;
    size_t fllen = tab2 ? rest - wlen - 1 : 0;
    if (fl && memchr(fl, '\t', fllen))
        return hugi_err_set(err, HUGI_E_PARSE, WHERE, "too many fields (want term, weight, flags)");
    char num[64];
    if (wlen == 0 || wlen >= sizeof(num))
        return hugi_err_set(err, HUGI_E_PARSE, WHERE, "missing or overlong weight");
    memcpy(num, w, wlen);
    num[wlen] = '\0';
    char *end = num + wlen;
    errno = 0;
    double v;
    if (!plain_decimal(num, wlen, &v))
        v = strtod(num, &end);
    if (errno || end == num || *end != '\0' || !(v > -1e6 && v < 1e6))
        return hugi_err_set(err, HUGI_E_PARSE, WHERE, "bad weight '%s'", num);
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
                return hugi_err_set(err, HUGI_E_PARSE, WHERE, "tag too long");
            memcpy(tagbuf, fl + 4, flen - 4);
            tagbuf[flen - 4] = '\0';
            tag = tagbuf;
        } else if (flen > 0) {
            size_t k = 0;
            for (; k < sizeof(flag_names) / sizeof(flag_names[0]); k++)
                if (flag_names[k].name[0] == fl[0] && strlen(flag_names[k].name) == flen &&
                    !memcmp(flag_names[k].name, fl, flen))
                    break;
            if (k == sizeof(flag_names) / sizeof(flag_names[0]))
                return hugi_err_set(err, HUGI_E_PARSE, WHERE, "unknown flag '%.*s'",
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
        return hugi_err_set(err, HUGI_E_PARSE, WHERE, "empty term");
    hugi_rc rc = add_flagged(d, p, tlen, (float)v, kind, role, tag, flags, WHERE, err);
    if (rc != HUGI_OK)
        return rc;
    /* reviews often drop the apostrophe ("dont work", "cant say enough good", "ive had
     * better"): a hand-written term with one also stands without it */
    if (!(flags & HUGI_TM_F_LEARNED) && tlen > 2 && tlen < 256 && memchr(p, '\'', tlen)) {
        char bare[256];
        size_t bl = 0;
        bool contraction = true; /* every ' between two letters: not an emoticon's tear (':) */
        for (size_t i = 0; i < tlen; i++) {
            if (p[i] != '\'') {
                bare[bl++] = p[i];
                continue;
            }
            contraction &= i > 0 && i + 1 < tlen && isalpha((unsigned char)p[i - 1]) &&
                           isalpha((unsigned char)p[i + 1]);
        }
        if (contraction && bl > 1) {
            rc = add_flagged(d, bare, bl, (float)v, kind, role, tag, flags, WHERE, err);
            if (rc != HUGI_OK)
                return rc;
        }
    }
    /* and fuse a final consonant into a term's last open syllable (값어치 합니다, 비쌌어요):
     * each fused twin, and its spaceless twin, stands like the term */
    if (!(flags & HUGI_TM_F_LEARNED) && role == HUGI_TM_POL && (kind < 0 || kind == HUGI_TM_ANY) &&
        tlen < 256) {
        static const unsigned fins[] = {4, 8, 16, 17, 20};
        for (size_t k = 0; k < sizeof(fins) / sizeof(fins[0]); k++) {
            char fu[256], bare[256];
            size_t fl2 = fused(p, tlen, fins[k], fu);
            if (!fl2)
                continue;
            rc = add_flagged(d, fu, fl2, (float)v, kind, role, tag, flags | HUGI_TM_F_FUSED, WHERE,
                             err);
            size_t bl = rc == HUGI_OK && memchr(fu, ' ', fl2) ? spaceless(fu, fl2, bare) : 0;
            if (rc == HUGI_OK && bl > 0)
                rc = add_flagged(d, bare, bl, (float)v, kind, role, tag,
                                 flags | HUGI_TM_F_FUSED | HUGI_TM_F_SPACELESS, WHERE, err);
            if (rc != HUGI_OK)
                return rc;
        }
    }
    /* reviews often drop the spaces of a phrase too (잘받았어요, 재구매의사없음): a hand-written
     * Hangul polarity phrase also stands without the spaces between its syllables */
    if (!(flags & HUGI_TM_F_LEARNED) && role == HUGI_TM_POL && tlen < 256 && memchr(p, ' ', tlen)) {
        char bare[256];
        size_t bl = spaceless(p, tlen, bare);
        if (bl > 0) {
            rc = add_flagged(d, bare, bl, (float)v, kind, role, tag, flags | HUGI_TM_F_SPACELESS,
                             WHERE, err);
            if (rc != HUGI_OK)
                return rc;
        }
    }
    return HUGI_OK;
#undef WHERE
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
        char wb[256];
        if (memchr(p, '\0', n))
            return hugi_err_set(err, HUGI_E_PARSE, at_line(wb, name, line), "NUL byte in line");
        if (!simple_utf8(p, n) && !hugi_utf8_valid(p, n))
            return hugi_err_set(err, HUGI_E_ENCODING, at_line(wb, name, line), "invalid UTF-8");
        hugi_rc rc = load_line(d, p, n, name, line, err);
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

/* The hash table alone (not for the root's dense code points). */
static inline uint32_t edge_hashed(const struct hugi_tm_dict *d, uint32_t node, uint32_t cp)
{
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

/* dec() for normalised text, which is valid UTF-8 and NUL-terminated (hugi_tm_normalize): the
 * lead byte alone gives the length, no checks needed (the same code points as dec). */
static inline uint32_t dec_valid(const unsigned char *s, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xE0 && c < 0xF0) {
        uint32_t cp = ((c & 0x0Fu) << 12) | ((s[*i + 1] & 0x3Fu) << 6) | (s[*i + 2] & 0x3Fu);
        *i += 3;
        return cp;
    }
    if (c < 0xE0) {
        uint32_t cp = ((c & 0x1Fu) << 6) | (s[*i + 1] & 0x3Fu);
        *i += 2;
        return cp;
    }
    uint32_t cp = ((c & 0x07u) << 18) | ((s[*i + 1] & 0x3Fu) << 12) | ((s[*i + 2] & 0x3Fu) << 6) |
                  (s[*i + 3] & 0x3Fu);
    *i += 4;
    return cp;
}

static inline uint32_t step(const struct hugi_tm_dict *d, uint32_t u, uint32_t cp);
static bool hot_build(struct hugi_tm_dict *d);
static inline uint32_t cp_before(const unsigned char *s, size_t i);

/* A term in the sort: what building needs of its entry, so the sorted walk never touches the
 * (large, randomly ordered) entry table; key = its first 8 bytes big-endian (zero-padded), so
 * most comparisons need no string. */
struct term_ref {
    const char *term;
    uint64_t key;
    uint32_t id;
    uint32_t len;
    uint16_t kind;
};

struct kv {
    uint64_t key;
    uint32_t id;
};

static inline uint64_t term_key(const char *s, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < 8; i++)
        k = k << 8 | (i < len ? (unsigned char)s[i] : 0u);
    return k;
}

/* Terms in byte order (= code point order for UTF-8), equal terms in file order. */
static int by_term(const void *a, const void *b)
{
    const struct term_ref *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    /* equal first 8 bytes (a NUL among them ends both terms alike) */
    int c = x->len > 8 || y->len > 8 ? strcmp(x->term + 8 - (x->len < 8 ? 8 - x->len : 0),
                                              y->term + 8 - (y->len < 8 ? 8 - y->len : 0))
                                     : 0;
    if (c)
        return c;
    return x->id < y->id ? -1 : (x->id > y->id);
}

/* The trie is built from the terms in sorted order: each term shares its prefix with the one
 * before, so its states are found on the current path and new ones appended as last children,
 * without any lookup (a hash table over all edges was most of the start-up time: cache misses
 * and page faults). Then the states are renumbered breadth-first (children of a state side by
 * side), and the failure links computed over that numbering with the matcher's own
 * transitions. The automaton is the same as one built by insertion: same matches, same order. */
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
    d->learned_maxlen = 0;
    memset(d->negbits, 0, sizeof(d->negbits));
    for (size_t i = 0; i < d->nent; i++) {
        neg_note(d, &d->ent[i]);
        for (size_t k = 0; k < d->ent[i].len; k++) /* terms are valid UTF-8: lead bytes */
            maxnodes += ((unsigned char)d->ent[i].term[k] & 0xC0) != 0x80;
        if ((d->ent[i].flags & HUGI_TM_F_LEARNED) && d->ent[i].len > d->learned_maxlen)
            d->learned_maxlen = d->ent[i].len;
        /* the word-bound test's view of the term, once (bound_ok ran it per match) */
        const unsigned char *ts = (const unsigned char *)d->ent[i].term;
        size_t k = 0;
        d->ent[i].flags &= ~(HUGI_TM_F_WORD_FIRST | HUGI_TM_F_WORD_LAST);
        if (d->ent[i].len > 0 && hugi_tm_is_word_cp(dec(ts, &k)))
            d->ent[i].flags |= HUGI_TM_F_WORD_FIRST;
        if (d->ent[i].len > 0 && hugi_tm_is_word_cp(cp_before(ts, d->ent[i].len)))
            d->ent[i].flags |= HUGI_TM_F_WORD_LAST;
    }
    if (maxnodes >= (1u << 30))
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "dictionary too large");
    struct term_ref *refs = malloc((d->nent ? d->nent : 1) * sizeof(*refs));
    uint32_t *first_child = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *last_child = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *sibling = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *label = malloc(maxnodes * sizeof(uint32_t));
    uint32_t *out = malloc(maxnodes * sizeof(uint32_t));    /* first entry's index in refs */
    uint32_t *outn = malloc(maxnodes * sizeof(uint32_t));   /* entries with the state's term */
    uint32_t path_node = 0;                                 /* the previous term's state */
    uint32_t *path = malloc((1024 + 2) * sizeof(uint32_t)); /* terms are <= 1024 bytes */
    uint32_t *queue = NULL, *newid = NULL;
    struct kv *kv = NULL;
    hugi_rc rc = HUGI_OK;
    if (!refs || !first_child || !last_child || !sibling || !label || !out || !outn || !path) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
        goto done;
    }
    /* Sorted by a stable LSD radix sort on the 8-byte keys (entry order among equal keys),
     * then only runs of equal keys with longer terms by the rest: qsort over all terms with a
     * string comparison was a third of building. */
    d->root = malloc((ROOT_DENSE + 2) * sizeof(uint32_t));
    kv = malloc((d->nent ? d->nent : 1) * 2 * sizeof(*kv));
    if (!d->root || !kv) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
        goto done;
    }
    {
        struct kv *src = kv, *dst = kv + d->nent;
        uint32_t(*cnt)[256] = (uint32_t(*)[256])d->root; /* 8 x 256 counters: scratch */
        memset(cnt, 0, 8 * 256 * sizeof(uint32_t));
        for (size_t i = 0; i < d->nent; i++) {
            uint64_t k = term_key(d->ent[i].term, d->ent[i].len);
            src[i] = (struct kv){k, (uint32_t)i};
            for (int p = 0; p < 8; p++)
                cnt[p][(k >> (8 * p)) & 0xFF]++;
        }
        for (int p = 0; p < 8; p++) {
            if (cnt[p][(src[0].key >> (8 * p)) & 0xFF] == d->nent)
                continue; /* one value in this byte: nothing to move */
            uint32_t sum = 0;
            for (int b = 0; b < 256; b++) {
                uint32_t c = cnt[p][b];
                cnt[p][b] = sum;
                sum += c;
            }
            for (size_t i = 0; i < d->nent; i++)
                dst[cnt[p][(src[i].key >> (8 * p)) & 0xFF]++] = src[i];
            struct kv *tmp = src;
            src = dst;
            dst = tmp;
        }
        for (size_t i = 0; i < d->nent; i++) {
            const struct hugi_tm_entry *e = &d->ent[src[i].id];
            refs[i] = (struct term_ref){e->term, src[i].key, src[i].id, e->len, e->kind};
        }
        for (size_t i = 0; i < d->nent;) {
            size_t j = i + 1;
            bool longer = refs[i].len > 8;
            while (j < d->nent && refs[j].key == refs[i].key) {
                longer = longer || refs[j].len > 8;
                j++;
            }
            if (j - i > 1 && longer)
                qsort(refs + i, j - i, sizeof(*refs), by_term);
            i = j;
        }
    }
    uint32_t nn = 1;
    first_child[0] = last_child[0] = sibling[0] = out[0] = NONE;
    outn[0] = 0;
    label[0] = 0;
    path[0] = 0;
    /* the entries' chains of equal terms are set below, for the few that have one */
    for (size_t i = 0; i < d->nent; i++)
        d->ent[i].next_same = NONE;
    const struct term_ref *prev = NULL;
    for (size_t r = 0; r < d->nent; r++) {
        const struct term_ref *e = &refs[r];
        const unsigned char *s = (const unsigned char *)e->term;
        if (prev && prev->key == e->key && prev->len == e->len &&
            (e->len <= 8 || !memcmp(prev->term, e->term, e->len))) {
            d->ent[refs[r - 1].id].next_same = e->id; /* same term: chained in file order */
            outn[path_node]++;
            continue;
        }
        /* the code points this term shares with the previous one are on the path */
        size_t k = 0, depth = 0;
        if (prev) {
            const unsigned char *ps = (const unsigned char *)prev->term;
            size_t pk = 0;
            while (k < e->len && ps[pk]) {
                size_t k2 = k, pk2 = pk;
                if (dec(s, &k2) != dec(ps, &pk2) || k2 != k + (pk2 - pk))
                    break;
                k = k2;
                pk = pk2;
                depth++;
            }
        }
        uint32_t node = path[depth];
        while (k < e->len) {
            uint32_t cp = dec(s, &k);
            uint32_t nx = nn++;
            first_child[nx] = last_child[nx] = sibling[nx] = out[nx] = NONE;
            outn[nx] = 0;
            label[nx] = cp;
            if (first_child[node] == NONE)
                first_child[node] = nx;
            else
                sibling[last_child[node]] = nx;
            last_child[node] = nx;
            node = nx;
            path[++depth] = nx;
        }
        out[node] = (uint32_t)r; /* the first of its entries in refs */
        outn[node] = 1;
        path_node = node;
        prev = e;
    }
    /* Breadth-first renumbering: the children of a state become one contiguous run, so
     * leaving a state with few children scans a few labels side by side (one cache line) and
     * lands on a state stored next to its siblings. Only states with many children (and the
     * root beyond its dense table) keep hash edges, in a table small enough to stay in cache. */
    queue = malloc((size_t)nn * sizeof(uint32_t));
    newid = malloc((size_t)nn * sizeof(uint32_t));
    d->nodes = aligned_alloc(64, ((size_t)nn * sizeof(struct node) + 63) & ~(size_t)63);
    d->labels = malloc((size_t)nn * sizeof(uint32_t));
    if (!queue || !newid || !d->nodes || !d->labels) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
        goto done;
    }
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        newid[u] = (uint32_t)(qh - 1);
        for (uint32_t c = first_child[u]; c != NONE; c = sibling[c])
            queue[qt++] = c;
    }
    d->nnode = nn;
    size_t nbig = 0;
    for (uint32_t n = 0; n < nn; n++) {
        uint32_t old = queue[n];
        struct node *nd = &d->nodes[n];
        memset(nd, 0, sizeof(*nd));
        nd->fail = 0;
        nd->dlink = NONE;
        nd->out = out[old] == NONE ? NONE : refs[out[old]].id;
        d->labels[n] = label[old];
        uint32_t cnt = 0;
        for (uint32_t c = first_child[old]; c != NONE; c = sibling[c])
            cnt++;
        nd->cfirst = first_child[old] == NONE ? 0 : newid[first_child[old]];
        nd->cn = cnt;
        if (n == 0 || cnt > SMALL_FANOUT)
            nbig += cnt;
    }
    for (uint32_t cp = 0; cp < ROOT_DENSE; cp++)
        d->root[cp] = NONE;
    size_t slots = 64;
    while (slots < nbig * 2)
        slots *= 2;
    d->edges = malloc(slots * sizeof(struct edge));
    d->edge_mask = slots - 1;
    if (!d->edges) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
        goto done;
    }
    memset(d->edges, 0xFF, slots * sizeof(struct edge));
    for (uint32_t n = 0; n < nn; n++) {
        const struct node *nd = &d->nodes[n];
        if (n != 0 && nd->cn <= SMALL_FANOUT)
            continue;
        for (uint32_t k = 0; k < nd->cn; k++)
            edge_put(d, n, d->labels[nd->cfirst + k], nd->cfirst + k);
    }
    /* Failure links in breadth-first order (parents before children, failure targets are
     * shallower): the longest proper suffix that is a state. */
    for (uint32_t u = 0; u < nn; u++) {
        const struct node *nu = &d->nodes[u];
        for (uint32_t k = 0; k < nu->cn; k++) {
            uint32_t c = nu->cfirst + k;
            uint32_t fc = 0;
            if (u != 0) {
                uint32_t f = nu->fail;
                uint32_t nx;
                for (;;) {
                    nx = step(d, f, d->labels[c]);
                    if (nx != NONE || f == 0)
                        break;
                    f = d->nodes[f].fail;
                }
                fc = (nx != NONE && nx != c) ? nx : 0;
            }
            d->nodes[c].fail = fc;
            d->nodes[c].dlink = d->nodes[fc].out != NONE ? fc : d->nodes[fc].dlink;
        }
    }
    /* Entries grouped per state, so the matching loop reads one small array instead of
     * chasing next_same through the (large) entry table. */
    d->olist = malloc((d->nent ? d->nent : 1) * sizeof(uint32_t));
    if (!d->olist) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot build dictionary");
        goto done;
    }
    uint32_t no = 0;
    for (uint32_t u = 0; u < d->nnode; u++) {
        struct node *nd = &d->nodes[u];
        nd->ofirst = no;
        nd->on = 0;
        nd->len = 0;
        bool any = true;
        uint32_t old = queue[u];
        /* the entries of one term are side by side in refs, in file order (= next_same) */
        for (uint32_t k = 0; out[old] != NONE && k < outn[old] && nd->on < 0x7FFF; k++) {
            const struct term_ref *e = &refs[out[old] + k];
            d->olist[no++] = e->id;
            nd->on++;
            nd->len = (uint16_t)e->len;
            any = any && e->kind == HUGI_TM_ANY;
        }
        if (nd->on && any)
            nd->on |= 0x8000;
    }
    /* nothing summed yet: the chain of states with entries (breadth-first: dlink is shallower) */
    for (uint32_t u = 0; u < d->nnode; u++) {
        d->nodes[u].rlink = d->nodes[u].on ? u : d->nodes[u].dlink;
        d->nodes[u].out = 0;
    }
    hugi_tm_text_release(&d->tmp);
    d->cbase = d->chars.data;
    d->nchars = d->chars.len;
    d->built = true;
done:
    free(refs);
    free(first_child);
    free(last_child);
    free(sibling);
    free(label);
    free(out);
    free(outn);
    free(kv);
    free(path);
    free(queue);
    free(newid);
    return rc;
}

/* A transition of the built automaton (breadth-first numbering), NONE when there is none. */
static inline uint32_t step(const struct hugi_tm_dict *d, uint32_t u, uint32_t cp)
{
    if (u == 0)
        return cp < ROOT_DENSE ? d->root[cp] : edge_hashed(d, 0, cp);
    const struct node *nd = &d->nodes[u];
    if (nd->cn > SMALL_FANOUT)
        return edge_hashed(d, u, cp);
    const uint32_t *l = d->labels + nd->cfirst;
    for (uint32_t k = 0; k < nd->cn; k++)
        if (l[k] == cp)
            return nd->cfirst + k;
    return NONE;
}

/* The automaton's next state after reading cp in state u: its edge, else the failure links'
 * (the root when none has one). */
static inline uint32_t advance(const struct hugi_tm_dict *d, uint32_t u, uint32_t cp)
{
    for (;;) {
        uint32_t nx = step(d, u, cp);
        if (nx != NONE)
            return nx;
        if (u == 0)
            return 0;
        u = d->nodes[u].fail;
    }
}

/* The code point ending just before byte i of s (i > 0), for word-bound checks. */
static inline uint32_t cp_before(const unsigned char *s, size_t i)
{
    /* ASCII and three-byte forms (Hangul) directly; the same code points as below */
    if (s[i - 1] < 0x80)
        return s[i - 1];
    if (i >= 3 && (s[i - 3] & 0xF0) == 0xE0 && (s[i - 2] & 0xC0) == 0x80 &&
        (s[i - 1] & 0xC0) == 0x80) {
        uint32_t cp = ((s[i - 3] & 0x0Fu) << 12) | ((s[i - 2] & 0x3Fu) << 6) | (s[i - 1] & 0x3Fu);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
            return cp;
    }
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
    if (e->kind == HUGI_TM_EXACT || e->kind == HUGI_TM_PREFIX) {
        if (start > 0 && (e->flags & HUGI_TM_F_WORD_FIRST) &&
            hugi_tm_is_word_cp(cp_before(s, start)))
            return false;
    }
    if (e->kind == HUGI_TM_EXACT || e->kind == HUGI_TM_SUFFIX) {
        size_t k = end;
        if (end < len && (e->flags & HUGI_TM_F_WORD_LAST) && hugi_tm_is_word_cp(dec(s, &k)))
            return false;
    }
    return true;
}

/* Where matches go: a callback, or (arr != NULL) appended to a growing array. */
struct sink {
    hugi_tm_match_fn fn;
    void *ctx;
    struct hugi_tm_match **arr;
    size_t *n, *cap;
    bool oom;
};

/* The matching loop, inlined into both entry points so that each gets its own sink code. */
static inline __attribute__((always_inline)) size_t
match_run(const struct hugi_tm_dict *d, const struct hugi_tm_text *t, struct sink *out)
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
        state = advance(d, state, cp);
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
                if (out->arr) {
                    if (*out->n == *out->cap) {
                        size_t cap = *out->cap ? *out->cap * 2 : 64;
                        struct hugi_tm_match *p = realloc(*out->arr, cap * sizeof(*p));
                        if (!p) {
                            out->oom = true;
                            return nmatch;
                        }
                        *out->arr = p;
                        *out->cap = cap;
                    }
                    (*out->arr)[(*out->n)++] = m;
                } else if (out->fn && out->fn(out->ctx, &m)) {
                    return nmatch;
                }
            }
            node = nd->dlink;
        }
    }
    return nmatch;
}

size_t hugi_tm_match(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                     hugi_tm_match_fn fn, void *ctx)
{
    struct sink out = {fn, ctx, NULL, NULL, NULL, false};
    return match_run(d, t, &out);
}

hugi_rc hugi_tm_match_append(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                             struct hugi_tm_match **arr, size_t *n, size_t *cap,
                             struct hugi_err *err)
{
    struct sink out = {NULL, NULL, arr, n, cap, false};
    match_run(d, t, &out);
    if (out.oom)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot store matches");
    return HUGI_OK;
}

/* ---- summed matching --------------------------------------------------------------------- */

/* d->hot from the states, after their sums are prepared or loaded (out and rlink are final
 * then). false: no memory. */
static bool hot_build(struct hugi_tm_dict *d)
{
    free(d->hot);
    d->hot = aligned_alloc(64, ((size_t)d->nnode * sizeof(struct hot) + 63) & ~(size_t)63);
    if (!d->hot)
        return false;
    for (uint32_t u = 0; u < d->nnode; u++) {
        const struct node *nd = &d->nodes[u];
        bool rest = nd->rlink != NONE && nd->rlink != 0;
        /* HOT_ENDB: this state's own not-summed entries (when it has any) and those of the
         * chain after it, as list_rest walks it: the next state's flag, computed before it
         * (shallower states come first; one that does not is taken as unbounded) */
        bool endb = rest;
        if (rest && nd->rlink == u) {
            const uint32_t *ids = d->olist + nd->ofirst;
            for (unsigned k = 0, no = nd->on & 0x7FFFu; k < no && endb; k++) {
                const struct hugi_tm_entry *e = &d->ent[ids[k]];
                endb =
                    d->summed[ids[k]] || ((e->kind == HUGI_TM_EXACT || e->kind == HUGI_TM_SUFFIX) &&
                                          (e->flags & HUGI_TM_F_WORD_LAST));
            }
        }
        if (endb) {
            uint32_t dl = nd->dlink;
            uint32_t next = dl == NONE ? NONE : d->nodes[dl].rlink;
            if (next != NONE && next != 0)
                endb = dl < u && (d->hot[dl].lab & HOT_ENDB);
        }
        uint32_t cp = d->labels[u] < HOT_CP ? d->labels[u] : HOT_CP;
        uint32_t cn = nd->cn > SMALL_FANOUT ? HOT_MANY : nd->cn;
        d->hot[u] = (struct hot){
            nd->fail, nd->cfirst,
            cp | cn << HOT_CN_SHIFT | (rest ? HOT_REST : 0) | (endb ? HOT_ENDB : 0), nd->out};
    }
    return true;
}

hugi_rc hugi_tm_dict_sum_prepare(struct hugi_tm_dict *d, const float *val, const float *aux,
                                 const uint8_t *flags, struct hugi_err *err)
{
    return hugi_tm_dict_sum_prepare2(d, val, NULL, aux, flags, err);
}

hugi_rc hugi_tm_dict_sum_prepare2(struct hugi_tm_dict *d, const float *val, const float *val2,
                                  const float *aux, const uint8_t *flags, struct hugi_err *err)
{
    if (!d->built)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "dictionary not built");
    if (d->borrowed & (B_NODES | B_SUMS)) {
        /* loaded from an image (read-only): the states and sums this writes are copied */
        if (d->borrowed & B_NODES) {
            size_t sz = ((size_t)d->nnode * sizeof(struct node) + 63) & ~(size_t)63;
            struct node *nodes = aligned_alloc(64, sz);
            if (!nodes)
                return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot prepare dictionary sums");
            memcpy(nodes, d->nodes, (size_t)d->nnode * sizeof(struct node));
            d->nodes = nodes;
            d->borrowed &= ~B_NODES;
        }
        if (d->borrowed & B_SUMS) {
            d->sums = NULL;
            d->summed = NULL;
            d->sumlist = NULL;
            d->sumfirst = NULL;
            d->borrowed &= ~B_SUMS;
        }
    }
    if (!d->sums) {
        d->sums = malloc((size_t)d->nnode * sizeof(*d->sums));
        d->summed = malloc(d->nent ? d->nent : 1);
        d->sumlist = malloc((d->nent ? d->nent : 1) * sizeof(*d->sumlist));
        d->sumfirst = malloc((size_t)d->nnode * sizeof(uint32_t));
        if (!d->sums || !d->summed || !d->sumlist || !d->sumfirst) {
            free(d->sums);
            free(d->summed);
            free(d->sumlist);
            free(d->sumfirst);
            d->sums = NULL;
            d->summed = NULL;
            d->sumlist = NULL;
            d->sumfirst = NULL;
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot prepare dictionary sums");
        }
    }
    for (size_t id = 0; id < d->nent; id++)
        d->summed[id] = !isnan(val[id]) && d->ent[id].kind == HUGI_TM_ANY;
    /* Breadth-first order: a state's dlink (the next state on its output chain) is shallower,
     * so its sum is complete when the state's is computed. */
    static const struct hugi_tm_sum empty = {0, 0, NONE, NONE, 0, 0, 0};
    uint32_t no = 0; /* summed entries are moved to the front of each state's list */
    for (uint32_t u = 0; u < d->nnode; u++) {
        struct node *nd = &d->nodes[u];
        uint32_t dl = nd->dlink;
        const struct hugi_tm_sum *base = (u == 0 || dl == NONE) ? &empty : &d->sums[dl];
        uint32_t base_rl = (u == 0 || dl == NONE) ? NONE : d->nodes[dl].rlink;
        double own = 0, own2 = 0;
        uint32_t cnt = 0;
        uint16_t fl = 0;
        bool other = false;
        const uint32_t *ids = d->olist + nd->ofirst;
        for (unsigned k = 0, n = nd->on & 0x7FFFu; k < n; k++) {
            if (d->summed[ids[k]]) {
                own += (double)val[ids[k]];
                own2 += val2 ? (double)val2[ids[k]] : 0.0;
                d->sumlist[no + cnt] = (struct hugi_tm_sum_entry){ids[k], aux ? aux[ids[k]] : 0.0f,
                                                                  flags ? flags[ids[k]] : 0u};
                cnt++;
                fl |= flags ? flags[ids[k]] : 0;
            } else {
                other = true;
            }
        }
        nd->rlink = other ? u : base_rl;
        struct hugi_tm_sum *su = &d->sums[u];
        nd->out = cnt + base->cnt;
        if (!cnt) {
            *su = *base;
            d->sumfirst[u] = no;
            continue;
        }
        d->sumfirst[u] = no;
        no += cnt;
        su->sum = own + base->sum;
        su->sum2 = own2 + base->sum2;
        su->cnt = cnt + base->cnt;
        su->first = u;
        su->up = base->first;
        su->maxlen = nd->len;
        su->flags = (uint16_t)(fl | base->flags);
    }
    if (!hot_build(d))
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot prepare dictionary sums");
    return HUGI_OK;
}

const struct hugi_tm_sum *hugi_tm_dict_sums(const struct hugi_tm_dict *d)
{
    return d->sums;
}

size_t hugi_tm_dict_states(const struct hugi_tm_dict *d)
{
    return d->built ? d->nnode : 0;
}

size_t hugi_tm_dict_learned_maxlen(const struct hugi_tm_dict *d)
{
    return d->learned_maxlen;
}

bool hugi_tm_dict_summed(const struct hugi_tm_dict *d, uint32_t id)
{
    return d->summed && id < d->nent && d->summed[id];
}

const struct hugi_tm_sum_entry *hugi_tm_sum_entries(const struct hugi_tm_dict *d, uint32_t state,
                                                    size_t *n)
{
    *n = 0;
    if (!d->sums || state >= d->nnode || d->sums[state].first != state)
        return NULL;
    uint32_t up = d->sums[state].up;
    *n = d->sums[state].cnt - (up == NONE ? 0 : d->sums[up].cnt);
    return d->sumlist + d->sumfirst[state];
}

static bool grow(void **p, size_t *cap, size_t elem, size_t need)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* The not-summed matches ending at byte i (state chain from x, scnt summed entries there), for
 * hugi_tm_match_split: out of its loop (one position in six has any), so that the loop keeps its
 * few values in registers. Returns how many were listed; *oom on failure (then *npos unset). */
static __attribute__((noinline)) size_t list_rest(const struct hugi_tm_dict *d,
                                                  const unsigned char *s, size_t len, size_t i,
                                                  uint32_t x, uint32_t scnt, size_t g,
                                                  struct hugi_tm_match **arr, uint32_t **gidx,
                                                  size_t *n, size_t *cap, bool *oom)
{
    size_t here = 0; /* not-summed matches at this position so far */
    while (x != NONE && x != 0) {
        const struct node *nd = &d->nodes[x];
        size_t start = i - nd->len;
        /* summed entries on the chain before x (longer terms) come first in match order */
        size_t before = scnt - nd->out;
        size_t ks = 0;
        const uint32_t *ids = d->olist + nd->ofirst;
        for (unsigned k = 0, no = nd->on & 0x7FFFu; k < no; k++) {
            uint32_t id = ids[k];
            if (d->summed[id]) {
                ks++;
                continue;
            }
            if (!bound_ok(&d->ent[id], s, len, start, i))
                continue;
            if (*n == *cap) {
                size_t c2 = *cap;
                if (!grow((void **)arr, &c2, sizeof(**arr), *n + 1)) {
                    *oom = true;
                    return here;
                }
                uint32_t *q = realloc(*gidx, c2 * sizeof(*q));
                if (!q) {
                    *cap = *n; /* arr grew, gidx did not: claim no room in either */
                    *oom = true;
                    return here;
                }
                *gidx = q;
                *cap = c2;
            }
            (*arr)[*n] = (struct hugi_tm_match){(uint32_t)start, (uint32_t)i, id};
            (*gidx)[*n] = (uint32_t)(g + before + ks + here);
            (*n)++;
            here++;
        }
        x = nd->dlink == NONE ? NONE : d->nodes[nd->dlink].rlink;
    }
    return here;
}

/* Does a word character (hugi_tm_is_word_cp) start at s[i]? Only ASCII and Hangul syllables
 * are told; false for the rest (the caller then looks the slow way). */
static inline bool word_at(const unsigned char *s, size_t len, size_t i)
{
    if (i >= len)
        return false;
    unsigned c = s[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (c < 0xEA || c > 0xED || i + 3 > len)
        return false;
    uint32_t k = (uint32_t)c << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
    return (k & 0xC0C0u) == 0x8080u && k - 0xEAB080u <= 0xED9EA3u - 0xEAB080u;
}

hugi_rc hugi_tm_match_split(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                            struct hugi_tm_match **arr, uint32_t **gidx, size_t *n, size_t *cap,
                            struct hugi_tm_pos **pos, size_t *npos, size_t *cappos, size_t *total,
                            struct hugi_err *err)
{
    *total = 0;
    if (!d->built || !d->sums || !d->hot)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "dictionary sums not prepared");
    if (!t->s || t->len == 0)
        return HUGI_OK;
    const unsigned char *s = (const unsigned char *)t->s;
    size_t len = t->len;
    size_t g = 0; /* all matches so far, summed ones included */
    uint32_t state = 0;
    size_t i = 0;
    /* at most one position per code point: reserved once */
    if (!grow((void **)pos, cappos, sizeof(**pos), *npos + len))
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot store matches");
    struct hugi_tm_pos *pp = *pos;
    size_t np = *npos;
    /* the automaton's arrays in locals: the stores below could otherwise alias them for the
     * compiler, which then reloaded them at every code point */
    const struct node *nodes = d->nodes;
    const struct hot *hot = d->hot;
    const uint32_t *root = d->root;
    const struct hugi_tm_sum *sums = d->sums;
    while (i < len) {
        uint32_t cp = dec_valid(s, &i);
        /* advance(), with the root's dense table, the hot state records and the children's
         * labels at hand */
        for (uint32_t u = state;;) {
            if (u == 0) {
                state = cp < ROOT_DENSE ? root[cp] : edge_hashed(d, 0, cp);
                break;
            }
            const struct hot *nd = &hot[u];
            uint32_t nx = NONE, cn = nd->lab >> HOT_CN_SHIFT & HOT_CN;
            if (cn > SMALL_FANOUT) {
                nx = edge_hashed(d, u, cp);
            } else {
                const struct hot *ch = hot + nd->cfirst;
                for (uint32_t k = 0; k < cn; k++)
                    if ((ch[k].lab & HOT_CP) == cp) {
                        nx = nd->cfirst + k;
                        break;
                    }
            }
            if (nx != NONE) {
                state = nx;
                break;
            }
            u = nd->fail;
        }
        if (state == NONE) /* the root's dense table holds 0 for no edge; hashed gives NONE */
            state = 0;
        const struct hot *ns = &hot[state];
        uint32_t scnt = ns->out; /* summed entries ending here */
        if (scnt) {
            pp[np++] = (struct hugi_tm_pos){(uint32_t)i, state};
            /* the scorer reads the sums of every position: start fetching now */
            __builtin_prefetch(&sums[state]);
        }
        size_t here = 0;
        if ((ns->lab & HOT_REST) && !((ns->lab & HOT_ENDB) && word_at(s, len, i))) {
            bool oom = false;
            here = list_rest(d, s, len, i, nodes[state].rlink, scnt, g, arr, gidx, n, cap, &oom);
            if (oom) {
                *npos = np;
                return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot store matches");
            }
        }
        g += scnt + here;
    }
    *npos = np;
    *total = g;
    return HUGI_OK;
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
    if (!(d->nodes[node].on & 0x7FFFu))
        return NONE;
    for (uint32_t id = d->olist[d->nodes[node].ofirst]; id != NONE; id = d->ent[id].next_same)
        if (d->ent[id].role == role)
            return id;
    return NONE;
}

/* ---- negation ---------------------------------------------------------------------------- */

/* The length of the longest prefix p of term[0..len) for which hugi_tm_dict_find(d, term, p,
 * role) finds an entry (0: none), in one walk down the trie instead of one lookup per prefix. */
static size_t find_prefix_role(const struct hugi_tm_dict *d, const char *term, size_t len,
                               enum hugi_tm_role role)
{
    const unsigned char *s = (const unsigned char *)term;
    uint32_t node = 0;
    size_t i = 0, best = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = 1;
        if (s[i] < 0x80) {
            cp = s[i];
        } else {
            n = hugi_utf8_decode(term + i, len - i, &cp);
            if (n == 0)
                break;
        }
        i += n;
        node = step(d, node, cp);
        if (node == NONE)
            break;
        if (!(d->nodes[node].on & 0x7FFFu))
            continue;
        for (uint32_t id = d->olist[d->nodes[node].ofirst]; id != NONE; id = d->ent[id].next_same)
            if (d->ent[id].role == role) {
                best = i;
                break;
            }
    }
    return best;
}

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

/* Verbs of opinion whose negation is the negation of what follows ("neg-raising"); not
 * "expect": "didn't expect it to be this good" is praise. By length, as en_neg_by_len.
 * "once" reaches alike after a negator: "not once did it let me down", "never once did I look
 * at my phone" deny the clause that follows (session eight, en8). A causative opens a clause
 * alike: "never makes you feel stupid", "doesn't make you look cool" (make, makes, made; session
 * ten, en10). */
static const char *const en_raise_by_len[9] = {"",
                                               "",
                                               "",
                                               "",
                                               "feelmakemadeonce",
                                               "thinkguessdoubtmakes",
                                               "reckondoubts",
                                               "thoughtbelievesupposeimagine",
                                               ""};

/* English negators and contrast words by length: each string is the words of that length
 * side by side (a word is compared with the few of its own length only). */
static const char *const en_neg_by_len[9] = {
    "",
    "",
    "no",
    "notnor",
    "nonedontisntcantwontaintlack",
    "neverdidntwasntarenthasnthadntlacksdoubt",
    "doubtscannotnobodydoesntwerenthardlybarelyhaventneedntmustntlackedrarelyseldom",
    "withoutneithernothingcouldntwouldntnowherelacking",
    "shouldnt"};

static const char *const en_contrast_by_len[9] = {"", "",       "",        "butyet",  "",
                                                  "", "though", "however", "although"};

/* lens (of by_len): per first letter a-z, bit n set when a word of length n starts with it
 * (word_lens_init), so that most words are turned away without reading the list */
static bool word_in(const char *w, size_t n, const char *const *by_len, const uint16_t *lens)
{
    /* every listed word is 2-8 bytes of a-z; most words of a text are not negators */
    if (n < 2 || n > 8 || w[0] < 'a' || w[0] > 'z' || !(lens[w[0] - 'a'] >> n & 1))
        return false;
    for (const char *p = by_len[n]; *p; p += n)
        if (p[0] == w[0] && !memcmp(p, w, n))
            return true;
    return false;
}

/* Korean post-negation: what follows a predicate stem to negate it. Checked at the start of
 * the rest of the word after the term and of the next word. */
struct lit {
    const char *s;
    size_t n; /* strlen(s), known at compile time */
};
#define LIT(x)                                                                                     \
    {                                                                                              \
        x, sizeof(x) - 1                                                                           \
    }
static const struct lit ko_post_rest[] = {
    LIT("지않"), LIT("지 않"), LIT("지못"),    LIT("지 못"),   LIT("지도않"),
    LIT("진않"), LIT("진 않"), LIT("지는않"),  LIT("지도 않"), LIT("않"),
    LIT("없"),   LIT("아니"),  LIT("지 아니"), LIT("지도 못")};
static const struct lit ko_post_next[] = {
    LIT("않"),    LIT("없"),    LIT("아니"),  LIT("못하"),  LIT("못해"),  LIT("못했"), LIT("못함"),
    LIT("못 하"), LIT("못 해"), LIT("못 했"), LIT("못 할"), LIT("못 함"), LIT("몬")};

/* degree adverbs that sit between a word and the negator after it (거의 없, 전혀 안 나, 싹
 * 없어졌) */
static const struct lit ko_degree[] = {
    LIT("거의"), LIT("전혀"), LIT("하나도"), LIT("1도"), LIT("일도"), LIT("별로"), LIT("그다지"),
    LIT("딱히"), LIT("싹"), LIT("절대"), LIT("결코"), LIT("절대로"), LIT("아예"),
    /* ko10: not a single one (상처 하나 없어요), and how much of it went (많이 줄었어요, 다
     * 사라졌어요, 금방 사라져요) */
    LIT("하나"), LIT("많이"), LIT("다"), LIT("좀"), LIT("확"), LIT("꽤"), LIT("금방")};
/* a dependent noun a modifier leans on before the negator (아쉬운 점이 하나도 없, 불편한 부분
 * 없, 좋은 건 아니): the modifier is what is denied (ko9; each with its trailing space) */
static const struct lit ko_dep_noun[] = {
    LIT("점이 "),   LIT("점은 "), LIT("점도 "), LIT("점 "),   LIT("부분이 "), LIT("부분은 "),
    LIT("부분도 "), LIT("부분 "), LIT("곳이 "), LIT("곳은 "), LIT("곳도 "),   LIT("데가 "),
    LIT("데는 "),   LIT("건 "),   LIT("게 "),   LIT("거 "),   LIT("것이 "),   LIT("것은 "),
    LIT("것도 "),   LIT("일이 "), LIT("일은 "), LIT("일도 "), LIT("적이 "),   LIT("적도 ")};
/* "little of it" after a noun (소음 적고, 냄새가 적어요, 효과가 적네요): 적다 denies the noun's
 * amount as 없 denies it (ko9); not 적당, 적어도, 적이 */
static const struct lit ko_little[] = {LIT("적고"),   LIT("적은"), LIT("적음"), LIT("적네"),
                                       LIT("적다"),   LIT("적었"), LIT("적습"), LIT("적어요"),
                                       LIT("적어서"), LIT("적어 ")};
/* 안 나: "does not come up", after a noun (냄새 안 나요) */
static const struct lit ko_not_occur[] = {LIT("안 나"), LIT("안나")};
/* a noun that went away or lessened (각질이 싹 사라졌어요, 소음이 많이 줄었어요; 재미가
 * 사라졌어요 is then a complaint): 사라지/줄어 deny it as 없 does (ko10) */
static const struct lit ko_gone[] = {LIT("사라지"), LIT("사라졌"), LIT("사라져"),
                                     LIT("사라짐"), LIT("줄었"),   LIT("줄어")};

/* has_at() for a literal that starts with a three-byte syllable (all of the above) */
static inline bool has_lit(const char *s, size_t len, size_t at, const struct lit *l)
{
    return at + l->n <= len && s[at + 2] == l->s[2] && s[at + 1] == l->s[1] && s[at] == l->s[0] &&
           !memcmp(s + at + 3, l->s + 3, l->n - 3);
}

/* Per table of literals (at most 32), the literals that may start at an offset, by the low 8
 * bits of the code point there (the low 2 bits of its second byte and the low 6 of its third;
 * lit_index_of, at program start): a bit per literal, in the table's order. has_lit() of a
 * literal at `at` needs its bit in the mask of the text's bytes there, so a table is tried
 * only at the literals its mask names (none at most offsets), first to last as before: the
 * first that matches wins, as it did. neg_after() compared up to 70 literals one by one at the
 * word after a term otherwise (session eleven, speed12). `near`: the literals shorter than 3
 * bytes (none in the tables below), tried everywhere. */
struct lit_index {
    uint32_t m[256];
    uint32_t near;
};
static struct lit_index post_rest_ix, post_next_ix, dep_noun_ix, degree_ix, little_ix, not_occur_ix,
    gone_ix;
/* The bytes that end neg_after()'s look at the rest of a word: a space or a clause_break() (at
 * program start, from clause_break itself) */
static bool word_stop[256];
/* neg_after()'s look at the rest of a word stops this many bytes past the term: the longest
 * ko_post_rest literal and a linking syllable (at least 7, so a word of that length is too long
 * for the next word to be looked at); at program start from the table */
static size_t post_rest_reach = 7;
#define LITS(a) (a), sizeof(a) / sizeof((a)[0])
static inline unsigned lit_key(const unsigned char *u)
{
    return (unsigned)(u[1] & 3u) << 6 | (u[2] & 63u);
}
/* The literals of x that may start at s[at] (a bit each, the table's order). */
static inline uint32_t lit_cands(const struct lit_index *x, const char *s, size_t len, size_t at)
{
    if (at + 3 > len)
        return x->near;
    return x->m[lit_key((const unsigned char *)s + at)] | x->near;
}

static void lit_index_of(struct lit_index *x, const struct lit *l, size_t n)
{
    memset(x, 0, sizeof(*x));
    for (size_t k = 0; k < n && k < 32; k++) {
        if (l[k].n < 3) {
            x->near |= 1u << k;
            continue;
        }
        x->m[lit_key((const unsigned char *)l[k].s)] |= 1u << k;
    }
    /* a table beyond 32 literals is tried whole (never filtered) */
    for (size_t k = 32; k < n; k++)
        x->near = UINT32_MAX;
}

/* The first literal of l (in its order) among the candidates c that is at s[at]: its index, or
 * -1. */
static inline int lit_first(uint32_t c, const struct lit *l, const char *s, size_t len, size_t at)
{
    for (; c; c &= c - 1) {
        int k = __builtin_ctz(c);
        if (has_lit(s, len, at, &l[k]))
            return k;
    }
    return -1;
}

static void word_lens(const char *const *by_len, uint16_t *lens)
{
    for (size_t n = 2; n <= 8; n++)
        for (const char *p = by_len[n]; *p; p += n)
            lens[(unsigned char)p[0] - 'a'] |= (uint16_t)(1u << n);
}

/* The filters above, from the tables themselves (so they cannot fall out of step with them),
 * once at program start: read-only afterwards, as the scorer's thread safety wants. */
__attribute__((constructor)) static void word_lens_init(void)
{
    word_lens(en_neg_by_len, en_neg_lens);
    word_lens(en_raise_by_len, en_raise_lens);
    word_lens(en_contrast_by_len, en_contrast_lens);
    lit_index_of(&post_rest_ix, LITS(ko_post_rest));
    lit_index_of(&post_next_ix, LITS(ko_post_next));
    lit_index_of(&dep_noun_ix, LITS(ko_dep_noun));
    lit_index_of(&degree_ix, LITS(ko_degree));
    lit_index_of(&little_ix, LITS(ko_little));
    lit_index_of(&not_occur_ix, LITS(ko_not_occur));
    lit_index_of(&gone_ix, LITS(ko_gone));
    for (unsigned c = 0; c < 256; c++)
        word_stop[c] = c == ' ' || clause_break((unsigned char)c);
    for (size_t k = 0; k < sizeof(ko_post_rest) / sizeof(ko_post_rest[0]); k++)
        if (ko_post_rest[k].n + 3 > post_rest_reach)
            post_rest_reach = ko_post_rest[k].n + 3;
    /* ko_glued_rest looks further into the word: a particle, a degree adverb and the negator
     * glued after the term (트러블이절대로없어요) */
    for (size_t k = 0; k < sizeof(ko_degree) / sizeof(ko_degree[0]); k++)
        if (3 + ko_degree[k].n + 3 > post_rest_reach)
            post_rest_reach = 3 + ko_degree[k].n + 3;
}

/* A modifier's own noun before the negator (ko10): "볼만한 콘텐츠는 없어요", "친절한 직원이
 * 없어요", "좋은 제품은 아니에요": what is denied is the modified noun, so the modifier is. The
 * word ending at s[we] ends in a modifier syllable (좋은, 볼만한, 불편할); the next word (at nx) is
 * 1-4 Hangul syllables and a subject, topic or also particle (이 가 은 는 도), and the word after
 * it (past a degree adverb: 하나도 없) starts with 없 or 아니. Returns where that word (or the
 * adverb) starts, or 0. Not after a longer rest than one syllable (좋은데 직원이 없: a clause of
 * its own). */
static size_t ko_modified_noun(const char *s, size_t len, size_t we, size_t nx)
{
    /* the cheap tests first: every modifier syllable below ends in ㄴ or ㄹ (final consonant 4
     * or 8), which most words' last syllables do not; then 2-5 Hangul syllables up to the next
     * space, the last a particle, then 없 or 아니 (past a degree adverb) */
    if (we < 3)
        return 0;
    const unsigned char *w = (const unsigned char *)s + we - 3;
    if ((w[0] & 0xF0) != 0xE0)
        return 0;
    uint32_t wc = ((uint32_t)(w[0] & 0x0F) << 12) | ((uint32_t)(w[1] & 0x3F) << 6) | (w[2] & 0x3F);
    if (wc < 0xAC00 || wc > 0xD7A3 || ((wc - 0xAC00) % 28 != 4 && (wc - 0xAC00) % 28 != 8))
        return 0;
    size_t ne = nx, syl = 0;
    while (ne < len && s[ne] != ' ') {
        if (++syl > 5 || ne + 3 > len)
            return 0;
        const unsigned char *u = (const unsigned char *)s + ne;
        uint32_t cp = ((u[0] & 0xF0) == 0xE0) ? ((uint32_t)(u[0] & 0x0F) << 12) |
                                                    ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F)
                                              : 0;
        if (cp < 0xAC00 || cp > 0xD7A3)
            return 0;
        ne += 3;
    }
    if (syl < 2 || ne >= len || s[ne] != ' ')
        return 0;
    size_t p = ne - 3;
    if (!(has_at(s, len, p, "이") || has_at(s, len, p, "가") || has_at(s, len, p, "은") ||
          has_at(s, len, p, "는") || has_at(s, len, p, "도")))
        return 0;
    size_t x = ne + 1;
    for (uint32_t c = lit_cands(&degree_ix, s, len, x); c; c &= c - 1) {
        int k = __builtin_ctz(c);
        if (has_lit(s, len, x, &ko_degree[k]) && x + ko_degree[k].n < len &&
            s[x + ko_degree[k].n] == ' ') {
            x += ko_degree[k].n + 1;
            break;
        }
    }
    if (!(has_at(s, len, x, "없") || has_at(s, len, x, "아니")))
        return 0;
    /* the usual modifier syllables (a noun's last syllable, 연결 or 사진, is none of them) */
    static const char *const mod[] = {"은", "는", "운", "한", "할", "된", "던", "쁜", "픈", "큰",
                                      "싼", "른", "린", "난", "울", "짠", "쓴", "본", "간"};
    for (size_t k = 0; we >= 3 && k < sizeof(mod) / sizeof(mod[0]); k++)
        if (has_at(s, len, we - 3, mod[k]))
            return ne + 1;
    return 0;
}

/* "never had such bland food", "never been so disappointed", "never been more impressed",
 * "never had better sushi": never with such/so/more between it and the term, or before a
 * comparative, exclaims rather than negates. s[from..to) is the text between, the term starts
 * at `to`. */
static bool never_exclaims(const char *s, size_t len, size_t from, size_t to)
{
    static const char *const between[] = {" such ", " so ", " more ", NULL};
    /* the word's trailing space is the one before the term */
    size_t end = to + 1 < len ? to + 1 : len;
    for (const char *const *b = between; *b && from < end; b++)
        if (hugi_memmem(s + from, end - from, *b, strlen(*b)))
            return true;
    static const char *const comparative[] = {"better", "happier", "worse", NULL};
    for (const char *const *c = comparative; *c; c++) {
        size_t cl = strlen(*c);
        if (to + cl <= len && !memcmp(s + to, *c, cl) &&
            (to + cl == len || !isalpha((unsigned char)s[to + cl])))
            return true;
    }
    return false;
}

/* The look before a term stops inside a word longer than this (bytes): no negator is near that
 * long (the shipped lexicons' longest is 10 bytes). */
#define NEG_WORD_MAX 256

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
    /* English: up to 3 words back, stopping at clause punctuation or a contrast word; further
     * back (6 words) only for a negator right before a verb of opinion, which negates the clause
     * it opens: "I don't think you will be disappointed", "didn't think it was good". */
    size_t i = start;
    bool raising = false; /* the word scanned last (the next one in the text) is such a verb */
    bool single = false;  /* the word scanned last is "single" */
    bool skipped = false; /* a "single" was skipped: once only ("a single a single ..." would
                             otherwise reach back to the text's start from every word) */
    for (int words = 0; words < (t->raising ? 6 : 3) && i > 0;) {
        /* skip separators */
        while (i > 0 && !hugi_tm_is_word_cp(cp_before((const unsigned char *)s, i))) {
            if (clause_break((unsigned char)s[i - 1]))
                return HUGI_TM_NEG_NONE;
            i--;
        }
        if (i == 0)
            break;
        size_t we = i;
        /* back over the word; a whole well-formed three-byte letter (Hangul) at a time: the
         * byte-wise steps inside it see the same letter, so they end at the same place. At most
         * NEG_WORD_MAX bytes: a text with its spacing left out is one word, which every term
         * inside it would otherwise walk back to its start (review13) */
        size_t stop = we > NEG_WORD_MAX ? we - NEG_WORD_MAX : 0;
        while (i > stop) {
            const unsigned char *u = (const unsigned char *)s;
            uint32_t cp = cp_before(u, i);
            if (!hugi_tm_is_word_cp(cp))
                break;
            i -= (i >= 3 && cp >= 0x800 && (u[i - 3] & 0xF0) == 0xE0 && (u[i - 2] & 0xC0) == 0x80 &&
                  (u[i - 1] & 0xC0) == 0x80)
                     ? 3
                     : 1;
        }
        if (i <= stop && i > 0 && hugi_tm_is_word_cp(cp_before((const unsigned char *)s, i)))
            return HUGI_TM_NEG_NONE; /* no negator is this long, and the reach ends in it */
        while (i < we && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        size_t ws = i;
        words++;
        size_t n = we - ws;
        /* "haven't had a single issue", "not one single complaint" (session eleven, en11): the
         * emphatic "a single" / "one single" right before the word is the denial's, so it does
         * not use up its reach (what follows the word further on reaches as before) */
        if (!skipped && words == 1 && n == 6 && !memcmp(s + ws, "single", 6))
            single = skipped = true, words--;
        else if (single && ((n == 1 && s[ws] == 'a') || (n == 3 && !memcmp(s + ws, "one", 3))))
            single = false, words--;
        else
            single = false;
        bool neg = word_in(s + ws, n, en_neg_by_len, en_neg_lens);
        bool after_raising = raising;
        raising = t->raising && word_in(s + ws, n, en_raise_by_len, en_raise_lens);
        /* don't, isn't: the word "t" after "n'" */
        if (!neg && n == 1 && s[ws] == 't' && ws >= 2 && s[ws - 1] == '\'' && s[ws - 2] == 'n')
            neg = true;
        if (!neg && d && n > 0 &&
            (d->negbits[neg_hash(s + ws, n) >> 6] >> (neg_hash(s + ws, n) & 63) & 1))
            neg = hugi_tm_dict_find(d, s + ws, n, HUGI_TM_NEGATOR) != NONE;
        /* "I doubt you'll be disappointed": doubt is a negator and a verb of opinion at once,
         * so it negates the clause it opens like "don't think" does */
        if (neg && words > 3 && !after_raising && !raising)
            return HUGI_TM_NEG_NONE;
        if (neg && n == 5 && !memcmp(s + ws, "never", 5) && never_exclaims(s, t->len, we, start))
            return HUGI_TM_NEG_NONE;
        if (neg) {
            if (span)
                *span = (struct hugi_tm_match){(uint32_t)ws, (uint32_t)we, NONE};
            return HUGI_TM_NEG_BEFORE;
        }
        if (word_in(s + ws, n, en_contrast_by_len, en_contrast_lens))
            return HUGI_TM_NEG_NONE;
        /* A Hangul word before that is not 안/못 ends the Korean window. */
        if (t->s[ws] & 0x80)
            return HUGI_TM_NEG_NONE;
    }
    return HUGI_TM_NEG_NONE;
}

/* Does a three-byte 지 진 않 없 or 아 (EC A7 80, EC A7 84, EC 95 8A, EC 97 86, EC 95 84)
 * start at s[at]? */
static inline bool post_lead(const char *text, size_t len, size_t at)
{
    if (at + 3 > len)
        return false;
    const unsigned char *u = (const unsigned char *)text + at;
    return u[0] == 0xEC &&
           ((u[1] == 0xA7 && (u[2] == 0x80 || u[2] == 0x84)) ||
            (u[1] == 0x95 && (u[2] == 0x8A || u[2] == 0x84)) || (u[1] == 0x97 && u[2] == 0x86));
}

/* Does 없, 않 or 아니 start at s[at]? (the negators a word can be glued to when the spacing is
 * left out) */
static inline bool ko_glued_negator(const char *s, size_t len, size_t at)
{
    return has_at(s, len, at, "없") || has_at(s, len, at, "않") || has_at(s, len, at, "아니");
}

/* A degree adverb at s[at] (ko_degree) that belongs to the negator after it: followed by a space
 * (하나도 없어요, ko8) or, with the spacing left out, glued to 없/않/아니 (하나도없어요,
 * 전혀없음: ko11). Returns where the negator's word starts, or `at` when there is none. */
static size_t ko_degree_skip(const char *s, size_t len, size_t at)
{
    for (uint32_t c = lit_cands(&degree_ix, s, len, at); c; c &= c - 1) {
        int k = __builtin_ctz(c);
        if (!has_lit(s, len, at, &ko_degree[k]))
            continue;
        size_t e = at + ko_degree[k].n;
        if (e < len && s[e] == ' ')
            return e + 1;
        if (ko_glued_negator(s, len, e))
            return e;
    }
    return at;
}

/* Is a particle of a noun (도 이 가 은 는) at s[at]? */
static inline bool ko_noun_particle(const char *s, size_t len, size_t at)
{
    return has_at(s, len, at, "도") || has_at(s, len, at, "이") || has_at(s, len, at, "가") ||
           has_at(s, len, at, "은") || has_at(s, len, at, "는");
}

/* The negator inside the rest of the word when the spacing is left out (ko11; ko_wide only):
 * past a degree adverb glued to it, right after the term or after its particle
 * (트러블하나도없어요, 자극이전혀없어요). Returns the negator's offset or 0. (A noun's last
 * syllable and its particle before 없, 색빠|짐도없어요, was measured too: the probe +1 text,
 * NSMC and the app reviews -4 and -3 texts cross-fitted; left out.) */
static size_t ko_glued_rest(const char *s, size_t len, size_t end, size_t we)
{
    /* the cheap test first (most n-gram ends have none): a 없 않 or 아 (EC 97 86, EC 95 8A,
     * EC 95 84) where the negator can stand, past a particle and an adverb of 1-3 syllables */
    bool lead = false;
    for (size_t p = end + 3; !lead && p + 3 <= we && p <= end + 12; p += 3) {
        const unsigned char *u = (const unsigned char *)s + p;
        lead = u[0] == 0xEC &&
               ((u[1] == 0x97 && u[2] == 0x86) || (u[1] == 0x95 && (u[2] == 0x8A || u[2] == 0x84)));
    }
    if (!lead)
        return 0;
    size_t x = end;
    if (x + 3 <= we && ko_noun_particle(s, len, x))
        x += 3;
    size_t nx = ko_degree_skip(s, len, x);
    if (nx == x)
        nx = ko_degree_skip(s, len, end);
    return nx != x && nx != end && nx < we && ko_glued_negator(s, len, nx) ? nx : 0;
}

static enum hugi_tm_neg neg_after(const struct hugi_tm_text *t, uint32_t end,
                                  const struct hugi_tm_dict *d, struct hugi_tm_match *span)
{
    const char *s = t->s;
    size_t len = t->len;
    /* rest of the word, looked at up to post_rest_reach bytes: every test below holds alike for
     * any end of the word beyond that (the next word is out of reach, and every ko_post_rest
     * literal after a linking syllable ends within 6 bytes past it; ko_glued_rest reads at most
     * 15). The cap also keeps a text with its spacing left out from being walked to its end
     * from every term inside it (review13) */
    size_t we = end, wmax = len - end > post_rest_reach ? end + post_rest_reach : len;
    while (we < wmax && !word_stop[(unsigned char)s[we]])
        we++;
    /* Every ko_post_rest literal starts with 지 진 않 없 or 아: where neither offset holds
     * one, none can match (most n-gram ends), and the 28 comparisons are skipped. */
    uint32_t cand[2] = {post_lead(s, len, end) ? lit_cands(&post_rest_ix, s, len, end) : 0,
                        post_lead(s, len, end + 3) ? lit_cands(&post_rest_ix, s, len, end + 3) : 0};
    /* the literals in the table's order, each at either offset */
    for (uint32_t c = cand[0] | cand[1]; c; c &= c - 1) {
        int k = __builtin_ctz(c);
        size_t n = ko_post_rest[k].n;
        /* allowed after 0-1 linking syllable (좋지는 않, 재미가 없) */
        for (size_t off = 0; off <= 3 && end + off <= len; off += 3) {
            if ((cand[off / 3] >> k & 1u) && has_lit(s, len, end + off, &ko_post_rest[k]) &&
                end + off + n <= we + 6) {
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
    if (t->ko_wide && we > end + 3) {
        size_t g = ko_glued_rest(s, len, end, we);
        if (g) {
            if (span)
                *span = (struct hugi_tm_match){(uint32_t)g, (uint32_t)(g + 3), NONE};
            return HUGI_TM_NEG_AFTER;
        }
    }
    /* next word, when the rest of this one is short (좋은 건 아니다 is out of reach; 좋지 않다
     * and 재미 없다 are in) */
    if (we < len && s[we] == ' ' && we - end <= 6) {
        size_t nx = we + 1;
        if (t->ko_wide) {
            /* a dependent noun after a modifier that ends the word (아쉬운 점이 없) */
            bool dep = false;
            bool mod_end = (we == end || we == end + 3);
            int kd = mod_end
                         ? lit_first(lit_cands(&dep_noun_ix, s, len, nx), ko_dep_noun, s, len, nx)
                         : -1;
            if (kd >= 0) {
                nx += ko_dep_noun[kd].n;
                dep = true;
            }
            /* or a noun of its own (볼만한 콘텐츠는 없어요: ko10) */
            if (!dep && mod_end) {
                size_t nn = ko_modified_noun(s, len, we, nx);
                if (nn)
                    nx = nn;
            }
            /* a degree adverb between the word and its negator (발열이 거의 없어요, 냄새 전혀 안
             * 나요, 하자 하나도 없: ko8; glued to it, 하나도없어요: ko11) belongs to the negator:
             * look at where the negator starts */
            nx = ko_degree_skip(s, len, nx);
            if (lit_first(lit_cands(&little_ix, s, len, nx), ko_little, s, len, nx) >= 0) {
                if (span)
                    *span = (struct hugi_tm_match){(uint32_t)nx, (uint32_t)(nx + 3), NONE};
                return HUGI_TM_NEG_AFTER;
            }
            /* a complaint noun that "does not come up" (냄새 안 나요, 소음이 안나요, 잡내 전혀 안
             * 나요): 안 나 after the word negates it like 없 does; not 안 나와/나가/나오 (소리가 안
             * 나와요: it does not work) */
            for (uint32_t c = lit_cands(&not_occur_ix, s, len, nx); c; c &= c - 1) {
                int k = __builtin_ctz(c);
                size_t e = nx + ko_not_occur[k].n;
                if (has_lit(s, len, nx, &ko_not_occur[k]) &&
                    !(has_at(s, len, e, "와") || has_at(s, len, e, "가") ||
                      has_at(s, len, e, "오") || has_at(s, len, e, "왔") ||
                      has_at(s, len, e, "갔"))) {
                    if (span)
                        *span = (struct hugi_tm_match){(uint32_t)nx, (uint32_t)e, NONE};
                    return HUGI_TM_NEG_AFTER;
                }
            }
            int kg = lit_first(lit_cands(&gone_ix, s, len, nx), ko_gone, s, len, nx);
            if (kg >= 0) {
                if (span)
                    *span =
                        (struct hugi_tm_match){(uint32_t)nx, (uint32_t)(nx + ko_gone[kg].n), NONE};
                return HUGI_TM_NEG_AFTER;
            }
        }
        /* every ko_post_next literal starts with 않 없 아 못 or 몬 (EC 95 8A, EC 97 86,
         * EC 95 84, EB AA BB, EB AA AC): a next word that does not is compared with none */
        const unsigned char *u = (const unsigned char *)s + nx;
        bool next_lead =
            nx + 3 <= len && ((u[0] == 0xEC && ((u[1] == 0x95 && (u[2] == 0x8A || u[2] == 0x84)) ||
                                                (u[1] == 0x97 && u[2] == 0x86))) ||
                              (u[0] == 0xEB && u[1] == 0xAA && (u[2] == 0xBB || u[2] == 0xAC)));
        int kn = next_lead
                     ? lit_first(lit_cands(&post_next_ix, s, len, nx), ko_post_next, s, len, nx)
                     : -1;
        if (kn >= 0) {
            if (span)
                *span =
                    (struct hugi_tm_match){(uint32_t)nx, (uint32_t)(nx + ko_post_next[kn].n), NONE};
            return HUGI_TM_NEG_AFTER;
        }
        if (d) {
            size_t ne = nx;
            while (ne < len && s[ne] != ' ')
                ne++;
            /* the longest prefix of the next word that is a post-negator of d: one walk down
             * the trie (what hugi_tm_dict_find() finds for each prefix, longest first) */
            size_t e2 = find_prefix_role(d, s + nx, ne - nx, HUGI_TM_NEGATOR_POST);
            if (e2) {
                if (span)
                    *span = (struct hugi_tm_match){(uint32_t)nx, (uint32_t)(nx + e2), NONE};
                return HUGI_TM_NEG_AFTER;
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

/* ---- compiled image ------------------------------------------------------------------------
 * The built dictionary as one position-independent file (lexicons/README.md "Compiled image"):
 * a header, then sections at 64-byte offsets, each an array of fixed-width little-endian
 * records that the matcher uses where they lie (states, labels, entry lists, transitions,
 * sums); only the entry table is rebuilt (its records hold offsets, the API's pointers). The
 * image is never trusted: hugi_tm_dict_load_image() checks the checksum and then every count,
 * section bound, index and the automaton's shape (each state one parent, depths, links to
 * shallower states only) before a single lookup, so that no image can make matching read out
 * of bounds or loop. */

#define IMG_MAGIC   "HUGI-LXI"
#define IMG_VERSION 3u /* 2: struct hugi_tm_sum has sum2 (32 bytes); 3: hugi_tm_image_sum */
#define IMG_ENDIAN  0x01020304u
#define IMG_F_SUMS  1u

enum {
    S_ENT,
    S_CHARS,
    S_NODES,
    S_LABELS,
    S_OLIST,
    S_ROOT,
    S_EDGES,
    S_SUMS,
    S_SUMMED,
    S_SUMLIST,
    S_SUMFIRST,
    S_EXTRA,
    S_COUNT_
};

struct img_sec {
    uint64_t off, len;
};

struct img_hdr {
    char magic[8];
    uint32_t version;
    uint32_t hdr_size;
    uint64_t size;
    uint64_t check; /* hugi_tm_image_sum of bytes [32, size), seeded with the version */
    uint8_t key[HUGI_TM_IMAGE_KEY];
    uint32_t nent, nnode, nchars, nslots;
    uint32_t flags, endian, extra_len, pad_;
    struct img_sec sec[S_COUNT_];
};

struct img_ent {
    uint32_t term_off, len;
    uint16_t kind, role;
    float weight;
    uint32_t tag_off, next_same, line, flags;
};

/* The records are the in-memory structs: their layout is part of the format. */
_Static_assert(sizeof(struct img_hdr) == 288, "image header layout");
_Static_assert(sizeof(struct img_ent) == 32, "image entry layout");
_Static_assert(sizeof(struct node) == 32, "image state layout");
_Static_assert(sizeof(struct edge) == 12, "image edge layout");
_Static_assert(sizeof(struct hugi_tm_sum) == 32, "image sum layout");
_Static_assert(sizeof(struct hugi_tm_sum_entry) == 12, "image sum entry layout");
_Static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE floats");

static inline uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#define HP1 0x9E3779B185EBCA87ULL
#define HP2 0xC2B2AE3D27D4EB4FULL
#define HP3 0x165667B19E3779F9ULL

/* xxHash64's final mix: every input bit reaches every output bit */
static inline uint64_t avalanche(uint64_t h)
{
    h ^= h >> 33;
    h *= HP2;
    h ^= h >> 29;
    h *= HP3;
    h ^= h >> 32;
    return h;
}

/* Four independent lanes of multiply-rotate (xxHash64's round): ~8 bytes a cycle, so an image
 * of 15 MB is checked in a few milliseconds (FNV, hugi_hash64, would take ~15 ms). */
uint64_t hugi_tm_hash(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t v[4] = {seed + HP1 + HP2, seed + HP2, seed, seed - HP1};
    size_t i = 0;
    for (; i + 32 <= len; i += 32)
        for (int k = 0; k < 4; k++)
            v[k] = rotl64(v[k] + load64(p + i + 8 * k) * HP2, 31) * HP1;
    uint64_t h = rotl64(v[0], 1) + rotl64(v[1], 7) + rotl64(v[2], 12) + rotl64(v[3], 18);
    h += (uint64_t)len;
    for (; i + 8 <= len; i += 8)
        h = rotl64(h ^ (rotl64(load64(p + i) * HP2, 31) * HP1), 27) * HP1 + HP3;
    for (; i < len; i++)
        h = rotl64(h ^ (p[i] * HP3), 11) * HP1;
    return avalanche(h);
}

/* The image checksum (hugi_tm_image_sum): four 64-bit lanes; each 32-byte stripe adds to lane j
 * its neighbour's word (j ^ 1) and the product of the low and high halves of its own word xored
 * with a key that moves on every stripe (so stripes swapped, or a change in one half, still
 * change the sum). A 32 x 32 -> 64-bit multiply is one SSE2 instruction for two lanes: 16
 * instructions a stripe where hugi_tm_hash takes 28, on the 18 MB checked at every start. */
#define IS_K0   0x9FB21C651E98DF25ULL
#define IS_K1   0xC3A5C85C97CB3127ULL
#define IS_K2   0xB492B66FBE98F273ULL
#define IS_K3   0x9AE16A3B2F90404FULL
#define IS_STEP 0xD6E8FEB86659FD93ULL

static inline void sum_stripe_scalar(uint64_t acc[4], uint64_t key[4], const unsigned char *p)
{
    uint64_t d[4];
    for (int j = 0; j < 4; j++)
        d[j] = load64(p + 8 * j);
    for (int j = 0; j < 4; j++) {
        uint64_t k = d[j] ^ key[j];
        acc[j] += d[j ^ 1] + (uint64_t)(uint32_t)k * (k >> 32);
        key[j] += IS_STEP;
    }
}

uint64_t hugi_tm_image_sum(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t acc[4] = {seed ^ HP1, seed ^ HP2, seed ^ HP3, seed ^ IS_K3};
    uint64_t key[4] = {IS_K0, IS_K1, IS_K2, IS_K3 ^ seed};
    size_t i = 0;
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    __m128i a0 = _mm_set_epi64x((long long)acc[1], (long long)acc[0]);
    __m128i a1 = _mm_set_epi64x((long long)acc[3], (long long)acc[2]);
    __m128i k0 = _mm_set_epi64x((long long)key[1], (long long)key[0]);
    __m128i k1 = _mm_set_epi64x((long long)key[3], (long long)key[2]);
    const __m128i step = _mm_set1_epi64x((long long)IS_STEP);
    for (; i + 32 <= len; i += 32) {
        __m128i d0 = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i d1 = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16));
        __m128i x0 = _mm_xor_si128(d0, k0), x1 = _mm_xor_si128(d1, k1);
        /* low half times high half of each 64-bit lane */
        __m128i m0 = _mm_mul_epu32(x0, _mm_shuffle_epi32(x0, _MM_SHUFFLE(2, 3, 0, 1)));
        __m128i m1 = _mm_mul_epu32(x1, _mm_shuffle_epi32(x1, _MM_SHUFFLE(2, 3, 0, 1)));
        /* the neighbour's word: the two 64-bit lanes swapped */
        a0 = _mm_add_epi64(a0, _mm_add_epi64(m0, _mm_shuffle_epi32(d0, _MM_SHUFFLE(1, 0, 3, 2))));
        a1 = _mm_add_epi64(a1, _mm_add_epi64(m1, _mm_shuffle_epi32(d1, _MM_SHUFFLE(1, 0, 3, 2))));
        k0 = _mm_add_epi64(k0, step);
        k1 = _mm_add_epi64(k1, step);
    }
    _mm_storeu_si128((__m128i *)(void *)acc, a0);
    _mm_storeu_si128((__m128i *)(void *)(acc + 2), a1);
    _mm_storeu_si128((__m128i *)(void *)key, k0);
    _mm_storeu_si128((__m128i *)(void *)(key + 2), k1);
#endif
    for (; i + 32 <= len; i += 32)
        sum_stripe_scalar(acc, key, p + i);
    if (i < len) {
        unsigned char last[32] = {0}; /* zero-padded: the length below tells it apart */
        memcpy(last, p + i, len - i);
        sum_stripe_scalar(acc, key, last);
    }
    uint64_t h = rotl64(acc[0], 1) + rotl64(acc[1], 7) + rotl64(acc[2], 12) + rotl64(acc[3], 18);
    return avalanche(h ^ (uint64_t)len * HP1);
}

/* hugi_tm_hasher: the same four lanes over a stream of any chunks (a partial stripe waits in
 * buf), finished into 256 bits, each output word mixing all four lanes: one pass over the bytes
 * where four hugi_tm_hash calls with four seeds took four. */
void hugi_tm_hasher_init(struct hugi_tm_hasher *s, const uint64_t seed[4])
{
    s->v[0] = seed[0] + HP1 + HP2;
    s->v[1] = seed[1] + HP2;
    s->v[2] = seed[2];
    s->v[3] = seed[3] - HP1;
    s->len = 0;
    s->nbuf = 0;
}

static inline void hasher_stripe(uint64_t v[4], const unsigned char *p)
{
    for (int k = 0; k < 4; k++)
        v[k] = rotl64(v[k] + load64(p + 8 * k) * HP2, 31) * HP1;
}

void hugi_tm_hasher_add(struct hugi_tm_hasher *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    s->len += len;
    if (s->nbuf) {
        size_t take = 32 - s->nbuf < len ? 32 - s->nbuf : len;
        memcpy(s->buf + s->nbuf, p, take);
        s->nbuf += (unsigned)take;
        p += take;
        len -= take;
        if (s->nbuf < 32)
            return;
        hasher_stripe(s->v, s->buf);
        s->nbuf = 0;
    }
    uint64_t v[4] = {s->v[0], s->v[1], s->v[2], s->v[3]};
    for (; len >= 32; p += 32, len -= 32)
        hasher_stripe(v, p);
    memcpy(s->v, v, sizeof v);
    memcpy(s->buf, p, len);
    s->nbuf = (unsigned)len;
}

void hugi_tm_hasher_end(const struct hugi_tm_hasher *s, uint64_t out[4])
{
    uint64_t v[4] = {s->v[0], s->v[1], s->v[2], s->v[3]};
    if (s->nbuf) {
        /* the last stripe zero-padded: the length, mixed in below, tells the padding apart */
        unsigned char last[32] = {0};
        memcpy(last, s->buf, s->nbuf);
        hasher_stripe(v, last);
    }
    for (int j = 0; j < 4; j++)
        out[j] =
            avalanche(rotl64(v[j], 1) + rotl64(v[(j + 1) & 3], 7) + rotl64(v[(j + 2) & 3], 12) +
                      rotl64(v[(j + 3) & 3], 18) + s->len + (uint64_t)j * HP3);
}

static bool host_le(void)
{
    const uint32_t x = 1;
    unsigned char c;
    memcpy(&c, &x, 1);
    return c == 1;
}

static size_t align64(size_t n)
{
    return (n + 63) & ~(size_t)63;
}

hugi_rc hugi_tm_dict_image(const struct hugi_tm_dict *d, const uint8_t key[HUGI_TM_IMAGE_KEY],
                           const void *extra, size_t extra_len, struct hugi_buf *out,
                           struct hugi_err *err)
{
    if (!d->built)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "dictionary not built");
    if (!host_le())
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, NULL, "images are little-endian only");
    if (extra_len > UINT32_MAX || d->nchars >= UINT32_MAX)
        return hugi_err_set(err, HUGI_E_LIMIT, NULL, "dictionary too large for an image");
    struct img_hdr h;
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, IMG_MAGIC, 8);
    h.version = IMG_VERSION;
    h.hdr_size = sizeof(h);
    memcpy(h.key, key, HUGI_TM_IMAGE_KEY);
    h.nent = (uint32_t)d->nent;
    h.nnode = d->nnode;
    h.nchars = (uint32_t)(d->nchars ? d->nchars : 1);
    h.nslots = (uint32_t)(d->edge_mask + 1);
    h.flags = d->sums ? IMG_F_SUMS : 0;
    h.endian = IMG_ENDIAN;
    h.extra_len = (uint32_t)extra_len;
    size_t n = d->nent, nn = d->nnode;
    uint64_t lens[S_COUNT_] = {
        [S_ENT] = n * sizeof(struct img_ent),
        [S_CHARS] = h.nchars,
        [S_NODES] = nn * sizeof(struct node),
        [S_LABELS] = nn * 4,
        [S_OLIST] = n * 4,
        [S_ROOT] = (uint64_t)ROOT_DENSE * 4,
        [S_EDGES] = (uint64_t)h.nslots * sizeof(struct edge),
        [S_SUMS] = d->sums ? nn * sizeof(struct hugi_tm_sum) : 0,
        [S_SUMMED] = d->sums ? n : 0,
        [S_SUMLIST] = d->sums ? n * sizeof(struct hugi_tm_sum_entry) : 0,
        [S_SUMFIRST] = d->sums ? nn * 4 : 0,
        [S_EXTRA] = extra_len,
    };
    size_t off = align64(sizeof(h));
    for (int k = 0; k < S_COUNT_; k++) {
        h.sec[k].off = off;
        h.sec[k].len = lens[k];
        off = align64(off + lens[k]);
    }
    h.size = off;
    hugi_buf_reset(out);
    if (hugi_buf_grow(out, off) != HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot write image");
    unsigned char *b = (unsigned char *)out->data;
    memset(b, 0, off);
    for (size_t i = 0; i < n; i++) {
        const struct hugi_tm_entry *e = &d->ent[i];
        struct img_ent r = {(uint32_t)(e->term - d->cbase),
                            e->len,
                            e->kind,
                            e->role,
                            e->weight,
                            e->tag ? (uint32_t)(e->tag - d->cbase) : NONE,
                            e->next_same,
                            e->line,
                            e->flags};
        memcpy(b + h.sec[S_ENT].off + i * sizeof(r), &r, sizeof(r));
    }
    if (d->nchars)
        memcpy(b + h.sec[S_CHARS].off, d->cbase, d->nchars);
    const void *src[S_COUNT_] = {
        [S_NODES] = d->nodes,   [S_LABELS] = d->labels,   [S_OLIST] = d->olist,
        [S_ROOT] = d->root,     [S_EDGES] = d->edges,     [S_SUMS] = d->sums,
        [S_SUMMED] = d->summed, [S_SUMLIST] = d->sumlist, [S_SUMFIRST] = d->sumfirst,
        [S_EXTRA] = extra,
    };
    for (int k = S_NODES; k < S_COUNT_; k++)
        if (lens[k])
            memcpy(b + h.sec[k].off, src[k], lens[k]);
    memcpy(b, &h, sizeof(h));
    h.check = hugi_tm_image_sum(b + 32, off - 32, IMG_VERSION);
    memcpy(b, &h, sizeof(h));
    out->len = off;
    return HUGI_OK;
}

static unsigned cp_bytes(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

#define BAD(...) (rc = hugi_err_set(err, HUGI_E_PARSE, "lexicon image", __VA_ARGS__))

/* The automaton's shape and every link, against the rules hugi_tm_dict_build() follows. */
static hugi_rc check_states(const struct img_hdr *h, const struct node *nodes,
                            const uint32_t *labels, const uint32_t *olist,
                            const struct img_ent *ents, const uint32_t *root,
                            const struct edge *edges, const struct hugi_tm_sum *sums,
                            const uint8_t *summed, const struct hugi_tm_sum_entry *sumlist,
                            const uint32_t *sumfirst, struct hugi_err *err)
{
    hugi_rc rc = HUGI_OK;
    uint32_t nn = h->nnode, ne = h->nent;
    uint16_t *depth = malloc((size_t)nn * sizeof(*depth));
    if (!depth)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot check image");
    depth[0] = 0;
    /* breadth-first numbering: the children of the states in order are 1, 2, ... nn-1, each
     * state's a contiguous run, so every state but the root has exactly one parent before it */
    uint32_t expect = 1;
    for (uint32_t u = 0; u < nn && rc == HUGI_OK; u++) {
        const struct node *nd = &nodes[u];
        if (u != 0 && u >= expect) {
            BAD("state %u has no parent", u);
            break;
        }
        if (nd->cn) {
            if (nd->cfirst != expect || nd->cn > nn - expect) {
                BAD("state %u: bad children", u);
                break;
            }
            for (uint32_t c = expect; c < expect + nd->cn; c++) {
                uint32_t cp = labels[c];
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
                    depth[u] + cp_bytes(cp) > 1024) {
                    BAD("state %u: bad label", c);
                    break;
                }
                depth[c] = (uint16_t)(depth[u] + cp_bytes(cp));
            }
            expect += nd->cn;
        }
    }
    if (rc == HUGI_OK && expect != nn)
        BAD("states not a tree");
    for (uint32_t u = 0; u < nn && rc == HUGI_OK; u++) {
        const struct node *nd = &nodes[u];
        uint32_t no = nd->on & 0x7FFFu;
        if (u == 0 ? nd->fail != 0 || nd->dlink != NONE || no
                   : nd->fail >= u || depth[nd->fail] >= depth[u]) {
            BAD("state %u: bad failure link", u);
            break;
        }
        /* shallower in bytes, not only earlier: states are numbered by code points, and a match
         * starts len bytes back, which must stay inside what was read */
        if (nd->dlink != NONE &&
            (nd->dlink >= u || depth[nd->dlink] >= depth[u] || !(nodes[nd->dlink].on & 0x7FFFu))) {
            BAD("state %u: bad output link", u);
            break;
        }
        if (nd->ofirst > ne || no > ne - nd->ofirst || nd->len != (no ? depth[u] : 0)) {
            BAD("state %u: bad entry list", u);
            break;
        }
        for (uint32_t k = 0; k < no; k++)
            if (olist[nd->ofirst + k] >= ne || ents[olist[nd->ofirst + k]].len != nd->len) {
                BAD("state %u: bad entry", u);
                break;
            }
        /* the summed-matching links, derived again as hugi_tm_dict_sum_prepare() does */
        uint32_t dl = nd->dlink;
        bool chain = u != 0 && dl != NONE;
        uint32_t own = 0;
        for (uint32_t k = 0; sums && k < no && rc == HUGI_OK; k++) {
            uint8_t s = summed[olist[nd->ofirst + k]];
            if (s > 1)
                BAD("entry %u: bad summed flag", olist[nd->ofirst + k]);
            own += s;
        }
        if (rc != HUGI_OK)
            break;
        uint32_t rl = (own < no) ? u : (chain ? nodes[dl].rlink : NONE);
        if (!sums)
            rl = no ? u : (dl == NONE ? NONE : dl);
        uint32_t basecnt = sums && chain ? sums[dl].cnt : 0;
        if (nd->rlink != rl || nd->out != (sums ? own + basecnt : 0)) {
            BAD("state %u: bad sum links", u);
            break;
        }
        if (!sums)
            continue;
        const struct hugi_tm_sum *su = &sums[u];
        uint32_t bfirst = chain ? sums[dl].first : NONE;
        if (own == 0) {
            if (su->first != bfirst || su->cnt != basecnt ||
                (chain && (su->up != sums[dl].up || su->maxlen != sums[dl].maxlen))) {
                BAD("state %u: bad sums", u);
                break;
            }
        } else if (su->first != u || su->up != bfirst || su->cnt != own + basecnt ||
                   su->maxlen != nd->len || sumfirst[u] > ne || own > ne - sumfirst[u]) {
            BAD("state %u: bad sums", u);
            break;
        } else {
            for (uint32_t k = 0; k < own; k++)
                if (sumlist[sumfirst[u] + k].id >= ne) {
                    BAD("state %u: bad summed entry", u);
                    break;
                }
        }
    }
    /* transitions: a dense root table and a hash table, each pointing at the child of its state
     * with that label (so a step adds exactly the label's bytes to the depth) */
    const struct node *r0 = &nodes[0];
    for (uint32_t cp = 0; cp < ROOT_DENSE && rc == HUGI_OK; cp++) {
        uint32_t x = root[cp];
        if (x != NONE && (x < r0->cfirst || x - r0->cfirst >= r0->cn || labels[x] != cp))
            BAD("bad root transition");
    }
    size_t empty = 0;
    for (size_t k = 0; k < h->nslots && rc == HUGI_OK; k++) {
        const struct edge *e = &edges[k];
        if (e->node == NONE) {
            empty++;
            continue;
        }
        if (e->node >= nn) {
            BAD("bad transition");
            break;
        }
        const struct node *nd = &nodes[e->node];
        if (e->to < nd->cfirst || e->to - nd->cfirst >= nd->cn || labels[e->to] != e->cp)
            BAD("bad transition");
    }
    if (rc == HUGI_OK && !empty)
        BAD("transition table full");
    free(depth);
    return rc;
}

hugi_rc hugi_tm_dict_load_image(struct hugi_tm_dict *d, const void *data, size_t len,
                                const uint8_t key[HUGI_TM_IMAGE_KEY], const void **extra,
                                size_t *extra_len, struct hugi_err *err)
{
    hugi_rc rc = HUGI_OK;
    if (d->built || d->nent)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "dictionary not empty");
    if (!host_le())
        return hugi_err_set(err, HUGI_E_UNSUPPORTED, NULL, "images are little-endian only");
    const unsigned char *b = data;
    struct img_hdr h;
    if (len < sizeof(h))
        return BAD("truncated (%zu bytes)", len);
    if ((uintptr_t)b % 8)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "image not aligned");
    memcpy(&h, b, sizeof(h));
    if (memcmp(h.magic, IMG_MAGIC, 8))
        return BAD("not a hugi lexicon image");
    if (h.version != IMG_VERSION)
        return BAD("format version %u, this hugi reads %u", h.version, IMG_VERSION);
    if (h.endian != IMG_ENDIAN || h.hdr_size != sizeof(h))
        return BAD("bad header");
    if (h.size != len)
        return BAD("size %zu, header says %llu (truncated?)", len, (unsigned long long)h.size);
    if (hugi_tm_image_sum(b + 32, len - 32, IMG_VERSION) != h.check)
        return BAD("checksum mismatch (corrupted)");
    if (key && memcmp(key, h.key, HUGI_TM_IMAGE_KEY))
        return hugi_err_set(err, HUGI_E_NOTFOUND, "lexicon image",
                            "stale: built from other lexicons");
    if (h.nnode == 0 || h.nnode >= (1u << 30) || h.nent >= NONE - 1 || h.nchars == 0 ||
        h.nslots < 64 || (h.nslots & (h.nslots - 1)) || (h.flags & ~IMG_F_SUMS))
        return BAD("bad counts");
    bool sums = h.flags & IMG_F_SUMS;
    uint64_t n = h.nent, nn = h.nnode;
    const uint64_t want[S_COUNT_] = {
        [S_ENT] = n * sizeof(struct img_ent),
        [S_CHARS] = h.nchars,
        [S_NODES] = nn * sizeof(struct node),
        [S_LABELS] = nn * 4,
        [S_OLIST] = n * 4,
        [S_ROOT] = (uint64_t)ROOT_DENSE * 4,
        [S_EDGES] = (uint64_t)h.nslots * sizeof(struct edge),
        [S_SUMS] = sums ? nn * sizeof(struct hugi_tm_sum) : 0,
        [S_SUMMED] = sums ? n : 0,
        [S_SUMLIST] = sums ? n * sizeof(struct hugi_tm_sum_entry) : 0,
        [S_SUMFIRST] = sums ? nn * 4 : 0,
        [S_EXTRA] = h.extra_len,
    };
    for (int k = 0; k < S_COUNT_; k++)
        if (h.sec[k].off % 64 || h.sec[k].off < sizeof(h) || h.sec[k].off > len ||
            h.sec[k].len != want[k] || h.sec[k].len > len - h.sec[k].off)
            return BAD("section %d out of bounds", k);
#define SEC(k) ((const void *)(b + h.sec[k].off))
    const struct img_ent *ie = SEC(S_ENT);
    const char *chars = SEC(S_CHARS);
    if (chars[h.nchars - 1] != '\0')
        return BAD("strings not terminated");
    /* the string section as a whole is valid UTF-8 (NUL included); a term starts on a code
     * point (not a continuation byte, not NUL) and ends at a NUL: so each term is whole code
     * points and decoding it never runs past the section (a NUL inside a term would only
     * shorten it as a C string: harmless) */
    if (!simple_utf8(chars, h.nchars) && !hugi_utf8_valid(chars, h.nchars))
        return BAD("strings not valid UTF-8");
    for (uint32_t i = 0; i < h.nent; i++) {
        const struct img_ent *e = &ie[i];
        if (e->len == 0 || e->len > 1024 || e->term_off >= h.nchars ||
            e->len >= h.nchars - e->term_off || chars[e->term_off + e->len] != '\0' ||
            ((unsigned char)chars[e->term_off] & 0xC0) == 0x80 || chars[e->term_off] == '\0')
            return BAD("entry %u: bad term", i);
        if (e->kind > HUGI_TM_EXACT || e->role >= HUGI_TM_ROLE_COUNT_ ||
            (e->tag_off != NONE && e->tag_off >= h.nchars) ||
            (e->next_same != NONE && (e->next_same <= i || e->next_same >= h.nent)))
            return BAD("entry %u: bad fields", i);
    }
    rc = check_states(&h, SEC(S_NODES), SEC(S_LABELS), SEC(S_OLIST), ie, SEC(S_ROOT), SEC(S_EDGES),
                      sums ? SEC(S_SUMS) : NULL, SEC(S_SUMMED), SEC(S_SUMLIST), SEC(S_SUMFIRST),
                      err);
    if (rc != HUGI_OK)
        return rc;
    d->ent = malloc((n ? n : 1) * sizeof(*d->ent));
    if (!d->ent)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot load image");
    d->learned_maxlen = 0;
    for (uint32_t i = 0; i < h.nent; i++) {
        const struct img_ent *e = &ie[i];
        d->ent[i] = (struct hugi_tm_entry){chars + e->term_off,
                                           e->len,
                                           e->kind,
                                           e->role,
                                           e->weight,
                                           e->tag_off == NONE ? NULL : chars + e->tag_off,
                                           e->next_same,
                                           e->line,
                                           e->flags};
        if ((e->flags & HUGI_TM_F_LEARNED) && e->len > d->learned_maxlen)
            d->learned_maxlen = e->len;
        neg_note(d, &d->ent[i]);
    }
    d->nent = d->capent = n;
    d->cbase = chars;
    d->nchars = h.nchars;
    d->nnode = h.nnode;
    d->nodes = (struct node *)SEC(S_NODES);
    d->labels = (uint32_t *)SEC(S_LABELS);
    d->olist = (uint32_t *)SEC(S_OLIST);
    d->root = (uint32_t *)SEC(S_ROOT);
    d->edges = (struct edge *)SEC(S_EDGES);
    d->edge_mask = h.nslots - 1;
    d->borrowed = B_NODES | B_LABELS | B_OLIST | B_ROOT | B_EDGES | B_SUMS;
    if (sums) {
        d->sums = (struct hugi_tm_sum *)SEC(S_SUMS);
        d->summed = (uint8_t *)SEC(S_SUMMED);
        d->sumlist = (struct hugi_tm_sum_entry *)SEC(S_SUMLIST);
        d->sumfirst = (uint32_t *)SEC(S_SUMFIRST);
    }
    if (extra)
        *extra = SEC(S_EXTRA);
    if (extra_len)
        *extra_len = h.extra_len;
#undef SEC
    if (sums && !hot_build(d))
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot load lexicon image");
    hugi_tm_text_release(&d->tmp);
    d->built = true;
    return HUGI_OK;
}
#undef BAD

hugi_rc hugi_tm_dict_map_image(struct hugi_tm_dict *d, const char *path,
                               const uint8_t key[HUGI_TM_IMAGE_KEY], const void **extra,
                               size_t *extra_len, struct hugi_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        hugi_rc rc = e == ENOENT ? HUGI_E_NOTFOUND : HUGI_E_IO;
        hugi_err_set(err, rc, path, "cannot open lexicon image: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(struct img_hdr)) {
        close(fd);
        return hugi_err_set(err, HUGI_E_PARSE, path, "lexicon image truncated or not a file");
    }
    /* The image is checked once and then trusted: a file someone else could rewrite under the
     * mapping is not used, nor one larger than any image hugi writes. */
    if (st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        close(fd);
        return hugi_err_set(err, HUGI_E_DENIED, path,
                            "lexicon image not owned by this user or writable by others");
    }
    if ((uint64_t)st.st_size > HUGI_TM_IMAGE_MAX) {
        close(fd);
        return hugi_err_set(err, HUGI_E_PARSE, path, "lexicon image larger than %llu bytes",
                            (unsigned long long)HUGI_TM_IMAGE_MAX);
    }
    size_t len = (size_t)st.st_size;
    /* read-only and pre-faulted: one system call instead of a page fault per 4 KiB */
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return hugi_err_set(err, HUGI_E_IO, path, "cannot map lexicon image: %s", strerror(errno));
    hugi_rc rc = hugi_tm_dict_load_image(d, p, len, key, extra, extra_len, err);
    if (rc != HUGI_OK) {
        munmap(p, len);
        if (err && !strcmp(err->where, "lexicon image"))
            snprintf(err->where, sizeof(err->where), "%s", path);
        return rc;
    }
    d->map = p;
    d->maplen = len;
    return HUGI_OK;
}
