/* SPDX-License-Identifier: MIT
 * `hugi score`: placeholder until the sentiment stage lands. */
#include "cli.h"

int hugi_cmd_score(int argc, char **argv)
{
    return cli_stub(argc, argv, "score",
                    "usage: hugi score [--format tsv|jsonl|score] [--explain] [TEXT...]\n\nScore texts given as arguments, or stdin one text a line.\n\n",
                    "sentiment");
}
