"""The platform's one outbox mechanism: lease, one attempt, back-off, give-up, metrics.

Everything that leaves the platform goes through a table of rows written in
the transaction of the change that causes it (the transactional outbox):
the citizens' e-mails and SMS (egov/platform/notifications/outbox.py and
sms.py), the national portal sync (egov/onestop/portalsync/sender.py), and
the background jobs (egov/platform/jobs/worker.py) share this code. Imports: the platform only.

Plugging in a new outbox (the inter-agency exchange, say):

1. **The row.** Inherit `models.OutboxRow` (abstract) and add what is sent:

       class OutgoingMessage(OutboxRow):
           recipient = models.CharField(...)
           payload = models.JSONField(...)
           idempotency_key = models.CharField(..., unique=True)

           class Meta:
               indexes = [models.Index(fields=["status", "next_attempt_at"], name="...")]

   It brings `status` (`contract.DeliveryStatus`: pending, sending, sent,
   gave_up "Cần xử lý"), `attempts`, `next_attempt_at` (when due; the lease's
   end while sending; empty once finished), `last_error`, `created_at` and
   `sent_at`. An existing model with other names or state values maps them
   with `contract.RowFields` / `contract.RowStates` instead (the portal sync
   keeps its own "failed, to be retried" state; the job queue keeps
   `run_after`, `lease_until`, `finished_at`). Write rows only inside the
   transaction of the change, with `next_attempt_at=now` (the default): a
   rollback never leaves a message behind. Give each row an idempotency key
   the receiver can dedupe on: delivery is at least once.

2. **The outbox.** Describe it once, next to its sender:

       MESSAGES = Outbox(
           name="exchange",
           model=OutgoingMessage,
           connect=_session,            # yields send(row); see contract.Outbox
           retry=Retry(first=timedelta(seconds=30), cap=timedelta(hours=1), max_attempts=20),
           lease=timedelta(minutes=5),  # longer than one attempt can take
       )

   `send(row)` makes one attempt: it returns on success, raises to fail
   (`contract.GiveUp` to give up at once: the receiver refused for good).
   `due=` narrows the due rows (the portal sends the changes of a dossier
   in order: only the first unsent one is due).

3. **The drain.** `drain.drain(MESSAGES, limit=100)` is one pass, and never
   raises; register it as a periodic task in your app's `tasks.py`
   (egov/platform/jobs) with `max_attempts=1` (the outbox keeps its own
   counts). Never drain from a request (`transaction.on_commit` included):
   a receiver that hangs would hold the page (issue 16); a periodic drain
   every few seconds is soon enough. Show the numbers in the admin with
   `admin.OutboxAdmin` (`outbox = MESSAGES`).

How a row moves (lease.py, attempt.py):

- **Lease.** A drain takes due rows (status pending or retrying,
  `next_attempt_at` passed), oldest due first, and leases them: status
  sending, one more attempt counted, leased until now + `lease`. On
  PostgreSQL the rows are selected FOR UPDATE SKIP LOCKED, so concurrent
  workers take different rows without waiting; on SQLite the transaction
  holds the database's write lock (IMMEDIATE), so leases queue. Every
  outcome is written only if the row is still leased with the same attempt
  count, so a worker that overran its lease changes nothing.
- **A crash mid-send.** A lease that ran out (the worker died, or hung past
  the lease) counts as a failed attempt: the next drain makes the row due at
  once, or gives it up if that was its last attempt. The row may have
  reached the receiver before the crash: it is sent again, with its key.
- **Retry schedule.** The n-th failure waits `first * 2^(n-1)`, at most
  `cap` (`Retry.waits()` lists them): e-mails 1, 2, 4 ... 60 min; the portal
  30 s, 1, 2 ... 60 min; jobs per task.
- **Give-up.** After the `max_attempts`-th failed attempt (or GiveUp) the
  row is given up: status gave_up ("Cần xử lý"), `last_error` kept, an
  audit event "outbox.gave_up" in the same transaction, and a log line at
  ERROR. It stays there until a person acts: the outbox's own resend
  service (superusers only, audited, e.g. portalsync's "Gửi lại", the jobs'
  "Chạy lại") calls `resend.make_due_again`, which makes it pending again,
  due now, with a fresh count.
- **Metrics.** `selectors.outbox_metrics(MESSAGES)`: pending, retrying,
  sending, sent, gave_up and the oldest pending row's age, in one query.
"""
