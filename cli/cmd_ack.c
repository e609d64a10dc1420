/* SPDX-License-Identifier: MIT
 * `hugi ack`: placeholder until the reports stage lands. */
#include "cli.h"

int hugi_cmd_ack(int argc, char **argv)
{
    return cli_stub(argc, argv, "ack",
                    "usage: hugi ack ALERT_ID... [--by NAME] [--note TEXT]\n\nMark alerts handled.\n\n",
                    "reports");
}
