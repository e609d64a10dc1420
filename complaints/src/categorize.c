/* SPDX-License-Identifier: MIT
 * Complaint categories: the taxonomy (lexicons/complaints/), and matching a text against it with
 * the sentiment stage's textmatch machinery, so categories see a text exactly as the scorer does
 * (same normaliser, same Aho-Corasick in-word matcher, same negation test).
 *
 * One addition: matching runs on a "joined" view of the normalised text in which the spaces
 * between Hangul are dropped (kept next to ASCII letters/digits). Korean is spaced loosely
 * ("배송이 안 와요", "배송이안와요", "배송이 안와요" are all common), and a complaint pattern is
 * usually a short phrase, so one unspaced pattern covers every spacing. The view keeps a map to
 * the original bytes (for evidence) and to the normalised text (for the negation test, which
 * needs the real word boundaries).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "hugi/complaint.h"
#include "hugi/textmatch.h"
#include "internal.h"

#define MAX_TEXT    (64 * 1024)
#define MAX_PATTERN 256

enum {
    PAT_LATIN = 1,   /* starts with an ASCII letter/digit: word-bounded */
    PAT_PREFIX = 2,  /* trailing '*': no word-end bound */
    PAT_NEGATED = 4, /* holds a negation itself: no negation test */
    PAT_EXCLUDE = 8,
    PAT_CUE = 16,      /* a cue (cues.tsv or one side of a rule): cat is the cue id, no category */
    PAT_LEARNED = 32,  /* added by the learned model (learned.c) */
    PAT_WEAK = 64,     /* "~": a topic word; counts only next to a {problem} cue (round twelve) */
    PAT_GENERIC = 128, /* "^": a generic failure word; yields to another category's hit in its
                          clause (round thirteen: "라이더 배정도 안 되고" is delivery's) */
    HIT_PAIR = 256,    /* a hit's flag only: made by a rule of two cues (+, >, *), not one word */
};

struct pat_info {
    uint16_t cat;
    uint16_t flags;
};

/* Rules combine cues (lexicons/complaints/README.md): "A + B" fires when a hit of A and a hit
 * of B stand near each other in one clause (a part noun and a failure verb, a price word and a
 * bad judgement); "A" (a cue) fires on any hit of it. Either may be followed by conditions on the
 * whole text: "& C" (C is somewhere in it), "& !C" (C is nowhere in it), so "{dev_fail} & !{app}"
 * is a failure verb in a text that names no app. "A > B" is "A + B" with B after A ("the service
 * was great": a praise after its topic, not "great phone but the battery died"). "A * B" (round
 * sixteen) is a clause frame: A and B anywhere in one clause within CLAUSE_GAP, for two small
 * word classes specific enough together (a harmed party and a harm event, an unknown person and a
 * contact), where the narrative puts a whole phrase between them ("카시트 벨트 잠금장치가 주행중에
 * 혼자 풀려"). "A : B" (round twenty) is a predicate frame: B is what the clause says of A, so
 * it stands right after A (within PRED_GAP: a particle and an adverb, "배송이 너무 엉망", "the
 * shipping was a nightmare") or right before it (PRED_BEFORE: "최악의 배송", "terrible
 * shipping"); tight enough that a generic judgement (엉망, 최악, nightmare) names the topic noun
 * of any category, not the next clause's topic ("배송은 빨랐는데 사이즈가 애매"). */
enum { RULE_SINGLE, RULE_NEAR, RULE_AFTER, RULE_CLAUSE, RULE_IMPLY, RULE_PRED };

#define RULE_MAX_CONDS 3

struct rule {
    bool exclude; /* "-A + B": its hits drop the category's hits they overlap (round five) */
    bool weak;    /* "~A & C": its hit is a topic word's, kept only next to a {problem} cue */
    bool generic; /* "^A & C": its hit yields to another category's hit in its clause */
    uint16_t cat, op;
    uint16_t a, b; /* cue ids (b for RULE_NEAR, RULE_AFTER, RULE_CLAUSE and RULE_PRED) */
    uint16_t nconds;
    uint16_t cond[RULE_MAX_CONDS];
    bool cond_neg[RULE_MAX_CONDS];
};

#define MAX_CUES  4096
#define MAX_RULES 4096
/* joined-view bytes allowed between the two hits of a "+" rule: about ten Hangul syllables
 * (spaces dropped) or five or six English words */
#define NEAR_GAP 30
/* joined-view bytes allowed between the two hits of a "*" clause frame (round sixteen): about
 * twenty-five Hangul syllables or twelve English words, still within one clause */
#define CLAUSE_GAP 75
/* joined-view bytes allowed between a topic and its predicate in a ":" frame (round twenty): six
 * Hangul syllables (a particle, one or two adverbs: "배송이 너무 진짜") or three English words
 * ("was a", "is just"); and before the topic, a modifier's ending and a space ("최악의 배송",
 * "terrible shipping") */
#define PRED_GAP    18
#define PRED_BEFORE 4
/* joined-view bytes allowed between a weak (topic) hit and the {problem} cue that makes it a
 * complaint (round twelve): about fifteen Hangul syllables or eight English words, one clause */
#define WEAK_GAP 45
/* joined-view bytes a generic failure word ("^") may stand after another category's hit and
 * still be that category's predicate (round fifteen: "환불 요청한지 3주째인데 아직도 처리가 안
 * 됐어요" is refund's; round thirteen used NEAR_GAP) */
#ifndef GENERIC_GAP
#define GENERIC_GAP 45
#endif
/* joined-view bytes a {purpose} cue may start after a hit and still name what the product is for
 * (round eighteen): about four Hangul syllables or two English words ("곰팡이 제거제", "privacy
 * screen protector") */
#define PURPOSE_GAP 12

struct category {
    char *key;
    bool critical;
    /* "-* critical" or "-* <critical key>" (round thirteen): a hit of this category on words a hit
     * of those critical categories also covers is dropped ("소비자원에 신고" is legal's, not
     * moderation's); "-* ~<key>": also one near such a hit in its clause ("로그인했더니 남의
     * 배송지가 보여요" is privacy's, not app_login's); a bit per category */
    uint64_t yield_to, yield_near;
    /* "-* critical" / "-* ~critical": resolved by hugi_complaint_tax_build() into the two masks
     * above, so that a critical category added after the line counts too */
    bool yield_critical, yield_critical_near;
    /* "-* ^<key>": its generic words ("^") do not yield to that category's hits (app_crash next
     * to app_update: an update that will not install is both) */
    uint64_t generic_keep;
};

struct hugi_complaint_tax {
    struct category cats[HUGI_COMPLAINT_MAX_CATS];
    int ncats;
    struct hugi_tm_dict *dict;
    struct pat_info *info; /* by textmatch entry id */
    size_t ninfo, cap;
    bool built;
    struct hugi_tm_text tmp; /* pattern normalising; loading is single-threaded */
    struct hugi_buf tmpj;
    char **cue_name; /* by cue id; NULL for a rule's anonymous literal */
    size_t ncues, cue_cap;
    /* the cue cue_find() found last: cues.tsv lists a cue's patterns one after another, so
     * loading asks for the same name thousands of times in a row */
    int last_cue;
    struct rule *rules;
    size_t nrules, rule_cap;
    /* the rules grouped by their first cue (built with the dictionary): a text visits only the
     * rules of the cues it holds, not all of them (round eight doubled the rule lines) */
    uint32_t *cue_rule_at; /* by cue id: where its rules start in cue_rules (ncues + 1 of them) */
    uint16_t *cue_rules;
    struct hugi_complaint_model *model; /* learned.tsv, or NULL: patterns only */
    /* of the model's learned categories (set with it): those that are not critical, and the
     * critical ones it may add (learned-critical.tsv), which only a negative text may get */
    uint64_t model_plain, model_crit;
    /* the reserved cues of round twelve (cues.tsv), -1 when a taxonomy has none: {problem}
     * states that something is wrong (weak hits need it near), {off_topic} names what no shop
     * sells a fix for (a film's plot and actors), {on_topic} what a shop's review is about */
    int cue_problem, cue_off, cue_on;
    /* round thirteen: {worry} marks a fear or an expectation that did not come true (배송 늦을 줄
     * 알았는데, 파손될까봐 걱정했는데, "worried it runs small"); {contrast} the "but" that an
     * English worry needs after its hit */
    int cue_worry, cue_contrast;
    /* round sixteen: {worry_past}, a fear told as past (걱정했는데, 줄 알았는데, "I was afraid"):
     * it frames critical hits too ("불날까 봐 걱정했는데 하루 종일 틀어도 안 뜨거워요"), where a
     * present fear (감전될까봐 무서워요) is a hazard and {worry} leaves them alone */
    int cue_worry_past;
    /* round eighteen: {purpose}, a product noun or purpose word (제거제, 방지, 보호필름, 퇴치기,
     * remover, protector, extinguisher) right after a hit: the hit names what the product fights
     * or guards against, not what went wrong ("곰팡이 제거제 효과 좋아요", "감전 방지 커버") */
    int cue_purpose;
    /* round eighteen: {off_app} (goods or food named): in an off-topic text a critical hit of one
     * word stays only with it */
    int cue_off_app;
    /* round sixteen: the categories some "+* K" line names as K (set by tax_build), so a text
     * with none of them skips the implications */
    uint64_t imply_src;
    /* "-* & C ...": conditions on the whole text under which a category is not judged at all
     * (round twelve: a goods category in a text about an app that names no goods); and "+* K &
     * C ..." (round sixteen, op RULE_IMPLY, a = K): category cat is implied by a hit of K when
     * the conditions hold (a product's hazard is a defect too, however the hazard was told) */
    struct rule *vetoes;
    size_t nvetoes, veto_cap;
};

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The joined view of a normalised text: its spaces are dropped unless a neighbour is an ASCII
 * letter or digit, and so are U+FFFD replacement characters. src[i] (when src is not NULL) is the
 * byte in t->s that joined byte i came from; src[len] = t->len. */
static bool misspelt_an(const char *t, size_t n, size_t p);

/* A byte the loop of join_view() copies as it is, given the byte before it was copied as it is
 * too (so the joined view's last byte is ts[k-1]): not a space, not the lead of U+FFFD (any EF),
 * not 않 (EC 95 8A), and no Latin letter or digit next to a non-ASCII byte (where a space goes
 * in). Continuation bytes are always plain. */
static inline bool plain_byte(const unsigned char *u, size_t tl, size_t k)
{
    unsigned b = u[k], p = u[k - 1];
    if (b == ' ' || b == 0xEF || (b == 0xEC && k + 2 < tl && u[k + 1] == 0x95 && u[k + 2] == 0x8A))
        return false;
    if (b >= 0xC0 && is_alnum((unsigned char)p))
        return false;
    return !(p >= 0x80 && is_alnum((unsigned char)b));
}

#ifdef __SSE2__
/* plain_byte() of the 16 bytes at u + k (k >= 1, k + 16 <= tl) as a bit mask of those that are
 * NOT plain, from one load: the byte before each is the bit below (u[k - 1] for the first). A 않
 * whose 95 8A lie past the block (an EC in the last two places) counts as not plain: that byte
 * then goes the careful way, which is always right. SSE2 has signed byte compares only: a byte
 * >= 0x80 is negative. */
static inline unsigned not_plain16(const unsigned char *u, size_t k)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(u + k));
    unsigned hi = (unsigned)_mm_movemask_epi8(v); /* >= 0x80 */
    unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xBF))) & hi;
    unsigned spef = (unsigned)_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
    unsigned ec = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEC)));
    unsigned b95 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x95)));
    unsigned b8a = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x8A)));
    /* letters by x | 0x20 in a..z, digits 0..9: negative (non-ASCII) bytes are never in range */
    __m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
    unsigned al = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1))),
                     _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)))));
    unsigned p = u[k - 1];
    unsigned al_before = (al << 1) | (is_alnum((unsigned char)p) ? 1u : 0u);
    unsigned hi_before = (hi << 1) | (p >= 0x80 ? 1u : 0u);
    unsigned an = ec & ((b95 >> 1) | 0x8000u) & ((b8a >> 2) | 0xC000u);
    return (spef | an | (lead & al_before) | (al & hi_before)) & 0xFFFFu;
}
#endif

static hugi_rc join_view(const struct hugi_tm_text *t, struct hugi_buf *out, uint32_t **src,
                         size_t *cap)
{
    hugi_buf_reset(out);
    /* at most one added space per byte (see below) */
    size_t room = 2 * t->len + 1;
    if (hugi_buf_grow(out, room) != HUGI_OK)
        return HUGI_E_NOMEM;
    if (src && *cap < room) {
        uint32_t *a = realloc(*src, room * sizeof *a);
        if (!a)
            return HUGI_E_NOMEM;
        *src = a;
        *cap = room;
    }
    /* locals: a store through a char pointer may alias anything, so writing through out->data
     * and out->len would reload both at every byte */
    const char *ts = t->s;
    const unsigned char *u = (const unsigned char *)ts;
    const size_t tl = t->len;
    char *od = out->data;
    size_t outl = 0;
    uint32_t *sr = src ? *src : NULL;
#define EMIT(from, byte)                                                                           \
    do {                                                                                           \
        if (sr)                                                                                    \
            sr[outl] = (uint32_t)(from);                                                           \
        od[outl++] = (byte);                                                                       \
    } while (0)
    size_t i = 0;
    while (i < tl) {
        /* one byte (three for 않 and U+FFFD) the careful way */
        unsigned char b = u[i];
        if (b - 0x80u < 0x40u) {
            /* a UTF-8 continuation byte (two of a Hangul syllable's three) is copied: none of
             * the cases below can start on one */
            EMIT(i, ts[i]);
            i++;
        } else if (b == ' ' &&
                   !(i > 0 && i + 1 < tl && (is_alnum(u[i - 1]) || is_alnum(u[i + 1])))) {
            /* a space next to an ASCII letter or digit stays: "UI 너무 불편" must keep "ui" a
             * word for the word-bounded English patterns */
            i++;
        } else if (i + 2 < tl && b == 0xEF && u[i + 1] == 0xBF && u[i + 2] == 0xBD) {
            /* U+FFFD stands for bytes that were not UTF-8: no text, so dropped like a space
             * ("배송이 \xc3 안 와요" is a mangled 배송이 안 와요); between two ASCII words it
             * stays a word break ("not \xff broken" must not become "notbroken") */
            size_t j = i + 3;
            while (j < tl && ts[j] == ' ')
                j++;
            bool ascii_both =
                outl > 0 && is_alnum((unsigned char)od[outl - 1]) && j < tl && is_alnum(u[j]);
            if (ascii_both)
                EMIT(i, ' ');
            i += 3;
        } else {
            /* a Latin word glued to Hangul ("UI를", "앱UI", "sns로그인") gets a space between,
             * so the word-bounded English patterns see it as a word; patterns are joined the
             * same way */
            if (outl > 0 && od[outl - 1] != ' ') {
                unsigned char prev = (unsigned char)od[outl - 1];
                if ((is_alnum(prev) && b >= 0xC0) || (prev >= 0x80 && is_alnum(b)))
                    EMIT(i, ' ');
            }
            /* a misspelt 안 (않돼요, 않와요) is read as 안, so "배송이안와" matches it; both
             * are three bytes, so the offsets map stays one to one */
            if (b == 0xEC && i + 2 < tl && u[i + 1] == 0x95 && u[i + 2] == 0x8A &&
                misspelt_an(ts, tl, i)) { /* 않 = EC 95 8A */
                static const char an[] = "안";
                for (size_t k = 0; k < 3; k++)
                    EMIT(i + k, an[k]);
                i += 3;
            } else {
                EMIT(i, ts[i]);
                i++;
            }
        }
        /* then the run of plain bytes after it, copied as they are. Valid while the test of
         * the first one, made on the text's byte before it, says what the view's last byte
         * would: it is that byte, or that byte was a dropped space and the view ends in no
         * letter or digit (neither side of a Latin/Hangul seam then). A dropped U+FFFD or a
         * 안 for 않 breaks that: the next byte goes the careful way. */
        if (i >= tl)
            break;
        if (outl > 0 && (unsigned char)od[outl - 1] != u[i - 1] &&
            !(u[i - 1] == ' ' && !is_alnum((unsigned char)od[outl - 1])))
            continue;
        size_t k = i;
#ifdef __SSE2__
        /* 16 bytes at a time: all 16 are stored (room: out and src hold 2 * tl + 1, and
         * outl <= 2 * k), only the plain ones counted */
        while (k + 16 <= tl) {
            unsigned m = not_plain16(u, k);
            unsigned n = m ? (unsigned)__builtin_ctz(m) : 16u;
            _mm_storeu_si128((__m128i *)(od + outl), _mm_loadu_si128((const __m128i *)(u + k)));
            if (sr) {
                __m128i base = _mm_add_epi32(_mm_set1_epi32((int)k), _mm_set_epi32(3, 2, 1, 0));
                for (int q = 0; q < 4; q++)
                    _mm_storeu_si128((__m128i *)(sr + outl) + q,
                                     _mm_add_epi32(base, _mm_set1_epi32(4 * q)));
            }
            outl += n;
            k += n;
            if (!m)
                continue;
            /* a space between two bytes that are not letters or digits (most of a Korean
             * text's) is dropped and the run goes on after it: the view then ends in no letter
             * or digit, as the condition above asks */
            if (u[k] == ' ' && k + 1 < tl && !is_alnum(u[k - 1]) && !is_alnum(u[k + 1])) {
                k++;
                continue;
            }
            break;
        }
        if (k + 16 > tl)
#endif
            for (; k < tl && plain_byte(u, tl, k); k++) {
                if (sr)
                    sr[outl] = (uint32_t)k;
                od[outl++] = ts[k];
            }
        i = k;
    }
#undef EMIT
    if (sr)
        sr[outl] = (uint32_t)tl;
    od[outl] = '\0';
    out->len = outl;
    return HUGI_OK;
}

hugi_rc hugi_complaint_join_(const struct hugi_tm_text *t, struct hugi_buf *out, uint32_t **src,
                             size_t *cap)
{
    return join_view(t, out, src, cap);
}

hugi_rc hugi_complaint_fold_(const char *s, size_t len, struct hugi_tm_text *tm,
                             struct hugi_buf *fold)
{
    struct hugi_err err;
    if (len > MAX_TEXT)
        len = hugi_utf8_prefix(s, MAX_TEXT, MAX_TEXT);
    hugi_rc rc = hugi_tm_normalize(tm, s, len, &err);
    if (rc != HUGI_OK)
        return rc;
    return join_view(tm, fold, NULL, NULL);
}

/* ---- taxonomy ---------------------------------------------------------------------------- */

struct hugi_complaint_tax *hugi_complaint_tax_new(void)
{
    struct hugi_complaint_tax *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->dict = hugi_tm_dict_new();
    t->cue_problem = t->cue_off = t->cue_on = -1;
    t->cue_worry = t->cue_contrast = t->cue_worry_past = t->cue_purpose = t->cue_off_app = -1;
    t->last_cue = -1;
    if (!t->dict) {
        free(t);
        return NULL;
    }
    hugi_tm_text_init(&t->tmp);
    hugi_buf_init(&t->tmpj, 0);
    return t;
}

void hugi_complaint_tax_free(struct hugi_complaint_tax *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->ncats; i++)
        free(t->cats[i].key);
    hugi_tm_dict_free(t->dict);
    free(t->info);
    hugi_tm_text_release(&t->tmp);
    hugi_buf_release(&t->tmpj);
    for (size_t i = 0; i < t->ncues; i++)
        free(t->cue_name[i]);
    free(t->cue_name);
    free(t->vetoes);
    free(t->rules);
    free(t->cue_rule_at);
    free(t->cue_rules);
    hugi_complaint_model_free(t->model);
    free(t);
}

void hugi_complaint_tax_set_model(struct hugi_complaint_tax *t, struct hugi_complaint_model *m)
{
    if (t->model != m)
        hugi_complaint_model_free(t->model);
    t->model = m;
    t->model_plain = t->model_crit = 0;
    for (int k = 0; m && k < t->ncats; k++) {
        double add, vt;
        if (hugi_complaint_model_learned_(m, k, &add, &vt))
            *(t->cats[k].critical ? &t->model_crit : &t->model_plain) |= (uint64_t)1 << k;
    }
}

bool hugi_complaint_tax_gated(const struct hugi_complaint_tax *t)
{
    return t && t->model_crit != 0;
}

const struct hugi_complaint_model *hugi_complaint_tax_model(const struct hugi_complaint_tax *t)
{
    return t ? t->model : NULL;
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

/* Whether the joined pattern states a negation itself ("never arrived", "답변없", "안와요"): then
 * the negation test would undo the very thing it names. One pass over the pattern, trying only
 * the negators whose first byte stands there (round fifteen: the former 19 scans of every pattern,
 * each with a strlen, were a fifth of the loading time; same answers). */
static bool has_negation(const char *p, size_t len)
{
    /* each negator with its length, counted by the compiler */
    /* clang-format off */
#define NEG(s) {s, sizeof s - 1}
    /* clang-format on */
    static const struct {
        const char *s;
        unsigned char n;
    } neg[] = {NEG("not"),   NEG("never"),  NEG("n't"),    NEG("no "),   NEG("without"),
               NEG("didnt"), NEG("doesnt"), NEG("dont"),   NEG("wont"),  NEG("cant"),
               NEG("isnt"),  NEG("wasnt"),  NEG("havent"), NEG("hasnt"), NEG("lack"),
               NEG("안"),    NEG("않"),     NEG("없"),     NEG("못")};
#undef NEG
    for (size_t j = 0; j < len; j++) {
        unsigned char c = (unsigned char)p[j];
        /* the first bytes of the negators above: n w d c i h l, and the lead bytes of 안 않 없 (EC)
         * and 못 (EB) */
        if (c != 'n' && c != 'w' && c != 'd' && c != 'c' && c != 'i' && c != 'h' && c != 'l' &&
            c != 0xec && c != 0xeb)
            continue;
        for (size_t i = 0; i < sizeof neg / sizeof neg[0]; i++) {
            if ((unsigned char)neg[i].s[0] != c || j + neg[i].n > len ||
                memcmp(p + j, neg[i].s, neg[i].n) != 0)
                continue;
            /* ASCII negators count only at a word start ("note" is not "not") */
            if (is_alnum(c) && j > 0 && is_alnum((unsigned char)p[j - 1]))
                continue;
            return true;
        }
    }
    return false;
}

/* The array arr, holding n elements of elem bytes in *cap, with room for one more: arr itself,
 * or moved to twice the room (first when empty); NULL when out of memory (arr is kept). */
static void *room_one(void *arr, size_t n, size_t *cap, size_t elem, size_t first)
{
    if (arr && n < *cap)
        return arr;
    size_t nc = *cap ? *cap * 2 : first;
    void *p = realloc(arr, nc * elem);
    if (p)
        *cap = nc;
    return p;
}

/* Adds one pattern (the line syntax without rules) to the matcher: for category idx, or for
 * cue idx when cue is set. */

static hugi_rc add_entry(struct hugi_complaint_tax *t, int idx, bool cue, const char *pat,
                         size_t len, const char *where, struct hugi_err *err)
{
    uint16_t flags = cue ? PAT_CUE : 0;
    size_t tl;
    const char *p = hugi_str_trim(pat, len, &tl);
    if (tl > 0 && p[0] == '~') {
        if (cue)
            return hugi_err_set(err, HUGI_E_PARSE, where, "a cue cannot be weak ('~')");
        flags |= PAT_WEAK; /* a topic word: needs a {problem} cue near it */
        p++;
        tl--;
    }
    if (tl > 0 && p[0] == '-') {
        if (flags & PAT_WEAK)
            return hugi_err_set(err, HUGI_E_PARSE, where, "an exclusion cannot be weak ('~')");
        flags |= PAT_EXCLUDE;
        p++;
        tl--;
    }
    if (tl > 0 && p[0] == '!') {
        flags |= PAT_NEGATED; /* never negated: "no allergy warnings" is the complaint */
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
    struct hugi_err e2;
    if (hugi_tm_normalize(&t->tmp, p, tl, &e2) != HUGI_OK ||
        join_view(&t->tmp, &t->tmpj, NULL, NULL) != HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    const char *j = t->tmpj.data;
    size_t jl = t->tmpj.len;
    if (jl < 2)
        return hugi_err_set(err, HUGI_E_PARSE, where, "pattern '%.*s' is shorter than 2 bytes",
                            (int)tl, p);
    if (is_alnum((unsigned char)j[0]))
        flags |= PAT_LATIN;
    if (has_negation(j, jl))
        flags |= PAT_NEGATED;
    int kind = HUGI_TM_ANY;
    /* a Latin start is word-bounded, and so is the end; but a cue's Korean end is a stem like
     * any Korean pattern: {none_at_all}'s "1도없" matches 1도 없어요 (round thirteen; category
     * patterns keep the bound: "2단계" is not 2단계로 of a spice level) */
    if (flags & PAT_LATIN)
        kind = (flags & PAT_PREFIX) || (cue && !is_alnum((unsigned char)j[jl - 1])) ? HUGI_TM_PREFIX
                                                                                    : HUGI_TM_EXACT;
    size_t id = hugi_tm_dict_count(t->dict);
    struct pat_info *ni = room_one(t->info, t->ninfo, &t->cap, sizeof *ni, 512);
    if (!ni)
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    t->info = ni;
    if (cue && (flags & PAT_EXCLUDE))
        return hugi_err_set(err, HUGI_E_PARSE, where, "a cue cannot be an exclusion");
    hugi_rc rc = hugi_tm_dict_add(t->dict, j, jl, (flags & PAT_EXCLUDE) ? -1.0f : 1.0f, kind,
                                  HUGI_TM_TAG, cue ? "cue" : t->cats[idx].key, err);
    if (rc != HUGI_OK) {
        if (err)
            snprintf(err->where, sizeof err->where, "%s", where ? where : "");
        return rc;
    }
    if (hugi_tm_dict_count(t->dict) != id + 1 || id != t->ninfo)
        return hugi_err_set(err, HUGI_E_INTERNAL, where, "textmatch entry ids out of step");
    t->info[t->ninfo].cat = (uint16_t)idx;
    t->info[t->ninfo].flags = flags;
    t->ninfo++;
    return HUGI_OK;
}

/* Whether cue i is named name[0..len). The name may hold NUL bytes (a pattern line is bytes):
 * strnlen reads no further than the stored name's end, so a shorter name is never read past
 * (round fifteen's fuzzing: "{praise\0\0...}" read past "praise"). */
static bool cue_is(const struct hugi_complaint_tax *t, size_t i, const char *name, size_t len)
{
    const char *c = t->cue_name[i];
    return c && c[0] == name[0] && strnlen(c, len + 1) == len && memcmp(c, name, len) == 0;
}

/* The id of the named cue, or -1. */
static int cue_find(struct hugi_complaint_tax *t, const char *name, size_t len)
{
    if (len == 0)
        return -1;
    if (t->last_cue >= 0 && (size_t)t->last_cue < t->ncues &&
        cue_is(t, (size_t)t->last_cue, name, len))
        return t->last_cue;
    for (size_t i = 0; i < t->ncues; i++)
        if (cue_is(t, i, name, len)) {
            t->last_cue = (int)i;
            return (int)i;
        }
    return -1;
}

/* A new cue id (name NULL: anonymous). */
static hugi_rc cue_new(struct hugi_complaint_tax *t, const char *name, size_t len, int *id,
                       const char *where, struct hugi_err *err)
{
    if (t->ncues >= MAX_CUES)
        return hugi_err_set(err, HUGI_E_LIMIT, where, "more than %d cues and rule parts", MAX_CUES);
    char **nn = room_one(t->cue_name, t->ncues, &t->cue_cap, sizeof *nn, 64);
    if (!nn)
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    t->cue_name = nn;
    char *copy = NULL;
    if (name) {
        copy = malloc(len + 1);
        if (!copy)
            return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
        memcpy(copy, name, len);
        copy[len] = '\0';
    }
    t->cue_name[t->ncues] = copy;
    *id = (int)t->ncues++;
    return HUGI_OK;
}

hugi_rc hugi_complaint_tax_add_cue(struct hugi_complaint_tax *t, const char *name, const char *pat,
                                   size_t len, const char *where, struct hugi_err *err)
{
    if (t->built)
        return hugi_err_set(err, HUGI_E_USAGE, where, "taxonomy already built");
    size_t nl = strlen(name);
    if (nl == 0 || nl > 63)
        return hugi_err_set(err, HUGI_E_PARSE, where, "bad cue name '%s'", name);
    for (size_t i = 0; i < nl; i++)
        if (!(is_alnum((unsigned char)name[i]) || name[i] == '_'))
            return hugi_err_set(err, HUGI_E_PARSE, where, "bad cue name '%s'", name);
    int id = cue_find(t, name, nl);
    if (id < 0) {
        hugi_rc rc = cue_new(t, name, nl, &id, where, err);
        if (rc != HUGI_OK)
            return rc;
    }
    return add_entry(t, id, true, pat, len, where, err);
}

/* One side of a rule: "{name}" (a cue of cues.tsv) or a literal pattern (an anonymous cue). */
static hugi_rc rule_side(struct hugi_complaint_tax *t, const char *p, size_t len, int *id,
                         const char *where, struct hugi_err *err)
{
    size_t tl;
    p = hugi_str_trim(p, len, &tl);
    if (tl >= 2 && p[0] == '{' && p[tl - 1] == '}') {
        *id = cue_find(t, p + 1, tl - 2);
        if (*id < 0)
            return hugi_err_set(err, HUGI_E_PARSE, where, "no cue '%.*s' (cues.tsv)", (int)(tl - 2),
                                p + 1);
        return HUGI_OK;
    }
    if (tl == 0)
        return hugi_err_set(err, HUGI_E_PARSE, where, "empty side of a rule");
    hugi_rc rc = cue_new(t, NULL, 0, id, where, err);
    if (rc != HUGI_OK)
        return rc;
    return add_entry(t, *id, true, p, tl, where, err);
}

/* Where " + ", " > ", " * ", " : " or " & " first occurs in p[0..len) (len when none does); *op
 * gets '+', '>', '*', ':' or '&'. */
static size_t find_op(const char *p, size_t len, char *op)
{
    for (size_t i = 0; i + 2 < len; i++) {
        if (p[i] == ' ' &&
            (p[i + 1] == '+' || p[i + 1] == '>' || p[i + 1] == '*' || p[i + 1] == ':' ||
             p[i + 1] == '&') &&
            p[i + 2] == ' ') {
            *op = p[i + 1];
            return i;
        }
    }
    *op = 0;
    return len;
}

/* Parses a rule line into r: "A", "A + B", each followed by any "& C" / "& !C". */
static hugi_rc parse_rule(struct hugi_complaint_tax *t, const char *p, size_t len, struct rule *r,
                          const char *where, struct hugi_err *err)
{
    char op;
    size_t at = find_op(p, len, &op);
    int a, b = 0;
    hugi_rc rc = rule_side(t, p, at, &a, where, err);
    if (rc != HUGI_OK)
        return rc;
    r->a = (uint16_t)a;
    r->op = RULE_SINGLE;
    r->nconds = 0;
    while (at < len) {
        const char *q = p + at + 3;
        size_t ql = len - at - 3;
        char next;
        size_t end = find_op(q, ql, &next);
        if (op == '+' || op == '>' || op == '*' || op == ':') {
            if (r->op != RULE_SINGLE || r->nconds > 0)
                return hugi_err_set(err, HUGI_E_PARSE, where,
                                    "'%c' only between the first two parts of a rule", op);
            rc = rule_side(t, q, end, &b, where, err);
            if (rc != HUGI_OK)
                return rc;
            r->op = op == '+'   ? RULE_NEAR
                    : op == '>' ? RULE_AFTER
                    : op == '*' ? RULE_CLAUSE
                                : RULE_PRED;
            r->b = (uint16_t)b;
        } else {
            if (r->nconds == RULE_MAX_CONDS)
                return hugi_err_set(err, HUGI_E_PARSE, where, "more than %d conditions",
                                    RULE_MAX_CONDS);
            size_t cl;
            const char *c = hugi_str_trim(q, end, &cl);
            bool neg = cl > 0 && c[0] == '!';
            int id;
            rc = rule_side(t, c + neg, cl - neg, &id, where, err);
            if (rc != HUGI_OK)
                return rc;
            r->cond[r->nconds] = (uint16_t)id;
            r->cond_neg[r->nconds] = neg;
            r->nconds++;
        }
        at = at + 3 + end;
        op = next;
    }
    return HUGI_OK;
}

/* A veto line "-* & C [& C ...]" of category idx; p holds "& C ...". Never for a critical
 * category: those are raised whatever the text is about. With imply >= 0, the line is "+* K & C
 * ..." (round sixteen): idx is implied by a hit of category imply when the conditions hold; never
 * a critical category either (a critical category stands on its own evidence). */
static hugi_rc add_veto(struct hugi_complaint_tax *t, int idx, const char *p, size_t len, int imply,
                        const char *where, struct hugi_err *err)
{
    if (t->cats[idx].critical)
        return hugi_err_set(err, HUGI_E_PARSE, where,
                            imply >= 0 ? "a critical category cannot be implied"
                                       : "a critical category cannot be vetoed");
    struct rule *nv = room_one(t->vetoes, t->nvetoes, &t->veto_cap, sizeof *nv, 8);
    if (!nv)
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    t->vetoes = nv;
    struct rule r = {0};
    r.cat = (uint16_t)idx;
    if (imply >= 0) {
        r.op = RULE_IMPLY;
        r.a = (uint16_t)imply;
    }
    char op;
    size_t at = find_op(p, len, &op);
    if (at != 0)
        return hugi_err_set(err, HUGI_E_PARSE, where,
                            imply >= 0 ? "an implication is '+* K [& C ...]'"
                                       : "a veto is '-* & C [& C ...]'");
    while (at < len) {
        const char *q = p + at + 3;
        size_t ql = len - at - 3;
        char next;
        size_t end = find_op(q, ql, &next);
        if (op != '&')
            return hugi_err_set(err, HUGI_E_PARSE, where, "a veto takes '& C' conditions only");
        if (r.nconds == RULE_MAX_CONDS)
            return hugi_err_set(err, HUGI_E_PARSE, where, "more than %d conditions",
                                RULE_MAX_CONDS);
        size_t cl;
        const char *c = hugi_str_trim(q, end, &cl);
        bool neg = cl > 0 && c[0] == '!';
        int id;
        hugi_rc rc = rule_side(t, c + neg, cl - neg, &id, where, err);
        if (rc != HUGI_OK)
            return rc;
        r.cond[r.nconds] = (uint16_t)id;
        r.cond_neg[r.nconds] = neg;
        r.nconds++;
        at = at + 3 + end;
        op = next;
    }
    if (r.nconds == 0 && imply < 0)
        return hugi_err_set(err, HUGI_E_PARSE, where, "a veto needs a condition");
    t->vetoes[t->nvetoes++] = r;
    return HUGI_OK;
}

hugi_rc hugi_complaint_tax_add_pattern(struct hugi_complaint_tax *t, int idx, const char *pat,
                                       size_t len, const char *where, struct hugi_err *err)
{
    if (idx < 0 || idx >= t->ncats)
        return hugi_err_set(err, HUGI_E_USAGE, where, "no category %d", idx);
    if (t->built)
        return hugi_err_set(err, HUGI_E_USAGE, where, "taxonomy already built");
    size_t tl;
    char op;
    const char *p = hugi_str_trim(pat, len, &tl);
    /* "-* critical", "-* privacy": this category yields the words a hit of every critical
     * category, or of the one named, covers (round thirteen) */
    if (tl >= 2 && p[0] == '-' && p[1] == '*') {
        size_t rl;
        const char *r = hugi_str_trim(p + 2, tl - 2, &rl);
        if (rl > 1 && r[0] == '^') {
            int k = hugi_complaint_tax_find(t, r + 1, rl - 1);
            if (k < 0)
                return hugi_err_set(err, HUGI_E_PARSE, where, "'-* %.*s': no such category",
                                    (int)rl, r);
            t->cats[idx].generic_keep |= (uint64_t)1 << k;
            return HUGI_OK;
        }
        size_t near = rl > 0 && r[0] == '~' ? 1 : 0;
        int to = rl > near && r[near] != '&' ? hugi_complaint_tax_find(t, r + near, rl - near) : -1;
        bool all = rl == 8 + near && memcmp(r + near, "critical", 8) == 0;
        if (all || (to >= 0 && to != idx)) {
            if (t->cats[idx].critical)
                return hugi_err_set(err, HUGI_E_PARSE, where, "a critical category yields to none");
            if (all) {
                t->cats[idx].yield_critical = true;
                t->cats[idx].yield_critical_near |= near;
                return HUGI_OK;
            }
            t->cats[idx].yield_to |= (uint64_t)1 << to;
            if (near)
                t->cats[idx].yield_near |= (uint64_t)1 << to;
            return HUGI_OK;
        }
        if (rl > 0 && r[0] != '&')
            return hugi_err_set(err, HUGI_E_PARSE, where,
                                "'-* %.*s': name 'critical' or another category", (int)rl, r);
    }
    /* "-* & C": a veto of the whole category when the conditions hold (round twelve) */
    if (tl >= 2 && p[0] == '-' && p[1] == '*')
        return add_veto(t, idx, p + 2, tl - 2, -1, where, err);
    /* "+* K & C": this category is implied by a hit of K when the conditions hold (round
     * sixteen) */
    if (tl >= 3 && p[0] == '+' && p[1] == '*' && p[2] == ' ') {
        size_t rl;
        const char *r = hugi_str_trim(p + 2, tl - 2, &rl);
        size_t kl = 0;
        while (kl < rl && r[kl] != ' ')
            kl++;
        int k = hugi_complaint_tax_find(t, r, kl);
        if (k < 0 || k == idx)
            return hugi_err_set(err, HUGI_E_PARSE, where, "'+* %.*s': name another category",
                                (int)kl, r);
        return add_veto(t, idx, r + kl, rl - kl, k, where, err);
    }
    /* "^" marks a generic failure word (round thirteen), on a plain pattern or a rule */
    bool generic = tl > 0 && p[0] == '^';
    if (generic) {
        p++;
        tl--;
        if (tl > 0 && (p[0] == '~' || p[0] == '-'))
            return hugi_err_set(err, HUGI_E_PARSE, where,
                                "a generic word ('^') cannot be weak or an exclusion");
    }
    /* "~" marks a topic word (round twelve), on a plain pattern or a rule */
    bool weak = tl > 0 && p[0] == '~';
    bool is_rule = find_op(p, tl, &op) < tl || (tl >= 2 && p[0] == '{' && p[tl - 1] == '}') ||
                   (tl >= 3 && p[0] == '-' && p[1] == '{' && p[tl - 1] == '}');
    is_rule = is_rule || (weak && tl >= 3 && p[1] == '{' && p[tl - 1] == '}');
    if (!is_rule) {
        hugi_rc rc = add_entry(t, idx, false, p, tl, where, err);
        if (rc == HUGI_OK && generic)
            t->info[t->ninfo - 1].flags |= PAT_GENERIC;
        return rc;
    }
    if (weak) {
        p++;
        tl--;
    }
    /* "-{topic} + {fail}": an exclusion made of a rule, so a word that belongs to another
     * category's topic in this clause ("신분증 인식이 안 돼요" is app_login's) is not this one's */
    bool exclude = tl > 0 && p[0] == '-';
    if (exclude) {
        p++;
        tl--;
    }
    if (exclude && weak)
        return hugi_err_set(err, HUGI_E_PARSE, where, "an exclusion cannot be weak ('~')");
    if (t->nrules >= MAX_RULES)
        return hugi_err_set(err, HUGI_E_LIMIT, where, "more than %d rules", MAX_RULES);
    struct rule *nr = room_one(t->rules, t->nrules, &t->rule_cap, sizeof *nr, 64);
    if (!nr)
        return hugi_err_set(err, HUGI_E_NOMEM, where, "out of memory");
    t->rules = nr;
    struct rule r = {0};
    r.cat = (uint16_t)idx;
    r.exclude = exclude;
    r.weak = weak;
    r.generic = generic;
    hugi_rc rc = parse_rule(t, p, tl, &r, where, err);
    if (rc != HUGI_OK)
        return rc;
    t->rules[t->nrules++] = r;
    return HUGI_OK;
}

/* What building adds besides the matcher, also after loading an image: the rules grouped by
 * their first cue, the reserved cues, the yield masks of "-* critical". */
static hugi_rc index_rules(struct hugi_complaint_tax *t, struct hugi_err *err)
{
    t->cue_rule_at = calloc(t->ncues + 1, sizeof *t->cue_rule_at);
    t->cue_rules = malloc((t->nrules ? t->nrules : 1) * sizeof *t->cue_rules);
    if (!t->cue_rule_at || !t->cue_rules)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    for (size_t r = 0; r < t->nrules; r++)
        t->cue_rule_at[t->rules[r].a + 1]++;
    for (size_t q = 0; q < t->ncues; q++)
        t->cue_rule_at[q + 1] += t->cue_rule_at[q];
    uint32_t *fill = calloc(t->ncues ? t->ncues : 1, sizeof *fill);
    if (!fill)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    for (size_t r = 0; r < t->nrules; r++) {
        uint16_t a = t->rules[r].a;
        t->cue_rules[t->cue_rule_at[a] + fill[a]++] = (uint16_t)r; /* in rule order */
    }
    free(fill);
    t->cue_problem = cue_find(t, "problem", 7);
    t->cue_off = cue_find(t, "off_topic", 9);
    t->cue_on = cue_find(t, "on_topic", 8);
    t->cue_worry = cue_find(t, "worry", 5);
    t->cue_contrast = cue_find(t, "contrast", 8);
    t->cue_worry_past = cue_find(t, "worry_past", 10);
    t->cue_purpose = cue_find(t, "purpose", 7);
    t->cue_off_app = cue_find(t, "off_app", 7);
    t->imply_src = 0;
    for (size_t v = 0; v < t->nvetoes; v++)
        if (t->vetoes[v].op == RULE_IMPLY)
            t->imply_src |= (uint64_t)1 << t->vetoes[v].a;
    uint64_t critical = hugi_complaint_tax_critical_mask(t);
    for (int i = 0; i < t->ncats; i++) {
        if (t->cats[i].yield_critical)
            t->cats[i].yield_to |= critical;
        if (t->cats[i].yield_critical_near)
            t->cats[i].yield_near |= critical;
    }
    return HUGI_OK;
}

hugi_rc hugi_complaint_tax_build(struct hugi_complaint_tax *t, struct hugi_err *err)
{
    if (t->built)
        return HUGI_OK;
    hugi_rc rc = hugi_tm_dict_build(t->dict, err);
    if (rc != HUGI_OK)
        return rc;
    rc = index_rules(t, err);
    if (rc != HUGI_OK)
        return rc;
    t->built = true;
    return HUGI_OK;
}

hugi_rc hugi_complaint_read_file_(const char *path, size_t cap, char **data, size_t *len,
                                  struct hugi_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        hugi_rc rc = hugi_err_set(err, HUGI_E_IO, path, "cannot open: %s", strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    struct hugi_buf b;
    hugi_buf_init(&b, cap);
    char chunk[8192];
    size_t n;
    hugi_rc rc = HUGI_OK;
    while (rc == HUGI_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        rc = hugi_buf_add(&b, chunk, n);
    if (rc == HUGI_OK && ferror(fp))
        rc = HUGI_E_IO;
    fclose(fp);
    if (rc != HUGI_OK) {
        hugi_buf_release(&b);
        return hugi_err_set(err, rc, path, "cannot read");
    }
    *data = hugi_buf_detach(&b, len);
    return *data ? HUGI_OK : hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
}

/* Calls fn for each non-blank, non-comment line of data[0..len) (the bytes of path), with
 * "path:line" as where. */
typedef hugi_rc (*line_fn)(void *ctx, const char *line, size_t len, const char *where,
                           struct hugi_err *err);
static hugi_rc each_line_mem(const char *path, const char *data, size_t len, line_fn fn, void *ctx,
                             struct hugi_err *err)
{
    hugi_rc rc = HUGI_OK;
    size_t pos = 0;
    long lineno = 0;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        pos = 3; /* a BOM from editors on Windows */
    /* "path:" once; each line only writes its number after it (snprintf of the whole, once
     * a line, was a twentieth of loading the shipped lexicons); cut like snprintf would */
    char where[256];
    int pl = snprintf(where, sizeof where, "%s:", path);
    size_t plen = pl < 0 ? 0 : ((size_t)pl < sizeof where ? (size_t)pl : sizeof where - 1);
    while (pos < len && rc == HUGI_OK) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        size_t tl;
        const char *l = hugi_str_trim(data + pos, end - pos, &tl);
        if (tl > 0 && l[0] != '#') {
            char digits[24];
            size_t nd = 0;
            for (long v = lineno; v > 0 && nd < sizeof digits; v /= 10)
                digits[nd++] = (char)('0' + v % 10);
            size_t w = plen;
            while (nd > 0 && w + 1 < sizeof where)
                where[w++] = digits[--nd];
            where[w] = '\0';
            rc = fn(ctx, l, tl, where, err);
        }
        pos = end + 1;
    }
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

/* cues.tsv: name<TAB>pattern, one pattern a line. */
static hugi_rc cue_line(void *vctx, const char *l, size_t len, const char *where,
                        struct hugi_err *err)
{
    struct pat_ctx *c = vctx;
    const char *tab = memchr(l, '\t', len);
    if (!tab || tab == l)
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected name<TAB>pattern");
    char name[64];
    size_t nl = (size_t)(tab - l);
    if (nl >= sizeof name)
        return hugi_err_set(err, HUGI_E_PARSE, where, "cue name too long");
    memcpy(name, l, nl);
    name[nl] = '\0';
    const char *p = tab + 1;
    size_t pl = len - nl - 1;
    const char *tab2 = memchr(p, '\t', pl); /* a note after the pattern */
    if (tab2)
        pl = (size_t)(tab2 - p);
    return hugi_complaint_tax_add_cue(c->t, name, p, pl, where, err);
}

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
    return hugi_complaint_tax_load_extra(out, dir, NULL, 0, err);
}

/* The category an extra lexicon file names: its base name without ".tsv". */
static int extra_category(struct hugi_complaint_tax *t, const char *path, struct hugi_err *err)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && memcmp(base + n - 4, ".tsv", 4) == 0)
        n -= 4;
    char key[64];
    if (n == 0 || n >= sizeof key) {
        hugi_err_set(err, HUGI_E_CONFIG, path, "cannot name a category after this file");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(is_alnum((unsigned char)base[i]) || base[i] == '_' || base[i] == '-')) {
            hugi_err_set(err, HUGI_E_CONFIG, path, "cannot name a category after this file");
            return -1;
        }
    }
    memcpy(key, base, n);
    key[n] = '\0';
    int idx = hugi_complaint_tax_find(t, key, n);
    if (idx < 0 && hugi_complaint_tax_add_category(t, key, false, &idx, err) != HUGI_OK)
        return -1;
    return idx;
}

/* ---- loading: the files read first, then parsed or replaced by their compiled image ------- */

/* One file of a taxonomy, read whole before any is parsed (so that its bytes can name the
 * image); a file that could not be read keeps its error, returned when parsing reaches it, so
 * the errors are those of loading one file after the other. */
struct src_file {
    char *path; /* as errors name it; NULL when the path could not be made */
    char *data;
    size_t len;
    hugi_rc rc;
    struct hugi_err err;
};

struct hugi_complaint_src {
    struct hugi_complaint_tax *t; /* categories.tsv parsed into it, nothing else yet */
    char *dir;
    bool has_cues; /* cues.tsv is there (or its path failed: cues.rc says) */
    struct src_file cues;
    struct src_file *files; /* the categories' files in order, then the extra files */
    size_t ncat, nextra;
    char **extra; /* the extra files' paths */
    bool all_read;
    uint8_t key[HUGI_TM_IMAGE_KEY];
};

static void src_file_path(struct src_file *f, const char *dir, const char *a, const char *b)
{
    struct hugi_buf path;
    hugi_buf_init(&path, 4096);
    hugi_rc rc = hugi_buf_addf(&path, "%s/%s%s", dir, a, b);
    if (rc != HUGI_OK) {
        hugi_buf_release(&path);
        f->rc = hugi_err_set(&f->err, rc, dir, "path too long");
        return;
    }
    f->path = hugi_buf_detach(&path, NULL);
    if (!f->path)
        f->rc = hugi_err_set(&f->err, HUGI_E_NOMEM, dir, "out of memory");
}

static void src_file_read(struct src_file *f)
{
    if (f->rc == HUGI_OK)
        f->rc = hugi_complaint_read_file_(f->path, 16 * 1024 * 1024, &f->data, &f->len, &f->err);
}

/* each_line_mem over a file read before, or the error reading it gave. */
static hugi_rc src_lines(const struct src_file *f, line_fn fn, void *ctx, struct hugi_err *err)
{
    if (f->rc != HUGI_OK) {
        if (err)
            *err = f->err;
        return f->rc;
    }
    return each_line_mem(f->path, f->data, f->len, fn, ctx, err);
}

static void src_file_release(struct src_file *f)
{
    free(f->path);
    free(f->data);
}

void hugi_complaint_src_free(struct hugi_complaint_src *s)
{
    if (!s)
        return;
    hugi_complaint_tax_free(s->t);
    free(s->dir);
    src_file_release(&s->cues);
    for (size_t i = 0; s->files && i < s->ncat + s->nextra; i++)
        src_file_release(&s->files[i]);
    free(s->files);
    for (size_t i = 0; s->extra && i < s->nextra; i++)
        free(s->extra[i]);
    free(s->extra);
    free(s);
}

/* What shapes a taxonomy besides its files' bytes: the image's layout and this build (a rebuilt
 * hugi never trusts an image an older build wrote, even where the layout did not change). */
static const char tax_image_rev[] =
    "hugi-complaint-image 1 " HUGI_VERSION " built " __DATE__ " " __TIME__;

/* The key: four chained 64-bit hashes over the build, then each file's name as the taxonomy
 * sees it (what a category is called) and its bytes, in load order. */
static void src_key(struct hugi_complaint_src *s, const struct src_file *cf)
{
    uint64_t h[4];
    const char *tm = hugi_tm_build_id();
    for (int j = 0; j < 4; j++)
        h[j] = hugi_tm_hash(tax_image_rev, sizeof tax_image_rev - 1,
                            (uint64_t)j * 0x9E3779B97F4A7C15ULL) ^
               hugi_tm_hash(tm, strlen(tm), (uint64_t)(j + 1) * 0xC2B2AE3D27D4EB4FULL);
    uint64_t nparts = 0;
#define KEY_ADD(p, n)                                                                              \
    do {                                                                                           \
        nparts++;                                                                                  \
        for (int j = 0; j < 4; j++)                                                                \
            h[j] = hugi_tm_hash((p), (n), h[j] ^ ((uint64_t)(n) << 1) ^ nparts);                   \
    } while (0)
    KEY_ADD(cf->data, cf->len);
    KEY_ADD(s->has_cues ? "cues.tsv" : "no cues", s->has_cues ? 8u : 7u);
    if (s->has_cues)
        KEY_ADD(s->cues.data, s->cues.len);
    for (size_t i = 0; i < s->ncat + s->nextra; i++) {
        const char *name;
        if (i < s->ncat) {
            name = s->t->cats[i].key;
        } else {
            /* an extra file's category is named by its base name, wherever the file lies */
            const char *base = strrchr(s->extra[i - s->ncat], '/');
            name = base ? base + 1 : s->extra[i - s->ncat];
        }
        KEY_ADD(name, strlen(name));
        KEY_ADD(s->files[i].data, s->files[i].len);
    }
#undef KEY_ADD
    for (int j = 0; j < 4; j++)
        for (int b = 0; b < 8; b++)
            s->key[8 * j + b] = (uint8_t)(h[j] >> (8 * b));
}

hugi_rc hugi_complaint_src_read(struct hugi_complaint_src **out, const char *dir,
                                const char *const *extra, size_t nextra, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_src *s = calloc(1, sizeof *s);
    if (!s || !(s->t = hugi_complaint_tax_new()) || !(s->dir = hugi_strdup(dir))) {
        hugi_complaint_src_free(s);
        return hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    }
    /* categories.tsv names the other files: parsed now, its errors returned now */
    struct src_file cf = {0};
    src_file_path(&cf, dir, "categories.tsv", "");
    src_file_read(&cf);
    struct cat_ctx cc = {s->t};
    hugi_rc rc = src_lines(&cf, cat_line, &cc, err);
    s->ncat = (size_t)s->t->ncats;
    s->nextra = nextra;
    s->files = calloc(s->ncat + nextra + 1, sizeof *s->files);
    s->extra = calloc(nextra + 1, sizeof *s->extra);
    if (rc == HUGI_OK && (!s->files || !s->extra))
        rc = hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    if (rc != HUGI_OK) {
        src_file_release(&cf);
        hugi_complaint_src_free(s);
        return rc;
    }
    /* the cues rules refer to; optional, so a taxonomy of plain patterns needs none */
    src_file_path(&s->cues, dir, "cues.tsv", "");
    FILE *probe = s->cues.rc == HUGI_OK ? fopen(s->cues.path, "rb") : NULL;
    s->has_cues = probe || s->cues.rc != HUGI_OK;
    if (probe) {
        fclose(probe);
        src_file_read(&s->cues);
    }
    for (size_t i = 0; i < s->ncat; i++) {
        src_file_path(&s->files[i], dir, s->t->cats[i].key, ".tsv");
        src_file_read(&s->files[i]);
    }
    for (size_t i = 0; i < nextra; i++) {
        struct src_file *f = &s->files[s->ncat + i];
        s->extra[i] = hugi_strdup(extra[i]);
        f->path = hugi_strdup(extra[i]);
        if (!s->extra[i] || !f->path)
            f->rc = hugi_err_set(&f->err, HUGI_E_NOMEM, extra[i], "out of memory");
        src_file_read(f);
    }
    s->all_read = s->has_cues ? s->cues.rc == HUGI_OK : true;
    for (size_t i = 0; i < s->ncat + nextra; i++)
        s->all_read = s->all_read && s->files[i].rc == HUGI_OK;
    if (s->all_read)
        src_key(s, &cf);
    src_file_release(&cf);
    *out = s;
    return HUGI_OK;
}
/* learned.tsv and learned-critical.tsv beside the patterns (make complaint-model), when there
 * are */
static hugi_rc attach_model(struct hugi_complaint_tax *t, const char *dir, struct hugi_err *err)
{
    struct hugi_complaint_model *m = NULL;
    hugi_rc rc = hugi_complaint_model_attach_(&m, t, dir, err);
    if (rc == HUGI_OK && m)
        hugi_complaint_tax_set_model(t, m);
    return rc;
}

hugi_rc hugi_complaint_src_parse(struct hugi_complaint_src *s, struct hugi_complaint_tax **out,
                                 struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_tax *t = s->t;
    if (!t)
        return hugi_err_set(err, HUGI_E_USAGE, s->dir, "taxonomy files parsed already");
    s->t = NULL;
    hugi_rc rc = HUGI_OK;
    if (s->has_cues) {
        struct pat_ctx pc = {t, -1};
        rc = src_lines(&s->cues, cue_line, &pc, err);
    }
    for (size_t i = 0; rc == HUGI_OK && i < s->ncat; i++) {
        struct pat_ctx pc = {t, (int)i};
        rc = src_lines(&s->files[i], pat_line, &pc, err);
    }
    for (size_t i = 0; rc == HUGI_OK && i < s->nextra; i++) {
        const struct src_file *f = &s->files[s->ncat + i];
        if (!s->extra[i]) {
            rc = src_lines(f, pat_line, NULL, err); /* its out-of-memory error */
            break;
        }
        struct pat_ctx pc = {t, extra_category(t, s->extra[i], err)};
        if (pc.idx < 0)
            rc = err ? err->code : HUGI_E_CONFIG;
        else
            rc = src_lines(f, pat_line, &pc, err);
    }
    if (rc == HUGI_OK)
        rc = hugi_complaint_tax_build(t, err);
    if (rc == HUGI_OK)
        rc = attach_model(t, s->dir, err);
    if (rc != HUGI_OK) {
        hugi_complaint_tax_free(t);
        return rc;
    }
    *out = t;
    return HUGI_OK;
}

hugi_rc hugi_complaint_tax_load_extra(struct hugi_complaint_tax **out, const char *dir,
                                      const char *const *extra, size_t nextra, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_src *s = NULL;
    hugi_rc rc = hugi_complaint_src_read(&s, dir, extra, nextra, err);
    if (rc == HUGI_OK)
        rc = hugi_complaint_src_parse(s, out, err);
    hugi_complaint_src_free(s);
    return rc;
}

bool hugi_complaint_src_key(const struct hugi_complaint_src *s, char hex[33])
{
    if (!s->all_read)
        return false;
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        hex[2 * i] = digits[s->key[i] >> 4];
        hex[2 * i + 1] = digits[s->key[i] & 15];
    }
    hex[32] = '\0';
    return true;
}

/* ---- compiled image (lexicons/README.md "Compiled image") --------------------------------
 * A built taxonomy as one file a later process maps instead of normalising and building ~16,000
 * pattern lines again: textmatch's image of the dictionary (hugi_tm_dict_image, checked in full
 * by hugi_tm_dict_load_image) with the taxonomy's own tables as its caller section: the
 * categories, each entry's category or cue and flags, the cue names, the rules and the vetoes,
 * fixed-width little-endian. That section is checked as strictly as the rest (every count
 * against what follows, every index in range, every flag known) before anything uses it; the
 * rules' index by first cue is rebuilt as building makes it. */

#define TAX_IMG_MAGIC   "HUGI-CAT"
#define TAX_IMG_VERSION 1u
#define RULE_BYTES      21u /* put_rule */

struct wr {
    struct hugi_buf *b;
    hugi_rc rc;
};

static void put_n(struct wr *w, uint64_t v, unsigned n)
{
    unsigned char c[8];
    for (unsigned k = 0; k < n; k++)
        c[k] = (unsigned char)(v >> (8 * k));
    if (w->rc == HUGI_OK)
        w->rc = hugi_buf_add(w->b, c, n);
}

static void put_name(struct wr *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_n(w, n, 1);
    if (n && w->rc == HUGI_OK)
        w->rc = hugi_buf_add(w->b, s, n);
}

static void put_rule(struct wr *w, const struct rule *r)
{
    put_n(w, r->exclude, 1);
    put_n(w, r->weak, 1);
    put_n(w, r->generic, 1);
    put_n(w, r->op, 1);
    put_n(w, r->cat, 2);
    put_n(w, r->a, 2);
    put_n(w, r->b, 2);
    put_n(w, r->nconds, 2);
    for (int k = 0; k < RULE_MAX_CONDS; k++)
        put_n(w, r->cond[k], 2);
    for (int k = 0; k < RULE_MAX_CONDS; k++)
        put_n(w, r->cond_neg[k], 1);
}

hugi_rc hugi_complaint_tax_image_write(const struct hugi_complaint_tax *t,
                                       const uint8_t key[HUGI_TM_IMAGE_KEY], struct hugi_buf *out,
                                       struct hugi_err *err)
{
    if (!t->built)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "complaint taxonomy not built");
    struct hugi_buf x;
    hugi_buf_init(&x, 0);
    struct wr w = {&x, hugi_buf_add(&x, TAX_IMG_MAGIC, 8)};
    put_n(&w, TAX_IMG_VERSION, 4);
    put_n(&w, (uint64_t)t->ncats, 4);
    put_n(&w, t->ninfo, 4);
    put_n(&w, t->ncues, 4);
    put_n(&w, t->nrules, 4);
    put_n(&w, t->nvetoes, 4);
    for (int i = 0; i < t->ncats; i++) {
        const struct category *c = &t->cats[i];
        put_name(&w, c->key);
        put_n(&w, c->critical, 1);
        put_n(&w, c->yield_critical, 1);
        put_n(&w, c->yield_critical_near, 1);
        put_n(&w, c->yield_to, 8);
        put_n(&w, c->yield_near, 8);
        put_n(&w, c->generic_keep, 8);
    }
    for (size_t i = 0; i < t->ninfo; i++) {
        put_n(&w, t->info[i].cat, 2);
        put_n(&w, t->info[i].flags, 2);
    }
    for (size_t i = 0; i < t->ncues; i++)
        put_name(&w, t->cue_name[i]);
    for (size_t i = 0; i < t->nrules; i++)
        put_rule(&w, &t->rules[i]);
    for (size_t i = 0; i < t->nvetoes; i++)
        put_rule(&w, &t->vetoes[i]);
    hugi_rc rc = w.rc == HUGI_OK
                     ? hugi_tm_dict_image(t->dict, key, x.data, x.len, out, err)
                     : hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot write complaint image");
    hugi_buf_release(&x);
    return rc;
}

struct rd {
    const unsigned char *p;
    size_t n, at;
    bool bad;
};

static uint64_t get_n(struct rd *r, unsigned n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (unsigned k = 0; k < n; k++)
        v |= (uint64_t)r->p[r->at + k] << (8 * k);
    r->at += n;
    return v;
}

/* A name of 0..63 bytes of [A-Za-z0-9_] (and '-' for a category key) into buf; false (r->bad)
 * when it is not one. */
static bool get_name(struct rd *r, char buf[64], bool dash)
{
    size_t n = (size_t)get_n(r, 1);
    if (r->bad || n > 63 || r->n - r->at < n) {
        r->bad = true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = (char)r->p[r->at + i];
        if (!(is_alnum((unsigned char)c) || c == '_' || (dash && c == '-'))) {
            r->bad = true;
            return false;
        }
        buf[i] = c;
    }
    buf[n] = '\0';
    r->at += n;
    return true;
}

/* A rule record, checked against what parsing makes: known op, indexes in range, flags 0/1,
 * unused fields zero (a veto: conditions only). */
static bool get_rule(struct rd *r, struct rule *ru, const struct hugi_complaint_tax *t, bool veto)
{
    uint64_t ex = get_n(r, 1), wk = get_n(r, 1), ge = get_n(r, 1), op = get_n(r, 1);
    *ru = (struct rule){0};
    ru->cat = (uint16_t)get_n(r, 2);
    ru->a = (uint16_t)get_n(r, 2);
    ru->b = (uint16_t)get_n(r, 2);
    ru->nconds = (uint16_t)get_n(r, 2);
    bool ok = !r->bad && ex <= 1 && wk <= 1 && ge <= 1 && op <= RULE_PRED && ru->cat < t->ncats &&
              ru->nconds <= RULE_MAX_CONDS;
    ru->exclude = ex;
    ru->weak = wk;
    ru->generic = ge;
    ru->op = (uint16_t)op;
    for (int k = 0; k < RULE_MAX_CONDS; k++) {
        ru->cond[k] = (uint16_t)get_n(r, 2);
        ok = ok && (k < ru->nconds ? ru->cond[k] < t->ncues : ru->cond[k] == 0);
    }
    for (int k = 0; k < RULE_MAX_CONDS; k++) {
        uint64_t neg = get_n(r, 1);
        ok = ok && (k < ru->nconds ? neg <= 1 : neg == 0);
        ru->cond_neg[k] = neg != 0;
    }
    /* a veto has conditions only; an implication (RULE_IMPLY) names the implying category in a */
    if (veto)
        ok = ok && !t->cats[ru->cat].critical && !ex && !wk && !ge && ru->b == 0 &&
             (op == RULE_SINGLE ? ru->a == 0 && ru->nconds > 0
                                : op == RULE_IMPLY && ru->a < t->ncats);
    else
        ok = ok && op != RULE_IMPLY && ru->a < t->ncues &&
             (op == RULE_SINGLE ? ru->b == 0 : ru->b < t->ncues);
    return ok && !r->bad;
}

/* Every entry's flags as add_entry and add_pattern set them (PAT_LEARNED marks hits only). */
#define PAT_KNOWN                                                                                  \
    (PAT_LATIN | PAT_PREFIX | PAT_NEGATED | PAT_EXCLUDE | PAT_CUE | PAT_WEAK | PAT_GENERIC)

/* Fills new taxonomy t, whose dictionary came from the image, from the image's caller section. */
static hugi_rc tax_adopt(struct hugi_complaint_tax *t, const unsigned char *x, size_t n,
                         struct hugi_err *err)
{
#define IBAD(what) hugi_err_set(err, HUGI_E_PARSE, "complaint image", "%s", what)
    if (n < 8 || memcmp(x, TAX_IMG_MAGIC, 8) != 0)
        return IBAD("not a complaint taxonomy image");
    struct rd r = {x, n, 8, false};
    if (get_n(&r, 4) != TAX_IMG_VERSION)
        return IBAD("other format version");
    uint64_t ncats = get_n(&r, 4), ninfo = get_n(&r, 4), ncues = get_n(&r, 4);
    uint64_t nrules = get_n(&r, 4), nvetoes = get_n(&r, 4);
    /* every record takes at least a byte (a rule RULE_BYTES): no count asks for more memory
     * than the section could describe */
    if (r.bad || ncats > HUGI_COMPLAINT_MAX_CATS || ninfo != hugi_tm_dict_count(t->dict) ||
        ncues > MAX_CUES || nrules > MAX_RULES || ninfo > n / 4 || nvetoes > n / RULE_BYTES)
        return IBAD("bad counts");
    for (uint64_t i = 0; i < ncats; i++) {
        char key[64];
        if (!get_name(&r, key, true) || !key[0])
            return IBAD("bad category key");
        uint64_t crit = get_n(&r, 1), yc = get_n(&r, 1), ycn = get_n(&r, 1);
        uint64_t yt = get_n(&r, 8), yn = get_n(&r, 8), gk = get_n(&r, 8);
        uint64_t over = ncats < 64 ? ~(((uint64_t)1 << ncats) - 1) : 0;
        if (r.bad || crit > 1 || yc > 1 || ycn > 1 || ((yt | yn | gk) & over))
            return IBAD("bad category");
        int idx;
        struct hugi_err e2;
        if (hugi_complaint_tax_add_category(t, key, crit != 0, &idx, &e2) != HUGI_OK)
            return IBAD(e2.code == HUGI_E_NOMEM ? "out of memory" : "category listed twice");
        struct category *c = &t->cats[idx];
        c->yield_critical = yc;
        c->yield_critical_near = ycn;
        c->yield_to = yt;
        c->yield_near = yn;
        c->generic_keep = gk;
    }
    t->info = malloc((ninfo ? ninfo : 1) * sizeof *t->info);
    t->cue_name = calloc(ncues ? ncues : 1, sizeof *t->cue_name);
    t->rules = malloc((nrules ? nrules : 1) * sizeof *t->rules);
    t->vetoes = malloc((nvetoes ? nvetoes : 1) * sizeof *t->vetoes);
    if (!t->info || !t->cue_name || !t->rules || !t->vetoes)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    t->cap = ninfo;
    t->cue_cap = ncues;
    t->rule_cap = nrules;
    t->veto_cap = nvetoes;
    for (uint64_t i = 0; i < ninfo; i++) {
        t->info[i].cat = (uint16_t)get_n(&r, 2);
        t->info[i].flags = (uint16_t)get_n(&r, 2);
    }
    t->ninfo = ninfo;
    for (uint64_t i = 0; i < ncues; i++) {
        char name[64];
        if (!get_name(&r, name, false))
            return IBAD("bad cue name");
        if (name[0] && !(t->cue_name[i] = hugi_strdup(name)))
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        t->ncues++;
    }
    if (r.bad)
        return IBAD("truncated");
    for (size_t i = 0; i < t->ninfo; i++) {
        const struct pat_info *pi = &t->info[i];
        if ((pi->flags & ~PAT_KNOWN) ||
            pi->cat >= ((pi->flags & PAT_CUE) ? t->ncues : (size_t)t->ncats))
            return IBAD("bad entry");
    }
    for (uint64_t i = 0; i < nrules; i++) {
        if (!get_rule(&r, &t->rules[i], t, false))
            return IBAD("bad rule");
        t->nrules++;
    }
    for (uint64_t i = 0; i < nvetoes; i++) {
        if (!get_rule(&r, &t->vetoes[i], t, true))
            return IBAD("bad veto");
        t->nvetoes++;
    }
    if (r.at != n)
        return IBAD("trailing bytes");
#undef IBAD
    hugi_rc rc = index_rules(t, err);
    if (rc == HUGI_OK)
        t->built = true;
    return rc;
}

hugi_rc hugi_complaint_tax_image_load_mem(struct hugi_complaint_tax **out,
                                          const uint8_t key[HUGI_TM_IMAGE_KEY], const void *data,
                                          size_t len, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    if (!t)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    const void *x = NULL;
    size_t xl = 0;
    hugi_rc rc = hugi_tm_dict_load_image(t->dict, data, len, key, &x, &xl, err);
    if (rc == HUGI_OK)
        rc = tax_adopt(t, x, xl, err);
    if (rc != HUGI_OK) {
        hugi_complaint_tax_free(t);
        return rc;
    }
    *out = t;
    return HUGI_OK;
}

hugi_rc hugi_complaint_src_image(struct hugi_complaint_src *s, const char *path,
                                 struct hugi_complaint_tax **out, struct hugi_err *err)
{
    *out = NULL;
    if (!s->all_read)
        return hugi_err_set(err, HUGI_E_NOTFOUND, s->dir, "taxonomy files not all read");
    struct hugi_complaint_tax *t = hugi_complaint_tax_new();
    if (!t)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    const void *x = NULL;
    size_t xl = 0;
    hugi_rc rc = hugi_tm_dict_map_image(t->dict, path, s->key, &x, &xl, err);
    if (rc == HUGI_OK) {
        rc = tax_adopt(t, x, xl, err);
        if (rc != HUGI_OK && err && !strcmp(err->where, "complaint image"))
            snprintf(err->where, sizeof err->where, "%s", path);
    }
    if (rc == HUGI_OK)
        rc = attach_model(t, s->dir, err);
    if (rc != HUGI_OK) {
        hugi_complaint_tax_free(t);
        return rc;
    }
    *out = t;
    return HUGI_OK;
}

hugi_rc hugi_complaint_src_image_save(const struct hugi_complaint_src *s,
                                      const struct hugi_complaint_tax *t, const char *path,
                                      struct hugi_err *err)
{
    if (!s->all_read)
        return hugi_err_set(err, HUGI_E_USAGE, s->dir, "taxonomy files not all read");
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = hugi_complaint_tax_image_write(t, s->key, &b, err);
    if (rc != HUGI_OK) {
        hugi_buf_release(&b);
        return rc;
    }
    rc = hugi_file_write_private(path, b.data, b.len, "complaint image", err);
    hugi_buf_release(&b);
    return rc;
}
/* ---- matching ---------------------------------------------------------------------------- */

struct match_ctx;

struct hugi_complaint_scratch {
    struct match_ctx *mc;   /* one call's hits, kept for the next call */
    struct hugi_tm_text tm; /* normalised text */
    struct hugi_buf join;   /* joined view */
    uint32_t *src;          /* joined byte -> normalised byte (tm.orig maps on to the original) */
    size_t cap;
    struct hugi_complaint_lscratch ls; /* the learned model's feature hits */
};

void hugi_complaint_match_init(struct hugi_complaint_match *m)
{
    memset(m, 0, sizeof *m);
}

void hugi_complaint_match_release(struct hugi_complaint_match *m)
{
    free(m->spans);
    if (m->scratch) {
        hugi_tm_text_release(&m->scratch->tm);
        hugi_buf_release(&m->scratch->join);
        free(m->scratch->src);
        free(m->scratch->mc);
        free(m->scratch->ls.hits);
        free(m->scratch->ls.stamp);
        free(m->scratch);
    }
    memset(m, 0, sizeof *m);
}

static bool starts(const char *f, size_t flen, size_t pos, const char *s)
{
    size_t n = strlen(s);
    return pos + n <= flen && memcmp(f + pos, s, n) == 0;
}

/* "오류 안 나요", "고장 안 났어요": 안 followed by 나다/생기다 after the term (a particle between
 * allowed) says the problem does not occur. */
static bool no_occurrence(const struct hugi_tm_text *tm, uint32_t e)
{
    const char *t = tm->s;
    size_t n = tm->len;
    size_t p = e;
    static const char *const particle[] = {"이", "가", "은", "는", "도"};
    for (size_t i = 0; i < sizeof particle / sizeof particle[0]; i++) {
        if (starts(t, n, p, particle[i])) {
            p += 3;
            break;
        }
    }
    if (p < n && t[p] == ' ')
        p++;
    if (!starts(t, n, p, "안"))
        return false;
    p += 3;
    if (p < n && t[p] == ' ')
        p++;
    return starts(t, n, p, "나") || starts(t, n, p, "났") || starts(t, n, p, "생") ||
           starts(t, n, p, "남");
}

/* "않" before a verb is a common misspelling of "안" ("로그인이 않돼요", "인증번호가 않와요"),
 * not the -지 않다 negation, which is followed by 아/았/는/습. */
static bool misspelt_an(const char *t, size_t n, size_t p)
{
    static const char *const verbs[] = {"돼", "되", "됨", "됩", "됬", "됐",   "와",
                                        "왔", "오", "옴", "열", "켜", "보내", "들어"};
    if (!starts(t, n, p, "않"))
        return false;
    size_t q = p + strlen("않");
    if (q < n && t[q] == ' ')
        q++;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (starts(t, n, q, verbs[i]))
            return true;
    return false;
}

/* textmatch's test is the scorer's. For a complaint topic "안" after a term is the complaint
 * ("로그인이 안 돼요", "환불이 안 돼요"), so after a Korean term only 없/않/아니 (and "안 나/생",
 * no_occurrence) negate; 못 after a term is the complaint too ("로그인을 못 해요"). */
static bool negated(const struct hugi_tm_text *tm, uint32_t s, uint32_t e, bool *before)
{
    struct hugi_tm_match span;
    enum hugi_tm_neg r = hugi_tm_negated(tm, s, e, NULL, &span);
    *before = r == HUGI_TM_NEG_BEFORE;
    if (r == HUGI_TM_NEG_BEFORE)
        return true;
    if (e > 0 && ((unsigned char)tm->s[e - 1] & 0x80) && no_occurrence(tm, e))
        return true;
    if (r == HUGI_TM_NEG_NONE)
        return false;
    const char *t = tm->s;
    size_t n = tm->len;
    size_t p = span.start;
    if (starts(t, n, p, "안"))
        return no_occurrence(tm, e);
    if (misspelt_an(t, n, p))
        return false;
    if (starts(t, n, p, "못"))
        return false;
    return true;
}

struct hit {
    uint32_t s, e; /* joined-view bytes */
    uint16_t cat;
    uint16_t flags;
};

#define MAX_HITS 256

struct cue_hit {
    uint32_t s, e; /* joined-view bytes */
    uint16_t cue;
    bool neg;        /* negated: counts only after a partner that holds the negation */
    bool neg_before; /* ... by a word before it (not 없/않 after it: "보석 없으면") */
    bool holds;      /* the pattern holds a negation itself ("does not match", "no") */
    bool cross;      /* a two-syllable Korean hit spanning a space (crosses_short) */
};

#define NEG_MEMO 16

struct match_ctx {
    const struct hugi_complaint_tax *t;
    const struct hugi_tm_text *tm;
    const struct hugi_tm_text *view;
    const uint32_t *src;
    struct hit hits[MAX_HITS];
    size_t nh;
    uint64_t excl_cats;
    uint64_t veto; /* the categories vetoed in this text (keep_judged), which none implies */
    struct cue_hit cues[MAX_HITS];
    size_t nc;
    uint64_t cue_seen[MAX_CUES / 64]; /* bit per cue id hit (not negated) in this text */
    uint64_t cue_any[MAX_CUES / 64];  /* the same, negated hits included */
    uint64_t cue_ctx[MAX_CUES / 64];  /* hit, not negated, not by chance across a space */
    uint64_t cue_done[MAX_CUES / 64]; /* apply_rules: cues whose rules are gathered */
    uint16_t cand[MAX_RULES];         /* apply_rules: the rules to try, in rule order */
    int32_t lfeat[HUGI_COMPLAINT_MAX_CATS][HUGI_COMPLAINT_SPAN_FEATS]; /* learned evidence */
    /* the negation test of the last spans: a cue and a category pattern often match the same
     * words ("배송" is both), and half the tests repeat one of the last few spans */
    uint32_t memo_s[NEG_MEMO], memo_e[NEG_MEMO];
    uint8_t memo_v[NEG_MEMO]; /* bit 0: negated, bit 1: negated before */
    unsigned memo_n, memo_next;
    /* can the text negate at all: -1 not looked yet, 0 no negator anywhere, 1 maybe */
    int may_neg;
};

/* The joined view lets "안와" match "안 와", but a two-syllable pattern spanning a space is
 * mostly chance: "하고 장난" is not 고장, "종료 시켜도 배터리" is not 도배. Such a hit counts only
 * when its first syllable is a preverbal adverb (안 와, 못 써, 덜 익, 잘 안). */
static bool crosses_short(const struct match_ctx *c, const struct hugi_tm_match *mt)
{
    uint32_t a = c->src[mt->start], b = c->src[mt->end - 1];
    if (b - a + 1 == mt->end - mt->start)
        return false; /* no space inside */
    size_t ncp = hugi_utf8_ncp(c->view->s + mt->start, mt->end - mt->start);
    if (ncp > 2)
        return false;
    static const char *const adv[] = {"안", "못", "덜", "잘", "또", "꼭"};
    for (size_t i = 0; i < sizeof adv / sizeof adv[0]; i++)
        if (mt->end - mt->start >= 3 && memcmp(c->view->s + mt->start, adv[i], 3) == 0)
            return false;
    return true;
}

/* Whether the text may hold a negator negated() can find: an English one of the built-in rules
 * (the normaliser's neg_en), or the syllables every Korean form holds: 안 못 (before), 않 없 아니
 * 몬 (after), 안 (no_occurrence). A text with none (most of a batch) needs no span tested. */
static bool may_negate(const struct hugi_tm_text *tm)
{
    if (tm->neg_en)
        return true;
    const unsigned char *u = (const unsigned char *)tm->s;
    for (size_t i = 0; i + 2 < tm->len; i++) {
        if (u[i] != 0xEC && u[i] != 0xEB)
            continue;
        unsigned b1 = u[i + 1], b2 = u[i + 2];
        if (u[i] == 0xEC &&
            ((b1 == 0x95 && (b2 == 0x88 || b2 == 0x8A)) || (b1 == 0x97 && b2 == 0x86)))
            return true;
        /* 아 only before 니 (EB 8B 88): 아 alone is in every other verb ending (좋아요) */
        if (u[i] == 0xEC && b1 == 0x95 && b2 == 0x84 && i + 5 < tm->len && u[i + 3] == 0xEB &&
            u[i + 4] == 0x8B && u[i + 5] == 0x88)
            return true;
        if (u[i] == 0xEB && b1 == 0xAA && (b2 == 0xBB || b2 == 0xAC))
            return true;
        i += 2;
    }
    return false;
}

/* negated() through the text's memo of recent spans (same answers, asked once). */
static bool negated_memo(struct match_ctx *c, uint32_t s, uint32_t e, bool *before)
{
    if (c->may_neg < 0)
        c->may_neg = may_negate(c->tm);
    if (!c->may_neg) {
        *before = false;
        return false;
    }
    for (unsigned k = 0; k < c->memo_n; k++)
        if (c->memo_s[k] == s && c->memo_e[k] == e) {
            *before = (c->memo_v[k] & 2) != 0;
            return (c->memo_v[k] & 1) != 0;
        }
    bool neg = negated(c->tm, s, e, before);
    unsigned k = c->memo_next;
    c->memo_s[k] = s;
    c->memo_e[k] = e;
    c->memo_v[k] = (uint8_t)((neg ? 1 : 0) | (*before ? 2 : 0));
    c->memo_next = (k + 1) % NEG_MEMO;
    if (c->memo_n < NEG_MEMO)
        c->memo_n++;
    return neg;
}

static int on_match(void *vctx, const struct hugi_tm_match *mt)
{
    struct match_ctx *c = vctx;
    if (mt->entry >= c->t->ninfo || mt->end <= mt->start)
        return 0;
    const struct pat_info *pi = &c->t->info[mt->entry];
    /* a cue only counts next to another one (or as context), so a chance two-syllable match
     * across a space matters less than the phrasing it catches ("결제가 두 번", "두번") */
    if (!(pi->flags & (PAT_LATIN | PAT_CUE)) && crosses_short(c, mt))
        return 0;
    bool neg = false, before = false;
    if (!(pi->flags & (PAT_NEGATED | PAT_EXCLUDE))) {
        uint32_t s = c->src[mt->start];
        uint32_t e = c->src[mt->end - 1] + 1;
        while (e < c->tm->len && ((unsigned char)c->tm->s[e] & 0xc0) == 0x80)
            e++;
        neg = negated_memo(c, s, e, &before);
        if (neg && !(pi->flags & PAT_CUE))
            return 0;
    }
    if (pi->flags & PAT_CUE) {
        /* a negated cue is kept for one case: its negation is the partner cue's own word
         * ("does not match" + "picture", "no" + "provided"), see apply_rules */
        uint64_t bit = (uint64_t)1 << (pi->cat % 64);
        c->cue_any[pi->cat / 64] |= bit;
        bool cross = !(pi->flags & PAT_LATIN) && crosses_short(c, mt);
        if (!neg)
            c->cue_seen[pi->cat / 64] |= bit;
        if (!neg && !cross)
            c->cue_ctx[pi->cat / 64] |= bit;
        if (c->nc < MAX_HITS) {
            c->cues[c->nc].s = mt->start;
            c->cues[c->nc].e = mt->end;
            c->cues[c->nc].cue = pi->cat;
            c->cues[c->nc].neg = neg;
            c->cues[c->nc].neg_before = neg && before;
            c->cues[c->nc].holds = (pi->flags & PAT_NEGATED) != 0;
            c->cues[c->nc].cross = cross;
            c->nc++;
        }
        return 0;
    }
    if (pi->flags & PAT_EXCLUDE)
        c->excl_cats |= (uint64_t)1 << pi->cat;
    c->hits[c->nh].s = mt->start;
    c->hits[c->nh].e = mt->end;
    c->hits[c->nh].cat = pi->cat;
    c->hits[c->nh].flags = pi->flags;
    c->nh++;
    return c->nh >= MAX_HITS;
}

/* Whether the joined view between a and b (a <= b) holds a clause end: a rule's two cues must
 * be in one clause ("지퍼가 고장" yes; "지퍼는 좋아요. 배송이 늦게" no). */
static bool clause_break(const struct hugi_tm_text *v, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < v->len; i++) {
        char ch = v->s[i];
        if (ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ';')
            return true;
    }
    return false;
}

static bool cue_present(const struct match_ctx *c, uint16_t cue)
{
    return (c->cue_seen[cue / 64] >> (cue % 64)) & 1;
}

/* A condition's cue ("& {app}", "& !{off_app}") is context: a two-syllable word that only
 * appears across a space ("진짜 장난" is not 짜장, "돌아 가게" is not 가게) is chance, not what
 * the text is about (round eight). */
static bool cue_context(const struct match_ctx *c, uint16_t cue)
{
    return (c->cue_ctx[cue / 64] >> (cue % 64)) & 1;
}

static bool cue_hit_any(const struct match_ctx *c, uint16_t cue)
{
    return (c->cue_any[cue / 64] >> (cue % 64)) & 1;
}

/* Whether two cue hits may pair: neither negated, or the negated one comes after a partner
 * whose pattern holds the negation that reaches it ("does not match picture": 'not' negates
 * "picture", but it is the very word of "does not match"; "no ear gels provided"). */
static bool pair_ok(const struct cue_hit *x, const struct cue_hit *y)
{
    if (x->neg && y->neg)
        return false;
    if (x->neg)
        return x->neg_before && y->holds && y->e <= x->s;
    if (y->neg)
        return y->neg_before && x->holds && x->e <= y->s;
    return true;
}

/* Adds a rule's hit over [s, e): a category hit, or for an exclusion rule an exclusion hit. */
static void rule_hit(struct match_ctx *c, const struct rule *ru, uint32_t s, uint32_t e)
{
    if (c->nh >= MAX_HITS)
        return;
    c->hits[c->nh].s = s;
    c->hits[c->nh].e = e;
    c->hits[c->nh].cat = ru->cat;
    c->hits[c->nh].flags = ru->exclude ? PAT_EXCLUDE : (ru->weak ? PAT_WEAK : 0);
    if (ru->generic)
        c->hits[c->nh].flags |= PAT_GENERIC;
    if (ru->op == RULE_NEAR || ru->op == RULE_AFTER || ru->op == RULE_CLAUSE || ru->op == RULE_PRED)
        c->hits[c->nh].flags |= HIT_PAIR;
    c->nh++;
    if (ru->exclude)
        c->excl_cats |= (uint64_t)1 << ru->cat;
}

static int u16_cmp(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}

/* Turns the rules whose cues were hit into category hits. A category rule needs one hit (the
 * evidence); an exclusion rule makes one for every pair, since each covers only its own words. */
static void apply_rules(struct match_ctx *c)
{
    const struct hugi_complaint_tax *t = c->t;
    if (c->nc == 0)
        return;
    /* only the rules whose first cue this text holds, tried in rule order as before */
    size_t ncand = 0;
    for (size_t i = 0; i < c->nc; i++) {
        uint16_t q = c->cues[i].cue;
        uint64_t b = (uint64_t)1 << (q % 64);
        if (c->cue_done[q / 64] & b)
            continue;
        c->cue_done[q / 64] |= b;
        for (uint32_t k = t->cue_rule_at[q]; k < t->cue_rule_at[q + 1]; k++)
            c->cand[ncand++] = t->cue_rules[k];
    }
    if (ncand > 1)
        qsort(c->cand, ncand, sizeof c->cand[0], u16_cmp);
    for (size_t ci = 0; ci < ncand && c->nh < MAX_HITS; ci++) {
        const struct rule *ru = &t->rules[c->cand[ci]];
        /* most rules' cues are absent from a text: skip those without looking at the hits */
        if (ru->op != RULE_SINGLE ? !cue_hit_any(c, ru->a) || !cue_hit_any(c, ru->b)
                                  : !cue_present(c, ru->a))
            continue;
        bool conds = true;
        for (size_t k = 0; k < ru->nconds && conds; k++)
            conds = cue_context(c, ru->cond[k]) != ru->cond_neg[k];
        if (!conds)
            continue;
        bool done = false;
        for (size_t i = 0; i < c->nc && c->nh < MAX_HITS && !done; i++) {
            const struct cue_hit *x = &c->cues[i];
            if (x->cue != ru->a || (x->neg && ru->op == RULE_SINGLE))
                continue;
            /* a literal with conditions ("차단 & !{food_dom}", round eight) is a plain pattern
             * that needs a context: a chance hit across a space counts no more than it would
             * there ("종료 시켜도 배터리" is not 도배) */
            if (ru->op == RULE_SINGLE && x->cross && !t->cue_name[x->cue])
                continue;
            if (ru->op == RULE_SINGLE) {
                rule_hit(c, ru, x->s, x->e);
                done = !ru->exclude; /* one hit per rule is evidence enough */
                continue;
            }
            for (size_t j = 0; j < c->nc && !done; j++) {
                const struct cue_hit *y = &c->cues[j];
                if (y->cue != ru->b || (y->s < x->e && y->e > x->s) || !pair_ok(x, y))
                    continue; /* another cue, the same words, or negated */
                if (ru->op == RULE_AFTER && y->s < x->e)
                    continue; /* "A > B": B must follow A */
                uint32_t lo = x->e <= y->s ? x->e : y->e;
                uint32_t hi = x->e <= y->s ? y->s : x->s;
                uint32_t gap = ru->op == RULE_CLAUSE ? CLAUSE_GAP
                               : ru->op != RULE_PRED ? NEAR_GAP
                               : x->e <= y->s        ? PRED_GAP
                                                     : PRED_BEFORE;
                if (hi - lo > gap || clause_break(c->view, lo, hi))
                    continue;
                rule_hit(c, ru, x->s < y->s ? x->s : y->s, x->e > y->e ? x->e : y->e);
                done = !ru->exclude;
            }
        }
    }
}

/* Whether a {problem} cue stands near [s, e) in its clause: not negated ("문제 없어요" states no
 * problem), not the hit's own words, within WEAK_GAP bytes on either side. */
static bool problem_near(const struct match_ctx *c, uint32_t s, uint32_t e)
{
    for (size_t i = 0; i < c->nc; i++) {
        const struct cue_hit *x = &c->cues[i];
        if (x->cue != (uint16_t)c->t->cue_problem || x->neg || x->cross || (x->s < e && x->e > s))
            continue;
        uint32_t lo = x->e <= s ? x->e : e;
        uint32_t hi = x->e <= s ? s : x->s;
        if (hi - lo <= WEAK_GAP && !clause_break(c->view, lo, hi))
            return true;
    }
    return false;
}

/* Round twelve: drops the hits of a vetoed category (every condition of one of its "-* & C"
 * lines holds: a goods category in a text about an app that names no goods) and the weak hits
 * (a word that names a topic: 고객센터, 상담원, "the staff") with nothing in their clause saying
 * what is wrong; the rest stand. Returns the hits kept (the first n of c->hits, in order). */
static size_t keep_judged(struct match_ctx *c, size_t n)
{
    uint64_t veto = 0;
    for (size_t v = 0; v < c->t->nvetoes; v++) {
        const struct rule *ru = &c->t->vetoes[v];
        if (ru->op == RULE_IMPLY)
            continue;
        bool all = true;
        for (size_t k = 0; k < ru->nconds && all; k++)
            all = cue_context(c, ru->cond[k]) != ru->cond_neg[k];
        if (all)
            veto |= (uint64_t)1 << ru->cat;
    }
    c->veto = veto;
    size_t keep = 0;
    for (size_t i = 0; i < n; i++) {
        const struct hit *h = &c->hits[i];
        if (veto & ((uint64_t)1 << h->cat))
            continue;
        if ((h->flags & PAT_WEAK) && (c->t->cue_problem < 0 || !problem_near(c, h->s, h->e)))
            continue;
        c->hits[keep++] = c->hits[i];
    }
    return keep;
}

/* Whether a {worry} hit w frames the hit [s, e) as a fear or an expectation that did not come
 * true. Korean states the feared thing before the marker, in its clause ("배송 늦을 줄 알았는데
 * 이틀만에 왔어요", "파손될까봐 걱정했는데": the hit ends at most WEAK_GAP bytes before the
 * marker); English after it, and only when a {contrast} follows the hit in its sentence ("worried
 * by the reviews saying it runs small, but the medium fits"; "I was worried it would be late and it
 * was three days late" keeps its hit). */
static bool worry_frames(const struct match_ctx *c, const struct cue_hit *w, uint32_t s, uint32_t e)
{
    if (w->s >= c->view->len || !is_alnum((unsigned char)c->view->s[w->s])) {
        if (s >= w->s || (e < w->s && (w->s - e > WEAK_GAP || clause_break(c->view, e, w->s))))
            return false;
        /* a rule's pair across the marker ("파손될까봐 걱정했는데 뽁뽁이") is framed unless what
         * follows the marker states a problem ("빠를 줄 알았는데 늦게 왔어요") */
        for (size_t i = 0; i < c->nc && e > w->e; i++) {
            const struct cue_hit *x = &c->cues[i];
            if (x->cue == (uint16_t)c->t->cue_problem && !x->neg && x->s >= w->e && x->s < e)
                return false;
        }
        return true;
    }
    if (s < w->e || s - w->e > WEAK_GAP || clause_break(c->view, w->e, s) || c->t->cue_contrast < 0)
        return false;
    for (size_t i = 0; i < c->nc; i++) {
        const struct cue_hit *x = &c->cues[i];
        if (x->cue == (uint16_t)c->t->cue_contrast && x->s >= s && !clause_break(c->view, s, x->s))
            return true;
    }
    return false;
}

/* Whether [s, e) overlaps [hs, he) or stands within NEAR_GAP bytes of it with no clause end
 * between: the words of one complaint ("답글에 제 주소를 적어", "로그인했더니 남의 배송지가"). */
static bool near_in_clause(const struct hugi_tm_text *v, uint32_t s, uint32_t e, uint32_t hs,
                           uint32_t he, uint32_t gap)
{
    if (s < he && e > hs)
        return true;
    uint32_t lo = e <= hs ? e : he, hi = e <= hs ? hs : s;
    return hi - lo <= gap && !clause_break(v, lo, hi);
}

/* Round eighteen: whether cue hit x is a {purpose} word that starts inside hit [s, e) or at most
 * PURPOSE_GAP bytes after it in its clause, so the hit names what the product is for (곰팡이
 * 제거제, 감전 방지 커버, "privacy screen protector"). A hit after the word is left alone: "감전
 * 방지 커버가 있는데도 감전됐어요" keeps its second hit. */
static bool purpose_frames(const struct match_ctx *c, const struct cue_hit *x, uint32_t s,
                           uint32_t e)
{
    if (x->cue != (uint16_t)c->t->cue_purpose || x->neg || x->cross || x->s < s || x->e <= e)
        return false;
    return x->s < e || (x->s - e <= PURPOSE_GAP && !clause_break(c->view, e, x->s));
}

/* Round thirteen: drops a normal hit that only tells of a fear that did not come true ({worry}),
 * and a hit of a category that yields to critical ones ("-* critical") on words a critical hit
 * also covers: "소비자원에 신고" is a legal threat, not moderation's report; "smells like burning
 * plastic" a hazard, not hygiene. Returns the hits kept. */
static size_t drop_framed(struct match_ctx *c, size_t n)
{
    bool worry = c->t->cue_worry >= 0 && cue_present(c, (uint16_t)c->t->cue_worry);
    bool worry_past = c->t->cue_worry_past >= 0 && cue_present(c, (uint16_t)c->t->cue_worry_past);
    bool purpose = c->t->cue_purpose >= 0 && cue_present(c, (uint16_t)c->t->cue_purpose);
    uint64_t cats = 0;
    bool generic = false;
    for (size_t i = 0; i < n; i++) {
        cats |= (uint64_t)1 << c->hits[i].cat;
        generic = generic || (c->hits[i].flags & PAT_GENERIC);
    }
    bool owned = false;
    for (size_t i = 0; i < n && !owned; i++)
        owned = (c->t->cats[c->hits[i].cat].yield_to & cats) != 0;
    if (!worry && !worry_past && !owned && !generic && !purpose)
        return n;
    /* decided for every hit before any is moved: a hit that yields still claims a generic word
     * after it, whichever of two overlapping hits the matcher reported first */
    bool dropped[MAX_HITS];
    for (size_t i = 0; i < n; i++) {
        const struct hit *h = &c->hits[i];
        const struct category *cat = &c->t->cats[h->cat];
        bool drop = false;
        for (size_t j = 0; j < n && (cat->yield_to & cats) && !drop; j++)
            drop = ((cat->yield_to >> c->hits[j].cat) & 1) &&
                   (((cat->yield_near >> c->hits[j].cat) & 1)
                        ? near_in_clause(c->view, c->hits[j].s, c->hits[j].e, h->s, h->e, NEAR_GAP)
                        : c->hits[j].s < h->e && c->hits[j].e > h->s);
        /* a generic failure word right after another category's own (not generic) hit, in its
         * clause, is that category's (Korean puts the topic before its predicate): "라이더 배정도
         * 한참 안 되고" (delivery), "스푼 구매했는데 지급 안 됨" */
        for (size_t j = 0; j < n && (h->flags & PAT_GENERIC) && !drop; j++)
            drop = c->hits[j].cat != h->cat && !(c->hits[j].flags & PAT_GENERIC) &&
                   !((c->t->cats[h->cat].generic_keep >> c->hits[j].cat) & 1) &&
                   c->hits[j].s < h->s &&
                   near_in_clause(c->view, c->hits[j].s, c->hits[j].e, h->s, h->e, GENERIC_GAP);
        for (size_t k = 0; k < c->nc && worry && !cat->critical && !drop; k++)
            drop = c->cues[k].cue == (uint16_t)c->t->cue_worry && !c->cues[k].cross &&
                   !c->cues[k].neg && worry_frames(c, &c->cues[k], h->s, h->e);
        for (size_t k = 0; k < c->nc && worry_past && cat->critical && !drop; k++)
            drop = c->cues[k].cue == (uint16_t)c->t->cue_worry_past && !c->cues[k].cross &&
                   !c->cues[k].neg && worry_frames(c, &c->cues[k], h->s, h->e);
        for (size_t k = 0; k < c->nc && purpose && !drop; k++)
            drop = purpose_frames(c, &c->cues[k], h->s, h->e);
        dropped[i] = drop;
    }
    size_t keep = 0;
    for (size_t i = 0; i < n; i++)
        if (!dropped[i])
            c->hits[keep++] = c->hits[i];
    return keep;
}

/* Round sixteen: adds the categories implied by the hits kept ("+* safety & !{food_dom}" in
 * defect: a product's hazard is a defect too, however the hazard was told), each with the evidence
 * of the first hit that implies it, unless vetoed or already hit. Returns the hits kept. */
static size_t implied(struct match_ctx *c, size_t n)
{
    uint64_t cats = 0;
    for (size_t i = 0; i < n; i++)
        cats |= (uint64_t)1 << c->hits[i].cat;
    if (!(cats & c->t->imply_src))
        return n;
    for (size_t v = 0; v < c->t->nvetoes && n < MAX_HITS; v++) {
        const struct rule *ru = &c->t->vetoes[v];
        uint64_t bit = (uint64_t)1 << ru->cat;
        if (ru->op != RULE_IMPLY || (cats & bit) || (c->veto & bit) || !((cats >> ru->a) & 1))
            continue;
        bool all = true;
        for (size_t k = 0; k < ru->nconds && all; k++)
            all = cue_context(c, ru->cond[k]) != ru->cond_neg[k];
        for (size_t i = 0; i < n && all; i++) {
            if (c->hits[i].cat != ru->a)
                continue;
            c->hits[n] = c->hits[i];
            c->hits[n].cat = ru->cat;
            c->hits[n].flags = 0;
            n++;
            cats |= bit;
            break;
        }
    }
    return n;
}

/* Round twelve: whether the text is about something no shop fixes (a film's plot and actors:
 * {off_topic}) and names nothing a shop's review is about ({on_topic}). */
static bool off_topic(const struct match_ctx *c)
{
    const struct hugi_complaint_tax *t = c->t;
    return t->cue_off >= 0 && cue_context(c, (uint16_t)t->cue_off) &&
           !(t->cue_on >= 0 && cue_hit_any(c, (uint16_t)t->cue_on));
}

/* An off-topic text keeps only its critical hits (a threat, an injury or a leak is raised
 * whatever the text is about; the normal categories are a shop's topics), and of those only the
 * pairs when it names no goods or food (round eighteen, below). */
static size_t drop_normal(struct match_ctx *c, size_t n)
{
    /* round eighteen: a critical hit of one word stays only when the text names goods or food
     * ({off_app}; a taxonomy without it keeps them all): a film's plot says 고소, 토할 뻔, 발암 and
     * "bbb", where "영화 보다가 팝콘 기계에 화상" names the machine; a pair (a harmed party and a
     * harm, an authority and a report) stays whatever the text names */
    int oa = c->t->cue_off_app;
    bool goods = oa < 0 || cue_context(c, (uint16_t)oa);
    size_t keep = 0;
    for (size_t i = 0; i < n; i++)
        if (c->t->cats[c->hits[i].cat].critical && (goods || (c->hits[i].flags & HIT_PAIR)))
            c->hits[keep++] = c->hits[i];
    return keep;
}

static int hit_cmp(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->cat != y->cat)
        return x->cat < y->cat ? -1 : 1;
    return x->e > y->e ? -1 : (x->e < y->e ? 1 : 0);
}

/* The learned model on a text the patterns have been matched in: adds the categories whose score
 * passes their threshold in a complaint context, drops pattern hits under a veto threshold
 * (never a critical one: a critical category is held only by a critical model, which only adds). */
static hugi_rc apply_model(struct match_ctx *c, struct hugi_complaint_scratch *sc,
                           struct hugi_complaint_match *m, size_t *nh, bool negative,
                           uint64_t rejected, bool offt)
{
    const struct hugi_complaint_tax *t = c->t;
    uint64_t pat = 0;
    for (size_t i = 0; i < *nh; i++)
        pat |= (uint64_t)1 << c->hits[i].cat;
    /* the critical gate (docs/complaints.md, "Gated on sentiment"): the critical model adds only
     * to a negative text none of whose critical patterns fired, that is not off topic (a film's
     * plot), and never a category whose pattern matched here but was dropped (negated, excluded,
     * framed): on everyday praise it learned the formal register ("좋습니다" read as legal). A
     * model of critical categories alone is not even scored behind a closed gate. */
    bool crit_open = negative && !offt && !(pat & hugi_complaint_tax_critical_mask(t));
    if (!crit_open && !t->model_plain)
        return HUGI_OK;
    double z[HUGI_COMPLAINT_MAX_CATS];
    if (hugi_complaint_model_score_(t->model, c->view->s, c->view->len, &sc->ls, z) != HUGI_OK)
        return HUGI_E_NOMEM;
    uint64_t veto = 0;
    for (int k = 0; k < t->ncats; k++) {
        double add, vt;
        uint64_t bit = (uint64_t)1 << k;
        if (!hugi_complaint_model_learned_(t->model, k, &add, &vt))
            continue;
        if (z[k] >= add)
            m->scored |= bit;
        if ((pat & bit) && z[k] < vt && !t->cats[k].critical) {
            veto |= bit;
        } else if (!(pat & bit) && m->context && z[k] >= add && *nh < MAX_HITS &&
                   (!t->cats[k].critical || (crit_open && !(rejected & bit)))) {
            uint32_t s, e;
            hugi_complaint_model_top_(t->model, &sc->ls, k, c->lfeat[k], &s, &e);
            if (c->lfeat[k][0] < 0)
                continue; /* no feature of its own: the bias alone never adds */
            c->hits[*nh].s = s;
            c->hits[*nh].e = e;
            c->hits[*nh].cat = (uint16_t)k;
            c->hits[*nh].flags = PAT_LEARNED;
            (*nh)++;
            m->learned |= bit;
        }
    }
    if (veto) {
        size_t keep = 0;
        for (size_t i = 0; i < *nh; i++)
            if (!(veto & ((uint64_t)1 << c->hits[i].cat)))
                c->hits[keep++] = c->hits[i];
        *nh = keep;
        m->vetoed = veto;
    }
    return HUGI_OK;
}

hugi_rc hugi_complaint_categorize(const struct hugi_complaint_tax *t, const char *text, size_t len,
                                  struct hugi_complaint_match *m, struct hugi_err *err)
{
    return hugi_complaint_categorize_(t, text, len, NULL, m, true, false, err);
}

hugi_rc hugi_complaint_categorize_norm(const struct hugi_complaint_tax *t, const char *text,
                                       size_t len, const struct hugi_tm_text *norm,
                                       struct hugi_complaint_match *m, struct hugi_err *err)
{
    return hugi_complaint_categorize_(t, text, len, norm, m, true, false, err);
}

hugi_rc hugi_complaint_categorize_gated(const struct hugi_complaint_tax *t, const char *text,
                                        size_t len, const struct hugi_tm_text *norm, bool negative,
                                        struct hugi_complaint_match *m, struct hugi_err *err)
{
    return hugi_complaint_categorize_(t, text, len, norm, m, true, negative, err);
}

hugi_rc hugi_complaint_categorize_(const struct hugi_complaint_tax *t, const char *text, size_t len,
                                   const struct hugi_tm_text *norm, struct hugi_complaint_match *m,
                                   bool use_model, bool negative, struct hugi_err *err)
{
    m->cats = 0;
    m->learned = 0;
    m->vetoed = 0;
    m->scored = 0;
    m->context = false;
    m->nspans = 0;
    if (!t->built)
        return hugi_err_set(err, HUGI_E_USAGE, NULL, "complaint taxonomy not built");
    if (!m->scratch) {
        m->scratch = calloc(1, sizeof *m->scratch);
        if (!m->scratch)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        hugi_tm_text_init(&m->scratch->tm);
        hugi_buf_init(&m->scratch->join, 0);
    }
    struct hugi_complaint_scratch *sc = m->scratch;
    /* the scorer's normalised text, when it is of the whole text (a text past MAX_TEXT is
     * categorised on its first MAX_TEXT bytes, normalised here) */
    const struct hugi_tm_text *tm = norm;
    if (!tm || len > MAX_TEXT) {
        if (len > MAX_TEXT)
            len = hugi_utf8_prefix(text, MAX_TEXT, MAX_TEXT);
        hugi_rc rc = hugi_tm_normalize(&sc->tm, text, len, err);
        if (rc != HUGI_OK)
            return rc;
        tm = &sc->tm;
    }
    if (join_view(tm, &sc->join, &sc->src, &sc->cap) != HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    /* the joined view as a textmatch text: same bytes the patterns were joined into. Matching
     * never reads a text's map to the original, and evidence is mapped through src and tm->orig
     * (round sixteen: no per-text joined-to-original array, which cost ~800 instructions a text) */
    struct hugi_tm_text view = *tm;
    view.s = sc->join.data;
    view.len = sc->join.len;
    view.orig = NULL;
    if (!sc->mc) {
        sc->mc = malloc(sizeof *sc->mc);
        if (!sc->mc)
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    }
    struct match_ctx *c = sc->mc;
    c->t = t;
    c->tm = tm;
    c->view = &view;
    c->src = sc->src;
    c->nh = 0;
    c->nc = 0;
    c->memo_n = 0;
    c->memo_next = 0;
    c->may_neg = -1;
    memset(c->cue_seen, 0, ((t->ncues + 63) / 64) * sizeof c->cue_seen[0]);
    memset(c->cue_any, 0, ((t->ncues + 63) / 64) * sizeof c->cue_any[0]);
    memset(c->cue_ctx, 0, ((t->ncues + 63) / 64) * sizeof c->cue_ctx[0]);
    memset(c->cue_done, 0, ((t->ncues + 63) / 64) * sizeof c->cue_done[0]);
    c->excl_cats = 0;
    hugi_tm_match(t->dict, &view, on_match, c);
    apply_rules(c);
    /* drop hits overlapping an exclusion of their category ("진짜" is not "짜", "짜증" not
     * "너무짜"); decided for every hit before any is moved, since the exclusions are hits too */
    bool drop[MAX_HITS];
    for (size_t i = 0; i < c->nh; i++) {
        drop[i] = (c->hits[i].flags & PAT_EXCLUDE) != 0;
        if (drop[i] || !(c->excl_cats & ((uint64_t)1 << c->hits[i].cat)))
            continue;
        for (size_t j = 0; j < c->nh && !drop[i]; j++)
            drop[i] = (c->hits[j].flags & PAT_EXCLUDE) && c->hits[j].cat == c->hits[i].cat &&
                      c->hits[j].s < c->hits[i].e && c->hits[j].e > c->hits[i].s;
    }
    size_t keep = 0;
    uint64_t matched = 0; /* categories a pattern matched, kept or not (the critical gate) */
    for (size_t i = 0; i < c->nh; i++) {
        if (!(c->hits[i].flags & PAT_EXCLUDE))
            matched |= (uint64_t)1 << c->hits[i].cat;
        if (!drop[i])
            c->hits[keep++] = c->hits[i];
    }
    bool offt = off_topic(c);
    size_t nh = offt ? drop_normal(c, keep) : implied(c, drop_framed(c, keep_judged(c, keep)));
    /* a complaint context: a category hit, or any cue (a part, a failure, a price word ...) */
    m->context = nh > 0;
    for (size_t w = 0; w < (t->ncues + 63) / 64 && !m->context; w++)
        m->context = c->cue_seen[w] != 0;
    /* without a complaint context the model can neither add (it needs one) nor veto (no
     * pattern hit): its walk is skipped */
    if (use_model && t->model && m->context &&
        apply_model(c, sc, m, &nh, negative, matched, offt) != HUGI_OK)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    if (nh > 1)
        qsort(c->hits, nh, sizeof c->hits[0], hit_cmp);
    if (m->cap < nh) {
        struct hugi_complaint_span *ns = realloc(m->spans, nh * sizeof *ns);
        if (!ns) {
            return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        }
        m->spans = ns;
        m->cap = nh;
    }
    for (size_t i = 0; i < nh; i++) {
        const struct hit *h = &c->hits[i];
        size_t os = tm->orig[sc->src[h->s]];
        /* the original end: where the code point after the hit's last one starts, so a space
         * dropped by the joined view is not pulled into the evidence */
        size_t ne = sc->src[h->e - 1] + 1;
        while (ne < tm->len && ((unsigned char)tm->s[ne] & 0xc0) == 0x80)
            ne++;
        size_t oe = tm->orig[ne];
        bool merged = false;
        for (size_t j = m->nspans; j-- > 0;) {
            struct hugi_complaint_span *sp = &m->spans[j];
            if (sp->cat == h->cat && os < sp->end) {
                if (oe > sp->end)
                    sp->end = oe;
                merged = true;
                break;
            }
        }
        if (merged)
            continue;
        struct hugi_complaint_span *sp = &m->spans[m->nspans++];
        sp->cat = h->cat;
        sp->start = os;
        sp->end = oe;
        for (int k = 0; k < HUGI_COMPLAINT_SPAN_FEATS; k++)
            sp->feat[k] = (h->flags & PAT_LEARNED) ? c->lfeat[h->cat][k] : -1;
        m->cats |= (uint64_t)1 << h->cat;
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
        /* a learned category names the features that carried it */
        for (int k = 0; rc == HUGI_OK && k < HUGI_COMPLAINT_SPAN_FEATS && sp->feat[k] >= 0; k++) {
            rc = hugi_buf_addstr(out, k ? "," : ",\"learned\":[");
            if (rc == HUGI_OK)
                rc = hugi_json_strz(out, hugi_complaint_model_feature(t->model, sp->feat[k]));
            if (rc == HUGI_OK && (k + 1 == HUGI_COMPLAINT_SPAN_FEATS || sp->feat[k + 1] < 0))
                rc = hugi_buf_addc(out, ']');
        }
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
