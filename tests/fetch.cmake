# SPDX-License-Identifier: MIT
# The fetching half of the fetchers stage: pure units (robots.txt, Retry-After, backoff, URLs)
# and the fetcher against tests/http_server.py, which the test starts and stops itself.
hugi_unit_test(robots LIBS hugi_fetch)
hugi_unit_test(fetch_util LIBS hugi_fetch)
hugi_unit_test(fetch LIBS hugi_fetch LABELS "net")
set_tests_properties(unit/fetch PROPERTIES TIMEOUT 120)
add_test(NAME fetch/cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fetch_cli.sh $<TARGET_FILE:hugi>)
set_tests_properties(fetch/cli PROPERTIES TIMEOUT 90 LABELS "net")
