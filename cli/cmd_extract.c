/* SPDX-License-Identifier: MIT
 * `hugi extract FILE`: reviews out of a saved page, feed or export, as JSONL on stdout. The
 * extraction itself is hugi_extract() (fetchers/include/hugi/extract.h); this file reads the file,
 * turns options into hugi_extract_opts and prints. `--source NAME` takes the preset, selectors,
 * product, encoding, scale, language and CSV map from the config's [source "NAME"] (options given
 * on the command line win), and reads the source's file:// URL when no FILE is given. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/extract.h"
#include "source_cfg.h"

static const char usage[] =
    "usage: hugi extract [FILE...] [--preset P | --source NAME] [--url URL] [options]\n"
    "\n"
    "Extracts the reviews in saved pages, feeds or exports (FILE, or - for stdin) and prints\n"
    "them as JSONL. Without --preset the kind of input is detected (-v says which). Each FILE\n"
    "is extracted on its own.\n"
    "\n"
    "  -p, --preset P        auto, jsonld, microdata, appstore, youtube, reddit, twitter,\n"
    "                        googleplay, rss, csv, jsonl, xpath, layout, jsonpath, json,\n"
    "                        listing\n"
    "  -s, --source NAME     take preset, selectors, product, encoding, rating_scale, lang\n"
    "                        and map from the config's [source \"NAME\"] (options given here\n"
    "                        win); without FILE, read the source's file:// url\n"
    "  -u, --url URL         the page's URL (base for relative next links)\n"
    "      --items SEL       xpath/jsonpath: the selector of review items\n"
    "      --field NAME=SEL  xpath/jsonpath: a field's selector relative to the item\n"
    "                        (id, author, rating, date, title, text, url, lang, likes,\n"
    "                        parent_id, product); repeatable\n"
    "      --next SEL        XPath of the next-page link, or JSON path of the next cursor\n"
    "      --charset C       the input's charset (default: BOM, <meta charset>, else UTF-8,\n"
    "                        with a CP949 guess for undeclared Korean exports)\n"
    "      --scale N         best rating when the source does not say it (default 5)\n"
    "      --product ID      product id written into every review\n"
    "      --source-name S   source name written into every review (default: the file name)\n"
    "      --fetched-at T    fetch time for relative dates (ISO-8601; default now)\n"
    "\n"
    "Exit status: 0 ok (also when a page holds no review), 1 no input could be read or\n"
    "parsed, 2 usage error, 3 some of several files failed.\n"
    "\n";

#define MAX_FIELDS 32

struct out {
    struct hugi_buf buf;
    size_t n;
};

static hugi_rc print_review(const struct hugi_review *r, void *ctx)
{
    struct out *o = ctx;
    hugi_buf_reset(&o->buf);
    hugi_rc rc = hugi_review_to_json(r, &o->buf);
    if (rc)
        return rc;
    if (fwrite(o->buf.data, 1, o->buf.len, stdout) != o->buf.len)
        return HUGI_E_IO;
    o->n++;
    return HUGI_OK;
}

static int read_all(const char *path, struct hugi_buf *b)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return HUGI_EXIT_FAIL;
    }
    int rc = HUGI_EXIT_OK;
    /* Read straight into the buffer, sized from fstat for a regular file (one read, no copy). */
    struct stat st;
    size_t want = 65536;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        want = (size_t)st.st_size + 1;
    for (;;) {
        if (hugi_buf_grow(b, want)) {
            cli_error("'%s' is larger than %zu bytes", path, b->max);
            rc = HUGI_EXIT_FAIL;
            break;
        }
        size_t room = b->cap - b->len - 1;
        if (room > b->max - b->len)
            room = b->max - b->len;
        if (room == 0) {
            if (fgetc(f) == EOF)
                break;
            cli_error("'%s' is larger than %zu bytes", path, b->max);
            rc = HUGI_EXIT_FAIL;
            break;
        }
        size_t n = fread(b->data + b->len, 1, room, f);
        b->len += n;
        b->data[b->len] = 0;
        if (n < room)
            break;
        want = b->len < 65536 ? 65536 : b->len;
    }
    if (rc == HUGI_EXIT_OK && ferror(f)) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        rc = HUGI_EXIT_FAIL;
    }
    if (f != stdin)
        fclose(f);
    return rc;
}

/* The path of a file:// URL ("file:///srv/p.html", "file://localhost/srv/p.html"), with %XX
 * escapes decoded. A copy; NULL without memory. */
static char *file_url_path(const char *u)
{
    const char *p = u + 7;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    size_t n = strlen(p);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned hi, lo;
        if (p[i] == '%' && i + 2 < n + 1 && sscanf(p + i + 1, "%1x%1x", &hi, &lo) == 2) {
            out[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            out[o++] = p[i];
        }
    }
    out[o] = 0;
    return out;
}

/* Fills what the command line left open from [source "name"]: the reading keys as scan and fetch
 * read them (cli_source_extract_opts), then the url (the base for relative links), the product
 * and the source name. Strings stay borrowed from cfg. An exit code. */
static int apply_source(const struct hugi_config *cfg, const char *name,
                        struct hugi_extract_opts *o, unsigned given,
                        struct hugi_extract_field *fields, size_t *nfields)
{
    if (!hugi_config_has_subsection(cfg, "source", name)) {
        cli_error("no [source \"%s\"] in %s", name,
                  hugi_config_name(cfg)[0] ? hugi_config_name(cfg) : cli_config_path());
        return HUGI_EXIT_USAGE;
    }
    int ret = cli_source_extract_opts(cfg, name, o, fields, nfields, MAX_FIELDS, given);
    if (ret)
        return ret;
    if (!o->url)
        o->url = hugi_config_value(cfg, "source", name, "url");
    if (!o->product)
        o->product = cli_source_product(cfg, name);
    if (!o->source)
        o->source = name;
    return HUGI_EXIT_OK;
}

/* Extracts one file and prints its reviews; an exit code. */
static int extract_file(const char *path, struct hugi_extract_opts *o)
{
    struct hugi_buf in;
    hugi_buf_init(&in, (size_t)64 << 20);
    int ret = read_all(path, &in);
    if (ret == HUGI_EXIT_OK) {
        struct out out = {.n = 0};
        hugi_buf_init(&out.buf, 0);
        struct hugi_extract_result res;
        struct hugi_err err;
        hugi_err_clear(&err);
        hugi_rc rc =
            hugi_extract(in.data ? in.data : "", in.len, o, print_review, &out, &res, &err);
        fflush(stdout);
        if (rc) {
            if (rc == HUGI_E_IO)
                cli_error("cannot write output: %s", strerror(errno));
            else
                cli_error("%s: %s", err.where[0] ? err.where : o->name,
                          err.msg[0] ? err.msg : hugi_strerror(rc));
            ret = rc == HUGI_E_USAGE ? HUGI_EXIT_USAGE : HUGI_EXIT_FAIL;
        } else {
            cli_info("%s: preset %s, charset %s, %zu reviews, %zu duplicates dropped", o->name,
                     hugi_extract_preset_name(res.used), res.charset ? res.charset : "?",
                     res.nreviews, res.nduplicates);
            if (res.nwarnings)
                cli_info("%zu warnings; first: %s", res.nwarnings, res.warning);
            if (res.next_url)
                cli_info("next page: %s", res.next_url);
            if (res.next_cursor)
                cli_info("next cursor: %s", res.next_cursor);
        }
        hugi_extract_result_release(&res);
        hugi_buf_release(&out.buf);
    }
    hugi_buf_release(&in);
    return ret;
}

int hugi_cmd_extract(int argc, char **argv)
{
    enum {
        OPT_ITEMS = 0x2001,
        OPT_FIELD,
        OPT_NEXT,
        OPT_CHARSET,
        OPT_SCALE,
        OPT_PRODUCT,
        OPT_SOURCE_NAME,
        OPT_FETCHED_AT,
    };
    static const struct option longopts[] = {
        {"preset", required_argument, NULL, 'p'},
        {"source", required_argument, NULL, 's'},
        {"url", required_argument, NULL, 'u'},
        {"items", required_argument, NULL, OPT_ITEMS},
        {"field", required_argument, NULL, OPT_FIELD},
        {"next", required_argument, NULL, OPT_NEXT},
        {"charset", required_argument, NULL, OPT_CHARSET},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"product", required_argument, NULL, OPT_PRODUCT},
        {"source-name", required_argument, NULL, OPT_SOURCE_NAME},
        {"fetched-at", required_argument, NULL, OPT_FETCHED_AT},
        CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    struct hugi_extract_field fields[MAX_FIELDS];
    char *fieldbuf[MAX_FIELDS];
    size_t nfields = 0, ncli_fields = 0;
    const char *source = NULL;
    unsigned given = 0;
    struct hugi_config *cfg = NULL;
    char *url_path = NULL;
    int c;
    int ret = HUGI_EXIT_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:u:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            ret = HUGI_EXIT_OK;
            goto done;
        case 'p':
            if (!hugi_extract_preset_from_name(optarg, &o.preset)) {
                ret = cli_usage_error("extract", "unknown preset '%s'", optarg);
                goto done;
            }
            given |= CLI_GIVEN_PRESET;
            break;
        case 's':
            source = optarg;
            break;
        case 'u':
            o.url = optarg;
            break;
        case OPT_ITEMS:
            o.items = optarg;
            break;
        case OPT_FIELD: {
            const char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) {
                ret = cli_usage_error("extract", "--field wants NAME=SELECTOR, not '%s'", optarg);
                goto done;
            }
            if (nfields == MAX_FIELDS) {
                ret = cli_usage_error("extract", "more than %d --field options", MAX_FIELDS);
                goto done;
            }
            fieldbuf[nfields] = hugi_strndup(optarg, (size_t)(eq - optarg));
            ncli_fields = nfields + 1;
            if (!fieldbuf[nfields]) {
                cli_error("out of memory");
                ret = HUGI_EXIT_FAIL;
                goto done;
            }
            static const char *const known[] = {"id",    "author",    "rating", "date",
                                                "title", "text",      "url",    "lang",
                                                "likes", "parent_id", "product"};
            bool ok = false;
            for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
                ok |= strcmp(known[k], fieldbuf[nfields]) == 0;
            fields[nfields].name = fieldbuf[nfields];
            fields[nfields].selector = eq + 1;
            nfields++;
            if (!ok) {
                ret = cli_usage_error("extract", "unknown field '%s' in --field",
                                      fieldbuf[nfields - 1]);
                goto done;
            }
            break;
        }
        case OPT_NEXT:
            o.next = optarg;
            break;
        case OPT_CHARSET:
            o.charset = optarg;
            break;
        case OPT_SCALE: {
            char *end;
            o.rating_scale = strtod(optarg, &end);
            if (*end || !(o.rating_scale > 0)) {
                ret =
                    cli_usage_error("extract", "--scale wants a positive number, not '%s'", optarg);
                goto done;
            }
            given |= CLI_GIVEN_SCALE;
            break;
        }
        case OPT_PRODUCT:
            o.product = optarg;
            break;
        case OPT_SOURCE_NAME:
            o.source = optarg;
            break;
        case OPT_FETCHED_AT:
            if (!hugi_time_parse_iso(optarg, strlen(optarg), &o.fetched_at)) {
                ret = cli_usage_error("extract", "--fetched-at wants ISO-8601, not '%s'", optarg);
                goto done;
            }
            break;
        default:
            if (!cli_common_opt(c, optarg)) {
                ret = cli_bad_option("extract", c, argv);
                goto done;
            }
        }
    }
    if (source) {
        cfg = cli_config_load(&ret);
        if (!cfg)
            goto done;
        ret = apply_source(cfg, source, &o, given, fields, &nfields);
        if (ret != HUGI_EXIT_OK)
            goto done;
        if (optind >= argc) {
            /* no FILE: the source's own saved page */
            const char *u = hugi_config_get(cfg, "source", source, "url", NULL);
            if (!u || strncmp(u, "file://", 7) != 0) {
                cli_error("[source \"%s\"] has no file:// url and no FILE was given; hugi "
                          "extract reads saved files (hugi fetch --source %s reads URLs)",
                          source, source);
                ret = HUGI_EXIT_USAGE;
                goto done;
            }
            url_path = file_url_path(u);
            if (!url_path) {
                cli_error("out of memory");
                ret = HUGI_EXIT_FAIL;
                goto done;
            }
        }
    } else if (optind >= argc) {
        ret = cli_usage_error("extract", "missing FILE");
        goto done;
    }
    if ((o.preset == HUGI_PRESET_XPATH || o.preset == HUGI_PRESET_JSONPATH) && !o.items) {
        ret = cli_usage_error("extract", "--preset %s needs --items",
                              hugi_extract_preset_name(o.preset));
        goto done;
    }
    if (o.items && o.preset == HUGI_PRESET_AUTO) {
        ret = cli_usage_error("extract", "--items needs --preset xpath or --preset jsonpath");
        goto done;
    }
    o.fields = fields;
    o.nfields = nfields;
    bool named_source = o.source != NULL;
    size_t failed = 0;
    int nfiles = url_path ? 1 : argc - optind;
    for (int a = optind; a < optind + nfiles; a++) {
        const char *path = url_path ? url_path : argv[a];
        const char *base = strrchr(path, '/');
        o.name = strcmp(path, "-") == 0 ? "stdin" : (base ? base + 1 : path);
        if (!named_source)
            o.source = o.name;
        int r = extract_file(path, &o);
        if (r == HUGI_EXIT_USAGE) {
            ret = r;
            goto done;
        }
        if (r != HUGI_EXIT_OK)
            failed++;
    }
    if (failed)
        ret = failed == (size_t)nfiles ? HUGI_EXIT_FAIL : HUGI_EXIT_PARTIAL;
done:
    for (size_t i = 0; i < ncli_fields; i++)
        free(fieldbuf[i]);
    free(url_path);
    hugi_config_free(cfg);
    return ret;
}
