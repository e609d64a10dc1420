/* SPDX-License-Identifier: MIT
 * Writing a private file whole: the compiled lexicon and taxonomy images in the cache. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hugi/core.h"

hugi_rc hugi_file_write_private(const char *path, const void *data, size_t len, const char *what,
                                struct hugi_err *err)
{
    /* written beside and renamed over: a reader sees the old file or the whole new one */
    struct hugi_buf tmp;
    hugi_buf_init(&tmp, 0);
    if (hugi_buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid()) != HUGI_OK) {
        hugi_buf_release(&tmp);
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot save %s", what);
    }
    /* a new file of our own: never through a link planted under that name, never readable or
     * writable by others (an image is trusted once checked, so nobody else may change it) */
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool created = fd >= 0;
    FILE *f = created ? fdopen(fd, "wb") : NULL;
    if (created && !f)
        close(fd);
    bool ok = f && fwrite(data, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    hugi_rc rc = HUGI_OK;
    if (!ok || rename(tmp.data, path) != 0) {
        rc = hugi_err_set(err, HUGI_E_IO, path, "cannot write %s: %s", what, strerror(errno));
        if (created)
            remove(tmp.data);
    }
    hugi_buf_release(&tmp);
    return rc;
}
