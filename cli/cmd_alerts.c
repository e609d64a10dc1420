/* SPDX-License-Identifier: MIT
 * `hugi alerts`: placeholder until the reports stage lands. */
#include "cli.h"

int hugi_cmd_alerts(int argc, char **argv)
{
    return cli_stub(argc, argv, "alerts",
                    "usage: hugi alerts [--open] [--product ID]\n\nList alerts.\n\n",
                    "reports");
}
