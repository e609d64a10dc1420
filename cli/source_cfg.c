/* SPDX-License-Identifier: MIT
 * [fetch] / [source "NAME"] → fetch options, extraction options, request and pagination (see
 * source_cfg.h). The config was checked against the schema on load, so the typed getters only
 * fail for keys left unset, which keep their defaults here. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "source_cfg.h"

void cli_fetch_opts_from_config(const struct hugi_config *c, struct hugi_fetch_opts *fo,
                                long *max_pages)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    long v;
    double d;
    uint64_t sz;
    const char *s;
    if ((s = hugi_config_value(c, "fetch", NULL, "user_agent_contact")))
        fo->contact = s;
    if (!hugi_config_int(c, "fetch", NULL, "concurrency", &v, &err))
        fo->max_total = (int)v;
    if (!hugi_config_int(c, "fetch", NULL, "per_host", &v, &err))
        fo->max_per_host = (int)v;
    if (!hugi_config_duration(c, "fetch", NULL, "delay", &d, &err))
        fo->host_delay = d;
    if (!hugi_config_duration(c, "fetch", NULL, "timeout", &d, &err))
        fo->timeout = d;
    if (!hugi_config_duration(c, "fetch", NULL, "connect_timeout", &d, &err))
        fo->connect_timeout = d;
    if (!hugi_config_duration(c, "fetch", NULL, "low_speed_time", &d, &err))
        fo->low_speed_time = (long)d;
    if (!hugi_config_size(c, "fetch", NULL, "low_speed_limit", &sz, &err))
        fo->low_speed_limit = (long)sz;
    if (!hugi_config_size(c, "fetch", NULL, "max_size", &sz, &err))
        fo->max_body = (size_t)sz;
    if (!hugi_config_int(c, "fetch", NULL, "max_redirects", &v, &err))
        fo->max_redirects = v;
    if (!hugi_config_int(c, "fetch", NULL, "retries", &v, &err))
        fo->max_retries = (int)v;
    if (!hugi_config_duration(c, "fetch", NULL, "retry_max_wait", &d, &err))
        fo->retry_max = d;
    if ((s = hugi_config_value(c, "fetch", NULL, "ca_file")))
        fo->ca_file = s;
    hugi_config_int(c, "fetch", NULL, "max_pages", max_pages, &err);
}

bool cli_list_has(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *q = list; *q;) {
        while (*q == ' ' || *q == ',')
            q++;
        size_t l = strcspn(q, ",");
        size_t tl;
        const char *t = hugi_str_trim(q, l, &tl);
        if (tl == n && !memcmp(t, item, n))
            return true;
        q += l;
    }
    return false;
}

const char *cli_source_product(const struct hugi_config *c, const char *name)
{
    const char *p = hugi_config_value(c, "source", name, "product");
    if (p)
        return p;
    size_t n = hugi_config_subsection_count(c, "product");
    for (size_t i = 0; i < n; i++) {
        const char *id = hugi_config_subsection(c, "product", i);
        const char *list = hugi_config_value(c, "product", id, "sources");
        if (list && cli_list_has(list, name))
            return id;
    }
    return NULL;
}

int cli_source_extract_opts(const struct hugi_config *c, const char *name,
                            struct hugi_extract_opts *xo, struct hugi_extract_field *fields,
                            size_t *nfields, size_t max_fields, unsigned given)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    const char *preset = hugi_config_value(c, "source", name, "preset");
    if (preset && !(given & CLI_GIVEN_PRESET) &&
        !hugi_extract_preset_from_name(preset, &xo->preset)) {
        cli_error("[source \"%s\"] preset '%s' is not one hugi knows (%s)", name, preset,
                  hugi_config_name(c));
        return HUGI_EXIT_USAGE;
    }
    double scale;
    if (!(given & CLI_GIVEN_SCALE) &&
        hugi_config_double(c, "source", name, "rating_scale", &scale, &err) == HUGI_OK)
        xo->rating_scale = scale;
    if (!xo->charset)
        xo->charset = hugi_config_value(c, "source", name, "encoding");
    if (!xo->lang)
        xo->lang = hugi_config_value(c, "source", name, "lang");
    if (!xo->csv_map)
        xo->csv_map = hugi_config_value(c, "source", name, "map");
    /* Both key spellings are accepted; the preset's own one first. */
    bool jp = xo->preset == HUGI_PRESET_JSONPATH;
    if (!xo->items)
        xo->items = hugi_config_value(c, "source", name, jp ? "items_path" : "items_xpath");
    if (!xo->items)
        xo->items = hugi_config_value(c, "source", name, jp ? "items_xpath" : "items_path");
    if (!xo->next)
        xo->next = hugi_config_value(c, "source", name, jp ? "cursor_path" : "next_xpath");
    if (!xo->next)
        xo->next = hugi_config_value(c, "source", name, jp ? "next_xpath" : "cursor_path");
    static const char *const fkeys[][2] = {
        {"field_id", "id"},         {"field_author", "author"},
        {"field_rating", "rating"}, {"field_date", "date"},
        {"field_title", "title"},   {"field_text", "text"},
        {"field_url", "url"},       {"field_likes", "likes"},
        {"field_lang", "lang"},     {"field_parent_id", "parent_id"}};
    _Static_assert(sizeof fkeys / sizeof fkeys[0] <= CLI_SOURCE_MAX_FIELDS, "fields too small");
    size_t ngiven = *nfields;
    for (size_t k = 0; k < sizeof fkeys / sizeof fkeys[0] && *nfields < max_fields; k++) {
        const char *sel = hugi_config_value(c, "source", name, fkeys[k][0]);
        bool on_cli = false;
        for (size_t i = 0; i < ngiven; i++)
            on_cli |= strcmp(fields[i].name, fkeys[k][1]) == 0;
        if (sel && *sel && !on_cli) {
            fields[*nfields].name = fkeys[k][1];
            fields[*nfields].selector = sel;
            (*nfields)++;
        }
    }
    xo->fields = fields;
    xo->nfields = *nfields;
    return 0;
}

int cli_source_req_init(const struct hugi_config *c, const char *name, long max_pages,
                        struct cli_source_req *r)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    memset(r, 0, sizeof *r);
    hugi_fetch_req_init(&r->req);
    hugi_page_opts_init(&r->po);
    r->req.url = hugi_config_value(c, "source", name, "url");
    r->req.source = name;
    /* headers, params and cookies (repeatable keys) */
    size_t nh = 0, np = 0;
    while (hugi_config_get_nth(c, "source", name, "header", nh, NULL))
        nh++;
    while (hugi_config_get_nth(c, "source", name, "param", np, NULL))
        np++;
    r->headers = calloc(nh + 1, sizeof(char *));
    r->params = calloc(2 * np + 1, sizeof(char *));
    if (!r->headers || !r->params) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    for (size_t k = 0; k < nh; k++)
        r->headers[k] = (char *)hugi_config_get_nth(c, "source", name, "header", k, NULL);
    for (size_t k = 0; k < np; k++) {
        const char *kv = hugi_config_get_nth(c, "source", name, "param", k, NULL);
        const char *eq = strchr(kv, '=');
        r->params[2 * k] = eq ? hugi_strndup(kv, (size_t)(eq - kv)) : hugi_strdup(kv);
        r->params[2 * k + 1] = hugi_strdup(eq ? eq + 1 : "");
        if (!r->params[2 * k] || !r->params[2 * k + 1]) {
            /* release stops at the first NULL: leave none after it */
            free(r->params[2 * k]);
            free(r->params[2 * k + 1]);
            r->params[2 * k] = r->params[2 * k + 1] = NULL;
            cli_error("out of memory");
            return HUGI_EXIT_FAIL;
        }
    }
    r->req.headers = (const char *const *)r->headers;
    r->req.params = (const char *const *)r->params;
    r->req.cookies = hugi_config_value(c, "source", name, "cookie");
    const char *robots = hugi_config_value(c, "source", name, "robots");
    r->req.robots = robots && !strcmp(robots, "ignore") ? HUGI_ROBOTS_IGNORE : HUGI_ROBOTS_DEFAULT;
    double sd;
    if (hugi_config_get(c, "source", name, "delay", NULL) &&
        !hugi_config_duration(c, "source", name, "delay", &sd, &err))
        r->req.host_delay = sd;

    r->po.max_pages = (int)max_pages;
    long pages;
    if (hugi_config_get(c, "source", name, "pages", NULL) &&
        !hugi_config_int(c, "source", name, "pages", &pages, &err))
        r->po.max_pages = (int)pages;
    const char *page_param = hugi_config_value(c, "source", name, "page_param");
    const char *cursor_param = hugi_config_value(c, "source", name, "cursor_param");
    if (page_param) {
        r->po.mode = HUGI_PAGE_NUMBER;
        r->po.page_param = page_param;
        long start = 1;
        hugi_config_int(c, "source", name, "page_start", &start, &err);
        r->po.start = start;
    } else if (cursor_param) {
        r->po.mode = HUGI_PAGE_CURSOR;
        r->po.cursor_param = cursor_param;
    } else {
        r->po.mode = HUGI_PAGE_NEXT_URL;
    }
    return 0;
}

void cli_source_req_release(struct cli_source_req *r)
{
    free(r->headers);
    for (size_t k = 0; r->params && r->params[k]; k++)
        free(r->params[k]);
    free(r->params);
    r->headers = NULL;
    r->params = NULL;
}
