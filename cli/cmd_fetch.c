/* SPDX-License-Identifier: MIT
 * `hugi fetch`: fetch one URL (or many) politely and print the reviews as JSONL. The fetching is
 * the session of hugi/fetch.h, the reading of each page hugi_extract() of hugi/extract.h; this
 * file parses options and wires the two through the pagination driver: each page goes through
 * the extractor, whose review count and next cursor/link decide whether another page follows.
 * `--source NAME` reads the config's [fetch] and [source "NAME"] the way `hugi scan` does
 * (source_cfg.c) and lets the command line win: options are parsed twice, the first time only to
 * find --source and --config, so the config can be laid down before the options go over it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "hugi/extract.h"
#include "hugi/fetch.h"
#include "source_cfg.h"

#define MAX_FIELDS 32

static const char usage[] =
    "usage: hugi fetch URL... [options]\n"
    "       hugi fetch --source NAME [URL...] [options]\n"
    "\n"
    "Fetch pages or feeds politely (robots.txt, per-host limits and delay, retries) and print\n"
    "the reviews they hold as JSONL. Without --preset the kind of page is detected.\n"
    "\n"
    "Options:\n"
    "  -p, --preset P           auto, jsonld, microdata, appstore, youtube, reddit, twitter,\n"
    "                           googleplay, rss, csv, jsonl, xpath, jsonpath, json, layout\n"
    "  -s, --source NAME        take everything from the config's [source \"NAME\"] and\n"
    "                           [fetch] (a URL given replaces its url; options win)\n"
    "      --items SEL          xpath/jsonpath: the selector of review items\n"
    "      --field NAME=SEL     xpath/jsonpath: a field's selector relative to the item\n"
    "      --next SEL           XPath of the next-page link, or JSON path of the next cursor\n"
    "      --scale N            best rating when the source does not say it (default 5)\n"
    "      --product ID         product id written into every review\n"
    "      --source-name S      source name written into every review (default: the host)\n"
    "      --raw                write the response bodies unchanged instead of reviews\n"
    "  -o, --output FILE        write to FILE instead of standard output\n"
    "  -i, --urls FILE          read more URLs from FILE, one a line ('-' for stdin)\n"
    "      --pages N            fetch at most N pages per URL (default 1)\n"
    "      --page-param NAME    paginate by setting query parameter NAME to 1, 2, ...\n"
    "      --page-start N       first page number (default 1)\n"
    "      --page-step N        page number increment (default 1)\n"
    "      --cursor-param NAME  paginate by setting NAME to the cursor the page gives\n"
    "      --follow-next        paginate by the page's next link (default with --pages)\n"
    "      --backfill           go on past pages that bring nothing new\n"
    "  -H, --header 'K: V'      send a request header (repeatable)\n"
    "      --param K=V          set a query parameter (repeatable)\n"
    "      --cookie 'a=1; b=2'  send cookies\n"
    "      --etag E             send If-None-Match: E (conditional GET)\n"
    "      --last-modified D    send If-Modified-Since: D\n"
    "      --robots obey|ignore obey robots.txt (default) or not\n"
    "      --delay S            seconds between requests to one host (default 1)\n"
    "      --per-host N         transfers at once to one host (default 2)\n"
    "      --concurrency N      transfers at once in all (default 16)\n"
    "      --timeout S          seconds for a whole transfer (default 60)\n"
    "      --connect-timeout S  seconds to connect (default 10)\n"
    "      --retries N          retries on timeouts, 5xx and 429 (default 3)\n"
    "      --retry-max S        longest wait before a retry, Retry-After included (default 120)\n"
    "      --max-size BYTES     largest response, after decompression (default 20971520)\n"
    "      --contact C          contact URL or mail added to the User-Agent\n"
    "      --ca-file FILE       CA certificates to verify TLS with\n"
    "\n"
    "Exit status: 0 all fetched (or not modified), 1 all failed, 2 usage, 3 some failed.\n"
    "\n";

enum {
    OPT_ITEMS = 0x2001,
    OPT_FIELD,
    OPT_NEXT,
    OPT_SCALE,
    OPT_PRODUCT,
    OPT_SOURCE_NAME,
    OPT_CURSOR_PARAM,
    OPT_FOLLOW_NEXT,
    OPT_RAW,
    OPT_PAGES,
    OPT_PAGE_PARAM,
    OPT_PAGE_START,
    OPT_PAGE_STEP,
    OPT_BACKFILL,
    OPT_PARAM,
    OPT_COOKIE,
    OPT_ETAG,
    OPT_LASTMOD,
    OPT_ROBOTS,
    OPT_DELAY,
    OPT_PER_HOST,
    OPT_CONCURRENCY,
    OPT_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_RETRIES,
    OPT_RETRY_MAX,
    OPT_MAX_SIZE,
    OPT_CONTACT,
    OPT_CA_FILE,
};

struct strv {
    char **v;
    size_t n, cap;
};

static int strv_push(struct strv *s, char *p)
{
    if (s->n + 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        char **nv = realloc(s->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = ncap;
    }
    s->v[s->n++] = p;
    s->v[s->n] = NULL;
    return 0;
}

struct run {
    FILE *out;
    bool raw;
    long ok, failed, not_modified, reviews;
    bool write_failed;
    struct hugi_extract_opts xo;
    bool named_source;
    struct hugi_buf line;
    char source[256];
};

static hugi_rc print_review(const struct hugi_review *r, void *ctx)
{
    struct run *run = ctx;
    hugi_buf_reset(&run->line);
    hugi_rc rc = hugi_review_to_json(r, &run->line);
    if (rc)
        return rc;
    if (fwrite(run->line.data, 1, run->line.len, run->out) != run->line.len) {
        run->write_failed = true;
        return HUGI_E_IO;
    }
    run->reviews++;
    return HUGI_OK;
}

/* The default source name: the URL's host ("shop.example"), or "file" for saved pages. */
static void host_of(const char *url, char *out, size_t cap)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *at = p + strcspn(p, "/?#");
    const char *cred = memchr(p, '@', (size_t)(at - p));
    if (cred)
        p = cred + 1;
    size_t n = strcspn(p, ":/?#");
    if (n == 0)
        snprintf(out, cap, "file");
    else
        snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
}

/* Reads one page through the extractor; fills `next` from what it found. */
static hugi_rc extract_page(struct run *run, const struct hugi_fetch_resp *r,
                            struct hugi_page_next *next)
{
    struct hugi_extract_opts o = run->xo;
    o.name = r->final_url;
    o.url = r->final_url;
    /* the HTTP header's charset first; a source's encoding key when the server does not say */
    o.charset = r->charset ? r->charset : run->xo.charset;
    o.fetched_at = hugi_now();
    if (!run->named_source) {
        host_of(r->url, run->source, sizeof run->source);
        o.source = run->source;
    }
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_err_clear(&err);
    long before = run->reviews;
    hugi_rc rc = hugi_extract(r->body, r->body_len, &o, print_review, run, &res, &err);
    if (rc == HUGI_E_IO && run->write_failed) {
        hugi_extract_result_release(&res);
        return rc;
    }
    if (rc) {
        cli_error("%s: %s", err.where[0] ? err.where : r->final_url,
                  err.msg[0] ? err.msg : hugi_strerror(rc));
        run->failed++;
        next->stop = true;
    } else {
        run->ok++;
        cli_info("%s: preset %s, charset %s, %zu reviews, %zu duplicates dropped", r->final_url,
                 hugi_extract_preset_name(res.used), res.charset ? res.charset : "?", res.nreviews,
                 res.nduplicates);
        if (res.nwarnings)
            cli_warn("%s: %zu values skipped; first: %s", r->final_url, res.nwarnings, res.warning);
    }
    next->n_items = (size_t)(run->reviews - before);
    /* `hugi fetch` has no store, so nothing is known; `hugi scan` reports known reviews here */
    next->n_known = 0;
    /* the driver takes these (malloc'd) strings */
    next->cursor = res.next_cursor;
    next->next_url = res.next_url;
    res.next_cursor = NULL;
    res.next_url = NULL;
    hugi_extract_result_release(&res);
    return HUGI_OK;
}

static hugi_rc on_page(const struct hugi_fetch_resp *r, int page_no, struct hugi_page_next *next,
                       void *ctx)
{
    struct run *run = ctx;
    if (r->not_modified) {
        run->ok++;
        run->not_modified++;
        cli_info("%s: not modified", r->url);
        return HUGI_OK;
    }
    cli_info("%s: page %d, HTTP %ld, %zu bytes%s%s, %d attempt%s, %.2f s", r->final_url, page_no,
             r->status, r->body_len, r->charset ? ", charset " : "", r->charset ? r->charset : "",
             r->attempts, r->attempts == 1 ? "" : "s", r->seconds);
    if (cli_verbosity >= 2) {
        if (r->etag)
            cli_info("%s: etag %s", r->url, r->etag);
        if (r->last_modified)
            cli_info("%s: last-modified %s", r->url, r->last_modified);
    }
    if (!run->raw)
        return extract_page(run, r, next);
    /* raw mode only knows whether the page had a body */
    if (r->body_len && fwrite(r->body, 1, r->body_len, run->out) != r->body_len) {
        run->write_failed = true;
        return HUGI_E_IO;
    }
    run->ok++;
    next->n_items = r->body_len ? 1 : 0;
    return HUGI_OK;
}

static void on_end(const struct hugi_page_summary *s, void *ctx)
{
    struct run *run = ctx;
    if (s->stop == HUGI_PAGE_STOP_ERROR) {
        run->failed++;
        cli_error_err("cannot fetch", &s->err);
    }
}

static bool parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int read_urls(const char *path, struct strv *urls)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return HUGI_EXIT_USAGE;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = HUGI_EXIT_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len;
        const char *t = hugi_str_trim(line, (size_t)n, &len);
        if (len == 0 || t[0] == '#')
            continue;
        char *u = hugi_strndup(t, len);
        if (!u || strv_push(urls, u)) {
            free(u);
            cli_error("out of memory (%s:%ld)", path, lineno);
            rc = HUGI_EXIT_FAIL;
            break;
        }
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* Lays the config's [fetch] and [source "name"] under the command line: fetch options, what to
 * read and how, the request and its pagination. The strings stay the config's (*cfgp). */
static int load_source(const char *name, struct hugi_config **cfgp, struct hugi_fetch_opts *fo,
                       struct run *run, struct hugi_extract_field *fields,
                       struct cli_source_req *sreq)
{
    int rc = HUGI_EXIT_OK;
    struct hugi_config *cfg = cli_config_load(&rc);
    if (!cfg)
        return rc;
    *cfgp = cfg;
    if (!hugi_config_has_subsection(cfg, "source", name)) {
        cli_error("no [source \"%s\"] in %s%s", name, cli_config_path(),
                  hugi_config_name(cfg)[0] ? "" : " (there is no such file)");
        return HUGI_EXIT_USAGE;
    }
    long max_pages = CLI_SOURCE_DEFAULT_PAGES;
    cli_fetch_opts_from_config(cfg, fo, &max_pages);
    size_t nf = 0;
    rc = cli_source_extract_opts(cfg, name, &run->xo, fields, &nf, CLI_SOURCE_MAX_FIELDS, 0);
    if (rc)
        return rc;
    run->xo.source = name;
    run->named_source = true;
    run->xo.product = cli_source_product(cfg, name);
    return cli_source_req_init(cfg, name, max_pages, sreq);
}

int hugi_cmd_fetch(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"preset", required_argument, NULL, 'p'},
        {"source", required_argument, NULL, 's'},
        {"items", required_argument, NULL, OPT_ITEMS},
        {"field", required_argument, NULL, OPT_FIELD},
        {"next", required_argument, NULL, OPT_NEXT},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"product", required_argument, NULL, OPT_PRODUCT},
        {"source-name", required_argument, NULL, OPT_SOURCE_NAME},
        {"cursor-param", required_argument, NULL, OPT_CURSOR_PARAM},
        {"follow-next", no_argument, NULL, OPT_FOLLOW_NEXT},
        {"raw", no_argument, NULL, OPT_RAW},
        {"output", required_argument, NULL, 'o'},
        {"urls", required_argument, NULL, 'i'},
        {"pages", required_argument, NULL, OPT_PAGES},
        {"page-param", required_argument, NULL, OPT_PAGE_PARAM},
        {"page-start", required_argument, NULL, OPT_PAGE_START},
        {"page-step", required_argument, NULL, OPT_PAGE_STEP},
        {"backfill", no_argument, NULL, OPT_BACKFILL},
        {"header", required_argument, NULL, 'H'},
        {"param", required_argument, NULL, OPT_PARAM},
        {"cookie", required_argument, NULL, OPT_COOKIE},
        {"etag", required_argument, NULL, OPT_ETAG},
        {"last-modified", required_argument, NULL, OPT_LASTMOD},
        {"robots", required_argument, NULL, OPT_ROBOTS},
        {"delay", required_argument, NULL, OPT_DELAY},
        {"per-host", required_argument, NULL, OPT_PER_HOST},
        {"concurrency", required_argument, NULL, OPT_CONCURRENCY},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
        {"retries", required_argument, NULL, OPT_RETRIES},
        {"retry-max", required_argument, NULL, OPT_RETRY_MAX},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"contact", required_argument, NULL, OPT_CONTACT},
        {"ca-file", required_argument, NULL, OPT_CA_FILE},
        CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    struct hugi_fetch_opts fo;
    hugi_fetch_opts_init(&fo);
    struct hugi_page_opts po;
    hugi_page_opts_init(&po);
    po.max_pages = 1;
    struct strv urls = {0}, headers = {0}, params = {0};
    const char *output = NULL, *source = NULL, *cookie = NULL, *etag = NULL, *lastmod = NULL;
    bool raw = false, follow_next = false;
    struct run run = {.out = stdout};
    hugi_extract_opts_init(&run.xo);
    hugi_buf_init(&run.line, 0);
    struct hugi_extract_field fields[MAX_FIELDS];
    char *fieldbuf[MAX_FIELDS] = {NULL};
    size_t nfields = 0;
    struct hugi_config *cfg = NULL;
    struct cli_source_req sreq = {0};
    hugi_fetch_req_init(&sreq.req);
    bool cli_robots = false, cli_delay = false;
    int modes = 0; /* pagination modes the command line names */
    int rc = HUGI_EXIT_OK;
    int c;
    double v;
    _Static_assert(CLI_SOURCE_MAX_FIELDS <= MAX_FIELDS, "a source's fields fit");

    /* first pass: only --source and --config (silently), so the config lies under the options */
    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:o:i:H:", longopts, NULL)) != -1) {
        if (c == 's')
            source = optarg;
        else if (c == CLI_OPT_CONFIG)
            cli_common_opt(c, optarg);
    }
    opterr = 1;
    bool help = false;
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        help |= !strcmp(argv[i], "-h") || !strcmp(argv[i], "--help");
    if (source && !help) {
        rc = load_source(source, &cfg, &fo, &run, fields, &sreq);
        if (rc)
            goto out;
        nfields = run.xo.nfields;
        po = sreq.po;
        cookie = sreq.req.cookies;
        for (size_t i = 0; sreq.headers[i]; i++)
            if (strv_push(&headers, sreq.headers[i])) {
                rc = HUGI_EXIT_FAIL;
                goto out;
            }
        for (size_t i = 0; sreq.params[i]; i++)
            if (strv_push(&params, sreq.params[i])) {
                rc = HUGI_EXIT_FAIL;
                goto out;
            }
    }
    optind = 0;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:o:i:H:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            goto out;
        case 'p':
            if (!hugi_extract_preset_from_name(optarg, &run.xo.preset)) {
                rc = cli_usage_error("fetch", "unknown preset '%s'", optarg);
                goto out;
            }
            break;
        case 's':
            break; /* taken in the first pass */
        case OPT_ITEMS:
            run.xo.items = optarg;
            break;
        case OPT_FIELD: {
            const char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) {
                rc = cli_usage_error("fetch", "--field wants NAME=SELECTOR, not '%s'", optarg);
                goto out;
            }
            /* a field the source set already: the command line's selector wins */
            size_t nl = (size_t)(eq - optarg), at = 0;
            while (at < nfields &&
                   (strlen(fields[at].name) != nl || memcmp(fields[at].name, optarg, nl)))
                at++;
            if (at < nfields) {
                fields[at].selector = eq + 1;
                break;
            }
            if (nfields == MAX_FIELDS) {
                rc = cli_usage_error("fetch", "more than %d --field options", MAX_FIELDS);
                goto out;
            }
            fieldbuf[nfields] = hugi_strndup(optarg, (size_t)(eq - optarg));
            if (!fieldbuf[nfields]) {
                rc = HUGI_EXIT_FAIL;
                goto out;
            }
            fields[nfields].name = fieldbuf[nfields];
            fields[nfields].selector = eq + 1;
            nfields++;
            break;
        }
        case OPT_NEXT:
            run.xo.next = optarg;
            break;
        case OPT_SCALE:
            if (!parse_num(optarg, 1e-9, 1e9, &v)) {
                rc = cli_usage_error("fetch", "--scale wants a positive number, not '%s'", optarg);
                goto out;
            }
            run.xo.rating_scale = v;
            break;
        case OPT_PRODUCT:
            run.xo.product = optarg;
            break;
        case OPT_SOURCE_NAME:
            run.xo.source = optarg;
            run.named_source = true;
            break;
        case OPT_CURSOR_PARAM:
            /* the command line's mode replaces the source's */
            modes++;
            po.cursor_param = optarg;
            po.page_param = NULL;
            break;
        case OPT_FOLLOW_NEXT:
            modes++;
            follow_next = true;
            po.page_param = po.cursor_param = NULL;
            break;
        case OPT_RAW:
            raw = true;
            break;
        case 'o':
            output = optarg;
            break;
        case 'i':
            rc = read_urls(optarg, &urls);
            if (rc)
                goto out;
            break;
        case OPT_PAGES:
            if (!parse_num(optarg, 1, 100000, &v)) {
                rc = cli_usage_error("fetch", "--pages wants a number from 1, not '%s'", optarg);
                goto out;
            }
            po.max_pages = (int)v;
            break;
        case OPT_PAGE_PARAM:
            modes++;
            po.page_param = optarg;
            po.cursor_param = NULL;
            break;
        case OPT_PAGE_START:
        case OPT_PAGE_STEP:
            if (!parse_num(optarg, -1e9, 1e9, &v) || v != (long)v) {
                rc = cli_usage_error("fetch", "'%s' is not a whole number", optarg);
                goto out;
            }
            if (c == OPT_PAGE_START)
                po.start = (long)v;
            else
                po.step = (long)v;
            break;
        case OPT_BACKFILL:
            po.backfill = true;
            break;
        case 'H':
            if (!strchr(optarg, ':')) {
                rc = cli_usage_error("fetch", "header '%s' is not 'Name: value'", optarg);
                goto out;
            }
            if (strv_push(&headers, optarg)) {
                rc = HUGI_EXIT_FAIL;
                goto out;
            }
            break;
        case OPT_PARAM: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg) {
                rc = cli_usage_error("fetch", "parameter '%s' is not K=V", optarg);
                goto out;
            }
            *eq = '\0';
            if (strv_push(&params, optarg) || strv_push(&params, eq + 1)) {
                rc = HUGI_EXIT_FAIL;
                goto out;
            }
            break;
        }
        case OPT_COOKIE:
            cookie = optarg;
            break;
        case OPT_ETAG:
            etag = optarg;
            break;
        case OPT_LASTMOD:
            lastmod = optarg;
            break;
        case OPT_ROBOTS:
            cli_robots = true;
            if (!strcmp(optarg, "obey"))
                fo.robots = HUGI_ROBOTS_OBEY;
            else if (!strcmp(optarg, "ignore"))
                fo.robots = HUGI_ROBOTS_IGNORE;
            else {
                rc = cli_usage_error("fetch", "--robots is 'obey' or 'ignore', not '%s'", optarg);
                goto out;
            }
            break;
        case OPT_DELAY:
        case OPT_TIMEOUT:
        case OPT_CONNECT_TIMEOUT:
        case OPT_RETRY_MAX:
            if (!parse_num(optarg, 0, 86400, &v)) {
                rc = cli_usage_error("fetch", "'%s' is not a number of seconds", optarg);
                goto out;
            }
            cli_delay |= c == OPT_DELAY;
            if (c == OPT_DELAY)
                fo.host_delay = v;
            else if (c == OPT_TIMEOUT)
                fo.timeout = v;
            else if (c == OPT_CONNECT_TIMEOUT)
                fo.connect_timeout = v;
            else
                fo.retry_max = v;
            break;
        case OPT_PER_HOST:
        case OPT_CONCURRENCY:
        case OPT_RETRIES:
            if (!parse_num(optarg, c == OPT_RETRIES ? 0 : 1, 1000, &v) || v != (int)v) {
                rc = cli_usage_error("fetch", "'%s' is not a count", optarg);
                goto out;
            }
            if (c == OPT_PER_HOST)
                fo.max_per_host = (int)v;
            else if (c == OPT_CONCURRENCY)
                fo.max_total = (int)v;
            else
                fo.max_retries = (int)v;
            break;
        case OPT_MAX_SIZE:
            if (!parse_num(optarg, 1, 1e12, &v)) {
                rc = cli_usage_error("fetch", "--max-size wants bytes, not '%s'", optarg);
                goto out;
            }
            fo.max_body = (size_t)v;
            break;
        case OPT_CONTACT:
            fo.contact = optarg;
            break;
        case OPT_CA_FILE:
            fo.ca_file = optarg;
            break;
        default:
            if (cli_common_opt(c, optarg))
                break;
            rc = cli_bad_option("fetch", c, argv);
            goto out;
        }
    }
    for (int i = optind; i < argc; i++) {
        if (strv_push(&urls, hugi_strdup(argv[i])) || !urls.v[urls.n - 1]) {
            rc = HUGI_EXIT_FAIL;
            goto out;
        }
    }
    if (urls.n == 0 && source) {
        if (!sreq.req.url) {
            cli_error("source '%s' has no url (%s); give one", source, cli_config_path());
            rc = HUGI_EXIT_USAGE;
            goto out;
        }
        if (strv_push(&urls, hugi_strdup(sreq.req.url)) || !urls.v[0]) {
            rc = HUGI_EXIT_FAIL;
            goto out;
        }
    }
    if (urls.n == 0) {
        rc = cli_usage_error("fetch", "no URL given");
        goto out;
    }
    run.raw = raw;
    run.xo.fields = fields;
    run.xo.nfields = nfields;
    if (!raw && (run.xo.preset == HUGI_PRESET_XPATH || run.xo.preset == HUGI_PRESET_JSONPATH) &&
        !run.xo.items) {
        rc = cli_usage_error("fetch", "--preset %s needs --items",
                             hugi_extract_preset_name(run.xo.preset));
        goto out;
    }
    if (modes > 1) {
        rc = cli_usage_error("fetch", "--page-param, --cursor-param and --follow-next exclude "
                                      "each other");
        goto out;
    }
    /* the mode follows from what is set now, the source's keys and the options over them; a
     * source's page cap alone does not ask --raw to follow links it cannot see */
    po.mode = HUGI_PAGE_SINGLE;
    if (po.page_param)
        po.mode = HUGI_PAGE_NUMBER;
    else if (po.cursor_param)
        po.mode = HUGI_PAGE_CURSOR;
    else if (follow_next || (po.max_pages > 1 && !(raw && source)))
        po.mode = HUGI_PAGE_NEXT_URL;
    if (raw && (po.mode == HUGI_PAGE_CURSOR || po.mode == HUGI_PAGE_NEXT_URL)) {
        /* cursors and next links come from the extractor */
        rc = cli_usage_error("fetch", "--raw pages only by --page-param");
        goto out;
    }

    if (output) {
        run.out = fopen(output, "wb");
        if (!run.out) {
            cli_error("cannot write '%s': %s", output, strerror(errno));
            rc = HUGI_EXIT_FAIL;
            goto out;
        }
    }
    struct hugi_err err;
    struct hugi_fetch *f = hugi_fetch_new(&fo, NULL, NULL, &err);
    if (!f) {
        cli_error_err("cannot start fetching", &err);
        rc = HUGI_EXIT_FAIL;
        goto close;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < urls.n && rc == HUGI_EXIT_OK; i++) {
        struct hugi_fetch_req req;
        hugi_fetch_req_init(&req);
        req.url = urls.v[i];
        req.headers = (const char *const *)headers.v;
        req.params = (const char *const *)params.v;
        req.cookies = cookie;
        req.etag = etag;
        req.last_modified = lastmod;
        /* a source's own robots and delay, unless the command line said */
        req.source = source;
        req.robots = cli_robots ? HUGI_ROBOTS_DEFAULT : sreq.req.robots;
        req.host_delay = cli_delay ? -1 : sreq.req.host_delay;
        hugi_rc hr = hugi_fetch_paginate(f, &req, &po, on_page, on_end, &run, &err);
        if (hr) {
            cli_error_err("cannot fetch", &err);
            rc = hr == HUGI_E_NOMEM ? HUGI_EXIT_FAIL : HUGI_EXIT_USAGE;
        }
    }
    if (rc == HUGI_EXIT_OK && hugi_fetch_run(f, &err)) {
        if (run.write_failed)
            cli_error("cannot write '%s': %s", output ? output : "standard output",
                      strerror(errno));
        else
            cli_error_err("fetching stopped", &err);
        rc = HUGI_EXIT_FAIL;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const struct hugi_fetch_stats *st = hugi_fetch_stats(f);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    cli_info("%ld requests: %ld ok (%ld not modified), %ld failed, %ld refused; %ld retries, "
             "%ld redirects; %llu bytes in %.2f s (%.0f pages/s)",
             st->requests, st->ok, st->not_modified, st->failed, st->denied, st->retries,
             st->redirects, (unsigned long long)st->bytes, secs,
             secs > 0 ? (double)st->requests / secs : 0.0);
    if (!raw)
        cli_info("%ld reviews", run.reviews);
    if (rc == HUGI_EXIT_OK && run.failed)
        rc = run.ok ? HUGI_EXIT_PARTIAL : HUGI_EXIT_FAIL;
    hugi_fetch_free(f);
close:
    if (output && run.out && fclose(run.out) && rc == HUGI_EXIT_OK) {
        cli_error("cannot write '%s': %s", output, strerror(errno));
        rc = HUGI_EXIT_FAIL;
    }
    if (!output && fflush(stdout) && rc == HUGI_EXIT_OK)
        rc = HUGI_EXIT_FAIL;
out:
    for (size_t i = 0; i < urls.n; i++)
        free(urls.v[i]);
    free(urls.v);
    free(headers.v);
    free(params.v);
    for (size_t i = 0; i < nfields; i++)
        free(fieldbuf[i]);
    hugi_buf_release(&run.line);
    cli_source_req_release(&sreq);
    hugi_config_free(cfg);
    return rc;
}
