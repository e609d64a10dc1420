/* SPDX-License-Identifier: MIT
 * Private to the extractors: the per-call context every preset writes into, and the helpers they
 * share (field setters, JSON loading, the light HTML tokenizer). Not installed, not public. */
#ifndef HUGI_EXTRACT_INT_H
#define HUGI_EXTRACT_INT_H

#include <yajl/yajl_tree.h>

#include "hugi/extract.h"

struct xseen {
    uint64_t key, container;
};
#define X_ANY_CONTAINER 0
#define X_NO_DEDUPE     UINT64_MAX

/* Where the extraction stands: options, output, dedupe set, first error. */
struct xctx {
    const struct hugi_extract_opts *o;
    hugi_extract_cb cb;
    void *cbctx;
    struct hugi_extract_result *res;
    struct hugi_err *err;
    const char *name; /* input name for messages */
    int64_t now;
    double scale; /* default best rating */
    struct xseen *seen;
    size_t nseen, capseen;
    uint64_t container_seq;    /* numbers the lists reviews come from (see x_emit_in) */
    yajl_val ld_root;          /* the JSON-LD document being walked (resolves {"@id"} authors) */
    yajl_val ld_product;       /* the innermost Product around the walk, or NULL */
    const char *ld_item_ref;   /* the last itemReviewed {"@id"} resolved, and its node: pages */
    yajl_val ld_item_node;     /* refer to one product from every review (no rescan per review) */
    struct ld_id *ld_ids;      /* ld_root's nodes with an @id, sorted (extract_json.c), */
    size_t nld_ids, capld_ids; /* built on the first {"@id"} reference */
    bool ld_ids_built, ld_ids_failed;
    yajl_val ref_root; /* an Apollo cache whose `{"__ref"}` links are followed, or NULL */
    yajl_val gen_root; /* generic JSON: the whole document (authors kept elsewhere in it:
                        * JSON:API's `included`, a normalised store's `users.byId`) */
    /* tables an item's author is looked up in, by id (extract_json.c referenced_author), each
     * indexed on first use so an item's author is a binary search, not a scan of a table as long
     * as the list: JSON:API's `included` by (type, id), and per person word of an item's
     * `<word>Id` (user, author, ...) whether its table (`users`) was looked for under gen_root
     * and what was found (NULL for none): one search a list per word, not one an item when the
     * items name two words in turn (review12) */
    struct xrefs {
        struct xref_tab {
            bool looked;
            yajl_val table;
            struct ref_ix *ix;
            size_t nix;
            int state; /* 0 not built, 1 built, -1 out of memory: `inc` and `tabs` are then
                        * scanned instead; `people` is not looked in (authors stay ids) */
        } inc, tabs[8], people;
    } refs;
    const char *reply_parent; /* the comment whose nested replies are being read, or NULL */
    int reply_depth;          /* how deep in nested replies (bounded) */
    yajl_val list;            /* generic JSON: the array whose items are being read, or NULL */
    size_t list_i;            /* the index of the item being read in list */
    size_t list_visits;       /* numbered_parent's item visits left for this list */
    char *page_product;       /* the one product the page's JSON-LD names (for reviews found in
                               * its markup), NULL when none or several; page_products counts */
    unsigned page_products;   /* the distinct ones seen */
    bool strict_generic;      /* generic JSON: only lists whose items have a text and a rating */
    bool in_srcdoc;           /* reading a page an iframe's srcdoc holds (not again inside) */
    bool no_ratings;          /* generic JSON: this list's rating key counts votes (list_scale) */
    const char *at; /* the place being read ("line 3" of a JSONL file, "reviews[1]" of a JSON
                     * list) for warnings that name none (an unparsable date), or NULL */
};

/* Hands r to the callback unless already seen (dedupe key: `key` when non-zero, else a hash of
 * the review's fields). Fills source/product/fetched_at/id. Releases r in every case. */
hugi_rc x_emit(struct xctx *x, struct hugi_review *r, uint64_t key);
/* The same, for a review that is one entry of a list numbered `container` (x->container_seq):
 * an identical review in the same list is kept, in another list dropped. X_NO_DEDUPE keeps it
 * always (text-only rows: two customers may well write the same "좋아요"). */
hugi_rc x_emit_in(struct xctx *x, struct hugi_review *r, uint64_t key, uint64_t container);
/* The dedupe key x_emit() makes when given none: the id's hash, else the fields' (never 0). */
uint64_t x_review_key(const struct hugi_review *r);
/* x_emit(x, r, 0) when rc is HUGI_OK; otherwise releases r (a review whose building failed)
 * and returns rc. */
hugi_rc x_emit_or_drop(struct xctx *x, struct hugi_review *r, hugi_rc rc);
/* Counts a warning; the first one's text is kept in res->warning. */
void x_warn(struct xctx *x, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets x->err with where = "<name>: <where>" and returns code. */
hugi_rc x_fail(struct xctx *x, hugi_rc code, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Field setters: trimmed, whitespace kept (text) or collapsed (html). Empty → unchanged. */
hugi_rc x_set(char **field, const char *s, size_t len);
/* Collapses white space runs to one space and trims (for HTML text). */
hugi_rc x_set_ws(char **field, const char *s, size_t len);
/* date_raw = s, date = parsed (or unknown). */
hugi_rc x_set_date(struct xctx *x, struct hugi_review *r, const char *s, size_t len);
/* rating from text with the default scale. */
void x_set_rating_text(struct xctx *x, struct hugi_review *r, const char *s, size_t len);
/* next_url / next_cursor (first one wins). */
hugi_rc x_set_next_url(struct xctx *x, const char *s, size_t len);
hugi_rc x_set_next_cursor(struct xctx *x, const char *s, size_t len);
/* A link made absolute against opts->url (a copy; NULL only when out of memory). */
char *x_resolve_url(struct xctx *x, const char *s, size_t len);

/* Sets r->id from a "reviewid=" parameter of r->url when the source gave no id. */
hugi_rc x_id_from_url(struct hugi_review *r);
/* hugi_utf8_valid with ASCII runs skipped eight bytes at a time (whole pages are checked). */
bool x_utf8_valid(const char *s, size_t len);
/* memmem / strcasestr without GNU extensions. */
const char *x_memmem(const char *h, size_t hl, const char *n, size_t nl);
/* A hex digit's value, -1 for any other byte; x_hex4: the four hex digits at s (left bytes
 * there) as a code unit, false when fewer or not hex (JSON's and JavaScript's \uHHHH). */
int x_hexval(char c);
bool x_hex4(const char *s, size_t left, uint32_t *out);
const char *x_strcasestr(const char *h, const char *n);

/* The properties that name the product a review is about, best first (JSON-LD and microdata):
 * the shop's own identifiers, which stay when the name is edited, then the name. NULL-ended. */
extern const char *const x_product_keys[];

/* ---- JSON ----------------------------------------------------------------------------------- */
/* Parses JSON tolerantly: comments, raw control characters inside strings, HTML comment or CDATA
 * wrappers, a trailing ';'. NULL with a message in errbuf on failure. Nesting deeper than 256 is
 * refused (the walkers recurse). Caller frees with x_json_free. */
yajl_val x_json_parse(const char *s, size_t len, char *errbuf, size_t errcap);
/* x_json_parse for a JSON-LD block in HTML: several values in the block make an array. */
yajl_val x_json_parse_block(const char *s, size_t len, char *errbuf, size_t errcap);
/* The reader behind it (extract_jsonparse.c): yajl_tree-shaped values in one arena, tolerant of
 * raw control characters in strings, trailing commas, comments and unknown escapes. */
yajl_val x_json_read(const char *s, size_t len, char *errbuf, size_t errcap);
/* The same, but several values one after another (separated by nothing, ',' or ';') come back
 * as one array: what some pages put in a single JSON-LD block. */
yajl_val x_json_read_seq(const char *s, size_t len, char *errbuf, size_t errcap);
/* One value at the start of s, whatever follows it (a JSON literal inside script code); *end is
 * the offset just after the value, or where reading failed when NULL comes back. */
yajl_val x_json_read_prefix(const char *s, size_t len, size_t *end, char *errbuf, size_t errcap);
/* The object a script's immediately called function returns, its parameters bound to the call's
 * arguments: Nuxt 2's `window.__NUXT__=(function(a,b){return {…rating:a…}}(5,"x"))`, s starting
 * at the '('. *end: just after the arguments. Keys may be unquoted, values names or JavaScript's
 * own words (see x_json_read_prefix, which reads script literals the same way). */
yajl_val x_json_read_js_call(const char *s, size_t len, size_t *end, char *errbuf, size_t errcap);
/* A shop's own post: a title tagged as a notice ("[공지] …", "[안내]", "[이벤트]", "[Notice]",
 * "[Event]", "[Announcement]") or an author that is the shop's administrator (관리자, 운영자,
 * admin). A list or feed of nothing else is a notice board. Either may be NULL. */
bool x_notice_post(const char *title, const char *author);
/* Frees what x_json_parse / x_json_read returned (never yajl_tree_free); NULL is fine. */
void x_json_free(yajl_val v);
/* A Nuxt 3 devalue payload (a flat array of values referring to each other by index) rebuilt
 * as the plain JSON it stands for; NULL when v is no such payload (or *rc on out of memory).
 * Caller frees with x_json_free. */
yajl_val x_json_devalue(yajl_val v, hugi_rc *rc);
/* Object member by key (NULL when absent or v not an object). */
yajl_val x_jget(yajl_val v, const char *key);
/* Path of keys separated by '.', e.g. "snippet.topLevelComment.snippet". */
yajl_val x_jpath(yajl_val v, const char *dotted);
/* String value of a string or number; NULL otherwise. */
const char *x_jstr(yajl_val v);
bool x_jnum(yajl_val v, double *out); /* number or numeric string */
/* Sets a review field from a JSON string/number (no-op otherwise). */
hugi_rc x_set_j(char **field, yajl_val v);
/* A JSON rating: number, numeric string, or object {ratingValue,bestRating,worstRating}. */
void x_set_rating_j(struct xctx *x, struct hugi_review *r, yajl_val v);
/* A JSON date: string in any form, or epoch number (seconds, millis, float). */
hugi_rc x_set_date_j(struct xctx *x, struct hugi_review *r, yajl_val v);

/* Presets over parsed JSON. Each returns HUGI_E_NOTFOUND when the shape is not its own. */
hugi_rc x_jsonld_value(struct xctx *x, yajl_val root);
hugi_rc x_json_feed(struct xctx *x, yajl_val root, enum hugi_extract_preset want,
                    enum hugi_extract_preset *used);
hugi_rc x_jsonpath_items(struct xctx *x, yajl_val root);

/* JSON path subset ($, .key, ['key'], [n], [*], .*, ..key). Calls fn for every match; stops
 * when fn returns non-zero. HUGI_E_USAGE (with a message in errbuf) for a bad path. */
typedef int (*x_jp_fn)(yajl_val v, void *ctx);
hugi_rc x_jsonpath_eval(const char *path, yajl_val root, x_jp_fn fn, void *ctx, char *errbuf,
                        size_t errcap);

/* ---- HTML ----------------------------------------------------------------------------------- */
/* One pass of the light tokenizer: JSON-LD blocks, microdata items, rel=next, meta charset. */
hugi_rc x_html_jsonld_microdata(struct xctx *x, const char *s, size_t len, bool want_jsonld,
                                bool want_microdata, size_t *n_jsonld_blocks, size_t *n_items);
/* Reviews from <script type="application/json"> blocks (framework page data); HUGI_E_NOTFOUND
 * when none gave a review. */
hugi_rc x_html_json_scripts(struct xctx *x, const char *s, size_t len);
/* Appends s with HTML entities decoded. */
hugi_rc x_html_decode(struct hugi_buf *out, const char *s, size_t len);

/* ---- libxml2-based ----------------------------------------------------------------------------
 */
/* XML that is no feed, read as JSON (extract_xml.c); HUGI_E_NOTFOUND when it holds no reviews. */
hugi_rc x_xml_generic(struct xctx *x, const char *s, size_t len);
hugi_rc x_xml_feed(struct xctx *x, const char *s, size_t len, enum hugi_extract_preset want,
                   enum hugi_extract_preset *used);
hugi_rc x_xpath_html(struct xctx *x, const char *s, size_t len);
/* Built-in HTML layouts (Google Play web pages); HUGI_E_NOTFOUND when none matches. */
hugi_rc x_html_layouts(struct xctx *x, const char *s, size_t len);
/* The generic review-list heuristic over HTML without structured data or a known layout
 * (extract_listing.c); HUGI_E_NOTFOUND when no list reads as reviews. */
hugi_rc x_html_listing(struct xctx *x, const char *s, size_t len);

/* ---- CSV / JSONL ----------------------------------------------------------------------------- */
hugi_rc x_csv(struct xctx *x, const char *s, size_t len);
/* The field a CSV header (or a form's question, worded as a sentence) names, or NULL */
const char *x_csv_header_field(const char *h, size_t hl);
hugi_rc x_jsonl(struct xctx *x, const char *s, size_t len);

/* Classifies a column or key name ("userName", "Star Rating") as a review field name ("author",
 * "rating"); NULL when it means nothing to us. Lower rank = stronger match. */
const char *x_field_for_key(const char *key, size_t len, int *rank);
/* A list's rating scale from its highest and lowest plain rating value (no item stating its
 * own): 10 or 100, 0 for the default, -1 when the values count something else (votes). */
double x_values_scale(double top, double low);

#endif
