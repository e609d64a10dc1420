# SPDX-License-Identifier: MIT
# The foundation's tests: config, CSV, store (unit), import/export flows, the kill -9 loop.
hugi_unit_test(config)
hugi_unit_test(csv)
hugi_unit_test(store LIBS hugi_store SQLite::SQLite3)
