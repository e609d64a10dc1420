/* SPDX-License-Identifier: MIT
 * `hugi version`: our version and the versions of the libraries actually linked, which is what a
 * bug report needs. */
#include <curl/curl.h>
#include <libxml/xmlversion.h>
#include <sqlite3.h>
#include <string.h>
#include <utf8proc.h>
#include <yajl/yajl_version.h>

#include "cli.h"

int hugi_cmd_version(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, opts, NULL)) != -1) {
        if (c == 'h') {
            fputs("usage: hugi version\n\nPrints hugi's version and the libraries it uses.\n\n",
                  stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        }
        if (!cli_common_opt(c, optarg))
            return cli_bad_option("version", c, argv);
    }
    if (optind < argc)
        return cli_usage_error("version", "unexpected argument '%s'", argv[optind]);
    int y = yajl_version();
    printf("hugi %s\n", HUGI_VERSION);
    printf("libcurl %s\n", curl_version_info(CURLVERSION_NOW)->version);
    printf("libxml2 %s\n", LIBXML_DOTTED_VERSION);
    printf("sqlite %s\n", sqlite3_libversion());
    printf("yajl %d.%d.%d\n", y / 10000, y / 100 % 100, y % 100);
    printf("utf8proc %s\n", utf8proc_version());
    return HUGI_EXIT_OK;
}
