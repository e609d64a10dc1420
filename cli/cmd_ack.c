/* SPDX-License-Identifier: MIT
 * `hugi ack`: marks alerts handled. The time of the ack is kept, so the digest can show how long
 * answers take; open-alerts.csv and the digest are rewritten at once so the files people open
 * stay current. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/store.h"
#include "report_cli.h"

static const char usage[] =
    "usage: hugi ack ALERT_ID... [--by NAME] [--note TEXT]\n"
    "\n"
    "Mark alerts handled. The time is kept (the digest's average response time), and\n"
    "open-alerts.csv is rewritten without them. Acknowledging an alert twice keeps the first.\n"
    "\n"
    "Options:\n"
    "      --by NAME        who handled it (default $USER)\n"
    "      --note TEXT      what was done (\"refunded\", \"called the customer\")\n"
    "\n"
    "Exit: 0 all acknowledged (or already), 1 nothing acknowledged (no such alert) or the\n"
    "store or files could not be written, 2 usage or configuration error, 3 partial: some\n"
    "ids were not found, the others are acknowledged.\n"
    "\n";

enum { OPT_BY = 0x2201, OPT_NOTE };

int hugi_cmd_ack(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS,
                                         {"by", required_argument, NULL, OPT_BY},
                                         {"note", required_argument, NULL, OPT_NOTE},
                                         {NULL, 0, NULL, 0}};
    const char *by = NULL, *note = NULL;
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, opts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case OPT_BY:
            by = optarg;
            break;
        case OPT_NOTE:
            note = optarg;
            break;
        default:
            return cli_bad_option("ack", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("ack", "no alert id given");
    if (!by)
        by = getenv("USER");
    struct hugi_config *cfg = NULL;
    struct hugi_store *st = NULL;
    struct hugi_report_opts o;
    int ret = rcli_config(&cfg);
    if (!ret)
        ret = rcli_opts(cfg, &o);
    if (!ret)
        ret = rcli_store_open(cfg, RCLI_EXISTING, &st);
    if (ret)
        goto done;
    int64_t now = hugi_now();
    long done_n = 0, handled = 0, missing = 0;
    for (int i = optind; i < argc; i++) {
        struct hugi_err err;
        hugi_err_clear(&err);
        bool was_open = false;
        hugi_rc rc = hugi_store_alert_ack(st, argv[i], by, note, now, &was_open, &err);
        if (rc == HUGI_E_NOTFOUND) {
            cli_error("no alert '%s'", argv[i]);
            missing++;
        } else if (rc) {
            cli_error_err(argv[i], &err);
            ret = HUGI_EXIT_FAIL;
        } else if (!was_open) {
            handled++;
            cli_warn("alert '%s' was already acknowledged", argv[i]);
        } else {
            done_n++;
            handled++;
            cli_info("acknowledged %s", argv[i]);
        }
    }
    /* open-alerts.csv and the digest show what is still to answer: both follow the acks */
    if (done_n && rcli_refresh_open(cfg, st, &o))
        ret = HUGI_EXIT_FAIL;
    if (done_n && rcli_write_digest(cfg, &o, now, true))
        ret = HUGI_EXIT_FAIL;
    /* an unknown id among handled ones is a partial result, as in import; none handled fails */
    if (!ret && missing)
        ret = handled ? HUGI_EXIT_PARTIAL : HUGI_EXIT_FAIL;
done:
    hugi_store_close(st);
    hugi_config_free(cfg);
    return ret;
}
