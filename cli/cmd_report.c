/* SPDX-License-Identifier: MIT
 * `hugi report`: the digest (HTML or Markdown) and the alert files, from the store or, with
 * --input, from a JSONL file of scored reviews and complaint groups (no store needed: the
 * data-driven tests and anyone scoring elsewhere use it). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "hugi/config.h"
#include "report_cli.h"

static const char usage[] =
    "usage: hugi report [--product ID] [--since DATE] [--format html|md] [--out DIR]\n"
    "       hugi report --input FILE [--format html|md|jsonl|csv] [--out DIR]\n"
    "\n"
    "Write the digest (and the current open-alerts.csv) from the store, or from a JSONL file\n"
    "of scored reviews and complaint groups.\n"
    "\n"
    "Options:\n"
    "  -p, --product ID     only this product\n"
    "      --since DATE     first day shown: 2026-11-01, or 7d / 24h / 2w before now\n"
    "                       (default 14 days)\n"
    "  -f, --format FMT     html or md (the digest); jsonl or csv (the alerts); default md\n"
    "                       on standard output, both html and md with --out\n"
    "  -o, --out DIR        write digest.html, digest.md and open-alerts.csv into DIR\n"
    "                       (replaced atomically) instead of printing\n"
    "  -i, --input FILE     read scored reviews, groups and acks from FILE ('-' = stdin)\n"
    "                       instead of the store (format: docs/hugi-report.md)\n"
    "      --templates DIR  reply templates (default: [alerts] templates, else the shipped)\n"
    "      --title TEXT     the digest's title (default \"hugi digest\")\n"
    "      --no-mask        keep phone numbers, e-mail and street addresses, order numbers\n"
    "                       (default: masked, [alerts] mask_pii)\n"
    "\n";

enum { OPT_SINCE = 0x2001, OPT_TEMPLATES, OPT_TITLE, OPT_NO_MASK };

static int write_out(const char *dir, const struct rbatch *b, const struct hugi_report_opts *o,
                     int64_t now, int64_t since, const char *title, const char *format)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_report_mkdirs(dir, &err)) {
        cli_error_err("cannot write the digest", &err);
        return HUGI_EXIT_FAIL;
    }
    static const char *const fmts[] = {"html", "md"};
    for (int k = 0; k < 2; k++) {
        if (format && strcmp(format, fmts[k]))
            continue;
        struct hugi_buf out, path;
        hugi_buf_init(&out, 0);
        hugi_buf_init(&path, 0);
        hugi_rc rc =
            rcli_digest(b, o, now, since, title, k ? HUGI_DIGEST_MD : HUGI_DIGEST_HTML, &out, &err);
        if (!rc && (rc = hugi_buf_addf(&path, "%s/digest.%s", dir, fmts[k])))
            hugi_err_set(&err, rc, dir, "out of memory");
        if (!rc)
            rc = hugi_report_write_atomic(path.data, out.data ? out.data : "", out.len, &err);
        if (!rc)
            cli_info("wrote %s", path.data);
        hugi_buf_release(&out);
        hugi_buf_release(&path);
        if (rc) {
            cli_error_err("cannot write the digest", &err);
            return HUGI_EXIT_FAIL;
        }
    }
    if (hugi_report_write_open(dir, b->alerts, b->nalerts, o->mask_pii, &err)) {
        cli_error_err("cannot write open-alerts.csv", &err);
        return HUGI_EXIT_FAIL;
    }
    return HUGI_EXIT_OK;
}

int hugi_cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS,
                                         {"product", required_argument, NULL, 'p'},
                                         {"since", required_argument, NULL, OPT_SINCE},
                                         {"format", required_argument, NULL, 'f'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"input", required_argument, NULL, 'i'},
                                         {"templates", required_argument, NULL, OPT_TEMPLATES},
                                         {"title", required_argument, NULL, OPT_TITLE},
                                         {"no-mask", no_argument, NULL, OPT_NO_MASK},
                                         {NULL, 0, NULL, 0}};
    const char *product = NULL, *since_s = NULL, *format = NULL, *out = NULL, *input = NULL;
    const char *templates = NULL, *title = NULL;
    bool no_mask = false;
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:f:o:i:", opts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case 'p':
            product = optarg;
            break;
        case OPT_SINCE:
            since_s = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'i':
            input = optarg;
            break;
        case OPT_TEMPLATES:
            templates = optarg;
            break;
        case OPT_TITLE:
            title = optarg;
            break;
        case OPT_NO_MASK:
            no_mask = true;
            break;
        default:
            return cli_bad_option("report", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    if (format && strcmp(format, "html") && strcmp(format, "md") && strcmp(format, "jsonl") &&
        strcmp(format, "csv"))
        return cli_usage_error("report", "unknown format '%s' (html, md, jsonl or csv)", format);
    if (out && format && (!strcmp(format, "jsonl") || !strcmp(format, "csv")))
        return cli_usage_error("report", "--out writes the digest: use --format html or md");
    int64_t now = hugi_now();
    int64_t since = HUGI_NO_TIME;
    if (since_s && !rcli_parse_since(since_s, now, &since))
        return cli_usage_error("report", "cannot parse --since '%s'", since_s);
    /* the digest shows at most 92 days: say so rather than show fewer days than asked for */
    if (since != HUGI_NO_TIME && hugi_report_digest_first_day(now, since) > since) {
        char first[21];
        hugi_time_format(hugi_report_digest_first_day(now, since), first);
        cli_warn("--since '%s': the digest shows at most 92 days, from %.10s", since_s, first);
    }

    struct hugi_report_opts o;
    struct rbatch b;
    rbatch_init(&b);
    struct hugi_templates *t = NULL;
    struct hugi_config *cfg = NULL;
    int ret = rcli_config(&cfg);
    if (!ret)
        ret = rcli_opts(cfg, &o);
    if (ret)
        goto done;
    if (no_mask)
        o.mask_pii = false;
    if (input) {
        t = rcli_templates_cfg(cfg, templates);
        if (!t) {
            ret = HUGI_EXIT_USAGE;
            goto done;
        }
        ret = rcli_read_input(input, product, &o, t, now, &b);
    } else {
        ret = rcli_report_from_store(cfg, product, since, &b);
    }
    if (ret)
        goto done;
    if (out) {
        ret = write_out(out, &b, &o, now, since, title, format);
        goto done;
    }
    struct hugi_buf buf;
    hugi_buf_init(&buf, 0);
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc;
    if (format && (!strcmp(format, "jsonl") || !strcmp(format, "csv")))
        rc = rcli_alerts_out(&b, !strcmp(format, "csv"), o.mask_pii, &buf);
    else
        rc = rcli_digest(&b, &o, now, since, title,
                         format && !strcmp(format, "html") ? HUGI_DIGEST_HTML : HUGI_DIGEST_MD,
                         &buf, &err);
    if (rc) {
        cli_error_err("cannot write the report", &err);
        ret = HUGI_EXIT_FAIL;
    } else if (!rcli_write_stdout(&buf)) {
        ret = HUGI_EXIT_FAIL;
    }
    hugi_buf_release(&buf);
done:
    hugi_templates_free(t);
    rbatch_release(&b);
    hugi_config_free(cfg);
    return ret;
}
