/* SPDX-License-Identifier: MIT
 * libFuzzer: the configuration parser on arbitrary bytes. Every input either loads or fails with
 * a FILE:LINE error; a loaded config answers every lookup and typed getter without crashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
