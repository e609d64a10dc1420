/* SPDX-License-Identifier: MIT
 * `hugi lexicon`: placeholder until the sentiment stage lands. */
#include "cli.h"

int hugi_cmd_lexicon(int argc, char **argv)
{
    return cli_stub(argc, argv, "lexicon",
                    "usage: hugi lexicon learn --rated FILE... [options]\n\nLearn a lexicon from rated reviews.\n\n",
                    "sentiment");
}
