/**
 * The domain is plain TypeScript: it reaches the world only through its ports. The adapters (persistence, mail,
 * jobs, web, http) and the chat platforms (src/bot) meet only in src/domain and in the composition root (src/app.ts).
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain-typescript',
      comment: 'src/domain may import only itself, Node built-ins and small pure libraries (zod, luxon).',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^src/domain', 'node_modules/(zod|luxon)/'] },
    },
    {
      name: 'botbuilder-stays-in-teams-folder',
      comment: 'botbuilder is archived upstream; moving to the Teams SDK must be a one-folder change.',
      severity: 'error',
      from: { pathNot: '^src/bot/teams' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'agenda-stays-in-its-folder',
      comment: 'Issue #16: the job engine can be swapped in src/jobs/agenda alone; the rest of the app uses the JobEngine port.',
      severity: 'error',
      from: { pathNot: '^src/jobs/agenda/' },
      to: { path: 'node_modules/(agenda|@agendajs)/' },
    },
    {
      name: 'slack-stays-in-slack-folder',
      severity: 'error',
      from: { pathNot: '^src/bot/slack' },
      to: { path: 'node_modules/@slack/' },
    },
    {
      name: 'adapters-never-import-bot',
      comment: 'The adapters serve the domain, not the chat platforms: a port they share with src/bot lives in src/domain.',
      severity: 'error',
      from: { path: '^src/(persistence|http|mail|web|jobs|calendar|cli)/' },
      to: { path: '^src/bot/' },
    },
    {
      name: 'bot-never-imports-persistence',
      comment: 'The platforms reach storage only through ports (src/domain) that the composition root fills.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: ['^src/persistence/', 'node_modules/(typeorm|pg)/'] },
    },
    {
      name: 'slack-never-imports-teams',
      comment: 'What both platforms need belongs in src/bot/core.',
      severity: 'error',
      from: { path: '^src/bot/slack/' },
      to: { path: '^src/bot/teams/' },
    },
    {
      name: 'teams-never-imports-slack',
      comment: 'What both platforms need belongs in src/bot/core.',
      severity: 'error',
      from: { path: '^src/bot/teams/' },
      to: { path: '^src/bot/slack/' },
    },
    {
      name: 'core-is-platform-neutral',
      comment: 'src/bot/core decides once for every platform: no platform folder, no configuration, no HTTP.',
      severity: 'error',
      from: { path: '^src/bot/core/' },
      to: { path: ['^src/bot/(slack|teams)/', '^src/bot/platforms\\.ts$', '^src/config\\.ts$', '^src/http/'] },
    },
    {
      name: 'http-knows-no-concrete-store',
      comment: 'src/http asks its probes (HealthProbe); the composition root answers them from the stores.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/(persistence|mail|jobs|web)/', 'node_modules/(typeorm|pg|agenda)/'] },
    },
    {
      name: 'adapters-never-import-each-other',
      comment: 'A port that crosses adapter folders lives in src/domain; src/app.ts hands the implementation over.',
      severity: 'error',
      from: { path: '^src/(persistence|mail|jobs|web)/' },
      to: { path: '^src/(persistence|mail|jobs|web)/', pathNot: '^src/$1/' },
    },
    {
      name: 'composition-root-builds-services',
      comment: 'Only src/app.ts (and the command-line tools) construct domain services; everyone else is given them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app\\.ts$', '^src/cli/', '^src/domain/'] },
      to: { path: '^src/domain/.*\\.(service|queries)\\.ts$|^src/domain/client-email-composer\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platform-folders-call-no-use-case',
      comment:
        'The core decides (notices, forms, commands, clicks) and carries out the use case; a platform folder only renders and '
        + 'turns its wire into the core\'s neutral input. It gets the domain through PlatformContext, never by importing a service.',
      severity: 'error',
      from: { path: '^src/bot/(slack|teams)/' },
      to: { path: ['^src/domain/.*\\.(service|queries)\\.ts$', '^src/domain/services\\.ts$'] },
    },
    {
      name: 'platform-folders-decide-nothing',
      comment: 'Who is told what is the core\'s policy alone: a platform folder renders the notices it is handed.',
      severity: 'error',
      from: { path: '^src/bot/(slack|teams)/' },
      to: { path: '^src/bot/core/notices/(policy|snapshot|reachability)' },
    },
    {
      name: 'formats-read-text-only',
      comment:
        'src/formats turns what people write (a staff directory in YAML or JSON) into plain data for both the command line and '
        + 'the chat forms (issue #17); the domain checks it. It imports only itself and its parser.',
      severity: 'error',
      from: { path: '^src/formats/' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^src/formats/', 'node_modules/yaml/'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
