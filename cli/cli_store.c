/* SPDX-License-Identifier: MIT
 * Store opening shared by the subcommands that need it, so every subcommand reports an unusable
 * store the same way and resolves the store path by the same rule (--store, else [store] path,
 * default hugi.db, relative to the config file). Loading the config is cli_config.c's: the lean
 * `hugi` (no libpq) needs it without the store. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/store.h"

/* Whether the default store beside the config (at) is absent while ./hugi.db, the default
 * before it moved beside the config (ux16), holds one: a cron job started in its data folder
 * with --config elsewhere would otherwise begin an empty store and raise every alert again. */
static bool old_default_store(const char *at)
{
    struct stat here, there;
    if (!strcmp(at, "hugi.db") || stat("hugi.db", &here) != 0 || !S_ISREG(here.st_mode))
        return false;
    if (stat(at, &there) == 0 || errno != ENOENT)
        return false;
    static bool said;
    if (!said)
        cli_warn("no store at '%s' (the default store is now beside the config file), but "
                 "'hugi.db' in the working directory (the default before) is one: using it; "
                 "move it beside the config or set [store] path",
                 at);
    said = true;
    return true;
}

char *cli_store_path(const struct hugi_config *cfg)
{
    if (cli_store_opt)
        return hugi_strdup(cli_store_opt);
    const char *p = cfg ? hugi_config_get(cfg, "store", NULL, "path", NULL) : NULL;
    /* the default too is beside the config file, as the alert and report folders are: a cron
     * job started elsewhere must not begin an empty store in its working directory */
    bool dflt = !p || !*p;
    if (dflt)
        p = "hugi.db";
    const char *path = p;
    const char *prefix = "";
    if (!strncmp(p, "sqlite:", 7)) {
        prefix = "sqlite:";
        path = p + 7;
    }
    /* relative to the config file, so a cron job works from any directory */
    if (strstr(p, "://") || !strcmp(path, ":memory:"))
        return hugi_strdup(p);
    char *rel = cli_conf_path(cfg, path);
    if (dflt && rel && old_default_store(rel)) {
        free(rel);
        return hugi_strdup("hugi.db");
    }
    if (!rel || !*prefix)
        return rel;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addf(&b, "%s%s", prefix, rel);
    free(rel);
    return hugi_buf_detach(&b, NULL);
}

struct hugi_store *cli_store_open(const struct hugi_config *cfg, bool must_exist, int *exit_code)
{
    char *path = cli_store_path(cfg);
    if (!path) {
        cli_error("out of memory");
        *exit_code = HUGI_EXIT_FAIL;
        return NULL;
    }
    const char *file = strncmp(path, "sqlite:", 7) ? path : path + 7;
    struct stat st;
    if (must_exist && !strstr(path, "://") && stat(file, &st) != 0) {
        cli_error("no store at '%s' (import or scan first, or give --store)", file);
        free(path);
        *exit_code = HUGI_EXIT_FAIL;
        return NULL;
    }
    struct hugi_store_opts opts = {0};
    double busy;
    if (cfg && !hugi_config_duration(cfg, "store", NULL, "busy_timeout", &busy, NULL))
        opts.busy_timeout_ms = busy * 1000 > 1 ? (int)(busy * 1000) : 1;
    struct hugi_store *s = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_store_open(&s, path, &opts, &err)) {
        cli_error_err("cannot open the store", &err);
        *exit_code = err.code == HUGI_E_UNSUPPORTED ? HUGI_EXIT_USAGE : HUGI_EXIT_FAIL;
        s = NULL;
    }
    free(path);
    return s;
}
