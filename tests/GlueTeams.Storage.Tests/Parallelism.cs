// Test classes run side by side, four at once: each keeps its state in fields of its own (its own simulator or issuer on
// free ports, its own Azurite tables), and most of their time is waiting on loopback HTTP, not the CPU.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
