/* Conversion to UTF-8 through iconv, shared by the CSV reader and the page decoder: both replace
 * what iconv rejects with U+FFFD and go on, and both must survive glibc's quirks doing so. */
#ifndef HUGI_TRANSCODE_H
#define HUGI_TRANSCODE_H

#include <iconv.h>
#include <stddef.h>

#include "hugi/core.h"

enum hugi_iconv_stop {
    HUGI_ICONV_END,        /* every input byte converted */
    HUGI_ICONV_INCOMPLETE, /* what is left starts a sequence that more input may finish */
    HUGI_ICONV_INVALID,    /* the bytes at *in are no valid sequence (or a truncated one at EOF) */
};

/* Converts *in (*inleft bytes) through cd, appending to out (grown as needed, kept
 * NUL-terminated), until the input ends or a sequence stops iconv; says which in *stop. */
hugi_rc hugi_iconv_run(iconv_t cd, char **in, size_t *inleft, struct hugi_buf *out,
                       enum hugi_iconv_stop *stop);

/* Appends U+FFFD for the sequence iconv stopped at, steps past one byte of it and resets the
 * converter's shift state. */
hugi_rc hugi_iconv_replace(iconv_t cd, char **in, size_t *inleft, struct hugi_buf *out);

#endif
