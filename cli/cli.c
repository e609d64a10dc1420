/* SPDX-License-Identifier: MIT
 * Messages and common options for every subcommand. Only cli/ prints or picks exit codes; the
 * stages return hugi_rc and a struct hugi_err. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_verbosity = 0;
const char *cli_config_opt = NULL;
const char *cli_store_opt = NULL;

const char cli_common_help[] = "Common options:\n"
                               "  -q, --quiet          only errors on stderr\n"
                               "  -v, --verbose        more detail on stderr (repeat for more)\n"
                               "      --config FILE    configuration (default $HUGI_CONFIG or "
                               "./hugi.conf)\n"
                               "      --store FILE     review store (overrides [store] path)\n"
                               "  -h, --help           this help\n";

static void vsay(const char *prefix, const char *fmt, va_list ap)
{
    fputs("hugi: ", stderr);
    fputs(prefix, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay("error: ", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    if (cli_verbosity < 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsay("warning: ", fmt, ap);
    va_end(ap);
}

void cli_info(const char *fmt, ...)
{
    if (cli_verbosity < 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsay("", fmt, ap);
    va_end(ap);
}

void cli_error_err(const char *what, const struct hugi_err *err)
{
    char msg[600];
    hugi_err_format(err, msg, sizeof msg);
    if (what && *what)
        cli_error("%s: %s", what, msg);
    else
        cli_error("%s", msg);
}

bool cli_common_opt(int c, const char *arg)
{
    switch (c) {
    case 'q':
        cli_verbosity = -1;
        return true;
    case 'v':
        cli_verbosity = cli_verbosity < 0 ? 1 : cli_verbosity + 1;
        return true;
    case CLI_OPT_CONFIG:
        cli_config_opt = arg;
        return true;
    case CLI_OPT_STORE:
        cli_store_opt = arg;
        return true;
    default:
        return false;
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay("error: ", fmt, ap);
    va_end(ap);
    fprintf(stderr, "see 'hugi %s --help'\n", cmd);
    return HUGI_EXIT_USAGE;
}

size_t cli_bom_len(const char *s, size_t len)
{
    return len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
}

void cli_option_error(int c, char *const *argv)
{
    const char *elem = optind > 0 ? argv[optind - 1] : "";
    size_t namelen = strcspn(elem, "=");
    bool long_opt = !strncmp(elem, "--", 2);
    /* an unknown letter inside a cluster (-qx) leaves optind on its element */
    const char *cur = argv[optind];
    bool in_cluster = optopt > 0 && optopt < 128 && cur && cur[0] == '-' && cur[1] != '-' &&
                      strchr(cur + 1, optopt);
    if (c == ':' && long_opt)
        cli_error("option '%s' needs a value", elem);
    else if (c == ':')
        cli_error("option '-%c' needs a value", optopt);
    else if (!in_cluster && long_opt && optopt)
        cli_error("option '%.*s' takes no value", (int)namelen, elem);
    else if (!in_cluster && long_opt)
        cli_error("unknown option '%.*s'", (int)namelen, elem);
    else if (optopt > 32 && optopt < 127)
        cli_error("unknown option '-%c'", optopt);
    else
        cli_error("unknown option '%s'", elem);
}

int cli_bad_option(const char *cmd, int c, char *const *argv)
{
    cli_option_error(c, argv);
    fprintf(stderr, "see 'hugi %s --help'\n", cmd);
    return HUGI_EXIT_USAGE;
}

const char *cli_config_path(void)
{
    if (cli_config_opt)
        return cli_config_opt;
    const char *env = getenv("HUGI_CONFIG");
    if (env && *env)
        return env;
    return "hugi.conf";
}

const char *cli_data_dir(void)
{
    const char *env = getenv("HUGI_DATADIR");
    if (env && *env)
        return env;
    struct stat st;
    if (stat(HUGI_SOURCE_DIR "/lexicons", &st) == 0 && S_ISDIR(st.st_mode))
        return HUGI_SOURCE_DIR;
    return HUGI_DATADIR_INSTALLED;
}
