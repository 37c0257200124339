// Test classes run side by side, one per core: each class hosts its own app on tables and queues of its own prefix
// (Azurite.NewStorageOptions), its own simulator and issuer on free ports, and keeps its state in its own static
// fields. More workers than cores were faster on an idle machine but starved the hosts' 5 s request timeouts on a
// loaded one (503s where a test expects an answer), so the worker count follows the cores.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
