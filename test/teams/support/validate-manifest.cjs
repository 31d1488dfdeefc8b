// Validates a Teams manifest (JSON file given as argument) with @microsoft/app-manifest and prints the errors
// as JSON. A separate Node process: the package requires an ES module, which jest's module loader cannot.
const { readFileSync } = require('node:fs');
const { AppManifestUtils } = require('@microsoft/app-manifest');

AppManifestUtils.validateAgainstSchema(JSON.parse(readFileSync(process.argv[2], 'utf8'))).then(
  (errors) => process.stdout.write(JSON.stringify(errors)),
  (error) => {
    process.stderr.write(String(error));
    process.exit(1);
  },
);
