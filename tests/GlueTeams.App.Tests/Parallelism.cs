// Test classes run side by side, six at once on any machine: each class hosts its own app on tables and queues of its
// own prefix (Azurite.NewStorageOptions), its own simulator and issuer on free ports, and keeps its state in its own
// static fields, and most of a class's time is spent waiting (outages, retries, leases), not on the CPU. So that a
// loaded machine never turns a healthy answer into a 503 or a fallback, the test hosts wait long for Graph and storage
// (AppFactory.WithPatientWaits); outage tests set the waits they sit through (GraphOutageTests.ShortWaits).
[assembly: Parallelize(Workers = 6, Scope = ExecutionScope.ClassLevel)]
