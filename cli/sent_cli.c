/* SPDX-License-Identifier: MIT
 * Shared by the sentiment subcommands: model loading and a block line reader (stdin can be
 * gigabytes; lines are scanned with memchr in a fixed block, only a line that spans blocks is
 * copied, and a line is capped so memory stays flat). */
#include "sent_cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "hugi/config.h"

/* A [sentiment] lexicon path: relative to the config file's folder, as [store] path is, so a
 * cron job works from any directory. Caller frees. */
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

bool sent_cli_other_opt(const char *cmd, int c, const char *arg, char *const *argv,
                        const char *usage, int *rc)
{
    if (c == 'h') {
        fputs(usage, stdout);
        fputs(cli_common_help, stdout);
        *rc = HUGI_EXIT_OK;
        return false;
    }
    if (!cli_common_opt(c, arg)) {
        cli_bad_option(cmd, c, argv);
        return false;
    }
    return true;
}

/* One lexicon file read whole (its bytes are both hashed for the image key and parsed). */
struct lexfile {
    char *path; /* owned */
    char *data; /* owned */
    size_t len;
    int cfg_line; /* > 0: named in the config at this line (as cfg_name) */
    char *cfg_name;
    bool kept; /* data holds the bytes keyed: the file could be read only once (a pipe) */
};

#define LEXICON_MAX ((size_t)256 << 20)

static bool read_stream(struct lexfile *lf, FILE *f, struct hugi_err *err);

static bool read_lexicon(struct lexfile *lf, struct hugi_err *err)
{
    FILE *f = fopen(lf->path, "rb");
    if (!f) {
        hugi_err_set(err, HUGI_E_IO, lf->path, "cannot open lexicon: %s", strerror(errno));
        return false;
    }
    return read_stream(lf, f, err);
}

/* f's bytes into lf->data; closes f */
static bool read_stream(struct lexfile *lf, FILE *f, struct hugi_err *err)
{
    struct hugi_buf b;
    hugi_buf_init(&b, LEXICON_MAX);
    char chunk[65536];
    size_t n;
    hugi_rc rc = HUGI_OK;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && rc == HUGI_OK)
        rc = hugi_buf_add(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (rc != HUGI_OK || bad) {
        hugi_buf_release(&b);
        hugi_err_set(err, rc != HUGI_OK ? rc : HUGI_E_IO, lf->path, "cannot read lexicon%s",
                     rc != HUGI_OK ? " (over 256 MiB?)" : "");
        return false;
    }
    lf->data = hugi_buf_detach(&b, &lf->len);
    return true;
}

/* One lexicon file streamed into the image key (k: begin, its bytes, end) through a 64 KiB
 * buffer: where the image is there, the files' bytes are needed for nothing else, so they are
 * neither kept nor copied (bench/README.md "Session thirteen: start-up (startup17)"). Errors
 * as read_lexicon's. */
static bool key_lexicon(struct lexfile *lf, struct hugi_sent_key *k, struct hugi_err *err)
{
    int fd = open(lf->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        hugi_err_set(err, HUGI_E_IO, lf->path, "cannot open lexicon: %s", strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a pipe (--lexicon <(...), /dev/stdin) gives its bytes once: kept from this read for
         * the parse, which would otherwise find nothing and drop the file's words */
        FILE *f = fdopen(fd, "rb");
        if (!f) {
            close(fd);
            hugi_err_set(err, HUGI_E_IO, lf->path, "cannot read lexicon: %s", strerror(errno));
            return false;
        }
        if (!read_stream(lf, f, err))
            return false;
        lf->kept = true;
        hugi_sent_key_add(k, lf->data, lf->len);
        return true;
    }
    static char chunk[65536];
    size_t total = 0;
    bool bad = false;
    hugi_sent_key_begin(k);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            bad = n < 0;
            break;
        }
        total += (size_t)n;
        if (total > LEXICON_MAX) {
            close(fd);
            hugi_err_set(err, HUGI_E_LIMIT, lf->path, "cannot read lexicon (over 256 MiB?)");
            return false;
        }
        hugi_sent_key_more(k, chunk, (size_t)n);
    }
    close(fd);
    if (bad) {
        hugi_err_set(err, HUGI_E_IO, lf->path, "cannot read lexicon");
        return false;
    }
    hugi_sent_key_end(k);
    return true;
}

/* The image cache folder ($HUGI_CACHE_DIR, else $XDG_CACHE_HOME/hugi, else ~/.cache/hugi), or
 * NULL when off (HUGI_LEXICON_CACHE=0) or there is no home. Caller frees. */
char *sent_cli_cache_dir(void)
{
    const char *off = getenv("HUGI_LEXICON_CACHE");
    if (off && !strcmp(off, "0"))
        return NULL;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    const char *d = getenv("HUGI_CACHE_DIR");
    const char *x = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (d && *d)
        hugi_buf_addstr(&b, d);
    else if (x && x[0] == '/')
        hugi_buf_addf(&b, "%s/hugi", x);
    else if (home && home[0] == '/')
        hugi_buf_addf(&b, "%s/.cache/hugi", home);
    else
        return NULL;
    return hugi_buf_detach(&b, NULL);
}

/* mkdir -p for the cache folder (0700: the user's own). */
static bool make_dirs(const char *dir)
{
    char *p = hugi_strdup(dir);
    if (!p)
        return false;
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST)
                ok = false;
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return ok;
}

/* Images are written only into a real folder of this user's that nobody else may write (a
 * shared or planted folder could have files swapped in it). */
static bool private_dir(const char *dir)
{
    struct stat st;
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
           !(st.st_mode & (S_IWGRP | S_IWOTH));
}

bool sent_cli_cache_writable(const char *dir)
{
    return make_dirs(dir) && private_dir(dir);
}

/* At most this many images are kept: each distinct set of lexicons (a --lexicon file, a config)
 * makes one; the oldest beyond these are removed when a new one is written. */
#define CACHE_KEEP 4

void sent_cli_cache_trim(const char *dir, const char *prefix)
{
    size_t plen = strlen(prefix);
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    struct {
        char name[80];
        time_t mtime;
    } img[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dh)) && n < 64) {
        size_t l = strlen(de->d_name);
        if (l >= sizeof(img[0].name) || strncmp(de->d_name, prefix, plen) || l < 4)
            continue;
        struct stat st;
        if (fstatat(dirfd(dh), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        /* a temporary file left by a killed writer: gone after an hour */
        if (strstr(de->d_name, ".img.tmp")) {
            if (st.st_mtime < time(NULL) - 3600)
                unlinkat(dirfd(dh), de->d_name, 0);
            continue;
        }
        if (strcmp(de->d_name + l - 4, ".img"))
            continue;
        memcpy(img[n].name, de->d_name, l + 1);
        img[n].mtime = st.st_mtime;
        n++;
    }
    closedir(dh);
    while (n > CACHE_KEEP) {
        size_t old = 0;
        for (size_t i = 1; i < n; i++)
            if (img[i].mtime < img[old].mtime)
                old = i;
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        if (hugi_buf_addf(&b, "%s/%s", dir, img[old].name) == HUGI_OK)
            remove(b.data);
        hugi_buf_release(&b);
        img[old] = img[--n];
    }
}

/* Room for one more file in *lf (nf used of *cap, the new room zeroed); false without memory. */
static bool lexfile_room(struct lexfile **lf, size_t nf, size_t *cap)
{
    if (nf < *cap)
        return true;
    struct lexfile *q = realloc(*lf, 2 * *cap * sizeof(**lf));
    if (!q)
        return false;
    memset(q + *cap, 0, *cap * sizeof(**lf));
    *lf = q;
    *cap *= 2;
    return true;
}

/* DIR/lexicon-<key>.img; caller frees */
static char *image_name(const char *dir, const struct hugi_sent_key *key)
{
    char hex[33];
    hugi_sent_key_hex(key, hex);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addf(&b, "%s/lexicon-%s.img", dir, hex);
    return hugi_buf_detach(&b, NULL);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

struct hugi_sent *sent_cli_model(const char *const *extra, size_t nextra, bool no_defaults,
                                 int *exit_code)
{
    return sent_cli_model_key(extra, nextra, no_defaults, exit_code, NULL, NULL);
}

static struct hugi_sent *neg_model; /* sent_cli_text_negative's, loaded on first use */
static struct hugi_sent_result neg_res;
static bool neg_tried;

bool sent_cli_text_negative(const char *text, size_t len)
{
    if (!neg_tried) {
        neg_tried = true;
        int ec = 0;
        neg_model = sent_cli_model(NULL, 0, false, &ec);
        hugi_sent_result_init(&neg_res);
    }
    struct hugi_err err;
    hugi_err_clear(&err);
    return neg_model && hugi_sent_score(neg_model, text, len, &neg_res, &err) == HUGI_OK &&
           neg_res.score < 0;
}

void sent_cli_text_negative_done(void)
{
    if (neg_tried)
        hugi_sent_result_release(&neg_res);
    hugi_sent_free(neg_model);
    neg_model = NULL;
    neg_tried = false;
}

struct hugi_sent *sent_cli_model_key(const char *const *extra, size_t nextra, bool no_defaults,
                                     int *exit_code, struct hugi_sent_key *key_out,
                                     char **image_out)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    *exit_code = HUGI_EXIT_FAIL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct hugi_config *cfg = cli_config_load(exit_code);
    if (!cfg)
        return NULL;
    struct hugi_sent *m = hugi_sent_new();
    size_t nf = 0, capf = 16 + nextra;
    struct lexfile *lf = calloc(capf, sizeof(*lf));
    if (!m || !lf) {
        cli_error("out of memory");
        hugi_config_free(cfg);
        hugi_sent_free(m);
        free(lf);
        return NULL;
    }
    bool ok = true;
    /* The compiled image is named by the exact bytes of those files: hashed as they are read,
     * used when it exists and passes every check, else the TSVs are read again, parsed, and
     * the image written for next time under the key of the bytes parsed. */
    struct hugi_sent_key key;
    hugi_sent_key_init(&key);
    /* the files in load order: shipped, config's [sentiment] lexicon = FILE (relative to the
     * config file), --lexicon */
    for (size_t i = 0; ok && !no_defaults && hugi_sent_default_file(i); i++) {
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        hugi_buf_addf(&b, "%s/lexicons/%s", cli_data_dir(), hugi_sent_default_file(i));
        lf[nf].path = hugi_buf_detach(&b, NULL);
        if (!lf[nf].path || !key_lexicon(&lf[nf], &key, &err)) {
            cli_error_err("cannot load lexicons", &err);
            ok = false;
        }
        nf++;
    }
    for (size_t i = 0; ok; i++) {
        int line = 0;
        const char *p = hugi_config_get_nth(cfg, "sentiment", NULL, "lexicon", i, &line);
        if (!p)
            break;
        if (!lexfile_room(&lf, nf, &capf)) {
            cli_error("out of memory");
            ok = false;
            break;
        }
        lf[nf].path = cli_conf_path(cfg, p);
        lf[nf].cfg_line = line;
        if (!lf[nf].path || !key_lexicon(&lf[nf], &key, &err)) {
            cli_error("cannot load lexicon '%s' named at %s:%d: %s%s%s%s", p, hugi_config_name(cfg),
                      line, lf[nf].path ? err.msg : "out of memory", err.where[0] ? " (" : "",
                      err.where, err.where[0] ? ")" : "");
            ok = false;
        }
        lf[nf].cfg_name = hugi_strdup(p);
        nf++;
    }
    for (size_t i = 0; ok && i < nextra; i++) {
        if (!lexfile_room(&lf, nf, &capf)) {
            cli_error("out of memory");
            ok = false;
            break;
        }
        lf[nf].path = hugi_strdup(extra[i]);
        if (!lf[nf].path || !key_lexicon(&lf[nf], &key, &err)) {
            cli_error_err("cannot load lexicon", &err);
            ok = false;
        }
        nf++;
    }
    char *dir = ok ? sent_cli_cache_dir() : NULL;
    char *img = dir ? image_name(dir, &key) : NULL;
    bool from_image = false;
    if (ok && img) {
        struct hugi_err ierr;
        hugi_err_clear(&ierr);
        hugi_rc rc = hugi_sent_image_load(m, &key, img, &ierr);
        if (rc == HUGI_OK)
            from_image = true;
        else if (!(rc == HUGI_E_NOTFOUND && ierr.sys_errno == ENOENT))
            cli_info("lexicon image not used, parsing the lexicons: %s (%s)", ierr.msg, ierr.where);
    }
    if (ok && !from_image) {
        /* the bytes parsed are the bytes keyed, even if a file changed since it was hashed */
        hugi_sent_key_init(&key);
        for (size_t i = 0; ok && i < nf; i++) {
            if (!lf[i].kept && !read_lexicon(&lf[i], &err)) {
                cli_error_err("cannot load lexicon", &err);
                ok = false;
            } else {
                hugi_sent_key_add(&key, lf[i].data, lf[i].len);
            }
        }
        free(img);
        img = ok && dir ? image_name(dir, &key) : NULL;
    }
    for (size_t i = 0; ok && !from_image && i < nf; i++) {
        if (hugi_sent_load_mem(m, lf[i].data, lf[i].len, lf[i].path, &err) != HUGI_OK) {
            if (lf[i].cfg_line > 0)
                cli_error("cannot load lexicon '%s' named at %s:%d: %s%s%s%s", lf[i].cfg_name,
                          hugi_config_name(cfg), lf[i].cfg_line, err.msg, err.where[0] ? " (" : "",
                          err.where, err.where[0] ? ")" : "");
            else
                cli_error_err(i < nf - nextra && !no_defaults ? "cannot load lexicons"
                                                              : "cannot load lexicon",
                              &err);
            ok = false;
        }
    }
    for (size_t i = 0; i < nf; i++) {
        free(lf[i].path);
        free(lf[i].data);
        free(lf[i].cfg_name);
    }
    free(lf);
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
    if (ok && !from_image && hugi_sent_build(m, &err) != HUGI_OK) {
        cli_error_err("cannot build lexicons", &err);
        ok = false;
    }
    if (!ok) {
        hugi_sent_free(m);
        free(dir);
        free(img);
        return NULL;
    }
    double ms = ms_since(&t0);
    if (from_image) {
        cli_info("lexicon image %s loaded and checked in %.1f ms", img, ms);
    } else if (img) {
        struct hugi_err serr;
        hugi_err_clear(&serr);
        if (!make_dirs(dir))
            cli_info("cannot write lexicon image %s: %s", img, strerror(errno));
        else if (!private_dir(dir))
            cli_info("lexicon image not written: %s is not a folder of this user's that only "
                     "they may write",
                     dir);
        else if (hugi_sent_image_save(m, &key, img, &serr) != HUGI_OK)
            cli_info("cannot write lexicon image %s: %s", img, serr.msg);
        else
            sent_cli_cache_trim(dir, "lexicon-");
        cli_info("lexicons parsed and built in %.1f ms (image written for next time)", ms);
    } else {
        cli_info("lexicons parsed and built in %.1f ms (image cache off)", ms);
    }
    free(dir);
    if (image_out)
        *image_out = img;
    else
        free(img);
    if (key_out)
        *key_out = key;
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
