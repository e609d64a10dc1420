/* iconv to UTF-8 with replacement: see hugi/transcode.h. */
#include "hugi/transcode.h"

#include <errno.h>

hugi_rc hugi_iconv_run(iconv_t cd, char **in, size_t *inleft, struct hugi_buf *out,
                       enum hugi_iconv_stop *stop)
{
    *stop = HUGI_ICONV_END;
    while (*inleft > 0) {
        /* twice the input fits every encoding we meet (two CP949 bytes give three); E2BIG
         * grows again when it does not */
        size_t want = *inleft < 64 ? 64 : *inleft;
        hugi_rc rc = hugi_buf_grow(out, want * 2);
        if (rc)
            return rc;
        char *o = out->data + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(cd, in, inleft, &o, &oleft);
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1)
            return HUGI_OK;
        if (errno == E2BIG)
            continue;
        *stop = errno == EINVAL ? HUGI_ICONV_INCOMPLETE : HUGI_ICONV_INVALID;
        return HUGI_OK;
    }
    return HUGI_OK;
}

hugi_rc hugi_iconv_replace(iconv_t cd, char **in, size_t *inleft, struct hugi_buf *out)
{
    hugi_rc rc = hugi_buf_add(out, "\xEF\xBF\xBD", 3);
    if (rc)
        return rc;
    /* glibc's CP949 can report EILSEQ having taken the whole input ("\xa2\xe8" last): then no
     * byte is left to skip, and skipping one would run *inleft below zero */
    if (*inleft > 0) {
        (*in)++;
        (*inleft)--;
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    return HUGI_OK;
}
