/* SPDX-License-Identifier: MIT
 * The configuration parser: git-config/INI syntax checked against the one schema table
 * (hugi/config_keys.def). Everything is validated at load time so that a typo or a bad value is
 * reported with FILE:LINE before any work starts, never half-way through a scan. Lookups are
 * linear: a configuration has hundreds of entries at most and is read a few times per run.
 */
#include "hugi/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A config bigger than this is not a config: refuse rather than read it all. */
#define CONF_MAX_FILE  (4u << 20)
#define CONF_MAX_VALUE (64u << 10)
/* With an error sink, parsing goes on past bad lines so that one run names every mistake; this
 * many and it stops (a file that is not a config at all would otherwise name every line). */
#define CONF_MAX_ERRORS 20

static const struct hugi_conf_section sections[] = {
#define HUGI_CONF_SECTION(name, sub, doc) {#name, sub, doc},
#define HUGI_CONF_KEY(section, key, type, def, constraint, rep, doc)
#include "hugi/config_keys.def"
#undef HUGI_CONF_SECTION
#undef HUGI_CONF_KEY
};

static const struct hugi_conf_key schema[] = {
#define HUGI_CONF_SECTION(name, sub, doc)
#define HUGI_CONF_KEY(section, key, type, def, constraint, rep, doc)                               \
    {#section, #key, HUGI_CONF_##type, def, constraint, rep, doc},
#include "hugi/config_keys.def"
#undef HUGI_CONF_SECTION
#undef HUGI_CONF_KEY
};

const struct hugi_conf_key *hugi_config_schema(size_t *n)
{
    *n = sizeof schema / sizeof schema[0];
    return schema;
}

const struct hugi_conf_section *hugi_config_sections(size_t *n)
{
    *n = sizeof sections / sizeof sections[0];
    return sections;
}

static const struct hugi_conf_section *find_section(const char *name)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (!strcmp(sections[i].name, name))
            return &sections[i];
    return NULL;
}

const struct hugi_conf_key *hugi_config_key_info(const char *section, const char *key)
{
    if (!section || !key)
        return NULL;
    for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
        if (!strcmp(schema[i].section, section) && !strcmp(schema[i].key, key))
            return &schema[i];
    return NULL;
}

const char *hugi_conf_type_name(enum hugi_conf_type t)
{
    static const char *const names[] = {"string",   "path", "url", "int",  "number", "bool",
                                        "duration", "size", "tz",  "enum", "list"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

/* ---- value parsers ----------------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static bool only_ws(const char *s)
{
    return *skip_ws(s) == '\0';
}

bool hugi_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    size_t len;
    const char *t = hugi_str_trim(s, strlen(s), &len);
    for (size_t i = 0; i < 4; i++) {
        if (strlen(yes[i]) == len && !strncasecmp(t, yes[i], len)) {
            *out = true;
            return true;
        }
        if (strlen(no[i]) == len && !strncasecmp(t, no[i], len)) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool hugi_parse_long(const char *s, long *out)
{
    s = skip_ws(s);
    if (!*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || !only_ws(end))
        return false;
    *out = v;
    return true;
}

bool hugi_parse_double(const char *s, double *out)
{
    s = skip_ws(s);
    /* strtod also takes hex floats, "inf" and "nan"; a config number is plain decimal */
    for (const char *p = s; *p && *p != ' ' && *p != '\t'; p++)
        if (!strchr("0123456789+-.eE", *p))
            return false;
    if (!*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || !only_ws(end) || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* A non-negative decimal number followed by a unit from `units` (longest first); returns the
 * number times the unit's factor. */
struct unit {
    const char *name;
    double factor;
};
static bool parse_with_unit(const char *s, const struct unit *units, double *out)
{
    s = skip_ws(s);
    const char *p = s;
    while (isdigit((unsigned char)*p) || *p == '.')
        p++;
    if (p == s || (p - s == 1 && *s == '.'))
        return false;
    char num[64];
    if ((size_t)(p - s) >= sizeof num)
        return false;
    memcpy(num, s, (size_t)(p - s));
    num[p - s] = '\0';
    char *end;
    double v = strtod(num, &end);
    if (*end || !isfinite(v))
        return false;
    p = skip_ws(p);
    const char *u = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    size_t ulen = (size_t)(p - u);
    if (!only_ws(p))
        return false;
    for (size_t i = 0; units[i].name; i++) {
        if (strlen(units[i].name) == ulen && !strncasecmp(u, units[i].name, ulen)) {
            *out = v * units[i].factor;
            return isfinite(*out);
        }
    }
    return false;
}

bool hugi_parse_duration(const char *s, double *seconds)
{
    static const struct unit units[] = {
        {"", 1},         {"ms", 0.001},  {"s", 1},         {"sec", 1},        {"second", 1},
        {"seconds", 1},  {"m", 60},      {"min", 60},      {"minute", 60},    {"minutes", 60},
        {"h", 3600},     {"hour", 3600}, {"hours", 3600},  {"d", 86400},      {"day", 86400},
        {"days", 86400}, {"w", 604800},  {"week", 604800}, {"weeks", 604800}, {NULL, 0},
    };
    return parse_with_unit(s, units, seconds);
}

bool hugi_parse_tz(const char *s, int64_t *tz)
{
    size_t n;
    const char *v = hugi_str_trim(s, strlen(s), &n);
    char t[16];
    if (n >= sizeof t)
        return false;
    memcpy(t, v, n);
    t[n] = '\0';
    if (!strcasecmp(t, "utc") || !strcmp(t, "Z") || !strcmp(t, "0")) {
        *tz = 0;
        return true;
    }
    if (!strcasecmp(t, "kst") || !strcasecmp(t, "Asia/Seoul")) {
        *tz = 9 * 3600;
        return true;
    }
    int sign = t[0] == '-' ? -1 : t[0] == '+' ? 1 : 0;
    if (!sign || !isdigit((unsigned char)t[1]) || !isdigit((unsigned char)t[2]))
        return false;
    int h = (t[1] - '0') * 10 + t[2] - '0';
    int m = 0;
    const char *p = t + 3;
    if (*p == ':')
        p++;
    if (*p) {
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2])
            return false;
        m = (p[0] - '0') * 10 + p[1] - '0';
    }
    if (h > 14 || m > 59)
        return false;
    *tz = sign * (h * 3600 + m * 60);
    return true;
}

bool hugi_parse_size(const char *s, uint64_t *bytes)
{
    static const struct unit units[] = {
        {"", 1},
        {"b", 1},
        {"k", 1024.0},
        {"kb", 1024.0},
        {"kib", 1024.0},
        {"m", 1048576.0},
        {"mb", 1048576.0},
        {"mib", 1048576.0},
        {"g", 1073741824.0},
        {"gb", 1073741824.0},
        {"gib", 1073741824.0},
        {NULL, 0},
    };
    double v;
    if (!parse_with_unit(s, units, &v) || v > 9.0e15)
        return false;
    *bytes = (uint64_t)v;
    return true;
}

/* ---- the configuration object ------------------------------------------------------------ */

struct entry {
    const struct hugi_conf_key *k;
    char *sub;   /* NULL for plain sections */
    char *value; /* expanded */
    int line;
    bool from_env; /* the value came (partly) from ${ENV} */
    bool literal_secret;
};

struct subsec {
    const char *section; /* schema string */
    char *name;
    int line;
};

struct hugi_config {
    char *name;
    struct entry *e;
    size_t n, cap;
    struct subsec *subs;
    size_t nsubs, capsubs;
    char **warn;
    size_t nwarn;
};

struct hugi_config *hugi_config_new_empty(void)
{
    struct hugi_config *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = hugi_strdup("");
    if (!c->name) {
        free(c);
        return NULL;
    }
    return c;
}

void hugi_config_free(struct hugi_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->e[i].sub);
        free(c->e[i].value);
    }
    for (size_t i = 0; i < c->nsubs; i++)
        free(c->subs[i].name);
    for (size_t i = 0; i < c->nwarn; i++)
        free(c->warn[i]);
    free(c->e);
    free(c->subs);
    free(c->warn);
    free(c->name);
    free(c);
}

const char *hugi_config_name(const struct hugi_config *c)
{
    return c->name;
}

const char *hugi_config_warning(const struct hugi_config *c, size_t i)
{
    return i < c->nwarn ? c->warn[i] : NULL;
}

static bool sub_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static const struct entry *find_entry(const struct hugi_config *c, const char *section,
                                      const char *sub, const char *key, size_t nth)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct entry *e = &c->e[i];
        if (!strcmp(e->k->section, section) && !strcmp(e->k->key, key) && sub_eq(e->sub, sub)) {
            if (nth == 0)
                return e;
            nth--;
        }
    }
    return NULL;
}

const char *hugi_config_get(const struct hugi_config *c, const char *section, const char *sub,
                            const char *key, int *line)
{
    return hugi_config_get_nth(c, section, sub, key, 0, line);
}

const char *hugi_config_get_nth(const struct hugi_config *c, const char *section, const char *sub,
                                const char *key, size_t i, int *line)
{
    const struct entry *e = find_entry(c, section, sub, key, i);
    if (!e)
        return NULL;
    if (line)
        *line = e->line;
    return e->value;
}

const char *hugi_config_value(const struct hugi_config *c, const char *section, const char *sub,
                              const char *key)
{
    const char *v = hugi_config_get(c, section, sub, key, NULL);
    if (v)
        return v;
    const struct hugi_conf_key *k = hugi_config_key_info(section, key);
    return k && k->def[0] ? k->def : NULL;
}

size_t hugi_config_subsection_count(const struct hugi_config *c, const char *section)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nsubs; i++)
        n += !strcmp(c->subs[i].section, section);
    return n;
}

const char *hugi_config_subsection(const struct hugi_config *c, const char *section, size_t i)
{
    for (size_t j = 0; j < c->nsubs; j++) {
        if (strcmp(c->subs[j].section, section))
            continue;
        if (i == 0)
            return c->subs[j].name;
        i--;
    }
    return NULL;
}

bool hugi_config_has_subsection(const struct hugi_config *c, const char *section, const char *sub)
{
    for (size_t j = 0; j < c->nsubs; j++)
        if (!strcmp(c->subs[j].section, section) && !strcmp(c->subs[j].name, sub))
            return true;
    return false;
}

/* ---- checking a value against the schema ------------------------------------------------- */

/* "[source \"x\"]" or "[fetch]" into out. */
static void section_label(char *out, size_t cap, const char *section, const char *sub)
{
    if (sub)
        snprintf(out, cap, "[%s \"%s\"]", section, sub);
    else
        snprintf(out, cap, "[%s]", section);
}

static bool in_choices(const char *choices, const char *v)
{
    size_t vlen;
    const char *t = hugi_str_trim(v, strlen(v), &vlen);
    const char *p = choices;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == vlen && !strncasecmp(p, t, len))
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

static bool parse_range(const char *constraint, double *lo, double *hi)
{
    const char *dots = strstr(constraint, "..");
    if (!dots || dots == constraint || (size_t)(dots - constraint) >= 32)
        return false;
    char low[32];
    memcpy(low, constraint, (size_t)(dots - constraint));
    low[dots - constraint] = '\0'; /* strtod alone would read "1." of "1..5" */
    char *end;
    *lo = strtod(low, &end);
    if (*end)
        return false;
    *hi = strtod(dots + 2, &end);
    return *end == '\0';
}

static size_t edit_distance(const char *a, const char *b);

/* The choice of a "a|b|c" list closest to a mistyped value, or false: hugi_closest_name()'s rule,
 * the same as a mistyped key's hint. */
static bool closest_choice(const char *choices, const char *v, char *out, size_t cap)
{
    char list[512], typo[64];
    const char *names[32];
    size_t n = 0, vlen;
    const char *t = hugi_str_trim(v, strlen(v), &vlen);
    if (vlen >= sizeof typo || strlen(choices) >= sizeof list)
        return false;
    memcpy(typo, t, vlen);
    typo[vlen] = '\0';
    strcpy(list, choices);
    for (char *p = list; p && n < 32; n++) {
        names[n] = p;
        if ((p = strchr(p, '|')))
            *p++ = '\0';
    }
    const char *best = hugi_closest_name(typo, names, n);
    if (best)
        snprintf(out, cap, "%s", best);
    return best != NULL;
}

/* Whether every item of a comma list is one of "a|b|c" (an unknown digest format was ignored,
 * and `formats = pdf` alone wrote no digest at all); else the first that is not, into why. */
static bool list_in_choices(const char *choices, const char *v, char *why, size_t cap)
{
    for (const char *p = v; *p;) {
        size_t len = strcspn(p, ","), tl;
        const char *t = hugi_str_trim(p, len, &tl);
        p += len + (p[len] == ',');
        if (!tl)
            continue;
        char item[64], hint[64];
        bool fits = tl < sizeof item;
        if (fits) {
            memcpy(item, t, tl);
            item[tl] = '\0';
            if (in_choices(choices, item))
                continue;
        }
        int shown = (int)(tl < 60 ? tl : 60);
        if (fits && closest_choice(choices, item, hint, sizeof hint))
            snprintf(why, cap, "'%.*s' is not one of %s (did you mean '%s'?)", shown, t, choices,
                     hint);
        else
            snprintf(why, cap, "'%.*s' is not one of %s", shown, t, choices);
        return false;
    }
    return true;
}

/* Checks `v` against k's type and constraint; on failure writes the reason into why. */
static bool check_value(const struct hugi_conf_key *k, const char *v, char *why, size_t cap)
{
    double lo, hi, d;
    long l;
    bool b;
    uint64_t sz;
    int64_t tz;
    switch (k->type) {
    case HUGI_CONF_STRING:
    case HUGI_CONF_PATH:
        return true;
    case HUGI_CONF_LIST:
        return !*k->constraint || list_in_choices(k->constraint, v, why, cap);
    case HUGI_CONF_URL:
        if (!*v || strstr(v, "://"))
            return true;
        snprintf(why, cap, "expected a URL (scheme://...)");
        return false;
    case HUGI_CONF_INT:
        if (!hugi_parse_long(v, &l)) {
            snprintf(why, cap, "expected an integer");
            return false;
        }
        if (parse_range(k->constraint, &lo, &hi) && (l < lo || l > hi)) {
            snprintf(why, cap, "expected an integer in %s", k->constraint);
            return false;
        }
        return true;
    case HUGI_CONF_DOUBLE:
        if (!hugi_parse_double(v, &d)) {
            snprintf(why, cap, "expected a number");
            return false;
        }
        if (parse_range(k->constraint, &lo, &hi) && (d < lo || d > hi)) {
            snprintf(why, cap, "expected a number in %s", k->constraint);
            return false;
        }
        return true;
    case HUGI_CONF_BOOL:
        if (hugi_parse_bool(v, &b))
            return true;
        snprintf(why, cap, "expected true or false");
        return false;
    case HUGI_CONF_DURATION:
        if (hugi_parse_duration(v, &d))
            return true;
        snprintf(why, cap, "expected a duration like 30s, 5m, 1h, 7d");
        return false;
    case HUGI_CONF_SIZE:
        if (hugi_parse_size(v, &sz))
            return true;
        snprintf(why, cap, "expected a size like 512K, 20M, 1G");
        return false;
    case HUGI_CONF_TZ:
        if (hugi_parse_tz(v, &tz))
            return true;
        snprintf(why, cap, "expected a time zone: UTC, KST or an offset like +09:00, -05:00");
        return false;
    case HUGI_CONF_ENUM:
        if (in_choices(k->constraint, v))
            return true;
        char hint[64];
        if (closest_choice(k->constraint, v, hint, sizeof hint))
            snprintf(why, cap, "expected one of %s (did you mean '%s'?)", k->constraint, hint);
        else
            snprintf(why, cap, "expected one of %s", k->constraint);
        return false;
    }
    return false;
}

/* ---- the parser -------------------------------------------------------------------------- */

struct parser {
    struct hugi_config *c;
    const char *name;
    int line;
    const struct hugi_conf_section *section; /* current, NULL before the first header */
    char *sub;                               /* current subsection (owned by c->subs) */
    struct hugi_err *err;
};

/* The edit distance of two short names, for "did you mean" (names are at most 63 bytes). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *hugi_closest_name(const char *typo, const char *const *names, size_t n)
{
    char low[64], cand[64];
    size_t tl = strlen(typo);
    if (!tl || tl >= sizeof low)
        return NULL;
    for (size_t i = 0; i <= tl; i++)
        low[i] = (char)tolower((unsigned char)typo[i]);
    const char *best = NULL;
    size_t best_d = 3, limit = tl / 2;
    for (size_t i = 0; i < n; i++) {
        size_t l = names[i] ? strlen(names[i]) : sizeof cand;
        if (l >= sizeof cand)
            continue;
        for (size_t k = 0; k <= l; k++)
            cand[k] = (char)tolower((unsigned char)names[i][k]);
        size_t d = edit_distance(low, cand);
        if (d < best_d && (d <= limit || !strcmp(low, cand))) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

/* The known name closest to a mistyped one (section names when section is NULL, else that
 * section's keys), or NULL when none is within two edits and half the name's length. */
static const char *closest_name(const char *section, const char *typo)
{
    const char *best = NULL;
    size_t best_d = 3, limit = strlen(typo) / 2;
    size_t n = section ? sizeof schema / sizeof schema[0] : sizeof sections / sizeof sections[0];
    for (size_t i = 0; i < n; i++) {
        const char *name = section ? schema[i].key : sections[i].name;
        if (section && strcmp(schema[i].section, section))
            continue;
        size_t d = edit_distance(typo, name);
        if (d < best_d && d <= limit) {
            best = name;
            best_d = d;
        }
    }
    return best;
}

static hugi_rc perr(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static hugi_rc perr(struct parser *p, const char *fmt, ...)
{
    char where[256];
    snprintf(where, sizeof where, "%s:%d", p->name, p->line);
    va_list ap;
    va_start(ap, fmt);
    hugi_err_setv(p->err, HUGI_E_CONFIG, where, fmt, ap);
    va_end(ap);
    return HUGI_E_CONFIG;
}

static bool name_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.';
}

/* Rest of a line after a header or a quoted value: only white space or a comment. */
static bool rest_is_empty(const char *s)
{
    s = skip_ws(s);
    return *s == '\0' || *s == '#' || *s == ';';
}

/* Expands ${NAME} and $${ in src into out. */
static hugi_rc expand(struct parser *p, const char *src, struct hugi_buf *out, bool *from_env)
{
    hugi_rc rc = HUGI_OK;
    for (const char *s = src; *s && !rc;) {
        if (s[0] == '$' && s[1] == '$' && s[2] == '{') {
            rc = hugi_buf_add(out, "${", 2);
            s += 3;
            continue;
        }
        if (s[0] != '$' || s[1] != '{') {
            rc = hugi_buf_addc(out, *s++);
            continue;
        }
        const char *name = s + 2;
        const char *end = strchr(name, '}');
        if (!end)
            return perr(p, "unterminated '${' in value (write $${ for a literal ${)");
        size_t len = (size_t)(end - name);
        bool ok = len > 0 && len < 256 && (isalpha((unsigned char)name[0]) || name[0] == '_');
        for (size_t i = 0; ok && i < len; i++)
            ok = isalnum((unsigned char)name[i]) || name[i] == '_';
        if (!ok)
            return perr(p, "bad environment variable name '${%.*s}'", (int)(len < 64 ? len : 64),
                        name);
        char var[256];
        memcpy(var, name, len);
        var[len] = '\0';
        const char *val = getenv(var);
        if (!val)
            return perr(p, "environment variable '%s' is not set", var);
        rc = hugi_buf_addstr(out, val);
        *from_env = true;
        s = end + 1;
    }
    if (rc == HUGI_E_LIMIT)
        return perr(p, "value longer than %u bytes", CONF_MAX_VALUE);
    return rc;
}

static hugi_rc add_subsection(struct parser *p, const char *section, const char *name)
{
    struct hugi_config *c = p->c;
    for (size_t i = 0; i < c->nsubs; i++) {
        if (!strcmp(c->subs[i].section, section) && !strcmp(c->subs[i].name, name)) {
            p->sub = c->subs[i].name; /* a repeated header continues the same subsection */
            return HUGI_OK;
        }
    }
    if (c->nsubs == c->capsubs) {
        size_t ncap = c->capsubs ? c->capsubs * 2 : 8;
        struct subsec *ns = realloc(c->subs, ncap * sizeof *ns);
        if (!ns)
            return HUGI_E_NOMEM;
        c->subs = ns;
        c->capsubs = ncap;
    }
    char *copy = hugi_strdup(name);
    if (!copy)
        return HUGI_E_NOMEM;
    c->subs[c->nsubs].section = section;
    c->subs[c->nsubs].name = copy;
    c->subs[c->nsubs].line = p->line;
    c->nsubs++;
    p->sub = copy;
    return HUGI_OK;
}

static hugi_rc parse_header(struct parser *p, const char *s)
{
    s = skip_ws(s + 1); /* past '[' */
    char name[64];
    size_t n = 0;
    while (name_char(*s)) {
        if (n + 1 >= sizeof name)
            return perr(p, "section name too long");
        name[n++] = (char)tolower((unsigned char)*s++);
    }
    name[n] = '\0';
    s = skip_ws(s);
    bool has_sub = false;
    struct hugi_buf sub;
    hugi_buf_init(&sub, 1024);
    hugi_rc rc = HUGI_OK;
    if (*s == '"') {
        has_sub = true;
        s++;
        while (*s && *s != '"' && !rc) {
            if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
                s++;
            rc = hugi_buf_addc(&sub, *s++);
        }
        if (rc) {
            hugi_buf_release(&sub);
            return rc == HUGI_E_LIMIT ? perr(p, "subsection name too long") : rc;
        }
        if (*s != '"') {
            hugi_buf_release(&sub);
            return perr(p, "unterminated subsection name (missing '\"')");
        }
        s = skip_ws(s + 1);
    }
    if (*s != ']' || !rest_is_empty(s + 1)) {
        hugi_buf_release(&sub);
        return perr(p, "malformed section header (expected [name] or [name \"sub\"])");
    }
    if (!n) {
        hugi_buf_release(&sub);
        return perr(p, "empty section name");
    }
    const struct hugi_conf_section *sec = find_section(name);
    if (!sec) {
        hugi_buf_release(&sub);
        const char *hint = closest_name(NULL, name);
        if (hint)
            return perr(p, "unknown section [%s] (did you mean [%s]?)", name, hint);
        return perr(p, "unknown section [%s]", name);
    }
    if (sec->has_subsection && (!has_sub || sub.len == 0)) {
        hugi_buf_release(&sub);
        return perr(p, "section [%s] needs a name: [%s \"NAME\"]", name, name);
    }
    if (!sec->has_subsection && has_sub) {
        hugi_buf_release(&sub);
        return perr(p, "section [%s] takes no name", name);
    }
    if (has_sub && (memchr(sub.data, '\n', sub.len) || strlen(sub.data) != sub.len)) {
        hugi_buf_release(&sub);
        return perr(p, "bad subsection name");
    }
    p->section = sec;
    p->sub = NULL;
    if (has_sub)
        rc = add_subsection(p, sec->name, sub.data);
    hugi_buf_release(&sub);
    return rc;
}

/* Words that make a key or a header/cookie/param value look like it holds a credential. */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (!strncasecmp(hay, needle, n))
            return true;
    return false;
}

static bool secretish(const char *s)
{
    static const char *const words[] = {"key",    "token",         "secret", "password",
                                        "passwd", "authorization", "bearer", "credential"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (contains_nocase(s, words[i]))
            return true;
    return false;
}

static hugi_rc parse_key(struct parser *p, const char *s)
{
    char key[64];
    size_t n = 0;
    while (name_char(*s)) {
        if (n + 1 >= sizeof key)
            return perr(p, "key name too long");
        key[n++] = (char)tolower((unsigned char)*s++);
    }
    key[n] = '\0';
    s = skip_ws(s);
    if (!n || *s != '=')
        return perr(p, "expected 'key = value'");
    if (!p->section)
        return perr(p, "key '%s' outside any section", key);
    char label[320];
    section_label(label, sizeof label, p->section->name, p->sub);
    const struct hugi_conf_key *k = hugi_config_key_info(p->section->name, key);
    if (!k) {
        const char *hint = closest_name(p->section->name, key);
        if (hint)
            return perr(p, "unknown key '%s' in %s (did you mean '%s'?)", key, label, hint);
        return perr(p, "unknown key '%s' in %s", key, label);
    }
    if (!k->repeatable) {
        const struct entry *old = find_entry(p->c, k->section, p->sub, k->key, 0);
        if (old)
            return perr(p, "duplicate key '%s' in %s (first at line %d)", key, label, old->line);
    }

    /* the raw value: quoted, or up to a comment */
    s = skip_ws(s + 1);
    struct hugi_buf raw;
    hugi_buf_init(&raw, CONF_MAX_VALUE);
    hugi_rc rc = HUGI_OK;
    if (*s == '"') {
        s++;
        while (*s && *s != '"' && !rc) {
            char ch = *s++;
            if (ch == '\\') {
                char e = *s++;
                switch (e) {
                case '"':
                case '\\':
                    ch = e;
                    break;
                case 'n':
                    ch = '\n';
                    break;
                case 't':
                    ch = '\t';
                    break;
                default:
                    hugi_buf_release(&raw);
                    return perr(p, "unknown escape '\\%c' in quoted value", e ? e : '0');
                }
            }
            rc = hugi_buf_addc(&raw, ch);
        }
        if (!rc && *s != '"') {
            hugi_buf_release(&raw);
            return perr(p, "unterminated quoted value");
        }
        if (!rc && !rest_is_empty(s + 1)) {
            hugi_buf_release(&raw);
            return perr(p, "text after the closing quote");
        }
    } else {
        const char *end = s;
        while (*end &&
               !((*end == '#' || *end == ';') && (end == s || end[-1] == ' ' || end[-1] == '\t')))
            end++;
        size_t len;
        const char *t = hugi_str_trim(s, (size_t)(end - s), &len);
        rc = hugi_buf_add(&raw, t, len);
    }
    if (!rc)
        rc = hugi_buf_addc(&raw, '\0'); /* so raw.data exists even when empty */
    if (rc) {
        hugi_buf_release(&raw);
        return rc == HUGI_E_LIMIT ? perr(p, "value longer than %u bytes", CONF_MAX_VALUE) : rc;
    }
    struct hugi_buf val;
    hugi_buf_init(&val, CONF_MAX_VALUE);
    bool from_env = false;
    rc = expand(p, raw.data, &val, &from_env);
    if (!rc)
        rc = hugi_buf_addc(&val, '\0');
    if (rc) {
        hugi_buf_release(&raw);
        hugi_buf_release(&val);
        return rc;
    }
    char why[200];
    if (!check_value(k, val.data, why, sizeof why)) {
        char shown[80];
        size_t cut = hugi_utf8_prefix(val.data, strlen(val.data), 60);
        snprintf(shown, sizeof shown, "%.*s%s", (int)cut, val.data, val.data[cut] ? "..." : "");
        hugi_buf_release(&raw);
        hugi_buf_release(&val);
        return perr(p, "invalid value '%s' for '%s' in %s: %s", shown, key, label, why);
    }
    /* A literal secret is one written in the file itself: a ${ENV} reference keeps it out. */
    bool literal_secret = false;
    if (!strstr(raw.data, "${") && raw.data[0]) {
        if (secretish(k->key))
            literal_secret = true;
        else if (k->repeatable && k->type == HUGI_CONF_STRING && secretish(raw.data))
            literal_secret = true;
    }
    hugi_buf_release(&raw);

    struct hugi_config *c = p->c;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 16;
        struct entry *ne = realloc(c->e, ncap * sizeof *ne);
        if (!ne) {
            hugi_buf_release(&val);
            return HUGI_E_NOMEM;
        }
        c->e = ne;
        c->cap = ncap;
    }
    struct entry *e = &c->e[c->n];
    e->k = k;
    e->sub = p->sub ? hugi_strdup(p->sub) : NULL;
    e->value = hugi_buf_detach(&val, NULL);
    e->line = p->line;
    e->from_env = from_env;
    e->literal_secret = literal_secret;
    if (!e->value || (p->sub && !e->sub)) {
        free(e->sub);
        free(e->value);
        return HUGI_E_NOMEM;
    }
    c->n++;
    return HUGI_OK;
}

hugi_rc hugi_config_parse(const char *name, const char *text, size_t len, struct hugi_config **out,
                          struct hugi_err *err)
{
    return hugi_config_parse_all(name, text, len, out, err, NULL, NULL);
}

hugi_rc hugi_config_parse_all(const char *name, const char *text, size_t len,
                              struct hugi_config **out, struct hugi_err *err,
                              hugi_config_error_fn sink, void *ctx)
{
    *out = NULL;
    if (len > CONF_MAX_FILE) {
        char where[256];
        snprintf(where, sizeof where, "%s", name);
        return hugi_err_set(err, HUGI_E_LIMIT, where, "configuration larger than %u bytes",
                            CONF_MAX_FILE);
    }
    struct hugi_config *c = calloc(1, sizeof *c);
    if (!c || !(c->name = hugi_strdup(name))) {
        free(c);
        return hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
    }
    struct hugi_err local;
    hugi_err_clear(&local);
    if (!err)
        err = &local; /* the sink needs each error */
    struct parser p = {.c = c, .name = name, .line = 0, .err = err};
    struct hugi_err first;
    hugi_err_clear(&first);
    int nerr = 0;
    bool skip = false; /* after a bad header: its keys would only repeat the error */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;
        len -= 3;
    }
    struct hugi_buf line;
    hugi_buf_init(&line, 0);
    hugi_rc rc = HUGI_OK;
    size_t pos = 0;
    while (pos < len && !rc) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - (text + pos)) : len - pos;
        p.line++;
        if (memchr(text + pos, '\0', l)) {
            rc = perr(&p, "NUL byte in line");
            break;
        }
        if (l && text[pos + l - 1] == '\r')
            l--;
        hugi_buf_reset(&line);
        rc = hugi_buf_add(&line, text + pos, l);
        if (!rc)
            rc = hugi_buf_addc(&line, '\0');
        pos = nl ? (size_t)(nl - text) + 1 : len;
        if (rc)
            break;
        if (!hugi_utf8_valid(line.data, l)) {
            rc = perr(&p, "invalid UTF-8");
            break;
        }
        const char *s = skip_ws(line.data);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            rc = parse_header(&p, s);
            skip = rc == HUGI_E_CONFIG;
            if (skip)
                p.section = NULL;
        } else if (!skip) {
            rc = parse_key(&p, s);
        }
        if (rc == HUGI_E_CONFIG && sink && nerr < CONF_MAX_ERRORS) {
            if (!nerr++)
                first = *err;
            sink(err, ctx);
            rc = nerr < CONF_MAX_ERRORS ? HUGI_OK : HUGI_E_CONFIG;
        }
    }
    hugi_buf_release(&line);
    /* a line that stops the parse (a NUL byte, invalid UTF-8) is still named through the sink */
    if (rc == HUGI_E_CONFIG && sink && nerr < CONF_MAX_ERRORS) {
        if (!nerr++)
            first = *err;
        sink(err, ctx);
    }
    if (!rc && nerr)
        rc = HUGI_E_CONFIG;
    if (rc == HUGI_E_CONFIG && nerr)
        *err = first;
    if (rc) {
        if (rc == HUGI_E_NOMEM)
            hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
        hugi_config_free(c);
        return rc;
    }
    *out = c;
    return HUGI_OK;
}

static hugi_rc add_warning(struct hugi_config *c, const char *msg)
{
    char **nw = realloc(c->warn, (c->nwarn + 1) * sizeof *nw);
    if (!nw)
        return HUGI_E_NOMEM;
    c->warn = nw;
    c->warn[c->nwarn] = hugi_strdup(msg);
    if (!c->warn[c->nwarn])
        return HUGI_E_NOMEM;
    c->nwarn++;
    return HUGI_OK;
}

hugi_rc hugi_config_load(const char *path, struct hugi_config **out, struct hugi_err *err)
{
    return hugi_config_load_all(path, out, err, NULL, NULL);
}

hugi_rc hugi_config_load_all(const char *path, struct hugi_config **out, struct hugi_err *err,
                             hugi_config_error_fn sink, void *ctx)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        hugi_err_set(err, e == ENOENT ? HUGI_E_NOTFOUND : HUGI_E_IO, path, "cannot open: %s",
                     strerror(e));
        if (err)
            err->sys_errno = e;
        return e == ENOENT ? HUGI_E_NOTFOUND : HUGI_E_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return hugi_err_set(err, HUGI_E_IO, path, "not a regular file");
    }
    if ((uint64_t)st.st_size > CONF_MAX_FILE) {
        close(fd);
        return hugi_err_set(err, HUGI_E_LIMIT, path, "configuration larger than %u bytes",
                            CONF_MAX_FILE);
    }
    struct hugi_buf b;
    hugi_buf_init(&b, CONF_MAX_FILE + 1);
    hugi_rc rc = HUGI_OK;
    for (;;) {
        rc = hugi_buf_grow(&b, 65536);
        if (rc)
            break;
        ssize_t r = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc = hugi_err_set(err, HUGI_E_IO, path, "cannot read: %s", strerror(errno));
            break;
        }
        if (r == 0)
            break;
        b.len += (size_t)r;
        b.data[b.len] = '\0';
    }
    close(fd);
    if (rc == HUGI_E_LIMIT)
        rc = hugi_err_set(err, HUGI_E_LIMIT, path, "configuration larger than %u bytes",
                          CONF_MAX_FILE);
    if (!rc)
        rc = hugi_config_parse_all(path, b.data ? b.data : "", b.len, out, err, sink, ctx);
    hugi_buf_release(&b);
    if (rc)
        return rc;
    if (st.st_mode & (S_IRGRP | S_IROTH)) {
        struct hugi_config *c = *out;
        for (size_t i = 0; i < c->n; i++) {
            if (!c->e[i].literal_secret)
                continue;
            char label[320], msg[800];
            section_label(label, sizeof label, c->e[i].k->section, c->e[i].sub);
            snprintf(msg, sizeof msg,
                     "%s:%d: '%s' in %s looks like a secret and the file is readable by others; "
                     "chmod 600 it or move the value to ${ENV}",
                     path, c->e[i].line, c->e[i].k->key, label);
            if (add_warning(c, msg)) {
                hugi_config_free(c);
                *out = NULL;
                return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
            }
        }
    }
    return HUGI_OK;
}

/* ---- typed getters ----------------------------------------------------------------------- */

/* The value (file or default) of a schema key, with its line (0 for defaults). */
static hugi_rc typed_value(const struct hugi_config *c, const char *section, const char *sub,
                           const char *key, enum hugi_conf_type want,
                           const struct hugi_conf_key **kout, const char **v, char *where,
                           size_t wcap, struct hugi_err *err)
{
    const struct hugi_conf_key *k = hugi_config_key_info(section, key);
    if (!k || k->type != want) {
        return hugi_err_set(err, HUGI_E_INTERNAL, NULL, "config key %s.%s is not a %s key", section,
                            key, hugi_conf_type_name(want));
    }
    int line = 0;
    *v = hugi_config_get(c, section, sub, key, &line);
    if (*v)
        snprintf(where, wcap, "%s:%d", c->name, line);
    else {
        *v = k->def;
        snprintf(where, wcap, "default of %s.%s", section, key);
    }
    if (!**v && want != HUGI_CONF_STRING) {
        char label[320];
        section_label(label, sizeof label, section, sub);
        return hugi_err_set(err, HUGI_E_NOTFOUND, c->name[0] ? c->name : NULL,
                            "'%s' is not set in %s", key, label);
    }
    char why[200];
    if (!check_value(k, *v, why, sizeof why)) {
        char label[320];
        section_label(label, sizeof label, section, sub);
        return hugi_err_set(err, HUGI_E_CONFIG, where, "invalid value for '%s' in %s: %s", key,
                            label, why);
    }
    *kout = k;
    return HUGI_OK;
}

hugi_rc hugi_config_string(const struct hugi_config *c, const char *section, const char *sub,
                           const char *key, const char **out, struct hugi_err *err)
{
    const struct hugi_conf_key *k = hugi_config_key_info(section, key);
    if (!k)
        return hugi_err_set(err, HUGI_E_INTERNAL, NULL, "config key %s.%s is not in the schema",
                            section, key);
    const char *v = hugi_config_value(c, section, sub, key);
    if (!v) {
        char label[320];
        section_label(label, sizeof label, section, sub);
        return hugi_err_set(err, HUGI_E_NOTFOUND, c->name[0] ? c->name : NULL,
                            "'%s' is not set in %s", key, label);
    }
    *out = v;
    return HUGI_OK;
}

#define TYPED_GETTER(fname, ctype, type, parse)                                                    \
    hugi_rc fname(const struct hugi_config *c, const char *section, const char *sub,               \
                  const char *key, ctype *out, struct hugi_err *err)                               \
    {                                                                                              \
        const struct hugi_conf_key *k;                                                             \
        const char *v;                                                                             \
        char where[300];                                                                           \
        hugi_rc rc = typed_value(c, section, sub, key, type, &k, &v, where, sizeof where, err);    \
        if (rc)                                                                                    \
            return rc;                                                                             \
        return parse(v, out)                                                                       \
                   ? HUGI_OK                                                                       \
                   : hugi_err_set(err, HUGI_E_CONFIG, where, "invalid value for '%s'", key);       \
    }

TYPED_GETTER(hugi_config_int, long, HUGI_CONF_INT, hugi_parse_long)
TYPED_GETTER(hugi_config_double, double, HUGI_CONF_DOUBLE, hugi_parse_double)
TYPED_GETTER(hugi_config_bool, bool, HUGI_CONF_BOOL, hugi_parse_bool)
TYPED_GETTER(hugi_config_duration, double, HUGI_CONF_DURATION, hugi_parse_duration)
TYPED_GETTER(hugi_config_size, uint64_t, HUGI_CONF_SIZE, hugi_parse_size)
TYPED_GETTER(hugi_config_tz, int64_t, HUGI_CONF_TZ, hugi_parse_tz)
