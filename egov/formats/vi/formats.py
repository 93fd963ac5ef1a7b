"""Vietnamese date input, day first, for every form and the admin.

Django's own Vietnamese locale defines no input formats, so it falls back
to the global ones, where "23/12/2026" is read month first and refused.
Vietnamese writes dates day first (dd/mm/yyyy, as on every form of Circular
01/2011/TT-BNV's successors, Decree 30/2020 Appendix I); ISO stays accepted
for the browsers' date pickers, which send yyyy-mm-dd.

The first format is also how forms show a date and what the admin's
calendar writes into its field, so it is the day-first one; pages with
<input type="date"> give their value in ISO themselves.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 23/12/2026
    "%Y-%m-%d",  # 2026-12-23, what <input type="date"> sends
    "%d-%m-%Y",  # 23-12-2026
    "%d.%m.%Y",  # 23.12.2026
    "%d/%m/%y",  # 23/12/26
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
# Weeks start on Monday (Thứ Hai) in Vietnam.
FIRST_DAY_OF_WEEK = 1
# Thousands grouped by three with a dot, decimals after a comma (10.000; 37,5).
# Django's Vietnamese locale sets no grouping, so force_grouping printed 10000.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
