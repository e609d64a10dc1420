/* SPDX-License-Identifier: MIT
 * `hugi alerts`: the alerts in the store, most urgent first on a terminal (a table), or as JSONL
 * / CSV for scripts and spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/store.h"
#include "report_cli.h"

static const char usage[] =
    "usage: hugi alerts [--open] [--product ID] [--format table|jsonl|csv]\n"
    "\n"
    "List the alerts in the store: a table on a terminal, JSONL otherwise.\n"
    "\n"
    "Options:\n"
    "      --open           only alerts not acknowledged yet\n"
    "  -p, --product ID     only this product\n"
    "  -f, --format FMT     table, jsonl or csv (default: table on a terminal, else jsonl)\n"
    "      --no-mask        keep personal data in review text (default: masked, [alerts]\n"
    "                       mask_pii)\n"
    "\n";

enum { OPT_OPEN = 0x2101, OPT_NO_MASK };

static int sev_rank(const void *a, const void *b)
{
    const struct hugi_alert *x = a, *y = b;
    bool xo = !x->status || !strcmp(x->status, "open");
    bool yo = !y->status || !strcmp(y->status, "open");
    if (xo != yo)
        return xo ? -1 : 1;
    if (x->severity != y->severity)
        return x->severity > y->severity ? -1 : 1;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Appends s cut to `width` columns (Hangul counts two), padded with spaces. */
static void cell(struct hugi_buf *out, const char *s, size_t width, bool pad)
{
    if (!s)
        s = "";
    size_t len = strlen(s), cols = 0, i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (!n)
            n = 1;
        size_t w =
            (cp >= 0x1100 &&
             (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
              (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)))
                ? 2
                : 1;
        if (cp < 0x20)
            cp = ' ';
        if (cols + w > width - (i + n < len ? 1 : 0)) {
            hugi_buf_addstr(out, "…");
            cols++;
            break;
        }
        if (cp == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            hugi_buf_addc(out, ' ');
        else
            hugi_buf_add(out, s + i, n);
        cols += w;
        i += n;
    }
    while (pad && cols++ < width)
        hugi_buf_addc(out, ' ');
}

static hugi_rc table(const struct rbatch *b, const struct hugi_report_opts *o, struct hugi_buf *out)
{
    int64_t now = hugi_now();
    bool mask = o->mask_pii;
    /* due times are UTC as in the files unless [alerts] timezone is set; the header names the zone,
     * since a helpdesk reads its own time */
    char zone[8], head[24];
    hugi_tz_label(o->zoned ? o->tz : 0, zone);
    snprintf(head, sizeof head, "DUE (%s)", zone);
    hugi_buf_addstr(out, "ID              SEVERITY  KIND       STATUS  ");
    cell(out, head, 17, true);
    hugi_buf_addstr(out, " PRODUCT      SUMMARY\n");
    for (size_t i = 0; i < b->nalerts; i++) {
        const struct hugi_alert *a = &b->alerts[i];
        char due[21], dues[24];
        hugi_time_format(a->due == HUGI_NO_TIME || !o->zoned ? a->due : a->due + o->tz, due);
        bool open = !a->status || !strcmp(a->status, "open");
        snprintf(dues, sizeof dues, "%.10s %.5s%s", due, due + 11,
                 open && a->due != HUGI_NO_TIME && a->due < now ? "!" : "");
        cell(out, a->id, 15, true);
        hugi_buf_addc(out, ' ');
        cell(out, hugi_alert_sev_name(a->severity), 9, true);
        hugi_buf_addc(out, ' ');
        cell(out, hugi_alert_kind_name(a->kind), 10, true);
        hugi_buf_addc(out, ' ');
        cell(out, a->status ? a->status : "open", 7, true);
        hugi_buf_addc(out, ' ');
        cell(out, dues, 17, true);
        hugi_buf_addc(out, ' ');
        cell(out, a->product_name ? a->product_name : a->product, 12, true);
        hugi_buf_addc(out, ' ');
        struct hugi_buf m;
        hugi_buf_init(&m, 0);
        if (mask && a->summary)
            hugi_report_mask_pii(a->summary, strlen(a->summary), &m, NULL);
        cell(out, mask ? m.data : a->summary, 60, false);
        hugi_buf_release(&m);
        if (hugi_buf_addc(out, '\n'))
            return HUGI_E_NOMEM;
    }
    return HUGI_OK;
}

int hugi_cmd_alerts(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS,
                                         {"open", no_argument, NULL, OPT_OPEN},
                                         {"product", required_argument, NULL, 'p'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"no-mask", no_argument, NULL, OPT_NO_MASK},
                                         {NULL, 0, NULL, 0}};
    bool only_open = false, no_mask = false;
    const char *product = NULL, *format = NULL;
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:f:", opts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case OPT_OPEN:
            only_open = true;
            break;
        case OPT_NO_MASK:
            no_mask = true;
            break;
        case 'p':
            product = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        default:
            return cli_bad_option("alerts", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("alerts", "unexpected argument '%s'", argv[optind]);
    if (!format)
        format = isatty(1) ? "table" : "jsonl";
    if (strcmp(format, "table") && strcmp(format, "jsonl") && strcmp(format, "csv"))
        return cli_usage_error("alerts", "unknown format '%s' (table, jsonl or csv)", format);
    struct hugi_config *cfg = NULL;
    struct hugi_store *st = NULL;
    struct hugi_report_opts o;
    struct rbatch b;
    rbatch_init(&b);
    int ret = rcli_config(&cfg);
    if (!ret)
        ret = rcli_opts(cfg, &o);
    if (!ret)
        ret = rcli_store_open(cfg, RCLI_READONLY, &st);
    if (ret)
        goto done;
    if (no_mask)
        o.mask_pii = false;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (rcli_load_alerts(st, product, only_open, &b, &err)) {
        cli_error_err("cannot read alerts", &err);
        ret = HUGI_EXIT_FAIL;
        goto done;
    }
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    hugi_rc rc;
    if (!strcmp(format, "table")) {
        if (b.nalerts)
            qsort(b.alerts, b.nalerts, sizeof *b.alerts, sev_rank);
        rc = table(&b, &o, &out);
    } else {
        rc = rcli_alerts_out(&b, !strcmp(format, "csv"), o.mask_pii, &out);
    }
    if (rc) {
        cli_error("out of memory");
        ret = HUGI_EXIT_FAIL;
    } else if (!rcli_write_stdout(&out)) {
        ret = HUGI_EXIT_FAIL;
    }
    hugi_buf_release(&out);
done:
    rbatch_release(&b);
    hugi_store_close(st);
    hugi_config_free(cfg);
    return ret;
}
