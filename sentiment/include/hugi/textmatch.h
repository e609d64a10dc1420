/* SPDX-License-Identifier: MIT
 * hugi textmatch: the text normaliser and the in-word multi-pattern matcher that the sentiment
 * scorer is built on, public so that other stages (complaint categories) match their own word
 * lists exactly the way the scorer does and report evidence as byte offsets into the original.
 *
 *   struct hugi_tm_text t;            // one per thread, reused line after line
 *   hugi_tm_text_init(&t);
 *   hugi_tm_normalize(&t, s, len, &err);            // t.s / t.len, t.orig[] maps back
 *   struct hugi_tm_dict *d = hugi_tm_dict_new();
 *   hugi_tm_dict_load_file(d, "lexicons/ko-complaints.tsv", &err);   // TSV, see lexicons/README
 *   hugi_tm_dict_build(d, &err);                    // read-only (thread-safe) from here on
 *   hugi_tm_match(d, &t, callback, ctx);            // every match, in end order
 *   hugi_tm_text_release(&t); hugi_tm_dict_free(d);
 *
 * Stable API: the complaints stage depends on it. Extend, do not change.
 */
#ifndef HUGI_TEXTMATCH_H
#define HUGI_TEXTMATCH_H

#include "hugi/core.h"

/* ---- normalised text -------------------------------------------------------------------------
 * The normaliser turns any bytes into valid UTF-8 that matching is done on:
 *   - invalid UTF-8 bytes become U+FFFD (counted in nbad), NUL bytes become a space;
 *   - NFKC-like folding per code point through utf8proc (full-width forms, ligatures, circled
 *     digits), case folding, accents stripped (naïve → naive); Hangul syllables and Hangul
 *     compatibility jamo (ㅋ ㅠ) are kept as they are, so ㅋㅋ stays matchable;
 *   - typographic quotes fold to ASCII ' and "; every run of white space (incl. U+00A0, U+3000,
 *     tabs, CR, LF) becomes one ASCII space; leading and trailing space is dropped;
 *   - a run of 3 or more of the same code point is cut to 2 (sooooo → soo, ㅋㅋㅋㅋ → ㅋㅋ,
 *     !!!! → !!); `nelong` counts such runs, so the emphasis is not lost;
 *   - variation selectors (VS16 after emoji) and zero-width joiners/spaces are dropped.
 * orig[i] is the byte offset in the original text of the code point that normalised byte i came
 * from; orig[len] is the original length. So a match [a, b) in s is the original span
 * [orig[a], orig[b]) — always on code point boundaries of the original. */
struct hugi_tm_text {
    char *s;        /* normalised, NUL-terminated; owned by the struct */
    size_t len;     /* bytes in s */
    uint32_t *orig; /* len + 1 entries; owned by the struct */
    size_t nbad;    /* invalid bytes replaced */
    size_t nelong;  /* runs of >= 3 equal code points cut to 2 */
    size_t nhangul; /* Hangul code points (syllables and jamo) in s */
    size_t nlatin;  /* Latin letters in s */
    size_t nupper;  /* upper-case Latin letters in the original */
    bool raising;   /* holds a verb of opinion (think, believe …): negation may reach further */
    bool neg_en;    /* holds an English negator word of the built-in rules (not, n't, never …):
                     * without one, only 안/못 can negate before a term (neg_before) */
    bool ko_wide;   /* set by the caller (the scorer, the learner): a Korean post-negator is
                     * also found past a degree adverb (발열이 거의 없어요, 자극 하나도 없) and 안 나
                     * after a noun negates it (냄새 안 나요). Off (hugi_tm_text_init) for callers
                     * that read these themselves (complaints: 안 after a topic is the complaint).
                     * Kept across hugi_tm_normalize(). */
    size_t cap;     /* private: allocated bytes */
};

/* Largest input the normaliser takes (offsets are 32 bits); longer is HUGI_E_LIMIT. */
#define HUGI_TM_MAX_INPUT ((size_t)1 << 30)

/* When this file was built: a compiled lexicon image is only valid for the loader and matcher
 * that wrote it (part of the image cache key). */
const char *hugi_tm_build_id(void);

void hugi_tm_text_init(struct hugi_tm_text *t);
void hugi_tm_text_release(struct hugi_tm_text *t);
/* Normalises s[0..len) into t, reusing t's memory. s may hold any bytes (NULs, broken UTF-8).
 * Errors: HUGI_E_LIMIT (len > HUGI_TM_MAX_INPUT), HUGI_E_NOMEM. On error t is empty. */
hugi_rc hugi_tm_normalize(struct hugi_tm_text *t, const char *s, size_t len, struct hugi_err *err);

/* True for code points that make up words: letters, digits and Hangul (syllables and jamo).
 * Matching "exact" and "prefix" entries is bounded by these. */
bool hugi_tm_is_word_cp(uint32_t cp);

/* ---- dictionary --------------------------------------------------------------------------- */
/* Where an entry may match inside the normalised text. Hangul terms default to ANY (Korean
 * is often written without spaces, so 좋 must match in 안좋아요), others to EXACT. */
enum hugi_tm_kind {
    HUGI_TM_ANY = 0, /* anywhere, also inside words */
    HUGI_TM_PREFIX = 1, /* at a word start (a stem: disappoint → disappointed, 배송 → 배송이) */
    HUGI_TM_SUFFIX = 2, /* at a word end */
    HUGI_TM_EXACT = 3,  /* a whole word or phrase */
};

/* What an entry is for; the flags column names it (default pol). */
enum hugi_tm_role {
    HUGI_TM_POL = 0,      /* polarity: weight is the valence, about -4..+4 */
    HUGI_TM_NEGATOR,      /* before a term: not, never, 안, 못 */
    HUGI_TM_NEGATOR_POST, /* after a term: -지 않, 없, 아니 */
    HUGI_TM_BOOSTER,      /* very, 너무, 진짜: weight is the added share (0.3 = +30%) */
    HUGI_TM_DAMPENER,     /* kind of, 좀, 약간: weight is the removed share */
    HUGI_TM_CONTRAST,     /* but, 하지만, -지만: the clause after weighs more */
    HUGI_TM_TAG,          /* a category label for other stages; weight free */
    HUGI_TM_ROLE_COUNT_
};

struct hugi_tm_entry {
    const char *term; /* normalised term, NUL-terminated; borrowed from the dict */
    uint32_t len;     /* bytes */
    uint16_t kind;    /* enum hugi_tm_kind */
    uint16_t role;    /* enum hugi_tm_role */
    float weight;
    const char *tag;    /* for HUGI_TM_TAG (and any entry): the flags' tag=VALUE, or NULL */
    uint32_t next_same; /* private: next entry with the same term, or UINT32_MAX */
    uint32_t line;      /* line in its file (0 when added in code) */
    uint32_t flags;     /* HUGI_TM_F_* */
};

/* Entry flags (the flags column's `learned` and `rule` words). */
#define HUGI_TM_F_LEARNED 1u /* weight learned from rated data: context is already in it */
#define HUGI_TM_F_RULE    2u /* hand-written rule word */
#define HUGI_TM_F_NEGATED 4u /* learned weight of the term where hugi_tm_negated() holds */
/* Made at load, not written: a hand-written Hangul phrase without the spaces between its
 * syllables (잘 받았 → 잘받았), since reviews drop them; the scorer keeps it only where no other
 * hand-written entry has that term. */
#define HUGI_TM_F_SPACELESS 8u
/* Made at load, not written: a hand-written Hangul polarity term of two syllables or more that
 * ends in an open syllable, with a final consonant fused into that syllable as Korean endings
 * do (값어치 하 → 값어치 한/할/함/합, 비싸 → 비싸+ㅆ 비쌌, 새 → 샘); kept like a spaceless twin:
 * only where no hand-written entry has that term, and once. */
#define HUGI_TM_F_FUSED 16u
/* Set by hugi_tm_dict_build() for the matcher's word-bound test: the term's first / last code
 * point is a word code point (hugi_tm_is_word_cp). */
#define HUGI_TM_F_WORD_FIRST 0x100u
#define HUGI_TM_F_WORD_LAST  0x200u

struct hugi_tm_dict;

struct hugi_tm_dict *hugi_tm_dict_new(void);    /* NULL on OOM; caller frees with _free */
void hugi_tm_dict_free(struct hugi_tm_dict *d); /* NULL is fine */
/* Adds an entry before build. The term is normalised as text is, so a lexicon may be written in
 * any case or width. An empty (after normalising) term is HUGI_E_PARSE. kind -1 = the default
 * for the term. tag may be NULL (copied). Adding after build is HUGI_E_USAGE. */
hugi_rc hugi_tm_dict_add(struct hugi_tm_dict *d, const char *term, size_t len, float weight,
                         int kind, enum hugi_tm_role role, const char *tag, struct hugi_err *err);
/* Reads a lexicon in hugi's TSV form (lexicons/README.md):
 *   term<TAB>weight[<TAB>flags]      flags: comma list of any|prefix|suffix|exact, a role
 *                                    (pol negator negator-post booster dampener contrast tag),
 *                                    learned, rule, negated, tag=VALUE
 * '#' starts a comment line; blank lines are skipped; a UTF-8 BOM is skipped. A malformed line
 * (missing or bad weight, unknown flag, empty term) is HUGI_E_PARSE with err->where "path:line";
 * entries read before it stay added. `name` is what `where` shows (NULL: path). */
hugi_rc hugi_tm_dict_load_file(struct hugi_tm_dict *d, const char *path, struct hugi_err *err);
hugi_rc hugi_tm_dict_load_mem(struct hugi_tm_dict *d, const char *data, size_t len,
                              const char *name, struct hugi_err *err);
/* Builds the automaton. After this the dict is read-only and safe to share between threads. */
hugi_rc hugi_tm_dict_build(struct hugi_tm_dict *d, struct hugi_err *err);
size_t hugi_tm_dict_count(const struct hugi_tm_dict *d);
/* Borrowed, valid until _free. id < count. */
const struct hugi_tm_entry *hugi_tm_dict_entry(const struct hugi_tm_dict *d, uint32_t id);
/* All entries as one array of hugi_tm_dict_count() (for hot loops); borrowed. */
const struct hugi_tm_entry *hugi_tm_dict_entries(const struct hugi_tm_dict *d);
/* Changes an entry's weight after build. For training only: not safe while other threads
 * match or score with d. */
void hugi_tm_dict_set_weight(struct hugi_tm_dict *d, uint32_t id, float weight);
/* Looks up an exact term (normalised form) and role; UINT32_MAX when absent. */
uint32_t hugi_tm_dict_find(const struct hugi_tm_dict *d, const char *term, size_t len,
                           enum hugi_tm_role role);

/* ---- matching ----------------------------------------------------------------------------- */
struct hugi_tm_match {
    uint32_t start, end; /* normalised byte span [start, end) in t->s */
    uint32_t entry;      /* entry id */
};
/* Called for every match whose kind's word bounds hold, in order of end, longer first at the
 * same end. Return non-zero to stop. */
typedef int (*hugi_tm_match_fn)(void *ctx, const struct hugi_tm_match *m);
/* Runs the automaton over t. Returns the number of matches reported. Thread-safe. */
size_t hugi_tm_match(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                     hugi_tm_match_fn fn, void *ctx);
/* The same matches in the same order appended to *arr (n used, cap allocated; grown with
 * realloc, the caller frees *arr): no call per match, for hot loops. HUGI_E_NOMEM when it
 * cannot grow (the matches stored so far stay). Thread-safe with a per-thread array. */
hugi_rc hugi_tm_match_append(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                             struct hugi_tm_match **arr, size_t *n, size_t *cap,
                             struct hugi_err *err);

/* ---- summed matching (a scorer's fast path) ------------------------------------------------
 * A scorer that adds up many entries the same way whatever their context (learned n-grams:
 * hundreds of overlapping matches per line) need not see them one by one. After build,
 * hugi_tm_dict_sum_prepare() marks such entries "summed" (val[id] not NaN; only kind ANY entries
 * qualify: they match wherever they occur) and precomputes, for every automaton state, the sum of
 * val over the summed entries that end there (the state's term and all its suffixes that are
 * terms). hugi_tm_match_split() then reports the other matches one by one, as
 * hugi_tm_match_append() would, and for the summed ones only the positions (end, state) where
 * any ends. hugi_tm_sum_chain() lists a position's summed entries when the scorer needs them one
 * by one after all (rare contexts). */
struct hugi_tm_sum {
    double sum;      /* val summed over the state's summed entries */
    uint32_t cnt;    /* how many there are */
    uint32_t first;  /* the state of the longest of them; UINT32_MAX: none */
    uint32_t up;     /* for a state that has summed entries of its own (first == itself): the
                        next such state on its suffix chain (UINT32_MAX: none). These links form
                        a tree; the summed entries ending at a position are those of the states
                        on the path from `first` up to the root */
    uint16_t maxlen; /* bytes of the longest term (for first == itself: the state's term) */
    uint16_t flags;  /* the OR of their flags (hugi_tm_dict_sum_prepare) */
    double sum2;     /* val2 summed like sum (hugi_tm_dict_sum_prepare2; 0 without it): a
                        second way of valuing the same entries, e.g. where a rule scales some */
};
struct hugi_tm_pos {
    uint32_t end;   /* normalised byte offset where the summed entries end */
    uint32_t state; /* index into hugi_tm_dict_sums() */
};
/* val: per entry (hugi_tm_dict_count()), NaN = not summed; aux: per entry, a value kept with
 * the summed entries for the caller (NULL: 0); flags: per entry, kept too and OR-ed into the
 * states' flags (NULL: none). After build; may be called again (weights changed); not while
 * other threads match with d. HUGI_E_USAGE before build, HUGI_E_NOMEM. */
hugi_rc hugi_tm_dict_sum_prepare(struct hugi_tm_dict *d, const float *val, const float *aux,
                                 const uint8_t *flags, struct hugi_err *err);
/* The same with val2: per entry, what sum2 adds up over the summed entries (NULL: 0). Summed
 * entries are chosen by val alone. */
hugi_rc hugi_tm_dict_sum_prepare2(struct hugi_tm_dict *d, const float *val, const float *val2,
                                  const float *aux, const uint8_t *flags, struct hugi_err *err);
/* Per state; NULL when not prepared. Borrowed. */
const struct hugi_tm_sum *hugi_tm_dict_sums(const struct hugi_tm_dict *d);
/* The number of automaton states (0 before build): state ids are below it. */
size_t hugi_tm_dict_states(const struct hugi_tm_dict *d);
/* The longest term (bytes) of an entry flagged HUGI_TM_F_LEARNED (0 before build, or none). */
size_t hugi_tm_dict_learned_maxlen(const struct hugi_tm_dict *d);
/* Is entry id summed? */
bool hugi_tm_dict_summed(const struct hugi_tm_dict *d, uint32_t id);
/* The matches of hugi_tm_match_append() that are not summed, in the same order, appended to
 * *arr, with gidx[k] = the index the match would have among ALL matches (summed ones counted;
 * grown with *arr, same cap); and the positions where summed entries end, appended to *pos.
 * *total gets the number of all matches. Needs hugi_tm_dict_sum_prepare() (else HUGI_E_USAGE).
 * HUGI_E_NOMEM when an array cannot grow. Thread-safe with per-thread arrays. */
hugi_rc hugi_tm_match_split(const struct hugi_tm_dict *d, const struct hugi_tm_text *t,
                            struct hugi_tm_match **arr, uint32_t **gidx, size_t *n, size_t *cap,
                            struct hugi_tm_pos **pos, size_t *npos, size_t *cappos, size_t *total,
                            struct hugi_err *err);
/* The summed entries of a state that has some of its own (sums[state].first == state), in
 * match order, with what hugi_tm_dict_sum_prepare() was given for them (side by side: the
 * caller needs no look-up in a large per-entry table); *n gets their count. Borrowed. */
struct hugi_tm_sum_entry {
    uint32_t id;
    float aux;
    uint32_t flags;
};
const struct hugi_tm_sum_entry *hugi_tm_sum_entries(const struct hugi_tm_dict *d, uint32_t state,
                                                    size_t *n);

/* ---- negation ----------------------------------------------------------------------------- */
enum hugi_tm_neg {
    HUGI_TM_NEG_NONE = 0,
    HUGI_TM_NEG_BEFORE = 1, /* 안/못 just before; English not/no/never/n't/without within 3 words */
    HUGI_TM_NEG_AFTER = 2, /* -지 않/-지 못/없/아니/않 after, in the same or the next word */
};
/* Is the term at the normalised span [start, end) of t negated? Uses hugi's built-in negator
 * rules (Korean and English) and, when d is not NULL, d's negator / negator-post entries as
 * well. A contrast word or clause punctuation (. ! ? ,) between ends the search. If span_out is
 * not NULL it gets the span of the negator found. Thread-safe. */
enum hugi_tm_neg hugi_tm_negated(const struct hugi_tm_text *t, uint32_t start, uint32_t end,
                                 const struct hugi_tm_dict *d, struct hugi_tm_match *span_out);

/* The two halves of hugi_tm_negated(), for callers that test many spans of one text and cache
 * by offset: a negator before normalised offset `start`, a post-negator after `end` (Korean
 * grammar: only meaningful after a Hangul term). */
enum hugi_tm_neg hugi_tm_negated_before(const struct hugi_tm_text *t, uint32_t start,
                                        const struct hugi_tm_dict *d, struct hugi_tm_match *span);
enum hugi_tm_neg hugi_tm_negated_after(const struct hugi_tm_text *t, uint32_t end,
                                       const struct hugi_tm_dict *d, struct hugi_tm_match *span);

/* ---- compiled image (lexicons/README.md "Compiled image") -------------------------------------
 * A built dictionary (with its sums when prepared) saved as one position-independent blob that
 * a later process maps instead of parsing and building again. `key` is the caller's 32-byte
 * name of what the image was built from (hash of the lexicon bytes and build options): loading
 * with another key is refused as stale. `extra` is an opaque caller section kept in the image
 * (the scorer's per-entry table). */
#define HUGI_TM_IMAGE_KEY 32
/* A fast 64-bit hash of any bytes (the image checksum; for image keys too). */
uint64_t hugi_tm_hash(const void *data, size_t len, uint64_t seed);
/* The image checksum: a sum of 32 x 32-bit products over four lanes (SSE2 where there is, the
 * same value without), 64 bits, seeded with the image's format version; cheaper a byte than
 * hugi_tm_hash. */
uint64_t hugi_tm_image_sum(const void *data, size_t len, uint64_t seed);
/* The same hash's four lanes over bytes given in any number of chunks, finished into 256 bits
 * (image keys: one pass over the lexicon files, read a chunk at a time). */
struct hugi_tm_hasher {
    uint64_t v[4];
    uint64_t len;
    unsigned char buf[32];
    unsigned nbuf;
};
void hugi_tm_hasher_init(struct hugi_tm_hasher *s, const uint64_t seed[4]);
void hugi_tm_hasher_add(struct hugi_tm_hasher *s, const void *data, size_t len);
void hugi_tm_hasher_end(const struct hugi_tm_hasher *s, uint64_t out[4]);
/* Writes the image of built d into out (reset first). HUGI_E_USAGE (not built, or a big-endian
 * host), HUGI_E_NOMEM. */
hugi_rc hugi_tm_dict_image(const struct hugi_tm_dict *d, const uint8_t key[HUGI_TM_IMAGE_KEY],
                           const void *extra, size_t extra_len, struct hugi_buf *out,
                           struct hugi_err *err);
/* Loads an image into a new, empty d (hugi_tm_dict_new()), after checking ALL of it: header,
 * checksum, key (NULL: any), every section within the blob, every index in range, the
 * automaton's shape. d borrows from data (8-byte aligned, unchanged while d lives). On success d
 * is built; *extra / *extra_len (may be NULL) get the caller section. Errors: HUGI_E_PARSE
 * (truncated, corrupted, wrong version: nothing of d is usable, free it), HUGI_E_NOTFOUND
 * (stale key), HUGI_E_NOMEM. */
hugi_rc hugi_tm_dict_load_image(struct hugi_tm_dict *d, const void *data, size_t len,
                                const uint8_t key[HUGI_TM_IMAGE_KEY], const void **extra,
                                size_t *extra_len, struct hugi_err *err);
/* Largest image file hugi_tm_dict_map_image() maps (the shipped lexicons make ~16 MB). */
#define HUGI_TM_IMAGE_MAX ((uint64_t)1 << 30)
/* The same from a file, mapped read-only (unmapped by hugi_tm_dict_free). HUGI_E_NOTFOUND also
 * when the file does not exist; HUGI_E_IO; HUGI_E_DENIED for a file of another user or one that
 * others may write (it could change under the mapping after the checks). */
hugi_rc hugi_tm_dict_map_image(struct hugi_tm_dict *d, const char *path,
                               const uint8_t key[HUGI_TM_IMAGE_KEY], const void **extra,
                               size_t *extra_len, struct hugi_err *err);

#endif
