/* SPDX-License-Identifier: MIT
 * libFuzzer: the configuration parser on arbitrary bytes. Every input either loads or fails with
 * a FILE:LINE error; a loaded config answers every lookup and typed getter without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parse that goes on past errors must name each with a place and agree with the one that
 * stops at the first: same result, same first error. */
static void count_error(const struct hugi_err *e, void *ctx)
{
    if (!strchr(e->where, ':'))
        abort();
    ++*(int *)ctx;
}

static void check_parse_all(const uint8_t *data, size_t size, hugi_rc rc, const struct hugi_err *e)
{
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    int n = 0;
    hugi_rc rc2 =
        hugi_config_parse_all("fuzz.conf", (const char *)data, size, &c, &err, count_error, &n);
    if (rc2 != rc || (rc2 == HUGI_OK) != (c != NULL) || n > 20)
        abort();
    if (rc == HUGI_E_CONFIG && (n < 1 || strcmp(err.where, e->where) || strcmp(err.msg, e->msg)))
        abort();
    hugi_config_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) {
        setenv("HUGI_FUZZ_VAR", "value", 1);
        once = 1;
    }
    struct hugi_config *c = NULL;
    struct hugi_err err;
    hugi_rc rc = hugi_config_parse("fuzz.conf", (const char *)data, size, &c, &err);
    check_parse_all(data, size, rc, &err);
    if (rc) {
        if (c || !strchr(err.where, ':'))
            abort(); /* failure without a location, or with an object */
        return 0;
    }
    size_t nkeys;
    const struct hugi_conf_key *keys = hugi_config_schema(&nkeys);
    for (size_t i = 0; i < nkeys; i++) {
        const char *sec = keys[i].section;
        size_t nsub = hugi_config_subsection_count(c, sec);
        for (size_t j = 0; j <= nsub; j++) {
            const char *sub = hugi_config_subsection(c, sec, j);
            long l;
            double d;
            bool b;
            uint64_t sz;
            int64_t tz;
            const char *s;
            for (size_t k = 0; hugi_config_get_nth(c, sec, sub, keys[i].key, k, NULL); k++)
                ;
            hugi_config_string(c, sec, sub, keys[i].key, &s, &err);
            /* a value that loaded must also pass its typed getter */
            hugi_rc g = HUGI_OK;
            switch (keys[i].type) {
            case HUGI_CONF_INT:
                g = hugi_config_int(c, sec, sub, keys[i].key, &l, &err);
                break;
            case HUGI_CONF_DOUBLE:
                g = hugi_config_double(c, sec, sub, keys[i].key, &d, &err);
                break;
            case HUGI_CONF_BOOL:
                g = hugi_config_bool(c, sec, sub, keys[i].key, &b, &err);
                break;
            case HUGI_CONF_DURATION:
                g = hugi_config_duration(c, sec, sub, keys[i].key, &d, &err);
                break;
            case HUGI_CONF_SIZE:
                g = hugi_config_size(c, sec, sub, keys[i].key, &sz, &err);
                break;
            case HUGI_CONF_TZ:
                g = hugi_config_tz(c, sec, sub, keys[i].key, &tz, &err);
                break;
            default:
                break;
            }
            if (g == HUGI_E_CONFIG)
                abort();
        }
    }
    hugi_config_free(c);
    return 0;
}
