/* SPDX-License-Identifier: MIT
 * Configuration loading shared by the subcommands that need it, so every subcommand reports a bad
 * config the same way. Apart from cli_store.c because the lean `hugi` (score, eval, lexicon)
 * reads the config but must not link the store and its libpq (cli/CMakeLists.txt). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hugi/config.h"

/* Each configuration error as the parser finds it, like a compiler's: FILE:LINE: message. */
static void print_config_error(const struct hugi_err *e, void *ctx)
{
    int *n = ctx;
    if (e->where[0])
        cli_error("%s: %s", e->where, e->msg);
    else
        cli_error("%s", e->msg);
    if (++*n == 20)
        cli_error("too many errors in the configuration; stopped reading it");
}

struct hugi_config *cli_config_load(int *exit_code)
{
    const char *path = cli_config_path();
    bool is_default = !cli_config_opt && !(getenv("HUGI_CONFIG") && *getenv("HUGI_CONFIG"));
    struct hugi_config *cfg = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    int printed = 0;
    hugi_rc rc = hugi_config_load_all(path, &cfg, &err, print_config_error, &printed);
    if (rc == HUGI_E_NOTFOUND && is_default) {
        cfg = hugi_config_new_empty();
        if (!cfg) {
            cli_error("out of memory");
            *exit_code = HUGI_EXIT_FAIL;
        }
        return cfg;
    }
    if (rc && printed) {
        *exit_code = HUGI_EXIT_USAGE;
        return NULL;
    }
    if (rc) {
        /* config errors read like a compiler's: FILE:LINE: message */
        if (err.where[0])
            cli_error("%s: %s", err.where, err.msg);
        else
            cli_error("%s", err.msg);
        *exit_code = HUGI_EXIT_USAGE;
        return NULL;
    }
    for (size_t i = 0; hugi_config_warning(cfg, i); i++)
        cli_warn("%s", hugi_config_warning(cfg, i));
    return cfg;
}

char *cli_conf_path(const struct hugi_config *c, const char *p)
{
    const char *cfile = c ? hugi_config_name(c) : NULL;
    const char *slash = cfile ? strrchr(cfile, '/') : NULL;
    if (!p || p[0] == '/' || !slash)
        return hugi_strdup(p ? p : "");
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addf(&b, "%.*s/%s", (int)(slash - cfile), cfile, p);
    return hugi_buf_detach(&b, NULL);
}
