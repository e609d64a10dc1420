/* SPDX-License-Identifier: MIT
 * Result codes and the error record. Names and messages come from errors.def so the enum, the
 * names and the texts cannot drift apart. */
#include "hugi/core.h"

#include <stdio.h>
#include <string.h>

static const char *const rc_names[] = {
#define X(name, shortname, msg) shortname,
#include "hugi/errors.def"
#undef X
};
static const char *const rc_msgs[] = {
#define X(name, shortname, msg) msg,
#include "hugi/errors.def"
#undef X
};

const char *hugi_rc_name(hugi_rc rc)
{
    if ((int)rc < 0 || rc >= HUGI_RC_COUNT_)
        return "unknown";
    return rc_names[rc];
}

const char *hugi_strerror(hugi_rc rc)
{
    if ((int)rc < 0 || rc >= HUGI_RC_COUNT_)
        return "unknown error";
    return rc_msgs[rc];
}

/* Copies at most cap-1 bytes without splitting a UTF-8 sequence. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

hugi_rc hugi_err_setv(struct hugi_err *err, hugi_rc code, const char *where, const char *fmt,
                      va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    copy_cut(err->where, sizeof err->where, where ? where : "");
    char tmp[1024];
    if (fmt)
        vsnprintf(tmp, sizeof tmp, fmt, ap);
    else
        snprintf(tmp, sizeof tmp, "%s", hugi_strerror(code));
    copy_cut(err->msg, sizeof err->msg, tmp);
    return code;
}

hugi_rc hugi_err_set(struct hugi_err *err, hugi_rc code, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hugi_err_setv(err, code, where, fmt, ap);
    va_end(ap);
    return code;
}

void hugi_err_clear(struct hugi_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

const char *hugi_err_format(const struct hugi_err *err, char *out, size_t cap)
{
    const char *msg = err->msg[0] ? err->msg : hugi_strerror(err->code);
    if (err->where[0])
        snprintf(out, cap, "%s (%s)", msg, err->where);
    else
        snprintf(out, cap, "%s", msg);
    return out;
}
