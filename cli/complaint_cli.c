/* SPDX-License-Identifier: MIT
 * The complaint categories for subcommands other than `hugi complaints`: the taxonomy through
 * the image cache, and `hugi score --categories`' annotation of each text. Apart from
 * cmd_complaints.c because the lean `hugi` (score) needs them but must not link the store that
 * `hugi complaints` writes to (cli/CMakeLists.txt). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"
#include "hugi/complaint.h"
#include "sent_cli.h"

/* The taxonomy of dir and the extra files through the image cache (lexicons/README.md
 * "Compiled image"): mapped from complaints-KEY.img when that is a valid image of exactly these
 * files' bytes, else parsed and built (same errors as hugi_complaint_tax_load_extra) and the
 * image written for the next process. HUGI_LEXICON_CACHE=0 parses every time. */
hugi_rc cli_complaint_tax_load(struct hugi_complaint_tax **out, const char *dir,
                               const char *const *extra, size_t nextra, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_complaint_src *s = NULL;
    hugi_rc rc = hugi_complaint_src_read(&s, dir, extra, nextra, err);
    if (rc != HUGI_OK)
        return rc;
    char hex[33];
    char *cdir = hugi_complaint_src_key(s, hex) ? sent_cli_cache_dir() : NULL;
    char *img = NULL;
    if (cdir) {
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        hugi_buf_addf(&b, "%s/complaints-%s.img", cdir, hex);
        img = hugi_buf_detach(&b, NULL);
    }
    if (img) {
        struct hugi_err ierr;
        hugi_err_clear(&ierr);
        rc = hugi_complaint_src_image(s, img, out, &ierr);
        if (rc == HUGI_OK) {
            cli_info("complaint image %s loaded and checked", img);
        } else if (!(rc == HUGI_E_NOTFOUND && ierr.sys_errno == ENOENT)) {
            cli_info("complaint image not used, parsing the complaint lexicons: %s (%s)", ierr.msg,
                     ierr.where);
        }
    }
    if (!*out) {
        rc = hugi_complaint_src_parse(s, out, err);
        if (rc == HUGI_OK && img) {
            struct hugi_err serr;
            hugi_err_clear(&serr);
            if (!sent_cli_cache_writable(cdir))
                cli_info("complaint image not written: %s is not a folder of this user's that "
                         "only they may write",
                         cdir);
            else if (hugi_complaint_src_image_save(s, *out, img, &serr) != HUGI_OK)
                cli_info("cannot write complaint image %s: %s", img, serr.msg);
            else
                sent_cli_cache_trim(cdir, "complaints-");
        }
    }
    free(img);
    free(cdir);
    hugi_complaint_src_free(s);
    return rc;
}

static struct hugi_complaint_tax *annot_tax;
static struct hugi_complaint_match annot_m;

bool cli_complaint_annotate(const char *text, size_t len, const struct hugi_tm_text *norm,
                            bool negative, bool jsonl, struct hugi_buf *out)
{
    if (!annot_tax) {
        struct hugi_buf dir;
        hugi_buf_init(&dir, 8192);
        struct hugi_err err;
        hugi_err_clear(&err);
        if (hugi_buf_addf(&dir, "%s/lexicons/complaints", cli_data_dir()) != HUGI_OK ||
            cli_complaint_tax_load(&annot_tax, dir.data, NULL, 0, &err) != HUGI_OK) {
            cli_error_err("cannot load complaint lexicons", &err);
            hugi_buf_release(&dir);
            return false;
        }
        hugi_buf_release(&dir);
        hugi_complaint_match_init(&annot_m);
    }
    struct hugi_err err;
    if (hugi_complaint_categorize_gated(annot_tax, text, len, norm, negative, &annot_m, &err) !=
        HUGI_OK) {
        cli_error_err("cannot categorise", &err);
        return false;
    }
    hugi_rc rc;
    if (jsonl) {
        rc = hugi_buf_addstr(out, ",\"categories\":");
        if (rc == HUGI_OK)
            rc = hugi_complaint_cats_json(annot_tax, annot_m.cats, out);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, ",\"complaint_evidence\":");
        if (rc == HUGI_OK)
            rc = hugi_complaint_evidence_json(annot_tax, &annot_m, text, len, out);
    } else {
        rc = hugi_buf_addc(out, '\t');
        bool first = true;
        /* the set bits only, keys added as they are (no printf: this runs once a text) */
        for (uint64_t left = annot_m.cats; rc == HUGI_OK && left; left &= left - 1) {
            int i = __builtin_ctzll(left);
            if (!first)
                rc = hugi_buf_addc(out, ',');
            if (rc == HUGI_OK)
                rc = hugi_buf_addstr(out, hugi_complaint_tax_key(annot_tax, i));
            first = false;
        }
        if (rc == HUGI_OK && first)
            rc = hugi_buf_addc(out, '-');
    }
    if (rc != HUGI_OK) {
        cli_error("out of memory");
        return false;
    }
    return true;
}

void cli_complaint_annotate_done(void)
{
    if (!annot_tax)
        return;
    hugi_complaint_match_release(&annot_m);
    hugi_complaint_tax_free(annot_tax);
    annot_tax = NULL;
}
