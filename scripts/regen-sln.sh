#!/usr/bin/env bash
# Rebuilds GlueTeams.sln from the projects on disk (src/, tests/, bench/): the easy way out of .sln merge conflicts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -f GlueTeams.sln
dotnet new sln -n GlueTeams --format sln >/dev/null
find src tests bench -name '*.csproj' -not -path '*/node_modules/*' | sort | xargs dotnet sln GlueTeams.sln add >/dev/null
