"""Reads and scoping for appointments and contacts (through their party)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from probanker.parties.querysets import PartyBoundQuerySet


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware start of ``day`` and of the next day, in the project's time zone."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


class AppointmentQuerySet(PartyBoundQuerySet):
    """Appointments, scoped through their client or prospect."""

    def between(self, first: dt.date, last: dt.date) -> AppointmentQuerySet:
        """Appointments starting from ``first`` to ``last`` included (local days)."""
        return self.filter(starts_at__gte=day_bounds(first)[0], starts_at__lt=day_bounds(last)[1])

    def on_day(self, day: dt.date) -> AppointmentQuerySet:
        return self.between(day, day)

    def of_manager(self, manager_id: int) -> AppointmentQuerySet:
        return self.filter(manager_id=manager_id)

    def planned(self) -> AppointmentQuerySet:
        return self.filter(status="planned")


class ContactQuerySet(PartyBoundQuerySet):
    """Contacts of the log, scoped through their party."""

    def next_steps_due(self, until: dt.date) -> ContactQuerySet:
        """Contacts whose next step is due by ``until`` and not done yet."""
        return self.filter(next_step_due__lte=until, next_step_done=False).exclude(next_step="")
