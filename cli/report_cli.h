/* SPDX-License-Identifier: MIT
 * What `hugi report`, `alerts`, `ack` and `scan` share on the command-line side: a batch of
 * alerts and scored reviews in memory, filled from an input file or the store, and the writers
 * of digests and alert files. */
#ifndef HUGI_REPORT_CLI_H
#define HUGI_REPORT_CLI_H

#include "hugi/report.h"

struct rbatch {
    struct hugi_alert *alerts;
    size_t nalerts, capalerts;
    /* reviews with their scores, for the digest charts */
    struct hugi_review *reviews;
    char **verdicts;
    char ***cats;
    size_t *ncats;
    double *scores;
    size_t nreviews, capreviews;
    struct hugi_digest_product *products;
    size_t nproducts;
};
void rbatch_init(struct rbatch *b);
void rbatch_release(struct rbatch *b);
/* Takes *a (a is re-initialised). An alert whose id is there already is dropped (*added false). */
hugi_rc rbatch_add_alert(struct rbatch *b, struct hugi_alert *a, bool *added);
struct hugi_alert *rbatch_find_alert(struct rbatch *b, const char *id);
/* Copies r and the score fields. */
hugi_rc rbatch_add_review(struct rbatch *b, const struct hugi_review *r, double score,
                          const char *verdict, char *const *cats, size_t ncats);
hugi_rc rbatch_add_product(struct rbatch *b, const char *id, const char *name);

/* Templates: dir given, else <datadir>/templates. Prints the error; NULL on failure. */
struct hugi_templates *rcli_templates(const char *dir);

/* Reads a `hugi report --input` file into the batch, building alerts with o and t; product (may
 * be NULL) keeps only that product's reviews and groups. Prints errors as FILE:LINE. Returns an
 * exit code. */
int rcli_read_input(const char *path, const char *product, const struct hugi_report_opts *o,
                    const struct hugi_templates *t, int64_t now, struct rbatch *b);

/* Renders the digest of the batch into out. */
hugi_rc rcli_digest(const struct rbatch *b, const struct hugi_report_opts *o, int64_t now,
                    int64_t since, const char *title, enum hugi_digest_format f,
                    struct hugi_buf *out, struct hugi_err *err);

/* Alerts as JSONL or CSV (BOM + header) into out. */
hugi_rc rcli_alerts_out(const struct rbatch *b, bool csv, bool mask, struct hugi_buf *out);

/* Parses --since: ISO date, or "7d"/"24h"/"2w" before now. */
bool rcli_parse_since(const char *s, int64_t now, int64_t *out);

/* Writes all of buf to stdout; false on error (printed). */
bool rcli_write_stdout(const struct hugi_buf *buf);

/* ---- with the store and the configuration (report_store.c) --------------------------------- */
struct hugi_config;
struct hugi_store;
struct hugi_store_alert;
/* Loads the configuration (an absent default ./hugi.conf is an empty one); prints errors and
 * warnings; returns an exit code. */
int rcli_config(struct hugi_config **out);
/* [alerts] keys into report options (strings borrowed from c). */
int rcli_opts(const struct hugi_config *c, struct hugi_report_opts *o);
/* A folder key ([alerts] dir, [report] dir) resolved against the config file's folder, as the
 * store path is. Caller frees. */
char *rcli_conf_dir(const struct hugi_config *c, const char *section, const char *key,
                    const char *def);
/* CREATE: created when missing (scan); EXISTING: must exist, writable (ack); READONLY. */
enum rcli_open { RCLI_CREATE, RCLI_EXISTING, RCLI_READONLY };
int rcli_store_open(const struct hugi_config *c, enum rcli_open mode, struct hugi_store **out);
hugi_rc rcli_products_from_config(const struct hugi_config *c, struct rbatch *b);
hugi_rc rcli_alert_from_store(const struct hugi_store_alert *s, struct hugi_alert *a);
hugi_rc rcli_load_alerts(struct hugi_store *st, const char *product, bool only_open,
                         struct rbatch *b, struct hugi_err *err);
hugi_rc rcli_load_reviews(struct hugi_store *st, const char *product, int64_t since,
                          struct rbatch *b, struct hugi_err *err);
/* Products, reviews since `since` (at least 14 days) and all alerts, for the digest. */
int rcli_report_from_store(const struct hugi_config *c, const char *product, int64_t since,
                           struct rbatch *b);
/* The reply templates: [alerts] templates, else the shipped ones. NULL after printing. */
struct hugi_templates *rcli_templates_cfg(const struct hugi_config *c, const char *override);
/* Rewrites <[alerts] dir>/open-alerts.csv from the store. */
int rcli_refresh_open(const struct hugi_config *c, struct hugi_store *st,
                      const struct hugi_report_opts *o);
/* Rewrites the digest (<[report] dir>/digest.html, .md as [report] formats says) from the
 * store; with only_if_there, only when one is there already (`ack` keeps it current without
 * creating one). */
int rcli_write_digest(const struct hugi_config *c, const struct hugi_report_opts *o, int64_t now,
                      bool only_if_there);

#endif
