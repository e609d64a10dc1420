/* SPDX-License-Identifier: MIT
 * What `hugi score`, `hugi eval` and `hugi lexicon` share: loading the sentiment model (shipped
 * lexicons plus --lexicon files) and reading input line by line in flat memory. */
#ifndef HUGI_SENT_CLI_H
#define HUGI_SENT_CLI_H

#include <stdio.h>

#include "hugi/sent.h"

/* Longest line kept; the rest of a longer line is read and dropped (counted in `truncated`). */
#define SENT_CLI_MAX_LINE ((size_t)64 << 20)

/* Loads the shipped lexicons (unless no_defaults), the config's [sentiment] lexicon files
 * (relative to the config file) and thresholds, and the extra files, then builds. Prints the
 * error and returns NULL on failure, with *exit_code 2 for a config error, else 1. */
struct hugi_sent *sent_cli_model(const char *const *extra, size_t nextra, bool no_defaults,
                                 int *exit_code);
/* The same, also giving the key of the lexicon files and the cache image's path (NULL when the
 * cache is off; caller frees). The model comes from that image when it is there and valid (it
 * is written there otherwise): lexicons/README.md "Compiled image". */
struct hugi_sent *sent_cli_model_key(const char *const *extra, size_t nextra, bool no_defaults,
                                     int *exit_code, struct hugi_sent_key *key_out,
                                     char **image_out);

/* Whether a text scores below 0 with the default model, loaded on the first call (a load error
 * is printed once and the answer is then false). What the critical model's gate asks of a text
 * no caller has scored (docs/complaints.md, "Gated on sentiment"). _done frees the model. */
bool sent_cli_text_negative(const char *text, size_t len);
void sent_cli_text_negative_done(void);

/* The image cache folder ($HUGI_CACHE_DIR, else $XDG_CACHE_HOME/hugi, else ~/.cache/hugi), or
 * NULL when off (HUGI_LEXICON_CACHE=0) or there is no home; caller frees. _writable makes it
 * and tells whether it is a folder of this user's only they may write (images are written only
 * there); _trim keeps the 4 newest images whose names start with prefix. Shared by the
 * scorer's image (lexicon-KEY.img) and the complaint taxonomy's (complaints-KEY.img). */
char *sent_cli_cache_dir(void);
bool sent_cli_cache_writable(const char *dir);
void sent_cli_cache_trim(const char *dir, const char *prefix);

/* Parses a count option's value (0..max, whole). Prints the usage error and returns false if it
 * is not one, so the caller stops with exit code 2. */
bool sent_cli_count(const char *cmd, const char *opt, const char *arg, long max, size_t *out);

/* The getopt codes every sentiment command treats alike: -h prints `usage` and the common help
 * (sets *rc to 0), any other code goes to cli_common_opt. Returns false when the caller must stop
 * (help printed, or an unknown option reported with *rc left as it was). */
bool sent_cli_other_opt(const char *cmd, int c, const char *arg, char *const *argv,
                        const char *usage, int *rc);

struct line_reader {
    FILE *f;
    char *blk;
    size_t blen, bpos;
    struct hugi_buf line;
    bool eof;
    unsigned long lineno;
    unsigned long truncated;
};
void line_reader_init(struct line_reader *r, FILE *f);
void line_reader_release(struct line_reader *r);
/* Next line without its \n (a final line without \n counts too). Returns false at end or on a
 * read error (ferror(r->f) tells). *s is borrowed until the next call. */
bool line_reader_next(struct line_reader *r, const char **s, size_t *len);

#endif
