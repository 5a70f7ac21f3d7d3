"""Calendar arithmetic the portal needs in Python and in SQL alike: a date plus a number
of months (a review interval of "12 months" is due on the same day a year later, the
31st of a shorter month on its last day), on PostgreSQL and on SQLite."""

from __future__ import annotations

import calendar
import datetime

from django.db import models


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class AddMonths(models.Func):
    """``AddMonths(date_expression, months_expression)``: the date that many months later,
    as :func:`add_months` computes it (NULL stays NULL)."""

    output_field = models.DateField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        (date, date_params), (months, months_params) = self._compiled(compiler)
        sql = f"({date} + make_interval(months => {months}))::date"
        return sql, (*date_params, *months_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's date() overflows the 31st into the next month; the CASE clamps it back
        # to the last day of the intended month, as PostgreSQL does.
        (date, d), (months, m) = self._compiled(compiler)
        later = f"date({date}, '+' || ({months}) || ' months')"
        last_day = f"date({date}, 'start of month', '+' || (({months}) + 1) || ' months', '-1 day')"
        sql = (
            f"CASE WHEN strftime('%%d', {later}) = strftime('%%d', {date}) "
            f"THEN {later} ELSE {last_day} END"
        )
        # Parameters in the order their expressions occur in the SQL.
        params = (*d, *m, *d, *d, *m, *d, *m)
        return sql, params

    def _compiled(self, compiler):
        return [compiler.compile(expression) for expression in self.source_expressions]
