/* SPDX-License-Identifier: MIT
 * `hugi complaints`: placeholder until the complaints stage lands. */
#include "cli.h"

int hugi_cmd_complaints(int argc, char **argv)
{
    return cli_stub(argc, argv, "complaints",
                    "usage: hugi complaints [--product ID] [--since DATE] [--format table|jsonl]\n\nShow recurring, spiking and emerging complaints.\n\n",
                    "complaints");
}
