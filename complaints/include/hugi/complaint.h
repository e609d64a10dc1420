/* SPDX-License-Identifier: MIT
 * hugi_complaint: the complaints stage. Three parts, each usable alone:
 *
 *   1. categories: a taxonomy loaded from lexicons/complaints/ (categories.tsv + one pattern file
 *      per category, user-extensible) and hugi_complaint_categorize(), which returns a text's
 *      categories with evidence spans (byte offsets into the text as given);
 *   2. severity of one review from its score, rating, categories, reach and age;
 *   3. aggregation over one product's reviews: recurring categories, spikes against the
 *      product's own baseline, emerging phrases; results are groups with a stable key.
 *
 * The stage knows nothing of the store: callers hand it plain records and store the groups
 * themselves (cli/cmd_complaints.c does, through hugi_store). See docs/complaints.md for the rules.
 *
 * Ownership: a taxonomy is immutable after loading and may be shared by threads. Results
 * (struct hugi_complaint_match, struct hugi_complaint_groups) are caller-owned structs that the
 * library fills; release them with the matching _release.
 */
#ifndef HUGI_COMPLAINT_H
#define HUGI_COMPLAINT_H

#include <stdio.h>

#include "hugi/core.h"

/* ---- taxonomy ------------------------------------------------------------------------------ */

#define HUGI_COMPLAINT_MAX_CATS 64 /* categories are a bit set of a uint64_t */

struct hugi_complaint_tax;

/* Loads `dir`/categories.tsv and `dir`/<key>.tsv for each key listed there (dir is usually
 * "<datadir>/lexicons/complaints"). A malformed line is HUGI_E_PARSE with where = "file:line";
 * a missing pattern file is HUGI_E_IO. Pattern syntax (lexicons/complaints/README.md):
 *   pattern        matched with the scorer's normaliser and matcher (hugi/textmatch.h) in the
 *                  normalised text with the spaces between Hangul dropped; a pattern starting
 *                  with a Latin letter or digit must start at a word start and end at a word
 *                  end, unless it ends in '*' (a prefix); others match anywhere, in words too;
 *   -pattern       exclusion: a hit of this category overlapping an occurrence of it is dropped;
 *   !pattern       never negated (the negation test is skipped for it).
 * A hit is negated ("배송 늦지 않았어요", "not broken") unless the pattern holds a negation itself.
 * On failure *out is NULL. */
hugi_rc hugi_complaint_tax_load(struct hugi_complaint_tax **out, const char *dir,
                                struct hugi_err *err);
/* hugi_complaint_tax_load() plus extra pattern files (the config's [complaints] lexicon): each
 * adds its patterns to the category named by the file's base name ("zipper.tsv" -> zipper),
 * created as a normal category when the taxonomy lacks it. */
hugi_rc hugi_complaint_tax_load_extra(struct hugi_complaint_tax **out, const char *dir,
                                      const char *const *extra, size_t nextra,
                                      struct hugi_err *err);
/* An empty taxonomy, for building one in code (tests, callers with their own lists). */
struct hugi_complaint_tax *hugi_complaint_tax_new(void);
/* Adds a category (critical: reported critical whatever the score); *idx gets its index.
 * HUGI_E_LIMIT past HUGI_COMPLAINT_MAX_CATS, HUGI_E_USAGE when the key exists. */
hugi_rc hugi_complaint_tax_add_category(struct hugi_complaint_tax *t, const char *key,
                                        bool critical, int *idx, struct hugi_err *err);
/* Adds one pattern line (syntax above) to category idx. `where` names it in errors (may be NULL).
 * Only before hugi_complaint_tax_build() (HUGI_E_USAGE after). */
hugi_rc hugi_complaint_tax_add_pattern(struct hugi_complaint_tax *t, int idx, const char *pat,
                                       size_t len, const char *where, struct hugi_err *err);
/* Adds one pattern to the named cue (created on first use). Cues never make a category alone;
 * rule lines in the pattern files combine them: "A + B" (A and B near each other in one clause)
 * or "A" alone, each followed by any of "& C" (C somewhere in the text) and "& !C" (C nowhere in
 * it); A, B, C are "{cue}" or a literal pattern, and a line that is only "{cue}" fires on any hit
 * of it. Other pairs: "A > B" (B after A), "A * B" (both in one clause), "A : B" (B right after
 * A or right before it: a topic and its predicate; lexicons/complaints/README.md). cues.tsv
 * (name<TAB>pattern) is read before the category files. Only before hugi_complaint_tax_build(). */
hugi_rc hugi_complaint_tax_add_cue(struct hugi_complaint_tax *t, const char *name, const char *pat,
                                   size_t len, const char *where, struct hugi_err *err);
/* Builds the matcher; after this the taxonomy is read-only and may be shared by threads.
 * hugi_complaint_tax_load() builds; a taxonomy made with _new needs this before categorising. */
hugi_rc hugi_complaint_tax_build(struct hugi_complaint_tax *t, struct hugi_err *err);
void hugi_complaint_tax_free(struct hugi_complaint_tax *t); /* NULL is fine */

int hugi_complaint_tax_count(const struct hugi_complaint_tax *t);
/* Key ("delivery") of category idx; borrowed; NULL when out of range. */
const char *hugi_complaint_tax_key(const struct hugi_complaint_tax *t, int idx);
bool hugi_complaint_tax_critical(const struct hugi_complaint_tax *t, int idx);
/* Index of `key`, or -1. */
int hugi_complaint_tax_find(const struct hugi_complaint_tax *t, const char *key, size_t len);
/* Bit set of the critical categories. */
uint64_t hugi_complaint_tax_critical_mask(const struct hugi_complaint_tax *t);

/* ---- compiled image of a taxonomy (lexicons/README.md "Compiled image") ---------------------
 * Loading in two steps so that a built taxonomy can be cached: _src_read reads every file of the
 * taxonomy (categories.tsv, parsed at once, and the files it names, cues.tsv, the extra files)
 * into memory, and the key over their names and bytes (and this build) names an image; then
 * either _src_image maps a valid image of exactly those files, or _src_parse parses them (its
 * errors, also a file that could not be read, are those hugi_complaint_tax_load_extra gives)
 * and _src_image_save writes the image for the next process. learned.tsv is not in the image:
 * both ways attach it after. */
struct hugi_complaint_src;
hugi_rc hugi_complaint_src_read(struct hugi_complaint_src **out, const char *dir,
                                const char *const *extra, size_t nextra, struct hugi_err *err);
void hugi_complaint_src_free(struct hugi_complaint_src *s); /* NULL is fine */
/* The key as 32 hex digits (an image's file name); false when a file could not be read (then
 * there is no image: _src_parse reports the error). */
bool hugi_complaint_src_key(const struct hugi_complaint_src *s, char hex[33]);
/* Parses and builds what was read (once: the taxonomy moves to *out). */
hugi_rc hugi_complaint_src_parse(struct hugi_complaint_src *s, struct hugi_complaint_tax **out,
                                 struct hugi_err *err);
/* Maps the image at path after checking all of it and that its key is s's. HUGI_E_NOTFOUND (no
 * file, or stale), HUGI_E_PARSE (corrupted, truncated, other version), HUGI_E_DENIED (a file
 * others may write), HUGI_E_IO, HUGI_E_NOMEM; then parse instead. */
hugi_rc hugi_complaint_src_image(struct hugi_complaint_src *s, const char *path,
                                 struct hugi_complaint_tax **out, struct hugi_err *err);
/* Writes t's image (t parsed from s) to path: a temporary file beside it, then renamed. */
hugi_rc hugi_complaint_src_image_save(const struct hugi_complaint_src *s,
                                      const struct hugi_complaint_tax *t, const char *path,
                                      struct hugi_err *err);
/* The image of built t with a 32-byte key into out, and a taxonomy from such bytes (key NULL:
 * any; data borrowed, 8-byte aligned, unchanged while the taxonomy lives): for tests and fuzzing.
 */
hugi_rc hugi_complaint_tax_image_write(const struct hugi_complaint_tax *t, const uint8_t key[32],
                                       struct hugi_buf *out, struct hugi_err *err);
hugi_rc hugi_complaint_tax_image_load_mem(struct hugi_complaint_tax **out, const uint8_t key[32],
                                          const void *data, size_t len, struct hugi_err *err);

/* ---- categorising one text ----------------------------------------------------------------- */

#define HUGI_COMPLAINT_SPAN_FEATS 3

struct hugi_complaint_span {
    int cat;           /* category index */
    size_t start, end; /* byte offsets into the original text, [start, end) */
    /* a category added by the learned model (learned.tsv): its strongest features present, as
     * model feature ids (hugi_complaint_model_feature), -1 past the last; the span is the first
     * one's occurrence. Pattern spans have feat[0] = -1. */
    int32_t feat[HUGI_COMPLAINT_SPAN_FEATS];
};

struct hugi_complaint_scratch; /* private */

/* Reusable result + scratch: init once, call categorize many times, release once. Not shared
 * between threads (the taxonomy may be). */
struct hugi_complaint_match {
    uint64_t cats;    /* bit i set = category i found */
    uint64_t learned; /* of cats, those only the learned model found */
    uint64_t vetoed;  /* pattern hits the learned model dropped (not in cats) */
    uint64_t scored;  /* categories whose learned score passes the add threshold, whatever the
                         patterns and the context (for measuring the model alone) */
    bool context;     /* the text reads as a complaint: a category or a cue hit (what lets the
                         learned model add a category) */
    struct hugi_complaint_span *spans;
    size_t nspans; /* one span per category and overlapping hits, sorted by start */
    size_t cap;
    struct hugi_complaint_scratch *scratch;
};
void hugi_complaint_match_init(struct hugi_complaint_match *m);
void hugi_complaint_match_release(struct hugi_complaint_match *m);

/* Finds the categories of text[0..len) (any bytes; invalid UTF-8 matches nothing). Texts longer
 * than 64 KiB are categorised on their first 64 KiB. Fails only with HUGI_E_NOMEM, or
 * HUGI_E_USAGE for a taxonomy not built. */
hugi_rc hugi_complaint_categorize(const struct hugi_complaint_tax *t, const char *text, size_t len,
                                  struct hugi_complaint_match *m, struct hugi_err *err);
/* The same, given the text already normalised by hugi_tm_normalize (the scorer's
 * hugi_sent_result.text of the same bytes): saves normalising it twice. */
struct hugi_tm_text;
hugi_rc hugi_complaint_categorize_norm(const struct hugi_complaint_tax *t, const char *text,
                                       size_t len, const struct hugi_tm_text *norm,
                                       struct hugi_complaint_match *m, struct hugi_err *err);
/* The critical gate: a critical category of the learned model (learned-critical.tsv) is added
 * only to a text the caller says is negative (a sentiment score < 0, or a rating <= 2) and in
 * which no critical pattern fired; the two calls above keep the gate closed (such a model adds
 * nothing there). Patterns and the other learned categories do not depend on it. norm may be
 * NULL. docs/complaints.md, "Gated on sentiment". */
hugi_rc hugi_complaint_categorize_gated(const struct hugi_complaint_tax *t, const char *text,
                                        size_t len, const struct hugi_tm_text *norm, bool negative,
                                        struct hugi_complaint_match *m, struct hugi_err *err);
/* Whether t's learned model may add a critical category, i.e. whether the gate above matters
 * (a caller that does not know the text's sentiment scores it only then). */
bool hugi_complaint_tax_gated(const struct hugi_complaint_tax *t);

/* ---- learned categories (docs/complaints.md, "Learned categories") -------------------------
 * Next to the patterns, a linear model per category over the features of the joined view
 * (Hangul syllable 1-3-grams, Latin words and word pairs), learned from labelled sets by
 * `hugi complaints learn` into lexicons/complaints/learned.tsv. A category the patterns missed
 * is added when the text is a complaint (a category or cue hit) and the category's score passes
 * its threshold; a pattern hit whose score is under the category's veto threshold is dropped.
 * Critical categories are never dropped by it, and added only by the categories of a file after
 * its "critical<TAB>add" line (learned-critical.tsv, `hugi complaints learn --critical`). */
struct hugi_complaint_model;

/* Parses a learned model (the format hugi_complaint_learner_write writes) for taxonomy t;
 * categories t lacks are skipped. HUGI_E_PARSE with where = "name:line". */
hugi_rc hugi_complaint_model_parse(struct hugi_complaint_model **out,
                                   const struct hugi_complaint_tax *t, const char *data, size_t len,
                                   const char *name, struct hugi_err *err);
hugi_rc hugi_complaint_model_load(struct hugi_complaint_model **out,
                                  const struct hugi_complaint_tax *t, const char *path,
                                  struct hugi_err *err);
void hugi_complaint_model_free(struct hugi_complaint_model *m); /* NULL is fine */
/* Feature text of id (borrowed; NULL when out of range). */
const char *hugi_complaint_model_feature(const struct hugi_complaint_model *m, int32_t id);
size_t hugi_complaint_model_size(const struct hugi_complaint_model *m); /* weights held */
/* Attaches m to the taxonomy (which then owns it and frees the one it had); NULL detaches
 * (patterns only). hugi_complaint_tax_load attaches <dir>/learned.tsv and
 * <dir>/learned-critical.tsv (read as one file, in that order) when they exist. Not while
 * other threads categorise with t. */
void hugi_complaint_tax_set_model(struct hugi_complaint_tax *t, struct hugi_complaint_model *m);
const struct hugi_complaint_model *hugi_complaint_tax_model(const struct hugi_complaint_tax *t);

enum hugi_complaint_learn_method {
    HUGI_LEARN_LOGREG = 0, /* one-vs-rest L2 logistic regression (AdaGrad, fixed order) */
    HUGI_LEARN_LOGODDS,    /* smoothed log-odds of presence (Bernoulli naive Bayes) */
};

struct hugi_complaint_learn_opts {
    enum hugi_complaint_learn_method method;
    double l2;            /* L2 strength per row (default 1e-3) */
    int epochs;           /* logistic regression passes (default 20) */
    int min_count;        /* a feature in at least this many rows (default 2) */
    int max_feats;        /* kept per category, largest |weight| first (default 400) */
    int folds;            /* cross-validation folds for the thresholds (default 5) */
    int min_pos;          /* a category needs this many positive rows to be learned (default 5) */
    int min_gain;         /* added true hits (cross-validated) a threshold must gain (default 2) */
    double min_precision; /* of the hits a threshold adds, cross-validated (default 0.5) */
    bool veto;            /* also learn veto thresholds for pattern hits (default off) */
    bool alone;           /* thresholds maximise the model's own F1, not that of patterns +
                             model (the patterns fit the labelled rows better than new ones) */
    uint64_t seed;        /* row order and folds (default 1) */
    double weak_weight;   /* of a pool row (labelled by the patterns) against a hand-labelled
                             one in logistic regression (default 0.3) */
    bool critical;        /* learn the critical categories only (learned-critical.tsv): add
                             thresholds for recall, the lowest score whose cross-validated
                             precision (the model alone over the complaint-context rows) stays at
                             min_precision; never a veto (session seven, docs/complaints.md) */
};
void hugi_complaint_learn_opts_init(struct hugi_complaint_learn_opts *o);

struct hugi_complaint_learner;
/* A learner for taxonomy t (its patterns alone give each row's pattern hits; a model attached
 * to t is not used; t must outlive the learner). */
struct hugi_complaint_learner *
hugi_complaint_learner_new(const struct hugi_complaint_tax *t,
                           const struct hugi_complaint_learn_opts *o);
void hugi_complaint_learner_free(struct hugi_complaint_learner *l);
/* Adds one labelled row (gold: bit set of categories). group < 0 makes it a pool row: its
 * labels are the patterns' hits (gold is ignored), it is always learned from (with weight
 * weak_weight) and never used to choose thresholds. */
hugi_rc hugi_complaint_learner_add(struct hugi_complaint_learner *l, const char *text, size_t len,
                                   uint64_t gold, int group, struct hugi_err *err);
size_t hugi_complaint_learner_rows(const struct hugi_complaint_learner *l);
/* Trains on the rows for which use[i] is true (use NULL: all), thresholds by cross-validation
 * inside them. *out is a model for the learner's taxonomy. */
hugi_rc hugi_complaint_learner_train(struct hugi_complaint_learner *l, const bool *use,
                                     struct hugi_complaint_model **out, struct hugi_err *err);
/* Writes m as TSV (header "generated, do not edit", then `comment` lines). Same model, same
 * bytes. */
hugi_rc hugi_complaint_model_write(const struct hugi_complaint_model *m,
                                   const struct hugi_complaint_tax *t, FILE *f, const char *comment,
                                   struct hugi_err *err);

/* Appends ["delivery","service"] (taxonomy order). */
hugi_rc hugi_complaint_cats_json(const struct hugi_complaint_tax *t, uint64_t cats,
                                 struct hugi_buf *out);
/* Appends [{"category":"delivery","start":3,"end":12,"text":"배송이 안 와"}, ...]. */
hugi_rc hugi_complaint_evidence_json(const struct hugi_complaint_tax *t,
                                     const struct hugi_complaint_match *m, const char *text,
                                     size_t len, struct hugi_buf *out);
/* Parses a JSON array of category keys (as written above, or objects with a "category" member);
 * unknown keys are ignored and counted in *unknown (may be NULL). HUGI_E_PARSE on bad JSON. */
hugi_rc hugi_complaint_cats_parse(const struct hugi_complaint_tax *t, const char *json, size_t len,
                                  uint64_t *cats, int *unknown, struct hugi_err *err);

/* ---- severity of one review ---------------------------------------------------------------- */

enum hugi_complaint_severity {
    HUGI_SEV_NONE = 0, /* not a complaint */
    HUGI_SEV_LOW,
    HUGI_SEV_MEDIUM,
    HUGI_SEV_HIGH,
    HUGI_SEV_CRITICAL,
};
/* "none", "low", "medium", "high", "critical" */
const char *hugi_complaint_severity_name(enum hugi_complaint_severity s);

/* Thresholds; defaults from _init ([sentiment] neg_threshold, [complaints] strong_negative,
 * reach, recent in the config). */
struct hugi_complaint_sev_cfg {
    double neg_score;    /* score <= this is negative (default -0.05) */
    double strong_score; /* score <= this is strongly negative (default -0.5) */
    double neg_rating;   /* rating <= this is negative (default 2) */
    double low_rating;   /* rating <= this is strongly negative (default 1) */
    long reach_high;     /* likes + replies >= this raises one step (default 10) */
    int recent_days;     /* older than this lowers one step (default 30) */
};
void hugi_complaint_sev_cfg_init(struct hugi_complaint_sev_cfg *c);

struct hugi_complaint_sev_in {
    double score;  /* [-1, 1] or NAN */
    double rating; /* 1..5 or NAN */
    uint64_t cats;
    long likes;   /* -1 unknown */
    long replies; /* -1 unknown */
    int64_t date; /* HUGI_NO_TIME unknown */
    int64_t now;
};
/* The rule (docs/complaints.md): a critical category gives CRITICAL. Otherwise a review is a
 * complaint when the score or the rating is negative, or (with neither known) when it has a
 * category; a complaint starts at LOW and goes up one step each for: strongly negative (score or
 * rating), at least one category, reach >= reach_high; and down one step (never below LOW) when
 * older than recent_days. 1 step = LOW, 2 = MEDIUM, 3+ = HIGH. */
enum hugi_complaint_severity hugi_complaint_severity(const struct hugi_complaint_tax *t,
                                                     const struct hugi_complaint_sev_cfg *c,
                                                     const struct hugi_complaint_sev_in *in);

/* ---- aggregation over one product ---------------------------------------------------------- */

/* One review as the aggregation sees it; strings borrowed for the call. */
struct hugi_complaint_rec {
    const char *id; /* the review's id, for examples */
    int64_t key;    /* the store's key, reported as a member (0 when none) */
    int64_t date;   /* HUGI_NO_TIME: the record is ignored */
    bool negative;  /* by the scorer's label / verdict / rating */
    uint64_t cats;
    double score; /* NAN when unknown; used to pick examples */
    long likes;   /* -1 unknown */
    const char *text;
    size_t text_len;
};

struct hugi_complaint_agg_cfg {
    int64_t now;           /* end of the window (exclusive); HUGI_NO_TIME = newest date + 1s */
    int64_t window_start;  /* HUGI_NO_TIME = now - window_days */
    int window_days;       /* recurring / emerging window (default 7) */
    long recur_min;        /* negative reviews of a category in the window (default 3) */
    double recur_share;    /* of the product's reviews in the window (default 0.1) */
    int64_t bucket;        /* spike bucket in seconds: 86400 (default) or 3600 */
    int baseline_buckets;  /* trailing baseline length in buckets (default 14) */
    int min_history;       /* buckets with any review needed before a spike is judged (3) */
    long spike_min;        /* minimum count in the latest bucket (default 3) */
    double spike_p;        /* Poisson upper-tail p-value at most this (default 0.001) */
    double spike_ratio;    /* and count >= ratio * baseline mean (default 3) */
    int64_t cooldown;      /* seconds a raised group stays quiet (default 3 days) */
    long emerging_min;     /* window negative reviews holding the phrase (default 3) */
    double emerging_z;     /* minimum z of the log-odds (default 2.0) */
    double emerging_prior; /* Dirichlet prior strength alpha0, at most 10% of the reviews read
                              (default 100) */
    double emerging_rare;  /* share of the history holding the phrase, at most (0.02) */
    int emerging_max;      /* phrases kept (default 5) */
    size_t baseline_max;   /* newest baseline reviews read for phrases (default 20000) */
    int examples;          /* representative examples per group (default 3, at most 8) */
};
void hugi_complaint_agg_cfg_init(struct hugi_complaint_agg_cfg *c);

enum hugi_complaint_kind {
    HUGI_GROUP_RECURRING = 1,
    HUGI_GROUP_SPIKE,
    HUGI_GROUP_EMERGING,
};
const char *hugi_complaint_kind_name(enum hugi_complaint_kind k); /* "recurring", ... */

struct hugi_complaint_group {
    enum hugi_complaint_kind kind;
    char *key;    /* stable: "recurring|P|delivery", "spike|P|*", "emerging|P|배터리부풀" */
    int cat;      /* category index, -1 = any negative (spikes) or none (emerging) */
    char *phrase; /* emerging phrase (folded form) or NULL */
    int64_t window_start, window_end;
    long count;      /* member reviews */
    long total;      /* all reviews of the product in the window (the bucket for spikes; the
                        window's negative reviews for emerging phrases) */
    long prev_count; /* same count in the previous window of equal length (trend) */
    double baseline; /* spikes: mean per bucket; emerging: baseline share; else NAN */
    double stat;     /* spikes: p-value; emerging: z; recurring: share */
    bool fresh;      /* false when a previous raise is still cooling down (see prior) */
    size_t *members; /* indices into the records array, newest first */
    size_t nmembers;
    size_t examples[8]; /* indices into the records array */
    int nexamples;
};

struct hugi_complaint_groups {
    struct hugi_complaint_group *v;
    size_t n, cap;
};
void hugi_complaint_groups_init(struct hugi_complaint_groups *g);
void hugi_complaint_groups_release(struct hugi_complaint_groups *g);

/* What a caller knows of earlier raises, for the cool-down: a group whose key has
 * cooldown_until > now is reported with fresh = false. */
struct hugi_complaint_prior {
    const char *key;
    int64_t cooldown_until;
};

/* Builds the product's groups from its records (any order; records of other products must not
 * be passed). `product` goes into the keys. prior may be NULL (nprior 0). Groups are appended to
 * `out` in the order recurring, spike, emerging; within a kind by count, then key. */
hugi_rc hugi_complaint_aggregate(const struct hugi_complaint_tax *t,
                                 const struct hugi_complaint_agg_cfg *c, const char *product,
                                 const struct hugi_complaint_rec *recs, size_t n,
                                 const struct hugi_complaint_prior *prior, size_t nprior,
                                 struct hugi_complaint_groups *out, struct hugi_err *err);

/* Poisson upper tail P(X >= k) for mean lambda (exposed for tests). */
double hugi_complaint_poisson_sf(long k, double lambda);

#endif
