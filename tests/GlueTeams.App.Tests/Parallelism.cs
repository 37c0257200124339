// Test classes run side by side, six at once on any machine: each class hosts its own app on tables and queues of its
// own prefix (Azurite.NewStorageOptions), its own simulator and issuer on free ports, and keeps its state in its own
// static fields, and most of a class's time is spent waiting (outages, retries, leases), not on the CPU. What a test
// expects to be served within a deadline has the production deadline (5 s a request); only outage tests shorten the
// waits they sit through (GraphOutageTests.ShortWaits), and then not below what a loaded machine answers in.
[assembly: Parallelize(Workers = 6, Scope = ExecutionScope.ClassLevel)]
