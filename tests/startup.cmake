# SPDX-License-Identifier: MIT
# The compiled lexicon image (start-up): round trip against the TSV-built model, refusals.
hugi_unit_test(lexicon_image LIBS hugi_sent)
