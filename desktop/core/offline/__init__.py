"""Offline review: a local SQLite replica of the user's queue, a durable outbox, and sync.

`store` opens the replica (the same schema through the same models, routed per thread with
`db.models.DB.using`) and holds its own tables (outbox, conflicts, state); `take` copies the
alerts, their customers and the lookup data from the server and refreshes them incrementally;
`operations` is the table of what may be done offline and how each is checked at sync;
`outbox` runs an offline action through the service layer against the replica and queues it;
`sync` pushes the outbox to the server, exactly once per mutation, and lists conflicts.
"""
