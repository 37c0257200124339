// Where `dotnet restore infra/tools/Bicep.csproj` puts the Bicep CLI; the version is read from that project.
// Printed when run directly (./glue uses it to decide whether to restore).
const fs = require('fs');
const os = require('os');
const path = require('path');

function bicepPath() {
  const project = fs.readFileSync(path.join(__dirname, 'Bicep.csproj'), 'utf8');
  const [, id, version] = /<PackageDownload Include="([^"]+)" Version="\[([^\]]+)\]"/.exec(project);
  const packages = process.env.NUGET_PACKAGES || path.join(os.homedir(), '.nuget', 'packages');
  return path.join(packages, id.toLowerCase(), version, 'tools', 'bicep');
}

module.exports = { bicepPath };

if (require.main === module) console.log(bicepPath());
