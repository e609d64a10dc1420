/* SPDX-License-Identifier: MIT
 * Reply templates: plain-text files staff edit (templates/ko, templates/en), parsed strictly so
 * a typo in a placeholder is an error with file:line rather than a customer reading "{{autor}}".
 * Drafting picks the most specific file (category + severity, category, generic), fills the
 * placeholders and keeps the public reply within 350 characters.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEC_REPLY, SEC_SHORT, SEC_NOTE, SEC_PROBLEM, SEC_FIX, SEC_COVERS, SEC_N };
static const char *const sec_names[SEC_N] = {"reply", "short", "note", "problem", "fix", "covers"};

/* The order is the order of the values hugi_reply_draft() fills in. */
static const char *const placeholders[] = {"author",   "product",  "category", "channel", "shop",
                                           "problem",  "fix",      "rating",   "date",    "due",
                                           "severity", "greeting", "count",    "since",   "phrase"};
enum { PH_PROBLEM = 5, PH_FIX = 6 };
#define NPLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

struct tpl {
    char lang[4];
    char *name; /* file name without .txt: "delivery", "defect-high" */
    char *sec[SEC_N];
};

struct hugi_templates {
    struct tpl *v;
    size_t n;
};

static void tpl_release(struct tpl *t)
{
    free(t->name);
    for (int i = 0; i < SEC_N; i++)
        free(t->sec[i]);
}

void hugi_templates_free(struct hugi_templates *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        tpl_release(&t->v[i]);
    free(t->v);
    free(t);
}

static int placeholder_index(const char *s, size_t len)
{
    const char *t = hugi_str_trim(s, len, &len);
    for (size_t i = 0; i < NPLACEHOLDERS; i++)
        if (strlen(placeholders[i]) == len && !memcmp(placeholders[i], t, len))
            return (int)i;
    return -1;
}

static hugi_rc line_err(struct hugi_err *err, const char *name, long line, const char *fmt,
                        const char *arg, size_t arglen)
{
    char where[200];
    snprintf(where, sizeof where, "%s:%ld", name, line);
    if (arglen > 60)
        arglen = 60;
    arglen = hugi_utf8_prefix(arg, arglen, 60);
    return hugi_err_set(err, HUGI_E_PARSE, where, fmt, (int)arglen, arg);
}

/* Checks the placeholders of one line. */
static hugi_rc check_line(const char *s, size_t len, const char *name, long line,
                          struct hugi_err *err)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '{' || s[i + 1] != '{')
            continue;
        const char *close = NULL;
        for (size_t j = i + 2; j + 1 < len; j++)
            if (s[j] == '}' && s[j + 1] == '}') {
                close = s + j;
                break;
            }
        if (!close)
            return line_err(err, name, line, "unclosed placeholder '%.*s'", s + i, len - i);
        size_t nlen = (size_t)(close - (s + i + 2));
        if (placeholder_index(s + i + 2, nlen) < 0)
            return line_err(err, name, line, "unknown placeholder '{{%.*s}}'", s + i + 2, nlen);
        i = (size_t)(close - s) + 1;
    }
    return HUGI_OK;
}

/* Parses a template text into t->sec (t may be NULL: check only). */
static hugi_rc parse(const char *text, size_t len, const char *name, struct tpl *t,
                     struct hugi_err *err)
{
    struct hugi_buf sec[SEC_N];
    bool seen[SEC_N] = {false};
    for (int i = 0; i < SEC_N; i++)
        hugi_buf_init(&sec[i], 64 * 1024);
    int cur = -1;
    long lineno = 0;
    hugi_rc rc = HUGI_OK;
    size_t pos = 0;
    if (len >= 3 && !memcmp(text, HUGI_CSV_BOM, 3))
        pos = 3;
    while (pos < len && !rc) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        lineno++;
        if (n && s[n - 1] == '\r')
            n--;
        if (!hugi_utf8_valid(s, n)) {
            rc = line_err(err, name, lineno, "invalid UTF-8%.*s", "", 0);
            break;
        }
        if (n && s[0] == '#')
            continue;
        size_t tl;
        const char *tr = hugi_str_trim(s, n, &tl);
        if (tl >= 2 && tr[0] == '[' && tr[tl - 1] == ']' && s[0] == '[') {
            cur = -1;
            for (int i = 0; i < SEC_N; i++)
                if (strlen(sec_names[i]) == tl - 2 && !memcmp(sec_names[i], tr + 1, tl - 2))
                    cur = i;
            if (cur < 0) {
                rc = line_err(err, name, lineno, "unknown section '%.*s'", tr, tl);
                break;
            }
            if (seen[cur]) {
                rc = line_err(err, name, lineno, "section '%.*s' appears twice", tr, tl);
                break;
            }
            seen[cur] = true;
            continue;
        }
        if (cur < 0) {
            if (tl == 0)
                continue;
            rc = line_err(err, name, lineno, "text before the first section: '%.*s'", tr, tl);
            break;
        }
        if ((rc = check_line(s, n, name, lineno, err)))
            break;
        if (sec[cur].len && (rc = hugi_buf_addc(&sec[cur], '\n')))
            break;
        if ((rc = hugi_buf_add(&sec[cur], s, n))) {
            char where[200];
            snprintf(where, sizeof where, "%s:%ld", name, lineno);
            rc = hugi_err_set(err, rc, where, "template section too long");
        }
    }
    if (!rc && !seen[SEC_REPLY] && !seen[SEC_PROBLEM] && !seen[SEC_FIX] && !seen[SEC_NOTE]) {
        char where[200];
        snprintf(where, sizeof where, "%s:%ld", name, lineno ? lineno : 1);
        rc = hugi_err_set(err, HUGI_E_PARSE, where, "no [reply], [note], [problem] or [fix]");
    }
    for (int i = 0; i < SEC_N; i++) {
        if (!rc && t && seen[i]) {
            size_t tl;
            const char *tr = hugi_str_trim(sec[i].data ? sec[i].data : "", sec[i].len, &tl);
            t->sec[i] = hugi_strndup(tr, tl);
            if (!t->sec[i])
                rc = hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
        }
        hugi_buf_release(&sec[i]);
    }
    return rc;
}

hugi_rc hugi_template_check(const char *text, size_t len, const char *name, struct hugi_err *err)
{
    return parse(text, len, name ? name : "template", NULL, err);
}

static hugi_rc read_file(const char *path, struct hugi_buf *out, struct hugi_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        hugi_rc rc = hugi_err_set(err, HUGI_E_IO, path, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    char chunk[4096];
    size_t n;
    hugi_rc rc = HUGI_OK;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = hugi_buf_add(out, chunk, n);
    if (!rc && ferror(f))
        rc = hugi_err_set(err, HUGI_E_IO, path, "cannot read");
    else if (rc)
        rc = hugi_err_set(err, rc, path, "template file too large");
    fclose(f);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static hugi_rc load_lang(struct hugi_templates *t, const char *dir, const char *lang, bool *found,
                         struct hugi_err *err)
{
    struct hugi_buf path;
    hugi_buf_init(&path, 0);
    if (hugi_buf_addf(&path, "%s/%s", dir, lang))
        return hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    DIR *d = opendir(path.data);
    if (!d) {
        hugi_buf_release(&path);
        return HUGI_OK;
    }
    *found = true;
    char **names = NULL;
    size_t nn = 0, cap = 0;
    hugi_rc rc = HUGI_OK;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l <= 4 || strcmp(e->d_name + l - 4, ".txt") || e->d_name[0] == '.')
            continue;
        if (nn == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) {
                rc = HUGI_E_NOMEM;
                break;
            }
            names = v;
        }
        if (!(names[nn] = hugi_strdup(e->d_name)))
            rc = HUGI_E_NOMEM;
        else
            nn++;
    }
    closedir(d);
    if (rc)
        rc = hugi_err_set(err, rc, path.data, "out of memory");
    if (nn)
        qsort(names, nn, sizeof *names, name_cmp); /* readdir order varies; errors must not */
    struct hugi_buf file, text;
    hugi_buf_init(&file, 0);
    hugi_buf_init(&text, 1024 * 1024);
    for (size_t i = 0; i < nn && !rc; i++) {
        hugi_buf_reset(&file);
        hugi_buf_reset(&text);
        if (hugi_buf_addf(&file, "%s/%s", path.data, names[i])) {
            rc = hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
            break;
        }
        if ((rc = read_file(file.data, &text, err)))
            break;
        struct tpl *v = realloc(t->v, (t->n + 1) * sizeof *v);
        if (!v) {
            rc = hugi_err_set(err, HUGI_E_NOMEM, file.data, "out of memory");
            break;
        }
        t->v = v;
        struct tpl *tp = &t->v[t->n];
        memset(tp, 0, sizeof *tp);
        snprintf(tp->lang, sizeof tp->lang, "%s", lang);
        tp->name = hugi_strndup(names[i], strlen(names[i]) - 4);
        if (!tp->name) {
            rc = hugi_err_set(err, HUGI_E_NOMEM, file.data, "out of memory");
            break;
        }
        if ((rc = parse(text.data ? text.data : "", text.len, file.data, tp, err))) {
            tpl_release(tp);
            break;
        }
        t->n++;
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    hugi_buf_release(&file);
    hugi_buf_release(&text);
    hugi_buf_release(&path);
    return rc;
}

hugi_rc hugi_templates_load(const char *dir, struct hugi_templates **out, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_templates *t = calloc(1, sizeof *t);
    if (!t)
        return hugi_err_set(err, HUGI_E_NOMEM, dir, "out of memory");
    bool found = false;
    hugi_rc rc = load_lang(t, dir, "ko", &found, err);
    if (!rc)
        rc = load_lang(t, dir, "en", &found, err);
    if (!rc && !found)
        rc = hugi_err_set(err, HUGI_E_NOTFOUND, dir, "no reply templates (ko/ or en/) here");
    if (rc) {
        hugi_templates_free(t);
        return rc;
    }
    *out = t;
    return HUGI_OK;
}

static const struct tpl *find(const struct hugi_templates *t, const char *lang, const char *name,
                              const char *sev)
{
    char key[128];
    if (sev)
        snprintf(key, sizeof key, "%s-%s", name, sev);
    else
        snprintf(key, sizeof key, "%s", name);
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->v[i].lang, lang) && !strcmp(t->v[i].name, key))
            return &t->v[i];
    return NULL;
}

/* The first of the chain that has section `sec`. */
static const char *pick(const struct tpl *const *chain, size_t n, int sec)
{
    for (size_t i = 0; i < n; i++)
        if (chain[i] && chain[i]->sec[sec])
            return chain[i]->sec[sec];
    return NULL;
}

static hugi_rc render(const char *tmpl, const char *const vals[NPLACEHOLDERS], struct hugi_buf *out)
{
    hugi_rc rc = HUGI_OK;
    size_t len = strlen(tmpl), run = 0;
    for (size_t i = 0; i + 1 < len && !rc; i++) {
        if (tmpl[i] != '{' || tmpl[i + 1] != '{')
            continue;
        const char *close = strstr(tmpl + i + 2, "}}");
        if (!close)
            break;
        int k = placeholder_index(tmpl + i + 2, (size_t)(close - (tmpl + i + 2)));
        if (k < 0)
            continue;
        if (!(rc = hugi_buf_add(out, tmpl + run, i - run)))
            rc = hugi_buf_addstr(out, vals[k] ? vals[k] : "");
        run = (size_t)(close - tmpl) + 2;
        i = run - 1;
    }
    if (!rc)
        rc = hugi_buf_add(out, tmpl + run, len - run);
    return rc;
}

static bool sentence_end(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == 0x3002 || cp == 0xFF01 ||
           cp == 0xFF1F;
}

size_t hugi_reply_fit(const char *s, size_t len, size_t max_ncp, bool *ellipsis)
{
    *ellipsis = false;
    if (hugi_utf8_ncp(s, len) <= max_ncp)
        return len;
    size_t i = 0, ncp = 0, best = 0, best_ncp = 0, space = 0;
    while (i < len && ncp < max_ncp) {
        uint32_t cp = 0;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            n = 1;
            cp = 0xFFFD;
        }
        i += n;
        ncp++;
        if (sentence_end(cp)) {
            best = i;
            best_ncp = ncp;
        }
        if ((cp == ' ' || cp == '\n') && ncp < max_ncp)
            space = i - 1;
    }
    if (best && best_ncp * 2 >= max_ncp) {
        while (best > 0 && (s[best - 1] == '\n' || s[best - 1] == ' '))
            best--;
        return best;
    }
    *ellipsis = true;
    /* room for the ellipsis: cut one code point earlier when no space was found */
    if (space)
        return space;
    return hugi_utf8_prefix(s, len, max_ncp - 1);
}

static bool text_has_hangul(const char *s)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        if (cp >= 0xAC00 && cp <= 0xD7A3)
            return true;
        i += n;
    }
    return false;
}

/* Category names as customers read them; a group of no one category (the spike of all
 * negative reviews) reads as complaints of any kind in a notice. */
static const char *category_label(const char *cat, bool ko, bool notice)
{
    static const char *const map[][3] = {
        {"delivery", "배송", "delivery"},
        {"packaging", "포장·파손", "packaging"},
        {"defect", "품질·불량", "product quality"},
        {"wrong_item", "오배송·누락", "wrong or missing item"},
        {"size", "사이즈", "size and fit"},
        {"price", "가격", "price"},
        {"refund", "환불·교환", "refund and exchange"},
        {"service", "고객 응대", "customer service"},
        {"billing", "결제", "billing"},
        {"app", "앱·사이트", "app and website"},
        {"authenticity", "정품 여부", "authenticity"},
        {"hygiene", "위생", "hygiene"},
        {"safety", "안전", "safety"},
        {"legal", "법적 문제", "legal matter"},
        {"privacy", "개인정보", "privacy"},
        {"taste", "맛", "taste"},
        {"moderation", "이용 제한", "moderation"},
        {"app_login", "로그인·인증", "login"},
        {"app_crash", "앱 오류", "app crashes"},
        {"app_slow", "앱 속도", "app speed"},
        {"app_update", "업데이트", "the latest update"},
        {"app_ui", "화면 구성", "the app's screens"},
    };
    if (!cat && notice)
        return ko ? "이용 불편" : "problems";
    if (!cat)
        return ko ? "이용" : "experience";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], cat))
            return map[i][ko ? 1 : 2];
    return cat;
}

/* The files a category's own sections come from, most specific first: CATEGORY-SEVERITY,
 * CATEGORY, its family ("app_login": app). */
static size_t category_chain(const struct hugi_templates *t, const char *lang, const char *cat,
                             const char *sev, const struct tpl *chain[3])
{
    size_t n = 0;
    chain[n++] = find(t, lang, cat, sev);
    chain[n++] = find(t, lang, cat, NULL);
    const char *us = strchr(cat, '_');
    if (us && (size_t)(us - cat) < 64) {
        char fam[64];
        snprintf(fam, sizeof fam, "%.*s", (int)(us - cat), cat);
        chain[n++] = find(t, lang, fam, NULL);
    }
    return n;
}

/* Whether a [covers] list (names separated by spaces or commas) names cat. */
static bool covers(const char *list, const char *cat)
{
    size_t cl = strlen(cat);
    for (const char *p = list; p && *p;) {
        p += strspn(p, " ,\n\t");
        size_t l = strcspn(p, " ,\n\t");
        if (l == cl && !memcmp(p, cat, l))
            return true;
        p += l;
    }
    return false;
}

/* A review that names two problems ("late, and nobody answered") is answered on both: the
 * second category's problem and fix join the main one's, unless it is critical (escalation
 * speaks for itself), reads the same (app_login and app_crash share app.txt), or the main
 * file's [covers] says its fix already handles it (a defect's fix already offers a refund). */
static void second_problem(const struct hugi_templates *t, const char *lang, const char *also,
                           const char *sev, const char *covered, const char *mp, const char *mf,
                           const char **problem, const char **fix)
{
    *problem = *fix = NULL;
    if (!also || !*also || hugi_report_category_critical(also) || !strcmp(also, "thanks"))
        return;
    if (covers(covered, also))
        return;
    const struct tpl *ac[3];
    size_t an = category_chain(t, lang, also, sev, ac);
    const char *p = pick(ac, an, SEC_PROBLEM), *f = pick(ac, an, SEC_FIX);
    if (!p || !f || (mp && !strcmp(p, mp)) || (mf && !strcmp(f, mf)))
        return;
    *problem = p;
    *fix = f;
}

/* Renders main (and the second problem's) sections into out, joined by sep. */
static hugi_rc render_joined(const char *main_t, const char *also_t, const char *sep,
                             const char *const vals[NPLACEHOLDERS], struct hugi_buf *out)
{
    hugi_rc rc = main_t ? render(main_t, vals, out) : HUGI_OK;
    if (!rc && also_t) {
        if (out->len)
            rc = hugi_buf_addstr(out, sep);
        if (!rc)
            rc = render(also_t, vals, out);
    }
    return rc;
}

hugi_rc hugi_reply_draft(const struct hugi_templates *t, const struct hugi_report_opts *o,
                         const struct hugi_reply_vars *v, char **reply, char **note,
                         struct hugi_err *err)
{
    *reply = NULL;
    *note = NULL;
    const char *lang = v->lang;
    if (!lang || (strcmp(lang, "ko") && strcmp(lang, "en")))
        lang = "en";
    bool ko = !strcmp(lang, "ko");
    const char *cat = v->category && *v->category ? v->category : "generic";
    const char *sev = hugi_alert_sev_name(v->severity);
    bool thanks = !strcmp(cat, "thanks");
    bool escalate = hugi_report_category_critical(cat);

    const struct tpl *chain[12] = {NULL};
    size_t n = 0, nspec = 0; /* nspec: the category's own files, after escalation.txt */
    /* A group's notice: its public text and staff note from notice-KIND-SEVERITY, notice-KIND,
     * notice-SEVERITY, notice (the category's problem and fix still come from its own file). A
     * folder with no notice file drafts the group a review's reply, as before notices. */
    const struct tpl *nchain[4] = {NULL};
    size_t nn = 0;
    if (v->notice && !thanks) {
        char kind[80];
        snprintf(kind, sizeof kind, "notice-%s", v->notice);
        nchain[nn++] = find(t, lang, kind, sev);
        nchain[nn++] = find(t, lang, kind, NULL);
        nchain[nn++] = find(t, lang, "notice", sev);
        nchain[nn++] = find(t, lang, "notice", NULL);
        if (!pick(nchain, nn, SEC_REPLY))
            nn = 0;
    }
    bool notice = nn > 0;
    if (thanks) {
        chain[n++] = find(t, lang, "thanks", NULL);
    } else if (notice) {
        for (size_t i = 0; i < nn; i++)
            chain[n++] = nchain[i];
        /* a group of no one category speaks the notice's own words, not generic.txt's */
        if (v->category && *v->category)
            nspec = category_chain(t, lang, cat, sev, chain + n);
        n += nspec;
        chain[n++] = find(t, lang, "generic", sev);
        chain[n++] = find(t, lang, "generic", NULL);
    } else {
        if (escalate)
            chain[n++] = find(t, lang, "escalation", NULL);
        nspec = category_chain(t, lang, cat, sev, chain + n);
        n += nspec;
        chain[n++] = find(t, lang, "generic", sev);
        chain[n++] = find(t, lang, "generic", NULL);
    }
    const char *reply_t = pick(chain, n, SEC_REPLY);
    if (!reply_t)
        return hugi_err_set(err, HUGI_E_NOTFOUND, lang, "no reply template for '%s'", cat);
    const char *short_t = NULL;
    for (size_t i = 0; i < n; i++)
        if (chain[i] && chain[i]->sec[SEC_REPLY]) {
            short_t = chain[i]->sec[SEC_SHORT];
            break;
        }
    const char *note_t = pick(chain, n, SEC_NOTE);
    /* problem/fix come from the category, not from escalation.txt's generic wording; a notice's
     * from the category's own files, else the notice's group wording, else generic.txt's */
    size_t skip = notice ? nn : (escalate ? 1 : 0);
    const struct tpl *const *own = chain + skip;
    size_t nown = n - skip;
    const char *problem_t = pick(own, nspec, SEC_PROBLEM);
    const char *fix_t = pick(own, nspec, SEC_FIX);
    if (notice && !problem_t)
        problem_t = pick(chain, nn, SEC_PROBLEM);
    if (notice && !fix_t)
        fix_t = pick(chain, nn, SEC_FIX);
    if (!problem_t)
        problem_t = pick(own, nown, SEC_PROBLEM);
    if (!fix_t)
        fix_t = pick(own, nown, SEC_FIX);
    if (!problem_t)
        problem_t = pick(chain, n, SEC_PROBLEM);
    if (!fix_t)
        fix_t = pick(chain, n, SEC_FIX);
    const char *also_p = NULL, *also_f = NULL;
    /* a category with no file of its own speaks generic.txt's "이용에", which lists badly */
    if (!thanks && !escalate && !notice && pick(own, nspec, SEC_PROBLEM))
        second_problem(t, lang, v->also, sev, pick(own, nown, SEC_COVERS), problem_t, fix_t,
                       &also_p, &also_f);

    /* a reply not in Korean names the shop and the channel in the words set for it, if any */
    const char *shop = o ? o->shop : NULL, *channel = o ? o->channel : NULL;
    if (o && !ko && o->shop_en && *o->shop_en)
        shop = o->shop_en;
    if (o && !ko && o->channel_en && *o->channel_en)
        channel = o->channel_en;
    /* {{greeting}} needs no name: "Hi there," reads better than "Hi customer," */
    bool named = v->author && *v->author;
    struct hugi_buf gb;
    hugi_buf_init(&gb, 0);
    hugi_rc grc = named ? hugi_buf_addf(&gb, ko ? "%s님," : "Hi %s,", v->author)
                        : hugi_buf_addstr(&gb, ko ? "고객님," : "Hi there,");
    if (grc)
        return hugi_err_set(err, grc, lang, "out of memory");
    const char *vals[NPLACEHOLDERS] = {
        named ? v->author : (ko ? "고객" : "customer"),
        v->product ? v->product : (ko ? "상품" : "your order"),
        category_label(v->category, ko, notice),
        channel && *channel ? channel : (ko ? "1:1 문의" : "a direct message"),
        shop && *shop ? shop : (ko ? "저희 스토어" : "our shop"),
        NULL,
        NULL,
        v->rating,
        v->date,
        v->due,
        sev,
        gb.data,
        v->count,
        v->since,
        v->phrase,
    };
    _Static_assert(NPLACEHOLDERS == 15, "one value per placeholder");
    struct hugi_buf pb, fb, rb, nb;
    hugi_buf_init(&pb, 0);
    hugi_buf_init(&fb, 0);
    hugi_buf_init(&rb, 0);
    hugi_buf_init(&nb, 0);
    hugi_rc rc = HUGI_OK;
    /* With a second problem first; when that is too long even in [short], the main one alone
     * (a cut reply could lose the move to a private channel) */
    for (bool both = also_p != NULL;; both = false) {
        hugi_buf_reset(&pb);
        hugi_buf_reset(&fb);
        hugi_buf_reset(&rb);
        rc = render_joined(problem_t, both ? also_p : NULL, ko ? ", " : " and ", vals, &pb);
        if (!rc)
            rc = render_joined(fix_t, both ? also_f : NULL, " ", vals, &fb);
        vals[PH_PROBLEM] = pb.data ? pb.data : "";
        vals[PH_FIX] = fb.data ? fb.data : "";
        if (!rc)
            rc = render(reply_t, vals, &rb);
        if (!rc && short_t && hugi_utf8_ncp(rb.data, rb.len) > HUGI_REPLY_MAX) {
            hugi_buf_reset(&rb);
            rc = render(short_t, vals, &rb);
        }
        if (rc || !both || hugi_utf8_ncp(rb.data, rb.len) <= HUGI_REPLY_MAX)
            break;
    }
    if (!rc) {
        bool ell;
        size_t keep = hugi_reply_fit(rb.data ? rb.data : "", rb.len, HUGI_REPLY_MAX, &ell);
        rb.len = keep;
        if (rb.data)
            rb.data[keep] = '\0';
        if (ell)
            rc = hugi_buf_addstr(&rb, "…");
    }
    if (!rc && note_t)
        rc = render(note_t, vals, &nb);
    if (!rc) {
        *reply = hugi_buf_detach(&rb, NULL);
        if (note_t)
            *note = hugi_buf_detach(&nb, NULL);
    } else {
        rc = hugi_err_set(err, rc, lang, "cannot draft the reply");
    }
    hugi_buf_release(&pb);
    hugi_buf_release(&fb);
    hugi_buf_release(&rb);
    hugi_buf_release(&nb);
    hugi_buf_release(&gb);
    return rc;
}

const char *hugi_report__lang(const char *lang, const char *text)
{
    if (lang && !strncmp(lang, "ko", 2))
        return "ko";
    if (lang && !strncmp(lang, "en", 2))
        return "en";
    return text_has_hangul(text) ? "ko" : "en";
}
