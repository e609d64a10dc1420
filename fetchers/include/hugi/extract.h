/* SPDX-License-Identifier: MIT
 * hugi extraction: bytes of a saved or fetched page, feed or export in, review records out.
 *
 * One call, hugi_extract(), takes the body with what the fetcher knows about it (URL, charset,
 * fetch time) and what the configuration says (preset, selectors, rating scale, source/product
 * names), converts the text to UTF-8, picks an extractor (or detects one), and hands each review
 * to a callback, once: the same review shown twice on a page comes out once. It also returns the
 * pagination hints the page carries (a next URL, a next cursor) for the fetcher's pagination
 * driver. Fetching itself lives in hugi/fetch.h; this header knows nothing of HTTP.
 *
 * Ownership: hugi_extract() borrows everything in opts for the duration of the call. Each review
 * passed to the callback is borrowed: the callback copies what it keeps (hugi_review_copy). Strings
 * in struct hugi_extract_result are owned by it and freed by hugi_extract_result_release().
 */
#ifndef HUGI_EXTRACT_H
#define HUGI_EXTRACT_H

#include "hugi/core.h"
#include "hugi/review.h"

/* The presets, by configuration name (hugi_extract_preset_name). AUTO detects one. */
#define HUGI_EXTRACT_PRESETS(X)                                                                    \
    X(AUTO, "auto")                                                                                \
    X(JSONLD, "jsonld")                                                                            \
    X(MICRODATA, "microdata")                                                                      \
    X(APPSTORE, "appstore")                                                                        \
    X(YOUTUBE, "youtube")                                                                          \
    X(REDDIT, "reddit")                                                                            \
    X(TWITTER, "twitter")                                                                          \
    X(GOOGLEPLAY, "googleplay")                                                                    \
    X(RSS, "rss")                                                                                  \
    X(CSV, "csv")                                                                                  \
    X(JSONL, "jsonl")                                                                              \
    X(XPATH, "xpath")                                                                              \
    X(LAYOUT, "layout")                                                                            \
    X(JSONPATH, "jsonpath")                                                                        \
    X(JSON, "json")                                                                                \
    X(LISTING, "listing")

enum hugi_extract_preset {
#define X(e, name) HUGI_PRESET_##e,
    HUGI_EXTRACT_PRESETS(X)
#undef X
        HUGI_PRESET_COUNT_
};

/* "jsonld"; never NULL ("?" for an out-of-range value). */
const char *hugi_extract_preset_name(enum hugi_extract_preset p);
/* Looks a configuration name up; false when unknown. */
bool hugi_extract_preset_from_name(const char *name, enum hugi_extract_preset *out);

/* A selector for one review field, for the xpath and jsonpath presets (and optional overrides
 * for the others). `name` is a review key: id, author, rating, date, title, text, url, lang,
 * likes, parent_id, product. `selector` is an XPath relative to the item (an attribute node,
 * a text node or an element, whose text is taken), or a JSON path relative to the item ("$.a.b"
 * or "a.b"). */
struct hugi_extract_field {
    const char *name;
    const char *selector;
};

struct hugi_extract_opts {
    enum hugi_extract_preset preset; /* HUGI_PRESET_AUTO: detect */
    const char *name;                /* the input's name for errors ("page.json"); may be NULL */
    const char *url;                 /* page URL: base for relative links; may be NULL */
    const char *charset; /* from the HTTP Content-Type or config; NULL = BOM/meta/UTF-8 */
    const char *source;  /* configured source name, copied into each review; may be NULL */
    const char *product; /* configured product id; a per-review product wins; may be NULL */
    int64_t fetched_at;  /* base for relative dates ("3일 전"); HUGI_NO_TIME = hugi_now() */
    double rating_scale; /* best rating when the source does not say it; 0 = 5 */
    const char *items;   /* xpath/jsonpath: the selector of review items */
    const struct hugi_extract_field *fields; /* xpath/jsonpath: per-field selectors */
    size_t nfields;
    const char *next;    /* XPath of the next link, or JSON path of the next cursor */
    const char *lang;    /* language of reviews that do not state one ("ko"); may be NULL */
    const char *csv_map; /* csv: "header=field,..." for headers no name rule knows; may be NULL */
    size_t max_bytes;    /* refuse larger bodies with HUGI_E_LIMIT; 0 = 64 MiB */
};

/* Sets every member to its default (AUTO, no selectors, HUGI_NO_TIME, ...). */
void hugi_extract_opts_init(struct hugi_extract_opts *o);

struct hugi_extract_result {
    enum hugi_extract_preset used; /* the preset that ran (the detected one for AUTO) */
    size_t nreviews;               /* handed to the callback */
    size_t nduplicates;            /* dropped because already seen in this body */
    size_t nwarnings;              /* skipped items / unparsable values, counted */
    char *next_url;    /* rel=next / next XPath, resolved against opts->url; NULL if none */
    char *next_cursor; /* nextPageToken, meta.next_token, after, or opts->next; NULL if none */
    char *charset;     /* the charset the body was read as ("UTF-8", "CP949", "UTF-16LE") */
    char warning[256]; /* the first warning's text with its place, "" if none */
};
void hugi_extract_result_release(struct hugi_extract_result *res); /* NULL is fine */

/* Called once per distinct review; `r` is borrowed (copy what you keep). Returning anything but
 * HUGI_OK stops the extraction, and hugi_extract() returns that code. */
typedef hugi_rc (*hugi_extract_cb)(const struct hugi_review *r, void *ctx);

/* Extracts the reviews in body[0..len). `res` (may be NULL) is initialised by this call and must
 * be released by the caller even on error. Errors: HUGI_E_PARSE with err->where naming the place
 * ("page.json: $.feed.entry[3].content") when the body is not what the preset expects,
 * HUGI_E_NOTFOUND when AUTO finds nothing it knows, HUGI_E_ENCODING when the charset is unknown,
 * HUGI_E_USAGE for a bad selector. A body where the preset applies but which holds no review
 * (a negative case) is HUGI_OK with res->nreviews == 0. */
hugi_rc hugi_extract(const char *body, size_t len, const struct hugi_extract_opts *opts,
                     hugi_extract_cb cb, void *ctx, struct hugi_extract_result *res,
                     struct hugi_err *err);

/* ---- the parsers behind it, public for configuration checks and tests ------------------------ */

/* Parses a date in any form listed in docs/hugi-extract.md (ISO-8601, epoch seconds/millis,
 * US M/D/Y, Korean and Japanese forms, relative Korean/English phrases against `now`, month
 * names in English, German, French, Swedish, Danish, Spanish, Italian). Dates without a zone are
 * UTC. False when it cannot tell. */
bool hugi_extract_date(const char *s, size_t len, int64_t now, int64_t *out);

/* Parses a rating out of text ("4,7 su 5", "5.0 star rating", "별점 4점", "2 stars", "star-4",
 * "5つ星のうち4つ", "4/5") and converts it to the 1..5 scale. `scale` is the best rating when the
 * text does not say it (0 = 5). False when there is no rating (never invents 0). */
bool hugi_extract_rating(const char *s, size_t len, double scale, double *out);

/* Converts a value on [worst..best] to 1..5; false when out of range or not positive. */
bool hugi_extract_rating_scale(double value, double best, double worst, double *out);

/* ---- field names (extract_fields.c): the one table `hugi extract` and `hugi import` share ---- */

/* The review fields a CSV column header or a JSON key can name. */
enum hugi_xfield {
    HUGI_XF_NONE = -1,
    HUGI_XF_PRODUCT,
    HUGI_XF_PRODUCT_NAME,
    HUGI_XF_ID,
    HUGI_XF_TEXT,
    HUGI_XF_RATING,
    HUGI_XF_AUTHOR,
    HUGI_XF_DATE,
    HUGI_XF_TITLE,
    HUGI_XF_URL,
    HUGI_XF_LIKES,
    HUGI_XF_LANG,
    HUGI_XF_SOURCE,
    HUGI_XF_PARENT_ID,
    HUGI_XF_DATE_RAW,
    HUGI_XF_FETCHED_AT,
    HUGI_XF_COUNT
};

/* Also the names only an export's column headers use ("User ID": the buyer shown; as a JSON key
 * `userId` points elsewhere). */
#define HUGI_XF_HEADER 1u

/* The field's name as hugi writes it ("parent_id"); NULL when out of range. */
const char *hugi_extract_field_name(enum hugi_xfield f);

/* Normalises a column or key name for the table: ASCII lower-cased, spaces, punctuation and a BOM
 * dropped, other UTF-8 kept with Latin-1 capitals folded ("Star Rating" = "starrating",
 * "Überschrift" = "überschrift"). Writes at most cap-1 bytes and a NUL; returns the length. */
size_t hugi_extract_name_norm(const char *name, size_t len, char *out, size_t cap);

/* The field a name stands for by the table (exact names; extract adds rules for others), and its
 * rank in that field's list (0 = best) in *rank; HUGI_XF_NONE when the table does not list it.
 * `flags`: HUGI_XF_HEADER or 0. The _norm form takes a name already normalised. */
enum hugi_xfield hugi_extract_field_of_name(const char *name, size_t len, unsigned flags,
                                            int *rank);
enum hugi_xfield hugi_extract_field_of_norm(const char *norm, size_t len, unsigned flags,
                                            int *rank);

#endif
