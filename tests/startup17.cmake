# SPDX-License-Identifier: MIT
# Session thirteen's start-up (startup17): the image key hashed in one pass over the files read
# a chunk at a time; what the image now carries instead of being rebuilt at every load.
hugi_unit_test(startup17 LIBS hugi_sent)
