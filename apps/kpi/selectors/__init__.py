"""The KPI figures, computed in the database (spec 06): one module per dashboard.

Every selector takes the caller's landlord id and reads only that landlord's rows (explicit
``landlord_id`` filter, on top of the scoped managers). Each route runs a fixed number of
aggregate queries, whatever the amount of data: sums, counts and conditional aggregates
(``filter=``) over both the current and the previous window at once. Monthly series are a
conditional sum per month (financial) or a ``TruncMonth`` group-by (maintenance). Only ORM
expressions that the SQL backends and the MongoDB backend both support are used (no raw SQL, no
window functions; ``django_mongodb_backend`` translates conditional aggregates, ``$dateTrunc``,
date subtraction and ``Exists``/``Subquery``).
"""
