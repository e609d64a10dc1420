/* SPDX-License-Identifier: MIT
 * The hugi command: global options, then one subcommand from the table. Everything a subcommand
 * does lives in cmd_<name>.c; this file only dispatches and documents exit codes.
 *
 * Built twice (cli/CMakeLists.txt). `hugi` (HUGI_LEAN) runs the LEAN subcommands of cli.h itself
 * and links none of libcurl, libxml2 and libpq, whose loading cost `hugi score` 5-7 ms of its
 * start-up (bench/README.md, session nine); for a FULL subcommand it execs hugi-full, the same
 * file built with every subcommand, with its own argv unchanged, so the CLI is one program to
 * the user (git runs its HTTP transport, git-remote-http, apart from `git` the same way). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct cmd {
    const char *name;
    int (*fn)(int, char **); /* NULL: run by hugi-full (the lean build only) */
    const char *summary;
};

#ifdef HUGI_LEAN
#define CMD_FN_LEAN(name) hugi_cmd_##name
#define CMD_FN_FULL(name) NULL
#else
#define CMD_FN_LEAN(name) hugi_cmd_##name
#define CMD_FN_FULL(name) hugi_cmd_##name
#endif

static const struct cmd commands[] = {
#define ENTRY(name, where, summary) {#name, CMD_FN_##where(name), summary},
    CLI_SUBCOMMANDS(ENTRY)
#undef ENTRY
};

#ifdef HUGI_LEAN
#include <errno.h>
#include <unistd.h>

/* main()'s argv, handed to hugi-full as it came: argv[0] too, which getopt's messages show */
static char **main_argv;

/* The folder holding hugi-full: $HUGI_EXEC_PATH when set (tests, like git's GIT_EXEC_PATH),
 * else HUGI_LIBEXEC_REL from the folder of this executable as the kernel resolved it
 * (/proc/self/exe, symlinks followed). One rule serves the build tree (build/cli/hugi,
 * build/libexec/hugi/hugi-full) and an installed tree wherever it was installed or moved
 * (PREFIX/bin/hugi, PREFIX/libexec/hugi/hugi-full); the installed path compiled in is only for
 * a system without /proc, or for an absolute CMAKE_INSTALL_LIBEXECDIR (cli/CMakeLists.txt) when
 * no hugi-full is beside this one. Never a search: one found elsewhere could be another version. */
static hugi_rc full_path(struct hugi_buf *out)
{
    const char *env = getenv("HUGI_EXEC_PATH");
    if (env && *env)
        return hugi_buf_addf(out, "%s/hugi-full", env);
    struct hugi_buf exe;
    hugi_buf_init(&exe, 1 << 16);
    size_t dir = 0; /* length of the folder part, 0: no /proc/self/exe */
    for (size_t room = 256; hugi_buf_grow(&exe, room) == HUGI_OK; room *= 2) {
        ssize_t n = readlink("/proc/self/exe", exe.data, room);
        if (n < 0)
            break;
        if ((size_t)n < room) { /* else it may be cut short: readlink does not say */
            for (dir = (size_t)n; dir > 0 && exe.data[dir - 1] != '/'; dir--)
                ;
            break;
        }
    }
    hugi_rc rc = dir ? hugi_buf_addf(out, "%.*s%s/hugi-full", (int)dir, exe.data, HUGI_LIBEXEC_REL)
                     : hugi_buf_addstr(out, HUGI_LIBEXEC_INSTALLED "/hugi-full");
    hugi_buf_release(&exe);
#if HUGI_LIBEXEC_FIXED
    /* configured with an absolute libexec folder: it stays where it was configured whatever
     * prefix the install was given, so an installed hugi runs hugi-full from there; one beside
     * this executable (the build tree's) comes first */
    if (!rc && dir && access(out->data, X_OK) != 0) {
        hugi_buf_reset(out);
        rc = hugi_buf_addstr(out, HUGI_LIBEXEC_INSTALLED "/hugi-full");
    }
#endif
    return rc;
}

/* Replaces this process with hugi-full and the same argv; returns only when that fails. */
static int run_full(const char *name)
{
    struct hugi_buf path;
    hugi_buf_init(&path, 1 << 17);
    hugi_rc rc = full_path(&path);
    if (rc != HUGI_OK) { /* out of memory, or a $HUGI_EXEC_PATH past the ceiling */
        hugi_buf_release(&path);
        cli_error("cannot name the path of hugi-full (it runs 'hugi %s'): %s", name,
                  hugi_strerror(rc));
        return HUGI_EXIT_FAIL;
    }
    execv(path.data, main_argv);
    cli_error("cannot run %s (it runs 'hugi %s'): %s", path.data, name, strerror(errno));
    hugi_buf_release(&path);
    return HUGI_EXIT_FAIL;
}
#endif

/* Runs c with getopt reset for it (glibc: optind 0 re-initialises getopt). */
static int run_cmd(const struct cmd *c, int argc, char **argv)
{
#ifdef HUGI_LEAN
    if (!c->fn)
        return run_full(c->name);
#endif
    optind = 0;
    return c->fn(argc, argv);
}

static const char exit_codes[] = "Exit codes:\n"
                                 "  0  success\n"
                                 "  1  failure\n"
                                 "  2  usage or configuration error\n"
                                 "  3  partial: some sources failed, some input lines were "
                                 "skipped\n"
                                 "     or some alert ids were not found (ack); the rest was "
                                 "done\n";

static void main_usage(FILE *out)
{
    fputs("usage: hugi [-q|-v] [--config FILE] [--store FILE] SUBCOMMAND [options]\n\n"
          "hugi (후기) watches what customers write about a shop's products and tells the\n"
          "helpdesk what needs an answer today.\n\nSubcommands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'hugi SUBCOMMAND --help' shows a subcommand's options.\n\n", out);
    fputs(exit_codes, out);
}

static const struct cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

int hugi_cmd_help(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-h") && strcmp(argv[1], "--help")) {
        const struct cmd *c = find_cmd(argv[1]);
        if (!c) {
            cli_error("'%s' is not a hugi subcommand", argv[1]);
            return HUGI_EXIT_USAGE;
        }
        if (c->fn == hugi_cmd_help) {
            main_usage(stdout);
            return HUGI_EXIT_OK;
        }
        char *sub[] = {argv[1], "--help", NULL};
        return run_cmd(c, 2, sub);
    }
    main_usage(stdout);
    return HUGI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS, {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
#ifdef HUGI_LEAN
    main_argv = argv;
#endif
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+" CLI_COMMON_SHORTOPTS, opts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        if (c == 'h') {
            main_usage(stdout);
            return HUGI_EXIT_OK;
        }
        if (c == 'V') {
            char *v[] = {"version", NULL};
            return run_cmd(find_cmd("version"), 1, v);
        }
        cli_option_error(c, argv);
        main_usage(stderr);
        return HUGI_EXIT_USAGE;
    }
    if (optind >= argc) {
        main_usage(stderr);
        return HUGI_EXIT_USAGE;
    }
    const struct cmd *cmd = find_cmd(argv[optind]);
    if (!cmd) {
        cli_error("'%s' is not a hugi subcommand; see 'hugi help'", argv[optind]);
        return HUGI_EXIT_USAGE;
    }
    opterr = 1;
    return run_cmd(cmd, argc - optind, argv + optind);
}
