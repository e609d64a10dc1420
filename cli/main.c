/* SPDX-License-Identifier: MIT
 * The hugi command: global options, then one subcommand from the table. Everything a subcommand
 * does lives in cmd_<name>.c; this file only dispatches and documents exit codes. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct cmd {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
};

static const struct cmd commands[] = {
#define ENTRY(name, summary) {#name, hugi_cmd_##name, summary},
    CLI_SUBCOMMANDS(ENTRY)
#undef ENTRY
};

static const char exit_codes[] = "Exit codes:\n"
                                 "  0  success\n"
                                 "  1  failure\n"
                                 "  2  usage or configuration error\n"
                                 "  3  partial: some sources failed, the rest was done\n";

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
        optind = 0;
        return c->fn(2, sub);
    }
    main_usage(stdout);
    return HUGI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS, {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
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
            return hugi_cmd_version(1, v);
        }
        cli_error("unknown option '%s'", argv[optind - 1]);
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
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; /* glibc: 0 re-initialises getopt for the subcommand */
    opterr = 1;
    return cmd->fn(sub_argc, sub_argv);
}
