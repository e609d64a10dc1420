/* SPDX-License-Identifier: MIT
 * The review record every stage passes along, and its JSONL form (hugi's interchange format:
 * one JSON object a line, UTF-8). Fields, in the order they are written:
 *
 *   source     configured source name ("coupang", "appstore-kr"); string
 *   product    product id as configured; string or null
 *   id         the source's own id; when it has none, "h:" + 16 hex digits of a hash of
 *              author, original date string and text (hugi_review_ensure_id)
 *   author     string or null
 *   rating     number on a 1..5 scale (the source's scale converted) or null
 *   date       UTC ISO-8601 "2024-01-15T09:30:00Z" or null when unknown
 *   date_raw   the source's own date string, or null
 *   lang       "ko", "en", ... or null
 *   title      string or null
 *   text       string ("" when the review has only a rating)
 *   url        string or null
 *   parent_id  the thread or parent comment id, or null
 *   likes      helpful votes / likes, integer or null
 *   fetched_at UTC ISO-8601 or null
 *
 * Readers ignore keys they do not know, so later stages may append keys (score, label, ...).
 */
#ifndef HUGI_REVIEW_H
#define HUGI_REVIEW_H

#include "hugi/core.h"

struct hugi_review {
    char *source;
    char *product;
    char *id;
    char *author;
    double rating; /* NAN when unknown */
    int64_t date;  /* HUGI_NO_TIME when unknown */
    char *date_raw;
    char *lang;
    char *title;
    char *text;
    char *url;
    char *parent_id;
    long likes; /* -1 when unknown */
    int64_t fetched_at;
};

/* All strings NULL, rating NAN, date/fetched_at HUGI_NO_TIME, likes -1. */
void hugi_review_init(struct hugi_review *r);
/* Frees every string the record owns and re-initialises it. */
void hugi_review_release(struct hugi_review *r);
/* Deep copy into dst (initialised by this call). */
hugi_rc hugi_review_copy(struct hugi_review *dst, const struct hugi_review *src);

/* Replaces *field with a NUL-terminated copy of s (len bytes), NFC-normalised with invalid bytes
 * repaired; s NULL sets NULL. */
hugi_rc hugi_review_set(char **field, const char *s, size_t len);

/* Sets r->id from a content hash when the source gave none. */
hugi_rc hugi_review_ensure_id(struct hugi_review *r);

/* Appends the JSONL line (with its '\n'). */
hugi_rc hugi_review_to_json(const struct hugi_review *r, struct hugi_buf *out);

/* Parses one JSONL line into r (initialised by this call). Wrong types give HUGI_E_PARSE with
 * `where` = "$.field" and the record released. `text` is required; everything else optional. */
hugi_rc hugi_review_from_json(const char *line, size_t len, struct hugi_review *r,
                              struct hugi_err *err);

#endif
