/** The domain is plain TypeScript: it reaches the world only through its ports. */
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
      name: 'slack-stays-in-slack-folder',
      severity: 'error',
      from: { pathNot: '^src/bot/slack' },
      to: { path: 'node_modules/@slack/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
