"""The years a date typed into the app may fall in: anything outside is a typing slip.

The bound also keeps date arithmetic finite (a week starting 9999-12-27 has no end date).
"""

from datetime import date

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
