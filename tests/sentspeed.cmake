# SPDX-License-Identifier: MIT
# The scorer's fast paths (summed matching and scoring) against the plain ones.
hugi_unit_test(sent_speed LIBS hugi_sent)
