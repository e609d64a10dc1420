/* SPDX-License-Identifier: MIT
 * The store side of `hugi report` / `alerts` / `ack` (filled in when the store stage lands). */
#include "cli.h"
#include "report_cli.h"

int report_from_store(const char *product, int64_t since, struct rbatch *b,
                      struct hugi_report_opts *o, const char **templates, const char **title);
int report_from_store(const char *product, int64_t since, struct rbatch *b,
                      struct hugi_report_opts *o, const char **templates, const char **title)
{
    (void)product;
    (void)since;
    (void)b;
    (void)o;
    (void)templates;
    (void)title;
    return cli_not_available("report without --input", "store");
}
