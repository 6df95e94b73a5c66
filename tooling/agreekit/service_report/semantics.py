"""How the report measures, in the words the README and every report print."""

from __future__ import annotations

SEMANTICS = (
    "A ticket belongs to the period in which it was created, in the service hours' time zone.",
    "Response time is the time on the priority's clock from created to first_response; "
    "resolution time is the time on its clock from created to resolved, less paused_minutes.",
    "The business clock counts only service hours on service days, not public holidays of the "
    "agreement's country and subdivision, with each day's hours in its own UTC offset (DST); "
    "a 24x7 clock counts elapsed time. On a day the clocks change, service hours run from the "
    "moment the local clock first reads the start time to the moment it first reads the end time.",
    "A ticket is within target when its time on the clock is at most the target.",
    "A ticket not answered (or not resolved) by the end of the period is breached if its "
    "deadline passed before then, otherwise open: listed, not counted.",
    "Attainment is met / (met + breached) x 100; measured is met + breached.",
    "Availability is (minutes in the period - minutes of unplanned downtime) / minutes in the "
    "period x 100, per service; planned maintenance is excluded only inside the agreement's "
    "maintenance window (and with the notice the agreement requires, when the log says when "
    "notice was given); overlapping outages of a service count once.",
    "The service credit is the credit of the tier into which the lowest availability of any "
    "service falls, at most the cap.",
    "A late response or resolution credit is earned once by each ticket of its priority whose "
    "time on the clock is longer than the credit's `after`, at the band with the longest `after` "
    "passed (a ticket still open at the end of the period: the band reached by then). Each credit "
    "schedule (the agreement's, each service's own) is totalled on its own fees, at most its cap.",
    "Rejected rows (unknown priority, unparsable time, first response or resolution before "
    "creation, bad number, duplicate id) are listed and counted, never measured.",
)
