/* SPDX-License-Identifier: MIT
 * What the subcommands share: exit codes, messages on stderr in git's form, and the options every
 * subcommand takes (-q, -v, --config, --store). Each subcommand is one file, cmd_<name>.c, with
 * `int hugi_cmd_<name>(int argc, char **argv)` listed in main.c's table. */
#ifndef HUGI_CLI_H
#define HUGI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "hugi/core.h"

enum {
    HUGI_EXIT_OK = 0,
    HUGI_EXIT_FAIL = 1,
    HUGI_EXIT_USAGE = 2,   /* usage or configuration error */
    HUGI_EXIT_PARTIAL = 3, /* some sources failed, the rest was done */
};

/* -1 quiet, 0 normal, 1+ verbose */
extern int cli_verbosity;
/* --config / $HUGI_CONFIG / "./hugi.conf"; NULL until cli_config_path() */
extern const char *cli_config_opt;
extern const char *cli_store_opt;

/* "hugi: error: ..." on stderr (always shown) */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "hugi: warning: ..." (hidden by -q) */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "hugi: ..." shown only with -v */
void cli_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* prints an error from a hugi_err: "hugi: error: <what>: msg (where)" */
void cli_error_err(const char *what, const struct hugi_err *err);

/* The options every subcommand accepts. Put CLI_COMMON_LONGOPTS in the option table and
 * CLI_COMMON_SHORTOPTS in the short string, and hand unknown codes to cli_common_opt(). */
/* The leading ':' makes getopt print nothing and tell a missing value (':') from an unknown
 * option ('?'); cli_bad_option() says which, naming the option. Keep it first in the string. */
#define CLI_COMMON_SHORTOPTS ":qvh"
#define CLI_OPT_CONFIG       0x1001
#define CLI_OPT_STORE        0x1002
#define CLI_COMMON_LONGOPTS                                                                        \
    {"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},                        \
        {"help", no_argument, NULL, 'h'}, {"config", required_argument, NULL, CLI_OPT_CONFIG},     \
    {                                                                                              \
        "store", required_argument, NULL, CLI_OPT_STORE                                            \
    }
/* Returns true when it took the option. 'h' is not taken: the subcommand prints its own help. */
bool cli_common_opt(int c, const char *arg);
/* getopt_long() returned c (':' or '?', or a code the caller does not handle) on argv: prints
 * "hugi: error: unknown option '--x'", "option '--x' needs a value" or "option '--x' takes no
 * value", and for cli_bad_option() the "see 'hugi CMD --help'" line; returns HUGI_EXIT_USAGE. */
void cli_option_error(int c, char *const *argv);
int cli_bad_option(const char *cmd, int c, char *const *argv);
/* One line for usage errors: "hugi: error: ...\nsee 'hugi NAME --help'" and HUGI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text to append to each subcommand's --help, describing the common options. */
extern const char cli_common_help[];

/* 3 when s starts with a UTF-8 byte-order mark (Excel and Notepad write one), else 0: readers of
 * line files skip it on their first line, so the first line is not rejected as malformed. */
size_t cli_bom_len(const char *s, size_t len);

/* The config file to read: --config, else $HUGI_CONFIG, else "./hugi.conf". */
const char *cli_config_path(void);
/* The directory holding lexicons/ and templates/: $HUGI_DATADIR, else the source tree the binary
 * was built from when it still exists, else the installed share/hugi. Borrowed. */
const char *cli_data_dir(void);

/* The configuration: cli_config_path(), checked against the schema. A missing file is fine only
 * when it is the default ./hugi.conf (every key at its default). Errors are printed as
 * "hugi: error: hugi.conf:12: unknown key ..." and give NULL with *exit_code = HUGI_EXIT_USAGE;
 * warnings (e.g. a secret in a file others can read) are printed too. Caller frees with
 * hugi_config_free(). */
struct hugi_config;
struct hugi_store;
struct hugi_config *cli_config_load(int *exit_code);
/* A path named in the configuration: relative to the config file's folder (so a cron job works
 * from any directory), absolute or with no folder to the file as given. Caller frees; NULL on
 * OOM. */
char *cli_conf_path(const struct hugi_config *c, const char *p);
/* The store to use: --store, else [store] path, else hugi.db, relative to the config file's
 * folder (the default: ./hugi.db, the old default, while there is none beside the config and
 * it exists). Caller frees. */
char *cli_store_path(const struct hugi_config *cfg);
/* Opens (creating unless must_exist) the store; prints the error and gives NULL with
 * *exit_code set on failure. */
struct hugi_store *cli_store_open(const struct hugi_config *cfg, bool must_exist, int *exit_code);

/* The complaint categories of a text, for other subcommands (`hugi score --categories`):
 * appends ,"categories":[...],"complaint_evidence":[...] (jsonl) or <TAB>cat,cat (tsv; "-" for
 * none) to out. Loads <datadir>/lexicons/complaints on first use; false (error printed) when
 * they do not load. cli_complaint_annotate_done() frees what the first call loaded. norm: the
 * text as the scorer normalised it (hugi_sent_result.text), or NULL; negative: its score is < 0
 * (opens the critical model's gate, hugi_complaint_categorize_gated). */
struct hugi_tm_text;
bool cli_complaint_annotate(const char *text, size_t len, const struct hugi_tm_text *norm,
                            bool negative, bool jsonl, struct hugi_buf *out);
void cli_complaint_annotate_done(void);
/* hugi_complaint_tax_load_extra() through the image cache (cmd_complaints.c): the taxonomy
 * built from a valid compiled image of exactly these files when there is one, else parsed and
 * the image written for next time. Same errors as the parse. */
struct hugi_complaint_tax;
hugi_rc cli_complaint_tax_load(struct hugi_complaint_tax **out, const char *dir,
                               const char *const *extra, size_t nextra, struct hugi_err *err);

/* The subcommands in the order `hugi --help` lists them. LEAN ones run in the lean `hugi`
 * executable, which links none of libcurl, libxml2 and libpq so that it starts fast; FULL ones
 * need one of them (network, HTML, a store that may be PostgreSQL, or their versions) and `hugi`
 * runs them by exec()ing hugi-full with the same arguments (main.c; README.md, "Start-up"). A
 * LEAN command's files are listed in cli/CMakeLists.txt; the lean link fails if one reaches a
 * FULL library. */
#define CLI_SUBCOMMANDS(X)                                                                         \
    X(scan, FULL, "fetch, store, score and report every configured source")                        \
    X(fetch, FULL, "fetch one URL and print its reviews as JSONL")                                 \
    X(extract, FULL, "extract reviews from a saved page or feed")                                  \
    X(import, FULL, "import a seller-centre export (CSV or JSONL) into the store")                 \
    X(export, FULL, "print stored reviews as JSONL or CSV")                                        \
    X(score, LEAN, "score texts: arguments, or stdin one text a line")                             \
    X(eval, LEAN, "measure the scorer on labelled files")                                          \
    X(lexicon, LEAN, "learn, check or compile lexicons")                                           \
    X(complaints, FULL, "recurring, spiking and emerging complaints per product")                  \
    X(report, FULL, "write the digest and alert files from the store")                             \
    X(alerts, FULL, "list alerts")                                                                 \
    X(ack, FULL, "mark alerts handled")                                                            \
    X(version, FULL, "print the version and the libraries in use")                                 \
    X(help, LEAN, "list subcommands, or show one's help")

#define DECLARE_CMD(name, where, summary) int hugi_cmd_##name(int argc, char **argv);
CLI_SUBCOMMANDS(DECLARE_CMD)
#undef DECLARE_CMD

#endif
