/* SPDX-License-Identifier: MIT
 * The configuration file: INI / git-config style, one file.
 *
 *     # comment            ; comment too
 *     [fetch]
 *     concurrency = 8
 *     [source "coupang-1234"]          # quoted subsection name: \" and \\ escape
 *     url = https://example.com/p/1234?page=1
 *     header = X-Api-Key: ${SHOP_API_KEY}
 *
 * Section and key names are case-insensitive (stored lower case); subsection names are not.
 * A value runs to the end of the line; a '#' or ';' preceded by white space starts a comment
 * (so URLs with '#' or ';' inside work); surrounding white space is trimmed. A value in double
 * quotes keeps its white space and '#'/';', with \" \\ \n \t escapes. `${NAME}` expands to the
 * environment variable NAME (unset is an error naming file:line); `$${` is a literal `${`.
 *
 * Every section and key must be in the schema (hugi/config_keys.def); unknown ones, duplicate
 * keys (unless repeatable) and values that do not fit their type are errors with `where` =
 * "FILE:LINE" and messages like "unknown key 'urll' in [source \"x\"]". The first error stops
 * the load.
 */
#ifndef HUGI_CONFIG_H
#define HUGI_CONFIG_H

#include "hugi/core.h"

enum hugi_conf_type {
    HUGI_CONF_STRING,
    HUGI_CONF_PATH,
    HUGI_CONF_URL,
    HUGI_CONF_INT,
    HUGI_CONF_DOUBLE,
    HUGI_CONF_BOOL,
    HUGI_CONF_DURATION,
    HUGI_CONF_SIZE,
    HUGI_CONF_TZ,
    HUGI_CONF_ENUM,
    HUGI_CONF_LIST,
};

/* One row of the schema (hugi/config_keys.def). */
struct hugi_conf_key {
    const char *section;
    const char *key;
    enum hugi_conf_type type;
    const char *def;        /* default as text; "" = none */
    const char *constraint; /* "MIN..MAX", "a|b|c" or "" */
    bool repeatable;
    const char *doc;
};
struct hugi_conf_section {
    const char *name;
    bool has_subsection;
    const char *doc;
};
/* The schema, in file order; borrowed, static. */
const struct hugi_conf_key *hugi_config_schema(size_t *n);
const struct hugi_conf_section *hugi_config_sections(size_t *n);
/* The schema row of section.key, or NULL. */
const struct hugi_conf_key *hugi_config_key_info(const char *section, const char *key);
const char *hugi_conf_type_name(enum hugi_conf_type t); /* "int", "duration", ... */

struct hugi_config;

/* Reads and checks the file at `path`. Also records a warning (hugi_config_warning) when the file
 * is readable by group or others and holds a secret-looking value written literally (a key named
 * like key/token/secret/password, or a header/cookie/param value naming one): values taken from
 * ${ENV} are not in the file and raise no warning. A missing file is HUGI_E_NOTFOUND. */
hugi_rc hugi_config_load(const char *path, struct hugi_config **out, struct hugi_err *err);
/* The same from memory; `name` is used in `where` (e.g. "hugi.conf"). No permission check. */
hugi_rc hugi_config_parse(const char *name, const char *text, size_t len, struct hugi_config **out,
                          struct hugi_err *err);
/* The same, going on past a bad line: each configuration error (HUGI_E_CONFIG: unknown section
 * or key, a duplicate, a bad value, an unset ${ENV}) is passed to sink as it is found, up to 20,
 * and the keys under a bad section header are skipped (they would only repeat it). Any error
 * gives HUGI_E_CONFIG with the first in *err and no configuration; other failures (a file that
 * cannot be read, out of memory) are returned as by hugi_config_load and not passed to sink. */
typedef void (*hugi_config_error_fn)(const struct hugi_err *e, void *ctx);
hugi_rc hugi_config_load_all(const char *path, struct hugi_config **out, struct hugi_err *err,
                             hugi_config_error_fn sink, void *ctx);
hugi_rc hugi_config_parse_all(const char *name, const char *text, size_t len,
                              struct hugi_config **out, struct hugi_err *err,
                              hugi_config_error_fn sink, void *ctx);
/* An empty configuration (every key at its default); NULL on OOM. */
struct hugi_config *hugi_config_new_empty(void);
void hugi_config_free(struct hugi_config *c); /* NULL is fine */
/* The file name given to load/parse ("" for an empty configuration); borrowed. */
const char *hugi_config_name(const struct hugi_config *c);
/* Of names[0..n), the one a mistyped `typo` most likely meant, for "did you mean": equal but for
 * ASCII case, else within two edits and half its length (case-folded); NULL when none is. */
const char *hugi_closest_name(const char *typo, const char *const *names, size_t n);

/* Warnings found while loading: i-th message or NULL past the end; borrowed. */
const char *hugi_config_warning(const struct hugi_config *c, size_t i);

/* ---- raw lookup ---------------------------------------------------------------------------
 * sub is the subsection name for [source "x"] / [product "y"], NULL for plain sections.
 * Values are expanded (${ENV} done), NUL-terminated, borrowed until hugi_config_free(). */

/* The value set in the file, or NULL when absent (no default applied). *line (may be NULL) gets
 * its line number. For a repeatable key, the first value. */
const char *hugi_config_get(const struct hugi_config *c, const char *section, const char *sub,
                            const char *key, int *line);
/* The i-th value of a (repeatable) key in file order, NULL past the end. */
const char *hugi_config_get_nth(const struct hugi_config *c, const char *section, const char *sub,
                                const char *key, size_t i, int *line);
/* The value in the file, else the schema default, else NULL ("" defaults give NULL). */
const char *hugi_config_value(const struct hugi_config *c, const char *section, const char *sub,
                              const char *key);

/* Subsections of `section` ("source", "product") in the order they first appear;
 * NULL past the end. */
size_t hugi_config_subsection_count(const struct hugi_config *c, const char *section);
const char *hugi_config_subsection(const struct hugi_config *c, const char *section, size_t i);
/* Whether [section "sub"] appears in the file (even with no keys). */
bool hugi_config_has_subsection(const struct hugi_config *c, const char *section, const char *sub);

/* ---- typed getters ------------------------------------------------------------------------
 * Each reads the value in the file or else the schema default, parses it as the key's type and
 * checks the schema's constraint (range, choices). HUGI_E_NOTFOUND (err set) when the key has
 * neither a value nor a default; HUGI_E_CONFIG with where = FILE:LINE when the value is bad
 * (cannot happen for files that loaded, since load checks every value). A key not in the schema
 * is HUGI_E_INTERNAL (a bug in the caller). */
hugi_rc hugi_config_string(const struct hugi_config *c, const char *section, const char *sub,
                           const char *key, const char **out, struct hugi_err *err);
hugi_rc hugi_config_int(const struct hugi_config *c, const char *section, const char *sub,
                        const char *key, long *out, struct hugi_err *err);
hugi_rc hugi_config_double(const struct hugi_config *c, const char *section, const char *sub,
                           const char *key, double *out, struct hugi_err *err);
hugi_rc hugi_config_bool(const struct hugi_config *c, const char *section, const char *sub,
                         const char *key, bool *out, struct hugi_err *err);
/* Seconds; "30s", "5m", "1h", "2d", "1w", "500ms", "1.5h", a bare number = seconds. */
hugi_rc hugi_config_duration(const struct hugi_config *c, const char *section, const char *sub,
                             const char *key, double *out, struct hugi_err *err);
/* Bytes; "20M", "512K", "1G", "20MB", "20MiB", a bare number = bytes (binary multiples). */
hugi_rc hugi_config_size(const struct hugi_config *c, const char *section, const char *sub,
                         const char *key, uint64_t *out, struct hugi_err *err);
/* Seconds east of UTC (hugi_parse_tz). */
hugi_rc hugi_config_tz(const struct hugi_config *c, const char *section, const char *sub,
                       const char *key, int64_t *out, struct hugi_err *err);

/* ---- value parsers (also for command-line options) ----------------------------------------
 * Whole string must match (white space around is allowed); false otherwise. */
bool hugi_parse_bool(const char *s, bool *out); /* true/false yes/no on/off 1/0 */
bool hugi_parse_long(const char *s, long *out);
bool hugi_parse_double(const char *s, double *out); /* finite only */
bool hugi_parse_duration(const char *s, double *seconds);
bool hugi_parse_size(const char *s, uint64_t *bytes);
/* A fixed UTC offset in seconds east: UTC, Z, 0, KST, Asia/Seoul, +HH:MM, -HH:MM, +HHMM, +HH
 * (at most 14 h). Named zones other than these two are refused (no tz database, no DST). */
bool hugi_parse_tz(const char *s, int64_t *seconds_east);

#endif
