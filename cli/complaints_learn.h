/* SPDX-License-Identifier: MIT
 * `hugi complaints learn` (cli/complaints_learn.c), reached from cmd_complaints.c. */
#ifndef HUGI_COMPLAINTS_LEARN_H
#define HUGI_COMPLAINTS_LEARN_H

int hugi_cmd_complaints_learn(int argc, char **argv);

#endif
