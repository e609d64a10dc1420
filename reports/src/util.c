/* SPDX-License-Identifier: MIT
 * Small pieces the rest of the stage shares: names of kinds and severities, options, CSV fields,
 * HTML escaping and crash-safe file writes. */
#include "hugi/csv.h"
#include "hugi/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const kind_names[] = {"review", "edited", "recurring", "spike", "emerging"};
static const char *const sev_names[] = {"low", "medium", "high", "critical"};

const char *hugi_alert_kind_name(enum hugi_alert_kind k)
{
    return (unsigned)k < 5 ? kind_names[k] : "review";
}

bool hugi_alert_kind_parse(const char *s, enum hugi_alert_kind *out)
{
    for (int i = 0; s && i < 5; i++)
        if (!strcmp(s, kind_names[i])) {
            *out = (enum hugi_alert_kind)i;
            return true;
        }
    return false;
}

const char *hugi_alert_sev_name(enum hugi_alert_sev s)
{
    return (unsigned)s < 4 ? sev_names[s] : "low";
}

bool hugi_alert_sev_parse(const char *s, enum hugi_alert_sev *out)
{
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, sev_names[i])) {
            *out = (enum hugi_alert_sev)i;
            return true;
        }
    return false;
}

bool hugi_report_category_critical(const char *c)
{
    return c && (!strcmp(c, "safety") || !strcmp(c, "legal") || !strcmp(c, "privacy"));
}

void hugi_report_opts_init(struct hugi_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->sla[HUGI_ALERT_SEV_CRITICAL] = 3600;
    o->sla[HUGI_ALERT_SEV_HIGH] = 24 * 3600;
    o->sla[HUGI_ALERT_SEV_MEDIUM] = 72 * 3600;
    o->sla[HUGI_ALERT_SEV_LOW] = 7 * 24 * 3600;
    o->min_severity = HUGI_ALERT_SEV_MEDIUM;
    o->mask_pii = true;
}

void hugi_report_due_text(const struct hugi_report_opts *o, int64_t t, char out[28])
{
    if (o && o->zoned)
        hugi_time_format_zone(t, o->tz, out);
    else
        hugi_time_format(t, out);
}

/* The writer in common/ (hugi/csv.h) does the work; this name stays the stage's contract. */
hugi_rc hugi_report_csv_field(struct hugi_buf *out, const char *s, size_t len)
{
    return hugi_csv_put_field(out, s, s ? len : 0, ',', HUGI_CSV_SAFE);
}

hugi_rc hugi_report_html_escape(struct hugi_buf *out, const char *s, size_t len)
{
    struct hugi_buf fixed;
    hugi_buf_init(&fixed, 0);
    hugi_rc rc = hugi_utf8_repair(s ? s : "", s ? len : 0, &fixed, NULL);
    size_t run = 0;
    for (size_t i = 0; !rc && i < fixed.len; i++) {
        const char *e = NULL;
        switch (fixed.data[i]) {
        case '&':
            e = "&amp;";
            break;
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '"':
            e = "&quot;";
            break;
        case '\'':
            e = "&#39;";
            break;
        default:
            continue;
        }
        if (!(rc = hugi_buf_add(out, fixed.data + run, i - run)))
            rc = hugi_buf_addstr(out, e);
        run = i + 1;
    }
    if (!rc && fixed.len > run)
        rc = hugi_buf_add(out, fixed.data + run, fixed.len - run);
    hugi_buf_release(&fixed);
    return rc;
}

hugi_rc hugi_report_mkdirs(const char *dir, struct hugi_err *err)
{
    char *p = hugi_strdup(dir);
    if (!p)
        return hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    for (char *q = p + 1;; q++) {
        if (*q == '/' || *q == '\0') {
            char c = *q;
            *q = '\0';
            if (mkdir(p, 0755) && errno != EEXIST) {
                int e = errno;
                hugi_rc rc =
                    hugi_err_set(err, HUGI_E_IO, p, "cannot create directory: %s", strerror(e));
                if (err)
                    err->sys_errno = e;
                free(p);
                return rc;
            }
            *q = c;
            if (!c)
                break;
        }
    }
    free(p);
    return HUGI_OK;
}

static hugi_rc sys_err(struct hugi_err *err, const char *where, const char *what)
{
    int e = errno;
    hugi_rc rc = hugi_err_set(err, HUGI_E_IO, where, "%s: %s", what, strerror(e));
    if (err)
        err->sys_errno = e;
    return rc;
}

static hugi_rc fsync_dir_of(const char *path, struct hugi_err *err)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? hugi_strndup(path, (size_t)(slash - path)) : hugi_strdup(".");
    if (!dir)
        return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    if (!*dir) {
        free(dir);
        dir = hugi_strdup("/");
        if (!dir)
            return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    hugi_rc rc = HUGI_OK;
    if (fd < 0 || fsync(fd))
        rc = sys_err(err, dir, "cannot sync directory");
    if (fd >= 0)
        close(fd);
    free(dir);
    return rc;
}

hugi_rc hugi_report_write_atomic(const char *path, const char *data, size_t len,
                                 struct hugi_err *err)
{
    struct hugi_buf tmp;
    hugi_buf_init(&tmp, 0);
    if (hugi_buf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid()))
        return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    hugi_rc rc = HUGI_OK;
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        rc = sys_err(err, tmp.data, "cannot create");
        goto out;
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            rc = sys_err(err, tmp.data, "cannot write");
            break;
        }
        off += (size_t)w;
    }
    if (!rc && fsync(fd))
        rc = sys_err(err, tmp.data, "cannot sync");
    if (close(fd) && !rc)
        rc = sys_err(err, tmp.data, "cannot close");
    if (!rc && rename(tmp.data, path))
        rc = sys_err(err, path, "cannot rename into place");
    if (rc)
        unlink(tmp.data);
    else
        rc = fsync_dir_of(path, err);
out:
    hugi_buf_release(&tmp);
    return rc;
}
