/* SPDX-License-Identifier: MIT
 * Shared by the sentiment subcommands: model loading and a block line reader (stdin can be
 * gigabytes; lines are scanned with memchr in a fixed block, only a line that spans blocks is
 * copied, and a line is capped so memory stays flat). */
#include "sent_cli.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct hugi_sent *sent_cli_model(const char *const *extra, size_t nextra, bool no_defaults)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    struct hugi_sent *m = hugi_sent_new();
    if (!m) {
        cli_error("out of memory");
        return NULL;
    }
    if (!no_defaults && hugi_sent_load_defaults(m, cli_data_dir(), &err) != HUGI_OK) {
        cli_error_err("cannot load lexicons", &err);
        hugi_sent_free(m);
        return NULL;
    }
    for (size_t i = 0; i < nextra; i++) {
        if (hugi_sent_load_file(m, extra[i], &err) != HUGI_OK) {
            cli_error_err("cannot load lexicon", &err);
            hugi_sent_free(m);
            return NULL;
        }
    }
    if (hugi_sent_build(m, &err) != HUGI_OK) {
        cli_error_err("cannot build lexicons", &err);
        hugi_sent_free(m);
        return NULL;
    }
    cli_info("%zu lexicon entries loaded", hugi_sent_entries(m));
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
