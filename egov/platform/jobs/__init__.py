"""The platform's one job queue: background work in the database.

The queue is a table (`Job`), so it runs on the embedded SQLite default with no
extra server and on PostgreSQL in production; no Redis is needed. Django 6.0's
`django.tasks` (and its `django-tasks` backport with a database backend) is
the future replacement: the shapes here (a task registry, `enqueue`, a worker
command) follow it so moving over is mechanical once the project is on 6.0.

- **Tasks** are functions registered with `@task("name")` in an app's
  `tasks.py` (found at start-up, see apps.py). They take keyword arguments that
  are JSON values and return a JSON value (the job's `result`).
- **`enqueue(task, **kwargs)`** writes one `Job` row. Called inside the
  caller's transaction, the job commits with the caller's data or not at all:
  a rolled-back change never runs its job (the transactional-outbox rule).
  A `unique_key` keeps one queued or running job per key (double clicks,
  periodic slots).
- **The worker** (`egov worker`, worker.py) claims due jobs one at a time.
  On PostgreSQL the claim is `SELECT ... FOR UPDATE SKIP LOCKED`, so workers
  never wait for each other; on SQLite (no row locks) it is a conditional
  `UPDATE ... WHERE status = 'queued'`, which only one worker can win. A task
  that raises is retried with exponential back-off up to its `max_attempts`,
  then the job is `failed` (the admin's "Chạy lại" queues it again). A
  `running` job whose lease ran out (the worker died) is queued again.
- **Periodic tasks** (`@task(..., schedule=every(seconds=10))` or
  `daily(time(7, 0))`) are enqueued by the worker once per slot, with the
  slot in the unique key, so several workers schedule each slot once.

Delivery is at least once: a task may run again after a crash between its
work and the `done` mark, so tasks must be idempotent (the e-mail and
national-portal outboxes are; a report export just writes a new file).
"""
