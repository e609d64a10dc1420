# SPDX-License-Identifier: MIT
# The PostgreSQL store's tests. A throwaway server (tests/pg_server.sh: 127.0.0.1, a random free
# port, its data in a temp dir, gone after the run) is a ctest fixture: started before the tests
# that need it, stopped after them even when they fail. They get its URI in HUGI_TEST_PG_URI.
# A server that cannot start fails them; only a machine without the server programs skips them
# (scripts/deps.sh installs them for `make test`).
set(HUGI_PG_STATE ${CMAKE_BINARY_DIR}/pg-test)
set(HUGI_PG_SH ${CMAKE_CURRENT_SOURCE_DIR}/pg_server.sh)

add_test(NAME pg/server-start COMMAND bash ${HUGI_PG_SH} start ${HUGI_PG_STATE})
set_tests_properties(pg/server-start PROPERTIES FIXTURES_SETUP pg TIMEOUT 90 LABELS "pg"
                     SKIP_RETURN_CODE 77)
add_test(NAME pg/server-stop COMMAND bash ${HUGI_PG_SH} stop ${HUGI_PG_STATE})
set_tests_properties(pg/server-stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 60 LABELS "pg")

# the store's unit tests (tests/unit/test_store.c), this time on PostgreSQL
add_test(NAME unit/store-pg
         COMMAND bash ${HUGI_PG_SH} run ${HUGI_PG_STATE} $<TARGET_FILE:test_store> pg)
set_tests_properties(unit/store-pg PROPERTIES FIXTURES_REQUIRED pg TIMEOUT 120
                     LABELS "unit;pg;store" SKIP_RETURN_CODE 77)

# `hugi scan --worker`: three workers share one scan of the demo shop on the test server (each
# source fetched once, the alerts of one plain scan), a dead worker's source taken over when its
# lease runs out, and two workers on one SQLite file
add_test(NAME pg/scan-workers
         COMMAND bash ${HUGI_PG_SH} run ${HUGI_PG_STATE} bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_worker.sh
                 $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(pg/scan-workers PROPERTIES FIXTURES_REQUIRED pg TIMEOUT 240
                     LABELS "pg;e2e" SKIP_RETURN_CODE 77)

# the import/export flows of tests/data/import-flow again on PostgreSQL, against the same goldens
file(GLOB pg_flow_dirs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/import-flow/*)
add_test(NAME pg/import-flows
         COMMAND bash ${HUGI_PG_SH} run ${HUGI_PG_STATE} bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_flows.sh
                 $<TARGET_FILE:hugi> ${pg_flow_dirs})
set_tests_properties(pg/import-flows PROPERTIES FIXTURES_REQUIRED pg TIMEOUT 240
                     LABELS "pg;flow" SKIP_RETURN_CODE 77)

# pg_server.sh on its own: after a stop no server, data dir or watchdog process is left
add_test(NAME pg/server-script COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_server_test.sh
                                       ${HUGI_PG_SH})
set_tests_properties(pg/server-script PROPERTIES TIMEOUT 120 LABELS "pg" SKIP_RETURN_CODE 77)

# `hugi scan` and the server: two plain scans at once (the second refused, or waiting with
# --wait), a scan and a worker whose session the server ends mid-run going on (reconnect), and a
# scan across a restart of a server of its own (tests/pg_server.sh restart)
add_test(NAME pg/scan-lock-reconnect
         COMMAND bash ${HUGI_PG_SH} run ${HUGI_PG_STATE} bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_scan.sh
                 $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(pg/scan-lock-reconnect PROPERTIES FIXTURES_REQUIRED pg TIMEOUT 180
                     LABELS "pg;e2e" SKIP_RETURN_CODE 77)

# `hugi scan` whose server goes away for good mid-run (a server of the test's own): one reconnect
# attempt, then every store call fails at once, so the scan ends in seconds, not minutes, exit 1
# with one error; what was committed before is all there when the server is back
add_test(NAME pg/store-down COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_store_down.sh
                                    $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(pg/store-down PROPERTIES TIMEOUT 180 LABELS "pg;e2e" SKIP_RETURN_CODE 77)
