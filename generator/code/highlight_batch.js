// kb's code-highlighting batch, run by `node -e` (generator/code/highlighter.h).
// stdin:  {"scripts": ["<highlight.min.js>", "<grammar>", ...],
//          "blocks": [{"language": "python", "code": "..."}, ...]}
// stdout: {"version": "...", "results": [{"html": "..."} | {"plain": true}, ...]}
// A language highlight.js does not know (by name or alias) is {"plain": true}.
'use strict';
const vm = require('vm');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  const sandbox = {};
  vm.createContext(sandbox);
  vm.runInContext(req.scripts[0] + '\n;this.hljs = hljs;', sandbox);
  for (const grammar of req.scripts.slice(1)) vm.runInContext(grammar, sandbox);
  const hljs = sandbox.hljs;
  const results = req.blocks.map(({ language, code }) => {
    if (!language || !hljs.getLanguage(language)) return { plain: true };
    try {
      return { html: hljs.highlight(code, { language, ignoreIllegals: true }).value };
    } catch (e) {
      return { plain: true };
    }
  });
  process.stdout.write(JSON.stringify({ version: hljs.versionString, results }));
});
