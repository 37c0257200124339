// The shared hosts (AppFactory, TabApiHost, the simulated tenant, Azurite) live in GlueTeams.Testing.
global using GlueTeams.Testing;
