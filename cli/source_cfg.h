/* SPDX-License-Identifier: MIT
 * The config's [fetch] and [source "NAME"] sections turned into fetch options, extraction options
 * and a request with its pagination: shared by `hugi scan` (every source) and `hugi fetch
 * --source NAME` (one), so both read a source the same way. */
#ifndef HUGI_CLI_SOURCE_CFG_H
#define HUGI_CLI_SOURCE_CFG_H

#include "hugi/config.h"
#include "hugi/extract.h"
#include "hugi/fetch.h"

/* field_* keys a source can set (field_id ... field_parent_id), with room to spare */
#define CLI_SOURCE_MAX_FIELDS 12
/* the page cap when neither [fetch] max_pages nor the source's pages says */
#define CLI_SOURCE_DEFAULT_PAGES 20

/* [fetch] keys over `fo` (keys left unset keep what `fo` has); *max_pages gets [fetch] max_pages
 * when set. Strings are borrowed from the config. */
void cli_fetch_opts_from_config(const struct hugi_config *c, struct hugi_fetch_opts *fo,
                                long *max_pages);

/* Whether the comma-separated `list` ("a, b,c") holds `item`. */
bool cli_list_has(const char *list, const char *item);

/* The product of source `name`: its product key, else the [product] whose sources list names it;
 * NULL when none. */
const char *cli_source_product(const struct hugi_config *c, const char *name);

/* What the command line set already, so the source's value stays under it. */
#define CLI_GIVEN_PRESET 1u
#define CLI_GIVEN_SCALE  2u

/* Fills what `xo` leaves open from the source's reading keys (preset and rating_scale unless
 * `given` says the command line set them; encoding, lang, map, items_path / items_xpath and
 * cursor_path / next_xpath, the preset's own spelling first). fields[0..*nfields) are the command
 * line's; each field_* key not among them is appended while *nfields < max_fields, and `fields`
 * becomes xo->fields. Used by scan, fetch and extract so all three read a source the same way.
 * An unknown preset is printed and gives HUGI_EXIT_USAGE; else 0. Strings stay the config's. */
int cli_source_extract_opts(const struct hugi_config *c, const char *name,
                            struct hugi_extract_opts *xo, struct hugi_extract_field *fields,
                            size_t *nfields, size_t max_fields, unsigned given);

/* A source's request and pagination; owns the arrays the request borrows. */
struct cli_source_req {
    struct hugi_fetch_req req;
    struct hugi_page_opts po;
    char **headers; /* NULL-terminated; the strings are the config's */
    char **params;  /* NULL-terminated key, value, ...; owned */
};

/* The source's url, header, param, cookie, robots, delay, pages (else `max_pages`), page_param /
 * page_start / cursor_param (else next links). The url may be NULL (the caller says what that
 * means). Out of memory is printed and gives HUGI_EXIT_FAIL; else 0. Release even on failure. */
int cli_source_req_init(const struct hugi_config *c, const char *name, long max_pages,
                        struct cli_source_req *r);
void cli_source_req_release(struct cli_source_req *r);

#endif
