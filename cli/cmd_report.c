/* SPDX-License-Identifier: MIT
 * `hugi report`: placeholder until the reports stage lands. */
#include "cli.h"

int hugi_cmd_report(int argc, char **argv)
{
    return cli_stub(argc, argv, "report",
                    "usage: hugi report [--product ID] [--since DATE] [--format html|md]\n\nWrite the digest and alert files from the store.\n\n",
                    "reports");
}
