/* SPDX-License-Identifier: MIT
 * `hugi scan`: placeholder until the scan stage lands. */
#include "cli.h"

int hugi_cmd_scan(int argc, char **argv)
{
    return cli_stub(argc, argv, "scan",
                    "usage: hugi scan [--product ID] [--source NAME] [options]\n\nFetch every configured source, store new and edited reviews, score them, find\ncomplaints and write alert files and the digest.\n\n",
                    "scan");
}
