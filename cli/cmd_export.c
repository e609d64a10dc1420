/* SPDX-License-Identifier: MIT
 * `hugi export`: what the store holds, as JSONL (hugi's review records plus the store's own keys)
 * or as CSV for spreadsheets (UTF-8 BOM, CRLF, formula injection neutralised). Streams: one
 * review at a time, output flushed in 64 KiB pieces.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/csv.h"
#include "hugi/review.h"
#include "hugi/store.h"

static const char usage[] =
    "usage: hugi export [options]\n"
    "\n"
    "Print the reviews in the store (current versions), oldest stored first.\n"
    "\n"
    "Options:\n"
    "  -p, --product ID     only this product\n"
    "  -s, --source NAME    only this source\n"
    "      --since DATE     only reviews dated on or after DATE (ISO-8601, or a duration\n"
    "                       back from now: 7d, 24h)\n"
    "      --until DATE     only reviews dated before DATE\n"
    "  -f, --format FMT     jsonl (default) or csv\n"
    "\n"
    "JSONL lines are hugi review records plus version, edited, first_seen, last_seen and,\n"
    "when scored, score and label. CSV has the same columns, a UTF-8 BOM and CRLF line ends;\n"
    "cells that a spreadsheet would run as formulas are prefixed with '.\n"
    "\n";

static const char *const csv_cols[] = {
    "source",  "product", "id",         "author",    "rating",    "date",  "date_raw",
    "lang",    "title",   "text",       "url",       "parent_id", "likes", "fetched_at",
    "version", "edited",  "first_seen", "last_seen", "score",     "label",
};
#define NCOLS (sizeof csv_cols / sizeof csv_cols[0])

struct out {
    bool csv;
    struct hugi_buf b;
    long n;
    bool failed;
};

static void flush(struct out *o, bool force)
{
    if (o->b.len && (force || o->b.len >= 65536)) {
        if (fwrite(o->b.data, 1, o->b.len, stdout) != o->b.len)
            o->failed = true;
        hugi_buf_reset(&o->b);
    }
}

static void num(char *dst, size_t cap, double v)
{
    struct hugi_buf t;
    hugi_buf_init(&t, 64);
    if (isfinite(v) && !hugi_json_num(&t, v))
        snprintf(dst, cap, "%s", t.data);
    else
        dst[0] = '\0';
    hugi_buf_release(&t);
}

static int emit(const struct hugi_stored_review *sr, void *ctx)
{
    struct out *o = ctx;
    const struct hugi_review *r = &sr->review;
    hugi_rc rc = HUGI_OK;
    char first[21], last[21], date[21], fetched[21];
    hugi_time_format(sr->first_seen, first);
    hugi_time_format(sr->last_seen, last);
    if (!o->csv) {
        size_t start = o->b.len;
        rc = hugi_review_to_json(r, &o->b);
        /* reopen the object to append the store's keys: drop "}\n" */
        if (!rc && o->b.len >= start + 2) {
            o->b.len -= 2;
            rc = hugi_buf_addf(&o->b,
                               ",\"version\":%d,\"edited\":%s,\"first_seen\":\"%s\","
                               "\"last_seen\":\"%s\"",
                               sr->version, sr->edited ? "true" : "false", first, last);
            if (!rc && sr->scored) {
                rc = hugi_buf_addstr(&o->b, ",\"score\":");
                if (!rc)
                    rc = hugi_json_num(&o->b, sr->score);
                if (!rc)
                    rc = hugi_buf_addstr(&o->b, ",\"label\":");
                if (!rc)
                    rc = hugi_json_strz(&o->b, sr->label);
            }
            if (!rc)
                rc = hugi_buf_add(&o->b, "}\n", 2);
        }
    } else {
        char rating[32], likes[32], version[16], score[32];
        num(rating, sizeof rating, r->rating);
        hugi_time_format(r->date, date);
        hugi_time_format(r->fetched_at, fetched);
        if (r->likes >= 0)
            snprintf(likes, sizeof likes, "%ld", r->likes);
        else
            likes[0] = '\0';
        snprintf(version, sizeof version, "%d", sr->version);
        if (sr->scored)
            num(score, sizeof score, sr->score);
        else
            score[0] = '\0';
        const char *f[NCOLS] = {r->source, r->product, r->id,       r->author,
                                rating,    date,       r->date_raw, r->lang,
                                r->title,  r->text,    r->url,      r->parent_id,
                                likes,     fetched,    version,     sr->edited ? "1" : "0",
                                first,     last,       score,       sr->label};
        rc = hugi_csv_put_row(&o->b, f, NULL, NCOLS, ',', HUGI_CSV_SAFE);
    }
    if (rc) {
        o->failed = true;
        return 1;
    }
    o->n++;
    flush(o, false);
    return o->failed;
}

/* ISO-8601, or a duration back from now ("7d"). */
static bool parse_when(const char *s, int64_t *t)
{
    if (hugi_time_parse_iso(s, strlen(s), t))
        return true;
    double secs;
    if (hugi_parse_duration(s, &secs) && strpbrk(s, "smhdw")) {
        *t = hugi_now() - (int64_t)secs;
        return true;
    }
    return false;
}

int hugi_cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
                                             {"product", required_argument, NULL, 'p'},
                                             {"source", required_argument, NULL, 's'},
                                             {"since", required_argument, NULL, 'S'},
                                             {"until", required_argument, NULL, 'U'},
                                             {"format", required_argument, NULL, 'f'},
                                             {NULL, 0, NULL, 0}};
    struct hugi_store_review_filter f;
    hugi_store_review_filter_init(&f);
    bool csv = false;
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:f:", longopts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case 'p':
            f.product = optarg;
            break;
        case 's':
            f.source = optarg;
            break;
        case 'S':
            if (!parse_when(optarg, &f.since))
                return cli_usage_error("export", "--since: cannot parse date '%s'", optarg);
            break;
        case 'U':
            if (!parse_when(optarg, &f.until))
                return cli_usage_error("export", "--until: cannot parse date '%s'", optarg);
            break;
        case 'f':
            if (!strcmp(optarg, "csv"))
                csv = true;
            else if (strcmp(optarg, "jsonl"))
                return cli_usage_error("export", "--format: expected jsonl or csv, got '%s'",
                                       optarg);
            break;
        default:
            return cli_bad_option("export", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    /* an empty range would print nothing and exit 0, as if the store held nothing then */
    if (f.since != HUGI_NO_TIME && f.until != HUGI_NO_TIME && f.since >= f.until)
        return cli_usage_error("export", "--since must be before --until");
    int exit_code = HUGI_EXIT_OK;
    struct hugi_config *cfg = cli_config_load(&exit_code);
    if (!cfg)
        return exit_code;
    struct hugi_store *store = cli_store_open(cfg, true, &exit_code);
    hugi_config_free(cfg);
    if (!store)
        return exit_code;
    struct out o = {.csv = csv};
    hugi_buf_init(&o.b, 0);
    if (csv) {
        hugi_buf_addstr(&o.b, HUGI_CSV_BOM);
        hugi_csv_put_row(&o.b, csv_cols, NULL, NCOLS, ',', 0);
    }
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_store_reviews_each(store, &f, emit, &o, &err);
    flush(&o, true);
    if (fflush(stdout) != 0)
        o.failed = true;
    hugi_buf_release(&o.b);
    hugi_store_close(store);
    if (rc) {
        cli_error_err("cannot read the store", &err);
        return HUGI_EXIT_FAIL;
    }
    if (o.failed) {
        cli_error("cannot write the output");
        return HUGI_EXIT_FAIL;
    }
    cli_info("%ld reviews exported", o.n);
    return HUGI_EXIT_OK;
}
