/* SPDX-License-Identifier: MIT
 * Private to hugi_complaint: the text folding shared by the matcher and the phrase counter. */
#ifndef HUGI_COMPLAINT_INTERNAL_H
#define HUGI_COMPLAINT_INTERNAL_H

#include "hugi/complaint.h"

struct hugi_tm_text;

/* The whole file at path in a new NUL-terminated buffer (*data, caller frees; at most cap
 * bytes): errors name the path. */
hugi_rc hugi_complaint_read_file_(const char *path, size_t cap, char **data, size_t *len,
                                  struct hugi_err *err);

/* The joined view categories are matched in: s normalised by textmatch (tm is scratch), then
 * the spaces between non-ASCII-alphanumerics dropped, into fold. HUGI_OK or HUGI_E_NOMEM. */
hugi_rc hugi_complaint_fold_(const char *s, size_t len, struct hugi_tm_text *tm,
                             struct hugi_buf *fold);

/* The joined view itself (categorize.c's join_view): t's bytes with the spaces between
 * non-ASCII-alphanumerics and U+FFFD dropped, a misspelt 않 read as 안, a space between Latin
 * and Hangul; src[i] (when src is not NULL, grown to *cap) the byte of t->s that view byte i
 * came from, src[len] = t->len. HUGI_OK or HUGI_E_NOMEM. For tests: fuzz_complaint_join checks
 * it against the byte-by-byte loop it replaced. */
hugi_rc hugi_complaint_join_(const struct hugi_tm_text *t, struct hugi_buf *out, uint32_t **src,
                             size_t *cap);

/* hugi_complaint_categorize, with the learned model (when the taxonomy has one) or without;
 * negative opens the gate of the critical model's additions. */
hugi_rc hugi_complaint_categorize_(const struct hugi_complaint_tax *t, const char *text, size_t len,
                                   const struct hugi_tm_text *norm, struct hugi_complaint_match *m,
                                   bool use_model, bool negative, struct hugi_err *err);

/* The learned model's features of a joined view v[0..n): Hangul syllable 1-3-grams (within a
 * run of syllables; the view has no spaces between Korean words), Latin words (at most 30 bytes)
 * and pairs of words one space apart. fn gets each occurrence as [s, e) byte offsets. */
typedef void (*hugi_complaint_feat_fn)(void *ctx, uint32_t s, uint32_t e);
void hugi_complaint_feats_(const char *v, size_t n, hugi_complaint_feat_fn fn, void *ctx);

/* A model feature found in a text: its id and where (joined-view bytes). */
struct hugi_complaint_lhit {
    int32_t feat;
    uint32_t s, e;
};
struct hugi_complaint_lscratch {
    struct hugi_complaint_lhit *hits; /* distinct features found, after _score_ */
    size_t n, cap;
    /* stamp[feature] == epoch: already counted in this text (presence, without sorting the hits:
     * a qsort per text cost more than the walk with a large model) */
    uint32_t *stamp;
    size_t nstamp;
    uint32_t epoch;
    const struct hugi_complaint_model *owner; /* the model the stamps are of */
};
/* z[c] = bias + weights of the distinct model features in v, for every category of the model.
 * HUGI_E_NOMEM only. */
hugi_rc hugi_complaint_model_score_(const struct hugi_complaint_model *m, const char *v, size_t n,
                                    struct hugi_complaint_lscratch *sc, double *z);
/* The category's strongest positive features found (ids, -1 past the last) and where the first
 * is. */
void hugi_complaint_model_top_(const struct hugi_complaint_model *m,
                               const struct hugi_complaint_lscratch *sc, int cat, int32_t *feat,
                               uint32_t *s, uint32_t *e);
/* The model of <dir>/learned.tsv and <dir>/learned-critical.tsv read as one file (*out NULL
 * when neither exists). */
hugi_rc hugi_complaint_model_attach_(struct hugi_complaint_model **out,
                                     const struct hugi_complaint_tax *t, const char *dir,
                                     struct hugi_err *err);
/* Whether category cat is learned, and its add and veto thresholds. */
bool hugi_complaint_model_learned_(const struct hugi_complaint_model *m, int cat, double *add,
                                   double *veto);

#endif
