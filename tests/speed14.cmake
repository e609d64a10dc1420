# SPDX-License-Identifier: MIT
# Session twelve's walk (speed14): hashed transitions found in slots that carry the child's hot
# record, checked against a brute-force matcher.
hugi_unit_test(sent_speed14 LIBS hugi_sent)
