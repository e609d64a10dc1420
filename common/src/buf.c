/* SPDX-License-Identifier: MIT
 * Growable buffers with a ceiling, and an arena. The ceiling is what keeps a hostile page or a
 * 10 GB line from taking the machine's memory: callers choose it, adds past it fail cleanly. */
#include "hugi/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hugi_buf_init(struct hugi_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : HUGI_BUF_UNLIMITED;
}

void hugi_buf_release(struct hugi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void hugi_buf_reset(struct hugi_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

hugi_rc hugi_buf_grow(struct hugi_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return HUGI_E_LIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return HUGI_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap < ((size_t)1 << 62) ? cap * 2 : need;
    char *p = realloc(b->data, cap);
    if (!p)
        return HUGI_E_NOMEM;
    b->data = p;
    b->cap = cap;
    return HUGI_OK;
}

hugi_rc hugi_buf_add(struct hugi_buf *b, const void *p, size_t len)
{
    hugi_rc rc = hugi_buf_grow(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, p, len);
    b->len += len;
    b->data[b->len] = '\0';
    return HUGI_OK;
}

hugi_rc hugi_buf_addc(struct hugi_buf *b, char c)
{
    return hugi_buf_add(b, &c, 1);
}

hugi_rc hugi_buf_addstr(struct hugi_buf *b, const char *s)
{
    return hugi_buf_add(b, s, strlen(s));
}

hugi_rc hugi_buf_addf(struct hugi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return HUGI_E_INTERNAL;
    if ((size_t)n < sizeof small)
        return hugi_buf_add(b, small, (size_t)n);
    hugi_rc rc = hugi_buf_grow(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return HUGI_OK;
}

char *hugi_buf_detach(struct hugi_buf *b, size_t *len)
{
    if (!b->data && hugi_buf_grow(b, 0))
        return NULL;
    char *p = b->data;
    p[b->len] = '\0';
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* ---- arena ---- */

struct block {
    struct block *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char mem[];
};

struct hugi_arena {
    struct block *head;
    size_t block_size;
};

struct hugi_arena *hugi_arena_new(size_t block_size)
{
    struct hugi_arena *a = calloc(1, sizeof *a);
    if (a)
        a->block_size = block_size ? block_size : 64 * 1024;
    return a;
}

void hugi_arena_free(struct hugi_arena *a)
{
    if (!a)
        return;
    struct block *b = a->head;
    while (b) {
        struct block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void hugi_arena_reset(struct hugi_arena *a)
{
    if (!a || !a->head)
        return;
    struct block *keep = a->head;
    while (keep->next) {
        struct block *n = keep->next;
        keep->next = n->next;
        free(n);
    }
    keep->used = 0;
}

void *hugi_arena_alloc(struct hugi_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (!size)
        size = 16;
    struct block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bs = size > a->block_size ? size : a->block_size;
        struct block *nb = malloc(sizeof *nb + bs);
        if (!nb)
            return NULL;
        nb->size = bs;
        nb->used = 0;
        /* a large one-off goes behind the current block so the current one keeps filling */
        if (b && size > a->block_size) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->mem + b->used;
    b->used += size;
    return p;
}

char *hugi_arena_strndup(struct hugi_arena *a, const char *s, size_t len)
{
    char *p = hugi_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* ---- strings ---- */

char *hugi_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *hugi_strdup(const char *s)
{
    return s ? hugi_strndup(s, strlen(s)) : NULL;
}

bool hugi_str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static size_t space_at(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (len >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (len >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

static size_t space_before(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[len - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && c == 0xA0)
        return 2;
    if (len >= 3 && (unsigned char)s[len - 3] == 0xE3 && (unsigned char)s[len - 2] == 0x80 &&
        c == 0x80)
        return 3;
    return 0;
}

const char *hugi_memmem(const char *h, size_t hl, const char *needle, size_t nl)
{
    if (nl == 0)
        return h;
    /* memchr finds the candidates: fast where the first byte is rare */
    while (hl >= nl) {
        const char *p = memchr(h, needle[0], hl - nl + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nl) == 0)
            return p;
        hl -= (size_t)(p - h) + 1;
        h = p + 1;
    }
    return NULL;
}

const char *hugi_str_trim(const char *s, size_t len, size_t *out_len)
{
    size_t n;
    while (len && (n = space_at(s, len)) != 0) {
        s += n;
        len -= n;
    }
    while (len && (n = space_before(s, len)) != 0)
        len -= n;
    *out_len = len;
    return s;
}
