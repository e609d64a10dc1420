/* SPDX-License-Identifier: MIT
 * hugi_sent: the sentiment stage. Lexicons are loaded once into a read-only model; a text is then
 * scored into a value in [-1, 1], a label, the detected language and the evidence (the spans of the
 * original text that contributed, with their weights and the rules that changed them). Rating
 * fusion turns a text score and a star rating into the verdict other stages act on. Learning
 * builds a lexicon from rated texts.
 *
 *   struct hugi_sent *m = hugi_sent_new();
 *   hugi_sent_load_defaults(m, datadir, &err);   // the shipped lexicons under datadir/lexicons
 *   hugi_sent_load_file(m, "my-words.tsv", &err); // user words, same TSV form
 *   hugi_sent_build(m, &err);                     // read-only and thread-safe from here on
 *   struct hugi_sent_result r;                    // one per thread, reused
 *   hugi_sent_result_init(&r);
 *   hugi_sent_score(m, text, len, &r, &err);
 *   ... r.score, r.label, r.lang, r.ev[0..r.nev) ...
 *   hugi_sent_result_release(&r); hugi_sent_free(m);
 *
 * The text matcher and normaliser underneath are public in hugi/textmatch.h.
 */
#ifndef HUGI_SENT_H
#define HUGI_SENT_H

#include <stdio.h>

#include "hugi/core.h"
#include "hugi/textmatch.h"

/* The stage's version string; borrowed. */
const char *hugi_sent_version(void);

enum hugi_sent_label { HUGI_SENT_NEG = -1, HUGI_SENT_NEU = 0, HUGI_SENT_POS = 1 };
const char *hugi_sent_label_name(int label); /* "neg" "neu" "pos"; borrowed */

enum hugi_sent_lang { HUGI_SENT_LANG_OTHER = 0, HUGI_SENT_LANG_KO, HUGI_SENT_LANG_EN };
const char *hugi_sent_lang_name(int lang); /* "other" "ko" "en"; borrowed */

/* Appends printf("%.*f", dec, v) to o, or printf("%+.*f", dec, v) with plus, byte for byte, for
 * dec 0..6 (scores and evidence weights are printed this way by the hot loops: printf was most of
 * their printing time). Errors: those of hugi_buf_add (nothing appended). */
hugi_rc hugi_sent_fmt_fixed(struct hugi_buf *o, double v, int dec, bool plus);

/* Rules that changed an evidence item's weight (bit mask). */
#define HUGI_SENT_R_NEGATED    0x01u /* a negator before or after flipped it */
#define HUGI_SENT_R_BOOSTED    0x02u /* an intensifier (very, 너무, 개-) raised it */
#define HUGI_SENT_R_DAMPENED   0x04u /* a dampener (kind of, 좀) lowered it */
#define HUGI_SENT_R_BEFORE_BUT 0x08u /* in a clause before a contrast: weighs less */
#define HUGI_SENT_R_AFTER_BUT  0x10u /* in the clause after a contrast: weighs more */
#define HUGI_SENT_R_CAPS       0x20u /* written in capitals in a text that is not */
#define HUGI_SENT_R_LEARNED    0x40u /* a learned lexicon entry (rules do not reweigh it) */
#define HUGI_SENT_R_RULE       0x80u /* a text-level rule (question complaint, !!!) */

struct hugi_sent_evidence {
    uint32_t start, end; /* byte span in the ORIGINAL text */
    const char *term;    /* the lexicon term (normalised); borrowed from the model */
    float base;          /* the lexicon weight */
    float weight;        /* what it added to the raw score after the rules */
    uint32_t rules;      /* HUGI_SENT_R_* */
    uint32_t entry;      /* the lexicon entry id (hugi_tm_dict_entry) */
};

#define HUGI_SENT_MAX_EVIDENCE 4096

struct hugi_sent_result {
    double score;      /* in [-1, 1]; 0 = no evidence */
    double raw;        /* the unbounded sum the score is squashed from */
    int label;         /* enum hugi_sent_label */
    int lang;          /* enum hugi_sent_lang */
    double neg_clause; /* the most negative clause's sum (<= 0): "clearly negative" nuance */
    struct hugi_sent_evidence *ev; /* sorted by |weight|, largest first; owned by the result;
                                    * at most HUGI_SENT_MAX_EVIDENCE (the first ones found) */
    size_t nev;
    struct hugi_tm_text text; /* the normalised text (public so callers can reuse it) */
    bool no_evidence;         /* set by the caller: skip collecting ev (faster); nev stays 0 */
    bool split_evidence;      /* set by the caller: keep a learned and a rule item of the same
                                 span apart (refinement); default: merged into one item
                                 whose weight is the sum (term, base, entry: the rule's) */
    void *priv_;              /* private scratch */
    size_t cap_;
};

struct hugi_sent;

struct hugi_sent *hugi_sent_new(void);    /* NULL on OOM; free with hugi_sent_free */
void hugi_sent_free(struct hugi_sent *m); /* NULL is fine */
/* Loads the shipped lexicons from DATADIR/lexicons (names in lexicons/README.md). A missing file
 * is HUGI_E_IO with its path; a malformed line HUGI_E_PARSE with "file:line". */
hugi_rc hugi_sent_load_defaults(struct hugi_sent *m, const char *datadir, struct hugi_err *err);
/* Adds one lexicon file (TSV, see textmatch.h). Before build only. */
hugi_rc hugi_sent_load_file(struct hugi_sent *m, const char *path, struct hugi_err *err);
hugi_rc hugi_sent_load_mem(struct hugi_sent *m, const char *data, size_t len, const char *name,
                           struct hugi_err *err);
hugi_rc hugi_sent_build(struct hugi_sent *m, struct hugi_err *err);
size_t hugi_sent_entries(const struct hugi_sent *m);
/* Labels: score <= neg is negative, score >= pos positive, between neutral (defaults -0.01 and
 * 0.01: neutral only with (almost) no evidence). Before scoring starts (not thread-safe). */
void hugi_sent_set_thresholds(struct hugi_sent *m, double neg, double pos);
/* Borrowed: the model's dictionary (other stages may match with it). */
const struct hugi_tm_dict *hugi_sent_dict(const struct hugi_sent *m);
/* Whether entry i of a built model adds to a score (a polarity entry the build kept: false for a
 * learned entry that repeats a rule word, a spaceless twin left to a written entry). */
bool hugi_sent_entry_counts(const struct hugi_sent *m, uint32_t i);

void hugi_sent_result_init(struct hugi_sent_result *r);
void hugi_sent_result_release(struct hugi_sent_result *r);
/* Exchanges the outcomes of a and b (score, label, evidence, the normalised text, with their
 * buffers) but not their scratch nor the caller's flags: a caller keeps the outcomes of several
 * texts while scoring them all with one result's scratch (`hugi score --categories` batches). */
void hugi_sent_result_swap(struct hugi_sent_result *a, struct hugi_sent_result *b);
/* Scores text[0..len) (any bytes: broken UTF-8 and NULs are repaired) into r, reusing r's memory.
 * Thread-safe for distinct r. Errors: HUGI_E_LIMIT (text over 1 GiB), HUGI_E_NOMEM, HUGI_E_USAGE
 * (model not built). On error r is a neutral, empty result. */
hugi_rc hugi_sent_score(const struct hugi_sent *m, const char *text, size_t len,
                        struct hugi_sent_result *r, struct hugi_err *err);

/* ---- rating fusion ------------------------------------------------------------------------ */
enum hugi_sent_verdict {
    HUGI_SENT_V_NONE = 0, /* neither text nor rating */
    HUGI_SENT_V_NEG,
    HUGI_SENT_V_NEU,
    HUGI_SENT_V_POS,
    HUGI_SENT_V_MIXED, /* good rating, but a clearly negative clause the helpdesk should see */
};
const char *hugi_sent_verdict_name(int v); /* "none" "neg" "neu" "pos" "mixed" */
/* The verdict from a text result (NULL or empty text: rating only) and a rating on a scale of
 * `scale` stars (rating <= 0 or scale <= 0: no rating, text only). Ratings are mapped to 5 stars:
 * 1-2 negative whatever the text; 3 follows the text; 4-5 positive, or mixed when the text has a
 * clearly negative clause (neg_clause <= -0.9 on the raw scale) or a negative score. */
int hugi_sent_verdict(const struct hugi_sent_result *r, double rating, double scale);

/* ---- learning ----------------------------------------------------------------------------- */
struct hugi_sent_learn_opts {
    unsigned min_count; /* a term must occur in at least this many texts (default 5) */
    size_t max_terms;   /* keep the strongest N terms (default 60000) */
    double min_z;       /* minimum |z| of the log-odds (default 1.5) */
    double prior;       /* Dirichlet prior strength alpha0 (default 500) */
    unsigned across;    /* Hangul n-grams across one space: at most this many syllables in all
                           (0: within an eojeol only; at most 4) */
    /* Terms that are no sentiment words (brands, devices: 아이폰, 갤럭시) whose share of praise
     * or complaints in the training texts says nothing about other reviews: the n-grams that
     * overlap one of their matches are not counted. Borrowed, built; NULL: none. */
    const struct hugi_tm_dict *neutral;
    /* Hangul n-grams only: no Latin words, digits or symbol runs. A Korean lexicon's weights for
     * "!", "." or "good" (learned from Korean texts) would also score every English text. */
    bool hangul_only;
    /* also the last one or two syllables of a Hangul word with the one or two symbols right
     * after it (다.., 요!, 까?): how a Korean sentence ends, and Hangul, so never an English
     * text's feature */
    bool hangul_punct;
    /* also every whole Hangul word (eojeol) of 2-8 syllables, as an exact term */
    bool eojeol;
};
struct hugi_sent_learner;
struct hugi_sent_learner *hugi_sent_learner_new(const struct hugi_sent_learn_opts *o);
void hugi_sent_learner_free(struct hugi_sent_learner *l);
/* Adds one text with polarity +1 (positive) or -1 (negative); 0 is ignored. */
hugi_rc hugi_sent_learner_add(struct hugi_sent_learner *l, const char *text, size_t len, int pol,
                              struct hugi_err *err);
/* Selection: ranks the learned entries of m (a model refined from this learner's lexicon) by
 * what each adds over the texts — its weight, capped as the scorer caps it, times the number of
 * texts holding it to the power 1.5 — and keeps the n first: from then on
 * hugi_sent_learner_write() writes only those (with their naive-Bayes weights, to be refined
 * again). *nkept: how many were found in the learner's counts. */
hugi_rc hugi_sent_learner_select(struct hugi_sent_learner *l, const struct hugi_sent *m, size_t n,
                                 size_t *nkept, struct hugi_err *err);
/* Writes the learned lexicon (TSV with `learned` flag, strongest first) to f. */
hugi_rc hugi_sent_learner_write(struct hugi_sent_learner *l, FILE *f, const char *comment,
                                size_t *nwritten, struct hugi_err *err);
/* Refinement: logistic-regression passes (stochastic gradient, L2-regularised) over labelled
 * texts that adjust the weights of the model's learned entries (rule words stay as written),
 * scoring each text with the scorer itself so the weights fit the rules they are combined with.
 * Classes are balanced by weighting. texts/lens/pols: n texts with polarity +1/-1 (0 skipped).
 * The model must be built; it is changed in place and must not be in use by other threads
 * meanwhile. */
struct hugi_sent_refine_opts {
    int epochs;    /* passes over the texts (0: nothing is done) */
    double rate;   /* learning rate of the first pass; pass k uses rate / (1 + k) (default 0.1) */
    double l2;     /* L2 shrinkage per occurrence, scaled like the step (default 0.02) */
    bool to_prior; /* shrink toward the starting (naive-Bayes) weight instead of toward 0 */
    bool average;  /* keep the average of the weights over the last half of the passes
                      (averaged SGD: steadier than the last step's weights) */
};
hugi_rc hugi_sent_refine(struct hugi_sent *m, const char *const *texts, const size_t *lens,
                         const signed char *pols, size_t n, const struct hugi_sent_refine_opts *o,
                         struct hugi_err *err);
/* Sets one entry's weight after build (for the refinement; not while other threads score).
 * false: no memory (a model loaded from an image copies its table at the first change), and
 * nothing changed. */
bool hugi_sent_set_weight(struct hugi_sent *m, uint32_t entry, float w);
/* Writes the model's learned entries (with their current weights) as a TSV lexicon. */
hugi_rc hugi_sent_write_learned(const struct hugi_sent *m, FILE *f, const char *header,
                                size_t *nwritten, struct hugi_err *err);

/* Maps a label field to a polarity: pos/neg/neu, or a rating on `scale` (5: 1-2 neg, 4-5 pos;
 * 10: 1-4 neg, 9-10 pos, NSMC's rule). Returns false when the field is not a label at all. */
bool hugi_sent_parse_label(const char *s, size_t len, int scale, int *pol);

/* ---- compiled lexicon image (lexicons/README.md "Compiled image") -------------------------
 * A built model saved as one file that later processes map (milliseconds) instead of parsing
 * and building the TSVs. It is named by a key over the exact bytes of every lexicon file in
 * load order (and the scorer's build), so an image of other lexicons is never used. */
struct hugi_sent_key {
    uint64_t h[4];
    uint64_t nfiles;
    struct hugi_tm_hasher file; /* the file being added (begin .. end) */
};
void hugi_sent_key_init(struct hugi_sent_key *k);
/* One lexicon file's bytes, in the order they are loaded: whole, or begin, its bytes in chunks
 * of any size, end (the same key either way). */
void hugi_sent_key_add(struct hugi_sent_key *k, const void *data, size_t len);
void hugi_sent_key_begin(struct hugi_sent_key *k);
void hugi_sent_key_more(struct hugi_sent_key *k, const void *data, size_t len);
void hugi_sent_key_end(struct hugi_sent_key *k);
void hugi_sent_key_hex(const struct hugi_sent_key *k, char out[33]); /* 32 hex digits */
/* The names of the shipped lexicon files under DATADIR/lexicons, in load order; NULL past
 * the end. */
const char *hugi_sent_default_file(size_t i);
/* The image of a built model (before any hugi_sent_set_weight) into out / into path (written
 * to a temporary file beside it and renamed: readers never see half an image). */
hugi_rc hugi_sent_image_write(const struct hugi_sent *m, const struct hugi_sent_key *k,
                              struct hugi_buf *out, struct hugi_err *err);
hugi_rc hugi_sent_image_save(const struct hugi_sent *m, const struct hugi_sent_key *k,
                             const char *path, struct hugi_err *err);
/* Loads a new (empty) model from an image after checking all of it (hugi_tm_dict_load_image),
 * with key k (NULL: any key). The model is then built. On failure it is empty again (load the
 * TSVs into it instead): HUGI_E_NOTFOUND (no file, or stale key), HUGI_E_PARSE (truncated,
 * corrupted, other format version), HUGI_E_IO, HUGI_E_NOMEM. The _mem form borrows data. */
hugi_rc hugi_sent_image_load(struct hugi_sent *m, const struct hugi_sent_key *k, const char *path,
                             struct hugi_err *err);
hugi_rc hugi_sent_image_load_mem(struct hugi_sent *m, const struct hugi_sent_key *k,
                                 const void *data, size_t len, struct hugi_err *err);

#endif
