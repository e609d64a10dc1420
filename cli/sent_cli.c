/* SPDX-License-Identifier: MIT
 * Shared by the sentiment subcommands: model loading and a block line reader (stdin can be
 * gigabytes; lines are scanned with memchr in a fixed block, only a line that spans blocks is
 * copied, and a line is capped so memory stays flat). */
#include "sent_cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hugi/config.h"

/* A [sentiment] lexicon path: relative to the config file's folder, as [store] path is, so a
 * cron job works from any directory. Caller frees. */
static char *conf_relative(const struct hugi_config *cfg, const char *p)
{
    const char *cfile = hugi_config_name(cfg);
    const char *slash = cfile ? strrchr(cfile, '/') : NULL;
    if (p[0] == '/' || !slash)
        return hugi_strdup(p);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_add(&b, cfile, (size_t)(slash - cfile) + 1);
    hugi_buf_addstr(&b, p);
    return hugi_buf_detach(&b, NULL);
}

bool sent_cli_count(const char *cmd, const char *opt, const char *arg, long max, size_t *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || *end || v < 0 || v > max) {
        cli_usage_error(cmd, "invalid %s '%s'", opt, arg);
        return false;
    }
    *out = (size_t)v;
    return true;
}

bool sent_cli_other_opt(const char *cmd, int c, const char *arg, const char *usage, int *rc)
{
    if (c == 'h') {
        fputs(usage, stdout);
        fputs(cli_common_help, stdout);
        *rc = HUGI_EXIT_OK;
        return false;
    }
    if (!cli_common_opt(c, arg)) {
        cli_usage_error(cmd, "unknown option");
        return false;
    }
    return true;
}

struct hugi_sent *sent_cli_model(const char *const *extra, size_t nextra, bool no_defaults,
                                 int *exit_code)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    *exit_code = HUGI_EXIT_FAIL;
    struct hugi_config *cfg = cli_config_load(exit_code);
    if (!cfg)
        return NULL;
    struct hugi_sent *m = hugi_sent_new();
    if (!m) {
        cli_error("out of memory");
        hugi_config_free(cfg);
        return NULL;
    }
    bool ok = true;
    if (!no_defaults && hugi_sent_load_defaults(m, cli_data_dir(), &err) != HUGI_OK) {
        cli_error_err("cannot load lexicons", &err);
        ok = false;
    }
    /* [sentiment] lexicon = FILE (repeatable), then --lexicon */
    for (size_t i = 0; ok; i++) {
        int line = 0;
        const char *p = hugi_config_get_nth(cfg, "sentiment", NULL, "lexicon", i, &line);
        if (!p)
            break;
        char *path = conf_relative(cfg, p);
        if (!path || hugi_sent_load_file(m, path, &err) != HUGI_OK) {
            cli_error("cannot load lexicon '%s' named at %s:%d: %s%s%s%s", p, hugi_config_name(cfg),
                      line, path ? err.msg : "out of memory", err.where[0] ? " (" : "", err.where,
                      err.where[0] ? ")" : "");
            ok = false;
        }
        free(path);
    }
    for (size_t i = 0; ok && i < nextra; i++) {
        if (hugi_sent_load_file(m, extra[i], &err) != HUGI_OK) {
            cli_error_err("cannot load lexicon", &err);
            ok = false;
        }
    }
    if (ok) {
        /* thresholds only when the file sets them: the scorer's own default is finer */
        const char *neg = hugi_config_get(cfg, "sentiment", NULL, "neg_threshold", NULL);
        const char *pos = hugi_config_get(cfg, "sentiment", NULL, "pos_threshold", NULL);
        if (neg || pos) {
            double dn = -0.01, dp = 0.01;
            if (neg)
                hugi_config_double(cfg, "sentiment", NULL, "neg_threshold", &dn, &err);
            if (pos)
                hugi_config_double(cfg, "sentiment", NULL, "pos_threshold", &dp, &err);
            hugi_sent_set_thresholds(m, dn, dp);
        }
    }
    hugi_config_free(cfg);
    if (ok && hugi_sent_build(m, &err) != HUGI_OK) {
        cli_error_err("cannot build lexicons", &err);
        ok = false;
    }
    if (!ok) {
        hugi_sent_free(m);
        return NULL;
    }
    cli_info("%zu lexicon entries loaded", hugi_sent_entries(m));
    *exit_code = HUGI_EXIT_OK;
    return m;
}

#define BLOCK (1u << 20)

void line_reader_init(struct line_reader *r, FILE *f)
{
    memset(r, 0, sizeof(*r));
    r->f = f;
    hugi_buf_init(&r->line, SENT_CLI_MAX_LINE);
}

void line_reader_release(struct line_reader *r)
{
    free(r->blk);
    hugi_buf_release(&r->line);
}

static bool refill(struct line_reader *r)
{
    if (r->eof)
        return false;
    if (!r->blk) {
        r->blk = malloc(BLOCK);
        if (!r->blk) {
            r->eof = true;
            return false;
        }
    }
    r->blen = fread(r->blk, 1, BLOCK, r->f);
    r->bpos = 0;
    if (r->blen == 0) {
        r->eof = true;
        return false;
    }
    return true;
}

bool line_reader_next(struct line_reader *r, const char **s, size_t *len)
{
    hugi_buf_reset(&r->line);
    bool spanned = false;
    bool cut = false;
    for (;;) {
        if (r->bpos >= r->blen && !refill(r)) {
            if (!spanned)
                return false;
            break; /* last line without \n */
        }
        char *p = r->blk + r->bpos;
        size_t avail = r->blen - r->bpos;
        char *nl = memchr(p, '\n', avail);
        size_t n = nl ? (size_t)(nl - p) : avail;
        if (nl && !spanned) {
            /* the fast path: the whole line is inside the block */
            r->bpos += n + 1;
            r->lineno++;
            *s = p;
            *len = n;
            if (n > SENT_CLI_MAX_LINE) {
                *len = SENT_CLI_MAX_LINE;
                r->truncated++;
            }
            return true;
        }
        if (!cut && hugi_buf_add(&r->line, p, n) != HUGI_OK) {
            size_t room = r->line.max > r->line.len ? r->line.max - r->line.len : 0;
            if (room > n)
                room = n;
            hugi_buf_add(&r->line, p, room);
            cut = true;
        }
        spanned = true;
        r->bpos += n + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (cut)
        r->truncated++;
    r->lineno++;
    *s = r->line.data ? r->line.data : "";
    *len = r->line.len;
    return true;
}
