/* SPDX-License-Identifier: MIT
 * hugi_report: what the helpdesk sees. Turns scored reviews and complaint groups into alerts
 * (stable id, severity, due time, drafted reply), writes the alert files (JSONL + CSV per run,
 * open-alerts.csv), renders the digest (self-contained HTML with SVG charts, and Markdown) and
 * posts the webhook summary.
 *
 * The stage works on plain in-memory records: it knows nothing of the store, HTTP fetching or
 * the scorer; cli/ reads those and hands the records in.
 *
 * Ownership: strings in structs passed *in* are borrowed for the call. A struct hugi_alert owns
 * every string it points to (release with hugi_alert_release). Output buffers are appended to.
 */
#ifndef HUGI_REPORT_H
#define HUGI_REPORT_H

#include "hugi/core.h"
#include "hugi/review.h"

/* ---- vocabulary ---------------------------------------------------------------------------- */
enum hugi_alert_kind {
    HUGI_ALERT_REVIEW,    /* one negative or mixed review */
    HUGI_ALERT_EDITED,    /* a review edited since it was first seen, still negative */
    HUGI_ALERT_RECURRING, /* a complaint category that keeps coming back */
    HUGI_ALERT_SPIKE,     /* more complaints than the product's own baseline */
    HUGI_ALERT_EMERGING,  /* a new phrase in negative reviews */
};
enum hugi_alert_sev {
    HUGI_ALERT_SEV_LOW,
    HUGI_ALERT_SEV_MEDIUM,
    HUGI_ALERT_SEV_HIGH,
    HUGI_ALERT_SEV_CRITICAL,
};
const char *hugi_alert_kind_name(enum hugi_alert_kind k); /* "review", ...; never NULL */
bool hugi_alert_kind_parse(const char *s, enum hugi_alert_kind *out);
const char *hugi_alert_sev_name(enum hugi_alert_sev s); /* "critical", ...; never NULL */
bool hugi_alert_sev_parse(const char *s, enum hugi_alert_sev *out);
/* Categories answered by escalation, never a public promise: safety, legal, privacy. */
bool hugi_report_category_critical(const char *category);

/* ---- options ------------------------------------------------------------------------------- */
struct hugi_report_opts {
    int64_t sla[4];                   /* seconds to answer, indexed by enum hugi_alert_sev */
    enum hugi_alert_sev min_severity; /* reviews below raise no alert */
    bool mask_pii;                    /* mask PII in alert files, digests and webhook */
    bool thank_positive;              /* draft a thank-you for positive reviews (no alert) */
    const char *shop;                 /* {{shop}}; NULL = "저희 가게" / "our shop" */
    const char *channel;              /* {{channel}}; NULL = per-language default */
    const char *shop_en, *channel_en; /* the same in replies not in Korean; NULL = shop, channel */
    bool zoned;                       /* [alerts] timezone set: due times shown in it, named */
    int64_t tz;                       /* its offset, seconds east of UTC */
};
/* A due time as people read it (notes, digest): "2026-01-15 19:00 KST" when o->zoned, else the
 * ISO-8601 UTC form the files hold ("2026-01-15T10:00:00Z"); "" for no time. */
void hugi_report_due_text(const struct hugi_report_opts *o, int64_t t, char out[28]);
/* Defaults: SLA critical 1 h, high 24 h, medium 72 h, low 7 d; min_severity medium; masking on. */
void hugi_report_opts_init(struct hugi_report_opts *o);

/* ---- PII masking ---------------------------------------------------------------------------
 * Appends s with personal data replaced: phone numbers (010-1234-5678, 01012345678, +82 10 ...,
 * other international numbers) → "[전화번호]"/"[phone]", e-mail addresses → "[email]", Korean
 * street addresses (…로/길 + number, … 동 … 호, apartment 동/호) → "[주소]", order numbers
 * (주문번호/order no. followed by digits, and digit runs of 10+ that are not dates) → "[주문번호]".
 * Language of the markers: Korean when s contains Hangul. *nmasked (may be NULL) counts
 * replacements. Invalid UTF-8 passes through unchanged (the JSON/HTML writers repair it). */
hugi_rc hugi_report_mask_pii(const char *s, size_t len, struct hugi_buf *out, size_t *nmasked);

/* ---- CSV ----------------------------------------------------------------------------------- *
 * One RFC 4180 field (hugi_csv_put_field of hugi/csv.h with HUGI_CSV_SAFE): quoted when it holds
 * , " CR or LF or white space at an end (quotes doubled). A field starting with = + - @ TAB or CR
 * that is not a plain number gets a leading apostrophe so spreadsheets show it as text (formula
 * injection, OWASP "CSV Injection"). Invalid UTF-8 becomes U+FFFD. */
hugi_rc hugi_report_csv_field(struct hugi_buf *out, const char *s, size_t len);
#ifndef HUGI_CSV_BOM
#define HUGI_CSV_BOM "\xEF\xBB\xBF" /* as in hugi/csv.h */
#endif

/* ---- reply templates ----------------------------------------------------------------------
 * A folder with ko/ and en/ subfolders of plain-text files:
 *   generic.txt            fallback for every category
 *   <category>.txt         e.g. delivery.txt
 *   <category>-<sev>.txt   e.g. defect-high.txt, preferred for that severity
 *   escalation.txt         critical categories (safety, legal, privacy): holding reply + note
 *   thanks.txt             short thank-you for positive reviews
 * A file holds sections, each opened by a line "[reply]", "[short]", "[note]", "[problem]" or
 * "[fix]"; lines starting with '#' are comments. [reply] is the public reply; [short] a shorter
 * one used when [reply] renders over 350 characters; [note] the internal note for staff;
 * [problem] and [fix] fill {{problem}} and {{fix}} (so a category file may hold only those and
 * take its reply from generic.txt). Placeholders: {{author}} {{product}} {{category}}
 * {{channel}} {{shop}} {{problem}} {{fix}} {{rating}} {{date}} {{due}} {{severity}}. An unknown
 * placeholder, an unclosed "{{", an unknown section or text before the first section is
 * HUGI_E_PARSE with where = "FILE:LINE". */
struct hugi_templates;
/* Loads every *.txt under dir/ko and dir/en (a missing language folder is fine; a folder with
 * neither is HUGI_E_NOTFOUND). The first broken file stops the load. */
hugi_rc hugi_templates_load(const char *dir, struct hugi_templates **out, struct hugi_err *err);
void hugi_templates_free(struct hugi_templates *t); /* NULL is fine */
/* Checks one template text (the parser behind load); `name` is used in `where`. */
hugi_rc hugi_template_check(const char *text, size_t len, const char *name, struct hugi_err *err);

/* Values for placeholders; NULL fields render as "" (author as "고객"/"customer"). */
struct hugi_reply_vars {
    const char *lang; /* "ko" or "en" (anything else: en, Hangul text: ko) */
    const char *author, *product, *category, *rating, *date, *due;
    /* a second category the review complains of (NULL: none); its problem and fix are added
     * unless it is critical, reads the same, or the main file's [covers] names it */
    const char *also;
    enum hugi_alert_sev severity;
    /* a complaint group's notice instead of a reply to one review: its kind ("recurring",
     * "spike", "emerging"), drafted from notice*.txt when the templates have one; count, since
     * (the first review's day) and phrase fill {{count}}, {{since}}, {{phrase}} */
    const char *notice, *count, *since, *phrase;
};
/* Drafts the public reply (≤ HUGI_REPLY_MAX code points, *reply) and the internal note (*note,
 * NULL when the template has none), caller frees both. `category` NULL or unknown uses generic;
 * "thanks" picks thanks.txt. HUGI_E_NOTFOUND when the language has no usable template. */
#define HUGI_REPLY_MAX 350
hugi_rc hugi_reply_draft(const struct hugi_templates *t, const struct hugi_report_opts *o,
                         const struct hugi_reply_vars *v, char **reply, char **note,
                         struct hugi_err *err);
/* Cuts s to at most max_ncp code points, at the last sentence end (. ! ? 。 or a line break)
 * when there is one past half the limit, else at a word boundary with "…". Returns the new
 * length in bytes (s is not changed). */
size_t hugi_reply_fit(const char *s, size_t len, size_t max_ncp, bool *ellipsis);

/* ---- alerts -------------------------------------------------------------------------------- */
struct hugi_alert {
    char *id; /* "r-" / "e-" / "g-" + 12 hex digits; stable across runs */
    enum hugi_alert_kind kind;
    enum hugi_alert_sev severity;
    char *product, *product_name, *source;
    struct hugi_review review; /* the review, or a group's first example (text may be NULL) */
    int review_version;        /* 0 for groups */
    double score;              /* NAN for groups */
    char *label, *verdict;
    char **categories;
    size_t ncategories;
    char **evidence; /* phrases that made the score */
    size_t nevidence;
    char *summary; /* one line for lists */
    char *group_key;
    long group_count; /* reviews in the group; 0 for review alerts */
    char *reply, *note, *channel;
    int64_t created, due;
    char *status; /* "open" or "acked" */
    int64_t acked_at;
    char *acked_by, *ack_note;
};
void hugi_alert_init(struct hugi_alert *a);
void hugi_alert_release(struct hugi_alert *a);

/* The stable alert id. Review alerts: hash of kind + source + review id + version marker
 * ("v1" for review, "v<N>" for edited), so an edit raises a new alert once and a rerun none.
 * Group alerts: hash of kind + group key. Writes 15 bytes + NUL into out. */
void hugi_alert_id(enum hugi_alert_kind kind, const char *source, const char *review_id,
                   int version, const char *group_key, char out[16]);

/* What the scorer and the complaint stage said about one review version. */
struct hugi_report_score {
    double score;         /* [-1, 1] */
    const char *label;    /* "neg", "neu", "pos" */
    const char *verdict;  /* rating-fused "neg", "mixed", "neu", "pos"; NULL = label */
    const char *severity; /* "critical".."low"; NULL = derived (see hugi_report_severity) */
    const char *const *categories;
    size_t ncategories;
    const char *const *evidence;
    size_t nevidence;
};
/* Severity when the complaint stage gave none: a critical category → critical; rating ≤ 1 or
 * score ≤ -0.6 → high; verdict neg → medium; mixed → low. */
enum hugi_alert_sev hugi_report_severity(const struct hugi_review *r,
                                         const struct hugi_report_score *s);

/* Builds the alert for one review version, when it deserves one (verdict neg or mixed and
 * severity ≥ o->min_severity; critical categories always; with o->thank_positive, a positive
 * review too, as a low alert whose reply is the thank-you of thanks.txt): *raised says. `version` >
 * 1 with `edited` makes an "edited" alert. `product_name` may be NULL. t may be NULL (no reply). */
hugi_rc hugi_report_alert_review(const struct hugi_report_opts *o, const struct hugi_templates *t,
                                 const struct hugi_review *r, const char *product_name, int version,
                                 bool edited, const struct hugi_report_score *s, int64_t now,
                                 struct hugi_alert *out, bool *raised, struct hugi_err *err);

/* A complaint group from the complaint stage. */
struct hugi_report_group {
    const char *key; /* stable group key, e.g. "recurring|P1|delivery" */
    enum hugi_alert_kind kind;
    const char *product, *product_name;
    const char *category; /* NULL for emerging */
    const char *phrase;   /* emerging phrase, or NULL */
    long count, total;
    double baseline; /* NAN when none */
    int64_t window_start, window_end;
    int64_t first; /* the earliest review's date ({{since}}); 0: the examples', else window_start */
    const struct hugi_review *examples; /* the first is kept in the alert */
    size_t nexamples;
};
/* Severity: critical category → critical; spike → high; recurring → high when count ≥ 5 else
 * medium; emerging → medium. */
hugi_rc hugi_report_alert_group(const struct hugi_report_opts *o, const struct hugi_templates *t,
                                const struct hugi_report_group *g, int64_t now,
                                struct hugi_alert *out, struct hugi_err *err);

/* One JSON object + '\n'. With mask, review text, title, reply and author are PII-masked. */
hugi_rc hugi_alert_to_json(const struct hugi_alert *a, bool mask, struct hugi_buf *out);
/* Parses what hugi_alert_to_json wrote (out initialised by the call); where = "$.field". */
hugi_rc hugi_alert_from_json(const char *line, size_t len, struct hugi_alert *out,
                             struct hugi_err *err);
/* The CSV header line and one row (with '\r\n', RFC 4180). */
hugi_rc hugi_alert_csv_header(struct hugi_buf *out);
hugi_rc hugi_alert_csv_row(const struct hugi_alert *a, bool mask, struct hugi_buf *out);

/* ---- files --------------------------------------------------------------------------------- */
/* Writes data to path atomically: path.tmp.PID, fsync, rename, fsync of the directory. A crash
 * leaves either the old file or the new one, never half of one. */
hugi_rc hugi_report_write_atomic(const char *path, const char *data, size_t len,
                                 struct hugi_err *err);
/* Creates dir (and parents) when missing. */
hugi_rc hugi_report_mkdirs(const char *dir, struct hugi_err *err);

/* Writes one run's alert files into <dir>/<stamp>-<label>/alerts.jsonl and alerts.csv, where
 * stamp is `now` as 2026-11-23T0900Z. A folder that exists already (an earlier run) is never
 * touched: "-2", "-3"... is appended. *run_dir (caller frees, may be NULL) gets the folder. */
hugi_rc hugi_report_write_run(const char *dir, const char *label, int64_t now,
                              const struct hugi_alert *alerts, size_t n, bool mask, char **run_dir,
                              struct hugi_err *err);
/* Replaces <dir>/open-alerts.csv atomically with the alerts whose status is "open". */
hugi_rc hugi_report_write_open(const char *dir, const struct hugi_alert *alerts, size_t n,
                               bool mask, struct hugi_err *err);

/* ---- digest -------------------------------------------------------------------------------- */
/* One stored review with its score, for the charts. */
struct hugi_digest_item {
    const struct hugi_review *review;
    double score;        /* NAN when unscored */
    const char *verdict; /* "neg", "mixed", "neu", "pos" or NULL (unscored) */
    const char *const *categories;
    size_t ncategories;
};
struct hugi_digest_product {
    const char *id, *name; /* name may be NULL */
};
struct hugi_digest_input {
    const char *title; /* NULL = "hugi digest" */
    int64_t now;       /* the digest's date */
    int64_t since;     /* first day shown; HUGI_NO_TIME = 14 days before now */
    const struct hugi_digest_product *products; /* order shown; products only in items added */
    size_t nproducts;
    const struct hugi_digest_item *items;
    size_t nitems;
    const struct hugi_alert *alerts; /* all alerts of the period, open and acked */
    size_t nalerts;
    const struct hugi_report_opts *opts;
};
enum hugi_digest_format { HUGI_DIGEST_MD, HUGI_DIGEST_HTML };
/* Renders the digest. All review text is escaped for the format (HTML entities; Markdown
 * specials and raw HTML neutralised) and PII-masked when opts->mask_pii. */
hugi_rc hugi_report_digest(const struct hugi_digest_input *in, enum hugi_digest_format f,
                           struct hugi_buf *out, struct hugi_err *err);
/* The first day (midnight UTC) the digest shows for `since` (HUGI_NO_TIME: the default 14 days)
 * and `now`: at most 92 days are shown, so an earlier `since` is moved up. */
int64_t hugi_report_digest_first_day(int64_t now, int64_t since);
/* Appends s HTML-escaped (& < > " '), invalid UTF-8 repaired. */
hugi_rc hugi_report_html_escape(struct hugi_buf *out, const char *s, size_t len);

/* ---- webhook ------------------------------------------------------------------------------- */
/* The JSON body: {"text": Slack-style summary, "alerts": [...]} for alerts at or above
 * min_severity. *n_sent gets how many were included (0: nothing to send). */
hugi_rc hugi_report_webhook_body(const struct hugi_alert *alerts, size_t n,
                                 enum hugi_alert_sev min_severity, bool mask, struct hugi_buf *out,
                                 size_t *n_sent);
/* POSTs body to url (http/https only) with up to `retries` retries on network errors, 5xx and
 * 429, waiting backoff_ms, then twice that, ... (0 = 500 ms). HUGI_E_NET / HUGI_E_HTTP with
 * where = url on failure. */
hugi_rc hugi_report_webhook_post(const char *url, const char *body, size_t len, int retries,
                                 long backoff_ms, long timeout_ms, struct hugi_err *err);

/* ---- input lines (hugi report --input) ------------------------------------------------------
 * One JSONL line: a review record (hugi/review.h) with the scorer's keys appended — "score",
 * "label", "verdict", "severity", "categories" [..], "evidence" [..], "version", "edited" —, or
 * a group {"group": {"key", "kind", "product", "category", "phrase", "count", "total",
 * "baseline", "examples": [review...]}}, or an ack {"ack": {"id", "at", "by", "note"}}. */
enum hugi_input_type { HUGI_INPUT_REVIEW, HUGI_INPUT_GROUP, HUGI_INPUT_ACK };
struct hugi_report_input {
    enum hugi_input_type type;
    struct hugi_review review;
    double score;
    char *label, *verdict, *severity;
    char **categories;
    size_t ncategories;
    char **evidence;
    size_t nevidence;
    int version;
    bool edited;
    /* group */
    char *key, *category, *phrase;
    enum hugi_alert_kind kind;
    long count, total;
    double baseline;
    struct hugi_review *examples;
    size_t nexamples;
    /* ack */
    char *ack_id, *ack_by, *ack_note;
    int64_t ack_at;
};
hugi_rc hugi_report_input_parse(const char *line, size_t len, struct hugi_report_input *out,
                                struct hugi_err *err);
void hugi_report_input_release(struct hugi_report_input *in);

#endif
