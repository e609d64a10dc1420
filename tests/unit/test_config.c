/* SPDX-License-Identifier: MIT
 * The configuration parser: good files, every kind of bad file (with the exact FILE:LINE
 * message), value types, the secret warning, and that examples/hugi.conf documents every key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hugi/config.h"

static struct hugi_config *parse_ok(const char *text)
{
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_config_parse("t.conf", text, strlen(text), &c, &err);
    if (rc)
        fail_msg("unexpected error: %s (%s)", err.msg, err.where);
    return c;
}

/* Parses text that must fail; checks where and message. */
static void parse_bad(const char *text, const char *where, const char *msg)
{
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_config_parse("t.conf", text, strlen(text), &c, &err);
    assert_int_equal(rc, HUGI_E_CONFIG);
    assert_null(c);
    assert_string_equal(err.where, where);
    assert_string_equal(err.msg, msg);
}

static void test_good_file(void **state)
{
    (void)state;
    setenv("HUGI_TEST_KEY", "s3cr3t", 1);
    struct hugi_config *c = parse_ok("\xEF\xBB\xBF# a comment\r\n"
                                     "; another\n"
                                     "[Store]\n"
                                     "  Path = /var/lib/hugi.db   # trailing comment\n"
                                     "[fetch]\n"
                                     "concurrency=16\n"
                                     "delay = 500ms\n"
                                     "max_size = 1M\n"
                                     "[source \"b \\\"quoted\\\" src\"]\n"
                                     "url = https://x.example/a#frag;b  ; comment\n"
                                     "header = X-Key: ${HUGI_TEST_KEY}\n"
                                     "header = \"Accept:  text/html # not a comment\"\n"
                                     "rating_scale = 10\n"
                                     "robots = IGNORE\n"
                                     "[source \"a\"]\n"
                                     "url = file:///tmp/x.html\n"
                                     "field_text = $${literal}\n"
                                     "[product \"P1\"]\n"
                                     "name = 무선 이어폰\n"
                                     "[source \"b \\\"quoted\\\" src\"]\n"
                                     "lang = ko\n"
                                     "[sentiment]\n"
                                     "lexicon = a.tsv\n"
                                     "lexicon = b.tsv\n");
    int line = 0;
    assert_string_equal(hugi_config_get(c, "store", NULL, "path", &line), "/var/lib/hugi.db");
    assert_int_equal(line, 4);
    const char *src = "b \"quoted\" src";
    assert_string_equal(hugi_config_get(c, "source", src, "url", NULL),
                        "https://x.example/a#frag;b");
    assert_string_equal(hugi_config_get_nth(c, "source", src, "header", 0, NULL), "X-Key: s3cr3t");
    assert_string_equal(hugi_config_get_nth(c, "source", src, "header", 1, &line),
                        "Accept:  text/html # not a comment");
    assert_int_equal(line, 12);
    assert_null(hugi_config_get_nth(c, "source", src, "header", 2, NULL));
    assert_string_equal(hugi_config_get(c, "source", "a", "field_text", NULL), "${literal}");
    assert_string_equal(hugi_config_get(c, "source", src, "lang", NULL), "ko");
    assert_string_equal(hugi_config_get(c, "product", "P1", "name", NULL), "무선 이어폰");
    assert_string_equal(hugi_config_get_nth(c, "sentiment", NULL, "lexicon", 1, NULL), "b.tsv");
    /* subsections in order of first appearance */
    assert_int_equal(hugi_config_subsection_count(c, "source"), 2);
    assert_string_equal(hugi_config_subsection(c, "source", 0), src);
    assert_string_equal(hugi_config_subsection(c, "source", 1), "a");
    assert_null(hugi_config_subsection(c, "source", 2));
    assert_int_equal(hugi_config_subsection_count(c, "product"), 1);
    assert_true(hugi_config_has_subsection(c, "product", "P1"));
    assert_false(hugi_config_has_subsection(c, "product", "P2"));

    /* typed getters, with defaults */
    long l;
    double d;
    bool b;
    uint64_t sz;
    const char *s;
    assert_int_equal(hugi_config_int(c, "fetch", NULL, "concurrency", &l, NULL), HUGI_OK);
    assert_int_equal(l, 16);
    assert_int_equal(hugi_config_int(c, "fetch", NULL, "per_host", &l, NULL), HUGI_OK);
    assert_int_equal(l, 2); /* default */
    assert_int_equal(hugi_config_duration(c, "fetch", NULL, "delay", &d, NULL), HUGI_OK);
    assert_true(d > 0.499 && d < 0.501);
    assert_int_equal(hugi_config_duration(c, "complaints", NULL, "window", &d, NULL), HUGI_OK);
    assert_true(d == 7 * 86400.0);
    assert_int_equal(hugi_config_size(c, "fetch", NULL, "max_size", &sz, NULL), HUGI_OK);
    assert_int_equal(sz, 1048576);
    assert_int_equal(hugi_config_double(c, "source", src, "rating_scale", &d, NULL), HUGI_OK);
    assert_true(d == 10);
    assert_int_equal(hugi_config_bool(c, "source", "a", "enabled", &b, NULL), HUGI_OK);
    assert_true(b);
    assert_int_equal(hugi_config_bool(c, "alerts", NULL, "thank_positive", &b, NULL), HUGI_OK);
    assert_false(b);
    assert_int_equal(hugi_config_string(c, "source", src, "robots", &s, NULL), HUGI_OK);
    assert_string_equal(s, "IGNORE");
    assert_int_equal(hugi_config_string(c, "alerts", NULL, "dir", &s, NULL), HUGI_OK);
    assert_string_equal(s, "alerts");
    struct hugi_err err;
    assert_int_equal(hugi_config_string(c, "source", "a", "product", &s, &err), HUGI_E_NOTFOUND);
    assert_int_equal(hugi_config_int(c, "source", "a", "pages", &l, &err), HUGI_E_NOTFOUND);
    /* asking for a key that is not in the schema, or with the wrong type, is a bug */
    assert_int_equal(hugi_config_int(c, "fetch", NULL, "nosuch", &l, &err), HUGI_E_INTERNAL);
    assert_int_equal(hugi_config_int(c, "fetch", NULL, "delay", &l, &err), HUGI_E_INTERNAL);
    assert_string_equal(hugi_config_value(c, "store", NULL, "backend"), "sqlite");
    assert_null(hugi_config_value(c, "fetch", NULL, "ca_file"));
    assert_null(hugi_config_warning(c, 0)); /* parse() checks no permissions */
    hugi_config_free(c);
}

static void test_empty_config_defaults(void **state)
{
    (void)state;
    struct hugi_config *c = hugi_config_new_empty();
    assert_non_null(c);
    long l;
    assert_int_equal(hugi_config_int(c, "fetch", NULL, "max_redirects", &l, NULL), HUGI_OK);
    assert_int_equal(l, 5);
    assert_int_equal(hugi_config_subsection_count(c, "source"), 0);
    assert_string_equal(hugi_config_value(c, "store", NULL, "path"), "hugi.db");
    hugi_config_free(c);
    hugi_config_free(NULL);
}

struct sunk {
    int n;
    char where[8][256];
    char msg[8][256];
};

static void sink(const struct hugi_err *e, void *ctx)
{
    struct sunk *s = ctx;
    if (s->n < 8) {
        snprintf(s->where[s->n], sizeof s->where[0], "%s", e->where);
        snprintf(s->msg[s->n], sizeof s->msg[0], "%s", e->msg);
    }
    s->n++;
}

/* With a sink every bad line is named in one run (not one per run of fix-and-retry); the keys
 * under a bad section header are skipped rather than each reported, and the first error is
 * still the one returned. */
static void test_every_error_named(void **state)
{
    (void)state;
    const char *text = "[store]\npaht = x.db\n[fetch]\ntimeout = abc\nretries = 3\n"
                       "[alertz]\ndir = a\nbogus = 1\n[alerts]\nmin_severity = urgent\n";
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    struct sunk s = {0};
    assert_int_equal(hugi_config_parse_all("t.conf", text, strlen(text), &c, &err, sink, &s),
                     HUGI_E_CONFIG);
    assert_null(c);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.where[0], "t.conf:2");
    assert_string_equal(s.where[1], "t.conf:4");
    assert_string_equal(s.where[2], "t.conf:6");
    assert_string_equal(s.where[3], "t.conf:10");
    assert_non_null(strstr(s.msg[3], "'urgent'"));
    assert_string_equal(err.where, "t.conf:2");
    /* a file of nothing but errors stops after 20 */
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addstr(&b, "[store]\n");
    for (int i = 0; i < 100; i++)
        hugi_buf_addf(&b, "nope%d = 1\n", i);
    memset(&s, 0, sizeof s);
    assert_int_equal(hugi_config_parse_all("t.conf", b.data, b.len, &c, &err, sink, &s),
                     HUGI_E_CONFIG);
    assert_int_equal(s.n, 20);
    hugi_buf_release(&b);
    /* a good file through the same call: no error, nothing sunk */
    memset(&s, 0, sizeof s);
    const char *good = "[store]\npath = x.db\n";
    assert_int_equal(hugi_config_parse_all("t.conf", good, strlen(good), &c, &err, sink, &s),
                     HUGI_OK);
    assert_int_equal(s.n, 0);
    hugi_config_free(c);
}

static void test_bad_files(void **state)
{
    (void)state;
    unsetenv("HUGI_TEST_UNSET");
    parse_bad("[source \"x\"]\nurl = http://a\n\nurll = http://b\n", "t.conf:4",
              "unknown key 'urll' in [source \"x\"] (did you mean 'url'?)");
    parse_bad("# c\n[stor]\n", "t.conf:2", "unknown section [stor] (did you mean [store]?)");
    /* no suggestion when nothing is close */
    parse_bad("[store]\nwibble = 1\n", "t.conf:2", "unknown key 'wibble' in [store]");
    parse_bad("[zz]\n", "t.conf:1", "unknown section [zz]");
    parse_bad("[fetch]\ndelay = 1s\ndelay = 2s\n", "t.conf:3",
              "duplicate key 'delay' in [fetch] (first at line 2)");
    parse_bad("[source \"x\"]\nurl = http://a\n[source \"x\"]\nurl = http://b\n", "t.conf:4",
              "duplicate key 'url' in [source \"x\"] (first at line 2)");
    parse_bad("[source \"x\"]\nheader = A: ${HUGI_TEST_UNSET}\n", "t.conf:2",
              "environment variable 'HUGI_TEST_UNSET' is not set");
    parse_bad("[source \"x\"]\nheader = ${oops\n", "t.conf:2",
              "unterminated '${' in value (write $${ for a literal ${)");
    parse_bad("[source \"x\"]\nheader = ${1X}\n", "t.conf:2",
              "bad environment variable name '${1X}'");
    parse_bad("[fetch]\nconcurrency = 0\n", "t.conf:2",
              "invalid value '0' for 'concurrency' in [fetch]: expected an integer in 1..256");
    parse_bad("[fetch]\nconcurrency = lots\n", "t.conf:2",
              "invalid value 'lots' for 'concurrency' in [fetch]: expected an integer");
    parse_bad("[fetch]\ndelay = 5 parsecs\n", "t.conf:2",
              "invalid value '5 parsecs' for 'delay' in [fetch]: expected a duration like 30s, "
              "5m, 1h, 7d");
    parse_bad("[fetch]\nmax_size = 20X\n", "t.conf:2",
              "invalid value '20X' for 'max_size' in [fetch]: expected a size like 512K, 20M, 1G");
    parse_bad("[source \"x\"]\nrobots = maybe\n", "t.conf:2",
              "invalid value 'maybe' for 'robots' in [source \"x\"]: expected one of obey|ignore");
    /* a typo of a choice points at the closest, as a key's typo does */
    parse_bad("[source \"x\"]\npreset = jsnold\n", "t.conf:2",
              "invalid value 'jsnold' for 'preset' in [source \"x\"]: expected one of "
              "auto|jsonld|microdata|appstore|youtube|reddit|twitter|googleplay|rss|xpath|jsonpath|"
              "csv|jsonl|json|layout (did you mean 'jsonld'?)");
    parse_bad("[alerts]\nmin_severity = HIHG\n", "t.conf:2",
              "invalid value 'HIHG' for 'min_severity' in [alerts]: expected one of "
              "critical|high|medium|low (did you mean 'high'?)");
    parse_bad("[store]\nbackend = sqlit\n", "t.conf:2",
              "invalid value 'sqlit' for 'backend' in [store]: expected one of sqlite (did you "
              "mean 'sqlite'?)");
    /* a list of choices: every item one of them */
    parse_bad("[report]\nformats = html, pdf\n", "t.conf:2",
              "invalid value 'html, pdf' for 'formats' in [report]: 'pdf' is not one of html|md");
    parse_bad("[report]\nformats = htm\n", "t.conf:2",
              "invalid value 'htm' for 'formats' in [report]: 'htm' is not one of html|md (did you "
              "mean 'html'?)");
    parse_bad("[source \"x\"]\nenabled = sometimes\n", "t.conf:2",
              "invalid value 'sometimes' for 'enabled' in [source \"x\"]: expected true or false");
    parse_bad("[source \"x\"]\nurl = not a url\n", "t.conf:2",
              "invalid value 'not a url' for 'url' in [source \"x\"]: expected a URL "
              "(scheme://...)");
    parse_bad("[sentiment]\nneg_threshold = -2\n", "t.conf:2",
              "invalid value '-2' for 'neg_threshold' in [sentiment]: expected a number in -1..1");
    parse_bad("[source]\n", "t.conf:1", "section [source] needs a name: [source \"NAME\"]");
    parse_bad("[source \"\"]\n", "t.conf:1", "section [source] needs a name: [source \"NAME\"]");
    parse_bad("[fetch \"x\"]\n", "t.conf:1", "section [fetch] takes no name");
    parse_bad("[source \"x]\n", "t.conf:1", "unterminated subsection name (missing '\"')");
    parse_bad("[fetch\n", "t.conf:1",
              "malformed section header (expected [name] or [name \"sub\"])");
    parse_bad("[fetch] junk\n", "t.conf:1",
              "malformed section header (expected [name] or [name \"sub\"])");
    parse_bad("delay = 1s\n", "t.conf:1", "key 'delay' outside any section");
    parse_bad("[fetch]\ndelay\n", "t.conf:2", "expected 'key = value'");
    parse_bad("[fetch]\n= 3\n", "t.conf:2", "expected 'key = value'");
    parse_bad("[source \"x\"]\nheader = \"abc\n", "t.conf:2", "unterminated quoted value");
    parse_bad("[source \"x\"]\nheader = \"abc\" def\n", "t.conf:2", "text after the closing quote");
    parse_bad("[source \"x\"]\nheader = \"a\\qb\"\n", "t.conf:2",
              "unknown escape '\\q' in quoted value");
    parse_bad("[fetch]\n\xff\xfe = 1\n", "t.conf:2", "invalid UTF-8");
    {
        static const char nul[] = "[fetch]\ndelay = 1s\0x\n";
        struct hugi_config *c = NULL;
        struct hugi_err err;
        assert_int_equal(hugi_config_parse("t.conf", nul, sizeof nul - 1, &c, &err), HUGI_E_CONFIG);
        assert_string_equal(err.where, "t.conf:2");
        assert_string_equal(err.msg, "NUL byte in line");
    }
}

static void test_value_parsers(void **state)
{
    (void)state;
    double d;
    uint64_t sz;
    bool b;
    long l;
    assert_true(hugi_parse_duration("30s", &d) && d == 30);
    assert_true(hugi_parse_duration("5m", &d) && d == 300);
    assert_true(hugi_parse_duration("1h", &d) && d == 3600);
    assert_true(hugi_parse_duration("1.5h", &d) && d == 5400);
    assert_true(hugi_parse_duration("2d", &d) && d == 172800);
    assert_true(hugi_parse_duration("1w", &d) && d == 604800);
    assert_true(hugi_parse_duration("250ms", &d) && d > 0.249 && d < 0.251);
    assert_true(hugi_parse_duration(" 42 ", &d) && d == 42);
    assert_true(hugi_parse_duration("3 minutes", &d) && d == 180);
    assert_false(hugi_parse_duration("", &d));
    assert_false(hugi_parse_duration("-5s", &d));
    assert_false(hugi_parse_duration("5y", &d));
    assert_false(hugi_parse_duration("s", &d));
    assert_false(hugi_parse_duration(".", &d));
    assert_true(hugi_parse_size("20M", &sz) && sz == 20u * 1048576);
    assert_true(hugi_parse_size("512k", &sz) && sz == 524288);
    assert_true(hugi_parse_size("1GiB", &sz) && sz == 1073741824u);
    assert_true(hugi_parse_size("100", &sz) && sz == 100);
    assert_true(hugi_parse_size("2MB", &sz) && sz == 2097152);
    assert_false(hugi_parse_size("20Q", &sz));
    assert_false(hugi_parse_size("1e99", &sz));
    int64_t tz;
    assert_true(hugi_parse_tz("KST", &tz) && tz == 9 * 3600);
    assert_true(hugi_parse_tz(" utc ", &tz) && tz == 0);
    assert_true(hugi_parse_tz("+09:00", &tz) && tz == 9 * 3600);
    assert_true(hugi_parse_tz("-05:00", &tz) && tz == -5 * 3600);
    assert_true(hugi_parse_tz("+0530", &tz) && tz == 5 * 3600 + 1800);
    assert_false(hugi_parse_tz("+25:00", &tz));
    assert_false(hugi_parse_tz("09:00", &tz));
    assert_false(hugi_parse_tz("Europe/Paris", &tz));
    assert_false(hugi_parse_tz("+09:00:00", &tz));
    assert_true(hugi_parse_bool("Yes", &b) && b);
    assert_true(hugi_parse_bool("off", &b) && !b);
    assert_true(hugi_parse_bool(" 1 ", &b) && b);
    assert_false(hugi_parse_bool("maybe", &b));
    assert_true(hugi_parse_long("-12", &l) && l == -12);
    assert_false(hugi_parse_long("12abc", &l));
    assert_false(hugi_parse_long("99999999999999999999999", &l));
    assert_true(hugi_parse_double("0.25", &d) && d == 0.25);
    assert_false(hugi_parse_double("nan", &d));
    assert_false(hugi_parse_double("inf", &d));
    assert_false(hugi_parse_double("0x10", &d));
}

static char *write_tmp(const char *text, mode_t mode)
{
    char *path = strdup("/tmp/hugi-test-conf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
    return path;
}

static void test_secret_warning(void **state)
{
    (void)state;
    setenv("HUGI_TEST_KEY", "s3cr3t", 1);
    const char *literal = "[source \"x\"]\nurl = https://a.example\n"
                          "header = Authorization: Bearer abc123\n";
    const char *from_env = "[source \"x\"]\nurl = https://a.example\n"
                           "header = Authorization: Bearer ${HUGI_TEST_KEY}\n";
    struct {
        const char *text;
        mode_t mode;
        bool warn;
    } cases[] = {
        {literal, 0644, true},
        {literal, 0600, false},
        {from_env, 0644, false},
        {"[notify]\nwebhook = https://hooks.example/T0/B0/token123\n", 0644, false},
        {"[source \"x\"]\nparam = api_key=abc\n", 0640, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = write_tmp(cases[i].text, cases[i].mode);
        struct hugi_config *c = NULL;
        struct hugi_err err;
        hugi_err_clear(&err);
        assert_int_equal(hugi_config_load(path, &c, &err), HUGI_OK);
        const char *w = hugi_config_warning(c, 0);
        if (cases[i].warn) {
            assert_non_null(w);
            assert_non_null(strstr(w, "looks like a secret"));
            assert_non_null(strstr(w, path));
        } else {
            assert_null(w);
        }
        hugi_config_free(c);
        unlink(path);
        free(path);
    }
    struct hugi_config *c = NULL;
    struct hugi_err err;
    assert_int_equal(hugi_config_load("/nonexistent/hugi.conf", &c, &err), HUGI_E_NOTFOUND);
    assert_null(c);
}

/* Every key of the schema appears in examples/hugi.conf, under its section, as `key =` or
 * `# key =`; and the example is itself a valid configuration. */
static void test_example_documents_every_key(void **state)
{
    (void)state;
    const char *path = HUGI_SOURCE_DIR "/examples/hugi.conf";
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[1024];
    char section[64] = "";
    size_t n;
    const struct hugi_conf_key *keys = hugi_config_schema(&n);
    bool *seen = calloc(n, sizeof *seen);
    while (fgets(line, sizeof line, fp)) {
        char *s = line;
        if (*s == '#')
            s++;
        while (*s == ' ')
            s++;
        if (*s == '[') {
            size_t k = 0;
            s++;
            while (s[k] && s[k] != ']' && s[k] != ' ' && k + 1 < sizeof section)
                k++;
            memcpy(section, s, k);
            section[k] = '\0';
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            size_t kl = strlen(keys[i].key);
            if (!strcmp(keys[i].section, section) && !strncmp(s, keys[i].key, kl) &&
                (s[kl] == ' ' || s[kl] == '='))
                seen[i] = true;
        }
    }
    fclose(fp);
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (!seen[i]) {
            print_error("examples/hugi.conf does not document [%s] %s\n", keys[i].section,
                        keys[i].key);
            missing++;
        }
    }
    free(seen);
    assert_int_equal(missing, 0);
    setenv("SHOP_API_KEY", "x", 1);
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_config_load(path, &c, &err))
        fail_msg("examples/hugi.conf: %s (%s)", err.msg, err.where);
    assert_true(hugi_config_subsection_count(c, "source") >= 3);
    hugi_config_free(c);
}

/* docs/config.md (generated by docs/config-md.py) has a row for every key, under its section. */
static void test_reference_documents_every_key(void **state)
{
    (void)state;
    FILE *fp = fopen(HUGI_SOURCE_DIR "/docs/config.md", "r");
    assert_non_null(fp);
    char line[2048];
    char section[64] = "";
    size_t n;
    const struct hugi_conf_key *keys = hugi_config_schema(&n);
    bool *seen = calloc(n, sizeof *seen);
    while (fgets(line, sizeof line, fp)) {
        if (!strncmp(line, "## [", 4)) {
            size_t k = 0;
            while (line[4 + k] && line[4 + k] != ']' && line[4 + k] != ' ' &&
                   k + 1 < sizeof section)
                k++;
            memcpy(section, line + 4, k);
            section[k] = '\0';
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            char cell[128];
            snprintf(cell, sizeof cell, "| `%s` |", keys[i].key);
            if (!strcmp(keys[i].section, section) && !strncmp(line, cell, strlen(cell)))
                seen[i] = true;
        }
    }
    fclose(fp);
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (!seen[i]) {
            print_error("docs/config.md lacks [%s] %s (python3 docs/config-md.py > "
                        "docs/config.md)\n",
                        keys[i].section, keys[i].key);
            missing++;
        }
    }
    free(seen);
    assert_int_equal(missing, 0);
}

/* The schema itself: defaults fit their own types and constraints. */
static void test_schema_defaults_valid(void **state)
{
    (void)state;
    size_t n;
    const struct hugi_conf_key *keys = hugi_config_schema(&n);
    struct hugi_config *c = hugi_config_new_empty();
    for (size_t i = 0; i < n; i++) {
        const struct hugi_conf_key *k = &keys[i];
        assert_ptr_equal(hugi_config_key_info(k->section, k->key), k);
        if (!k->def[0])
            continue;
        const char *sub = "x";
        size_t ns;
        const struct hugi_conf_section *secs = hugi_config_sections(&ns);
        for (size_t j = 0; j < ns; j++)
            if (!strcmp(secs[j].name, k->section) && !secs[j].has_subsection)
                sub = NULL;
        struct hugi_err err;
        hugi_err_clear(&err);
        hugi_rc rc = HUGI_OK;
        long l;
        double d;
        bool b;
        uint64_t sz;
        const char *s;
        switch (k->type) {
        case HUGI_CONF_INT:
            rc = hugi_config_int(c, k->section, sub, k->key, &l, &err);
            break;
        case HUGI_CONF_DOUBLE:
            rc = hugi_config_double(c, k->section, sub, k->key, &d, &err);
            break;
        case HUGI_CONF_BOOL:
            rc = hugi_config_bool(c, k->section, sub, k->key, &b, &err);
            break;
        case HUGI_CONF_DURATION:
            rc = hugi_config_duration(c, k->section, sub, k->key, &d, &err);
            break;
        case HUGI_CONF_SIZE:
            rc = hugi_config_size(c, k->section, sub, k->key, &sz, &err);
            break;
        default:
            rc = hugi_config_string(c, k->section, sub, k->key, &s, &err);
            break;
        }
        if (rc)
            fail_msg("default of %s.%s: %s", k->section, k->key, err.msg);
    }
    hugi_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_empty_config_defaults),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_every_error_named),
        cmocka_unit_test(test_value_parsers),
        cmocka_unit_test(test_secret_warning),
        cmocka_unit_test(test_example_documents_every_key),
        cmocka_unit_test(test_reference_documents_every_key),
        cmocka_unit_test(test_schema_defaults_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
