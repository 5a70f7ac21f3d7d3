"""Keeping the directory true (stewardship of actors and offers).

Review reminders to each entry's owner with signed one-click links
(``send_review_reminders``), suggestions of corrections from anyone with a review queue
for staff, and the data-quality page that counts what needs care. Builds on ``actors``
(the entries, their owners and review intervals) and ``networks`` (coordinators,
members); no app below imports it.
"""
