/* SPDX-License-Identifier: MIT
 * hugi_core: what every stage shares. Result codes and the error record, growable buffers with a
 * ceiling, an arena, UTF-8 helpers, JSON string escaping, hashing and time.
 *
 * Ownership: a function returning `char *` returns memory the caller frees with free(), unless
 * its comment says "borrowed". Strings travel as (s, len); a trailing NUL is a convenience only.
 */
#ifndef HUGI_CORE_H
#define HUGI_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
#define X(name, shortname, msg) name,
#include "hugi/errors.def"
#undef X
    HUGI_RC_COUNT_
} hugi_rc;

/* Where and why something failed. `where` names the input and the place in it:
 * "hugi.conf:12", "reviews.csv:40", "$.feed.entry[3].content", a URL. */
struct hugi_err {
    hugi_rc code;
    int sys_errno;    /* 0 if none */
    long http_status; /* 0 if none */
    char where[256];
    char msg[256];
};

const char *hugi_rc_name(hugi_rc rc);  /* "parse"; never NULL */
const char *hugi_strerror(hugi_rc rc); /* "malformed input"; never NULL */

/* Fills `err` (which may be NULL) and returns `code`, so a caller can write
 * `return hugi_err_set(err, HUGI_E_PARSE, path, "expected a string");`. `where` may be NULL.
 * Text longer than the fields is cut at a UTF-8 boundary. */
hugi_rc hugi_err_set(struct hugi_err *err, hugi_rc code, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
hugi_rc hugi_err_setv(struct hugi_err *err, hugi_rc code, const char *where, const char *fmt,
                      va_list ap);
void hugi_err_clear(struct hugi_err *err);
/* "message (where)" or "message" into `out` (size `cap`), git's message rule. */
const char *hugi_err_format(const struct hugi_err *err, char *out, size_t cap);

/* ---- growable buffer ------------------------------------------------------------------------
 * Always NUL-terminated after any successful call (data may be NULL before the first add).
 * `max` bounds the length: an add past it fails with HUGI_E_LIMIT and leaves the buffer as it
 * was, so hostile input cannot grow it without bound. */
struct hugi_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};
#define HUGI_BUF_UNLIMITED ((size_t)1 << 40)
void hugi_buf_init(struct hugi_buf *b, size_t max); /* max 0 = HUGI_BUF_UNLIMITED */
void hugi_buf_release(struct hugi_buf *b);
void hugi_buf_reset(struct hugi_buf *b); /* len = 0, memory kept */
hugi_rc hugi_buf_grow(struct hugi_buf *b, size_t extra);
hugi_rc hugi_buf_add(struct hugi_buf *b, const void *p, size_t len);
hugi_rc hugi_buf_addc(struct hugi_buf *b, char c);
hugi_rc hugi_buf_addstr(struct hugi_buf *b, const char *s);
hugi_rc hugi_buf_addf(struct hugi_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the memory to the caller (caller frees); the buffer is empty afterwards. Never NULL on
 * success: an empty buffer yields "". */
char *hugi_buf_detach(struct hugi_buf *b, size_t *len);

/* ---- arena: many small allocations dropped together (one page, one batch) ---------------- */
struct hugi_arena;
struct hugi_arena *hugi_arena_new(size_t block_size);      /* 0 = 64 KiB */
void hugi_arena_free(struct hugi_arena *a);                /* NULL is fine */
void hugi_arena_reset(struct hugi_arena *a);               /* keeps the first block */
void *hugi_arena_alloc(struct hugi_arena *a, size_t size); /* 16-byte aligned; NULL on OOM */
char *hugi_arena_strndup(struct hugi_arena *a, const char *s, size_t len);

/* ---- strings ---------------------------------------------------------------------------- */
char *hugi_strndup(const char *s, size_t len);  /* NULL on OOM; s may be NULL when len is 0 */
char *hugi_strdup(const char *s);               /* NULL in, NULL out */
bool hugi_str_eq(const char *a, const char *b); /* NULL-safe */
/* The first needle[0..nl) in h[0..hl), or NULL (memmem, which C17 lacks); nl 0 finds h. */
const char *hugi_memmem(const char *h, size_t hl, const char *needle, size_t nl);
/* Trims ASCII white space and U+00A0 / U+3000 at both ends; returns a pointer into s. */
const char *hugi_str_trim(const char *s, size_t len, size_t *out_len);

/* ---- UTF-8 ------------------------------------------------------------------------------- */
/* Decodes one code point at s; returns bytes used (1-4) and sets *cp, or 0 when the bytes at s
 * are not valid UTF-8 (overlong, surrogate, > U+10FFFF, truncated). len must be > 0. */
size_t hugi_utf8_decode(const char *s, size_t len, uint32_t *cp);
size_t hugi_utf8_encode(uint32_t cp, char out[4]); /* bytes written; invalid cp → U+FFFD */
bool hugi_utf8_valid(const char *s, size_t len);
size_t hugi_utf8_ncp(const char *s, size_t len); /* code points; an invalid byte counts as one */
/* Appends s to out with every invalid byte replaced by U+FFFD and NUL bytes dropped;
 * *nbad (may be NULL) gets the number of replacements. */
hugi_rc hugi_utf8_repair(const char *s, size_t len, struct hugi_buf *out, size_t *nbad);
/* Repair, then NFC (utf8proc). The text form hugi stores. Caller frees *out. */
hugi_rc hugi_utf8_nfc(const char *s, size_t len, char **out, size_t *out_len, size_t *nbad);
/* Longest prefix of s that is at most max_ncp code points and ends on a boundary. */
size_t hugi_utf8_prefix(const char *s, size_t len, size_t max_ncp);

/* ---- JSON -------------------------------------------------------------------------------- */
/* Appends a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD, control characters
 * are escaped, and U+2028/U+2029 too (so the output is also valid JavaScript). */
hugi_rc hugi_json_str(struct hugi_buf *out, const char *s, size_t len);
/* Appends `null` when s is NULL. */
hugi_rc hugi_json_strz(struct hugi_buf *out, const char *s);
/* Appends a number as JSON (finite only; NaN/inf become null). Shortest form that reads back. */
hugi_rc hugi_json_num(struct hugi_buf *out, double v);

/* ---- files ------------------------------------------------------------------------------- */
/* Writes data as path, whole or not at all (a temporary beside it, renamed over), as a new file
 * only this user may read or write, never through a link; what names it in errors
 * ("cannot write lexicon image: ..."). */
hugi_rc hugi_file_write_private(const char *path, const void *data, size_t len, const char *what,
                                struct hugi_err *err);

/* ---- hashing ----------------------------------------------------------------------------- */
/* 64-bit FNV-1a, then a final mix; stable across platforms and versions (ids are built from it). */
uint64_t hugi_hash64(const void *p, size_t len, uint64_t seed);
#define HUGI_HASH_SEED 0x6875676900000001ULL

/* ---- time -------------------------------------------------------------------------------- */
#define HUGI_NO_TIME INT64_MIN
int64_t hugi_now(void); /* seconds since the epoch, UTC; HUGI_NOW env overrides (tests) */
/* This machine's name into out (cut to cap - 1 bytes), "?" when it has none. */
void hugi_hostname(char *out, size_t cap);
/* "2024-01-15T09:30:00Z" into out[21]; HUGI_NO_TIME gives "". */
void hugi_time_format(int64_t t, char out[21]);
/* The zone's name as a reader sees it: 0 "UTC", +9 h "KST", else "+HH:MM" / "-HH:MM". */
void hugi_tz_label(int64_t tz, char out[8]);
/* For people, not files: t shifted by tz seconds east, "2024-01-15 18:30 KST" into out[28];
 * HUGI_NO_TIME (or a year outside 0..9999) gives "". */
void hugi_time_format_zone(int64_t t, int64_t tz, char out[28]);
/* Civil UTC date and time to epoch seconds (days_from_civil, no libc time zone). */
int64_t hugi_time_from_civil(int y, int mon, int d, int h, int mi, int s);
/* Parses ISO-8601: date, date+time, with or without zone (Z, +09:00, +0900); no zone = UTC.
 * Returns false on anything else. */
bool hugi_time_parse_iso(const char *s, size_t len, int64_t *t);

#endif
