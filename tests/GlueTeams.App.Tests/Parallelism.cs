// Test classes run side by side: each class hosts its own app on tables and queues of its own prefix
// (Azurite.NewStorageOptions), its own simulator on free ports, and keeps its state in its own static fields.
// Most of the suite's time is waiting on outages, retries and Kestrel hosts, not the CPU, so more workers than cores pay.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
